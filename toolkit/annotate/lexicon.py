"""Versioned lexicons and the phrase matchers the layers share.

The lexicon files, their pydantic models and the loading code live in
:mod:`toolkit.annotate.lexicon_models` (never compiled: see there) and are re-exported
here under their usual names; this module adds the word tokeniser and the matchers used
by every term layer (compiled with mypyc when the package is built with it: keep it free
of pydantic model definitions and of ``__dict__`` tricks on its own classes).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from itertools import compress
from operator import itemgetter
from typing import Any, NamedTuple

from pydantic import BaseModel

from .base import Span
from .lexicon_models import (  # noqa: F401  (the public names, re-exported here)
    ENTRY_MODELS,
    FOLDER,
    PACKAGE,
    POS,
    STORY_KEYS,
    ActorEntry,
    LexiconError,
    LexiconFile,
    Lexicons,
    MixedEntry,
    PatternEntry,
    TermEntry,
    WordEntry,
    default_lexicons,
    language_code,
    load_lexicons,
    package_languages,
    validate_entries,
)

# --- helpers shared by the layer modules ----------------------------------------

_VOWELS = set("aeiou")


def _verb_forms(w: str) -> list[str]:
    if re.fullmatch(r"[^aeiou]+[aeiou][bdgmnprt]", w):
        return [w + "s", w + w[-1] + "ed", w + w[-1] + "ing"]  # slam -> slammed, slamming
    if w.endswith("e"):
        return [w + "s", w + "d", w[:-1] + "ing"]
    if w.endswith("y") and len(w) > 2 and w[-2] not in _VOWELS:
        return [w[:-1] + "ies", w[:-1] + "ied", w + "ing"]
    if w.endswith(("s", "sh", "ch", "x", "z")):
        return [w + "es", w + "ed", w + "ing"]
    return [w + "s", w + "ed", w + "ing"]


def _noun_forms(w: str) -> list[str]:
    if w.endswith("y") and len(w) > 2 and w[-2] not in _VOWELS:
        return [w[:-1] + "ies"]
    if w.endswith(("s", "sh", "ch", "x", "z")):
        return [w + "es"]
    return [w + "s"]


def _adj_forms(w: str) -> list[str]:
    if w.endswith("y") and len(w) > 2:
        return [w[:-1] + "ily"]
    if w.endswith("le"):
        return [w[:-1] + "y"]
    if w.endswith("ic"):
        return [w + "ally"]
    return [w + "ly"]


def surface_forms(term: str, pos: str = "none", forms: Iterable[str] = ()) -> list[str]:
    """The term plus generated inflections (head word: first for verbs, last otherwise)."""
    term = " ".join(term.split())
    words = term.split(" ")
    out = [term]
    if pos == "verb":
        out += [" ".join([f] + words[1:]) for f in _verb_forms(words[0])]
    elif pos == "noun":
        out += [" ".join(words[:-1] + [f]) for f in _noun_forms(words[-1])]
    elif pos == "adj":
        out += [" ".join(words[:-1] + [f]) for f in _adj_forms(words[-1])]
    out += [" ".join(f.split()) for f in forms]
    seen: dict[str, None] = {}
    for f in out:
        seen.setdefault(f, None)
    return list(seen)


_CHAR_RX = {" ": r"\s+", "-": "[-\u2010\u2011]", "'": "['\u2019]"}


def trie_regex_source(words: Iterable[str]) -> str:
    """A regex source matching exactly ``words``, factored as a character trie.

    Python's ``re`` tries alternatives one by one; a trie shares their prefixes, so a
    list of thousands of forms costs about as much as a handful.
    """
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        end = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            piece = _CHAR_RX.get(ch, re.escape(ch)) + emit(node[ch])
            branches.append(piece)
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not end else "(?:" + "|".join(branches) + ")"
        if end:
            body = body + "?" if len(branches) == 1 and body.startswith("(?:") else (
                "(?:" + body + ")?" if not body.startswith("(?:") or len(branches) > 1 else body + "?"
            )
        return body

    return emit(trie)


def term_regex(forms: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One word-boundary-anchored regex for all ``forms`` (a trie; flexible spaces, hyphens,
    apostrophes). Longer forms win over their prefixes: the trie is greedy and the match
    must end at a word boundary, so the engine backtracks to the longest form that fits."""
    uniq = sorted({" ".join(f.split()) for f in forms if f and f.strip()})
    if not uniq:
        return re.compile(r"(?!x)x")
    if flags & re.IGNORECASE:
        uniq = sorted({u.lower() for u in uniq})
    return re.compile(r"\b(?<![\w-])(?:" + trie_regex_source(uniq) + r")(?![\w-])", flags)


