"""The corpus: one DuckDB file holding articles, their revisions, raw pages and annotations.

``Corpus(path)`` is the only place the toolkit writes articles to disk. Design:

* **Identity** is ``article_id``. A *revision* is identified by the sha256 of
  ``title + "\\n" + text`` (``text_sha256``). The same article with a new text becomes a
  new revision; earlier revisions are never deleted, so stealth edits stay visible. Rows are
  taken in order, so within one ``add`` the later row is the later revision. A text equal to
  any stored revision counts as *unchanged* (that revision's ``last_seen`` and
  ``seen_count`` are updated): re-ingesting old pages never piles up revisions, and an edit
  reverted to an earlier text shows as that earlier revision seen again.
* **Failures** (status ``error`` / ``blocked``) go to a fetch log (``failures()``) and
  never replace a stored revision. Rows with status ``empty`` / ``not_article`` /
  ``paywalled`` are facts about coverage and are stored, unless the article already has
  an ``ok`` revision: then they are logged, and the good text stays the latest.
* **Raw HTML** is kept zlib-compressed, one blob per distinct page (keyed by ``html_sha256``).
* **Annotations** (spans and per-article features) are keyed by
  (article_id, text_sha256 of the annotated revision, lexicon_version), so
  ``needs_annotation`` finds new or changed texts and stale lexicon versions (the version
  also hashes the annotators' sources and fitted models, so an upgrade re-annotates).
* **Transactions**: each ``add`` / ``save_annotations`` is one transaction; a crash in the
  middle leaves the file as it was before.
* **Concurrency**: DuckDB lets one process open a file for writing (or several for
  reading). A second process retries with backoff for ``timeout`` seconds, then fails
  with :class:`CorpusBusyError` naming the file. A ``Corpus`` object is not thread-safe.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import time
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
from tqdm.auto import tqdm

from . import __version__
from .schema import (
    ARTICLE_COLUMNS,
    ARTICLE_DTYPES,
    RAW_HTML,
    SCHEMA_VERSION,
    SOURCE_KINDS,
    SPAN_COLUMNS,
    STATUSES,
    coerce_articles,
    coerce_spans,
    sha256_hex,
)

#: Version of the table layout inside the file (independent of the article schema).
STORE_VERSION = 1
#: Pages bigger than this (bytes) are not archived; the article is stored and the skip logged.
MAX_RAW_HTML_BYTES = 50_000_000
#: Statuses that never become a stored revision.
FAILED_STATUSES = ("error", "blocked")

_EXTRA_COLUMNS = ["revision", "text_sha256"]
_SQL_TYPES = {
    "string": "VARCHAR",
    "datetime64[ns, UTC]": "TIMESTAMPTZ",
    "object": "VARCHAR[]",
    "Int64": "BIGINT",
}
_ARROW_TYPES = {
    "string": pa.string(),
    "datetime64[ns, UTC]": pa.timestamp("ns", tz="UTC"),
    "object": pa.list_(pa.string()),
    "Int64": pa.int64(),
}


class CorpusError(RuntimeError):
    """A corpus file cannot be used; the message names the file and what to do."""


class CorpusBusyError(CorpusError):
    """Another process holds the corpus file."""


class CorpusVersionError(CorpusError):
    """The corpus was written by a newer (or unsupported) toolkit."""


def text_sha256(title: str | None, text: str | None) -> str:
    """Revision key of an article: sha256 of ``title + "\\n" + text`` (missing parts as "")."""
    return sha256_hex(_str(title) + "\n" + _str(text))


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _q(name: str) -> str:
    """Quote an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    """Quote an SQL string literal (for statements that take no parameters, like COPY)."""
    return "'" + value.replace("'", "''") + "'"


def _revision_columns_sql() -> str:
    cols = [
        "article_id VARCHAR NOT NULL",
        "revision INTEGER NOT NULL",
        "text_sha256 VARCHAR NOT NULL",
    ]
    cols += [f"{_q(c)} {_SQL_TYPES[t]}" for c, t in ARTICLE_DTYPES.items() if c != "article_id"]
    cols += ["first_seen TIMESTAMPTZ", "last_seen TIMESTAMPTZ", "seen_count INTEGER"]
    return ",\n  ".join(cols)


_DDL = [
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR, value VARCHAR)",
    f"CREATE TABLE IF NOT EXISTS revisions (\n  {_revision_columns_sql()}\n)",
    """CREATE TABLE IF NOT EXISTS html (
  html_sha256 VARCHAR NOT NULL, size BIGINT, codec VARCHAR, compressed BLOB)""",
    """CREATE TABLE IF NOT EXISTS failures (
  logged TIMESTAMPTZ, article_id VARCHAR, source VARCHAR, url VARCHAR, status VARCHAR,
  status_detail VARCHAR, reason VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS annotations (
  article_id VARCHAR NOT NULL, text_sha256 VARCHAR, lexicon_version VARCHAR,
  annotated TIMESTAMPTZ, n_spans BIGINT, features VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS spans (
  article_id VARCHAR NOT NULL, text_sha256 VARCHAR, lexicon_version VARCHAR, seq BIGINT,
  layer VARCHAR, label VARCHAR, start BIGINT, "end" BIGINT, in_title BOOLEAN, text VARCHAR,
  sentence BIGINT, "group" VARCHAR, role VARCHAR, rule VARCHAR, attrs VARCHAR)""",
]

