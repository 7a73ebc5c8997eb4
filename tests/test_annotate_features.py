"""Per-article features: counts, rates, attribution share, tone, stable columns."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.annotate import annotate_text, load_lexicons
from toolkit.annotate.base import Doc
from toolkit.annotate.core import resolve_layers
from toolkit.annotate.features import feature_columns, features_frame, features_row, tone

LEX = load_lexicons()
MODULES = resolve_layers(None)


def _row(layer, label, start, end, sentence, role=None, in_title=False):
    return {"layer": layer, "label": label, "start": start, "end": end, "sentence": sentence,
            "role": role, "in_title": in_title}


def test_counts_rates_and_attribution_share() -> None:
    text = "Lavrov said the talks failed. The sky is blue. Peskov denied it. Done now."
    body = Doc(text=text, lexicons=LEX, sentences=[(0, 29), (30, 46), (47, 63), (64, 73)])
    rows = [
        _row("attribution", "neutral", 0, 6, 0, "source"),
        _row("attribution", "neutral", 7, 11, 0, "cue"),
        _row("attribution", "neutral", 12, 29, 0, "content"),
        _row("attribution", "denying", 54, 60, 2, "cue"),
        _row("loaded", "Loaded_Language", 20, 26, 0),
        _row("loaded", "Loaded_Language", 0, 5, 0, in_title=True),
    ]
    f = features_row("a", rows, {"body": body, "title": None}, LEX, MODULES)
    assert f["words"] == 14 and f["sentences"] == 4
    assert f["n_attribution__neutral"] == 1  # one attribution, counted by its cue
    assert f["n_attribution__denying"] == 1
    assert f["share_attributed_sentences"] == pytest.approx(2 / 4)
    assert f["n_loaded"] == 1 and f["title_n_loaded__Loaded_Language"] == 1
    assert f["rate_loaded__Loaded_Language"] == pytest.approx(1000 / 14)
    df = features_frame([f], LEX, MODULES)
    assert list(df.columns) == feature_columns(LEX, MODULES)
    assert df["n_frame__Other"].iloc[0] == 0  # zero columns for every known label


def test_tone_is_vader_mean_over_sentences() -> None:
    assert tone([]) is None
    pos, neg = tone(["This is wonderful, great news."]), tone(["A horrible, deadly disaster."])
    assert pos > 0.5 and neg < -0.5
    assert tone(["This is wonderful, great news.", "A horrible, deadly disaster."]) == pytest.approx(
        (pos + neg) / 2)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.text(max_size=80)))
def test_any_text_gives_spans_inside_it(text: str, title: str | None) -> None:
    df = annotate_text(text, title=title)
    for r in df.itertuples():
        src = (title if r.in_title else text) or ""
        assert 0 <= r.start < r.end <= len(src)
        assert r.layer in {"sentence", "quote", "attribution", "evidentiality", "loaded", "actor",
                           "number", "frame"}


def test_tone_shortcut_equals_vader() -> None:
    from toolkit.annotate.features import _vader

    vader = _vader()
    sentences = [
        "The committee met on Tuesday.", "It was NOT bad at all!!!", "Very, very extremely so.",
        "kind of", "no", "The talks ended :)", "A 🙂 day", "The plan is GREAT but costly.",
        "Officials said the bridge reopened at noon.", "Hardly anyone came.", "", "   ",
    ]
    for s in sentences:
        if s.strip():
            assert tone([s]) == pytest.approx(vader.polarity_scores(s)["compound"], abs=0), s


_TONE_WORDS = ["good", "GOOD", "bad", "not", "no", "never", "very", "kind", "of", "but", "least",
               "at", "hardly", "the", "talks", "failed", "great!", "horrible,", "sort", "isn't",
               "without", "doubt", "🙂", ":)", "!!", "?", "LOVE", "hate", "killed", "said"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TONE_WORDS), min_size=1, max_size=14))
def test_tone_shortcuts_equal_vader_on_word_mixes(words: list[str]) -> None:
    from toolkit.annotate.features import _vader

    sentence = " ".join(words)
    assert tone([sentence]) == _vader().polarity_scores(sentence)["compound"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab ,.!?“”’é:)") + ["🙂", "😀", "❤", "\u2764\ufe0f", "🇺"]),
                max_size=12))
def test_emoji_test_equals_vaders_character_lookup(parts: list[str]) -> None:
    from toolkit.annotate.features import _has_emoji, _vader

    sentence = "".join(parts)
    assert _has_emoji(sentence) == bool(frozenset(_vader().emojis).intersection(sentence))
