"""The one place that composes load -> store -> annotate -> compare.

Used by the CLI, the report and the notebooks, so they all see the same numbers.
"""

from __future__ import annotations

import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm.auto import tqdm

from . import compare, dedup
from .annotate import annotate, load_lexicons
from .limits import die_with_parent
from .load import load
from .store import Corpus
from .story import Story, load_story

#: Annotate in batches so an interrupted run keeps what it finished.
ANNOTATE_BATCH = 500
#: Fewer articles to annotate than this are done in this process (workers take ~2 s to start).
PARALLEL_MIN = 200


def ingest(sources: str | Path | Iterable[str | Path], corpus: str | Path, *,
           progress: bool = True, **load_kwargs: Any) -> tuple[pd.DataFrame, dict]:
    """Load ``sources`` and add them to the corpus file; returns (loaded rows, store counts)."""
    df = load(sources, progress=progress, **load_kwargs)
    with Corpus(corpus) as store:
        counts = store.add(df)
    return df, counts


def summary(df: pd.DataFrame) -> pd.DataFrame:
    """Rows per outlet and status: the table printed after an ingest."""
    if df.empty:
        return pd.DataFrame(columns=["outlet", "status", "articles", "words"])
    out = (
        df.assign(outlet=df["outlet"].fillna(df["source"]).fillna("?"))
        .groupby(["outlet", "status"], dropna=False)
        .agg(articles=("article_id", "size"), words=("word_count", "sum"))
        .reset_index()
        .sort_values(["outlet", "status"])
    )
    return out.reset_index(drop=True)


def annotation_workers() -> int:
    """Worker processes for annotating large batches: the CPUs this process may use (max 4)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(4, cpus))


#: The lexicons of a parallel annotation run, inherited by the forked workers.
_FORK_LEXICONS: Any = None


def _annotate_batch(arts: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One batch in a worker process (forked: it has the parent's lexicons)."""
    ann = annotate(arts, lexicons=_FORK_LEXICONS, progress=False)
    return ann.spans, ann.features


def _can_fork() -> bool:
    import multiprocessing as mp

    # a daemonic process (e.g. a multiprocessing.Pool worker) may not have children
    return (sys.platform.startswith("linux") and "fork" in mp.get_all_start_methods()
            and not mp.current_process().daemon)


def annotate_corpus(corpus: str | Path, *, extra_lexicon: Any = None, progress: bool = True,
                    batch_size: int = ANNOTATE_BATCH, workers: int | None = None) -> dict:
    """Annotate only new or changed articles (keyed by text hash and lexicon version).

    With at least :data:`PARALLEL_MIN` articles to do, ``workers`` processes (default
    :func:`annotation_workers`; Linux only) annotate batches while this process reads and
    saves them; annotation is per article and deterministic, so the result is the same as
    in one process. Each finished batch is saved at once, in order, so an interrupted run
    keeps what it finished.
    """
    lex = load_lexicons(extra_lexicon)
    with Corpus(corpus, read_only=True) as store:
        todo = list(store.needs_annotation(lex.version))
    n_workers = annotation_workers() if workers is None else max(1, int(workers))
    if n_workers > 1 and len(todo) >= PARALLEL_MIN and _can_fork():
        done = _annotate_parallel(corpus, todo, lex, n_workers, batch_size, progress)
    else:
        done = 0
        with Corpus(corpus) as store:
            for i in range(0, len(todo), batch_size):
                ids = todo[i : i + batch_size]
                arts = store.articles(ids=ids)
                ann = annotate(arts, lexicons=lex, progress=progress)
                store.save_annotations(ann.spans, ann.features, lex.version)
                done += len(ids)
    with Corpus(corpus, read_only=True) as store:
        total = len(store)
    return {"annotated": done, "up_to_date": total - done, "lexicon_version": lex.version}


