"""Story files: which articles a report is about, and which claims to track.

A story file is YAML, read with ``yaml.safe_load`` semantics (plain data, never
evaluated) and validated with pydantic. Every error names the key and the line of
the file, and unknown keys are errors rather than silently ignored::

    title: Drone attack claim on the Valdai residence
    corpus: corpus.duckdb          # relative to this file's folder
    sources: [pages/, urls.txt]    # ingested before the report (paths or http(s) feeds)
    keywords: [Valdai, residence, drone]
    outlets: [reuters.com, TASS]   # optional: domains or outlet names
    window: {start: 2025-12-28, end: 2026-01-05}
    language: en
    claims:
      residence_attack:
        description: Ukraine attacked Putin's residence with drones
        patterns: ['attack\\w* on .{0,40}residence', 'targeted .{0,30}residence']
        actors: [Sergei Lavrov]
    actors:
      - {name: Sergei Lavrov, type: person, aliases: [Lavrov]}
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from . import paths

#: Bounds on untrusted story files.
MAX_STORY_BYTES = 1_000_000
MAX_PATTERN_CHARS = 2_000



class StoryError(ValueError):
    """A story file is invalid; the message names the file, the line and the key."""


def _check_regex(pattern: str) -> str:
    if len(pattern) > MAX_PATTERN_CHARS:
        raise ValueError(f"pattern longer than {MAX_PATTERN_CHARS} characters")
    try:
        re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"bad regular expression {pattern!r}: {exc}") from None
    return pattern


Pattern = Annotated[str, AfterValidator(_check_regex)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Claim(_Strict):
    """One claim to track: regexes (case-insensitive) finding it, and who makes it."""

    description: str = ""
    patterns: list[Pattern] = Field(min_length=1)
    actors: list[str] = Field(default_factory=list)

    @property
    def regexes(self) -> list[re.Pattern[str]]:
        """The patterns compiled case-insensitive."""
        return [re.compile(p, re.IGNORECASE) for p in self.patterns]


class Actor(_Strict):
    """An actor the story adds to the annotator's gazetteer."""

    name: str = Field(min_length=1)
    type: str = Field(default="person", pattern=r"^[A-Za-z][A-Za-z_ -]{0,39}$")
    aliases: list[str] = Field(default_factory=list)


class Window(_Strict):
    """Publication window (inclusive dates, UTC); either end may be left open."""

    start: dt.date | None = None
    end: dt.date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Window:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"window end {self.end} is before start {self.start}")
        return self


def _slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()
    return slug[:60].rstrip("-") or "story"


def _is_url(s: str) -> bool:
    return bool(re.match(r"^https?://", s.strip(), re.IGNORECASE))


class Story(_Strict):
    """A validated story file. Use :func:`load_story` to read one from disk."""

    title: str = Field(min_length=1)
    corpus: str | None = None
    sources: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    outlets: list[str] | None = None
    window: Window | None = None
    claims: dict[str, Claim] = Field(default_factory=dict)
    actors: list[Actor] = Field(default_factory=list)
    language: str = "en"

    _path: Path | None = PrivateAttr(default=None)

    @field_validator("keywords")
    @classmethod
    def _keywords_nonblank(cls, v: list[str]) -> list[str]:
        out = [k.strip() for k in v]
        if any(not k for k in out):
            raise ValueError("keywords must not be blank")
        return out

    # --- derived --------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        """The story file this was read from (``None`` when built in memory)."""
        return self._path

    @property
    def base_dir(self) -> Path:
        """Folder that relative paths are resolved against."""
        return self._path.parent if self._path else Path.cwd()

    @property
    def slug(self) -> str:
        """A file-name-safe name for the story (from its title), e.g. for ``reports/<slug>/``."""
        return _slugify(self.title)

    @property
    def corpus_path(self) -> Path:
        """The corpus file, resolved against the story file's folder (default ``paths.DEFAULT_CORPUS``)."""
        if not self.corpus:
            return paths.DEFAULT_CORPUS
        return (self.base_dir / self.corpus).resolve()

    @property
    def source_paths(self) -> list[Path | str]:
        """Sources to ingest: local entries resolved to paths, http(s) URLs (feeds) kept as strings."""
        return [s if _is_url(s) else (self.base_dir / s).resolve() for s in self.sources]

    def lexicon_extension(self) -> dict[str, Any]:
        """The story's actors as an annotator lexicon extension: ``{"actors": [...]}``."""
        return {
            "actors": [
                {"name": a.name, "type": a.type, "aliases": list(a.aliases)} for a in self.actors
            ]
        }

    def select(self, articles: pd.DataFrame) -> pd.DataFrame:
        """The articles about this story.

        Keeps rows whose title or text contains any keyword (case-insensitive substring;
        no keywords keeps all), published inside the window (articles whose date is
        unknown are kept: dropping them would silently lose coverage), and from the listed
        outlets (matched against ``domain`` or ``outlet``, case-insensitive) when given.
        """
        if articles.empty:
            return articles.copy()
        keep = pd.Series(True, index=articles.index)
        if self.keywords:
            rx = "|".join(re.escape(k) for k in self.keywords)
            title = articles["title"].astype("string").fillna("")
            text = articles["text"].astype("string").fillna("")
            hit = title.str.contains(rx, case=False, regex=True) | text.str.contains(
                rx, case=False, regex=True
            )
            keep &= hit.fillna(False).astype(bool)
        if self.window and (self.window.start or self.window.end):
            pub = pd.to_datetime(articles["published"], utc=True, errors="coerce")
            inside = pd.Series(True, index=articles.index)
            if self.window.start:
                inside &= pub >= pd.Timestamp(self.window.start, tz="UTC")
            if self.window.end:
                inside &= pub < pd.Timestamp(self.window.end, tz="UTC") + pd.Timedelta(days=1)
            keep &= inside | pub.isna()
        if self.outlets:
            wanted = {o.strip().lower().removeprefix("www.") for o in self.outlets}
            dom = articles["domain"].astype("string").str.lower().fillna("")
            out = articles["outlet"].astype("string").str.lower().fillna("")
            keep &= (dom.isin(wanted) | out.isin(wanted)).astype(bool)
        return articles[keep.to_numpy()].reset_index(drop=True)


