"""Coordinator, lexicon loader and features: API contract, determinism, bad input."""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path

import pandas as pd
import pytest

from toolkit.annotate import Annotations, LexiconError, annotate, annotate_text, core, load_lexicons
from toolkit.annotate.lexicon import ActorEntry, TermEntry, surface_forms
from toolkit.annotate.lexicon_models import _parse_file
from toolkit.schema import LAYERS, SPAN_COLUMNS

BODY = ("Russia’s foreign minister Sergei Lavrov claimed that 91 drones attacked. "
        "He provided no evidence. Kyiv called it “a lie”.\n\nThere were no official reports of "
        "a drone threat. The alleged attack drew fierce criticism.")
TITLE = "Lavrov claims drone attack, provides no evidence"


def articles() -> pd.DataFrame:
    return pd.DataFrame({
        "article_id": ["a1", "a2", "a3", "a4"],
        "title": [TITLE, "Second", None, "Blocked"],
        "text": [BODY, "Moscow said 3 drones were shot down.", "", "Paywalled teaser text."],
        "status": ["ok", "ok", "empty", "paywalled"],
    })


@pytest.fixture(scope="module")
def ann() -> Annotations:
    return annotate(articles(), progress=False)


def test_span_frame_matches_the_schema_coercion(ann: Annotations) -> None:
    from toolkit.schema import coerce_spans

    rows = ann.spans.to_dict("records")
    pd.testing.assert_frame_equal(core._frame(rows), coerce_spans(pd.DataFrame(rows)))
    pd.testing.assert_frame_equal(core._frame([]), coerce_spans(pd.DataFrame(columns=SPAN_COLUMNS)))


def test_all_eight_layers_exist() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing layer module would warn
        names = [n for n, _ in core.resolve_layers(None)]
    assert names == list(core.ORDER) and set(names) == set(LAYERS)


def test_spans_schema_offsets_and_titles(ann: Annotations) -> None:
    sp = ann.spans
    assert list(sp.columns) == SPAN_COLUMNS
    assert set(sp["article_id"]) == {"a1", "a2"}  # empty and paywalled rows: no spans
    arts = articles().set_index("article_id")
    for r in sp.itertuples():
        src = arts.loc[r.article_id, "title" if r.in_title else "text"]
        assert 0 <= r.start < r.end <= len(src)
        assert src[r.start : r.end] == r.text
    t = sp[(sp["article_id"] == "a1") & sp["in_title"]]
    assert "no_evidence" in set(t["label"]) and set(t["sentence"]) == {0}


def test_features_one_row_per_article(ann: Annotations) -> None:
    f = ann.features
    assert list(f["article_id"]) == ["a1", "a2", "a3", "a4"]
    assert (f["lexicon_version"] == ann.lexicon_version).all()
    a1 = f.iloc[0]
    assert a1["n_evidentiality__no_evidence"] == 1 and a1["title_n_evidentiality__no_evidence"] == 1
    assert a1["n_evidentiality__counter"] == 1
    assert a1["rate_evidentiality__no_evidence"] == pytest.approx(1000 / a1["words"])
    assert a1["sentences"] == 5
    assert f.iloc[2]["words"] == 0 and f.iloc[2]["n_loaded"] == 0 and pd.isna(f.iloc[2]["tone"])
    assert pd.isna(f.iloc[3]["tone_title"])  # not ok: nothing annotated, not even the title
    for col in ["n_loaded__Flag_Waving", "rate_frame__Other", "title_n_quote__scare",
                "n_attribution__denying", "share_attributed_sentences", "tone", "tone_title"]:
        assert col in f.columns


def test_feature_columns_stable_across_partitions() -> None:
    a = annotate(articles().iloc[:1], progress=False).features
    b = annotate(articles().iloc[2:], progress=False).features
    assert list(a.columns) == list(b.columns)
    assert len(pd.concat([a, b])) == 3


def test_deterministic(ann: Annotations) -> None:
    again = annotate(articles(), progress=False)
    pd.testing.assert_frame_equal(ann.spans, again.spans)
    pd.testing.assert_frame_equal(ann.features, again.features)


def test_annotate_text_matches_annotate(ann: Annotations) -> None:
    one = annotate_text(BODY, title=TITLE)
    ref = ann.spans[ann.spans["article_id"] == "a1"].reset_index(drop=True)
    assert (one["article_id"] == "text").all()
    pd.testing.assert_frame_equal(one.drop(columns="article_id"), ref.drop(columns="article_id"))


