"""The coordinator: runs the layers over articles and collects spans and features.

Layers run in a fixed order (:data:`ORDER`); each later layer sees the sentence
boundaries and the spans of the layers before it through :class:`~toolkit.annotate.base.Doc`.
The work is a pure function of the rows given: the same partition in gives the same
spans and features out, so it can run per partition (for example on Dask) unchanged.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import re
import time
import warnings
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import repeat
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
from tqdm.auto import tqdm

from ..limits import Bounded
from ..schema import LAYERS, SPAN_COLUMNS, SPAN_DTYPES, empty_spans
from .base import Doc, Span
from .features import features_frame, features_row
from .lexicon import Lexicons, default_lexicons, load_lexicons

#: Order the layers run in (attribution may use the quote and actor spans).
ORDER = ("sentence", "quote", "actor", "number", "attribution", "evidentiality", "loaded", "frame")
assert set(ORDER) == set(LAYERS)

#: Bound on the text one article contributes (characters); the rest is not annotated.
MAX_CHARS = 2_000_000
#: Default seconds one article may take: layers still to run when it passes are skipped,
#: and the article's ``annotate_error`` names them (``time_limit=None``: no limit, fully
#: deterministic). Only pathological texts come near it (about 1 s per 100,000 words).
TIME_LIMIT = 10.0
#: Texts longer than this many characters per second of ``time_limit`` are annotated in a
#: worker process that is killed at the limit (see :mod:`toolkit.limits`): one layer can
#: spend ~12 microseconds per character of pathological text, so shorter texts finish far
#: inside the limit in this process, and only very long ones pay for the fork.
WORKER_CHARS_PER_SECOND = 10_000
_TITLE_CHARS = 2_000


@dataclass
class Annotations:
    """Result of :func:`annotate`: span rows, one feature row per article, lexicon version."""

    spans: pd.DataFrame
    features: pd.DataFrame
    lexicon_version: str


def _layer_module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"{__package__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__package__}.{name}":
            raise
        warnings.warn(
            f"annotation layer {name!r} is not available (toolkit/annotate/{name}.py missing); skipped",
            RuntimeWarning,
            stacklevel=3,
        )
        return None


def resolve_layers(layers: Iterable[str] | None = None) -> list[tuple[str, ModuleType]]:
    """Layer modules to run, in :data:`ORDER`; ``sentence`` is always included."""
    wanted = set(ORDER if layers is None else layers)
    unknown = wanted - set(ORDER)
    if unknown:
        raise ValueError(f"unknown layer(s) {sorted(unknown)}; choose from {', '.join(ORDER)}")
    wanted.add("sentence")
    out = []
    for name in ORDER:
        if name in wanted:
            mod = _layer_module(name)
            if mod is not None:
                out.append((name, mod))
    return out


def as_lexicons(lexicons: Lexicons | str | Path | Mapping[str, Any] | None) -> Lexicons:
    """A :class:`Lexicons` from a ready object, an extension (file or mapping) or ``None``."""
    if lexicons is None:
        return default_lexicons()
    if isinstance(lexicons, Lexicons):
        return lexicons
    return load_lexicons(lexicons)


def run_layers(
    text: str, lexicons: Lexicons, modules: Sequence[tuple[str, ModuleType]], in_title: bool = False,
    deadline: float | None = None, skipped: list[str] | None = None,
) -> tuple[Doc, list[Span]]:
    """Run ``modules`` over one text; return the filled :class:`Doc` and all spans.

    Past ``deadline`` (``time.monotonic()``) the remaining layers are not run; their names
    are appended to ``skipped``.
    """
    doc = Doc(text=text, lexicons=lexicons, in_title=in_title)
    spans: list[Span] = []
    n = len(text)
    for name, mod in modules:
        if deadline is not None and name != "sentence" and time.monotonic() > deadline:
            if skipped is not None:
                skipped.append(name)
            doc.previous[name] = []
            continue
        got = [s for s in mod.annotate(doc) if 0 <= s.start < s.end <= n]
        if name == "sentence":
            doc.sentences = [(s.start, s.end) for s in got]
            if not doc.sentences and text.strip():
                doc.sentences = [(0, n)]
        doc.previous[name] = got
        spans.extend(got)
    return doc, spans


_LAYER_RANK = {name: i for i, name in enumerate(ORDER)}
_ARROW_STRINGS = pd.StringDtype().storage == "pyarrow"
_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Replace lone surrogates (undecodable input) with U+FFFD; length and offsets are kept."""
    return _SURROGATES.sub("\ufffd", text)


