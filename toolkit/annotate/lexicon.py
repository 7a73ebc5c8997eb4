"""Versioned lexicons: YAML data files inside the package, validated on load.

Layout: ``toolkit/annotate/lexicons/<name>.v<k>.yml`` holds English lists; another
language goes beside them as ``<name>.<lang>.v<k>.yml`` or in a folder
``lexicons/<lang>/<name>.v<k>.yml``. Every file has a header::

    name: hedges            # lexicon name (unique per language)
    version: 1
    language: en
    source: one line on where the list comes from
    entries: [...]          # shape depends on the lexicon

The header is checked by :class:`LexiconFile`. Entries of the lexicons this package
knows are checked against the models in :data:`ENTRY_MODELS`; a layer module may
validate its own lexicon with :meth:`Lexicons.get` and its own pydantic model.
Errors name the file, the entry index and the field.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from itertools import accumulate, compress
from operator import itemgetter
from pathlib import Path
from typing import Any, Literal, NamedTuple, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .base import Span

PACKAGE = "toolkit.annotate"
FOLDER = "lexicons"
_FILE_RE = re.compile(r"^(?P<name>[a-z0-9_]+)(?:\.(?P<lang>[a-z]{2,3}))?\.v(?P<ver>\d+)\.ya?ml$")
#: Keys of a story file that are not lexicon names (tolerated in ``extra``).
STORY_KEYS = frozenset(
    {"title", "corpus", "keywords", "outlets", "window", "claims", "language", "description"}
)

M = TypeVar("M", bound=BaseModel)


class LexiconError(ValueError):
    """A lexicon file or extension is malformed; the message names file, entry and field."""


class LexiconFile(BaseModel):
    """The generic header of every lexicon file."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[a-z0-9_]+$")
    version: int | str
    language: str = Field(pattern=r"^[a-z]{2,3}$")
    source: str = Field(min_length=3)
    entries: list[Any]
    notes: str | None = None


# --- entry models of the lexicons owned by this package ------------------------

POS = Literal["noun", "verb", "adj", "adv", "none"]


class TermEntry(BaseModel):
    """A word or phrase with a label; ``pos`` asks for inflected forms to be generated."""

    model_config = ConfigDict(extra="forbid")

    term: str = Field(min_length=1, max_length=120)
    label: str = Field(min_length=1)
    pos: POS = "none"
    forms: list[str] = Field(default_factory=list)
    id: str | None = None
    note: str | None = None

    @property
    def key(self) -> str:
        return self.id or self.term.lower()


