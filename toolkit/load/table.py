"""Tables of articles: CSV, TSV, JSON Lines, JSON records, Parquet and Media Cloud exports.

The format comes from the extension (``.csv``, ``.tsv``/``.tab``, ``.jsonl``/``.ndjson``,
``.json``, ``.parquet``/``.pq``; any of the text formats may be gzipped, ``.csv.gz``).
Columns are matched to the schema by ``columns`` (source column -> schema column) and, for
the rest, by common names (see :data:`SYNONYMS`; case and spaces do not matter).

A Media Cloud story-list export (``id, publish_date, title, url, language, media_name,
media_url``) needs no mapping: ``media_name`` names the outlet and ``media_url`` gives the
domain. Outlet names: a column you map explicitly to ``outlet`` always wins; an outlet
column recognised by name (``media_name``, ``source``, ...) names only outlets the registry
(``toolkit.outlets``) does not know, so one outlet keeps one name across every loader.

Rows are numbered from 1, the first record after the header (for JSON Lines, the line
number); ``source`` is ``"<path>:row N"``. A row without text is kept with status
``empty`` ("no text in table row N"); ``fetch_missing=True`` fetches those texts from their
URLs through ``toolkit.load.web.from_urls``. Unreadable dates become ``NaT`` with a note in
``status_detail``; the row is kept. A file that cannot be read at all is one error row.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import math
import numbers
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm.auto import tqdm

from .. import outlets
from ..schema import domain_of
from .common import MAX_TEXT_CHARS, article_row, error_row, to_frame
from .text import decode_text, detect_language, parse_date, source_id

__all__ = ["from_table", "SYNONYMS", "MEDIA_CLOUD_COLUMNS", "MAX_TABLE_BYTES"]

SOURCE_KIND = "table"
EXTRACTOR = "table"
#: Largest table read (bytes, after decompression).
MAX_TABLE_BYTES = 500_000_000

#: schema column -> column names recognised without a mapping, in order of preference.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "heading", "story_title", "article_title"),
    "text": ("text", "body", "content", "full_text", "fulltext", "article_text", "story_text",
             "body_text", "article_body", "article"),
    "url": ("url", "link", "href", "article_url", "story_url", "permalink", "web_url"),
    "published": ("published", "publish_date", "date", "pubdate", "pub_date", "published_at",
                  "publication_date", "date_published", "publishdate", "datetime"),
    "modified": ("modified", "updated", "updated_at", "date_modified", "last_modified"),
    "authors": ("authors", "author", "byline", "bylines", "creator", "creators", "writer"),
    "outlet": ("outlet", "media_name", "source", "source_name", "media", "publisher",
               "site_name"),
    "language": ("language", "lang"),
    "domain": ("domain", "media_url", "source_domain", "source_url", "site"),
    "outlet_type": ("outlet_type",),
    "country": ("country",),
}
#: Targets ``columns`` may map to.
MAPPABLE = ("title", "text", "url", "canonical_url", "published", "modified", "retrieved",
            "authors", "outlet", "outlet_type", "country", "language", "domain")
MEDIA_CLOUD_COLUMNS = ("id", "publish_date", "title", "url", "language", "media_name",
                       "media_url")

_FORMATS = {
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".json": "json", ".parquet": "parquet", ".pq": "parquet",
}
_JSON_LIST_KEYS = ("stories", "results", "articles", "data", "items", "records", "rows")
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|,|&|\|| and | и | і | та )\s*", re.I)


def _key(name: Any) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


# --- reading ----------------------------------------------------------------


class _FileError(Exception):
    """The whole file cannot be read; the message says why and what to do."""


def _format_of(path: Path) -> tuple[str, bool]:
    name = path.name.lower()
    gz = name.endswith(".gz")
    if gz:
        name = name[:-3]
    fmt = _FORMATS.get(Path(name).suffix)
    if fmt is None:
        raise _FileError(
            f"unknown table format {path.suffix!r}; use .csv, .tsv, .jsonl, .ndjson, .json or "
            ".parquet (optionally .gz)")
    if gz and fmt == "parquet":
        raise _FileError("gzipped Parquet is not read; Parquet is compressed already, "
                         "decompress the file first")
    return fmt, gz


def _read_bytes(path: Path, gz: bool, max_bytes: int) -> bytes:
    if gz:
        try:
            with gzip.open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
        except (OSError, EOFError) as exc:
            raise _FileError(f"not a readable gzip file ({exc})") from exc
    else:
        if path.stat().st_size > max_bytes:
            raise _FileError(f"file is over the {max_bytes:,}-byte limit; split it or pass a "
                             "larger max_bytes")
        data = path.read_bytes()
    if len(data) > max_bytes:
        raise _FileError(f"decompresses past the {max_bytes:,}-byte limit; split it or pass "
                         "a larger max_bytes")
    return data


def _decode(data: bytes) -> str:
    text, how = decode_text(data)
    if text is None:
        raise _FileError(how.replace("copied text", "a table"))
    return text


Record = tuple[int, dict[str, Any] | None, str | None]  # row number, record, or problem


def _read_csv(text: str, sep: str | None) -> tuple[list[str], list[Record]]:
    if sep is None:
        sample = text[:65536]
        try:
            sep = csv.Sniffer().sniff(sample.split("\n", 1)[0] or sample, delimiters=",;\t|").delimiter
        except csv.Error:
            sep = ","
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, MAX_TEXT_CHARS * 4))
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
        header = next(reader, None)
        if not header or not any(h.strip() for h in header):
            raise _FileError("no header row; the first line must name the columns")
        header = [h.strip() for h in header]
        records: list[Record] = []
        n = 0
        for fields in reader:
            if not fields or not any(f.strip() for f in fields):
                continue
            n += 1
            if len(fields) != len(header):
                records.append((n, None, f"{len(fields)} fields where the header has "
                                         f"{len(header)} (a stray separator or quote?)"))
            else:
                records.append((n, dict(zip(header, fields, strict=True)), None))
    except csv.Error as exc:
        raise _FileError(f"malformed CSV ({exc})") from exc
    finally:
        csv.field_size_limit(old)
    return header, records


def _read_jsonl(text: str) -> tuple[list[str], list[Record]]:
    header: dict[str, None] = {}
    records: list[Record] = []
    # split on newlines only: str.splitlines would also cut at U+2028 inside JSON strings
    for n, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            records.append((n, None, f"invalid JSON ({exc.__class__.__name__}: {exc})"))
            continue
        records.append(_json_record(n, obj, header))
    return list(header), records


def _json_record(n: int, obj: Any, header: dict[str, None]) -> Record:
    """Record ``n`` of a JSON table: an object (its keys join ``header``) or an error."""
    if not isinstance(obj, dict):
        return (n, None, f"a JSON {type(obj).__name__}, expected an object")
    header.update(dict.fromkeys(obj))
    return (n, obj, None)


def _read_json(text: str) -> tuple[list[str], list[Record]]:
    try:
        obj = json.loads(text)
    except ValueError as exc:
        raise _FileError(f"invalid JSON ({exc}); for one object per line use .jsonl") from exc
    if isinstance(obj, dict):
        lists = [obj[k] for k in _JSON_LIST_KEYS if isinstance(obj.get(k), list)]
        lists = lists or [v for v in obj.values() if isinstance(v, list)]
        if len(lists) < 1:
            raise _FileError("a JSON object with no list of records in it")
        obj = lists[0]
    if not isinstance(obj, list):
        raise _FileError(f"JSON {type(obj).__name__}, expected a list of records")
    header: dict[str, None] = {}
    records = [_json_record(n, item, header) for n, item in enumerate(obj, start=1)]
    return list(header), records


def _read_parquet(path: Path) -> tuple[list[str], list[Record]]:
    try:
        df = pd.read_parquet(path)
    except Exception as exc:
        raise _FileError(f"not a readable Parquet file ({type(exc).__name__}: {exc})") from exc
    header = [str(c) for c in df.columns]
    df.columns = header
    return header, [(n, rec, None) for n, rec in enumerate(df.to_dict("records"), start=1)]


def _read(path: Path, max_bytes: int) -> tuple[list[str], list[Record]]:
    fmt, gz = _format_of(path)
    if not path.exists():
        raise _FileError("no such file; check the path")
    if path.is_dir():
        raise _FileError("is a folder, not a table file")
    try:
        if fmt == "parquet":
            if path.stat().st_size > max_bytes:
                raise _FileError(f"file is over the {max_bytes:,}-byte limit")
            return _read_parquet(path)
        text = _decode(_read_bytes(path, gz, max_bytes))
    except OSError as exc:
        raise _FileError(f"cannot read the file ({exc.strerror or exc}); check the path and "
                         "permissions") from exc
    if fmt == "csv":
        return _read_csv(text, None)
    if fmt == "tsv":
        return _read_csv(text, "\t")
    if fmt == "jsonl":
        return _read_jsonl(text)
    return _read_json(text)


# --- columns ----------------------------------------------------------------


def _column_map(header: list[str], columns: Mapping[str, str] | None
                ) -> tuple[dict[str, str], set[str]]:
    """schema column -> source column, and the schema columns mapped explicitly."""
    by_key = {}
    for h in header:
        by_key.setdefault(_key(h), h)
    chosen: dict[str, str] = {}
    explicit: set[str] = set()
    missing = []
    for src, dst in (columns or {}).items():
        real = src if src in header else by_key.get(_key(src))
        if real is None:
            missing.append(src)
            continue
        chosen[dst] = real
        explicit.add(dst)
    if missing:
        raise _FileError(
            f"column(s) {', '.join(map(repr, missing))} named in columns= are not in the table; "
            f"it has: {', '.join(map(repr, header[:40]))}")
    used = set(chosen.values())
    for dst, names in SYNONYMS.items():
        if dst in chosen:
            continue
        for name in names:
            real = by_key.get(name)
            if real is not None and real not in used:
                chosen[dst] = real
                used.add(real)
                break
    if not {"title", "text", "url"} & set(chosen):
        raise _FileError(
            f"no title, text or url column found (it has: {', '.join(map(repr, header[:40]))}); "
            "pass columns={'your column': 'text', ...}")
    return chosen, explicit


def _check_columns_arg(columns: Any) -> dict[str, str] | None:
    if columns is None:
        return None
    if not isinstance(columns, Mapping):
        raise TypeError("columns must be a dict of source column -> schema column, e.g. "
                        "{'headline': 'title', 'body': 'text'}")
    bad = {k: v for k, v in columns.items() if v not in MAPPABLE}
    if bad:
        raise ValueError(f"columns= maps to unknown schema column(s) {bad}; "
                         f"targets are {', '.join(MAPPABLE)}")
    return {str(k): str(v) for k, v in columns.items()}


# --- values -----------------------------------------------------------------


def _blank(v: Any) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    return isinstance(v, str) and not v.strip()


def _listish(v: Any) -> list | None:
    if isinstance(v, list | tuple):
        return list(v)
    if hasattr(v, "tolist") and getattr(v, "ndim", 0) == 1:  # numpy arrays from Parquet
        return list(v.tolist())
    return None


def _scalar_text(v: Any, what: str) -> str | None:
    """A short string field (title, outlet, language ...)."""
    if _blank(v):
        return None
    if isinstance(v, dict) or _listish(v) is not None:
        raise ValueError(f"column {what!r} holds a value of type {type(v).__name__}, "
                         "expected text")
    return " ".join(str(v).split())[:2000] or None


def _body_text(v: Any, col: str) -> str | None:
    if _blank(v):
        return None
    items = _listish(v)
    if items is not None:  # a list of paragraphs
        if not all(isinstance(x, str) for x in items):
            raise ValueError(f"column {col!r} holds a list of non-strings, expected text")
        v = "\n\n".join(x.strip() for x in items if x and x.strip())
    if not isinstance(v, str):
        raise ValueError(f"column {col!r} holds a value of type {type(v).__name__} "
                         f"({str(v)[:40]!r}), expected text")
    v = v.replace("\r\n", "\n").replace("\x00", "").strip()
    return v[:MAX_TEXT_CHARS] or None


def _date(v: Any) -> pd.Timestamp | None:
    if _blank(v):
        return None
    if isinstance(v, bool):
        return None
    if isinstance(v, numbers.Real) or (isinstance(v, str) and re.fullmatch(r"\d{9,14}(\.\d+)?", v.strip())):
        x = float(v)
        unit = "s" if x < 1e11 else "ms"
        try:
            ts = pd.Timestamp(x, unit=unit, tz="UTC")
        except (ValueError, OverflowError):
            return None
        return ts if 1970 < ts.year <= 2100 else None
    try:
        return parse_date(v, lenient=True)
    except (ValueError, TypeError, OverflowError):
        return None


def _authors(v: Any) -> list[str]:
    if _blank(v):
        return []
    items = _listish(v)
    if items is None:
        s = str(v).strip()
        if s.startswith("["):
            try:
                parsed = json.loads(s)
            except ValueError:
                parsed = None
            if isinstance(parsed, list):
                items = parsed
        if items is None:
            s = re.sub(r"^(?:by|автор[ыи]?:?)\s+", "", s, flags=re.I)
            items = _AUTHOR_SPLIT.split(s)
    out: list[str] = []
    for a in items:
        if isinstance(a, dict):  # {"name": ...} as some APIs give
            a = a.get("name") or ""
        name = " ".join(str(a).split()).strip(" .")
        if name and name not in out and len(name) <= 200:
            out.append(name)
    return out


def _domain_value(v: Any, col: str = "domain") -> str | None:
    s = _scalar_text(v, col)
    if not s:
        return None
    if "://" not in s:
        s = "http://" + s.lstrip("/")
    return domain_of(s)


def _language(v: Any, col: str = "language") -> str | None:
    s = _scalar_text(v, col)
    return re.split(r"[-_]", s)[0].lower()[:8] if s else None


# --- rows -------------------------------------------------------------------


def _error(where: str, detail: str, status: str = "error") -> dict:
    return error_row(where, SOURCE_KIND, detail, status=status, article_id=source_id(where))


def _fields(rec: dict[str, Any], n: int, cols: dict[str, str], explicit: set[str],
            path: str) -> dict[str, Any]:
    """One record -> article fields (before ``article_row``), with notes on what was odd."""
    notes: list[str] = []
    problems: list[str] = []
    get = {dst: rec.get(src) for dst, src in cols.items()}
    f: dict[str, Any] = {"source": f"{path}:row {n}", "source_kind": SOURCE_KIND,
                         "extractor": EXTRACTOR}

    def field(parse: Any, key: str) -> Any:
        try:
            return parse(get.get(key), cols.get(key, key))
        except ValueError as exc:  # a wrong type: the row is kept, marked as an error
            problems.append(str(exc))
            return None

    f["title"] = field(_scalar_text, "title")
    f["text"] = field(_body_text, "text")
    for key in ("url", "canonical_url"):
        u = field(_scalar_text, key)
        if u and not re.match(r"https?://", u, re.I):
            notes.append(f"{cols[key]!r} value {u[:80]!r} is not an http(s) URL, ignored")
            u = None
        f[key] = u
    for key in ("published", "modified", "retrieved"):
        raw = get.get(key)
        ts = _date(raw)
        if ts is None and not _blank(raw):
            notes.append(f"unreadable date {str(raw)[:60]!r} in column {cols[key]!r}")
        f[key] = ts
    f["authors"] = _authors(get.get("authors"))
    f["language"] = field(_language, "language")
    f["domain"] = field(_domain_value, "domain") or domain_of(f["url"] or f["canonical_url"])
    outlet = field(_scalar_text, "outlet")
    if outlet and ("outlet" in explicit or outlets.lookup(f["domain"])["outlet_type"] == "unknown"):
        f["outlet"] = outlet
    for key in ("outlet_type", "country"):
        if key in cols:
            f[key] = field(_scalar_text, key)
    if f["retrieved"] is None:
        del f["retrieved"]
    if problems:
        f["status"] = "error"
        notes = [f"row {n}: " + "; ".join(problems), *notes]
    f["_row"] = n
    f["_notes"] = notes
    return f


def _finish(f: dict[str, Any], path: str) -> dict:
    f = dict(f)
    n = f.pop("_row")
    notes = f.pop("_notes")
    if not f.get("language") and f.get("text"):
        f["language"] = detect_language(f.get("title"), f["text"])
    if not f.get("text") and not f.get("status"):
        f["status"] = "empty"
        notes = [f"no text in table row {n}", *notes]
    if notes:
        f["status_detail"] = f"{path}: " + "; ".join(notes)
    if not f.get("text") and not (f.get("url") or f.get("canonical_url")):
        f["article_id"] = source_id(f["source"])  # nothing to identify it by but its place
    return article_row(**f)


def _fill_from_web(fields: list[dict], fetch_kwargs: dict[str, Any], progress: bool) -> None:
    """Fetch the texts of rows that have a URL but no text; update ``fields`` in place."""
    todo = [f for f in fields if not f.get("text") and f.get("url") and "status" not in f]
    if not todo:
        return
    urls = list(dict.fromkeys(f["url"] for f in todo))
    kwargs = {"progress": progress, **(fetch_kwargs or {})}
    try:
        from .web import from_urls  # lazy: the web stack is only needed here

        got = from_urls(urls, **kwargs)
    except Exception as exc:
        for f in todo:
            f["_notes"].append(f"could not fetch the text ({type(exc).__name__}: {exc})")
        return
    by_source: dict[str, dict] = {}
    for rec in got.to_dict("records"):
        for key in (rec.get("source"), rec.get("url")):
            if isinstance(key, str):
                by_source.setdefault(key, rec)
    for f in todo:
        rec = by_source.get(f["url"])
        if rec is None:
            f["_notes"].append(f"fetching {f['url']} returned no row")
            continue
        text = rec.get("text")
        if rec.get("status") == "ok" and isinstance(text, str) and text.strip():
            f["text"] = text
            f["extractor"] = f"{EXTRACTOR}+{rec.get('extractor') or 'web'}"
            for key in ("title", "published", "modified", "language"):
                val = rec.get(key)
                if not f.get(key) and not _blank(val):
                    f[key] = val
            if not f.get("authors") and isinstance(rec.get("authors"), list):
                f["authors"] = rec["authors"]
            for key in ("html_sha256", "retrieved", "raw_html"):
                if not _blank(rec.get(key)):
                    f[key] = rec[key]
            f["_notes"].append(f"text fetched from {f['url']}")
        else:
            f["status"] = rec.get("status") or "error"
            detail = rec.get("status_detail") or "no text"
            f["_notes"].insert(0, f"no text in table row {f['_row']}; fetching it failed: "
                                  f"{str(detail)[:300]}")


def from_table(path: str | Path, columns: dict | None = None, *, fetch_missing: bool = False,
               fetch_kwargs: dict | None = None, progress: bool = True,
               max_bytes: int = MAX_TABLE_BYTES) -> pd.DataFrame:
    """A table of articles (CSV, TSV, JSONL, JSON, Parquet, Media Cloud) -> articles table.

    ``columns`` maps source column -> schema column, e.g. ``{"headline": "title",
    "body": "text", "date": "published", "link": "url", "site": "outlet"}``; common names are
    recognised without it. ``fetch_missing`` fills rows without text from their URLs with
    ``toolkit.load.web.from_urls(urls, **fetch_kwargs)``. One row per record; bad records
    and unreadable files become rows with a status and a reason naming them.
    """
    columns = _check_columns_arg(columns)
    p = Path(path)
    name = str(path)
    try:
        header, records = _read(p, max_bytes)
        cols, explicit = _column_map(header, columns) if records else ({}, set())
    except _FileError as exc:
        return to_frame([_error(name, str(exc))])
    except Exception as exc:  # anything unforeseen still names the file
        return to_frame([_error(name, f"cannot read the table ({type(exc).__name__}: "
                                         f"{exc})")])
    if not records:
        return to_frame([_error(name, "the table has no rows", status="empty")])
    fields: list[dict] = []
    rows: list[dict | None] = []  # error rows in place, None where ``fields`` fills in
    for n, rec, problem in tqdm(records, desc=f"table {p.name}", unit="row",
                                disable=not progress):
        where = f"{name}:row {n}"
        if problem is not None:
            rows.append(_error(where, f"{where}: {problem}"))
            continue
        try:
            fields.append(_fields(rec, n, cols, explicit, name))
            rows.append(None)
        except Exception as exc:  # one bad record never sinks the table
            rows.append(_error(where, f"{where}: {exc}"))
    if fetch_missing:
        _fill_from_web(fields, fetch_kwargs or {}, progress)
    done = iter(fields)
    out = []
    for r in rows:
        if r is not None:
            out.append(r)
            continue
        f = next(done)
        try:
            out.append(_finish(f, name))
        except Exception as exc:
            where = f.get("source", name)
            out.append(_error(where, f"{where}: {type(exc).__name__}: {exc}"))
    df = to_frame(out)
    if {_key(c) for c in MEDIA_CLOUD_COLUMNS} - {"language"} <= {_key(h) for h in header}:
        df.attrs["table_format"] = "mediacloud"
    return df
