"""Polite HTTP fetching with an on-disk cache of raw responses.

:class:`Fetcher` deals in bytes and headers only (no parsing): per-host rate limit,
bounded retries with exponential backoff on 429/5xx/connection errors (honouring
``Retry-After``), connect/read timeouts plus a wall-clock limit per URL, a hard cap on the
body size, http/https only, redirects followed by hand (each hop checked, loops caught)
and successful responses cached on disk so a re-run is offline and reproducible.

Nothing here raises for a bad URL or a bad server: every outcome is a :class:`FetchResult`
whose ``error`` says what went wrong.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import hashlib
import json
import os
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import requests
import requests.adapters
import urllib3
import urllib3.connection
import urllib3.exceptions

from .. import __version__, paths

#: Default user agent: names the toolkit and leaves a contact to fill in (``user_agent=``).
DEFAULT_USER_AGENT = (
    f"newsframe-toolkit/{__version__} (news coverage research; "
    "contact: set-your-email@example.org)"
)
#: Response headers worth keeping in results and in the cache.
KEPT_HEADERS = (
    "content-type",
    "content-language",
    "content-location",
    "last-modified",
    "date",
    "etag",
    "link",
    "retry-after",
    "x-robots-tag",
)
MAX_URL_CHARS = 8192
_CHUNK = 64 * 1024
_CACHE_FORMAT = 1
_REDIRECT_CODES = (301, 302, 303, 307, 308)
_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@dataclass
class FetchResult:
    """The outcome of fetching one URL (``error`` is ``None`` on success)."""

    url: str
    final_url: str | None = None
    status_code: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    from_cache: bool = False
    error: str | None = None
    elapsed: float = 0.0
    #: What kind of failure: scheme, invalid, redirect, dns, connection, timeout,
    #: too_large, truncated, http, tls (``None`` on success).
    error_kind: str | None = None
    reason: str = ""  # HTTP reason phrase
    fetched_at: dt.datetime | None = None  # UTC; from the cache: the original fetch time
    attempts: int = 0  # requests made (0 when served from the cache or rejected up front)
    redirects: list[str] = field(default_factory=list)  # URLs visited before final_url

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def content_type(self) -> str:
        """Media type without parameters, lower case (``""`` when absent)."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The ``charset`` parameter of the Content-Type header, if any."""
        return charset_of(self.headers.get("content-type", ""))


def charset_of(content_type: str) -> str | None:
    """``charset`` parameter of a Content-Type value (``None`` when absent)."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            value = value.strip().strip("'\"").strip()
            return value or None
    return None


def human_bytes(n: int) -> str:
    """``10 MB``, ``512 kB``, ``300 bytes``."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:g} MB"
    if n >= 1_000:
        return f"{n / 1_000:g} kB"
    return f"{n} bytes"


def check_url(url: Any) -> str | None:
    """Why ``url`` cannot be fetched (``None`` when it is a plausible http(s) URL)."""
    if not isinstance(url, str) or not url.strip():
        return "not an http(s) URL (empty)"
    url = url.strip()
    if len(url) > MAX_URL_CHARS:
        return f"URL longer than {MAX_URL_CHARS} characters"
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        return f"invalid URL ({exc})"
    if parts.scheme.lower() not in ("http", "https"):
        scheme = f"{parts.scheme}:" if parts.scheme else "no scheme"
        return f"not an http(s) URL ({scheme[:40]})"
    if not host:
        return "invalid URL (no host)"
    if any(c.isspace() for c in url):
        return "invalid URL (contains whitespace)"
    if host.rstrip(".").endswith(".invalid") or host == "invalid":
        return f"could not resolve host {host} (names under .invalid never resolve, RFC 6761)"
    return None


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def _is_transient(code: int) -> bool:
    return code in (408, 429) or (500 <= code <= 599 and code not in (501, 505))


def _exc_chain(exc: BaseException) -> list[BaseException]:
    """The exception, its causes/contexts and wrapped reasons (urllib3 wraps deeply)."""
    seen: list[BaseException] = []
    todo: list[Any] = [exc]
    while todo and len(seen) < 20:
        e = todo.pop()
        if not isinstance(e, BaseException) or any(e is s for s in seen):
            continue
        seen.append(e)
        todo.extend([e.__cause__, e.__context__, getattr(e, "reason", None)])
        todo.extend(a for a in getattr(e, "args", ()) if isinstance(a, BaseException))
    return seen


