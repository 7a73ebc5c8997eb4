"""The generated fictional corpus: deterministic, schema-valid, varied, with real copies."""

from __future__ import annotations

import re

import pytest

from toolkit import dedup, synthetic
from toolkit.schema import OUTLET_TYPES, validate
from toolkit.store import Corpus
from toolkit.story import load_story


@pytest.fixture(scope="module")
def corpus():
    return synthetic.generate(300, seed=3)


def test_deterministic_by_seed(corpus):
    again = synthetic.generate(300, seed=3)
    assert corpus["article_id"].tolist() == again["article_id"].tolist()
    assert corpus["text"].tolist() == again["text"].tolist()
    other = synthetic.generate(300, seed=4)
    assert other["text"].tolist() != corpus["text"].tolist()


def test_schema_and_shape(corpus):
    validate(corpus)
    assert len(corpus) == 300
    assert corpus["article_id"].is_unique
    assert set(corpus["outlet_type"]) <= set(OUTLET_TYPES)
    assert corpus["outlet_type"].nunique() >= 8  # outlets of (nearly) all types
    assert corpus["outlet"].nunique() >= 60
    assert corpus["domain"].str.endswith(".example").all()  # reserved TLD: clearly fictional
    ok = corpus[corpus["status"] == "ok"]
    assert 350 <= ok["word_count"].median() <= 800  # realistic news lengths
    assert ok["word_count"].max() <= 2700


def test_texts_carry_the_story_s_framing(corpus):
    text = "\n".join(corpus["text"])
    for marker in ("said", "according to", "denied", "claimed", "reportedly", "no evidence",
                   "\u201c", "could not be independently verified", "Twelve divers"):
        assert marker in text, marker
    # every claim of the story file matches somewhere, with the story's own regexes
    for name, claim in synthetic.CLAIMS.items():
        assert any(re.search(p, text, re.I) for p in claim["patterns"]), name


def test_syndicated_copies_are_found_and_unrelated_stories_are_not(corpus):
    out = dedup.syndication(corpus, progress=False)
    credited = corpus["text"].str.contains("This story was provided by").fillna(False).to_numpy()
    copies = (~out["is_original"].astype(bool)).to_numpy()
    assert credited.sum() >= 30
    # dedup calls (almost) exactly the generated copies; own reports stay apart
    assert (copies & credited).sum() >= 0.95 * credited.sum()
    assert (copies & ~credited).sum() <= 0.02 * len(corpus)


def test_build_writes_a_corpus_and_a_valid_story(tmp_path):
    res = synthetic.build(tmp_path, n=40, seed=1)
    assert res["counts"]["new"] == 40
    story = load_story(res["story"])
    assert story.corpus_path == (tmp_path / "synthetic.duckdb").resolve()
    assert set(story.claims) == set(synthetic.CLAIMS)
    with Corpus(res["corpus"], read_only=True) as store:
        arts = store.articles()
    assert len(story.select(arts)) == 40  # every generated article is about the story


def test_negative_size_is_an_error():
    with pytest.raises(ValueError, match="n must be"):
        synthetic.generate(-1)


def test_parallel_annotation_equals_one_process(tmp_path, monkeypatch):
    """annotate_corpus in worker processes stores exactly what one process stores."""
    import shutil

    from toolkit import pipeline

    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 10)
    res = synthetic.build(tmp_path / "one", n=60, seed=5)
    # one very long text: the annotator forks its own time-limited worker for it, which
    # must work inside an annotation worker too
    long = synthetic.generate(1, seed=6)
    long["text"] = "\n\n".join([long["text"].iloc[0]] * 40)
    assert len(long["text"].iloc[0]) > 100_000
    with Corpus(res["corpus"]) as store:
        store.add(long, progress=False)
    shutil.copytree(tmp_path / "one", tmp_path / "two")
    extra = load_story(res["story"]).lexicon_extension()
    one = pipeline.annotate_corpus(tmp_path / "one" / "synthetic.duckdb", extra_lexicon=extra,
                                   progress=False, workers=1)
    two = pipeline.annotate_corpus(tmp_path / "two" / "synthetic.duckdb", extra_lexicon=extra,
                                   progress=False, workers=2, batch_size=7)
    assert one == two and one["annotated"] == 61
    with Corpus(tmp_path / "one" / "synthetic.duckdb", read_only=True) as a, \
            Corpus(tmp_path / "two" / "synthetic.duckdb", read_only=True) as b:
        assert len(a.spans()) > 1000
        assert a.spans().equals(b.spans())
        feats = b.features()
        assert feats.equals(a.features())
        if "annotate_error" in feats:
            assert feats["annotate_error"].isna().all(), feats["annotate_error"].dropna().tolist()
        assert (b.spans()["article_id"] == long["article_id"].iloc[0]).sum() > 1000
        assert b.needs_annotation(one["lexicon_version"]) == []