def norm_key(s: str) -> str:
    """Key for looking a matched surface form up: lower case, single spaces, plain apostrophes."""
    return " ".join(s.lower().replace("\u2019", "'").replace("\u2010", "-").replace("\u2011", "-").split())


class Match(NamedTuple):
    """One lexicon hit: character offsets and the entry that fired."""

    start: int
    end: int
    label: str
    key: str
    entry: Any


#: A word: letters/digits joined by hyphens or apostrophes; a possessive 's is split off
#: ("nation's" -> "nation", "s") so that "our nation" still matches before it.
_WORD_RX = re.compile(r"\w+(?:(?:-|'(?!s\b))\w+)*")
#: the same with the word as a group: split() then alternates gap, word, gap, ..., gap.
#: Its repeats are possessive (same matches: nothing follows them that could make the
#: engine give characters back), which spares the engine its backtracking marks.
_WORD_SPLIT = re.compile(r"(\w++(?:(?:-|'(?!s\b))\w++)*+)")
_FOLD_PAIRS = (("\u2019", "'"), ("\u2018", "'"), ("\u2010", "-"), ("\u2011", "-"))


class Tokens(NamedTuple):
    """The words of a text as parallel lists (offsets into ``low``, which has the text's
    length), and the indexes where each word occurs."""

    low: str
    starts: list[int]
    ends: list[int]
    words: list[str]
    positions: dict[str, list[int]]


def folded(text: str) -> str | None:
    """Lower-cased text with curly apostrophes and odd hyphens made plain, same length as
    ``text`` (``None`` in the rare case lower-casing changes the length, e.g. "İ")."""
    low = text.lower()
    for a, b in _FOLD_PAIRS:
        if a in low:
            low = low.replace(a, b)
    return low if len(low) == len(text) else None


def word_tokens(text: str) -> Tokens | None:
    """:class:`Tokens` of ``text``: its words, found once and shared by the term matchers
    of every layer (``None`` when folding changes the length)."""
    low = folded(text)
    if low is None:
        return None
    parts: list[str] = _WORD_SPLIT.split(low)  # gap, word, gap, ..., word, gap
    words = parts[1::2]
    # offsets from the parts' lengths (no match objects); one loop, fast when compiled
    starts: list[int] = []
    ends: list[int] = []
    positions: dict[str, list[int]] = {}
    pos = 0
    for i, w in enumerate(words):
        pos += len(parts[2 * i])
        starts.append(pos)
        pos += len(w)
        ends.append(pos)
        got = positions.get(w)
        if got is None:
            positions[w] = [i]
        else:
            got.append(i)
    return Tokens(low, starts, ends, words, positions)


def doc_tokens(doc: Any) -> Tokens | None:
    """:func:`word_tokens` of ``doc.text``, memoised on the document itself."""
    memo = doc.__dict__.get("_word_tokens")
    if memo is None or memo[0] is not doc.text:
        memo = (doc.text, word_tokens(doc.text))
        doc.__dict__["_word_tokens"] = memo
    return memo[1]