# --- politeness ---------------------------------------------------------------


class HostThrottle:
    """Minimum interval between request starts to one host, shared by all threads."""

    def __init__(self, interval: float) -> None:
        self.interval = max(0.0, float(interval))
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}

    def wait(self, host: str) -> float:
        """Block until ``host`` may be asked again; return the seconds waited."""
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, 0.0))
            self._next[host] = start + self.interval
        delay = start - now
        if delay > 0:
            time.sleep(delay)
        return max(0.0, delay)

    def defer(self, host: str, seconds: float) -> None:
        """Nobody asks ``host`` for ``seconds`` (after a 429/503 with Retry-After)."""
        with self._lock:
            self._next[host] = max(self._next.get(host, 0.0), time.monotonic() + seconds)


# --- cache --------------------------------------------------------------------


class ResponseCache:
    """Raw successful responses on disk, one gzip file per URL keyed by sha256 of the URL.

    Each file holds one JSON line (final URL, status, kept headers, fetch time, body sha256)
    and then the body bytes; files are written to a temporary name and moved into place, so
    a crash never leaves a half-written entry. A damaged entry counts as a miss.
    """

    def __init__(self, directory: str | Path | None = None) -> None:
        self.directory = Path(directory) if directory is not None else paths.HTTP_CACHE_DIR

    @staticmethod
    def key(url: str) -> str:
        return hashlib.sha256(url.strip().encode("utf-8", "surrogatepass")).hexdigest()

    def path_for(self, url: str) -> Path:
        k = self.key(url)
        return self.directory / k[:2] / f"{k}.http.gz"

    def get(self, url: str, max_bytes: int | None = None) -> FetchResult | None:
        """The cached response for ``url`` (``None`` when absent or unreadable)."""
        path = self.path_for(url)
        t0 = time.monotonic()
        try:
            with gzip.open(path, "rb") as fh:
                meta = json.loads(fh.readline(1_000_000))
                limit = -1 if max_bytes is None else max_bytes + 1
                body = fh.read(limit)
        except (OSError, EOFError, ValueError, gzip.BadGzipFile):
            return None
        if (
            not isinstance(meta, dict)
            or meta.get("format") != _CACHE_FORMAT
            or meta.get("url") != url.strip()
            or hashlib.sha256(body).hexdigest() != meta.get("body_sha256")
        ):
            return None
        fetched = None
        if meta.get("fetched_at"):
            fetched = dt.datetime.fromisoformat(meta["fetched_at"])
        return FetchResult(
            url=meta["url"],
            final_url=meta.get("final_url") or meta["url"],
            status_code=int(meta.get("status_code") or 200),
            headers={str(k): str(v) for k, v in (meta.get("headers") or {}).items()},
            body=body,
            from_cache=True,
            reason=str(meta.get("reason") or ""),
            fetched_at=fetched,
            redirects=list(meta.get("redirects") or []),
            elapsed=time.monotonic() - t0,
        )

    def put(self, result: FetchResult) -> Path | None:
        """Store a successful (2xx) response; other results are not cached."""
        if result.error or result.status_code is None or not 200 <= result.status_code < 300:
            return None
        meta = {
            "format": _CACHE_FORMAT,
            "url": result.url.strip(),
            "final_url": result.final_url,
            "status_code": result.status_code,
            "reason": result.reason,
            "headers": result.headers,
            "fetched_at": result.fetched_at.isoformat() if result.fetched_at else None,
            "redirects": result.redirects,
            "body_sha256": hashlib.sha256(result.body).hexdigest(),
            "toolkit": __version__,
        }
        path = self.path_for(result.url)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".part", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
                fh.write(json.dumps(meta, ensure_ascii=True).encode("ascii") + b"\n")
                fh.write(result.body)
            with open(tmp, "rb") as fh_sync:
                os.fsync(fh_sync.fileno())
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        return path


# --- wall-clock watchdog ---------------------------------------------------------
#
# Connect and read timeouts bound each socket operation, not a whole response: a server
# that sends its headers one byte a second would never trip them. Connections made by the
# fetcher's sessions announce their socket to the thread's current watch list just before
# waiting for a response; a timer shuts those sockets down when the per-URL limit passes,
# which wakes the blocked read.