class PatternEntry(BaseModel):
    """A regular expression with a label (for phrases a word list cannot express)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[A-Za-z0-9_]+$")
    pattern: str = Field(min_length=1, max_length=500)
    label: str = Field(min_length=1)
    note: str | None = None

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, v: str) -> str:
        try:
            re.compile(v)
        except re.error as exc:
            raise ValueError(f"bad regular expression: {exc}") from exc
        return v


class MixedEntry(BaseModel):
    """Either a term or a pattern (used by the phrase lexicons)."""

    model_config = ConfigDict(extra="forbid")

    term: str | None = Field(default=None, min_length=1, max_length=120)
    pattern: str | None = Field(default=None, min_length=1, max_length=500)
    #: lower-case substrings, one of which every match contains: the pattern is only run
    #: near them (speed). Leave empty to scan the whole text.
    hints: list[str] = Field(default_factory=list)
    label: str = Field(min_length=1)
    pos: POS = "none"
    forms: list[str] = Field(default_factory=list)
    id: str | None = None
    note: str | None = None

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, v: str | None) -> str | None:
        if v is not None:
            try:
                re.compile(v)
            except re.error as exc:
                raise ValueError(f"bad regular expression: {exc}") from exc
        return v

    def model_post_init(self, __context: Any) -> None:
        if (self.term is None) == (self.pattern is None):
            raise ValueError("give exactly one of 'term' or 'pattern'")
        if self.pattern is not None and not self.id:
            raise ValueError("a 'pattern' entry needs an 'id'")

    @property
    def key(self) -> str:
        return self.id or (self.term or "").lower()


_ACTOR_TYPES = {
    "person": "person", "people": "person", "individual": "person", "politician": "person",
    "organisation": "organisation", "organization": "organisation", "org": "organisation",
    "group": "organisation", "institution": "organisation", "government": "organisation",
    "ministry": "organisation", "party": "organisation", "company": "organisation",
    "media": "organisation", "outlet": "organisation", "agency": "organisation",
    "place": "place", "country": "place", "city": "place", "region": "place",
    "location": "place", "state": "place", "capital": "place",
}


class ActorEntry(BaseModel):
    """A gazetteer entry: canonical name, type and aliases.

    ``type`` is person, organisation, place or unknown; common synonyms from story files
    (organization, country, city, government, ...) are mapped, anything else is unknown.
    """

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    type: Literal["person", "organisation", "place", "unknown"] = "unknown"
    aliases: list[str] = Field(default_factory=list)
    note: str | None = None

    @field_validator("type", mode="before")
    @classmethod
    def _synonyms(cls, v: Any) -> Any:
        if isinstance(v, str):
            return _ACTOR_TYPES.get(v.strip().lower().replace("_", " "), "unknown")
        return v


class WordEntry(BaseModel):
    """A bare word with an optional value (abbreviations, number words, units)."""

    model_config = ConfigDict(extra="forbid")

    word: str = Field(min_length=1, max_length=60)
    kind: str = "word"
    value: float | None = None
    unit: str | None = None
    note: str | None = None


#: lexicon name -> entry model, for the lexicons shipped with this package.
ENTRY_MODELS: Mapping[str, type[BaseModel]] = {
    "abbreviations": WordEntry,
    "evidentiality": MixedEntry,
    "loaded": MixedEntry,
    "actors": ActorEntry,
    "numbers": WordEntry,
    "frames": TermEntry,
    "quotes": WordEntry,
    "names": WordEntry,
}


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err.get("loc", ())) or "(entry)"
        parts.append(f"field {loc!r}: {err.get('msg')}")
    return "; ".join(parts)


def validate_entries(origin: str, entries: Iterable[Any], model: type[M]) -> tuple[M, ...]:
    """Validate raw entries with ``model``; raise :class:`LexiconError` naming origin and index."""
    out = []
    for i, raw in enumerate(entries):
        if isinstance(raw, str) and "term" in model.model_fields:
            raw = {"term": raw}
        elif isinstance(raw, str) and "name" in model.model_fields:
            raw = {"name": raw}
        elif isinstance(raw, str) and "word" in model.model_fields:
            raw = {"word": raw}
        try:
            out.append(model.model_validate(raw))
        except ValidationError as exc:
            raise LexiconError(f"{origin}: entry {i}: {_describe(exc)}") from None
    return tuple(out)


# --- loading -------------------------------------------------------------------


@dataclass(frozen=True)
class _Raw:
    origin: str
    header: LexiconFile
    digest: str


def _parse_file(origin: str, data: str) -> _Raw:
    try:
        # The C loader (when libyaml is present) parses the same YAML about 4x faster.
        obj = yaml.load(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise LexiconError(f"{origin}: not valid YAML: {exc}") from None
    if not isinstance(obj, dict):
        raise LexiconError(f"{origin}: expected a mapping with name, version, language, source, entries")
    try:
        header = LexiconFile.model_validate(obj)
    except ValidationError as exc:
        raise LexiconError(f"{origin}: header {_describe(exc)}") from None
    model = ENTRY_MODELS.get(header.name)
    if model is not None:
        validate_entries(origin, header.entries, model)
    digest = hashlib.sha256(data.encode("utf-8")).hexdigest()
    return _Raw(origin, header, digest)


def _walk(folder: Any, prefix: str = "") -> list[tuple[str, Any]]:
    found = []
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.is_dir() and re.fullmatch(r"[a-z]{2,3}", item.name):
            found.extend(_walk(item, f"{prefix}{item.name}/"))
        elif item.is_file() and _FILE_RE.match(item.name):
            found.append((prefix + item.name, item))
    return found


@functools.lru_cache(maxsize=8)
def _package_files(language: str) -> tuple[_Raw, ...]:
    """Read and validate the package's lexicon files for one language (cached: immutable)."""
    root = resources.files(PACKAGE).joinpath(FOLDER)
    out = []
    for rel, item in _walk(root):
        raw = _parse_file(f"{FOLDER}/{rel}", item.read_text(encoding="utf-8"))
        if raw.header.language == language:
            out.append(raw)
    names = [r.header.name for r in out]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise LexiconError(f"lexicon(s) {dupes} defined twice for language {language!r}")
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _model_digests() -> tuple[tuple[str, str], ...]:
    """Hashes of the fitted model files beside the lexicons (e.g. attribution weights).

    They change what the layers find, so they are part of :attr:`Lexicons.version`.
    """
    root = resources.files(PACKAGE).joinpath(FOLDER)
    return tuple(
        (item.name, hashlib.sha256(item.read_bytes()).hexdigest())
        for item in sorted(root.iterdir(), key=lambda p: p.name)
        if item.is_file() and item.name.endswith(".json")
    )


