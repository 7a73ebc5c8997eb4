"""The shared contract: column names, dtypes and allowed values of every table.

``load``, ``annotate``, ``compare`` and ``charts`` only share this module.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pandas as pd

SCHEMA_VERSION = 1

# --- articles ---------------------------------------------------------------

SOURCE_KINDS = ("web", "html", "text", "table", "feed")
STATUSES = ("ok", "empty", "not_article", "paywalled", "blocked", "error")
OUTLET_TYPES = (
    "wire",
    "state-affiliated",
    "public broadcaster",
    "national",
    "regional",
    "independent",
    "aggregator",
    "fact-checker",
    "blog",
    "unknown",
)

#: column -> pandas dtype. Order is the order of the table.
ARTICLE_DTYPES: dict[str, str] = {
    "article_id": "string",
    "url": "string",
    "canonical_url": "string",
    "domain": "string",
    "outlet": "string",
    "outlet_type": "string",
    "country": "string",
    "language": "string",
    "title": "string",
    "text": "string",
    "published": "datetime64[ns, UTC]",
    "modified": "datetime64[ns, UTC]",
    "retrieved": "datetime64[ns, UTC]",
    "authors": "object",  # list[str]
    "word_count": "Int64",
    "source_kind": "string",
    "source": "string",  # the input as given (path, URL, table row): names it in errors
    "status": "string",
    "status_detail": "string",
    "html_sha256": "string",
    "extractor": "string",
}
ARTICLE_COLUMNS = list(ARTICLE_DTYPES)

#: Optional columns a loader may attach; the store keeps ``raw_html`` compressed.
RAW_HTML = "raw_html"
#: Columns added by ``toolkit.dedup``.
SYNDICATION_DTYPES = {"syndicate_id": "string", "is_original": "boolean"}

_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|yclid$|mc_|ref$|ref_src$|at_)")


def canonical_url(url: str | None) -> str | None:
    """Normalise a URL for identity: lower-case host, no fragment, no tracking parameters."""
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if host.startswith("www."):
        host = host[4:]
    netloc = host if parts.port in (None, 80, 443) else f"{host}:{parts.port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)])
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    return urlunsplit(("https", netloc, path, query, ""))


def domain_of(url: str | None) -> str | None:
    """Registered host of a URL without ``www.`` (``None`` when there is no host)."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower()
    return host[4:] if host.startswith("www.") else host


def sha256_hex(data: str | bytes) -> str:
    """Hex sha256 of bytes (text is UTF-8 encoded first)."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def make_article_id(url: str | None = None, text: str | None = None, title: str | None = None) -> str:
    """Stable id: hash of the canonical URL, else of the title and text."""
    key = canonical_url(url)
    if key:
        return sha256_hex("url:" + key)[:16]
    return sha256_hex("text:" + (title or "") + "\n" + (text or ""))[:16]


def word_count(text: str | None) -> int:
    """Whitespace-separated words."""
    return len(text.split()) if isinstance(text, str) else 0


def empty_articles() -> pd.DataFrame:
    """An empty articles table with the right dtypes."""
    return coerce_articles(pd.DataFrame(columns=ARTICLE_COLUMNS))


def _to_utc(values: pd.Series) -> pd.Series:
    out = pd.to_datetime(values, errors="coerce", utc=True, format="mixed")
    return out.astype("datetime64[ns, UTC]")


def coerce_articles(df: pd.DataFrame | Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Add missing columns and cast every column to its schema dtype (extra columns are kept last)."""
    if not isinstance(df, pd.DataFrame):
        df = pd.DataFrame(list(df))
    df = df.copy()
    n = len(df)
    for col, dtype in ARTICLE_DTYPES.items():
        if col not in df.columns:
            df[col] = [[] for _ in range(n)] if col == "authors" else pd.Series([None] * n, dtype="object")
        if dtype.startswith("datetime64"):
            df[col] = _to_utc(df[col])
        elif col == "authors":
            df[col] = [list(a) if isinstance(a, list | tuple) else [] for a in df[col]]
        elif dtype == "Int64":
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
        else:
            df[col] = df[col].astype("object").where(df[col].notna(), None).astype(dtype)
    extra = [c for c in df.columns if c not in ARTICLE_DTYPES]
    return df[ARTICLE_COLUMNS + extra].reset_index(drop=True)