def test_sorted_title_first_then_offsets(ann: Annotations) -> None:
    sp = ann.spans[ann.spans["article_id"] == "a1"]
    keys = list(zip(~sp["in_title"], sp["start"], -sp["end"], strict=True))
    assert keys == sorted(keys)


def test_layer_subset_and_unknown_layer() -> None:
    df = annotate_text(BODY, layers=["number"])
    assert set(df["layer"]) == {"sentence", "number"}
    with pytest.raises(ValueError, match="unknown layer"):
        annotate_text(BODY, layers=["sentiment"])


def test_one_failing_article_does_not_sink_the_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit.annotate import number

    real = number.annotate

    def boom(doc):
        if "BOOM" in doc.text:
            raise RuntimeError("layer exploded")
        return real(doc)

    monkeypatch.setattr(number, "annotate", boom)
    df = pd.DataFrame({"article_id": ["bad", "good"], "text": ["BOOM 3 drones", "5 drones"],
                       "status": ["ok", "ok"]})
    res = annotate(df, layers=["number"], progress=False)
    assert set(res.spans["article_id"]) == {"good"}
    err = res.features.set_index("article_id")["annotate_error"]
    assert "bad" in err["bad"] and "layer exploded" in err["bad"] and pd.isna(err["good"])


def test_hostile_and_odd_text_is_bounded() -> None:
    text = "<script>alert(1)</script> \x00 “unclosed quote " + "word " * 2000 + "\ud800"
    df = annotate_text(text)
    assert (df["end"] <= len(text)).all()


# --- lexicons ------------------------------------------------------------------


def test_version_is_stable_and_tracks_extensions() -> None:
    a, b = load_lexicons(), load_lexicons()
    assert a.version == b.version and a.version.startswith("en-v1-")
    c = load_lexicons({"loaded": [{"term": "blorptastic", "label": "Loaded_Language"}]})
    assert c.version != a.version
    got = annotate_text("A blorptastic idea.", layers=["loaded"], lexicons=c)
    assert got[got["layer"] == "loaded"]["text"].tolist() == ["blorptastic"]


def test_version_tracks_the_annotators_code(monkeypatch: pytest.MonkeyPatch) -> None:
    # a new release of a layer finds other spans: stored annotations must be redone
    from toolkit.annotate import lexicon_models as lm

    got = dict(lm._digests("", ".py"))
    src = Path(lm.__file__).with_name("attribution.py").read_bytes()
    assert got["attribution.py"] == hashlib.sha256(src).hexdigest()
    assert "attribution_weights.v1.json" in dict(lm._digests(lm.FOLDER, ".json"))
    before = load_lexicons().version
    real = lm._digests

    def edited(folder: str, suffix: str) -> tuple[tuple[str, str], ...]:
        return real(folder, suffix) + ((("attribution.py", "an edited release"),) if suffix == ".py" else ())

    monkeypatch.setattr(lm, "_digests", edited)
    after = load_lexicons().version
    assert after != before and after.startswith("en-v1-")


def test_every_lexicon_has_a_header() -> None:
    lex = load_lexicons()
    for name in ["abbreviations", "evidentiality", "loaded", "actors", "numbers", "frames",
                 "quotes", "names"]:
        f = lex.files[name]
        assert f.language == "en" and f.source and f.entries
    assert len(lex.files["loaded"].entries) >= 300


def test_bad_extension_names_entry_and_field() -> None:
    with pytest.raises(LexiconError, match=r"lexicon 'actors'.*entry 1.*aliases"):
        load_lexicons({"actors": [{"name": "A"}, {"name": "B", "aliases": "not a list"}]})
    lex = load_lexicons({"actors": [{"name": "Minstroy", "type": "Organization"},
                                    {"name": "Ruritania", "type": "country"},
                                    {"name": "Zed", "type": "planet"}]})
    types = {a.name: a.type for a in lex.get("actors", ActorEntry)}
    assert (types["Minstroy"], types["Ruritania"], types["Zed"]) == ("organisation", "place", "unknown")
    with pytest.raises(LexiconError, match="unknown lexicon 'lodaed'"):
        load_lexicons({"lodaed": []})


def test_bad_file_names_file_entry_and_field() -> None:
    bad = "name: frames\nversion: 1\nlanguage: en\nsource: test\nentries:\n  - {term: war}\n"
    with pytest.raises(LexiconError, match=r"frames\.v1\.yml: entry 0: field 'label'"):
        _parse_file("lexicons/frames.v1.yml", bad)
    with pytest.raises(LexiconError, match="header"):
        _parse_file("lexicons/x.v1.yml", "name: x\nversion: 1\nentries: []\n")