class PhraseMatcher:
    """All terms of a lexicon indexed by first word, plus its regex entries.

    Terms are matched case-insensitively as whole word sequences (the longest form at a
    word wins; curly and straight apostrophes, hyphen variants and any run of spaces are
    equivalent) with their generated inflections. The rare form that does not split into
    plain words goes to a fallback regex. A regex entry may mark the part to keep with a
    group named ``span``. Overlapping hits are resolved longest-first (then earliest), so
    each character belongs to at most one hit.
    """

    def __init__(self, entries: Iterable[Any]) -> None:
        forms: dict[str, Any] = {}
        patterns: list[tuple[re.Pattern[str], tuple[str, ...], Any]] = []
        fast: list[tuple[re.Pattern[str], tuple[str, ...], Any] | None] = []
        for e in entries:
            pattern = getattr(e, "pattern", None)
            if pattern:
                hints = tuple(h.lower() for h in getattr(e, "hints", ()) or ())
                patterns.append((re.compile(pattern), hints, e))
                if pattern.startswith(_CI_WORD) and not re.search(r"[A-Z]", pattern[len(_CI_WORD):]):
                    # same pattern for the folded (lower-case) text: case-sensitive and
                    # without the leading \b it starts with literals, which the regex
                    # engine skips to quickly; the word boundary is checked in find()
                    fast.append((re.compile(pattern[len(_CI_WORD):]), hints, e))
                else:
                    fast.append(None)
                continue
            for f in surface_forms(e.term, getattr(e, "pos", "none"), getattr(e, "forms", ())):
                forms.setdefault(norm_key(f), e)  # first entry wins a shared surface form
        index: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        odd: dict[str, Any] = {}
        for form, e in forms.items():
            words = tuple(_WORD_RX.findall(form))
            if " ".join(words) != form:
                odd[form] = e
                continue
            index.setdefault(words[0], []).append((words[1:], e))
        for cands in index.values():
            cands.sort(key=lambda c: -len(c[0]))
        #: first word -> the words that may follow it in a form, or None when the word is
        #: a form by itself (occurrences of "the" not followed by any listed second word
        #: are dropped with one set lookup)
        self.second: dict[str, frozenset[str] | None] = {
            w: None if any(not rest for rest, _ in cands) else frozenset(rest[0] for rest, _ in cands)
            for w, cands in index.items()
        }
        self.forms = forms
        self.index = index
        self.odd = odd
        self.odd_rx = term_regex(odd) if odd else None
        self.terms = term_regex(forms)  # used when folding changes the text's length
        self.patterns = patterns
        self.fast_patterns = fast
        #: every hint of the patterns, once; whether every pattern has hints
        self.hints = tuple(dict.fromkeys(h for _, hs, _ in patterns for h in hs))
        self.all_hinted = all(hs for _, hs, _ in patterns)
        #: hint -> indexes of the patterns it belongs to; patterns without hints (always run)
        self.by_hint: dict[str, list[int]] = {}
        for k, (_, hs, _) in enumerate(patterns):
            for h in dict.fromkeys(hs):
                self.by_hint.setdefault(h, []).append(k)
        self.unhinted = [k for k, (_, hs, _) in enumerate(patterns) if not hs]
        #: hints that hold no other hint (searched in the text), and for every other hint
        #: (hint, the first such base inside it, its offset there): found where
        #: the base is ("confirmed" only where "confirm" occurs)
        self.base_hints = [h for h in self.hints if not any(b != h and b in h for b in self.hints)]
        #: base hints made of word characters only: such a hint occurs in a text exactly
        #: when it occurs in one of its words (a run of word characters never spans two
        #: words), so they are looked for in the text's distinct words, a shorter string
        self.word_hints = [h for h in self.base_hints if _WORD_CHARS.fullmatch(h)]
        self.other_hints = [h for h in self.base_hints if not _WORD_CHARS.fullmatch(h)]
        self.derived_hints = [
            (h, b, h.find(b))
            for h in self.hints if h not in self.base_hints
            for b in [next(b for b in self.base_hints if b in h)]
        ]

    def _hint_spots(self, low: str, words: Iterable[str] | None = None) -> dict[str, list[int]]:
        """Where each hint of the lexicon occurs in ``low`` (hints that do not occur are left
        out; the order of the keys is not meaningful)."""
        spots: dict[str, list[int]] = {}
        # the hints that occur at all are picked out by C-level maps; ``words`` (the
        # distinct words of ``low``, from its :class:`Tokens`) stand in for the text
        if words is None:
            present = list(compress(self.base_hints, map(low.__contains__, self.base_hints)))
        else:
            vocab = "\0".join(words)
            present = list(compress(self.word_hints, map(vocab.__contains__, self.word_hints)))
            present += compress(self.other_hints, map(low.__contains__, self.other_hints))
        for h in present:
            i = low.find(h)
            got = spots[h] = []
            while i >= 0:
                got.append(i)
                i = low.find(h, i + 1)
        if spots:
            starts = low.startswith
            for h, b, k in self.derived_hints:
                if b in spots:
                    got = [i - k for i in spots[b] if i >= k and starts(h, i - k)]
                    if got:
                        spots[h] = got
        return spots

    def _hint_windows(self, low: str, found: dict[str, list[int]] | None = None) -> Any:
        """``windows(hints)``: :func:`_windows` of ``low`` for a pattern's hints. Every hint
        of the lexicon is looked for once, up front (``found``: :meth:`_hint_spots` of
        ``low``, if already known); each hint tuple's windows are merged once, on first use."""
        if found is None:
            found = self._hint_spots(low)
        memo: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        n = len(low)

        def windows(hints: tuple[str, ...]) -> list[tuple[int, int]]:
            got = memo.get(hints)
            if got is None:
                if not hints:
                    got = [(0, n)]
                else:
                    spots = [i for h in hints if h in found for i in found[h]]
                    got = _merge_windows(spots, n) if spots else []
                memo[hints] = got
            return got

        return windows

    def _word_hits(self, text: str, toks: Tokens | None) -> list[Match]:
        hits: list[Match] = []
        if toks is None:  # rare: fall back to the regex over all forms
            for m in self.terms.finditer(text):
                e = self.forms.get(norm_key(m.group(0)))
                if e is not None:
                    hits.append(Match(m.start(), m.end(), e.label, e.key, e))
            return hits
        low, starts, ends, words, positions = toks
        index = self.index
        found = positions.keys() & index.keys()
        if not found:
            return hits
        n = len(words)
        nlow = len(low)
        second = self.second
        todo: list[int] = []
        for w in found:
            follow = second[w]
            if follow is None:
                todo += positions[w]
            else:
                if any(map(positions.__contains__, follow)):  # else no next word can fit
                    todo += [i for i in positions[w] if i + 1 < n and words[i + 1] in follow]
        todo.sort()
        next_free = 0
        for i in todo:
            if i < next_free:
                continue  # inside the previous multi-word hit
            start = starts[i]
            for rest, e in index[words[i]]:
                k = len(rest)
                if k:
                    if i + k >= n:
                        continue
                    ok = True
                    for j in range(k):
                        if (words[i + j + 1] != rest[j]
                                or not low[ends[i + j] : starts[i + j + 1]].isspace()):
                            ok = False
                            break
                    if not ok:
                        continue
                end = ends[i + k]
                if end < nlow and low[end] == "-" or start and low[start - 1] == "-":
                    continue  # part of a longer hyphenated word
                hits.append(Match(start, end, e.label, e.key, e))
                next_free = i + k + 1
                break
        if self.odd_rx is not None:
            for m in self.odd_rx.finditer(text):
                e = self.odd.get(norm_key(m.group(0)))
                if e is not None:
                    hits.append(Match(m.start(), m.end(), e.label, e.key, e))
            hits.sort(key=lambda h: (h.start, h.end))
        return hits

    def find(self, text: str, toks: Tokens | None | bool = False) -> list[Match]:
        """Hits in ``text``; pass ``toks`` (from :func:`doc_tokens`) to reuse a word scan."""
        tk: Tokens | None = word_tokens(text) if isinstance(toks, bool) else toks  # False: not given
        hits = self._word_hits(text, tk)
        if not self.patterns:
            return resolve_overlaps(hits) if self.odd_rx is not None else hits
        folded_text = tk.low if tk is not None else None
        low = folded_text if folded_text is not None else text.lower()
        extra: list[Match] = []
        found = self._hint_spots(low, tk.positions if tk is not None else None)
        if not found and self.all_hinted:  # no pattern can match (common in headlines)
            return resolve_overlaps(hits) if self.odd_rx is not None else hits
        windows = self._hint_windows(low, found)
        # only the patterns one of whose hints occurs can match, in their lexicon order
        active = sorted({k for h in found for k in self.by_hint[h]}.union(self.unhinted))
        patterns, fast_patterns = self.patterns, self.fast_patterns
        for k in active:
            (rx, hints, e), quick = patterns[k], fast_patterns[k]
            target, check = text, False
            if quick is not None and folded_text is not None:
                rx, target, check = quick[0], folded_text, True
            for ws, we in windows(hints):
                for m in rx.finditer(target, ws, we):
                    if check and m.start() and (target[m.start() - 1].isalnum()
                                                or target[m.start() - 1] == "_"):
                        continue  # not at a word boundary
                    s, t = m.span("span") if "span" in rx.groupindex else m.span()
                    if s >= 0 and t > s:
                        extra.append(Match(s, t, e.label, e.key, e))
        return resolve_overlaps(hits + extra) if extra or self.odd_rx is not None else hits


