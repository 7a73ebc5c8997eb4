"""Actor layer: people, organisations and places that act or are acted upon.

Three sources, in order of precedence:

1. the gazetteer (``actors`` lexicon, extendable from a story file): canonical name,
   type and aliases ("Lavrov" -> "Sergei Lavrov", "the Kremlin", "Moscow");
2. capitalised name sequences not at a sentence start, or after a title ("President X",
   "foreign minister X"), typed by their head word (Ministry -> organisation, Region ->
   place) with ``names`` lexicon rules; a later bare surname links to the earlier full name;
3. a spaCy English model, when one is installed (never required, never downloaded; set
   ``TOOLKIT_SPACY_MODEL`` to a model name, default ``en_core_web_sm``, or to ``0`` to
   disable).

The span label is the actor type (person, organisation, place, unknown); ``attrs`` holds
``canonical`` and ``type``. In a title-case headline only the gazetteer is used.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
from bisect import bisect_left
from dataclasses import dataclass
from operator import attrgetter, itemgetter
from typing import Any

from .base import Doc, Span
from .lexicon import ActorEntry, Lexicons, WordEntry, trie_regex_source

NAME = "actor"
LABELS = ("person", "organisation", "place", "unknown")
LEXICON = "actors"
RULES = "names"

_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽА-ЯЁЄІЇҐ"
#: A letter a case ending may follow (a consonant: "Дравин" -> "Дравина"; vowel-final forms
#: such as "Москва" / "Москвы" are listed as aliases instead)
_STEM_END = r"(?<=[^\W\d_аеёиоуыэюяьйєіїaeiouy])"
_TOKEN = rf"(?:[{_UP}][\w-]*(?:['’](?!s\b)\w+)?|[{_UP}]\.)"
_JOINERS = r"(?:of|for|de|da|van|von|der|al|bin|la|le)"
_PLACE_ABBREV = ("St.", "Mt.", "Ft.")


def _candidate_regex(dotted: list[str], plain: bool = False) -> re.Pattern[str]:
    """Capitalised word runs; a dotted title or place abbreviation (Sen., St.) is one word.

    Every word starts with one capital letter, written first as a plain character class
    (the abbreviations check that letter with a one-character look-behind), so that the
    regex engine can skip quickly to the next capital instead of trying the pattern at
    every position. ``plain=True`` gives the same regex in its direct form (slower; tests
    compare the two).
    """
    ordered = sorted(dotted, key=lambda d: (-len(d), d))
    if plain or not all(re.fullmatch(rf"[{_UP}]", d[0]) and len(d) > 1 for d in ordered):
        abbr = "|".join(re.escape(d) for d in ordered)
        token = rf"(?:(?:{abbr})(?=[ \t])|{_TOKEN})" if abbr else _TOKEN
    else:
        abbr = "".join(rf"(?<={re.escape(d[0])}){re.escape(d[1:])}(?=[ \t])|" for d in ordered)
        token = rf"[{_UP}](?:{abbr}[\w-]*(?:['’](?!s\b)\w+)?|\.)"
    # the final repeat is possessive: nothing follows it, so the matches are the same
    return re.compile(rf"{token}(?:(?:[ \t]+{_JOINERS}(?:[ \t]+the)?)?[ \t]+{token})*+")


@dataclass(frozen=True)
class _Tables:
    gaz: re.Pattern[str] | None
    candidates: re.Pattern[str]
    alias: dict[str, ActorEntry]
    titles: frozenset[str]
    lower_titles: re.Pattern[str]
    org_heads: frozenset[str]
    place_heads: frozenset[str]
    stops: frozenset[str]
    not_first: frozenset[str]
    groups: frozenset[str]
    surnames: dict[str, ActorEntry]
    #: case endings an alias may carry (longest first; see _build)
    endings: tuple[str, ...] = ()
    #: first words of the titles (a run whose first word is not one has no title)
    title_first: frozenset[str] = frozenset()
    #: what the last word before a ``lower_titles`` match ends with, lower-cased (``None``:
    #: no such shortcut for these titles; see :func:`_titled_before`)
    title_ends: tuple[str, ...] | None = None


def _build(lex: Lexicons) -> _Tables:
    actors = lex.get(LEXICON, ActorEntry)
    alias: dict[str, ActorEntry] = {}
    surnames: dict[str, ActorEntry] = {}
    for a in actors:
        for form in [a.name, *a.aliases]:
            form = " ".join(form.split())
            alias.setdefault(form, a)
            if form.lower().startswith("the "):
                alias.setdefault("The " + form[4:], a)
        if a.type == "person" and " " in a.name:
            surnames.setdefault(a.name.split()[-1], a)
    rules = lex.get(RULES, WordEntry)
    # case endings (``names`` entries of kind case_ending, e.g. Russian -а, -у, -ым): an
    # alias ending in a consonant also matches with one of them ("Дравина", "Лавровым")
    endings = sorted({e.word for e in rules if e.kind == "case_ending"}, key=lambda w: (-len(w), w))
    tail = f"(?:{_STEM_END}(?:{'|'.join(map(re.escape, endings))}))?" if endings else ""
    # no leading \b: every alternative then starts with a letter and the engine skips fast;
    # the word boundary before a hit is checked in annotate()
    gaz = re.compile("(?:" + trie_regex_source(alias) + ")" + tail + r"(?![\w-])") if alias else None
    by: dict[str, set[str]] = {}
    for e in rules:
        by.setdefault(e.kind, set()).add(e.word)
    low = sorted(by.get("lower_title", ()), key=lambda w: (-len(w), w))
    lower_titles = re.compile(
        r"(?:\b(?:" + "|".join(re.escape(w) for w in low) + r")|['’]s)\s+$", re.IGNORECASE
    ) if low else re.compile(r"(?!x)x")
    titles = frozenset(by.get("title", ()))
    dotted = sorted({w for w in titles if w.endswith(".")} | set(_PLACE_ABBREV))
    return _Tables(
        gaz=gaz,
        candidates=_candidate_regex(dotted),
        alias=alias,
        titles=frozenset(by.get("title", ())),
        lower_titles=lower_titles,
        org_heads=frozenset(by.get("org_head", ())),
        place_heads=frozenset(by.get("place_head", ())),
        stops=frozenset(by.get("stop", ())),
        not_first=frozenset(by.get("not_first_name", ())),
        groups=frozenset(by.get("group_word", ())),
        surnames=surnames,
        endings=tuple(endings),
        title_first=frozenset(w.split()[0] for w in titles if w.split()),
        title_ends=_title_ends(low),
    )


def _title_ends(lower_titles: list[str]) -> tuple[str, ...] | None:
    """Lower-case endings one of which the last word before any ``lower_titles`` match ends
    with (the last word of a title, or a possessive 's), or ``None`` when some title is not
    plain ASCII words joined by single spaces (then every text is searched)."""
    if not all(w.isascii() and w == " ".join(w.split()) for w in lower_titles):
        return None
    return (*sorted({w.split()[-1].lower() for w in lower_titles if w}), "'s", "\u2019s")


#: the non-ASCII letters that case-insensitive matching pairs with an ASCII letter
_ODD_CASE = ("\u0130", "\u0131", "\u017f", "\u212a")


def _titled_before(before: str, t: _Tables) -> bool:
    """Whether ``before`` ends with a lower-case title or a possessive and then white space
    (``t.lower_titles``), searched only when its last word can end such a match: the
    regex's ``\\s+$`` needs a white-space last character (``str.isspace`` is the regex's
    ``\\s``), and its ASCII titles match, ignoring case, only text whose lower-case form
    ends with one of ``t.title_ends`` unless the text holds one of :data:`_ODD_CASE`."""
    ends = t.title_ends
    if ends is not None:
        if not before or not before[-1].isspace():
            return False
        last = before.rsplit(None, 1)
        if not last:
            return False
        word = last[-1]
        if not word.lower().endswith(ends) and (word.isascii() or not any(c in word for c in _ODD_CASE)):
            return False
    return t.lower_titles.search(before) is not None


@functools.lru_cache(maxsize=1)
def _spacy_model() -> Any:
    """An installed spaCy English model, or ``None`` (never downloads)."""
    name = os.environ.get("TOOLKIT_SPACY_MODEL", "en_core_web_sm")
    if not name or name == "0":
        return None
    try:
        if "/" not in name and importlib.util.find_spec(name) is None:
            return None  # the model package is not installed: do not even import spaCy
        import spacy

        return spacy.load(name, disable=["parser", "lemmatizer"])
    except Exception:  # not installed, or no such model: the layer works without it
        return None


_SPACY_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place"}


def _title_case(text: str) -> bool:
    """Whether at least 60% of the words of four or more letters start with a capital."""
    words = _LONG_WORD.findall(text)  # the maximal letter runs longer than three letters
    return bool(words) and sum(map(str.isupper, map(_FIRST, words))) / len(words) >= 0.6


_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
_FIRST = itemgetter(0)


class _Taken:
    """Disjoint, sorted character intervals already claimed by an actor span."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect_left(self.starts, e)
        return bool(i) and self.ends[i - 1] > s

    def add(self, s: int, e: int) -> None:
        i = bisect_left(self.starts, s)
        self.starts.insert(i, s)
        self.ends.insert(i, e)


