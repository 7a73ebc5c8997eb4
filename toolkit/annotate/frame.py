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
from .lexicon import TermEntry, phrase_spans

NAME = "frame"
ENTRY_MODEL = TermEntry
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


def annotate(doc: Doc) -> list[Span]:
    """Frame-cue spans of ``doc``."""
    return phrase_spans(doc, NAME, LEXICON, ENTRY_MODEL, DIMENSIONS)
