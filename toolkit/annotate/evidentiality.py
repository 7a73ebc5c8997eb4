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
from .lexicon import MixedEntry, phrase_spans

NAME = "evidentiality"
LABELS = ("hedge", "unverified", "no_evidence", "conditional", "counter", "booster")
ENTRY_MODEL = MixedEntry
LEXICON = "evidentiality"


def annotate(doc: Doc) -> list[Span]:
    """Evidentiality spans of ``doc``."""
    return phrase_spans(doc, NAME, LEXICON, ENTRY_MODEL, LABELS)