#: A span row: a tuple of the :data:`~toolkit.schema.SPAN_COLUMNS` values, in that order
#: (tuples are much cheaper to build, sort and transpose than dicts).
Row = tuple[Any, ...]
#: position of each column in a :data:`Row`
COL = {name: i for i, name in enumerate(SPAN_COLUMNS)}


def _sentence_numbers(doc: Doc, starts: list[int]) -> Iterable[int | None]:
    """``Doc.sentence_of`` of each offset in ``starts`` (ascending); ``None`` when there are
    no sentences.

    When the sentences are in order and disjoint (:meth:`Doc.ordered_ends`), the offsets
    in sentence ``k`` are those before its end and not before the end of sentence ``k - 1``:
    one bisection per sentence instead of one per offset.
    """
    if not doc.sentences:
        return [None] * len(starts)
    ends = doc.ordered_ends()
    if ends is None:
        return doc.sentences_of(starts)
    out: list[int] = []
    prev = 0
    for k, end in enumerate(ends):
        cut = bisect_left(starts, end, prev)
        out += repeat(k, cut - prev)
        prev = cut
    return out


def _rows(article_id: str, doc: Doc, spans: list[Span]) -> list[Row]:
    """Span rows of one document, in :func:`_sort_key` order (built pre-sorted).

    Each row takes over its span's ``attrs`` dict instead of a copy: every layer builds a
    new dict for each span and nothing changes a span after its layer returned it (the
    attribution layer only reads the actor spans' ``attrs``), so the rows own them."""
    text = doc.text
    in_title = doc.in_title
    rank = _LAYER_RANK
    keyed = [
        (s.start, -s.end, rank.get(s.layer, 99), s.label, s.role or "", s.group or "", s.rule, i)
        for i, s in enumerate(spans)
    ]
    keyed.sort()
    sentences = _sentence_numbers(doc, [k[0] for k in keyed])
    return [
        (article_id, s.layer, s.label, s.start, s.end, in_title, text[s.start : s.end],
         sentence, s.group, s.role, s.rule, s.attrs)
        for s, sentence in zip([spans[k[-1]] for k in keyed], sentences, strict=True)
    ]


def row_dict(row: Row) -> dict[str, Any]:
    """One span row as a ``{column: value}`` dict."""
    return dict(zip(SPAN_COLUMNS, row, strict=True))


def _sort_key(r: dict[str, Any] | Row) -> tuple:
    """Order of span rows: headline first, then by offsets, layer and the rest."""
    if not isinstance(r, dict):
        r = row_dict(r)
    return (
        not r["in_title"],
        r["start"],
        -r["end"],
        _LAYER_RANK.get(r["layer"], 99),
        r["label"],
        r["role"] or "",
        r["group"] or "",
        r["rule"],
    )


def annotate_article(
    article_id: str,
    text: str | None,
    title: str | None,
    lexicons: Lexicons,
    modules: Sequence[tuple[str, ModuleType]],
    time_limit: float | None = None,
) -> tuple[list[Row], dict[str, Any]]:
    """Span rows (:data:`Row` tuples; title first, sorted) and the per-article context used
    by the features.

    ``ctx["skipped"]`` lists the layers not run because ``time_limit`` seconds passed.
    """
    rows: list[Row] = []
    skipped: list[str] = []
    ctx: dict[str, Any] = {"body": None, "title": None, "skipped": skipped}
    deadline = None if time_limit is None else time.monotonic() + time_limit
    if isinstance(title, str) and title.strip():
        tdoc, tspans = run_layers(clean_text(title[:_TITLE_CHARS]), lexicons, modules, in_title=True,
                                  deadline=deadline, skipped=skipped)
        rows += _rows(article_id, tdoc, tspans)
        ctx["title"] = tdoc
    if isinstance(text, str) and text.strip():
        bdoc, bspans = run_layers(clean_text(text[:MAX_CHARS]), lexicons, modules,
                                  deadline=deadline, skipped=skipped)
        rows += _rows(article_id, bdoc, bspans)
        ctx["body"] = bdoc
    # each document's rows are already in _sort_key order and the headline's come first
    return rows, ctx


