"""The one place that composes load -> store -> annotate -> compare.

Used by the CLI, the report and the notebooks, so they all see the same numbers.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from . import compare, dedup
from .annotate import annotate, load_lexicons
from .load import load
from .store import Corpus
from .story import Story, load_story

#: Annotate in batches so an interrupted run keeps what it finished.
ANNOTATE_BATCH = 500


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


def annotate_corpus(corpus: str | Path, *, extra_lexicon: Any = None, progress: bool = True,
                    batch_size: int = ANNOTATE_BATCH) -> dict:
    """Annotate only new or changed articles (keyed by text hash and lexicon version)."""
    lex = load_lexicons(extra_lexicon)
    done = 0
    with Corpus(corpus) as store:
        todo = list(store.needs_annotation(lex.version))
        for i in range(0, len(todo), batch_size):
            ids = todo[i : i + batch_size]
            arts = store.articles(ids=ids)
            ann = annotate(arts, lexicons=lex, progress=progress)
            store.save_annotations(ann.spans, ann.features, lex.version)
            done += len(ids)
        total = len(store.articles())
    return {"annotated": done, "up_to_date": total - done, "lexicon_version": lex.version}


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