def test_extension_file_and_story_shape(tmp_path) -> None:
    story = tmp_path / "story.yml"
    story.write_text("title: Drone claim\nkeywords: [drone]\nactors:\n"
                     "  - {name: Ivan Petrov, type: person, aliases: [Petrov]}\n", encoding="utf-8")
    lex = load_lexicons(story)
    assert any(a.name == "Ivan Petrov" for a in lex.get("actors", ActorEntry))


def test_get_validates_with_a_layer_model() -> None:
    lex = load_lexicons()
    frames = lex.get("frames", TermEntry)
    assert all(isinstance(e, TermEntry) for e in frames)
    assert lex.get("frames", TermEntry) is frames  # cached on the immutable object


def test_file_names_leave_room_for_other_languages() -> None:
    from toolkit.annotate.lexicon_models import _FILE_RE

    assert _FILE_RE.match("loaded.v1.yml").group("lang") is None
    assert _FILE_RE.match("loaded.ru.v1.yml").group("lang") == "ru"
    assert _FILE_RE.match("loaded.ru.v1.yml").group("name") == "loaded"
    assert _FILE_RE.match("notes.txt") is None


def test_surface_forms() -> None:
    assert surface_forms("slam", "verb") == ["slam", "slams", "slammed", "slamming"]
    assert surface_forms("rail against", "verb")[2] == "railed against"
    assert surface_forms("witch hunt", "noun") == ["witch hunt", "witch hunts"]
    assert surface_forms("fierce", "adj") == ["fierce", "fiercely"]


def test_span_rows_are_tuples_in_column_order(ann: Annotations) -> None:
    rows, _ = core.annotate_article("a1", BODY, TITLE, load_lexicons(), core.resolve_layers(None))
    assert rows and all(isinstance(r, tuple) and len(r) == len(SPAN_COLUMNS) for r in rows)
    assert rows == sorted(rows, key=core._sort_key)  # built in order: title first, then offsets
    ref = ann.spans[ann.spans["article_id"] == "a1"].reset_index(drop=True)
    pd.testing.assert_frame_equal(core._frame(rows), ref)
    pd.testing.assert_frame_equal(core._frame([core.row_dict(r) for r in rows]), ref)


def test_rows_own_distinct_attrs_dicts() -> None:
    """Rows take over their spans' ``attrs`` dicts (no copy): that is only safe while no
    two spans share one dict, else changing one row's attrs would change another's."""
    body = BODY + " " + " ".join(["Officials said 5 drones and 12 missiles were allegedly launched."] * 3)
    rows, _ = core.annotate_article("a1", body, TITLE, load_lexicons(), core.resolve_layers(None))
    dicts = [r[core.COL["attrs"]] for r in rows]
    assert {r[core.COL["layer"]] for r in rows if r[core.COL["attrs"]]} >= {"quote", "actor", "number"}
    assert all(isinstance(d, dict) for d in dicts)
    assert len({id(d) for d in dicts}) == len(dicts)


def test_garbage_collector_state_is_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    assert gc.isenabled()
    annotate(articles(), progress=False)
    assert gc.isenabled()
    gc.disable()
    try:
        annotate(articles(), progress=False)
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()

    def boom(*args, **kwargs):
        raise RuntimeError("lexicon exploded")

    monkeypatch.setattr(core, "_frame", boom)
    with pytest.raises(RuntimeError):
        annotate(articles(), progress=False)
    assert gc.isenabled()


def test_sentence_numbers_equal_sentence_of() -> None:
    """Span rows number their sentences by one bisection per sentence; that equals
    ``Doc.sentence_of`` per offset for ordered, gapped, touching and unordered sentences."""
    import random

    from toolkit.annotate.base import Doc

    rng = random.Random(3)
    for _ in range(300):
        sents, pos = [], 0
        for _ in range(rng.randint(0, 6)):
            pos += rng.randint(0, 3)
            end = pos + rng.randint(0, 8)
            sents.append((pos, end))
            pos = end
        if rng.random() < 0.2:
            rng.shuffle(sents)
        doc = Doc(text="x" * 60, lexicons=None, sentences=sents)
        starts = sorted(rng.randint(0, 59) for _ in range(rng.randint(0, 25)))
        want = [doc.sentence_of(o) if sents else None for o in starts]
        assert list(core._sentence_numbers(doc, starts)) == want, (sents, starts)
