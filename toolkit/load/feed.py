"""``from_feed``: RSS/Atom items as article rows, optionally with the full pages fetched."""

from __future__ import annotations

import calendar
import inspect
import io
import re
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import feedparser
import pandas as pd

from ..schema import canonical_url, sha256_hex
from .common import MAX_TEXT_CHARS, article_row, error_row, now_utc, to_frame
from .fetch import Fetcher, check_url, human_bytes
from .web import failure_status, from_urls, is_existing_file, make_fetcher, next_step_hint

#: Largest feed read (bytes), local or fetched.
MAX_FEED_BYTES = 20_000_000
_FETCHER_KEYS = ("cache_dir", "rate_limit", "timeout", "max_bytes", "retries", "user_agent",
                 "refresh", "total_timeout", "backoff", "max_wait", "max_redirects")
_FROM_URLS_OPTIONS = set(inspect.signature(from_urls).parameters) - {"urls"}
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
               "blockquote", "section", "article", "tr", "table", "figure", "figcaption", "hr",
               "pre", "header", "footer"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "object"}


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_to_text(markup: str | None) -> str:
    """Plain text of an HTML fragment: tags dropped, scripts skipped, paragraphs kept."""
    if not markup:
        return ""
    parser = _TextOnly()
    parser.feed(markup[: MAX_TEXT_CHARS * 2])
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    paragraphs = (re.sub(r"[ \t\r\f\v\n]+", " ", p).strip() for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def _utc(struct: time.struct_time | None) -> pd.Timestamp | None:
    if not struct:
        return None
    try:
        return pd.Timestamp(calendar.timegm(struct), unit="s", tz="UTC")
    except (ValueError, OverflowError, TypeError):
        return None


def _authors(entry: Any) -> list[str]:
    names: list[str] = []
    for a in entry.get("authors") or []:
        name = (a.get("name") or "") if isinstance(a, dict) else str(a)
        names.append(name)
    if not names and entry.get("author"):
        names = re.split(r"\s*(?:,|;|\band\b)\s*", str(entry.get("author")))
    out: list[str] = []
    for n in names:
        n = html_to_text(n).strip(" ,;")
        n = re.sub(r"^(by|von|par)\s+", "", n, flags=re.I)
        if n and "@" not in n and len(n) <= 120 and n not in out:
            out.append(n)
    return out


def _body(entry: Any) -> tuple[str, str]:
    """(text, extractor): the longest content block, else the summary."""
    blocks = [c for c in entry.get("content") or [] if isinstance(c, dict) and c.get("value")]
    if blocks:
        best = max(blocks, key=lambda c: len(c["value"]))
        return html_to_text(best["value"]), "feed-content"
    summary = entry.get("summary") or ""
    return html_to_text(summary), "feed-summary"


def _language(entry: Any, feed_lang: str | None) -> str | None:
    lang = None
    for key in ("content", "summary_detail", "title_detail"):
        det = entry.get(key)
        if isinstance(det, list):
            det = det[0] if det else None
        if isinstance(det, dict) and det.get("language"):
            lang = det["language"]
            break
    lang = lang or feed_lang
    if not lang or not isinstance(lang, str):
        return None
    primary = lang.strip().lower().replace("_", "-").split("-")[0]
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def _entry_row(entry: Any, name: str, feed_lang: str | None, retrieved: pd.Timestamp) -> dict:
    link = entry.get("link") or ""
    if not canonical_url(link) and canonical_url(entry.get("id")):
        link = entry.get("id")
    text, extractor = _body(entry)
    title = html_to_text(entry.get("title") or "") or None
    published = _utc(entry.get("published_parsed")) or _utc(entry.get("updated_parsed"))
    modified = _utc(entry.get("updated_parsed"))
    fields: dict[str, Any] = {
        "url": link if canonical_url(link) else None,
        "title": title,
        "text": text,
        "published": published,
        "modified": modified if modified is not None and modified != published else None,
        "authors": _authors(entry),
        "language": _language(entry, feed_lang),
        "source": name,
        "source_kind": "feed",
        "extractor": extractor,
        "retrieved": retrieved,
    }
    if not fields["url"] and not title and not text:
        fields["article_id"] = sha256_hex(f"feed:{name}:{entry.get('id') or id(entry)}")[:16]
    return article_row(**fields)


def _read_feed(source: str, fetcher: Fetcher | None, kwargs: dict) -> tuple[bytes, dict, pd.Timestamp, dict | None]:
    """(bytes, response headers, retrieved, error row or None)."""
    if check_url(source) is None or source.lower().startswith(("http://", "https://")):
        own = fetcher is None
        f = fetcher or make_fetcher(**{k: v for k, v in kwargs.items() if k in _FETCHER_KEYS})
        try:
            res = f.fetch(source)
        finally:
            if own:
                f.close()
        retrieved = pd.Timestamp(res.fetched_at) if res.fetched_at else now_utc()
        if res.error:
            return b"", {}, retrieved, error_row(source, "feed", f"cannot fetch the feed: {res.error}{next_step_hint(res)}",
                                                 status=failure_status(res))
        headers = dict(res.headers)  # relative links resolve against where the feed came from
        headers["content-location"] = urljoin(res.final_url or source, headers.get("content-location", ""))
        return res.body, headers, retrieved, None
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]+:", source) and not is_existing_file(source):
        return b"", {}, now_utc(), error_row(source, "feed", check_url(source) or "not a feed file")
    path = Path(source)
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_FEED_BYTES + 1)
    except FileNotFoundError:
        return b"", {}, now_utc(), error_row(source, "feed", "no such feed file")
    except OSError as exc:
        return b"", {}, now_utc(), error_row(source, "feed", f"cannot read the feed file ({exc.strerror or exc})")
    if len(data) > MAX_FEED_BYTES:
        return b"", {}, now_utc(), error_row(source, "feed", f"feed larger than {human_bytes(MAX_FEED_BYTES)}")
    return data, {}, now_utc(), None


