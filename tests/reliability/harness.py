"""Feed the hostile inputs to every loader and the annotator; collect what happened.

Shared by ``test_bad_input.py`` and ``benchmarks/reliability.py``: each runner returns
:class:`Outcome` records (one per input and API) that say how long the input took,
how many rows or spans came back, whether an exception escaped and what was wrong
with the result (a missing status, a reason that does not name the input, a span
outside the text...).
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.schema import STATUSES, validate

from .hostile import Suite

_SURROGATE = re.compile("[\ud800-\udfff]")

#: Seconds one input may take (the loaders' and the annotator's default limit).
TIME_LIMIT = 10.0
#: Seconds allowed on top of the limit for stopping a worker and starting the next one.
GRACE = 1.0


@dataclass
class Outcome:
    """What one API did with one input."""

    api: str
    name: str
    seconds: float = math.nan  # nan: timed as part of a batch (the loader enforces the limit)
    rows: int = 0
    escaped: str | None = None  # an exception that came out of the API
    problems: list[str] = field(default_factory=list)
    over_limit: bool = False  # took longer than the limit plus GRACE
    stopped: str | None = None  # the API's own limit cut this input short (with its reason)

    def ok(self) -> bool:
        return self.escaped is None and not self.problems and not self.over_limit


def timed(fn: Callable[[], Any]) -> tuple[Any, float, str | None]:
    t0 = time.perf_counter()
    try:
        out, err = fn(), None
    except Exception as exc:  # recorded: this is what the suite looks for
        out, err = None, f"{type(exc).__name__}: {str(exc)[:300]}"
    return out, time.perf_counter() - t0, err


def row_problems(row: dict[str, Any], name: str | None) -> list[str]:
    """What is wrong with one article row: status, and a reason naming the input."""
    problems = []
    status = row.get("status")
    if status not in STATUSES:
        problems.append(f"status {status!r} is not one of {STATUSES}")
    detail = row.get("status_detail")
    detail = detail if isinstance(detail, str) else ""
    if status != "ok":
        if not detail.strip():
            problems.append(f"status {status!r} without a reason")
        elif name is not None and name not in detail:
            problems.append(f"reason {detail[:120]!r} does not name the input")
    text = row.get("text")
    if isinstance(text, str) and ("\x00" in text):
        problems.append("NUL byte in the text")
    return problems


def frame_problems(df: pd.DataFrame) -> list[str]:
    try:
        validate(df)
    except Exception as exc:
        return [f"schema: {exc}"]
    return []


def span_problems(spans: pd.DataFrame, text: str, title: str | None) -> list[str]:
    """Spans inside their text, span text equal to the slice it points at.

    Lone surrogates (undecodable input) are compared as U+FFFD, which the annotator
    shows in their place (same length, same offsets).
    """
    text, title = _SURROGATE.sub("\ufffd", text), _SURROGATE.sub("\ufffd", title or "")
    out = []
    for sp in spans.itertuples(index=False):
        src = title if sp.in_title else text
        if not (0 <= sp.start < sp.end <= len(src)):
            out.append(f"{sp.layer} span {sp.start}:{sp.end} outside a text of {len(src)} chars")
        elif sp.text != src[sp.start:sp.end]:
            out.append(f"{sp.layer} span text {sp.text[:40]!r} != text[{sp.start}:{sp.end}]")
        if len(out) >= 5:
            break
    return out


def _over(o: Outcome, limit: float) -> Outcome:
    o.over_limit = not math.isnan(o.seconds) and o.seconds > limit + GRACE
    return o


def _stopped(detail: Any) -> str | None:
    detail = str(detail or "")
    return detail if "time limit" in detail else None


# --------------------------------------------------------------------------- runners


def run_parse_html(suite: Suite, limit: float = TIME_LIMIT) -> list[Outcome]:
    """``parse_html`` on the bytes of every page and on every string."""
    from toolkit.load import parse_html
    from toolkit.load.common import article_row, to_frame

    inputs: list[tuple[str, bytes | str]] = [(c.name, c.data) for c in suite.cases if c.kind == "html"]
    inputs += [(f"string:{n}", s) for n, s in suite.strings]
    out = []
    for name, data in inputs:
        url = f"https://hostile.example/{name}"
        fields, sec, err = timed(lambda d=data, u=url: parse_html(d, url=u))
        o = Outcome("parse_html", name, sec, escaped=err)
        if fields is not None:
            o.rows = 1
            o.problems = row_problems(fields, None)
            o.stopped = _stopped(fields.get("status_detail"))
            row, _, err2 = timed(lambda f=fields: to_frame([article_row(**f)]))
            o.problems += [f"article_row: {err2}"] if err2 else frame_problems(row)
        out.append(_over(o, limit))
    return out


def _batch(api: str, paths: list[Path], load: Callable[[list[Path]], pd.DataFrame],
           limit: float, keep: list[pd.DataFrame] | None = None) -> list[Outcome]:
    """One batch call over ``paths`` plus a missing file; one outcome per input."""
    missing = paths[0].parent / f"missing-{api}.html"
    given = [*paths, missing]
    df, sec, err = timed(lambda: load(given))
    if df is None:
        return [Outcome(api, p.name, escaped=err) for p in given]
    if keep is not None:
        keep.append(df)
    out = []
    schema = frame_problems(df)
    if len(df) != len(given) or list(df["source"]) != [str(p) for p in given]:
        return [Outcome(api, "(batch)", sec, problems=[f"{len(df)} rows for {len(given)} inputs, "
                                                      "or not in input order"])]
    for p, row in zip(given, df.to_dict("records"), strict=True):
        o = Outcome(api, p.name, rows=1, problems=row_problems(row, str(p)) + schema)
        o.stopped = _stopped(row.get("status_detail"))
        out.append(o)
    return out  # per-input seconds are not seen from outside a batch: the loader's limit holds


def run_from_html(suite: Suite, limit: float = TIME_LIMIT,
                  keep: list[pd.DataFrame] | None = None) -> list[Outcome]:
    """``from_html`` on every page in one batch (``keep`` collects the table)."""
    from toolkit.load import from_html

    return _batch("from_html", suite.paths("html"),
                  lambda ps: from_html(ps, progress=False, time_limit=limit), limit, keep)


def run_from_text(suite: Suite, limit: float = TIME_LIMIT,
                  keep: list[pd.DataFrame] | None = None) -> list[Outcome]:
    """``from_text`` on every text file in one batch (``keep`` collects the table)."""
    from toolkit.load import from_text

    return _batch("from_text", suite.paths("text"),
                  lambda ps: from_text(ps, progress=False, time_limit=limit), limit, keep)


def run_from_table(suite: Suite, limit: float = TIME_LIMIT) -> list[Outcome]:
    """``from_table`` on each table file (one call per file: a table is one input)."""
    from toolkit.load import from_table

    out = []
    for p in suite.paths("table"):
        df, sec, err = timed(lambda p=p: from_table(p, progress=False))
        o = Outcome("from_table", p.name, sec, escaped=err)
        if df is not None:
            o.rows = len(df)
            if not len(df):
                o.problems.append("no row for the table")
            for row in df.to_dict("records"):
                o.problems += row_problems(row, str(p))
                o.stopped = o.stopped or _stopped(row.get("status_detail"))
            o.problems += frame_problems(df)
            o.problems = list(dict.fromkeys(o.problems))
        out.append(_over(o, limit))
    return out


def run_parse_text(suite: Suite, limit: float = TIME_LIMIT) -> list[Outcome]:
    from toolkit.load import parse_text

    out = []
    for name, s in suite.strings:
        row, sec, err = timed(lambda s=s, n=name: parse_text(s, name=f"hostile:{n}"))
        o = Outcome("parse_text", name, sec, escaped=err)
        if row is not None:
            o.rows = 1
            o.problems = row_problems(row, f"hostile:{name}")
            o.stopped = _stopped(row.get("status_detail"))
        out.append(_over(o, limit))
    return out


def run_annotate_text(texts: Iterable[tuple[str, str, str | None]],
                      limit: float = TIME_LIMIT) -> list[Outcome]:
    """``annotate_text`` on (name, text, title) triples: spans inside the text, in time."""
    from toolkit.annotate import annotate_text

    out = []
    for name, text, title in texts:
        spans, sec, err = timed(lambda t=text, h=title: annotate_text(t, title=h, time_limit=limit))
        o = Outcome("annotate_text", name, sec, escaped=err)
        if spans is not None:
            o.rows = len(spans)
            o.problems = span_problems(spans, text, title)
            note = spans.attrs.get("annotate_error")
            if note:
                o.stopped = _stopped(note)
                if not o.stopped:
                    o.problems.append(note)
        out.append(_over(o, limit))
    return out


def annotate_inputs(suite: Suite, loaded: Iterable[pd.DataFrame] = (),
                    max_chars: int = 300_000) -> list[tuple[str, str, str | None]]:
    """The strings, plus every title and text the loaders got out of the hostile files."""
    items: list[tuple[str, str, str | None]] = [(n, s, s[:300] or None) for n, s in suite.strings]
    seen = {s for _, s, _ in items}
    for df in loaded:
        for row in df.to_dict("records"):
            text = row.get("text")
            # the longest texts are the strings' (100,000 words, 5 MB): not twice
            if isinstance(text, str) and text and len(text) <= max_chars and text not in seen:
                seen.add(text)
                title = row.get("title")
                items.append((f"loaded:{Path(str(row.get('source'))).name}", text,
                              title if isinstance(title, str) else None))
    return items


def summarise(outcomes: list[Outcome]) -> dict[str, Any]:
    """Counts per API and overall: inputs, rows, escaped, over the limit, with problems."""
    by: dict[str, dict[str, Any]] = {}
    for o in outcomes:
        s = by.setdefault(o.api, {"inputs": 0, "rows": 0, "escaped": 0, "over_limit": 0,
                                  "stopped": 0, "with_problems": 0, "max_seconds": 0.0})
        s["inputs"] += 1
        s["rows"] += o.rows
        s["escaped"] += o.escaped is not None
        s["over_limit"] += o.over_limit
        s["stopped"] += o.stopped is not None
        s["with_problems"] += bool(o.problems)
        if not math.isnan(o.seconds):
            s["max_seconds"] = max(s["max_seconds"], o.seconds)
    total = {k: sum(v[k] for v in by.values()) for k in ("inputs", "rows", "escaped", "over_limit",
                                                          "stopped", "with_problems")}
    total["max_seconds"] = max((v["max_seconds"] for v in by.values()), default=0.0)
    return {"by_api": by, "total": total}


def failures(outcomes: list[Outcome], limit: int = 20) -> list[str]:
    """Readable lines for the outcomes that went wrong."""
    lines = []
    for o in outcomes:
        if o.ok():
            continue
        what = o.escaped or "; ".join(o.problems) or f"took {o.seconds:.1f} s"
        lines.append(f"{o.api} {o.name}: {what}")
    return lines[:limit]
