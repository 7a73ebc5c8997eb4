"""Annotate articles: sentences, quotes, actors, numbers, attributions, evidentiality,
loaded language and frame cues, as auditable spans plus per-article features.

    from toolkit.annotate import annotate, annotate_text, load_lexicons
    ann = annotate(articles)            # ann.spans, ann.features, ann.lexicon_version
    spans = annotate_text("Lavrov claimed ...", title="...")
"""

from __future__ import annotations

from .. import native

native.activate()  # the compiled layers when current, else their sources (toolkit.native)

from .core import ORDER, Annotations, annotate, annotate_text  # noqa: E402
from .lexicon import LexiconError, Lexicons, load_lexicons  # noqa: E402

__all__ = [
    "ORDER",
    "Annotations",
    "LexiconError",
    "Lexicons",
    "annotate",
    "annotate_text",
    "load_lexicons",
]