def _add(spans: list[Span], s: int, e: int, canonical: str, typ: str, rule: str) -> None:
    spans.append(Span(NAME, typ, s, e, rule, None, None, {"canonical": canonical, "type": typ}))


def _one_word(word: str, s: int, e: int, at_start: bool, t: _Tables,
              linked: dict[str, tuple[str, str]], spans: list[Span]) -> bool:
    """Decide a one-word name without its type: added to ``spans`` when ``linked`` or a
    known surname, dropped when it cannot be a name here; False: decide it in full.
    (A module-level function, not a closure: compiled code reads a closure's variables
    through an environment object, slowing every use of them in the enclosing function.)"""
    known = linked.get(word)
    if known is not None:
        _add(spans, s, e, known[0], known[1], "names:surname")
        return True
    a = t.surnames.get(word)
    if a is not None:
        _add(spans, s, e, a.name, a.type, "names:surname")
        return True
    return (at_start or word.isupper() and len(word) <= 2 or not word[0].isalpha()
            or word in t.titles or word in t.groups)


def _alias_of(t: _Tables, surface: str) -> ActorEntry | None:
    """The gazetteer entry of a matched ``surface``: an alias, or an alias plus a case ending."""
    a = t.alias.get(" ".join(surface.split()))
    if a is None:
        for x in t.endings:
            if surface.endswith(x):
                a = t.alias.get(" ".join(surface[: -len(x)].split()))
                if a is not None:
                    break
    return a


