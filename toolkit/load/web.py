"""``from_urls``: fetch pages politely (cached on disk) and extract them into article rows."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm.auto import tqdm

from ..schema import canonical_url, domain_of, make_article_id, sha256_hex
from .common import MAX_HTML_BYTES, article_row, error_row, now_utc, to_frame
from .decode import decode_html, gunzip_bounded
from .fetch import Fetcher, FetchResult, human_bytes

#: Media types read as web pages; anything else is ``not_article`` (types below are sniffed).
PAGE_TYPES = ("text/html", "application/xhtml+xml")
SNIFFED_TYPES = ("", "application/octet-stream", "text/plain", "binary/octet-stream")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
#: Largest URL list file read by :func:`read_url_list`.
MAX_LIST_BYTES = 50_000_000
#: File signatures that no web page starts with (a server mislabelling a download).
_MAGIC = ((b"%PDF-", "a PDF"), (b"\x89PNG\r\n", "a PNG image"), (b"GIF8", "a GIF image"),
          (b"\xff\xd8\xff", "a JPEG image"), (b"PK\x03\x04", "a ZIP archive"),
          (b"RIFF", "a RIFF media file"),
          (b"\x00\x00\x01\x00", "an icon"))
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]{0,30}:")
_COMMENT = re.compile(r"\s+#")
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<div", b"<p>",
                 b"<title", b"<meta")


def make_fetcher(
    cache_dir: str | Path | None = None,
    *,
    rate_limit: float = 1.0,
    timeout: float | tuple[float, float] = (10, 20),
    max_bytes: int = 10_000_000,
    retries: int = 3,
    user_agent: str | None = None,
    refresh: bool = False,
    total_timeout: float = 120.0,
    backoff: float = 1.0,
    max_wait: float = 60.0,
    max_redirects: int = 10,
) -> Fetcher:
    """A :class:`Fetcher` from ``from_urls``-style keyword arguments."""
    return Fetcher(cache_dir, rate_limit=rate_limit, timeout=timeout, max_bytes=max_bytes,
                   retries=retries, user_agent=user_agent, refresh=refresh,
                   total_timeout=total_timeout, backoff=backoff, max_wait=max_wait,
                   max_redirects=max_redirects)


def read_url_list(path: str | Path) -> list[str]:
    """URLs from a text file, one per line; blank lines and ``#`` comments are skipped."""
    p = Path(path)
    with p.open("rb") as fh:
        data = fh.read(MAX_LIST_BYTES + 1)
    if len(data) > MAX_LIST_BYTES:
        raise ValueError(f"{p}: URL list larger than {human_bytes(MAX_LIST_BYTES)}; split it")
    urls = []
    for line in data.decode("utf-8", errors="replace").lstrip("\ufeff").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        urls.append(_COMMENT.split(line, maxsplit=1)[0].strip())
    return urls


def is_existing_file(text: str) -> bool:
    """``Path(text).is_file()`` that never raises (names too long for a path, NUL bytes)."""
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # a name too long for a path, NUL bytes...
        return False


def _inputs(urls: str | Path | Iterable[Any]) -> tuple[list[str], list[dict]]:
    """Normalise the ``urls`` argument; a list file that cannot be read is an error row."""
    if isinstance(urls, str) and not is_existing_file(urls) and ("\n" in urls or _SCHEME.match(urls.strip())):
        lines = (u.strip() for u in urls.splitlines())
        return [u for u in lines if u and not u.startswith("#")], []  # URL(s) given as text
    if isinstance(urls, str | Path):
        try:
            return read_url_list(urls), []
        except (OSError, ValueError) as exc:
            reason = "no such file" if isinstance(exc, FileNotFoundError) else str(exc)
            return [], [error_row(str(urls), "web", f"cannot read the URL list: {reason}")]
    items = []
    for u in urls:
        items.append(u.strip() if isinstance(u, str) else ("" if u is None else str(u)))
    return items, []


def _page_kind(res: FetchResult) -> str | None:
    """``None`` for a web page, else why the body is not one."""
    ctype = res.content_type
    if ctype in PAGE_TYPES or ctype in SNIFFED_TYPES:
        for magic, what in _MAGIC:
            if res.body.startswith(magic):
                return f"the body is {what}, not a web page (served as {ctype or 'no type'})"
    if ctype in PAGE_TYPES:
        return None
    head = res.body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if ctype in FEED_TYPES or (ctype.endswith("xml") and (b"<rss" in head or b"<feed" in head)):
        return f"content type {ctype} is a feed, not an article (read it with from_feed)"
    if ctype in SNIFFED_TYPES and any(m in head for m in _HTML_MARKERS):
        return None
    if ctype in ("text/xml", "application/xml") and b"<html" in head:
        return None
    shown = ctype or "unknown"
    return f"content type {shown} is not a web page"


def next_step_hint(res: FetchResult) -> str:
    """What to do about a failed fetch, as a ``"; ..."`` suffix (``""`` when nothing helps)."""
    kind, code = res.error_kind, res.status_code or 0
    if kind == "timeout":
        return "; raise timeout= or re-run later"
    if kind == "too_large":
        return "; raise max_bytes= if the page is genuine"
    if kind == "http" and code in (401, 403, 451):
        return "; the site refuses automated access: save the page in a browser and use from_html"
    if kind == "http" and (code == 429 or code >= 500):
        return "; the server is busy or failing: re-run later (pages already cached are not asked again)"
    if kind in ("connection", "truncated"):
        return "; re-run later"
    return ""