_tls = threading.local()


def _announce(sock: Any) -> None:
    watch = getattr(_tls, "watch", None)
    if watch is not None and sock is not None:
        watch.append(sock)


class _WatchedHTTPConnection(urllib3.connection.HTTPConnection):
    def getresponse(self) -> Any:  # type: ignore[override]
        _announce(self.sock)
        return super().getresponse()


class _WatchedHTTPSConnection(urllib3.connection.HTTPSConnection):
    def getresponse(self) -> Any:  # type: ignore[override]
        _announce(self.sock)
        return super().getresponse()


class _WatchedHTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class _WatchedAdapter(requests.adapters.HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _WatchedHTTPPool,
                                                   "https": _WatchedHTTPSPool}


class _Watchdog:
    """Shut down the sockets of the current request when ``deadline`` passes."""

    def __init__(self, deadline: float) -> None:
        self.sockets: list[Any] = []
        self.fired = False
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._fire)
        self._timer.daemon = True

    def _fire(self) -> None:
        self.fired = True
        for sock in list(self.sockets):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def __enter__(self) -> _Watchdog:
        _tls.watch = self.sockets
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        _tls.watch = None


# --- fetcher ------------------------------------------------------------------


@dataclass
class _Attempt:
    result: FetchResult
    retryable: bool = False
    retry_after: float | None = None
    redirect_to: str | None = None  # a redirect to follow next
    set_cookie: bool = False  # the redirect set a cookie (cookie-then-redirect is no loop)