# --- reading ------------------------------------------------------------------


def _node_at(root: yaml.Node | None, loc: Sequence[Any]) -> yaml.Node | None:
    """The YAML node at a pydantic error location: the key node for a mapping entry,
    else the deepest node reached (the parent mapping for a missing key)."""
    node: yaml.Node | None = root
    found: yaml.Node | None = root
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            hit = [(k, v) for k, v in node.value if str(k.value) == str(part)]
            if not hit:
                return found
            found, node = hit[-1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = found = node.value[part]
        else:
            return found
    return found


def _loc_name(loc: Sequence[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _format_errors(exc: ValidationError, root: yaml.Node | None, where: str) -> str:
    msgs = []
    for err in exc.errors():
        loc = [p for p in err["loc"] if p not in ("function-after[_check_regex(), str]",)]
        line = _line(_node_at(root, loc))
        key = _loc_name(loc)
        kind = err["type"]
        if kind == "extra_forbidden":
            text = f"unknown key {key!r}"
        elif kind == "missing":
            text = f"missing required key {key!r}"
        else:
            text = f"key {key!r}: {err['msg'].removeprefix('Value error, ')}"
        msgs.append(f"{where}, line {line}: {text}" if line else f"{where}: {text}")
    return "; ".join(msgs) + ". Fix the story file and run again."


def _confine(story: Story, root: yaml.Node | None, where: str,
             allowed_dirs: Iterable[str | Path] | None) -> None:
    allowed = [story.base_dir.resolve(), Path(paths.ROOT).resolve()]
    allowed += [Path(d).resolve() for d in allowed_dirs or ()]

    def ok(p: Path) -> bool:
        return any(p == a or p.is_relative_to(a) for a in allowed)

    checks: list[tuple[list[Any], Path]] = []
    if story.corpus:
        checks.append((["corpus"], story.corpus_path))
    for i, (raw, resolved) in enumerate(zip(story.sources, story.source_paths, strict=True)):
        if not _is_url(raw):
            checks.append((["sources", i], Path(resolved)))
    for loc, p in checks:
        if not ok(p):
            line = _line(_node_at(root, loc))
            raise StoryError(
                f"{where}, line {line}: key {_loc_name(loc)!r}: path {p} is outside the story "
                f"folder and the project; move it, or pass allowed_dirs=[...] to permit it."
            )


def parse_story(text: str, path: str | Path | None = None,
                allowed_dirs: Iterable[str | Path] | None = None) -> Story:
    """Validate story YAML text; ``path`` (the file it came from) anchors relative paths."""
    where = str(path) if path else "story"
    if len(text.encode("utf-8", "surrogatepass")) > MAX_STORY_BYTES:
        raise StoryError(f"{where}: story file larger than {MAX_STORY_BYTES} bytes")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark else ""
        raise StoryError(f"{where}{line}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise StoryError(f"{where}, line 1: a story file must be a mapping of keys (title, keywords, ...)")
    try:
        story = Story.model_validate(data)
    except ValidationError as exc:
        raise StoryError(_format_errors(exc, root, where)) from None
    if path is not None:
        story._path = Path(path).resolve()
    _confine(story, root, where, allowed_dirs)
    return story


def load_story(path: str | Path, allowed_dirs: Iterable[str | Path] | None = None) -> Story:
    """Read and validate a story file (see the module docstring for the format).

    Relative ``corpus`` and ``sources`` paths are resolved against the file's folder and
    must stay inside it or the project root, unless ``allowed_dirs`` permits another folder.
    Raises :class:`StoryError` naming the key and the line of the first problems.
    """
    p = Path(path)
    if not p.is_file():
        raise StoryError(f"{p}: story file not found; check the path")
    if p.stat().st_size > MAX_STORY_BYTES:
        raise StoryError(f"{p}: story file larger than {MAX_STORY_BYTES} bytes")
    text = p.read_text(encoding="utf-8")
    return parse_story(text, p, allowed_dirs=allowed_dirs)
