"""Dates on the command line: ``2010``, ``2010-06`` or ``2010-06-30``."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import click

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


class DateParam(click.ParamType):
    """A date as YYYY, YYYY-MM or YYYY-MM-DD: the first day it names, or the last."""

    name = "date"

    def __init__(self, *, last: bool = False) -> None:
        self.last = last

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        m = _DATE.match(str(value).strip())
        try:
            if not m:
                raise ValueError
            year = int(m.group(1))
            month = int(m.group(2) or (12 if self.last else 1))
            if m.group(3):
                return date(year, month, int(m.group(3)))
            if not self.last:
                return date(year, month, 1)
            following = date(year + month // 12, month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        except ValueError:
            self.fail(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", param, ctx)
