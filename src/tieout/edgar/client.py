"""HTTP to EDGAR under the SEC's fair-access rules, with the standard library only.

Every request carries the declared User-Agent and asks for gzip. Requests are spaced so
that no window of one second holds more than ``rate`` of them (retries included), with a
small margin for the time a request spends on the wire. A 429 (too many requests) or a
5xx, a dropped connection or a time-out is retried after the server's ``Retry-After``
when it gives one, else after a backoff that doubles (1 s, 2 s, 4 s, ...); a 404 is
``NotFound``; any other status is a one-line ``EdgarError``.
"""

from __future__ import annotations

import collections
import gzip
import http.client
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

from tieout.edgar.errors import EdgarError, NotFound

MARGIN = 0.05  # seconds added to each one-second window: jitter between send and arrival
MAX_WAIT = 600.0  # longest Retry-After honoured (EDGAR blocks an abusive client for 10 min)


class RateLimit:
    """At most ``rate`` requests in any window of one second (plus ``MARGIN``).

    The start times of the last requests are kept; a request that would be one too many
    in the window waits until the oldest of them leaves it.
    """

    def __init__(
        self,
        rate: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.count = max(1, int(rate))
        self.window = self.count / rate + MARGIN if rate > 0 else 1.0 + MARGIN
        self.clock = clock
        self.sleep = sleep
        self.starts: collections.deque[float] = collections.deque(maxlen=self.count)

    def wait(self) -> None:
        """Block until one more request keeps the rate; then count it."""
        if len(self.starts) == self.count:
            ready = self.starts[0] + self.window
            now = self.clock()
            if now < ready:
                self.sleep(ready - now)
        self.starts.append(self.clock())


@dataclass(slots=True)
class Stats:
    """What a client did: requests sent, retries among them, bytes received."""

    requests: int = 0
    retries: int = 0
    bytes: int = 0
    statuses: collections.Counter[int] = field(default_factory=collections.Counter)


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_WAIT)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return min(max(0.0, when.timestamp() - time.time()), MAX_WAIT)


def _body(data: bytes, encoding: str | None) -> bytes:
    encoding = (encoding or "").lower()
    if encoding == "gzip":
        return gzip.decompress(data)
    if encoding == "deflate":
        try:
            return zlib.decompress(data)
        except zlib.error:
            return zlib.decompress(data, -zlib.MAX_WBITS)
    return data


class Client:
    """GET requests to EDGAR: rate-limited, retried, with one-line errors."""

    def __init__(
        self,
        user_agent: str,
        *,
        rate: float = 10.0,
        retries: int = 5,
        backoff: float = 1.0,
        timeout: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.headers = {"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"}
        self.limit = RateLimit(rate, sleep=sleep)
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        self.sleep = sleep
        self.stats = Stats()
        self.opener = urllib.request.build_opener()

    def get(self, url: str) -> bytes:
        """The body of ``url`` (decompressed); ``NotFound`` on 404, else ``EdgarError``."""
        reason = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self.stats.retries += 1
            self.limit.wait()
            self.stats.requests += 1
            wait: float | None = None
            try:
                request = urllib.request.Request(url, headers=self.headers)
                with self.opener.open(request, timeout=self.timeout) as response:
                    self.stats.statuses[response.status] += 1
                    data = response.read()
                    expected = response.headers.get("Content-Length")
                    if expected is not None and expected.isdigit() and len(data) != int(expected):
                        raise http.client.IncompleteRead(data, int(expected) - len(data))
                    body = _body(data, response.headers.get("Content-Encoding"))
                    self.stats.bytes += len(data)
                    return body
            except urllib.error.HTTPError as error:
                self.stats.statuses[error.code] += 1
                if error.code == 404:
                    raise NotFound(url) from None
                if error.code == 403:
                    raise EdgarError(
                        f"EDGAR refused {url} (HTTP 403): the SEC blocks clients whose "
                        "User-Agent names no real person or company and e-mail"
                    ) from None
                if error.code != 429 and not 500 <= error.code < 600:
                    raise EdgarError(f"HTTP {error.code} {error.reason} for {url}") from None
                reason = f"HTTP {error.code} {error.reason}"
                wait = _retry_after(error.headers.get("Retry-After"))
            except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
                text = getattr(error, "reason", None) or error
                reason = f"{type(error).__name__}: {text}"
            except (EOFError, zlib.error) as error:  # a body cut short or corrupt
                reason = f"corrupt response: {error}"
            if attempt < self.retries:
                self.sleep(wait if wait is not None else self.backoff * 2**attempt)
        raise EdgarError(f"gave up on {url} after {self.retries + 1} attempts: {reason}")