class SchemaError(ValueError):
    """A table does not match the schema; the message names the column and row."""


def validate(df: pd.DataFrame) -> pd.DataFrame:
    """Check an articles table; raise :class:`SchemaError` naming the bad column and row."""
    missing = [c for c in ARTICLE_COLUMNS if c not in df.columns]
    if missing:
        raise SchemaError(f"missing column(s): {', '.join(missing)}")
    for col, dtype in ARTICLE_DTYPES.items():
        if dtype.startswith("datetime64"):
            if not isinstance(df[col].dtype, pd.DatetimeTZDtype) or str(df[col].dt.tz) != "UTC":
                raise SchemaError(f"column {col!r} must be tz-aware UTC datetimes, got {df[col].dtype}")
    checks = {
        "status": STATUSES,
        "source_kind": SOURCE_KINDS,
    }
    for col, allowed in checks.items():
        bad = ~df[col].isin(allowed)
        if bad.any():
            i = int(bad.to_numpy().nonzero()[0][0])
            raise SchemaError(f"column {col!r}, row {i}: {df[col].iloc[i]!r} is not one of {allowed}")
    for i, (aid, a) in enumerate(zip(df["article_id"], df["authors"], strict=True)):
        if not isinstance(aid, str) or not aid:
            raise SchemaError(f"column 'article_id', row {i}: empty id")
        if not isinstance(a, list) or not all(isinstance(x, str) for x in a):
            raise SchemaError(f"column 'authors', row {i}: must be a list of names, got {a!r}")
    wc = df["word_count"]
    if (wc.fillna(0) < 0).any():
        i = int((wc.fillna(0) < 0).to_numpy().nonzero()[0][0])
        raise SchemaError(f"column 'word_count', row {i}: negative")
    return df


# --- annotations ------------------------------------------------------------

LAYERS = ("sentence", "quote", "attribution", "evidentiality", "loaded", "actor", "number", "frame")
CUE_STANCES = ("neutral", "distancing", "endorsing", "accusing", "denying")
ATTRIBUTION_ROLES = ("source", "cue", "content")

SPAN_DTYPES: dict[str, str] = {
    "article_id": "string",
    "layer": "string",
    "label": "string",
    "start": "int64",  # character offsets into text (or into title when in_title)
    "end": "int64",
    "in_title": "bool",
    "text": "string",
    "sentence": "Int64",  # index of the sentence holding the span's start
    "group": "string",  # links the parts of one attribution (or a quote to its speaker)
    "role": "string",  # source / cue / content for attributions
    "rule": "string",  # lexicon entry or rule that produced the span
    "attrs": "object",  # dict: canonical actor, number value, unit, ...
}
SPAN_COLUMNS = list(SPAN_DTYPES)


def empty_spans() -> pd.DataFrame:
    """An empty spans table with the right dtypes."""
    return coerce_spans(pd.DataFrame(columns=SPAN_COLUMNS))


def coerce_spans(df: pd.DataFrame | Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Cast a spans table to the schema dtypes (missing optional columns filled)."""
    if not isinstance(df, pd.DataFrame):
        df = pd.DataFrame(list(df))
    df = df.copy()
    n = len(df)
    defaults = {"in_title": False, "attrs": None, "group": None, "role": None, "sentence": None}
    for col, dtype in SPAN_DTYPES.items():
        if col not in df.columns:
            df[col] = [defaults.get(col)] * n
        if col == "attrs":
            df[col] = [a if isinstance(a, dict) else {} for a in df[col]]
        elif dtype == "Int64":
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
        elif dtype in ("int64", "bool"):
            df[col] = df[col].fillna(0 if dtype == "int64" else False).astype(dtype)
        else:
            df[col] = df[col].astype("object").where(df[col].notna(), None).astype(dtype)
    return df[SPAN_COLUMNS].reset_index(drop=True)
