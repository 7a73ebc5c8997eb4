"""The interface every annotation layer implements.

A layer is a module with ``NAME: str`` and ``def annotate(doc: Doc) -> list[Span]``.
Layers are pure: same ``Doc`` in, same spans out, no global mutable state.
The coordinator (``toolkit.annotate.core``) runs ``sentence`` first and hands the
sentence boundaries (and earlier layers' spans) to the later layers through ``Doc``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import pairwise
from typing import Any


@dataclass(slots=True)
class Span:
    """One annotation; offsets are character offsets into ``Doc.text`` (slotted: a text
    gives hundreds of spans, and slots make them cheaper to build and read)."""

    layer: str
    label: str
    start: int
    end: int
    rule: str
    role: str | None = None
    group: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Doc:
    """One text being annotated (an article body or its headline)."""

    text: str
    lexicons: Any  # toolkit.annotate.lexicon.Lexicons
    in_title: bool = False
    #: (start, end) of each sentence, filled by the sentence layer.
    sentences: list[tuple[int, int]] = field(default_factory=list)
    #: spans produced by the layers that ran before, by layer name.
    previous: dict[str, list[Span]] = field(default_factory=dict)

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (binary search)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s, e = self.sentences[mid]
            if offset < s:
                hi = mid - 1
            elif offset >= e:
                lo = mid + 1
            else:
                return mid
        return max(0, min(lo, len(self.sentences) - 1))

    def sentences_of(self, offsets: Iterable[int]) -> Iterator[int]:
        """``sentence_of`` of each offset, lazily.

        When the sentences are in order and disjoint (as the sentence layer gives them),
        the sentence of an offset is the first one ending after it (the next one when the
        offset falls in a gap, the last one past the end): one C-level bisect per offset.
        """
        if not self.sentences:
            return (0 for _ in offsets)
        ends = self.ordered_ends()
        if ends is None:
            return map(self.sentence_of, offsets)
        return map(partial(bisect_right, ends), offsets)

    def ordered_ends(self) -> list[int] | None:
        """Each sentence's end offset, the last one past any offset (so the sentence of an
        offset is the first whose end is after it), when the sentences are in order and
        disjoint, as the sentence layer gives them; ``None`` otherwise or without sentences."""
        sents = self.sentences
        if not sents or sents[-1][0] >= sents[-1][1] or not all(
                a[0] < a[1] <= b[0] for a, b in pairwise(sents)):
            return None
        ends = [e for _, e in sents]
        ends[-1] = _PAST_ANY_OFFSET
        return ends


_PAST_ANY_OFFSET = 1 << 62
