"""Versioned lexicons: YAML data files inside the package, validated on load.

Layout: ``toolkit/annotate/lexicons/<name>.v<k>.yml`` holds English lists; another
language goes beside them as ``<name>.<lang>.v<k>.yml`` or in a folder
``lexicons/<lang>/<name>.v<k>.yml``: the Russian and Ukrainian lists are in ``lexicons/ru/``
and ``lexicons/uk/``, and :meth:`Lexicons.for_language` gives an article the lists of its
language. Every file has a header::

    name: hedges            # lexicon name (unique per language)
    version: 1
    language: en
    source: one line on where the list comes from
    entries: [...]          # shape depends on the lexicon

The header is checked by :class:`LexiconFile`. Entries of the lexicons this package
knows are checked against the models in :data:`ENTRY_MODELS`; a layer module may
validate its own lexicon with :meth:`Lexicons.get` and its own pydantic model.
Errors name the file, the entry index and the field.

This module holds the pydantic models and the loading code; :mod:`toolkit.annotate.lexicon`
re-exports every name of it and adds the matchers the layers share. It is kept apart so
that ``lexicon`` can be compiled with mypyc: pydantic models must stay in a module that
is not compiled (mypyc mis-builds ``Field()`` defaults of ``BaseModel`` subclasses).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

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


@functools.lru_cache(maxsize=1)
def _all_package_files() -> tuple[_Raw, ...]:
    """Read and validate every lexicon file of the package, all languages (cached)."""
    root = resources.files(PACKAGE).joinpath(FOLDER)
    return tuple(_parse_file(f"{FOLDER}/{rel}", item.read_text(encoding="utf-8")) for rel, item in _walk(root))


@functools.lru_cache(maxsize=1)
def package_languages() -> tuple[str, ...]:
    """The languages the package has lexicon files for (``en``, ``ru``, ...)."""
    return tuple(sorted({r.header.language for r in _all_package_files()}))


def language_code(value: Any) -> str | None:
    """An article's language as a lower-case ISO 639 code ("ru-RU" -> "ru"), or ``None``."""
    if not isinstance(value, str):
        return None
    code = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


@functools.lru_cache(maxsize=8)
def _package_files(language: str) -> tuple[_Raw, ...]:
    """The package's lexicon files for one language (cached: immutable)."""
    out = [raw for raw in _all_package_files() if raw.header.language == language]
    names = [r.header.name for r in out]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise LexiconError(f"lexicon(s) {dupes} defined twice for language {language!r}")
    return tuple(out)


@functools.lru_cache(maxsize=4)
def _digests(folder: str, suffix: str) -> tuple[tuple[str, str], ...]:
    """Hashes of the package's files ending in ``suffix`` in ``folder`` ("" for the package).

    Part of :attr:`Lexicons.version`: the fitted model files beside the lexicons (``.json``,
    e.g. the attribution weights) and the annotators' own sources (``.py``) change what the
    layers find, so a corpus annotated by an older release is annotated again.
    """
    root = resources.files(PACKAGE)
    root = root.joinpath(folder) if folder else root
    return tuple(
        (item.name, hashlib.sha256(item.read_bytes()).hexdigest())
        for item in sorted(root.iterdir(), key=lambda p: p.name)
        if item.is_file() and item.name.endswith(suffix)
    )


@dataclass(frozen=True, eq=False)
class Lexicons:
    """An immutable set of lexicons (one language) plus user extensions.

    ``version`` combines the files' versions and a hash of their content, of the fitted
    model files, of the annotators' sources and of the extensions: it changes whenever any
    list or layer changes (the annotation cache key).
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

    def for_language(self, language: Any) -> Lexicons:
        """The lexicons for a text in ``language`` (an ISO code, "ru" or "ru-RU"): the
        package's lists for that language with this set's extensions, or this set itself
        when that is its language or the package has no lists for it. Both carry this set's
        version, which covers every language's files: one annotation run, one cache key."""
        code = language_code(language)
        if code is None or code == self.language or code not in package_languages():
            return self
        key = ("language", code)
        if key not in self._cache:
            other = load_lexicons(dict(self.extra) if self.extra else None, language=code)
            self._cache[key] = Lexicons(language=code, files=other.files, origins=other.origins,
                                        extra=other.extra, version=self.version)
        got: Lexicons = self._cache[key]
        return got

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
    # every language's files: a set serves the other languages too (Lexicons.for_language)
    for r in sorted(_all_package_files(), key=lambda r: (r.header.language, r.header.name)):
        h.update(f"{r.header.language}/{r.header.name}:{r.digest}\n".encode())
    for name, digest in _digests(FOLDER, ".json") + _digests("", ".py"):
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