class Fetcher:
    """Fetch URLs politely, with retries, bounds and a disk cache.

    Parameters: ``cache_dir`` (default :data:`toolkit.paths.HTTP_CACHE_DIR`; ``cache=False``
    disables the cache), ``rate_limit`` (minimum seconds between requests to one host),
    ``timeout`` (connect, read) seconds, ``total_timeout`` (wall-clock seconds per URL,
    retries and slow bodies included; waits for the rate limit are not counted),
    ``max_bytes`` (decoded body cap), ``retries`` (extra attempts after the first),
    ``backoff`` (first retry delay, doubled each time), ``max_wait`` (cap on any single wait,
    ``Retry-After`` included), ``max_redirects``, ``user_agent``, ``refresh`` (ignore cached
    entries, still write new ones).
    """

    def __init__(
        self,
        cache_dir: str | Path | None = None,
        *,
        rate_limit: float = 1.0,
        timeout: float | tuple[float, float] = (10.0, 20.0),
        total_timeout: float = 120.0,
        max_bytes: int = 10_000_000,
        retries: int = 3,
        backoff: float = 1.0,
        max_wait: float = 60.0,
        max_redirects: int = 10,
        user_agent: str | None = None,
        refresh: bool = False,
        cache: bool = True,
    ) -> None:
        if isinstance(timeout, int | float):
            timeout = (float(timeout), float(timeout))
        self.connect_timeout, self.read_timeout = (float(timeout[0]), float(timeout[1]))
        self.total_timeout = float(total_timeout)
        self.max_bytes = int(max_bytes)
        self.retries = max(0, int(retries))
        self.backoff = max(0.0, float(backoff))
        self.max_wait = max(0.0, float(max_wait))
        self.max_redirects = max(0, int(max_redirects))
        self.user_agent = user_agent or DEFAULT_USER_AGENT
        self.refresh = refresh
        self.cache = ResponseCache(cache_dir) if cache else None
        self.throttle = HostThrottle(rate_limit)
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._sessions_lock = threading.Lock()

    # sessions are not thread-safe: one per thread
    def _session(self) -> requests.Session:
        s = getattr(self._local, "session", None)
        if s is None:
            s = requests.Session()
            adapter = _WatchedAdapter()
            s.mount("http://", adapter)
            s.mount("https://", adapter)
            s.headers.update({"User-Agent": self.user_agent, "Accept": _ACCEPT})
            self._local.session = s
            with self._sessions_lock:
                self._sessions.append(s)
        return s

    def close(self) -> None:
        """Close every session (connections are reopened if the fetcher is used again)."""
        self._drop_sessions(keep=None)
        self._local = threading.local()

    def _drop_sessions(self, keep: requests.Session | None) -> None:
        with self._sessions_lock:
            for s in self._sessions:
                if s is not keep:
                    s.close()
            self._sessions = [keep] if keep is not None and keep in self._sessions else []

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- public --

    def fetch(self, url: str, *, refresh: bool | None = None) -> FetchResult:
        """Fetch one URL (from the cache when present); never raises for network trouble."""
        t0 = time.monotonic()
        given = url if isinstance(url, str) else str(url)
        problem = check_url(url)
        if problem:
            kind = "dns" if problem.startswith("could not resolve") else (
                "scheme" if problem.startswith("not an http") else "invalid")
            return FetchResult(url=given, error=problem, error_kind=kind,
                               fetched_at=_utcnow(), elapsed=time.monotonic() - t0)
        url = url.strip()
        refresh = self.refresh if refresh is None else refresh
        if self.cache is not None and not refresh:
            hit = self.cache.get(url, self.max_bytes)
            if hit is not None:
                return hit
        result = self._fetch_with_retries(url, t0)
        result.elapsed = time.monotonic() - t0
        if self.cache is not None and result.ok:
            try:
                self.cache.put(result)
            except OSError as exc:  # a full disk must not lose the page we hold
                result.headers.setdefault("x-toolkit-cache-error", f"{type(exc).__name__}: {exc}")
        return result

    def fetch_many(
        self,
        urls: Iterable[str],
        *,
        workers: int = 4,
        refresh: bool | None = None,
        then: Callable[[FetchResult], Any] | None = None,
        on_done: Callable[[], None] | None = None,
    ) -> list[Any]:
        """Fetch many URLs with a small thread pool; results in input order.

        Hosts are interleaved so threads rarely sit waiting on one host's rate limit.
        ``then`` post-processes each result in the calling thread as it arrives (its return
        value is kept), so parsing overlaps the downloads without running in parallel
        threads; ``on_done`` is called once per finished URL (for a progress bar).
        """
        items = list(urls)
        order = _interleave_hosts(items)
        out: list[Any] = [None] * len(items)

        def work(i: int) -> FetchResult:
            try:
                return self.fetch(items[i], refresh=refresh)
            except Exception as exc:  # a bug must not sink the batch: record it
                return FetchResult(url=str(items[i]), error_kind="internal", fetched_at=_utcnow(),
                                   error=f"fetch failed ({type(exc).__name__}: {exc})"[:500])

        pool = ThreadPoolExecutor(max_workers=max(1, int(workers)), thread_name_prefix="fetch")
        try:
            futures = {pool.submit(work, i): i for i in order}
            for fut in as_completed(futures):
                res = fut.result()
                out[futures[fut]] = then(res) if then else res
                if on_done:
                    on_done()
        finally:  # on Ctrl-C or an error in ``then`` do not wait for the queue
            pool.shutdown(wait=True, cancel_futures=True)
            self._drop_sessions(keep=getattr(self._local, "session", None))  # workers are gone
        return out

    # -- internals --

    def _fetch_with_retries(self, url: str, t0: float) -> FetchResult:
        deadline = [t0 + self.total_timeout]
        attempts = 0
        while True:
            attempts += 1
            att = self._attempt(url, deadline)
            res = att.result
            res.attempts = attempts
            if res.ok or not att.retryable or attempts > self.retries:
                if not res.ok and att.retryable and attempts > 1:
                    res.error = f"{res.error} (gave up after {attempts} attempts)"
                return res
            wait = att.retry_after if att.retry_after is not None else (
                self.backoff * 2 ** (attempts - 1))
            wait = min(wait, self.max_wait)
            if time.monotonic() + wait > deadline[0]:
                res.error = (f"{res.error} (gave up after {attempts} attempts: "
                             f"the {self.total_timeout:g} s limit per URL would be passed)")
                return res
            if att.retry_after is not None:
                host = urlsplit(res.final_url or url).hostname or ""
                self.throttle.defer(host, wait)
            time.sleep(wait)

    def _attempt(self, url: str, deadline: list[float]) -> _Attempt:
        """One request, following redirects by hand (each hop checked)."""
        session = self._session()
        current = url
        visited: list[str] = []
        fetched_at = _utcnow()
        for _hop in range(self.max_redirects + 1):
            host = urlsplit(current).hostname or ""
            deadline[0] += self.throttle.wait(host)  # politeness waits do not count
            fetched_at = _utcnow()
            base = FetchResult(url=url, final_url=current, redirects=list(visited),
                               fetched_at=fetched_at)
            with _Watchdog(deadline[0]) as dog:
                outcome = self._hop(session, base, deadline[0])
            if dog.fired and not outcome.result.ok:
                outcome = _Attempt(_fail(base, "timeout", self._over_limit()))
            if outcome.redirect_to is None:
                return outcome
            nxt = outcome.redirect_to
            visited.append(current)
            key = urldefrag(nxt)[0]
            if key in (urldefrag(v)[0] for v in visited) and not outcome.set_cookie:
                loop = " -> ".join([*visited[-3:], nxt])
                return _Attempt(_fail(base, "redirect", f"redirect loop ({loop})"))
            current = nxt
        return _Attempt(_fail(FetchResult(url=url, final_url=current, redirects=visited,
                                          fetched_at=fetched_at),
                              "redirect", f"more than {self.max_redirects} redirects"))

    def _over_limit(self) -> str:
        return f"timeout: over the {self.total_timeout:g} s limit per URL"

    def _hop(self, session: requests.Session, base: FetchResult, deadline: float) -> _Attempt:
        """Request ``base.final_url`` once; a redirect to follow comes back in ``redirect_to``."""
        current = base.final_url or base.url
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return _Attempt(_fail(base, "timeout", self._over_limit()))
        try:
            resp = session.get(
                current,
                stream=True,
                allow_redirects=False,
                timeout=(min(self.connect_timeout, remaining), min(self.read_timeout, remaining)),
            )
        except Exception as exc:  # classify every request failure
            return self._request_error(base, exc)
        try:
            base.status_code = resp.status_code
            base.reason = str(resp.reason or "")[:200]
            base.headers = _kept_headers(resp.headers)
            if resp.status_code in _REDIRECT_CODES and resp.headers.get("location"):
                target = session.get_redirect_target(resp) or ""
                nxt = urljoin(current, target.strip())
                problem = check_url(nxt)
                shown = nxt if len(nxt) <= 200 else nxt[:200] + "..."
                if problem and problem.startswith("could not resolve"):
                    return _Attempt(_fail(base, "dns", f"redirected to {shown}: {problem}"))
                if problem and problem.startswith("not an http"):
                    return _Attempt(_fail(base, "redirect", f"redirect to a non-http(s) URL ({shown})"))
                if problem:
                    return _Attempt(_fail(base, "redirect", f"redirect to an invalid URL ({problem})"))
                return _Attempt(base, redirect_to=nxt, set_cookie="set-cookie" in resp.headers)
            if not 200 <= resp.status_code < 300:
                err = f"HTTP {resp.status_code} {base.reason}".strip()
                transient = _is_transient(resp.status_code)
                return _Attempt(
                    _fail(base, "http", err),
                    retryable=transient,
                    retry_after=parse_retry_after(resp.headers.get("retry-after")) if transient else None,
                )
            return self._read_body(resp, base, deadline)
        finally:
            resp.close()

    def _read_body(self, resp: requests.Response, res: FetchResult, deadline: float) -> _Attempt:
        """Stream the body, stopping past ``max_bytes`` or the deadline."""
        limit = self.max_bytes
        too_large = f"body larger than {human_bytes(limit)}"
        declared = resp.headers.get("content-length", "")
        encoded = resp.headers.get("content-encoding", "identity").lower() not in ("", "identity")
        if declared.isdigit() and not encoded and int(declared) > limit:
            return _Attempt(_fail(res, "too_large", f"{too_large} (Content-Length {declared})"))
        buf = bytearray()
        raw = resp.raw
        try:
            while True:
                if time.monotonic() > deadline:
                    return _Attempt(_fail(res, "timeout",
                                          f"timeout: body still arriving after the "
                                          f"{self.total_timeout:g} s limit per URL"))
                chunk = raw.read1(_CHUNK, decode_content=True)
                if not chunk:
                    break
                buf += chunk
                if len(buf) > limit:
                    return _Attempt(_fail(res, "too_large", too_large))
        except Exception as exc:
            return self._body_error(res, exc, len(buf), declared)
        res.body = bytes(buf)
        return _Attempt(res)

    def _body_error(self, res: FetchResult, exc: Exception, got: int, declared: str) -> _Attempt:
        chain = _exc_chain(exc)
        if any(isinstance(e, urllib3.exceptions.ReadTimeoutError | TimeoutError) for e in chain):
            return _Attempt(_fail(res, "timeout", f"timeout after {self.read_timeout:g} s (reading the body)"))
        if any(isinstance(e, urllib3.exceptions.IncompleteRead) for e in chain):
            of = f" of {declared}" if declared.isdigit() else ""
            return _Attempt(_fail(res, "truncated",
                                  f"truncated body: connection closed after {got}{of} bytes"),
                            retryable=True)
        if any(isinstance(e, urllib3.exceptions.DecodeError) for e in chain):
            return _Attempt(_fail(res, "connection", f"could not decode the compressed body ({exc})"))
        if any(isinstance(e, ConnectionResetError) for e in chain):
            return _Attempt(_fail(res, "connection", "connection reset while reading the body"),
                            retryable=True)
        return _Attempt(_fail(res, "connection",
                              f"connection failed while reading the body ({type(exc).__name__}: {exc})"[:500]),
                        retryable=True)

    def _request_error(self, res: FetchResult, exc: Exception) -> _Attempt:
        chain = _exc_chain(exc)
        host = urlsplit(res.final_url or res.url).hostname or "?"
        if any(isinstance(e, urllib3.exceptions.NameResolutionError | socket.gaierror)
               for e in chain):
            return _Attempt(_fail(res, "dns", f"could not resolve host {host} (check the URL)"))
        if isinstance(exc, requests.exceptions.ConnectTimeout):
            return _Attempt(_fail(res, "timeout", f"connect timeout after {self.connect_timeout:g} s"),
                            retryable=True)
        if isinstance(exc, requests.exceptions.ReadTimeout):
            return _Attempt(_fail(res, "timeout",
                                  f"timeout after {self.read_timeout:g} s waiting for the response"))
        if isinstance(exc, requests.exceptions.SSLError):
            return _Attempt(_fail(res, "tls", f"TLS error talking to {host} ({_short(exc)})"))
        if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.InvalidSchema
                      | requests.exceptions.MissingSchema | ValueError | UnicodeError):
            return _Attempt(_fail(res, "invalid", f"invalid URL ({type(exc).__name__}: {exc})"[:300]))
        if any(isinstance(e, ConnectionResetError) for e in chain):
            return _Attempt(_fail(res, "connection", "connection reset by the server"), retryable=True)
        if any(isinstance(e, ConnectionRefusedError) for e in chain):
            return _Attempt(_fail(res, "connection", f"connection refused by {host}"), retryable=True)
        if isinstance(exc, requests.exceptions.RequestException):
            detail = _short(exc)
            return _Attempt(_fail(res, "connection", f"connection failed ({detail})"), retryable=True)
        return _Attempt(_fail(res, "connection", f"request failed ({type(exc).__name__}: {exc})"[:500]))


