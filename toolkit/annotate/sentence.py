"""Sentence layer: a fast rule-based splitter for news English.

A sentence ends at ``.``, ``!``, ``?`` or an ellipsis (plus any closing quotes and
brackets, so a closing quote belongs to the sentence it ends) when the next text
starts like a sentence, and always at a paragraph break. It does not end after a
title abbreviation (Mr., Gen., Sept.), an initial (J. R. Smith), a dotted form such as
U.S. unless the next word is a typical sentence opener, or before a lower-case word
(“Stop!” he said). Decimals never split (no space after the dot). A quotation that
runs over several sentences stays split into sentences; the quote layer links them.
"""

from __future__ import annotations

import re
import string

from .base import Doc, Span
from .lexicon import Lexicons, WordEntry

NAME = "sentence"
LABELS = ("sentence",)

_CLOSERS = "\"'\u201d\u2019\u00bb)\\]"
#: a run of sentence punctuation and closers before a space; written as one mark then
#: more (not ``[...]+``) so that the regex engine skips straight to the next mark
_PUNCT = re.compile(rf"[.!?\u2026][.!?\u2026]*[{_CLOSERS}]*(?=\s)")
_NEWLINES = re.compile(r"\n[ \t\r\f\v]*(?:\n\s*)?")
#: the word before a full stop (reference form of :func:`_word_before`)
_TOKEN_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_NEXT_WORD = re.compile(r"\s*([\"'\u201c\u2018\u00ab(\[]*)(\S)(\w*)")
_LETTERS_DOTS = string.ascii_letters + "."
#: what ``_NEXT_WORD`` skips as an opening quote or bracket before the next word
_OPENER_CHARS = frozenset("\"'\u201c\u2018\u00ab([")
_INITIALS = re.compile(r"^(?:[A-Z]\.)*[A-Z]$")
#: Words that start a sentence after an ambiguous abbreviation ("... in the U.S. The next day").
_OPENERS = frozenset(
    """the a an he she it they we i you his her its their our this that these those there
    but and yet so however meanwhile in on at after before when while if as for by
    according officials authorities police""".split()
)


def _abbreviations(lex: Lexicons) -> dict[str, str]:
    return {e.word.lower().rstrip("."): e.kind for e in lex.get("abbreviations", WordEntry)}


def _word_before(text: str, start: int) -> str:
    """The letters-and-dots word ending at ``start`` within 24 characters, from its first
    letter ("" if none): what ``_TOKEN_BEFORE`` finds there, without trying the regex at
    each position."""
    seg = text[max(0, start - 24) : start]
    if seg.endswith("\n"):
        seg = seg[:-1]  # the regex's $ also matches before a final newline
    return seg[len(seg.rstrip(_LETTERS_DOTS)) :].lstrip(".")


def _ends_sentence(text: str, start: int, end: int, abbrev: dict[str, str]) -> bool:
    """Whether the punctuation run ``text[start:end]`` (followed by space) ends a sentence."""
    first = text[end + 1 : end + 2]
    if text[end] == " " and first and not first.isspace() and first not in _OPENER_CHARS:
        nxt = None  # one space then the next word's first character: no regex needed yet
        opener = ""
    else:
        nxt = _NEXT_WORD.match(text, end)
        if nxt is None:
            return True
        opener, first, _ = nxt.groups()
    if first.islower():
        return False
    if end - start != 1:  # a lone "." is by far the most common run
        run = text[start:end]
        if run[0] != "." or run.startswith(".."):
            return True  # ! ? and ellipses before a capital end the sentence
        if run.rstrip(_CLOSERS) != ".":
            return True
    elif text[start] != ".":
        return True
    if opener:
        return True
    token = _word_before(text, start)
    if not token:
        return True
    if "A" <= token[-1] <= "Z" and _INITIALS.match(token):  # initials end in a capital
        # "J. R. Smith", "Plan B. The ..." (an initial before an opener word still ends)
        return len(token) > 1 and _next_word(text, end, nxt) in _OPENERS
    kind = abbrev.get(token.lower())
    if kind is None:
        return True
    next_word = _next_word(text, end, nxt)
    if kind == "title":
        return False
    if kind == "number":
        return not first.isdigit()
    return next_word in _OPENERS  # "abbrev" and "dotted"


def _next_word(text: str, end: int, nxt: re.Match[str] | None) -> str:
    """The lower-cased word after the punctuation run ending at ``end``."""
    nxt = nxt or _NEXT_WORD.match(text, end)
    return (nxt.group(2) + nxt.group(3)).lower() if nxt else ""


def split(text: str, lexicons: Lexicons) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, whitespace trimmed, in order."""
    abbrev = lexicons.compiled(("sentence", "abbrev"), _abbreviations)
    cuts: set[int] = set()
    for m in _PUNCT.finditer(text):
        end = m.end()
        # a run right before a line break (a paragraph's last sentence, mostly) is left to
        # the line-break loop below: a newline match starts there (the run ends in a
        # non-space), and it cuts there unless the next word is lower-case, when
        # _ends_sentence is false too (it reads the same next character)
        if text[end] != "\n" and _ends_sentence(text, m.start(), end, abbrev):
            cuts.add(end)
    for m in _NEWLINES.finditer(text):
        if "\n" in m.group(0)[1:]:
            cuts.add(m.start())  # blank line: a paragraph break
            continue
        nxt = _NEXT_WORD.match(text, m.end())
        if nxt is None or not nxt.group(2).islower():
            cuts.add(m.start())
    out: list[tuple[int, int]] = []
    prev = 0
    for cut in sorted(cuts) + [len(text)]:
        seg = text[prev:cut]
        stripped = seg.strip()
        if stripped:
            s = prev + (len(seg) - len(seg.lstrip()))
            out.append((s, s + len(stripped)))
        prev = cut
    return out


def annotate(doc: Doc) -> list[Span]:
    """One ``sentence`` span per sentence."""
    return [Span(NAME, "sentence", s, e, "sentence:rules") for s, e in split(doc.text, doc.lexicons)]