#: The latest revision of each article.
_LATEST = (
    "(SELECT * FROM revisions "
    "QUALIFY revision = max(revision) OVER (PARTITION BY article_id))"
)

#: version -> function upgrading a connection from that version to the next one.
_MIGRATIONS: dict[int, Any] = {}


def _now() -> pd.Timestamp:
    return pd.Timestamp(dt.datetime.now(dt.timezone.utc))


def _json_value(value: Any) -> Any:
    """A JSON-ready value: numpy scalars unwrapped, NaN/NA as null, anything odd as text."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple | np.ndarray):
        return [_json_value(v) for v in value]
    if isinstance(value, pd.Timestamp | dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def _json_default(value: Any) -> Any:
    """Fallback for values ``json`` cannot encode (numpy scalars and arrays, times, sets)."""
    if isinstance(value, np.generic | np.ndarray):
        return value.tolist()
    if isinstance(value, pd.Timestamp | dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    if value is pd.NA or value is pd.NaT:
        return None
    return str(value)


#: Encoder of span ``attrs``: C-accelerated; NaN is written as ``NaN`` and read back as nan.
_ATTRS_JSON = json.JSONEncoder(ensure_ascii=False, default=_json_default)


def _attrs_text(value: Any) -> str:
    if not value:
        return "{}"
    return _ATTRS_JSON.encode(value if isinstance(value, dict) else {"value": value})


def _attrs_dict(text: Any) -> dict:
    if not isinstance(text, str) or text == "{}":
        return {}
    value = json.loads(text)
    return value if isinstance(value, dict) else {"value": value}


def _nested(d: dict) -> bool:
    """Whether a decoded ``attrs`` dict holds containers (then copies must be deep)."""
    return any(isinstance(v, dict | list) for v in d.values())


def _as_list(value: Any) -> list[str]:
    if isinstance(value, list | tuple | np.ndarray):
        return [str(v) for v in value]
    return []


def _html_bytes(raw: Any) -> bytes | None:
    if isinstance(raw, bytes | bytearray | memoryview):
        return bytes(raw)
    if isinstance(raw, str):
        return raw.encode("utf-8", "surrogatepass")
    return None


class Corpus:
    """A DuckDB corpus file of articles, revisions, raw pages and annotations.

    ``Corpus(path)`` creates the file when missing. ``read_only=True`` opens an existing
    file for reading (several readers may share it). ``timeout`` is how long to wait
    (seconds) for another process that holds the file. Use it as a context manager or
    call :meth:`close`.
    """

    def __init__(self, path: str | Path, read_only: bool = False, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.timeout = float(timeout)
        if read_only and not self.path.exists():
            raise FileNotFoundError(
                f"corpus {self.path} does not exist; create it by adding articles "
                "(Corpus(path).add(df) or `toolkit ingest`) first"
            )
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._con: duckdb.DuckDBPyConnection | None = self._connect()
        try:
            self._con.execute("SET TimeZone = 'UTC'")
            self._check_version()
        except BaseException:
            self.close()
            raise

    # --- opening ------------------------------------------------------------------

    def _connect(self) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self.timeout
        delay = 0.05
        while True:
            try:
                con = duckdb.connect(str(self.path), read_only=self.read_only)
                # DuckDB draws a progress bar for slow queries, as an ipywidget inside
                # Jupyter: it would end up in executed report notebooks and their HTML
                con.execute("SET enable_progress_bar = false")
                return con
            except duckdb.IOException as exc:
                msg = str(exc)
                if "lock" not in msg.lower():
                    raise CorpusError(
                        f"corpus {self.path} cannot be opened ({msg}); check the path, or "
                        "that the file is a DuckDB database written by this toolkit"
                    ) from exc
                if time.monotonic() >= deadline:
                    raise CorpusBusyError(
                        f"corpus {self.path} is in use by another process; wait for it to "
                        f"finish or use another file (waited {self.timeout:g} s; DuckDB: {msg})"
                    ) from exc
            except duckdb.ConnectionException as exc:
                raise CorpusError(
                    f"corpus {self.path} is already open in this process with "
                    f"{'write' if self.read_only else 'read-only'} access; close that Corpus "
                    f"first or open both the same way ({exc})"
                ) from exc
            except duckdb.Error as exc:
                raise CorpusError(
                    f"corpus {self.path} cannot be opened ({exc}); is it a DuckDB file?"
                ) from exc
            time.sleep(min(delay, max(0.0, deadline - time.monotonic())))
            delay = min(delay * 2, 1.0)

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The open DuckDB connection (raises after :meth:`close`)."""
        if self._con is None:
            raise CorpusError(f"corpus {self.path} is closed; open it again with Corpus(path)")
        return self._con

    def _tables(self) -> set[str]:
        rows = self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()
        return {r[0] for r in rows}

    def _meta(self) -> dict[str, str]:
        return dict(self.con.execute("SELECT key, value FROM meta").fetchall())

    def _check_version(self) -> None:
        tables = self._tables()
        if "meta" not in tables:
            if tables:
                raise CorpusError(
                    f"{self.path} is a DuckDB file but not a toolkit corpus (no meta table); "
                    "use another file name"
                )
            if self.read_only:
                raise CorpusError(f"corpus {self.path} is empty; add articles to it first")
            self._create()
            return
        meta = self._meta()
        for key, supported in (("schema_version", SCHEMA_VERSION), ("store_version", STORE_VERSION)):
            try:
                found = int(meta.get(key, "0"))
            except ValueError as exc:
                raise CorpusError(f"corpus {self.path}: bad {key} {meta.get(key)!r}") from exc
            if found > supported:
                raise CorpusVersionError(
                    f"corpus {self.path} was written by {key.replace('_', ' ')} {found}; "
                    f"this toolkit reads up to {supported}: upgrade the toolkit"
                )
            if found < supported:
                self._migrate(key, found, supported)

    @contextmanager
    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction: committed when the block ends, rolled back on any exception
        (KeyboardInterrupt included), so the file is never left half-written."""
        con = self.con
        con.begin()
        try:
            yield con
            con.commit()
        except BaseException:
            try:
                con.rollback()
            except duckdb.Error:
                pass
            raise

    def _create(self) -> None:
        with self._transaction() as con:
            for ddl in _DDL:
                con.execute(ddl)
            con.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [
                    ["schema_version", str(SCHEMA_VERSION)],
                    ["store_version", str(STORE_VERSION)],
                    ["created", _now().isoformat()],
                    ["toolkit_version", __version__],
                ],
            )

    def _migrate(self, key: str, found: int, supported: int) -> None:
        if self.read_only:
            raise CorpusVersionError(
                f"corpus {self.path} was written by {key.replace('_', ' ')} {found}; open it "
                f"once without read_only to upgrade it to {supported}"
            )
        with self._transaction() as con:
            for version in range(found, supported):
                step = _MIGRATIONS.get(version) if key == "store_version" else None
                if step is not None:
                    step(con)
            # the article schema is a superset of older ones: new columns start empty
            for ddl in _DDL:
                con.execute(ddl)
            have = {r[0] for r in con.execute("DESCRIBE revisions").fetchall()}
            for col, dtype in ARTICLE_DTYPES.items():
                if col not in have:
                    con.execute(f"ALTER TABLE revisions ADD COLUMN {_q(col)} {_SQL_TYPES[dtype]}")
            con.execute("DELETE FROM meta WHERE key = ?", [key])
            con.execute("INSERT INTO meta VALUES (?, ?)", [key, str(supported)])

    def close(self) -> None:
        """Close the file (idempotent)."""
        if self._con is not None:
            try:
                self._con.close()
            finally:
                self._con = None

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._con is None else ("read-only" if self.read_only else "open")
        return f"Corpus({str(self.path)!r}, {state})"

    def __len__(self) -> int:
        return int(self._one("SELECT count(DISTINCT article_id) FROM revisions")[0])

    def _one(self, sql: str, params: list[Any] | None = None) -> tuple | None:
        """First row of a query, reading the whole result (DuckDB 2 refuses new work on a
        connection while a result is only partly fetched)."""
        rows = self.con.execute(sql, params or []).fetchall()
        return rows[0] if rows else None

    def _writable(self) -> None:
        if self.read_only:
            raise CorpusError(f"corpus {self.path} is open read-only; open it with read_only=False to write")

    # --- adding articles ---------------------------------------------------------

    def add(self, df: pd.DataFrame, progress: bool = True) -> dict[str, int]:
        """Store an articles table; return counts ``new, revised, unchanged, failed, total``.

        One call is one transaction. ``failed`` counts rows logged to :meth:`failures`
        instead of being stored: status error/blocked, rows without an ``article_id`` or
        with an unknown status or source_kind, and non-ok rows of articles that have an ok
        revision. ``df`` may also be a list of row dicts.
        A ``raw_html`` column (str or bytes) is archived compressed.
        """
        self._writable()
        art = coerce_articles(df)
        raw_col = art[RAW_HTML].tolist() if RAW_HTML in art.columns else None
        now = _now()
        with self._transaction():
            plan = self._plan(art, raw_col, now, progress)
            self._write(plan)
        return plan["counts"]

    def _plan(self, art: pd.DataFrame, raw_col: list | None, now: pd.Timestamp,
              progress: bool) -> dict[str, Any]:
        """Decide what each row becomes (reads only) and compress the new pages."""
        n = len(art)
        ids = art["article_id"].tolist()
        statuses = art["status"].tolist()
        titles = art["title"].tolist()
        texts = art["text"].tolist()
        kinds = art["source_kind"].tolist()
        state: dict[str, tuple[int, str, str]] = {}  # id -> latest (revision, hash, status)
        known_revs: dict[str, dict[tuple[str, str], int]] = {}  # id -> (hash, status) -> revision
        known = [i for i in set(ids) if isinstance(i, str) and i]
        if known:
            self.con.register("_ids", pa.table({"article_id": pa.array(known, pa.string())}))
            try:
                rows = self.con.execute(
                    "SELECT article_id, revision, text_sha256, status FROM revisions "
                    "WHERE article_id IN (SELECT article_id FROM _ids) ORDER BY article_id, revision"
                ).fetchall()
            finally:
                self.con.unregister("_ids")
            for aid, rev, digest, status in rows:
                state[aid] = (int(rev), digest, status)
                known_revs.setdefault(aid, {})[(digest, status)] = int(rev)

        counts = {"new": 0, "revised": 0, "unchanged": 0, "failed": 0}
        store_idx: list[int] = []
        revs: list[int] = []
        hashes: list[str] = []
        seen: dict[tuple[str, int], int] = {}
        fails: list[dict[str, Any]] = []

        def fail(i: int, reason: str) -> None:
            counts["failed"] += 1
            fails.append({
                "logged": now, "article_id": ids[i], "source": art["source"].iat[i],
                "url": art["url"].iat[i], "status": statuses[i],
                "status_detail": art["status_detail"].iat[i], "reason": reason,
            })

        for i in range(n):
            aid, status = ids[i], statuses[i]
            if not isinstance(aid, str) or not aid:
                fail(i, "no article_id")
                continue
            if status not in STATUSES:
                fail(i, f"unknown status {status!r}; expected one of {', '.join(STATUSES)}")
                continue
            if kinds[i] not in SOURCE_KINDS:
                fail(i, f"unknown source_kind {kinds[i]!r}; expected one of {', '.join(SOURCE_KINDS)}")
                continue
            if status in FAILED_STATUSES:
                fail(i, "failed")
                continue
            prev = state.get(aid)
            digest = text_sha256(titles[i], texts[i])
            same = known_revs.get(aid, {}).get((digest, status))
            if same is not None:
                # seen before (the latest or an earlier revision): re-ingesting old pages
                # must not flip-flop between two texts, so this is not a new revision
                counts["unchanged"] += 1
                seen[(aid, same)] = seen.get((aid, same), 0) + 1
                continue
            if status != "ok" and prev is not None and prev[2] == "ok":
                fail(i, "superseded: the article has an ok revision")
                continue
            rev = 1 if prev is None else prev[0] + 1
            counts["new" if prev is None else "revised"] += 1
            state[aid] = (rev, digest, status)
            known_revs.setdefault(aid, {})[(digest, status)] = rev
            store_idx.append(i)
            revs.append(rev)
            hashes.append(digest)

        counts["total"] = n
        stored = art.iloc[store_idx][ARTICLE_COLUMNS].reset_index(drop=True)
        stored.insert(1, "revision", pd.array(revs, dtype="int32"))
        stored.insert(2, "text_sha256", pd.array(hashes, dtype="string"))

        pages: dict[str, bytes] = {}
        if raw_col is not None:
            html_sha = stored["html_sha256"].astype("object").tolist()
            for k, i in enumerate(store_idx):
                data = _html_bytes(raw_col[i])
                if data is None:
                    continue
                if len(data) > MAX_RAW_HTML_BYTES:
                    fail(i, f"raw_html of {len(data)} bytes over the {MAX_RAW_HTML_BYTES} limit: "
                            "article stored without its page")
                    counts["failed"] -= 1  # the article itself was stored
                    continue
                key = html_sha[k] if isinstance(html_sha[k], str) and html_sha[k] else sha256_hex(data)
                html_sha[k] = key
                pages.setdefault(key, data)
            stored["html_sha256"] = pd.array(html_sha, dtype="string")
        html_rows = self._compress_new(pages, progress)
        return {"counts": counts, "revisions": stored, "now": now, "seen": seen,
                "failures": fails, "html": html_rows}

    def _compress_new(self, pages: dict[str, bytes], progress: bool) -> pa.Table | None:
        if not pages:
            return None
        self.con.register("_h", pa.table({"h": pa.array(list(pages), pa.string())}))
        try:
            have = {r[0] for r in self.con.execute(
                "SELECT html_sha256 FROM html WHERE html_sha256 IN (SELECT h FROM _h)").fetchall()}
        finally:
            self.con.unregister("_h")
        todo = [(k, v) for k, v in pages.items() if k not in have]
        if not todo:
            return None
        keys, sizes, blobs = [], [], []
        bar = tqdm(todo, desc="compress pages", unit="page",
                   disable=not progress or len(todo) < 500, leave=False)
        for key, data in bar:
            keys.append(key)
            sizes.append(len(data))
            blobs.append(zlib.compress(data, 6))
        return pa.table({
            "html_sha256": pa.array(keys, pa.string()),
            "size": pa.array(sizes, pa.int64()),
            "codec": pa.array(["zlib"] * len(keys), pa.string()),
            "compressed": pa.array(blobs, pa.binary()),
        })

    def _write(self, plan: dict[str, Any]) -> None:
        """Apply a plan inside the open transaction."""
        con = self.con
        now = plan["now"]
        rev: pd.DataFrame = plan["revisions"]
        if len(rev):
            fields = [pa.field("article_id", pa.string()), pa.field("revision", pa.int32()),
                      pa.field("text_sha256", pa.string())]
            fields += [pa.field(c, _ARROW_TYPES[t]) for c, t in ARTICLE_DTYPES.items()
                       if c != "article_id"]
            arrays = []
            for f in fields:
                col = rev[f.name]
                if f.name == "authors":
                    arrays.append(pa.array([_as_list(a) for a in col], f.type))
                else:
                    arrays.append(pa.array(col, f.type, from_pandas=True))
            table = pa.Table.from_arrays(arrays, schema=pa.schema(fields))
            con.register("_rev", table)
            try:
                con.execute(
                    "INSERT INTO revisions BY NAME SELECT *, ?::TIMESTAMPTZ AS first_seen, "
                    "?::TIMESTAMPTZ AS last_seen, 1 AS seen_count FROM _rev",
                    [now, now],
                )
            finally:
                con.unregister("_rev")
        if plan["html"] is not None:
            con.register("_html", plan["html"])
            try:
                con.execute(
                    "INSERT INTO html SELECT * FROM _html "
                    "WHERE html_sha256 NOT IN (SELECT html_sha256 FROM html)"
                )
            finally:
                con.unregister("_html")
        if plan["seen"]:
            items = list(plan["seen"].items())
            con.register("_seen", pa.table({
                "article_id": pa.array([k[0] for k, _ in items], pa.string()),
                "revision": pa.array([k[1] for k, _ in items], pa.int32()),
                "n": pa.array([v for _, v in items], pa.int32()),
            }))
            try:
                con.execute(
                    "UPDATE revisions SET last_seen = ?::TIMESTAMPTZ, "
                    "seen_count = revisions.seen_count + _seen.n FROM _seen "
                    "WHERE revisions.article_id = _seen.article_id "
                    "AND revisions.revision = _seen.revision",
                    [now],
                )
            finally:
                con.unregister("_seen")
        if plan["failures"]:
            f = pd.DataFrame(plan["failures"])
            con.register("_fail", pa.table({
                "logged": pa.array(f["logged"], pa.timestamp("ns", tz="UTC")),
                **{c: pa.array(f[c].astype("object").where(f[c].notna(), None), pa.string())
                   for c in ("article_id", "source", "url", "status", "status_detail", "reason")},
            }))
            try:
                con.execute("INSERT INTO failures BY NAME SELECT * FROM _fail")
            finally:
                con.unregister("_fail")

    # --- reading articles ----------------------------------------------------------

    def articles(self, latest_only: bool = True, where: str | None = None,
                 status: str | Sequence[str] | None = None,
                 ids: Iterable[str] | None = None) -> pd.DataFrame:
        """Articles in the schema (exact dtypes) plus ``revision`` and ``text_sha256``.

        ``latest_only=False`` returns every revision. ``status`` keeps the given status(es);
        ``ids`` keeps the given article ids.
        ``where`` is an SQL boolean expression over the article columns, e.g.
        ``"outlet = 'Reuters' AND published >= '2025-12-29'"``. It is trusted code written
        by the analyst and run as SQL: never build it from article text or URLs. It filters
        the latest revisions (or all of them with ``latest_only=False``).
        """
        source = _LATEST if latest_only else "revisions"
        sql = f"SELECT * FROM {source} AS a WHERE TRUE"
        params: list[Any] = []
        if status is not None:
            wanted = [status] if isinstance(status, str) else list(status)
            sql += " AND status IN (SELECT unnest(?::VARCHAR[]))"
            params.append(wanted)
        if ids is not None:
            sql += " AND article_id IN (SELECT unnest(?::VARCHAR[]))"
            params.append([str(i) for i in ids])
        if where:
            if ";" in where:
                raise ValueError(f"where must be one SQL expression, without ';': {where!r}")
            sql += f" AND ({where})"
        sql += " ORDER BY article_id, revision"
        try:
            raw = self.con.execute(sql, params).df()
        except duckdb.Error as exc:
            raise ValueError(f"cannot filter articles with where={where!r}: {exc}") from exc
        return _articles_frame(raw)

    def revisions(self, article_id: str) -> pd.DataFrame:
        """Every stored revision of one article (oldest first) with first/last seen times."""
        raw = self.con.execute(
            "SELECT * FROM revisions WHERE article_id = ? ORDER BY revision", [article_id]
        ).df()
        out = _articles_frame(raw)
        for col in ("first_seen", "last_seen"):
            out[col] = pd.to_datetime(raw[col], utc=True).astype("datetime64[ns, UTC]")
        out["seen_count"] = raw["seen_count"].astype("int64")
        return out

    def raw_html(self, article_id: str, revision: int | None = None) -> str | None:
        """The archived page of an article's revision (latest by default), or ``None``."""
        if revision is None:
            row = self._one(f"SELECT html_sha256 FROM {_LATEST} WHERE article_id = ?", [article_id])
        else:
            row = self._one(
                "SELECT html_sha256 FROM revisions WHERE article_id = ? AND revision = ?",
                [article_id, int(revision)],
            )
        if row is None or row[0] is None:
            return None
        blob = self._one("SELECT codec, compressed FROM html WHERE html_sha256 = ? LIMIT 1", [row[0]])
        if blob is None:
            return None
        data = zlib.decompress(blob[1]) if blob[0] == "zlib" else bytes(blob[1])
        return data.decode("utf-8", "surrogatepass") if _is_utf8(data) else data.decode("utf-8", "replace")

    def failures(self) -> pd.DataFrame:
        """The fetch log: rows that were not stored, with status, detail, reason and time."""
        df = self.con.execute("SELECT * FROM failures ORDER BY logged").df()
        for col in df.columns:
            if col == "logged":
                df[col] = pd.to_datetime(df[col], utc=True).astype("datetime64[ns, UTC]")
            else:
                df[col] = df[col].astype("object").where(df[col].notna(), None).astype("string")
        return df

    # --- annotations -----------------------------------------------------------------

    def save_annotations(self, spans: pd.DataFrame, features: pd.DataFrame,
                         lexicon_version: str) -> int:
        """Store the annotations of some articles, replacing earlier ones of those articles.

        ``spans`` follow ``schema.SPAN_COLUMNS`` (``attrs`` a dict). ``features`` has one
        row per article: ``article_id`` plus any columns (kept as JSON, so new feature
        columns need no migration). Each article is keyed by the ``text_sha256`` of its
        latest revision, or by a ``text_sha256`` column in ``features`` when the caller
        annotated another revision. Returns the number of articles saved.
        """
        self._writable()
        if not lexicon_version or not isinstance(lexicon_version, str):
            raise ValueError("lexicon_version must be a non-empty string, e.g. '2026.1'")
        sp = coerce_spans(spans if spans is not None else [])
        feats = features if features is not None else pd.DataFrame({"article_id": []})
        if "article_id" not in feats.columns:
            raise ValueError("features needs an 'article_id' column (one row per article)")
        ids = list(dict.fromkeys(
            [str(a) for a in feats["article_id"].tolist() if isinstance(a, str) and a]
            + [str(a) for a in sp["article_id"].dropna().tolist()]
        ))
        if not ids:
            return 0
        latest = dict(self.con.execute(
            f"SELECT article_id, text_sha256 FROM {_LATEST} "
            "WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall())
        unknown = [a for a in ids if a not in latest]
        if unknown:
            raise ValueError(
                f"{len(unknown)} annotated article(s) are not in corpus {self.path}, e.g. "
                f"{', '.join(unknown[:5])}; add the articles before saving their annotations"
            )
        key = dict(latest)
        feat_json: dict[str, str] = {}
        records = feats.to_dict("records")
        for rec in records:
            aid = rec.get("article_id")
            if not isinstance(aid, str) or not aid:
                continue
            given = rec.pop("text_sha256", None)
            if isinstance(given, str) and given:
                key[aid] = given
            rec.pop("article_id", None)
            rec.pop("lexicon_version", None)
            feat_json[aid] = json.dumps({str(k): _json_value(v) for k, v in rec.items()},
                                        ensure_ascii=False, allow_nan=False)
        n_spans = sp["article_id"].value_counts().to_dict()
        now = _now()
        ann = pa.table({
            "article_id": pa.array(ids, pa.string()),
            "text_sha256": pa.array([key[a] for a in ids], pa.string()),
            "lexicon_version": pa.array([lexicon_version] * len(ids), pa.string()),
            "annotated": pa.array([now] * len(ids), pa.timestamp("ns", tz="UTC")),
            "n_spans": pa.array([int(n_spans.get(a, 0)) for a in ids], pa.int64()),
            "features": pa.array([feat_json.get(a, "{}") for a in ids], pa.string()),
        })
        span_tab = pa.table({
            "article_id": pa.array(sp["article_id"], pa.string(), from_pandas=True),
            "text_sha256": pa.array(sp["article_id"].map(key).tolist(), pa.string()),
            "lexicon_version": pa.array([lexicon_version] * len(sp), pa.string()),
            "seq": pa.array(np.arange(len(sp), dtype="int64")),
            **{c: pa.array(sp[c], pa.string(), from_pandas=True)
               for c in ("layer", "label", "text", "group", "role", "rule")},
            "start": pa.array(sp["start"].to_numpy(dtype="int64")),
            "end": pa.array(sp["end"].to_numpy(dtype="int64")),
            "in_title": pa.array(sp["in_title"].to_numpy(dtype="bool")),
            "sentence": pa.array(sp["sentence"], pa.int64(), from_pandas=True),
            "attrs": pa.array([_attrs_text(a) for a in sp["attrs"]], pa.string()),
        })
        con = self.con
        try:
            with self._transaction():
                con.register("_ann", ann)
                con.register("_spans", span_tab)
                con.execute("DELETE FROM spans WHERE article_id IN (SELECT article_id FROM _ann)")
                con.execute("DELETE FROM annotations WHERE article_id IN (SELECT article_id FROM _ann)")
                con.execute("INSERT INTO annotations BY NAME SELECT * FROM _ann")
                con.execute("INSERT INTO spans BY NAME SELECT * FROM _spans")
        finally:
            con.unregister("_ann")
            con.unregister("_spans")
        return len(ids)

    def annotation_status(self, lexicon_version: str) -> pd.DataFrame:
        """Per latest article: ``article_id, text_sha256, annotated_sha256,
        annotated_version, up_to_date`` (annotated text and lexicon version both current)."""
        df = self.con.execute(
            f"SELECT l.article_id, l.text_sha256, a.text_sha256 AS annotated_sha256, "
            f"a.lexicon_version AS annotated_version, l.status "
            f"FROM {_LATEST} AS l LEFT JOIN annotations AS a USING (article_id) "
            "ORDER BY l.article_id"
        ).df()
        for col in ("article_id", "text_sha256", "annotated_sha256", "annotated_version", "status"):
            df[col] = df[col].astype("object").where(df[col].notna(), None).astype("string")
        up = (df["annotated_sha256"] == df["text_sha256"]) & (df["annotated_version"] == lexicon_version)
        df["up_to_date"] = up.fillna(False).astype("bool")
        return df

    def needs_annotation(self, lexicon_version: str,
                         status: str | Sequence[str] | None = None) -> list[str]:
        """Ids of latest articles never annotated, changed since, or under another lexicon
        version (optionally only those with the given status(es), e.g. ``"ok"``)."""
        st = self.annotation_status(lexicon_version)
        if status is not None:
            st = st[st["status"].isin([status] if isinstance(status, str) else list(status))]
        return st.loc[~st["up_to_date"], "article_id"].tolist()

    def _ann_filter(self, table: str, article_ids: Iterable[str] | None, current: bool,
                    params: list[Any]) -> str:
        sql = " WHERE TRUE"
        if article_ids is not None:
            sql += f" AND {table}.article_id IN (SELECT unnest(?::VARCHAR[]))"
            params.append([str(a) for a in article_ids])
        if current:
            sql += (f" AND {table}.text_sha256 = (SELECT l.text_sha256 FROM {_LATEST} AS l "
                    f"WHERE l.article_id = {table}.article_id)")
        return sql

    def spans(self, article_ids: Iterable[str] | None = None,
              layers: Iterable[str] | None = None, current: bool = True) -> pd.DataFrame:
        """Stored spans in the schema's dtypes (``attrs`` back as dicts).

        ``current=True`` (default) drops spans of articles whose text changed since they
        were annotated: their offsets no longer point into the latest text.
        """
        params: list[Any] = []
        cols = ", ".join(_q(c) for c in SPAN_COLUMNS)
        sql = f"SELECT {cols} FROM spans" + self._ann_filter("spans", article_ids, current, params)
        if layers is not None:
            sql += " AND layer IN (SELECT unnest(?::VARCHAR[]))"
            params.append([str(x) for x in layers])
        sql += " ORDER BY article_id, seq"
        # through Arrow: several times faster than .df() on hundreds of thousands of spans
        raw = self.con.sql(sql, params=params).to_arrow_table().to_pandas()
        decoded: dict[str, dict] = {}  # most attrs repeat ({"lemma": "say", ...}): parse once

        def attrs(text: Any) -> dict:
            if not isinstance(text, str) or text == "{}":
                return {}
            if text not in decoded:
                decoded[text] = _attrs_dict(text)
            return copy.deepcopy(decoded[text]) if _nested(decoded[text]) else dict(decoded[text])

        raw["attrs"] = [attrs(a) for a in raw["attrs"].tolist()]
        return coerce_spans(raw[SPAN_COLUMNS])

    def features(self, article_ids: Iterable[str] | None = None, current: bool = True) -> pd.DataFrame:
        """Per-article features, wide: ``article_id, text_sha256, lexicon_version`` + features.

        ``current=True`` (default) keeps only annotations of the latest text.
        """
        params: list[Any] = []
        sql = ("SELECT article_id, text_sha256, lexicon_version, features FROM annotations"
               + self._ann_filter("annotations", article_ids, current, params)
               + " ORDER BY article_id")
        rows = self.con.execute(sql, params).fetchall()
        records = []
        for aid, sha, version, feats in rows:
            rec = {"article_id": aid, "text_sha256": sha, "lexicon_version": version}
            rec.update({k: v for k, v in json.loads(feats or "{}").items() if k not in rec})
            records.append(rec)
        df = pd.DataFrame(records, columns=None if records else
                          ["article_id", "text_sha256", "lexicon_version"])
        for col in ("article_id", "text_sha256", "lexicon_version"):
            df[col] = df[col].astype("string")
        return df

    # --- export and summary ----------------------------------------------------------

    def to_parquet(self, directory: str | Path) -> dict[str, Path]:
        """Write ``articles`` (latest), ``revisions``, ``failures``, ``annotations`` (features
        as JSON), ``features`` (wide) and ``spans`` as Parquet files; return name -> path."""
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        queries = {
            "articles": f"SELECT * FROM {_LATEST} ORDER BY article_id",
            "revisions": "SELECT * FROM revisions ORDER BY article_id, revision",
            "failures": "SELECT * FROM failures ORDER BY logged",
            "annotations": "SELECT * FROM annotations ORDER BY article_id",
            "spans": "SELECT * FROM spans ORDER BY article_id, seq",
        }
        paths: dict[str, Path] = {}
        for name, query in queries.items():
            path = out / f"{name}.parquet"
            self.con.execute(f"COPY ({query}) TO {_literal(str(path))} (FORMAT parquet)")
            paths[name] = path
        feats = self.features(current=False)
        path = out / "features.parquet"
        feats.to_parquet(path, index=False)
        paths["features"] = path
        return paths

    def stats(self) -> dict[str, Any]:
        """Counts that describe the corpus (articles, revisions, statuses, pages, annotations)."""
        con = self.con
        one = self._one
        articles, revisions = one("SELECT count(DISTINCT article_id), count(*) FROM revisions")
        revised = one("SELECT count(*) FROM (SELECT article_id FROM revisions "
                      "GROUP BY article_id HAVING count(*) > 1)")[0]
        by_status = dict(con.execute(
            f"SELECT status, count(*) FROM {_LATEST} GROUP BY status ORDER BY status").fetchall())
        pages, raw_bytes, comp_bytes = one(
            "SELECT count(*), coalesce(sum(size), 0), coalesce(sum(octet_length(compressed)), 0) "
            "FROM html")
        versions = dict(con.execute(
            "SELECT lexicon_version, count(*) FROM annotations GROUP BY 1 ORDER BY 1").fetchall())
        meta = self._meta()
        return {
            "path": str(self.path),
            "schema_version": int(meta.get("schema_version", SCHEMA_VERSION)),
            "articles": int(articles),
            "revisions": int(revisions),
            "revised_articles": int(revised),
            "by_status": {k: int(v) for k, v in by_status.items()},
            "failures": int(one("SELECT count(*) FROM failures")[0]),
            "html_pages": int(pages),
            "html_bytes": int(raw_bytes),
            "html_bytes_compressed": int(comp_bytes),
            "annotated": {k: int(v) for k, v in versions.items()},
            "spans": int(one("SELECT count(*) FROM spans")[0]),
        }


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return False
    return True


def _articles_frame(raw: pd.DataFrame) -> pd.DataFrame:
    """DuckDB result -> schema DataFrame plus ``revision`` and ``text_sha256``."""
    raw = raw.copy()
    raw["authors"] = [_as_list(a) for a in raw["authors"]]
    out = coerce_articles(raw[ARTICLE_COLUMNS])
    out["revision"] = raw["revision"].astype("int64").to_numpy()
    out["text_sha256"] = pd.array(raw["text_sha256"].astype("object").tolist(), dtype="string")
    return out[ARTICLE_COLUMNS + _EXTRA_COLUMNS]
