"""Frame layer: cues of the 15 Policy Frames Codebook dimensions.

Each span marks a word or phrase from the ``frames`` seed lexicon that signals a
dimension (Economic, Capacity_and_resources, Morality, Fairness_and_equality,
Legality_constitutionality_jurisprudence, Policy_prescription_and_evaluation,
Crime_and_punishment, Security_and_defense, Health_and_safety, Quality_of_life,
Cultural_identity, Public_opinion, Political, External_regulation_and_reputation, Other).
Cues are evidence for a frame, not a classification: features count them per article
and compare outlets by their rates.
"""

from __future__ import annotations

from .base import Doc, Span
from .lexicon import Lexicons, PhraseMatcher, TermEntry, doc_tokens

NAME = "frame"
LEXICON = "frames"
DIMENSIONS = (
    "Economic",
    "Capacity_and_resources",
    "Morality",
    "Fairness_and_equality",
    "Legality_constitutionality_jurisprudence",
    "Policy_prescription_and_evaluation",
    "Crime_and_punishment",
    "Security_and_defense",
    "Health_and_safety",
    "Quality_of_life",
    "Cultural_identity",
    "Public_opinion",
    "Political",
    "External_regulation_and_reputation",
    "Other",
)
LABELS = DIMENSIONS


def _matcher(lex: Lexicons) -> PhraseMatcher:
    entries = lex.get(LEXICON, TermEntry)
    bad = sorted({e.label for e in entries} - set(DIMENSIONS))
    if bad:
        raise ValueError(f"lexicon {LEXICON!r}: unknown frame dimension(s) {bad}; use one of {DIMENSIONS}")
    return PhraseMatcher(entries)


def annotate(doc: Doc) -> list[Span]:
    """Frame-cue spans of ``doc``."""
    matcher: PhraseMatcher = doc.lexicons.compiled((NAME, "matcher"), _matcher)
    return [
        Span(layer=NAME, label=h.label, start=h.start, end=h.end, rule=f"{LEXICON}:{h.key}")
        for h in matcher.find(doc.text, doc_tokens(doc))
    ]
