"""Outlet comparisons: pure functions of the articles, spans and features tables.

Each returns a tidy DataFrame (an empty one with the right columns for empty input).
Only status "ok" articles count as coverage (``coverage`` reports the others as ``not_ok``).
"""

from .claims import PRECEDENCE, STATUSES, claims, headline_gap, normalise_claims
from .coverage import coverage, syndication, timing
from .voices import evidentiality, loaded_terms, stance, tone, voices

__all__ = [
    "PRECEDENCE",
    "STATUSES",
    "claims",
    "coverage",
    "evidentiality",
    "headline_gap",
    "loaded_terms",
    "normalise_claims",
    "stance",
    "syndication",
    "timing",
    "tone",
    "voices",
]