def _string_column(values: list[Any]) -> pd.Series:
    """A ``string`` column from Python strings/None (through Arrow when pandas stores
    strings in Arrow: several times faster than ``pd.array(values, dtype="string")``)."""
    if _ARROW_STRINGS:
        return pd.Series(pd.arrays.ArrowStringArray(pa.array(values, type=pa.large_string())))
    return pd.Series(pd.array(values, dtype="string"))


def _frame(rows: Sequence[Row] | Sequence[dict[str, Any]]) -> pd.DataFrame:
    """Span rows (tuples or dicts) as a DataFrame with the schema's dtypes (what
    ``coerce_spans`` gives, built column by column because that is several times faster)."""
    if not rows:
        return empty_spans()
    if isinstance(rows[0], dict):
        rows = [tuple(r[c] for c in SPAN_COLUMNS) for r in rows]  # type: ignore[index]
    data: dict[str, Any] = {}
    for (col, dtype), values in zip(SPAN_DTYPES.items(), zip(*rows, strict=True), strict=True):
        values = list(values)
        if col == "attrs":
            data[col] = pd.Series([v if isinstance(v, dict) else {} for v in values], dtype="object")
        elif dtype in ("int64", "bool"):  # through NumPy: several times faster from a list
            data[col] = pd.Series(np.array(values, dtype=dtype))
        elif dtype == "string":
            data[col] = _string_column(values)
        else:
            data[col] = pd.Series(pd.array(values, dtype=dtype))
    return pd.DataFrame(data, columns=SPAN_COLUMNS)


def annotate(
    articles: pd.DataFrame,
    layers: Iterable[str] | None = None,
    lexicons: Lexicons | str | Path | Mapping[str, Any] | None = None,
    progress: bool = True,
    time_limit: float | None = TIME_LIMIT,
) -> Annotations:
    """Annotate every article of ``articles`` (the articles schema; needs ``article_id``, ``text``).

    Each article is annotated with the lexicons of its ``language`` (``lexicons/ru/`` for
    "ru", see :meth:`Lexicons.for_language`), or the given ones when the package has none
    for it; tone (VADER) is English-only and ``None`` for other languages.
    Rows whose ``status`` is not ``ok`` or whose text is empty get no spans but still a
    features row. An article that makes a layer fail gets no spans and a features row
    with ``annotate_error`` naming the article and the error; the batch goes on. An
    article that passes ``time_limit`` seconds keeps the spans of the layers that ran and
    its ``annotate_error`` names the layers skipped.
    """
    lex = as_lexicons(lexicons)
    modules = resolve_layers(layers)
    if "article_id" not in articles.columns or "text" not in articles.columns:
        raise ValueError("annotate() needs an articles table with 'article_id' and 'text' columns")
    n = len(articles)
    ids = articles["article_id"].astype("object").tolist()
    texts = articles["text"].astype("object").tolist()
    titles = articles["title"].astype("object").tolist() if "title" in articles else [None] * n
    statuses = articles["status"].astype("object").tolist() if "status" in articles else ["ok"] * n
    langs = articles["language"].astype("object").tolist() if "language" in articles else [None] * n
    all_rows: list[Row] = []
    feats: list[dict[str, Any]] = []
    it = zip(ids, texts, titles, statuses, langs, strict=True)
    with _no_cyclic_gc():
        _annotate_rows(it, n, lex, modules, progress, time_limit, all_rows, feats)
        return Annotations(
            spans=_frame(all_rows),
            features=features_frame(feats, lex, modules),
            lexicon_version=lex.version,
        )


