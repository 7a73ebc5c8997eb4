"""Quote layer: direct quotations and scare quotes.

Recognised marks: curly “…”, straight "…", guillemets «…», low-high „…“ and single
curly ‘…’ or straight '…' (an apostrophe inside a word, as in Russia’s or don't, never
opens or closes a quote). The span covers the quoted words *inside* the marks; ``attrs``
holds the marks, the word count and, when a speech verb is next to the quote, the
``speaker`` text found there (a name or a pronoun; resolving it is the attribution
layer's job).

Labels:

* ``direct``: a quotation of an utterance: more than four words, or ending in
  punctuation, or introduced/followed by a speech verb ("..., he said", "X said: “...”").
* ``scare``: a short quoted label of one to four words that is none of the above,
  e.g. “state terrorism”, “targets and timing”.

Every quote gets a ``group`` (``q<n>``); a quotation that runs over several paragraphs
(the news convention of re-opening the quote at each paragraph without closing the
previous one) shares one group across its parts, as do its sentences.
"""

from __future__ import annotations

import re

from .base import Doc, Span
from .lexicon import Lexicons, WordEntry, trie_regex_source

NAME = "quote"
LABELS = ("direct", "scare")
LEXICON = "quotes"
MAX_SCARE_WORDS = 4

#: Every alternative starts with its quote mark (the "not after a letter" checks come
#: right after it), so the regex engine can skip quickly to the next quote character.
_QUOTES = re.compile(
    r"“(?P<curly>(?:[^“”\n]|\n(?![ \t]*\n)){1,3000}?)”"
    r"|“(?P<open>[^“”\n]{20,3000})(?=\n[ \t]*\n[ \t]*[“\"])"
    r"|„(?P<low>[^„“”\n]{1,3000}?)[“”]"
    r"|«(?P<guil>[^«»\n]{1,3000}?)»"
    r"|‘(?<!\w‘)(?P<single>(?:[^‘’\n]|’(?=\w)){1,600}?)’(?!\w)"
    r"|\"(?<![\w\"]\")(?=\S)(?P<straight>[^\"\n]{1,3000}?)(?<=\S)\"(?!\w)"
    r"|'(?<![\w'’]')(?=[^\s'])(?P<apos>(?:[^'\n]|'(?=\w)){2,400}?)(?<=\S)'(?!\w)"
)
_MARKS = {
    "curly": "“”",
    "open": "“",
    "low": "„“",
    "guil": "«»",
    "single": "‘’",
    "straight": '""',
    "apos": "''",
}
_END_PUNCT = frozenset(".,!?;:…")
_NAME = r"(?:[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|al-\w+|bin|de|von|van))*)"


def _cues(lex: Lexicons) -> tuple[re.Pattern[str], re.Pattern[str]]:
    entries = lex.get(LEXICON, WordEntry)
    verbs = sorted({e.word for e in entries if e.kind == "verb"}, key=lambda w: (-len(w), w))
    prons = sorted({e.word for e in entries if e.kind == "pronoun"}, key=lambda w: (-len(w), w))
    verb = "(?:" + "|".join(map(re.escape, verbs)) + ")"
    pron = "(?:" + "|".join(re.escape(p) + "|" + re.escape(p.capitalize()) for p in prons) + ")"
    speaker = rf"(?P<spk>{pron}|(?:the\s+|The\s+)?{_NAME}|the\s+\w+(?:\s+\w+)?)"
    after = re.compile(
        rf"^[ \t]*(?:[,—–-][ \t]*)?(?:{speaker}[ \t]+(?:also[ \t]+|later[ \t]+)?{verb}\b"
        rf"|{verb}[ \t]+(?P<spk2>{pron}|(?:the\s+)?{_NAME}))"
    )
    before = re.compile(
        rf"(?:{speaker}[ \t]+(?:also[ \t]+)?{verb}(?:[ \t]+[\w’'-]+){{0,3}}?|according[ \t]+to[ \t]+(?P<spk3>{_NAME}))"
        rf"[ \t]*[:,]?[ \t]*$"
    )
    return after, before


def _verb_hint(lex: Lexicons) -> re.Pattern[str] | None:
    """What the "before" cue regex needs near the end of its window: a speech verb followed
    by at most three words, then perhaps a colon or comma and white space to the end (the
    tail that regex allows after its verb), or "according" anywhere. It cannot match a
    window without one, and this regex, which starts with a verb's letters, finds one far
    faster than that regex fails (``None``: no verbs)."""
    verbs = sorted({e.word for e in lex.get(LEXICON, WordEntry) if e.kind == "verb"})
    if not verbs or not all(verbs):
        return None
    return re.compile(rf"(?:{trie_regex_source(verbs)}){_AFTER_VERB}|according")


#: what the "before" cue regex (:func:`_cues`) allows between its verb and the end of its window
_AFTER_VERB = r"(?:[ \t]+[\w’'-]+){0,3}?[ \t]*[:,]?[ \t]*$"


def _speaker(m: re.Match[str] | None) -> str | None:
    if m is None:
        return None
    found = m.groupdict()
    for g in ("spk", "spk2", "spk3"):
        v = found.get(g)
        if v:
            v = " ".join(v.split())
            return v[:-1] if v.endswith(".") and not re.search(r"\b[A-Z]\.$", v) else v
    return None


def annotate(doc: Doc) -> list[Span]:
    """Quote spans of ``doc`` (inner text of each quotation)."""
    after_rx, before_rx = doc.lexicons.compiled((NAME, "cues"), _cues)
    hint = doc.lexicons.compiled((NAME, "verb_hint"), _verb_hint)
    text = doc.text
    spans: list[Span] = []
    carry_group: str | None = None
    n = 0
    for m in _QUOTES.finditer(text):
        kind = m.lastgroup or "curly"
        s, e = m.span(kind)
        inner = text[s:e]
        stripped = inner.strip()
        if not stripped:
            continue
        s += len(inner) - len(inner.lstrip())
        e = s + len(stripped)
        n += 1
        group = carry_group or f"q{n}"
        carry_group = group if kind == "open" else None
        close = m.end()
        after = after_rx.match(text[close : close + 80])
        window = text[max(0, m.start() - 100) : m.start()]
        before = before_rx.search(window) if hint is None or hint.search(window) else None
        speaker = _speaker(after) or _speaker(before)
        words = len(stripped.split())
        if kind == "open" or group != f"q{n}":
            label, why = "direct", "continued"
        # (a "before" match holds non-space text in the window, so the window's last
        # non-space character is the text's last one before the mark)
        elif speaker is not None and (before is not None and window.rstrip()[-1:] in ":,"
                                      or after is not None):
            label, why = "direct", "speech_cue"
        elif words > MAX_SCARE_WORDS:
            label, why = "direct", "long"
        elif stripped[-1] in _END_PUNCT:
            label, why = "direct", "punctuated"
        else:
            label, why = "scare", "short_label"
        attrs: dict[str, object] = {"marks": _MARKS[kind], "words": words}
        if speaker is not None and label == "direct":
            attrs["speaker"] = speaker
        # positional: layer, label, start, end, rule, role, group, attrs
        spans.append(Span(NAME, label, s, e, f"quote:{why}", None, group, attrs))
    return spans