_CI_WORD = "(?i)\\b"
_WORD_CHARS = re.compile(r"\w+")
#: How far before / after a hint a hinted pattern's match may start / end (characters).
HINT_BEFORE, HINT_AFTER = 60, 160


def _windows(low: str, hints: tuple[str, ...]) -> list[tuple[int, int]]:
    """Merged text windows around the hints' occurrences (the whole text if no hints)."""
    if not hints:
        return [(0, len(low))]
    spots = []
    for h in hints:
        i = low.find(h)
        while i >= 0:
            spots.append(i)
            i = low.find(h, i + 1)
    return _merge_windows(spots, len(low))


def _merge_windows(spots: list[int], n: int) -> list[tuple[int, int]]:
    """Merged windows around the hint positions ``spots`` of a text of length ``n``."""
    if not spots:
        return []
    spots.sort()
    out: list[tuple[int, int]] = []
    cur_s = cur_e = -1  # the window being grown (none yet)
    for i in spots:
        ws = i - HINT_BEFORE if i > HINT_BEFORE else 0
        we = i + HINT_AFTER if i + HINT_AFTER < n else n
        if ws <= cur_e:
            if we > cur_e:
                cur_e = we
        else:
            if cur_e >= 0:
                out.append((cur_s, cur_e))
            cur_s, cur_e = ws, we
    out.append((cur_s, cur_e))
    return out


