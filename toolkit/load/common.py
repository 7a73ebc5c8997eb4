"""Helpers shared by the loaders: one place that turns fields into a schema row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import pandas as pd

from .. import outlets
from ..schema import (
    canonical_url,
    coerce_articles,
    domain_of,
    make_article_id,
    sha256_hex,
    word_count,
)

T = TypeVar("T")

#: Hard bounds on untrusted input (bytes / characters).
MAX_HTML_BYTES = 20_000_000
MAX_TEXT_CHARS = 2_000_000


def now_utc() -> pd.Timestamp:
    return pd.Timestamp(dt.datetime.now(dt.timezone.utc))


def article_row(**fields: Any) -> dict[str, Any]:
    """Complete a partial article: id, domain, outlet facts, word count, status defaults.

    ``raw_html`` (str or bytes), when given, is kept for the store and hashed into
    ``html_sha256``.
    """
    row: dict[str, Any] = dict(fields)
    url = row.get("url") or row.get("canonical_url")
    row["canonical_url"] = canonical_url(row.get("canonical_url") or url)
    row["domain"] = row.get("domain") or domain_of(row.get("canonical_url") or url)
    text = row.get("text")
    if isinstance(text, str):
        text = text[:MAX_TEXT_CHARS]
        row["text"] = text
    row["article_id"] = row.get("article_id") or make_article_id(
        row.get("canonical_url") or url, text, row.get("title")
    )
    facts = outlets.lookup(row["domain"])
    for key in ("outlet", "outlet_type", "country"):
        if not row.get(key):
            row[key] = facts.get(key)
    row["word_count"] = word_count(text)
    row.setdefault("authors", [])
    row.setdefault("retrieved", now_utc())
    raw = row.get("raw_html")
    if raw is not None and not row.get("html_sha256"):
        row["html_sha256"] = sha256_hex(raw)
    if not row.get("status"):
        row["status"] = "ok" if row["word_count"] else "empty"
    return row


def error_row(source: str, source_kind: str, detail: str, status: str = "error", **fields: Any) -> dict:
    """A row for an input that could not be read; ``status_detail`` names the input."""
    name = str(source)[:300]
    msg = detail if name in detail else f"{name}: {detail}"
    return article_row(source=name, source_kind=source_kind, status=status, status_detail=msg, **fields)


def safe_map(items: Iterable[T], fn: Callable[[T], dict], source_kind: str,
             name: Callable[[T], str] = str) -> list[dict]:
    """Apply ``fn`` to each item; an exception becomes an error row naming the item."""
    rows = []
    for item in items:
        try:
            rows.append(fn(item))
        except Exception as exc:  # one bad input never sinks a batch
            rows.append(error_row(name(item), source_kind, f"{type(exc).__name__}: {exc}"))
    return rows


def to_frame(rows: list[dict]) -> pd.DataFrame:
    """Rows -> schema DataFrame (keeps ``raw_html`` when present)."""
    return coerce_articles(rows)
