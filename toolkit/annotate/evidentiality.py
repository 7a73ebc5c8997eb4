"""Evidentiality layer: how the text marks a claim's standing.

Labels: ``hedge`` (alleged, purported, reportedly, so-called, apparent, "the claimed attack"),
``unverified`` ("could not be independently verified"), ``no_evidence`` ("provided no
evidence", "without evidence", "unsubstantiated"), ``conditional`` ("if confirmed"),
``counter`` ("There were no official reports of ...", "denied by", "dismissed as") and
``booster`` (undeniably, clearly, "confirmed as fact"). Phrases come from the
``evidentiality`` lexicon; each span's ``rule`` is ``evidentiality:<entry>``.
"""

from __future__ import annotations

from .base import Doc, Span
from .lexicon import Lexicons, MixedEntry, PhraseMatcher, doc_tokens

NAME = "evidentiality"
LABELS = ("hedge", "unverified", "no_evidence", "conditional", "counter", "booster")
LEXICON = "evidentiality"


def _matcher(lex: Lexicons) -> PhraseMatcher:
    entries = lex.get(LEXICON, MixedEntry)
    bad = sorted({e.label for e in entries} - set(LABELS))
    if bad:
        raise ValueError(f"lexicon {LEXICON!r}: unknown label(s) {bad}; use one of {LABELS}")
    return PhraseMatcher(entries)


def annotate(doc: Doc) -> list[Span]:
    """Evidentiality spans of ``doc``."""
    matcher: PhraseMatcher = doc.lexicons.compiled((NAME, "matcher"), _matcher)
    return [
        Span(layer=NAME, label=h.label, start=h.start, end=h.end, rule=f"{LEXICON}:{h.key}")
        for h in matcher.find(doc.text, doc_tokens(doc))
    ]
