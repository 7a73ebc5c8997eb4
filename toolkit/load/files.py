"""Saved web pages (``.html``, ``.htm``, ``.html.gz``) -> articles table."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
from tqdm.auto import tqdm

from ..limits import DEFAULT_TIME_LIMIT, Bounded
from .common import MAX_HTML_BYTES, article_row, error_row, safe_map, to_frame
from .decode import gunzip_bounded
from .html import parse_html

#: File name endings read from a folder (case-insensitive).
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
#: A compressed file larger than this is not opened.
MAX_GZ_BYTES = MAX_HTML_BYTES


def _is_html_name(path: Path) -> bool:
    return path.name.lower().endswith(HTML_SUFFIXES)


def html_paths(paths_or_dir: str | os.PathLike | Iterable[str | os.PathLike]) -> list[Path]:
    """The files to read: folders walked recursively (sorted), files kept in the order given."""
    if isinstance(paths_or_dir, str | os.PathLike):
        items: Iterable[str | os.PathLike] = [paths_or_dir]
    else:
        items = paths_or_dir
    out: list[Path] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and _is_html_name(f)))
        else:
            out.append(p)
    return out


def read_page_bytes(path: Path) -> tuple[bytes, str]:
    """Bytes of a saved page (gunzipped for ``.gz``), at most ``MAX_HTML_BYTES``; plus a note.

    Raises ``OSError``/``ValueError`` for unreadable, corrupt or bomb-like files.
    """
    note = ""
    with open(path, "rb") as fh:
        data = fh.read(MAX_HTML_BYTES + 1)
    if path.name.lower().endswith(".gz") or data[:2] == b"\x1f\x8b":
        if len(data) > MAX_GZ_BYTES:
            raise ValueError(f"compressed file is larger than {MAX_GZ_BYTES:,} bytes")
        data = gunzip_bounded(data, MAX_HTML_BYTES)
    elif len(data) > MAX_HTML_BYTES:
        data = data[:MAX_HTML_BYTES]
        note = f"file larger than {MAX_HTML_BYTES:,} bytes: read the first {MAX_HTML_BYTES:,}"
    return data, note


def _row(path: Path) -> dict:
    data, note = read_page_bytes(path)
    fields = parse_html(data)
    detail = fields.get("status_detail") or ""
    if note:
        detail = f"{note}; {detail}" if detail else note
    if fields.get("status") not in ("ok", None) and str(path) not in detail:
        detail = f"{path}: {detail}"
    fields["status_detail"] = detail or None
    fields["url"] = fields.get("url") or fields.get("canonical_url")
    fields["source"] = str(path)
    fields["source_kind"] = "html"
    return article_row(**fields)


def _warm_up() -> None:
    """Import every extractor once, so a forked worker does not pay for it inside the limit."""
    parse_html("<html><body><article><p>" + "Warm up the extractors. " * 20 + "</p></article></body></html>")


def from_html(paths_or_dir: str | os.PathLike | Iterable[str | os.PathLike],
              progress: bool = True, *,
              time_limit: float | None = DEFAULT_TIME_LIMIT) -> pd.DataFrame:
    """Read saved pages into the article schema, one row per file.

    ``paths_or_dir`` is a file, a folder (walked recursively, sorted, for ``.html``,
    ``.htm`` and ``.html.gz``) or a list of either. The URL comes from the page's
    canonical link or ``og:url``; ``source`` is the file path. A file that cannot be
    read becomes an ``error`` row naming it; the rest of the batch goes on. Each file may
    take at most ``time_limit`` seconds (read in a worker process, see
    :mod:`toolkit.limits`; ``None``: no limit, read in this process).
    """
    paths = html_paths(paths_or_dir)
    missing = [p for p in paths if not p.exists()]
    bar = tqdm(paths, desc="saved pages", unit="page", disable=not progress or len(paths) < 2)
    todo = [p for p in paths if p not in missing]
    if todo and time_limit is not None:
        _warm_up()
    with Bounded(_row, time_limit) as bounded:
        rows = safe_map((p for p in bar if p not in missing), bounded, "html")
    rows += [error_row(str(p), "html", f"{p}: no such file; check the path") for p in missing]
    order = {str(p): i for i, p in enumerate(paths)}
    rows.sort(key=lambda r: order.get(r.get("source") or "", len(order)))
    return to_frame(rows)