def _fail(res: FetchResult, kind: str, message: str) -> FetchResult:
    res.error = message
    res.error_kind = kind
    res.body = b""
    return res


def _short(exc: BaseException) -> str:
    """The innermost useful message of a wrapped requests/urllib3 error."""
    chain = _exc_chain(exc)
    inner = chain[-1] if chain else exc
    msg = str(inner) or type(inner).__name__
    return f"{type(inner).__name__}: {msg}"[:300]


def _kept_headers(headers: Mapping[str, str]) -> dict[str, str]:
    out = {}
    for name in KEPT_HEADERS:
        value = headers.get(name)
        if value is not None:
            out[name] = str(value)[:2000]
    return out


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _interleave_hosts(urls: list[str]) -> list[int]:
    """Indices ordered round-robin over hosts (first URL of each host, then the second...)."""
    groups: dict[str, list[int]] = {}
    for i, u in enumerate(urls):
        try:
            host = (urlsplit(u).hostname or "") if isinstance(u, str) else ""
        except ValueError:
            host = ""
        groups.setdefault(host, []).append(i)
    out: list[int] = []
    queues = list(groups.values())
    depth = 0
    while len(out) < len(urls):
        for q in queues:
            if depth < len(q):
                out.append(q[depth])
        depth += 1
    return out
