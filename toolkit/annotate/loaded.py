"""Loaded-language layer: emotive, labelling, exaggerating or fear-raising words.

Labels are named after the SemEval-2023 Task 3 persuasion techniques they signal:
``Loaded_Language``, ``Name_Calling-Labeling``, ``Exaggeration-Minimisation``,
``Appeal_to_Fear-Prejudice``, ``Doubt`` and ``Flag_Waving``. Entries come from the
``loaded`` lexicon (inflections generated from each entry's part of speech); each span's
``rule`` is ``loaded:<term>``. Words inside a direct quotation are still marked, with
``attrs.in_quote`` set, so that a comparison can separate an outlet's own wording from the
words it quotes.
"""

from __future__ import annotations

from bisect import bisect_right

from .base import Doc, Span
from .lexicon import Lexicons, MixedEntry, doc_tokens, phrase_matcher

NAME = "loaded"
ENTRY_MODEL = MixedEntry
LEXICON = "loaded"
CATEGORIES = (
    "Loaded_Language",
    "Name_Calling-Labeling",
    "Exaggeration-Minimisation",
    "Appeal_to_Fear-Prejudice",
    "Doubt",
    "Flag_Waving",
)


def labels(lexicons: Lexicons) -> list[str]:
    """The six categories plus any other label an extension adds."""
    extra = sorted({e.label for e in lexicons.get(LEXICON, MixedEntry)} - set(CATEGORIES))
    return list(CATEGORIES) + extra


def annotate(doc: Doc) -> list[Span]:
    """Loaded-language spans of ``doc``."""
    matcher = phrase_matcher(doc.lexicons, LEXICON, ENTRY_MODEL)
    quotes = sorted((q.start, q.end) for q in doc.previous.get("quote", []) if q.label == "direct")
    starts = [s for s, _ in quotes]
    spans = []
    for h in matcher.find(doc.text, doc_tokens(doc)):
        i = bisect_right(starts, h.start) - 1
        in_quote = i >= 0 and quotes[i][0] <= h.start < quotes[i][1]
        spans.append(Span(NAME, h.label, h.start, h.end, f"{LEXICON}:{h.key}", None, None,
                          {"in_quote": in_quote}))
    return spans
