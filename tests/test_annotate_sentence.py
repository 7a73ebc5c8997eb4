"""Sentence splitter: abbreviations, initials, decimals, ellipses, quotes, paragraphs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.annotate import load_lexicons
from toolkit.annotate.sentence import split

LEX = load_lexicons()


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in split(text, LEX)]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith met Mrs. Jones and Dr. Brown in St. Petersburg.",
        "Gen. Lt. Col. Ivanov and Gov. Newsom spoke to Sen. Warren and Rep. Cole.",
        "The vote was held on Sept. 12 and again on Jan. 3 and Dec. 30.",
        "The U.S. ambassador said talks would go on.",
        "J. R. Smith and John F. Kennedy were named.",
        "Inflation rose 3.5 percent to $1,200.50 a month.",
        "He waited... and waited.",
        "“Stop!” he shouted at the crowd.",
        "Is this the end? asked nobody in particular.",
    ],
)
def test_single_sentences_stay_whole(text: str) -> None:
    assert sents(text) == [text]


def test_breaks_and_closing_quotes() -> None:
    text = 'He said: "We will win." Then he left. Was it true? Nobody knew!'
    assert sents(text) == ['He said: "We will win."', "Then he left.", "Was it true?", "Nobody knew!"]


def test_multi_sentence_quote_is_split_with_closing_quote_in_last() -> None:
    text = "“We will win. We always do,” he said. Next came the vote."
    assert sents(text) == ["“We will win.", "We always do,” he said.", "Next came the vote."]


def test_dotted_abbreviation_before_sentence_opener_ends() -> None:
    assert sents("He moved to the U.S. The next day he left.") == [
        "He moved to the U.S.",
        "The next day he left.",
    ]


def test_paragraph_breaks_always_end() -> None:
    text = "A headline without a stop\n\nBody starts here and runs on\nto the next line. Done"
    assert sents(text) == [
        "A headline without a stop",
        "Body starts here and runs on\nto the next line.",
        "Done",
    ]


def test_offsets_are_trimmed_and_inside() -> None:
    text = "  One.   Two.  \n\n  Three.  "
    spans = split(text, LEX)
    assert [text[s:e] for s, e in spans] == ["One.", "Two.", "Three."]
    assert all(0 <= s < e <= len(text) for s, e in spans)


def test_empty_text() -> None:
    assert split("", LEX) == []
    assert split("   \n\n ", LEX) == []


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aZ.. U.S.é\n1,'", max_size=40), st.integers(0, 45))
def test_word_before_equals_its_regex(text: str, start: int) -> None:
    from toolkit.annotate.sentence import _TOKEN_BEFORE, _word_before

    start = min(start, len(text))
    m = _TOKEN_BEFORE.search(text, max(0, start - 24), start)
    assert _word_before(text, start) == (m.group(1) if m else "")


def _split_every_run(text: str) -> list[tuple[int, int]]:
    """``split`` as written before its line-break shortcut: every punctuation run tested."""
    from toolkit.annotate import sentence

    abbrev = sentence._abbreviations(LEX)
    cuts = {m.end() for m in sentence._PUNCT.finditer(text)
            if sentence._ends_sentence(text, m.start(), m.end(), abbrev)}
    for m in sentence._NEWLINES.finditer(text):
        nxt = sentence._NEXT_WORD.match(text, m.end())
        if "\n" in m.group(0)[1:] or nxt is None or not nxt.group(2).islower():
            cuts.add(m.start())
    out, prev = [], 0
    for cut in [*sorted(cuts), len(text)]:
        seg = text[prev:cut]
        if seg.strip():
            s = prev + len(seg) - len(seg.lstrip())
            out.append((s, s + len(seg.strip())))
        prev = cut
    return out


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(
    ["Mr.", "U.S.", "J.", "he", "The", "said", "end", ".", "!", "?", "...", "\u201d", ")", "\n", "\n\n", " ",
     "\t", "\r", "\u00a0", "\u2028", "\u201c", "(", "x", "3.5", "Sept.", "12"]), max_size=20))
def test_runs_before_a_line_break_split_as_when_tested(parts: list[str]) -> None:
    for text in ("".join(parts), " ".join(parts)):
        assert split(text, LEX) == _split_every_run(text), text