def resolve_overlaps(hits: list[Match]) -> list[Match]:
    """Keep the longest hits so that no two kept hits share a character; sorted by start.
    (Hits are never empty: every matcher drops empty matches.)"""
    order = sorted(hits, key=lambda h: (h.start - h.end, h.start, h.key))
    starts: list[int] = []  # kept intervals, sorted and disjoint
    ends: list[int] = []
    kept = []
    for h in order:
        i = bisect_left(starts, h.end)  # kept intervals starting before h ends: < i
        if i and ends[i - 1] > h.start:
            continue
        # those i intervals all end by h.start (they are disjoint from h), so h goes at i
        starts.insert(i, h.start)
        ends.insert(i, h.end)
        kept.append(h)
    kept.sort(key=_START_END)
    return kept


_START_END = itemgetter(0, 1)  # Match.start, Match.end


def phrase_matcher(lex: Lexicons, name: str, model: type[BaseModel],
                   labels: Iterable[str] | None = None, *, cached: bool = True) -> PhraseMatcher:
    """The compiled phrase matcher of lexicon ``name`` (built once per lexicon set unless
    ``cached`` is false). With ``labels``, an entry whose label is not among them is an error
    naming the lexicon.
    """
    if cached:
        hit = lex._cache.get((name, "matcher"))  # the common case, without a closure
        if hit is not None:
            return hit

    def build(lx: Lexicons) -> PhraseMatcher:
        entries = lx.get(name, model)
        if labels is not None:
            allowed = tuple(labels)
            bad = sorted({e.label for e in entries} - set(allowed))
            if bad:
                raise ValueError(f"lexicon {name!r}: unknown label(s) {bad}; use one of {allowed}")
        return PhraseMatcher(entries)

    return lex.compiled((name, "matcher"), build) if cached else build(lex)


def phrase_spans(doc: Any, layer: str, name: str, model: type[BaseModel],
                 labels: Iterable[str] | None = None) -> list[Any]:
    """Spans of ``layer`` for every hit of lexicon ``name`` in ``doc`` (rule = ``name:key``)."""
    matcher = phrase_matcher(doc.lexicons, name, model, labels)
    prefix = name + ":"
    return [Span(layer, h.label, h.start, h.end, prefix + h.key)
            for h in matcher.find(doc.text, doc_tokens(doc))]