def _missing(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, list | tuple | str):
        return len(v) == 0
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _merge(feed_row: dict, page: dict) -> dict:
    """The fetched page's row, with feed metadata filling what the page lacks."""
    if page.get("status") == "ok":
        merged = {k: v for k, v in page.items() if not _missing(v)}
        for key in ("title", "published", "modified", "authors", "language"):
            if _missing(merged.get(key)) and not _missing(feed_row.get(key)):
                merged[key] = feed_row[key]
        merged["source"] = feed_row["source"]
        merged["source_kind"] = "feed"
        return article_row(**merged)
    out = dict(feed_row)
    reason = page.get("status_detail") or page.get("status")
    out["status_detail"] = f"full text not fetched ({page.get('status')}): {reason}"
    if out.get("status") != "ok":
        out["status"] = page.get("status")
    return out


def from_feed(url_or_path: str | Path, fetch: bool = False, **from_urls_kwargs: Any) -> pd.DataFrame:
    """RSS or Atom items as article rows (``source_kind="feed"``).

    ``url_or_path`` is a feed file or an http(s) URL (fetched through the same cache and
    politeness rules as :func:`from_urls`; pass its keyword arguments here). Each item gives
    title, link, publication date (UTC; ``updated`` when there is no ``published``), authors
    and the text of its content or summary with the HTML stripped (``extractor`` says which).
    With ``fetch=True`` each item's page is fetched with :func:`from_urls` and used where it
    yields an article, feed metadata filling what the page lacks; when the page fails the
    item keeps the feed text and ``status_detail`` says why. A feed that cannot be read or
    parsed gives one error row naming it.
    """
    unknown = sorted(set(from_urls_kwargs) - _FROM_URLS_OPTIONS)
    if unknown:
        raise TypeError(f"from_feed() got unexpected keyword argument(s) {unknown}; "
                        f"it takes the options of from_urls: {sorted(_FROM_URLS_OPTIONS)}")
    name = str(url_or_path)
    fetcher = from_urls_kwargs.get("fetcher")
    data, headers, retrieved, err = _read_feed(name, fetcher, from_urls_kwargs)
    if err is not None:
        return to_frame([err])
    try:
        # a stream, never bytes or str: feedparser would treat those as a path or URL to open
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers or None,
                                  resolve_relative_uris=True, sanitize_html=True)
    except Exception as exc:  # feedparser is lenient, but the input is untrusted
        return to_frame([error_row(name, "feed", f"cannot parse the feed ({type(exc).__name__}: {exc})"[:500])])
    entries = list(parsed.get("entries") or [])
    if not entries:
        if parsed.get("bozo"):
            why = parsed.get("bozo_exception")
            detail = f" ({type(why).__name__}: {str(why)[:200]})" if why else ""
            return to_frame([error_row(name, "feed", f"not a valid RSS/Atom feed{detail}")])
        if not parsed.get("version"):
            return to_frame([error_row(name, "feed", "not an RSS/Atom feed (no channel or items found)")])
        return to_frame([])
    feed_lang = (parsed.get("feed") or {}).get("language")
    rows = []
    for entry in entries:
        try:
            rows.append(_entry_row(entry, name, feed_lang, retrieved))
        except Exception as exc:  # one odd item never sinks the feed
            rows.append(error_row(f"{name} (item {len(rows) + 1})", "feed",
                                  f"unreadable item ({type(exc).__name__}: {exc})"[:500]))
    if fetch:
        links = [r["url"] for r in rows if r.get("url") and r.get("source_kind") == "feed"]
        if links:
            pages = from_urls(links, **from_urls_kwargs)
            by_url = {}
            for link, page in zip(links, pages.to_dict("records"), strict=True):
                by_url.setdefault(link, page)
            rows = [_merge(r, by_url[r["url"]]) if r.get("url") in by_url else r for r in rows]
    return to_frame(rows)