def annotate(doc: Doc) -> list[Span]:
    """Actor spans of ``doc``."""
    t: _Tables = doc.lexicons.compiled((NAME, "tables"), _build)
    text = doc.text
    spans: list[Span] = []
    # gazetteer spans, in order and disjoint (finditer), as parallel start/end lists
    gaz_starts: list[int] = []
    gaz_ends: list[int] = []

    if t.gaz is not None:
        entry_of: dict[str, tuple[str, str, str]] = {}  # surface form -> name, type, rule
        for m in t.gaz.finditer(text):
            s, e = m.span()
            if s and (text[s - 1].isalnum() or text[s - 1] in "-_"):
                continue
            surface = m.group(0)
            hit = entry_of.get(surface)
            if hit is None:
                a = _alias_of(t, surface) or _alias_of(t, surface.replace("\u2019", "'"))
                if a is None:
                    continue  # cannot happen: the regex matches aliases (and their case endings)
                hit = entry_of[surface] = (a.name, a.type, f"actors:{a.name}")
            name, typ, rule = hit
            spans.append(Span(NAME, typ, s, e, rule, None, None, {"canonical": name, "type": typ}))
            gaz_starts.append(s)
            gaz_ends.append(e)

    if not (doc.in_title and _title_case(text)):
        starts = {s for s, _ in doc.sentences} or {0}
        linked: dict[str, tuple[str, str]] = {}

        # A candidate span lies inside its match and matches do not overlap, so it can
        # only overlap a gazetteer span (checked with one bisect), never another candidate.
        for m in t.candidates.finditer(text):
            s, e = m.span()
            if s and (text[s - 1].isalnum() or text[s - 1] in "’'_"):
                continue
            i = bisect_left(gaz_starts, e)
            if i and gaz_ends[i - 1] > s:
                continue
            run = m.group(0)
            titled = False
            if " " not in run and "\t" not in run:  # words are joined by spaces and tabs only
                # one word (most runs): what the general path below does with it, directly
                if run in t.stops or run.lower() in _LOWER_STOPS or _one_word(run, s, e, s in starts, t, linked, spans):
                    continue
                toks = [run]
                at_start = False
            else:
                toks = run.split()
                if "  " in run or "\t" in run:
                    offs = [s + i for i in _token_offsets(run)]
                else:  # words one space apart (most runs)
                    offs = []
                    o = s
                    for w in toks:
                        offs.append(o)
                        o += len(w) + 1
                # drop leading stop words and titles, remembering a title
                while toks:
                    k = _title_len(toks, t.titles) if toks[0] in t.title_first else 0
                    if k:
                        titled = True
                        del toks[:k], offs[:k]
                    elif not titled and (toks[0] in t.stops or toks[0].lower() in _LOWER_STOPS):
                        del toks[0], offs[0]
                    else:
                        break
                while toks and (toks[-1] in t.stops or toks[-1].lower() in _LOWER_STOPS):
                    toks.pop()
                    offs.pop()
                if not toks:
                    continue
                s = offs[0]
                e = offs[-1] + len(toks[-1])
                i = bisect_left(gaz_starts, e)
                if i and gaz_ends[i - 1] > s:
                    continue
                at_start = s in starts or (s == m.start() and m.start() in starts and not titled)
                if len(toks) == 1 and _one_word(toks[0], s, e, at_start, t, linked, spans):
                    continue
            before = text[max(0, s - 30) : s]
            titled = titled or _titled_before(before, t) and not before.rstrip().endswith((".", ","))
            head = toks[-1].rstrip(".")
            if head in t.org_heads or len(toks) > 1 and not t.org_heads.isdisjoint(toks[:-1]):
                typ, rule = "organisation", "names:org_head"
            elif head in t.place_heads or toks[0] in _PLACE_ABBREV:
                typ, rule = "place", "names:place_head"
            elif titled:
                typ, rule = "person", "names:titled"
            else:
                typ, rule = "unknown", "names:capitalised"
            canonical = " ".join(toks)
            if len(toks) > 1:
                if at_start and not titled and toks[0] in t.stops:
                    continue
                if typ in ("person", "unknown") and len(toks) <= 4 and all(map(str.isupper, map(_FIRST, toks))):
                    if (typ == "unknown" and len(toks) <= 3 and _looks_personal(toks)
                            and toks[0] not in t.not_first and t.groups.isdisjoint(toks)):
                        typ = "person"
                    if typ == "person":
                        linked.setdefault(toks[-1], (canonical, typ))
            spans.append(Span(NAME, typ, s, e, rule, None, None, {"canonical": canonical, "type": typ}))

    nlp = _spacy_model()
    if nlp is not None and len(text) < 100_000:
        taken = _Taken()
        for sp in spans:
            taken.add(sp.start, sp.end)
        for ent in nlp(text).ents:
            ent_type = _SPACY_TYPES.get(ent.label_)
            if ent_type and not taken.overlaps(ent.start_char, ent.end_char):
                _add(spans, ent.start_char, ent.end_char, ent.text, ent_type, f"spacy:{ent.label_}")
                taken.add(ent.start_char, ent.end_char)
    spans.sort(key=_START_END)
    return spans


_START_END = attrgetter("start", "end")
#: lower-case function words never kept at either end of a name
_LOWER_STOPS = frozenset(("of", "for", "the"))


def _title_len(toks: list[str], titles: frozenset[str]) -> int:
    """Number of leading tokens that form a title ("Foreign Minister", "Gen."), else 0."""
    for k in (3, 2, 1):
        if len(toks) > k and " ".join(toks[:k]) in titles:
            return k
    return 0


_NON_SPACE = re.compile(r"\S+")


def _token_offsets(s: str) -> list[int]:
    return [m.start() for m in _NON_SPACE.finditer(s)]


def _looks_personal(toks: list[str]) -> bool:
    """Two or three plain capitalised words (no acronyms, no digits): likely a person's name."""
    return 2 <= len(toks) <= 3 and all(
        x[0].isupper() and x[1:].replace("-", "").replace("’", "").replace("'", "").isalpha()
        and not x.isupper() for x in toks
    )