def failure_status(res: FetchResult) -> str:
    """Row status of a failed fetch: ``blocked`` (401/403/451), ``paywalled`` (402), else ``error``."""
    if res.error_kind == "http" and res.status_code in (401, 403, 451):
        return "blocked"
    if res.error_kind == "http" and res.status_code == 402:
        return "paywalled"
    return "error"


def _ids(url: str, final: str | None) -> dict[str, Any]:
    """Fields that keep an id stable and unique for rows whose URL is unusable."""
    if canonical_url(final or url):
        return {}
    return {"article_id": sha256_hex("source:" + url)[:16]}


def result_to_row(res: FetchResult) -> dict[str, Any]:
    """One article row from one fetch result (extraction with ``parse_html``)."""
    given = res.url
    final = res.final_url or given
    retrieved = pd.Timestamp(res.fetched_at) if res.fetched_at else now_utc()
    url_field = final if canonical_url(final) else None
    if res.error:
        detail = res.error
        if final != given and res.error_kind != "redirect":
            detail = f"{detail} at {final}"
        named = f"{given}: {detail}" if given else detail  # always lead with the URL
        return error_row(given, "web", named + next_step_hint(res), status=failure_status(res),
                         url=url_field, retrieved=retrieved, **_ids(given, url_field))
    where = {"url": final, "retrieved": retrieved, "domain": domain_of(final)}
    if res.body.startswith(b"\x1f\x8b"):  # compressed twice, or a .gz served without encoding
        try:
            res.body = gunzip_bounded(res.body, MAX_HTML_BYTES)
        except ValueError as exc:
            return error_row(given, "web", f"gzip-compressed body that cannot be unpacked: {exc}",
                             status="not_article", **where)
    not_page = _page_kind(res)
    if not_page:
        return error_row(given, "web", not_page, status="not_article", **where)
    if not res.body.strip():
        return error_row(given, "web", "empty response body", status="empty", **where)
    base = {"source": given, "source_kind": "web", **where}
    text, _encoding = decode_html(res.body, res.charset)
    from .html import parse_html  # heavy imports (newspaper4k, trafilatura): load on first use

    fields = dict(parse_html(text, url=final))
    fields.update(base)
    declared = fields.get("canonical_url")
    if declared and domain_of(canonical_url(declared)) != domain_of(final):
        # A page pointing its canonical link at another site (syndicated copy) is still
        # this outlet's article: identify it by where it was fetched.
        fields["article_id"] = make_article_id(final)
    row = article_row(**fields)
    if row.get("status") != "ok":
        detail = row.get("status_detail") or row.get("status")
        if given not in str(detail):
            row["status_detail"] = f"{given}: {detail}"
    return row


def from_urls(
    urls: str | Path | Iterable[str],
    cache_dir: str | Path | None = None,
    *,
    rate_limit: float = 1.0,
    timeout: float | tuple[float, float] = (10, 20),
    max_bytes: int = 10_000_000,
    retries: int = 3,
    user_agent: str | None = None,
    refresh: bool = False,
    progress: bool = True,
    workers: int = 4,
    total_timeout: float = 120.0,
    backoff: float = 1.0,
    max_wait: float = 60.0,
    max_redirects: int = 10,
    fetcher: Fetcher | None = None,
) -> pd.DataFrame:
    """Fetch and extract web pages: one row per input URL, failures included.

    ``urls`` is a list of URLs, one URL, or the path of a text file with one URL per line
    (``#`` comments allowed). Responses are cached under ``cache_dir`` (default
    ``toolkit.paths.HTTP_CACHE_DIR``) so a re-run is offline; ``refresh=True`` asks again.
    ``retrieved`` is the time the page was fetched (for cached pages: the original time).
    Statuses: ``blocked`` for HTTP 401/403/451, ``not_article`` for images, PDFs, JSON and
    other non-pages, ``error`` for everything else that failed, each with the URL and the
    reason in ``status_detail``. ``fetcher`` overrides all fetching options (shared cache,
    rate limits and sessions across calls).
    """
    items, rows = _inputs(urls)
    own = fetcher is None
    if fetcher is None:
        fetcher = make_fetcher(cache_dir, rate_limit=rate_limit, timeout=timeout,
                               max_bytes=max_bytes, retries=retries, user_agent=user_agent,
                               refresh=refresh, total_timeout=total_timeout, backoff=backoff,
                               max_wait=max_wait, max_redirects=max_redirects)
    unique = list(dict.fromkeys(items))

    counts = {"cached": 0, "not_ok": 0}

    def to_row(res: FetchResult) -> dict[str, Any]:
        counts["cached"] += res.from_cache
        try:
            row = result_to_row(res)
        except Exception as exc:  # one bad page never sinks the batch
            row = error_row(res.url, "web", f"extraction failed ({type(exc).__name__}: {exc})"[:500],
                            url=res.final_url if canonical_url(res.final_url) else None,
                            **_ids(res.url, res.final_url))
        counts["not_ok"] += row.get("status") != "ok"
        return row

    try:
        with tqdm(total=len(unique), desc="fetching", unit="url", disable=not progress) as bar:

            def tick() -> None:
                bar.update()
                bar.set_postfix(counts, refresh=False)

            done = fetcher.fetch_many(unique, workers=workers, then=to_row, on_done=tick)
    finally:
        if own:
            fetcher.close()
    by_url = dict(zip(unique, done, strict=True))
    rows.extend(dict(by_url[u]) for u in items)
    return to_frame(rows)