def _annotate_parallel(corpus: str | Path, todo: list[str], lex: Any, n_workers: int,
                       batch_size: int, progress: bool) -> int:
    """Annotate ``todo`` in forked worker processes; this process reads articles and saves.

    The workers are forked before the corpus is opened (they never hold the DuckDB file)
    and inherit the loaded lexicons, so they start in milliseconds. They are not daemons:
    the annotator may fork a time-limited worker of its own for a very long text.
    """
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    global _FORK_LEXICONS
    # small batches keep every worker busy to the end
    size = max(25, min(batch_size, -(-len(todo) // (n_workers * 4))))
    batches = [todo[i : i + size] for i in range(0, len(todo), size)]
    done = 0
    _FORK_LEXICONS = lex
    bar = tqdm(total=len(todo), desc="annotate", unit="article", disable=not progress)
    try:
        with ProcessPoolExecutor(max_workers=min(n_workers, len(batches)),
                                 mp_context=mp.get_context("fork"), initializer=die_with_parent,
                                 initargs=(os.getpid(),)) as pool:
            pool.submit(os.getpid).result()  # with "fork", every worker starts on the first task
            with Corpus(corpus) as store:
                queue = iter(batches)
                pending: deque = deque()

                def submit() -> None:  # at most two batches per worker in memory
                    while len(pending) < 2 * n_workers and (ids := next(queue, None)) is not None:
                        pending.append((ids, pool.submit(_annotate_batch, store.articles(ids=ids))))

                submit()
                while pending:
                    ids, fut = pending.popleft()
                    spans, feats = fut.result()
                    store.save_annotations(spans, feats, lex.version)
                    done += len(ids)
                    bar.update(len(ids))
                    submit()
    finally:
        _FORK_LEXICONS = None
        bar.close()
    return done


@dataclass
class StoryData:
    """Everything a report needs about one story: inputs and every comparison table."""

    story: Story
    corpus_path: Path
    articles: pd.DataFrame
    spans: pd.DataFrame
    features: pd.DataFrame
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    #: what ``annotate_corpus`` did for this run (new annotations vs reused ones)
    annotated: dict = field(default_factory=dict)


def prepare_story(story: str | Path | Story, corpus: str | Path | None = None, *,
                  ingest_sources: bool = True, progress: bool = False) -> StoryData:
    """Ingest the story's sources (if any), annotate what is new, select and compare."""
    t0 = time.perf_counter()
    st = story if isinstance(story, Story) else load_story(story)
    corpus_path = Path(corpus) if corpus else st.corpus_path
    timings: dict[str, float] = {}
    if ingest_sources and st.source_paths:
        ingest(st.source_paths, corpus_path, progress=progress)
    timings["ingest"] = time.perf_counter() - t0
    annotated = annotate_corpus(corpus_path, extra_lexicon=st.lexicon_extension(), progress=progress)
    timings["annotate"] = time.perf_counter() - t0 - timings["ingest"]
    with Corpus(corpus_path, read_only=True) as store:
        t = time.perf_counter()
        arts = store.articles()
        timings["read_articles"] = time.perf_counter() - t
        t = time.perf_counter()
        arts = dedup.syndication(arts, progress=progress)
        timings["syndication"] = time.perf_counter() - t
        arts = st.select(arts)
        ids = list(arts["article_id"])
        t = time.perf_counter()
        spans = store.spans(article_ids=ids)
        feats = store.features(article_ids=ids)
        timings["read_annotations"] = time.perf_counter() - t
    data = StoryData(st, corpus_path, arts, spans, feats, timings=timings, annotated=annotated)
    t = time.perf_counter()
    data.tables = compare_all(data)
    timings["compare"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - t0
    return data


def compare_all(data: StoryData) -> dict[str, pd.DataFrame]:
    """Every comparison table for a story, by name (the names of ``toolkit.compare``).

    The seconds each comparison took go to ``data.timings["compare.<name>"]``.
    """
    a, s, f, claims = data.articles, data.spans, data.features, data.story.claims
    steps: dict[str, Callable[[], pd.DataFrame]] = {
        "coverage": lambda: compare.coverage(a),
        "timing": lambda: compare.timing(a),
        "voices": lambda: compare.voices(a, s, actors=data.story.lexicon_extension().get("actors")),
        "stance": lambda: compare.stance(a, s),
        "evidentiality": lambda: compare.evidentiality(a, s),
        "claims": lambda: compare.claims(a, s, claims),
        "headline_gap": lambda: compare.headline_gap(a, s, claims),
        "syndication": lambda: compare.syndication(a),
        "loaded_terms": lambda: compare.loaded_terms(a, s),
        "tone": lambda: compare.tone(a, f),
    }
    tables: dict[str, pd.DataFrame] = {}
    for name, step in steps.items():
        t = time.perf_counter()
        tables[name] = step()
        data.timings[f"compare.{name}"] = time.perf_counter() - t
    return tables
