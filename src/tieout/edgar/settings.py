"""Settings of EDGAR access: who asks, where EDGAR is, where responses are kept, how fast.

The SEC's fair-access rules ask every automated client to declare itself in its
User-Agent (a name and a contact e-mail) and to send at most 10 requests a second. tieout
refuses to ask EDGAR anything without such a User-Agent, and never goes faster than 10
a second whatever the settings say.

Each setting comes from, first to last: the command's option, the environment, the
config file, the default.

    setting      environment            config file ([edgar] table)   default
    user_agent   TIEOUT_USER_AGENT      user_agent                    none: refused
    www_url      TIEOUT_EDGAR_URL       www_url                       https://www.sec.gov
    data_url     TIEOUT_EDGAR_URL       data_url                      https://data.sec.gov
    cache        TIEOUT_EDGAR_CACHE     cache                         ~/.cache/tieout/edgar
    rate                                rate                          10 (requests a second)
    retries                             retries                       5
    backoff                             backoff                       1.0 (seconds, doubled)
    timeout                             timeout                       60 (seconds a request)
    max_age                             max_age                       3600 (seconds a cached
                                                                      list of filings is used)

``TIEOUT_EDGAR_URL`` names one server for both (a mirror). The config file is
``TIEOUT_CONFIG`` when set, else ``$XDG_CONFIG_HOME/tieout/config.toml`` (by default
``~/.config/tieout/config.toml``).
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tieout.edgar.errors import EdgarError

MAX_RATE = 10.0  # requests a second: the SEC's limit
_CONTACT = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[A-Za-z]{2,}")


@dataclass(frozen=True, slots=True)
class Settings:
    """How tieout reaches EDGAR (see the module docstring for where each comes from)."""

    user_agent: str | None
    cache: Path
    www_url: str = "https://www.sec.gov"
    data_url: str = "https://data.sec.gov"
    rate: float = MAX_RATE
    retries: int = 5
    backoff: float = 1.0
    timeout: float = 60.0
    max_age: float = 3600.0
    config_path: Path | None = None  # the config file read, if any (named in errors)

    def declared_user_agent(self) -> str:
        """The User-Agent to send, or a one-line refusal saying how to declare one."""
        agent = (self.user_agent or "").strip()
        if agent and _CONTACT.search(agent) and "\n" not in agent:
            return agent
        where = self.config_path or config_path()
        what = "is not set" if not agent else f"{agent!r} names no contact e-mail"
        raise EdgarError(
            f"EDGAR asks every client to declare who it is (SEC fair-access rules), and the "
            f"User-Agent {what}: set TIEOUT_USER_AGENT='Your Name you@example.com', or "
            f"--user-agent, or user_agent under [edgar] in {where}"
        )


def config_path() -> Path:
    """The config file: ``TIEOUT_CONFIG``, else ``$XDG_CONFIG_HOME/tieout/config.toml``."""
    named = os.environ.get("TIEOUT_CONFIG")
    if named:
        return Path(named).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(Path.home(), ".config")
    return Path(base) / "tieout" / "config.toml"


def _cache_default() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "tieout" / "edgar"


def _config(path: Path) -> dict[str, Any]:
    """The ``[edgar]`` table of the config file ({} when there is no file)."""
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise EdgarError(f"{path}: cannot be read as TOML: {error}") from None
    table = data.get("edgar", {})
    if not isinstance(table, dict):
        raise EdgarError(f"{path}: [edgar] must be a table")
    return table


def _number(table: dict[str, Any], key: str, default: float, path: Path) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise EdgarError(f"{path}: [edgar] {key} must be a number, not {value!r}")
    return float(value)


def load_settings(
    *, user_agent: str | None = None, cache: str | os.PathLike[str] | None = None
) -> Settings:
    """The settings: options given here, then the environment, the config file, defaults."""
    path = config_path()
    table = _config(path)
    mirror = os.environ.get("TIEOUT_EDGAR_URL")
    agent = user_agent or os.environ.get("TIEOUT_USER_AGENT") or table.get("user_agent")
    where = cache or os.environ.get("TIEOUT_EDGAR_CACHE") or table.get("cache")
    return Settings(
        user_agent=str(agent) if agent else None,
        cache=Path(where).expanduser() if where else _cache_default(),
        www_url=(mirror or str(table.get("www_url", "https://www.sec.gov"))).rstrip("/"),
        data_url=(mirror or str(table.get("data_url", "https://data.sec.gov"))).rstrip("/"),
        rate=min(_number(table, "rate", MAX_RATE, path), MAX_RATE) or MAX_RATE,
        retries=int(_number(table, "retries", 5, path)),
        backoff=_number(table, "backoff", 1.0, path),
        timeout=_number(table, "timeout", 60.0, path) or 60.0,
        max_age=_number(table, "max_age", 3600.0, path),
        config_path=path,
    )