@dataclass(frozen=True, eq=False)
class Lexicons:
    """An immutable set of lexicons (one language) plus user extensions.

    ``version`` combines the files' versions and a hash of their content and of the
    extensions: it changes whenever any list changes (the annotation cache key).
    """

    language: str
    files: Mapping[str, LexiconFile]
    origins: Mapping[str, str]
    extra: Mapping[str, tuple[Any, ...]]
    version: str
    _cache: dict[Any, Any] = field(default_factory=dict, repr=False)

    def __hash__(self) -> int:
        return hash(self.version)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Lexicons) and other.version == self.version

    @property
    def names(self) -> list[str]:
        return sorted(set(self.files) | set(self.extra))

    def raw(self, name: str) -> tuple[Any, ...]:
        """Raw entries of lexicon ``name`` (file entries then extensions); empty if unknown."""
        base = self.files[name].entries if name in self.files else []
        return tuple(base) + tuple(self.extra.get(name, ()))

    def get(self, name: str, model: type[M] | None = None) -> tuple[Any, ...]:
        """Entries of ``name`` validated with ``model`` (default: the package's model for it).

        Results are cached on this (immutable) object; errors name the file and entry index.
        """
        model = model or ENTRY_MODELS.get(name)  # type: ignore[assignment]
        if model is None:
            return self.raw(name)
        key = ("get", name, model)
        if key not in self._cache:
            base = self.files[name].entries if name in self.files else []
            origin = self.origins.get(name, f"lexicon {name!r}")
            items = validate_entries(origin, base, model)
            ext = self.extra.get(name, ())
            if ext:
                items += validate_entries(f"extension of lexicon {name!r}", ext, model)
            self._cache[key] = items
        return self._cache[key]

    def compiled(self, key: Any, build: Any) -> Any:
        """Memoise ``build(self)`` under ``key`` (compiled regexes and indexes of this set)."""
        if key not in self._cache:
            self._cache[key] = build(self)
        return self._cache[key]


def _read_extra(extra: str | Path | Mapping[str, Any]) -> tuple[str, Mapping[str, Any]]:
    if isinstance(extra, Mapping):
        return "extension", extra
    path = Path(extra)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read the lexicon extension: {exc}") from None
    try:
        obj = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path}: not valid YAML: {exc}") from None
    if obj is None:
        obj = {}
    if not isinstance(obj, Mapping):
        raise LexiconError(f"{path}: expected a mapping of lexicon name -> list of entries")
    return str(path), obj


