"""Loaders: every source of articles becomes one DataFrame in ``toolkit.schema``.

``parse_html`` (one page), ``from_html`` (saved pages), ``from_urls`` (the web, polite and
cached), ``from_text`` (copied page text), ``from_table`` (CSV/JSONL/Parquet, Media Cloud),
``from_feed`` (RSS/Atom) and ``load`` (any mix of the above, by kind). One row per input;
a bad input becomes a row with a status and a reason, never an exception.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from ..schema import coerce_articles, empty_articles

_EXPORTS = {
    "parse_html": "html",
    "from_html": "files",
    "from_urls": "web",
    "from_text": "text",
    "parse_text": "text",
    "from_table": "table",
    "from_feed": "feed",
    "decode_html": "decode",
}

__all__ = [*_EXPORTS, "load", "classify_source"]

HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
TABLE_SUFFIXES = (".csv", ".tsv", ".tab", ".jsonl", ".ndjson", ".json", ".parquet", ".pq",
                  ".csv.gz", ".tsv.gz", ".jsonl.gz", ".ndjson.gz", ".json.gz")
FEED_SUFFIXES = (".rss", ".atom", ".xml")


def __getattr__(name: str) -> Any:
    # Lazy: importing newspaper4k and trafilatura takes a second; only pay when used.
    if name in _EXPORTS:
        module = importlib.import_module(f".{_EXPORTS[name]}", __name__)
        return getattr(module, name)
    raise AttributeError(name)


def _is_url(s: str) -> bool:
    return s.lower().startswith(("http://", "https://"))


def _is_url_list(path: Path) -> bool:
    """A .txt file whose non-comment lines are all URLs is a URL list, not copied text."""
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            lines = [ln.strip() for ln in fh.read(200_000).splitlines()]
    except OSError:
        return False
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    return bool(lines) and all(_is_url(ln) and " " not in ln for ln in lines)


def classify_source(source: str | Path) -> str:
    """Which loader reads ``source``: html, text, urls, table, feed, dir, url, feed_url or unknown."""
    s = str(source)
    if _is_url(s):
        low = s.lower().split("?")[0]
        if low.endswith(FEED_SUFFIXES) or "/rss" in low or "/feed" in low or "atom" in low:
            return "feed_url"
        return "url"
    p = Path(s)
    name = p.name.lower()
    if p.is_dir():
        return "dir"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(TABLE_SUFFIXES):
        return "table"
    if name.endswith(FEED_SUFFIXES):
        return "feed"
    if name.endswith((".txt", ".urls")):
        return "urls" if _is_url_list(p) else "text"
    return "unknown"


def load(sources: str | Path | Iterable[str | Path], *, cache_dir: str | Path | None = None,
         progress: bool = True, **fetch_kwargs: Any) -> pd.DataFrame:
    """Load any mix of files, folders, URL lists, tables, feeds and URLs into one table.

    Folders are walked for saved pages (``.html``, ``.htm``, ``.html.gz``) and copied texts
    (``.txt``). Inputs that cannot be read become error rows naming them.
    """
    from .common import error_row, to_frame

    if isinstance(sources, str | Path):
        sources = [sources]
    html: list[Path] = []
    texts: list[Path] = []
    urls: list[str] = []
    frames: list[pd.DataFrame] = []
    errors: list[dict] = []
    fetch = {"cache_dir": cache_dir, "progress": progress, **fetch_kwargs}
    for src in sources:
        kind = classify_source(src)
        if kind == "dir":
            for p in sorted(Path(src).rglob("*")):
                k = classify_source(p) if p.is_file() else ""
                if k == "html":
                    html.append(p)
                elif k == "text":
                    texts.append(p)
        elif kind == "html":
            html.append(Path(src))
        elif kind == "text":
            texts.append(Path(src))
        elif kind == "url":
            urls.append(str(src))
        elif kind == "urls":
            urls.extend(
                ln.strip() for ln in Path(src).read_text(encoding="utf-8", errors="replace").splitlines()
                if ln.strip() and not ln.strip().startswith("#")
            )
        elif kind == "table":
            frames.append(__getattr__("from_table")(src, progress=progress))
        elif kind in ("feed", "feed_url"):
            frames.append(__getattr__("from_feed")(src, **fetch))
        else:
            reason = "no such file or folder" if not Path(str(src)).exists() else (
                "unknown kind of input: expected a folder, .html/.htm/.html.gz, .txt, "
                ".csv/.jsonl/.parquet, a feed or an http(s) URL")
            errors.append(error_row(str(src), "html", reason))
    if html:
        frames.insert(0, __getattr__("from_html")(html, progress=progress))
    if texts:
        frames.append(__getattr__("from_text")(texts, progress=progress))
    if urls:
        frames.append(__getattr__("from_urls")(urls, **fetch))
    if errors:
        frames.append(to_frame(errors))
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty_articles()
    return coerce_articles(pd.concat(frames, ignore_index=True))
