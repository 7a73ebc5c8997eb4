"""The one place that composes load -> store -> annotate -> compare.

Used by the CLI, the report and the notebooks, so they all see the same numbers.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
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
        arts = store.articles()
        arts = dedup.syndication(arts)
        arts = st.select(arts)
        ids = list(arts["article_id"])
        spans = store.spans(article_ids=ids)
        feats = store.features(article_ids=ids)
    data = StoryData(st, corpus_path, arts, spans, feats, timings=timings, annotated=annotated)
    data.tables = compare_all(data)
    timings["total"] = time.perf_counter() - t0
    return data


def compare_all(data: StoryData) -> dict[str, pd.DataFrame]:
    """Every comparison table for a story, by name (the names of ``toolkit.compare``)."""
    a, s, f, claims = data.articles, data.spans, data.features, data.story.claims
    return {
        "coverage": compare.coverage(a),
        "timing": compare.timing(a),
        "voices": compare.voices(a, s, actors=data.story.lexicon_extension().get("actors")),
        "stance": compare.stance(a, s),
        "evidentiality": compare.evidentiality(a, s),
        "claims": compare.claims(a, s, claims),
        "headline_gap": compare.headline_gap(a, s, claims),
        "syndication": compare.syndication(a),
        "loaded_terms": compare.loaded_terms(a, s),
        "tone": compare.tone(a, f),
    }