def _normalise_extra(origin: str, obj: Mapping[str, Any], known: set[str]) -> dict[str, tuple]:
    """``{lexicon: [entries]}``; a story file's ``lexicons:`` block and ``actors:`` also work."""
    out: dict[str, list] = {}
    items = dict(obj)
    nested = items.pop("lexicons", None)
    if nested is not None:
        if not isinstance(nested, Mapping):
            raise LexiconError(f"{origin}: 'lexicons' must map lexicon names to lists of entries")
        items = {**items, **dict(nested)}
    for name, entries in items.items():
        if name in STORY_KEYS:
            continue
        if name not in known:
            raise LexiconError(
                f"{origin}: unknown lexicon {name!r}; known lexicons: {', '.join(sorted(known))}"
            )
        if entries is None:
            continue
        if not isinstance(entries, list | tuple):
            raise LexiconError(f"{origin}: lexicon {name!r} must be a list of entries")
        out.setdefault(name, []).extend(
            e.model_dump(exclude_none=True) if isinstance(e, BaseModel) else e for e in entries
        )
    return {k: tuple(v) for k, v in out.items()}


def load_lexicons(
    extra: str | Path | Mapping[str, Any] | None = None, language: str = "en"
) -> Lexicons:
    """Load the package lexicons for ``language``, plus ``extra`` entries.

    ``extra`` is a YAML file or a mapping ``{lexicon name: [entries]}`` (a story file's
    ``actors`` list, ``[{name, type, aliases}]``, works as is). Entries are appended to the
    named lexicons and validated like the packaged ones.
    """
    raws = _package_files(language)
    if not raws:
        raise LexiconError(
            f"no lexicons for language {language!r}; add files to toolkit/annotate/lexicons/"
        )
    files = {r.header.name: r.header for r in raws}
    origins = {r.header.name: r.origin for r in raws}
    ext: dict[str, tuple] = {}
    ext_digest = ""
    if extra is not None:
        origin, obj = _read_extra(extra)
        ext = _normalise_extra(origin, obj, set(files) | set(ENTRY_MODELS))
        for name, entries in ext.items():
            model = ENTRY_MODELS.get(name)
            if model is not None:
                validate_entries(f"{origin}: lexicon {name!r}", entries, model)
        if ext:
            ext_digest = json.dumps(ext, sort_keys=True, default=str)
    h = hashlib.sha256()
    for r in sorted(raws, key=lambda r: r.header.name):
        h.update(f"{r.header.name}:{r.digest}\n".encode())
    for name, digest in _model_digests():
        h.update(f"{name}:{digest}\n".encode())
    h.update(ext_digest.encode("utf-8"))
    versions = sorted({str(r.header.version) for r in raws})
    version = f"{language}-v{'.'.join(versions)}-{h.hexdigest()[:10]}" + ("+x" if ext else "")
    cached = _BUILT.get(version)
    if cached is not None:
        return cached  # same content: reuse the object and its compiled matchers
    lex = Lexicons(language=language, files=files, origins=origins, extra=ext, version=version)
    if len(_BUILT) >= 16:
        _BUILT.pop(next(iter(_BUILT)))
    _BUILT[version] = lex
    return lex


#: Built lexicon sets by version (immutable objects; a cache, so that annotating many
#: partitions with the same story extension compiles the matchers once).
_BUILT: dict[str, Lexicons] = {}


@functools.lru_cache(maxsize=1)
def default_lexicons() -> Lexicons:
    """The packaged English lexicons (cached; the object is immutable)."""
    return load_lexicons()


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
    parts = _WORD_SPLIT.split(low)
    bounds = list(accumulate(map(len, parts)))  # where each part ends: no match objects
    words = parts[1::2]
    positions: dict[str, list[int]] = {}
    get = positions.get
    for i, w in enumerate(words):
        got = get(w)
        if got is None:
            positions[w] = [i]
        else:
            got.append(i)
    return Tokens(low, bounds[0:-1:2], bounds[1::2], words, positions)


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
        if toks is False:
            toks = word_tokens(text)
        hits = self._word_hits(text, toks)  # type: ignore[arg-type]
        if not self.patterns:
            return resolve_overlaps(hits) if self.odd_rx is not None else hits
        folded_text = toks[0] if toks else None
        low = folded_text if folded_text is not None else text.lower()
        extra: list[Match] = []
        found = self._hint_spots(low, toks.positions if toks else None)
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