@contextlib.contextmanager
def _no_cyclic_gc() -> Any:
    """Pause the cyclic garbage collector while a batch builds its many span rows.

    The rows are tuples, dicts and strings without reference cycles, yet every few
    thousand of them trigger a collection that walks all the rows kept so far (about a
    tenth of a batch's time). Reference counting still frees everything as usual; the
    collector is switched back on (if it was on) when the batch ends, even on error.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _annotate_rows(it: Iterable[tuple], n: int, lex: Lexicons, modules: Sequence[tuple[str, ModuleType]],
                   progress: bool, time_limit: float | None, all_rows: list[Row],
                   feats: list[dict[str, Any]]) -> None:
    """The per-article loop of :func:`annotate`: appends span rows and feature rows."""
    for aid, text, title, status, language in tqdm(it, total=n, desc="annotate", unit="article",
                                                   disable=not progress or n < 2):
        aid = str(aid)
        lex_a = lex.for_language(language)
        ok = (status is None or status is pd.NA or status == "ok") and isinstance(text, str)
        if not ok:
            text = None
        job = (aid, text, title if ok else None)
        if _long(text, title, time_limit):
            def failed(error: str, aid: str = aid, lex_a: Lexicons = lex_a) -> tuple[list, dict]:
                return [], features_row(aid, [], {"body": None, "title": None}, lex_a, modules,
                                        error=error)

            rows, feat = _in_worker(partial(_one, lex=lex_a, modules=modules, time_limit=time_limit),
                                    job, time_limit, failed)
        else:
            rows, feat = _one(job, lex_a, modules, time_limit)
        all_rows += rows
        feats.append(feat)


def annotate_text(
    text: str,
    title: str | None = None,
    layers: Iterable[str] | None = None,
    lexicons: Lexicons | str | Path | Mapping[str, Any] | None = None,
    time_limit: float | None = TIME_LIMIT,
    language: str | None = None,
) -> pd.DataFrame:
    """Spans of one text (``article_id`` ``"text"``); headline spans have ``in_title``.

    ``language`` ("ru", ...) picks that language's lexicons when the package has them.
    When ``time_limit`` seconds pass, the remaining layers are skipped and
    ``df.attrs["annotate_error"]`` says which.
    """
    lex = as_lexicons(lexicons).for_language(language)
    modules = resolve_layers(layers)
    job = ("text", text if isinstance(text, str) else None, title)
    fn = partial(_spans_only, lex=lex, modules=modules, time_limit=time_limit)
    if _long(job[1], title, time_limit):
        rows, note = _in_worker(fn, job, time_limit, lambda e: ([], e))
    else:
        rows, note = fn(job)
    df = _frame(rows)
    if note:
        df.attrs["annotate_error"] = note
    return df


def _one(job: tuple[str, str | None, str | None], lex: Lexicons,
         modules: Sequence[tuple[str, ModuleType]], time_limit: float | None) -> tuple[list, dict]:
    """Span rows and the features row of one article (errors become its ``annotate_error``)."""
    aid, text, title = job
    try:
        rows, ctx = annotate_article(aid, text, title, lex, modules, time_limit)
        error = _timeout_note(aid, ctx, time_limit)
    except Exception as exc:  # one bad article never sinks a batch
        rows, ctx = [], {"body": None, "title": None}
        error = f"article {aid}: {type(exc).__name__}: {exc}"
    return rows, features_row(aid, rows, ctx, lex, modules, error=error)


def _spans_only(job: tuple[str, str | None, str | None], lex: Lexicons,
                modules: Sequence[tuple[str, ModuleType]],
                time_limit: float | None) -> tuple[list, str | None]:
    rows, ctx = annotate_article(*job, lex, modules, time_limit)
    return rows, _timeout_note(job[0], ctx, time_limit)


def _long(text: str | None, title: str | None, time_limit: float | None) -> bool:
    n = (len(text) if isinstance(text, str) else 0) + (len(title) if isinstance(title, str) else 0)
    return time_limit is not None and n > WORKER_CHARS_PER_SECOND * time_limit


def _in_worker(fn: Any, job: tuple, time_limit: float | None, on_timeout: Any) -> Any:
    """``fn(job)`` in a worker process killed after ``time_limit`` seconds."""
    with Bounded(fn, time_limit) as bounded:
        try:
            return bounded(job)
        except Exception as exc:
            size = len(job[1]) if isinstance(job[1], str) else 0
            return on_timeout(f"article {job[0]}: not annotated ({type(exc).__name__}: {exc}; "
                              f"text of {size:,} characters)")


def _timeout_note(article_id: str, ctx: dict[str, Any], time_limit: float | None) -> str | None:
    skipped = list(dict.fromkeys(ctx.get("skipped") or ()))
    if not skipped:
        return None
    return (f"article {article_id}: passed the {time_limit:g} s time limit; layers not run: "
            f"{', '.join(skipped)} (pass a larger time_limit to annotate it fully)")
