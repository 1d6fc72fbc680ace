"""The release as the library hands it out: the record, with the views a reader wants.

``tieout.model.Release`` is a plain record that depends on nothing; the views of it
(every figure as a typed Arrow table, the HTML report for Jupyter) live in
``tieout.report``. This subclass joins the two for ``tieout.read``, so the record stays
free of the report and the report free of the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from tieout import model
from tieout.report.facts import facts_table
from tieout.report.html import render_html


@dataclass(frozen=True, slots=True)
class Release(model.Release):
    """A release with its views: ``facts`` and the Jupyter display."""

    @property
    def facts(self) -> Any:
        """Every figure as a typed ``pyarrow.Table`` (exact decimals); ``.to_pandas()``
        turns it into a data frame where pandas is installed."""
        return facts_table(self)

    def _repr_html_(self) -> str:
        """The HTML report, for Jupyter (filing text escaped)."""
        return render_html([self])


def with_views(release: model.Release) -> Release:
    """The same release, with its views."""
    if isinstance(release, Release):
        return release
    return Release(*(getattr(release, f.name) for f in fields(release)))
