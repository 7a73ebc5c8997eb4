"""Attribution layer: who (source) said, thought or wanted what (content), through which cue.

Every attribution is three kinds of span sharing one ``group`` id (``a0``, ``a1``, ... in
text order): ``role="cue"`` (the reporting word or phrase), ``role="source"`` (who) and
``role="content"`` (what; several spans when a quotation runs over sentences or is split
around its speaker). **Labels**: all spans of a group carry the cue's stance, one of
:data:`toolkit.schema.CUE_STANCES`; the role tells them apart. ``rule`` is
``"<pattern>:reporting_verbs:<lemma>"``, naming the construction that fired and the
lexicon entry. A source that is a pronoun or a generic noun (he, they, the ministry,
officials) stays on that word; ``attrs`` holds ``{"canonical": <nearest earlier named
actor>, "resolved_from": <the word>}``. Named sources get ``{"canonical": <name>}``.

How it works, in order:

1. **Cues.** Words and phrases of the ``reporting_verbs`` lexicon are looked up outside
   quotation marks (a quotation is content, so a "said" inside one is not a cue here), plus
   ``Name: ...`` on headline lines (also ``Dr. Ben Carson: 'Not fit to serve'``, a title's
   full stop and a single-quoted quote; on the title line any words before a colon and a
   quotation: ``Trump Addresses Munich Attack: ‘This Cannot Continue.’``) and transcript
   speaker labels (``JOEL BENENSON: ...``, also a transcript quoted paragraph by paragraph,
   ``"PENCE: ...``, whose introducing ``as follows:`` is then no cue), never kickers
   (``Breaking: ...``, ``The Latest: ...``, ``CLARIFICATION: ...``) or interview initials
   (``Q:``), and a fronted poll (``In a CNN poll released Monday, <finding>``: the poll is
   the source).
   Each form has a prior (how often it is a cue in PolNeAR train); context features (what precedes and follows: ``that``, a colon or quotation, a
   determiner, a modal, a subject, a relative pronoun, ...) and the neighbouring words
   themselves (``p1=``/``n1=`` one word before/after, ``p2=``/``n2=`` two away) add log-odds,
   globally (:data:`CONTEXT_WEIGHTS`, read from ``lexicons/attribution_weights.v1.json``) and
   per entry (``context`` in the lexicon), all fitted by logistic regression on PolNeAR train
   (``benchmarks/attribution.py --fit --apply``). Hand vetoes always win: a capitalised form that is a
   name (``a man named Said``, ``Said Ahmed said``, ``Said was born``) and a ``needs_clause``
   entry without a complement clause (``the fire claimed three lives``) never fire, nor do
   connectives (``Having said that``, ``That said,``), the medium of a report (``in a
   statement``) and a participle in a sentence's opening phrase (``In a message posted
   Friday, Cruz said``); a fronted ``Said Comey, "..."`` and ``Asked about X, ...`` are
   verbs, not names; naming verbs after a noun (``a group called X``) are damped; a verb
   closing its sentence after a name that follows a comma (``..., the Chicago Tribune
   reports.``) fires. A candidate fires when its odds reach :data:`THRESHOLD`; a noun cue
   that is the subject of the next verb cue (``His views were echoed by ...``) is dropped.
2. **Nested cues** (split or absorb): a fired cue that shares its sentence with another
   fired cue (its host: the nearest before it, else the nearest after it) is either a
   separate attribution (split) or part of the host's content (absorb: it is dropped and the
   host's content runs through it, as in "a poll found that Democrats, who think ..., outnumber
   ..."). A logistic regression over the pair decides (:meth:`_Analysis.nest_features`: both
   lemmas and stances, direction, distance, commas / ``and`` / ``that`` / ``which`` between,
   the inner cue's subject, its neighbours and fired odds; weights and threshold in
   ``lexicons/attribution_nesting.v1.json``, fitted on PolNeAR train with
   ``benchmarks/attribution.py --fit-nesting --apply``); a semicolon between the two always
   splits, and so does a host that opens the sentence as a participle (``Citing a theory,
   Trump accused ...``) or sits in its opening subordinate clause (``Although he
   acknowledged that ..., he maintained that ...``) with the inner cue after the comma.
   The absorbed pairs are kept in ``_Analysis.absorbed`` (not emitted as spans).
3. **Attributions** are built in text order (participles and coordinated verbs last); a cue
   inside the content or source of an attribution already built is dropped (each word has one
   role, as in PolNeAR, where an outer report keeps a nested one as its content).
4. **Source**: the subject to the left (skipping auxiliaries, adverbs, a parenthesis, an
   appositive or a ``who ...`` clause), or the name after the cue (``said Smith``,
   ``according to X``), or a possessive / ``by X`` for noun cues; for a participle after a
   comma (``..., asserting that``) or opening the sentence (``Lamenting their luck,
   Mexicans say ...``) the subject of the sentence; none for ``Asked about X, ...``.
5. **Content**: a quotation or clause after the cue (after ``that``, a colon, an indirect
   object; not a ``who ...`` clause after ``said X,``, which describes the speaker), else
   the part of the sentence before the speaker (``"...," X said.``), widened
   to the whole quotation when it runs over several sentences; a clause stops before the
   next cue's clause (``..., adding that``). A quotation no attribution took (a follow-on
   quote after ``he said.``) is added to the nearest attribution of its paragraph.

Measured with ``benchmarks/attribution.py`` (threshold, priors and weights from train
only): PolNeAR dev cue P/R/F1 0.835/0.769/0.800, source F1 (matched) 0.930, content-token
F1 0.831. Six train folds (``--heldout all``: context weights and nesting model refitted on
the other 700 articles): mean cue P/R/F1 0.822/0.768/0.794, source 0.910, content 0.823.

The layer uses ``doc.sentences`` from the sentence layer (or a small built-in splitter when
run alone) and ``doc.previous["actor"]`` for canonical names when present.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import accumulate, chain, compress, islice, repeat
from operator import attrgetter, itemgetter, le, lt, sub
from types import FunctionType, MappingProxyType
from typing import Any, Final

import yaml

from .base import Doc, Span
from .cue_entry import CueEntry
from .lexicon import LexiconError

NAME: Final = "attribution"
LEXICON: Final = "reporting_verbs"
STANCES: Final = ("neutral", "distancing", "endorsing", "accusing", "denying")
#: Bound on the text handled (characters); the coordinator already bounds articles.
MAX_CHARS: Final = 2_000_000
#: The global context weights: a versioned data file beside the lexicons.
WEIGHTS_FILE: Final = "attribution_weights.v1.json"
_WEIGHTS_KEYS: Final = ("name", "version", "language", "source", "weights")
#: The split-or-absorb model for nested cues: a versioned data file beside the lexicons.
NESTING_FILE: Final = "attribution_nesting.v1.json"
_NESTING_KEYS: Final = ("name", "version", "language", "source", "threshold", "weights")


def _model_file(text: str, origin: str, name: str, keys: tuple[str, ...]) -> dict[str, Any]:
    """The JSON object of a model file (``name``, ``source``, finite ``weights``, exactly
    ``keys``), validated; :class:`LexiconError` names ``origin`` and the offending key."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LexiconError(f"{origin}: not valid JSON: {exc}") from None
    if not isinstance(obj, dict) or sorted(obj) != sorted(keys):
        raise LexiconError(f"{origin}: expected an object with exactly {', '.join(keys)}")
    if obj["name"] != name or not isinstance(obj["source"], str):
        raise LexiconError(f"{origin}: name must be {name!r} and source a string")
    weights = obj["weights"]
    if not isinstance(weights, dict):
        raise LexiconError(f"{origin}: 'weights' must map feature names to numbers")
    out: dict[str, float] = {}
    for k, v in weights.items():
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
            raise LexiconError(f"{origin}: weight {k!r} must be a finite number, got {v!r}")
        out[k] = float(v)
    obj["weights"] = out
    return obj


def parse_weights(text: str, origin: str = f"lexicons/{WEIGHTS_FILE}") -> dict[str, float]:
    """The ``weights`` of a weights file's JSON text, validated (:class:`LexiconError` names
    ``origin`` and the offending key)."""
    return _model_file(text, origin, "attribution_weights", _WEIGHTS_KEYS)["weights"]


@lru_cache(maxsize=1)
def packaged_weights() -> Mapping[str, float]:
    """The packaged global context weights, read once (read-only)."""
    path = resources.files("toolkit.annotate").joinpath("lexicons", WEIGHTS_FILE)
    return MappingProxyType(parse_weights(path.read_text(encoding="utf-8")))


def parse_nesting(text: str, origin: str = f"lexicons/{NESTING_FILE}") -> tuple[float, dict[str, float]]:
    """``(threshold, weights)`` of a nesting file's JSON text, validated
    (:class:`LexiconError` names ``origin`` and the offending key)."""
    obj = _model_file(text, origin, "attribution_nesting", _NESTING_KEYS)
    thr = obj["threshold"]
    if isinstance(thr, bool) or not isinstance(thr, int | float) or not 0.0 < thr < 1.0:
        raise LexiconError(f"{origin}: threshold must be a probability between 0 and 1, got {thr!r}")
    return float(thr), obj["weights"]


@lru_cache(maxsize=1)
def packaged_nesting() -> tuple[float, Mapping[str, float]]:
    """The packaged split-or-absorb threshold and weights, read once (read-only)."""
    path = resources.files("toolkit.annotate").joinpath("lexicons", NESTING_FILE)
    thr, weights = parse_nesting(path.read_text(encoding="utf-8"))
    return thr, MappingProxyType(weights)


#: Log-odds added by each context feature of a candidate cue (fitted by logistic regression
#: on the PolNeAR train split, with each form's prior as the offset); read-only, from
#: :data:`WEIGHTS_FILE`.
CONTEXT_WEIGHTS: Mapping[str, float] = packaged_weights()
#: A candidate cue fires when its context-adjusted odds reach this value (tuned on PolNeAR train).
THRESHOLD = 0.6
#: Split-or-absorb weights for a fired cue inside another fired cue's sentence (see
#: :meth:`_Analysis.nest_features`; fitted by logistic regression on PolNeAR train), and the
#: probability from which the inner cue is absorbed into its host's content; from
#: :data:`NESTING_FILE`. Empty weights switch the decision off.
NESTING_THRESHOLD, NESTING_WEIGHTS = packaged_nesting()


# --- lexicon ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CueIndex:
    """Forms looked up by their first word: ``first -> [(words, entry, form)]`` longest first."""

    by_first: dict[str, list[tuple[tuple[str, ...], CueEntry, str]]]
    #: per (entry, form): form features and whether the form is a strong cue (filled lazily)
    form_cache: dict[tuple[int, str], tuple[list[str], bool]] = field(default_factory=dict)
    #: per first word: whether its shortest form is one word with a prior >= 0.8 (filled lazily)
    strong_first: dict[str, bool] = field(default_factory=dict)
    #: the shared word :class:`Tok` objects that start a form, as ``[generation of the word
    #: table, how many of its words were classed, set of those Toks, set of those Toks and
    #: the clause stops]`` (see :meth:`_Analysis.lexicon_hits`; filled as new words are made)
    word_hits: list[Any] = field(default_factory=lambda: [-1, 0, set(), set()])
    #: per entry (by id): the global weights and the entry's context it was made from, the
    #: global weights' ``dict.get``, the summed weights of the entry's own features and a
    #: memo of the weight of each feature seen so far (see :func:`_entry_weights`)
    entry_weights: dict[
        int, tuple[Mapping[str, float], dict[str, float], Any, dict[str, float] | None, dict[str, float]]
    ] = field(default_factory=dict)
    #: per first word: a :class:`_Form` per entry of ``by_first`` (same order), and per
    #: (entry, form) the same records (filled lazily)
    first_forms: dict[str, list[_Form]] = field(default_factory=dict)
    forms: dict[tuple[int, str], _Form] = field(default_factory=dict)


class _Form:
    """What scoring a candidate asks of one form of one entry, read once per cue index: its
    words, the entry's part of speech and clause need, and (filled at the first score) the
    form's prior odds, its form features and strength (:meth:`_Analysis.form_features`) and
    the entry's weights record (:func:`_entry_weights`, checked against the current weights
    at each score). Entries are not changed once indexed (a refit makes new ones)."""

    __slots__ = ("words", "entry", "form", "pos", "needs_clause", "odds", "form_feats", "got")

    def __init__(self, words: tuple[str, ...], entry: CueEntry, form: str) -> None:
        self.words = words
        self.entry = entry
        self.form = form
        self.pos: str = entry.pos
        self.needs_clause: bool = entry.needs_clause
        #: prior odds of the form (-1: not read yet)
        self.odds = -1.0
        self.form_feats: tuple[list[str], bool] = ([], False)
        self.got: tuple[Any, ...] | None = None


def _form_rec(index: CueIndex, words: tuple[str, ...], entry: CueEntry, form: str) -> _Form:
    """The :class:`_Form` of ``form`` of ``entry`` on ``index`` (made once)."""
    key = (id(entry), form)
    got = index.forms.get(key)
    if got is None or got.entry is not entry:
        got = index.forms[key] = _Form(words, entry, form)
    return got


def _entry_weights(index: CueIndex, e: CueEntry) -> tuple[Any, dict[str, float] | None]:
    """Log-odds of each context feature for entry ``e``, ``CONTEXT_WEIGHTS`` plus the entry's
    own ``context``, as ``(get, own)``: ``get`` is the global weights' ``dict.get`` and ``own``
    (``None`` without a context) the two summed for the entry's own features, so a feature
    weighs ``own.get(f, get(f, 0.0))`` (the same floats as adding the two per feature, with
    one shared global table instead of a merged copy per entry); made again when either
    mapping is swapped for another."""
    weights, own = CONTEXT_WEIGHTS, e.context
    got = index.entry_weights.get(id(e))
    if got is None or got[0] is not weights or got[1] is not own:
        if len(index.entry_weights) > 10_000:
            index.entry_weights.clear()
        if _PLAIN_WEIGHTS[0] is not weights:  # a plain dict is faster to ask than a read-only view
            _PLAIN_WEIGHTS[:] = [weights, weights if type(weights) is dict else dict(weights)]
        plain = _PLAIN_WEIGHTS[1]
        summed = {f: plain.get(f, 0.0) + w for f, w in own.items()} if own else None
        got = index.entry_weights[id(e)] = (weights, own, plain.get, summed, {})
    return got[2], got[3]


#: most features whose weight an entry's memo keeps (:func:`_weigh`); emptied past that
_WEIGHT_MEMO_MAX = 20_000


def _weigh(got: tuple[Any, ...], feats: list[str]) -> float:
    """Summed weights of ``feats`` for an entry whose :func:`_entry_weights` record is ``got``:
    each feature weighs ``own.get(f, get(f, 0.0))``, kept in the record's memo, so that the sum
    is the same left-to-right sum of the same floats."""
    get, own, memo = got[2], got[3], got[4]
    if len(memo) > _WEIGHT_MEMO_MAX:
        memo.clear()
    for f in feats:
        if f not in memo:
            memo[f] = get(f, 0.0) if own is None else own.get(f, get(f, 0.0))
    return sum(map(memo.__getitem__, feats))


#: (the global context weights, the same as a plain dict): one copy shared by all entries
_PLAIN_WEIGHTS: Final[list[Any]] = [None, None]


def _build_index(entries: Sequence[CueEntry]) -> CueIndex:
    by_first: dict[str, list[tuple[tuple[str, ...], CueEntry, str]]] = {}
    for e in entries:
        for f in e.forms:
            words = tuple(f.split(" "))
            by_first.setdefault(words[0], []).append((words, e, f))
    for lst in by_first.values():
        lst.sort(key=lambda t: -len(t[0]))
    return CueIndex(by_first)


@lru_cache(maxsize=1)
def _packaged_index() -> CueIndex:
    """The packaged lexicon (used when the ``Doc`` carries no lexicons object)."""
    path = resources.files("toolkit.annotate").joinpath("lexicons", f"{LEXICON}.v1.yml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return _build_index([CueEntry.model_validate(e) for e in data["entries"]])


def cue_entries(lexicons: Any = None) -> tuple[CueEntry, ...]:
    """Validated ``reporting_verbs`` entries of ``lexicons`` (packaged list when ``None``)."""
    if lexicons is None or not hasattr(lexicons, "get"):
        path = resources.files("toolkit.annotate").joinpath("lexicons", f"{LEXICON}.v1.yml")
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return tuple(CueEntry.model_validate(e) for e in data["entries"])
    return tuple(lexicons.get(LEXICON, CueEntry))


def _lexicon_index(lexicons: Any) -> CueIndex:
    if lexicons is None or not hasattr(lexicons, "compiled"):
        return _packaged_index()
    return lexicons.compiled((NAME, "index"), lambda lx: _build_index(cue_entries(lx)))


#: The cue index of a lexicons object (:class:`_Analysis` asks it). A module variable, looked
#: up at each call even when compiled with mypyc (a ``def`` would be called directly), so that
#: ``benchmarks/attribution.py`` can swap in an index of refitted entries by assigning it.
_index: Callable[[Any], CueIndex] = _lexicon_index


# --- tokens, sentences, quotations -----------------------------------------------------------

_TOKEN: Final = re.compile(r"''|\w+(?:['\u2019\-]\w+)*|\S")
_FALLBACK_SENT: Final = re.compile(r"(?<=[.!?])[\"'\u201d\u2019]?\s+(?=[\"'\u201c\u2018A-Z0-9])|\n\s*\n|\n")


class Tok:
    """A word: text, normalised lower case, whether it is a word / capitalised, and its
    quotation mark role ("o" opens a quotation, "c" closes one).

    Positions are not kept here but in parallel lists of :class:`_Analysis` (``_starts``,
    ``_ends``, ``_sent``), so one object serves every occurrence of a word (see
    :func:`_words`); only the quotation marks that open or close a quotation get objects of
    their own.
    """

    __slots__ = ("text", "low", "is_word", "is_cap", "q", "skippable", "p1", "n1", "p2", "n2",
                 "next_feat", "prev_feat", "plural", "subj_feat", "clip_stop",
                 "aux_stop", "subj_kind", "clause_head", "finite", "ends_ed", "title_tally",
                 "nest_cat")

    def __init__(self, text: str, q: str = "") -> None:
        self.text = text
        self.low = low = text.lower().replace("\u2019", "'")
        self.q = q
        first = text[0]
        self.is_word = first.isalnum() or first == "_"
        self.is_cap = first.isupper()
        # computed once per word text (the objects are shared): what the hot paths ask
        #: an auxiliary or adverb :meth:`_Analysis.skip_aux_left` steps over
        self.skippable = low in _AUX or (low.endswith("ly") and len(low) > 4 and not self.is_cap)
        #: the neighbour-word feature names (see :meth:`_Analysis.features`)
        self.p1, self.n1, self.p2, self.n2 = "p1=" + low, "n1=" + low, "p2=" + low, "n2=" + low
        self.next_feat, self.prev_feat = self._next_feat(), self._prev_feat()
        self.plural = self.is_word and not self.is_cap and low.endswith("s") and (
            low not in _AUX and low not in _BOUNDARY
        )
        self.subj_feat = ("subj_pronoun" if low in _SUBJ_PRONOUNS else "subj_name" if self.is_cap
                          else "subj_noun" if self.is_word and low not in _BOUNDARY else "")
        alpha = self.is_word and first.isalpha()
        #: a word that starts with a letter counts 1, and a capitalised one 1 more in the high
        #: bits (title case, see :meth:`_Analysis.title_case`)
        self.title_tally = (1 + (self.is_cap << _TALLY_SHIFT)) if alpha else 0
        #: a token that may end a content clause (see :meth:`_Analysis.clip_end`)
        self.clip_stop = text in (";", ",") or low in _CLAUSE_LINKS
        #: a word :meth:`_Analysis.skip_aux_left` stops at whatever precedes it
        self.aux_stop = not self.skippable and low not in _WEEKDAYS
        #: what :meth:`_Analysis.has_clause` asks: a clause opener, a finite verb, an -ed word
        self.clause_head = low in _CLAUSE_START or text == ":" or q == "o"
        self.finite, self.ends_ed = low in _FINITE, low.endswith("ed")
        #: what :meth:`_Analysis._pair_feats` notes between two cues
        self.nest_cat = _nest_cat(text, low, q)
        #: :meth:`_Analysis.subject_like_at`: 0 no, 1 yes, 2 yes unless it opens the sentence
        self.subj_kind = (0 if not self.is_word
                          else 1 if low in ("he", "she", "they", "we", "i", "who") or low in _EVIDENCE
                          else (2 if low in _CLAUSE_START else 1) if self.is_cap else 0)

    def _next_feat(self) -> str:
        """The feature of this word right after a cue ("," : it depends on the word after)."""
        nl, text = self.low, self.text
        if text in ".!?;":
            return "next_end"
        if nl == "that":
            return "next_that"
        if text == ":" or self.q == "o":
            return "next_colon_quote"
        if text == ",":
            return ","
        if nl == "to":
            return "next_to"
        if nl in _NEXT_PRONOUNS:
            return "next_pronoun"
        if nl in _NEXT_PREPS:
            return "next_prep"
        if nl in _DET:
            return "next_det"
        return "next_cap" if self.is_cap else ""

    def _prev_feat(self) -> str:
        """The feature of this word right before a cue."""
        pl = self.low
        if pl in _DET or pl.endswith("'s"):
            return "prev_det"
        if pl == "to":
            return "prev_to"
        if pl in _MODALS:
            return "prev_modal"
        if pl in _HAVE:
            return "prev_perfect"
        if pl in _NEGATIONS:
            return "prev_not"
        if pl in _RELATIVES:
            return "prev_rel"
        if pl in _SUBJ_PRONOUNS:
            return "prev_pronoun"
        if self.text == ",":
            return "prev_comma"
        if self.q == "c":
            return "prev_close_quote"
        if self.is_cap:
            return "prev_cap"
        if pl in _BE:
            return "prev_be"
        return "prev_word" if self.is_word else ""


def _nest_cat(text: str, low: str, q: str) -> str:
    """The kind of token between two cues that the split-or-absorb decision notes."""
    if text == ",":
        return "comma"
    if text == ";":
        return "semi"
    if text == ":":
        return "colon"
    if q:
        return "quote"
    if low in ("and", "but"):
        return "and"
    if low in ("which", "who", "whom"):
        return "rel"
    if low in ("that", "according"):
        return low
    if low in ("percent", "%"):
        return "percent"
    return "evidence" if low in _EVIDENCE else ""


def _odds_bucket(odds: float) -> str:
    """The split-or-absorb feature of a cue's fired odds (low, middle, high log-odds)."""
    return "iodds_lo" if odds < _E_HALF else "iodds_mid" if odds < _E_TWO else "iodds_hi"


_E_HALF: Final = math.exp(0.5)  # log-odds 0.5
_E_TWO: Final = math.exp(2.0)  # log-odds 2


_NEST_CAT_OF: Final = attrgetter("nest_cat")
#: every value of :func:`_nest_cat` but "", and the pairs' "comma_and"
_NEST_CATS: Final = ("comma", "semi", "colon", "quote", "and", "rel", "that", "according", "percent", "evidence", "comma_and")
#: feature names of :meth:`_Analysis._pair_feats` per direction, made once: the gap buckets
#: (by index), what lies between (by category), the inner subject (by ``Tok.subj_feat``)
_NEST_NAMES: Final[dict[str, dict[Any, str]]] = {
    d: {
        **{n: d + g for n, g in enumerate(("gap0", "gap1", "gap3", "gap6", "gap11", "gap21"))},
        **{x: d + "btw_" + x for x in _NEST_CATS},
        **{x: d + "isubj_" + x for x in ("other", "subj_pronoun", "subj_name", "subj_noun")},
        "rel_subj": d + "rel_subj", "none": d + "isubj_none",
    }
    for d in ("hb_", "ha_")
}
#: (weights mapping, its dict's get, summed weights of feature parts by key)
_NEST_LOOKUP: Final[list[Any]] = [None, None, None]


def _nest_lookup(weights: Mapping[str, float]) -> tuple[Any, dict[tuple[Any, ...], float]]:
    """``dict.get`` of the split-or-absorb ``weights`` (a plain dict is faster to ask than a
    read-only view) and a memo of part sums; both made again when the mapping is swapped.
    Only derived, deterministic values are kept."""
    if _NEST_LOOKUP[0] is not weights:
        memo: dict[tuple[Any, ...], float] = {}
        for d in ("hb_", "ha_"):  # the most the features of a pair can add (see nest_score)
            def best(names: Any) -> float:
                return max([0.0, *(weights.get(n, 0.0) for n in names)])
            memo[("btw", d)] = btw = sum(best([d + "btw_" + x]) for x in _NEST_CATS)
            memo[("tail", d)] = tail = (  # what _pair_tail can add
                btw
                + best(d + "isubj_" + x for x in ("none", "other", "subj_pronoun", "subj_name", "subj_noun"))
                + sum(best([n]) for n in ("isubj_number", "isubj_evidence", d + "rel_subj", "same_subj",
                                          "sent_quote"))
            )
            memo[("max", d)] = (weights.get("bias", 0.0) + weights.get(d, 0.0) + tail
                                + best(d + g for g in ("gap0", "gap1", "gap3", "gap6", "gap11", "gap21")))
        _NEST_LOOKUP[:] = [weights, dict(weights).get, memo]
    return _NEST_LOOKUP[1], _NEST_LOOKUP[2]


#: title-case tallies: words below bit 40 (MAX_CHARS is far below 2**40), capitals above
_TALLY_SHIFT: Final = 40
_TALLY_LOW: Final = (1 << _TALLY_SHIFT) - 1
#: one shared, read-only :class:`Tok` per word text (never with a quotation role)
_WORDS: Final[dict[str, Tok]] = {}
_WORDS_MAX = 50_000
#: the same Toks in the order made, and the table's generation (bumped when it is emptied):
#: a lexicon index classes only the words made since it last looked (see ``CueIndex.word_hits``)
_WORD_LIST: Final[list[Tok]] = []
_WORDS_GEN: Final = [0]
#: the shared word Toks that may end a content clause (``Tok.clip_stop``), kept with ``_WORDS``
_STOP_WORDS: Final[set[Tok]] = set()
#: one shared, read-only :class:`Tok` per (quotation mark text, role)
_MARK_TOKS: Final[dict[tuple[str, str], Tok]] = {}
#: ``_TOKEN`` as a capturing split: the text alternates whitespace and tokens, so offsets come
#: from lengths (no match objects); possessive, as nothing follows a token that could backtrack
_TOKEN_SPLIT: Final = re.compile(r"(\w++(?:['\u2019\-]\w++)*+|''|\S)")
#: whether this module runs compiled with mypyc (its functions are native then, not Python ones)
_COMPILED: Final = not isinstance(_odds_bucket, FunctionType)


def _token_table_split(text: str, s: int, e: int) -> tuple[list[str], list[int], list[int]]:
    """:func:`_token_table` by one split of the whole text with the pattern (faster than
    :func:`_token_table_pieces` in pure Python)."""
    parts = _TOKEN_SPLIT.split(text if s == 0 and e >= len(text) else text[s:e])
    ws = parts[1::2]
    if not ws:
        return [], [], []
    # offsets: running sum of the (gap, token, gap, ..., token, gap) lengths from ``s``
    acc = list(accumulate(map(len, parts), initial=s))
    return ws, acc[1:-1:2], acc[2::2]


def _token_table(text: str, s: int, e: int) -> tuple[list[str], list[int], list[int]]:
    """Texts, starts and ends of the tokens of ``text[s:e]`` (``_TOKEN`` matches in order):
    :func:`_token_table_pieces` when compiled with mypyc, :func:`_token_table_split` in pure
    Python (the same tables; each is the faster one there)."""
    if _COMPILED:
        return _token_table_pieces(text, s, e)
    return _token_table_split(text, s, e)


def _token_table_pieces(text: str, s: int, e: int) -> tuple[list[str], list[int], list[int]]:
    """:func:`_token_table` piece by piece (faster than one pattern split when compiled).

    No token holds whitespace (``str.isspace`` is the pattern's ``\\s``), so the text is cut at
    spaces (offsets follow from the lengths) and each piece tokenised alone: a piece of
    letters and digits only (``str.isalnum`` is the pattern's ``\\w`` but ``_``) is one token,
    one followed or preceded by a single non-word, non-space character two; any other piece
    (other whitespace too: line breaks, tabs) is matched by hand as the pattern does."""
    sub = text if s == 0 and e >= len(text) else text[s:e]
    ws: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = s
    for piece in sub.split(" "):
        a = pos
        n = len(piece)
        pos += n + 1
        if n == 0:
            continue  # two spaces in a row
        if piece.isalnum():
            ws.append(piece)
            starts.append(a)
            ends.append(a + n)
            continue
        if n == 1:
            if not piece.isspace():
                ws.append(piece)
                starts.append(a)
                ends.append(a + 1)
            continue
        last = piece[-1]
        if not last.isalnum() and last != "_" and not last.isspace() and piece[:-1].isalnum():  # "said,"
            ws.append(piece[:-1])
            ws.append(last)
            starts.append(a)
            starts.append(a + n - 1)
            ends.append(a + n - 1)
            ends.append(a + n)
            continue
        first = piece[0]
        if not first.isalnum() and first != "_" and not first.isspace() and piece[1:].isalnum():  # "(Reuters"
            ws.append(first)
            ws.append(piece[1:])
            starts.append(a)
            starts.append(a + 1)
            ends.append(a + 1)
            ends.append(a + n)
            continue
        # the pattern by hand: a word run (``\\w`` is alphanumeric or "_") joined by single
        # apostrophes or hyphens to further runs, else a doubled apostrophe, else one
        # non-space character
        i = 0
        while i < n:
            ch = piece[i]
            if ch.isalnum() or ch == "_":
                k = i + 1
                while True:
                    while k < n and (piece[k].isalnum() or piece[k] == "_"):
                        k += 1
                    if k + 1 < n and piece[k] in "'\u2019-" and (piece[k + 1].isalnum() or piece[k + 1] == "_"):
                        k += 2
                        continue
                    break
            elif ch.isspace():
                i += 1
                continue
            elif ch == "'" and i + 1 < n and piece[i + 1] == "'":
                k = i + 2
            else:
                k = i + 1
            ws.append(piece[i:k])
            starts.append(a + i)
            ends.append(a + k)
            i = k
    return ws, starts, ends


_TITLE_TALLY_OF: Final = attrgetter("title_tally")
_IS_WORD: Final = attrgetter("is_word")
_FIRST: Final = itemgetter(0)
_SECOND: Final = itemgetter(1)
_NO_MARK: Final = 1 << 62  # beyond every token index
_I_OF: Final = attrgetter("i")
_CLIP_STOP_OF: Final = attrgetter("clip_stop")
_START_OF: Final = attrgetter("start")
_LOW_OF: Final = attrgetter("low")
_END_OF: Final = attrgetter("end")
#: :meth:`_Analysis._kind` results: (participle, coordinated); compare them with ``==``, never
#: ``is`` (compiled with mypyc a ``tuple[bool, bool]`` is a value, not a shared object)
_PARTICIPLE: Final = (True, False)
_COORDINATED: Final = (False, True)
_NOT_LATE: Final = (False, False)


def _mark_tok(text: str, q: str) -> Tok:
    """The shared :class:`Tok` of a quotation mark ``text`` that opens (``q="o"``) or closes
    (``"c"``) a quotation."""
    got = _MARK_TOKS.get((text, q))
    if got is None:
        if len(_MARK_TOKS) > 1_000:
            _MARK_TOKS.clear()
        got = _MARK_TOKS[(text, q)] = Tok(text, q)
    return got


def _words(ws: list[str]) -> list[Tok]:
    """The shared :class:`Tok` of each word text in ``ws``."""
    try:
        return list(map(_WORDS.__getitem__, ws))  # the usual case: every word seen before
    except KeyError:
        pass
    missing = set(ws).difference(_WORDS)
    if missing:
        if len(_WORDS) + len(missing) > _WORDS_MAX:
            _WORDS.clear()
            _WORD_LIST.clear()
            _STOP_WORDS.clear()
            _WORDS_GEN[0] += 1
            missing = set(ws)
        for w in missing:
            t = _WORDS[w] = Tok(w)
            _WORD_LIST.append(t)
            if t.clip_stop:
                _STOP_WORDS.add(t)
    return list(map(_WORDS.__getitem__, ws))


def _fallback_sentences(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _FALLBACK_SENT.finditer(text):
        if text[pos : m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


_NONSPACE: Final = re.compile(r"\S+")
_LAST_NONSPACE: Final = re.compile(r"(\S)\s*$")
#: a quotation mark (a line break, which ends a paragraph, is searched for between two marks)
_QMARK: Final = re.compile("\'\'|[\"\u201c\u201d\u00ab\u00bb\u201e]")
_QCHAR: Final = re.compile("[\"\u201c\u201d\u00ab\u00bb\u201e]")


def _quote_regions(text: str) -> list[tuple[int, int]]:
    """Quotations as ``(start, end)`` including their marks, within a paragraph.

    Curly quotes, guillemets, low-high quotes, straight double quotes and the doubled
    apostrophes some archives use (''...''); inside «...» only » closes (Russian copy nests
    "..." and „...“ there). An opening mark with no closing mark runs to
    the end of its paragraph (a quotation that goes on in the next paragraph reopens there,
    as news style has it).
    """
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    open_mark = ""
    searched = 0  # where the search for a line break in the open quotation goes on from
    # one pass over the marks; a paragraph ends at a line break, looked for only while a
    # quotation is open (from its mark to the next one); a plain character class (a fast
    # scan) when the text holds no doubled apostrophe
    for m in (_QMARK if "''" in text else _QCHAR).finditer(text):
        mark = m.group()
        if open_at is not None:
            nl = text.find("\n", searched, m.start())
            if nl >= 0:  # its paragraph ended before this mark
                regions.append((open_at, nl))
                open_at = None
            else:
                searched = m.start()  # no line break up to here (linear: each stretch once)
        if open_at is None:
            if mark in ("\u201d", "\u00bb"):
                continue  # a stray closing mark
            open_at, open_mark = m.start(), mark
            searched = open_at
            continue
        if open_mark == "''":
            closes = mark == "''"
        elif open_mark == "\u00ab":  # «...» pairs strictly: a "..." or „...“ inside is nested
            closes = mark == "\u00bb"
        elif mark in ("\u201d", '"', "\u00bb"):
            closes = True  # mixed marks ("...” or “...") still close a quotation
        elif mark == "\u201c":
            # „...“ closes; a “ followed by a space or punctuation is a misused closing mark
            after = text[m.end() : m.end() + 1]
            closes = open_mark == "\u201e" or after == "" or not (after.isalnum() or after in "'\u2018")
        else:
            closes = False
        if closes:
            regions.append((open_at, m.end()))
            open_at = None
    if open_at is not None:
        nl = text.find("\n", searched)
        regions.append((open_at, len(text) if nl < 0 else nl))
    return regions


# --- word classes -------------------------------------------------------------------------

# Russian and Ukrainian words sit beside the English ones where their lexicons (lexicons/ru/,
# lexicons/uk/) need them; they never occur in English text, so English results do not change.
_DET: Final = frozenset("the a an this that these those his her their its my our your some any every each".split())
_PRONOUNS: Final = frozenset(("he she they we i you it who which он она они мы я вы кто который которая которые "
                                "він вона вони ми ви хто який яка які").split())
_GENERIC_HEADS: Final = frozenset(
    """ministry minister spokesman spokeswoman spokesperson official officials government
    department agency campaign company president senator governor office kremlin embassy
    aide aides administration candidate party group committee""".split()
)
_AUX: Final = frozenset(
    """has have had is was are were will would could should may might can must did does do
    been be being also not never n't 'd 's ’s then later earlier again already still just even
    once often ultimately first recently previously now repeatedly reportedly long since
    always initially further yet so thus too both all well each soon
    don't doesn't didn't won't can't isn't wasn't hasn't haven't hadn't wouldn't couldn't
    shouldn't aren't weren't также уже ещё еще не тоже снова вновь ранее вже ще теж знову
    раніше""".split()
)
_WEEKDAYS: Final = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_BOUNDARY: Final = frozenset(
    """and but or nor that which who whom whose because if when while as after before since than
    so where although though whether until unless once then for to of in on at with from by into
    about over under against during without is was are were has have had will would be been
    и но или что чтобы который которая которые потому если когда пока как после до в во на с со
    к о об у за из от для по при над под между через і й та але або що який яка які бо якщо
    коли як після з із про від для під між""".split()
)
_NP_INNER: Final = frozenset("of the for and de van von al el bin la le".split())
_CLAUSE_START: Final = frozenset(
    """that he she they we i it there this these those you how why whether what when where who
    if which что чтобы будто как почему ли где когда он она они мы я що щоб ніби чому чи де
    коли він вона вони ми""".split()
)
#: Russian and Ukrainian clause openers that follow a comma ("утверждает, что ...",
#: "стверджує, що ...").
_COMMA_CLAUSE: Final = frozenset("что чтобы будто якобы що щоб нібито начебто".split())
#: A Russian participle or a Russian, Ukrainian or English relative word after "— сказал X,
#: ..." or "said X, ...": it describes the speaker ("местная жительница, попросившая не
#: называть её фамилию", "said Mr. Kamin, who ..."), it is not what was said.
_SPEAKER_CLAUSE: Final = re.compile(
    r"[а-яё]+(?:вш|ющ|ящ|ущ|ащ)(?:ий|ая|ее|ие|его|ей|их|ийся|аяся|иеся)$|котор[а-яё]+$|кто$"
    r"|як(?:ий|а|е|і)$|котр[а-яіїєґ]+$|хто$|who$|whose$|which$")
_FINITE: Final = frozenset(
    """is was are were has have had will would could should may might can must did does do
    am 's ’s""".split()
)
_OBJ_VERBS: Final = frozenset(
    """tell told tells telling ask asked asks asking urge urged urges urging warn warned warns
    warning remind reminded reminds reminding assure assured assures inform informed informs
    convince convinced persuade persuaded""".split()
)
_TAIL_EXT: Final = (
    ("in", "a", "statement"),
    ("in", "an", "interview"),
    ("in", "a", "tweet"),
    ("in", "an", "email"),
    ("in", "a", "speech"),
    ("on", "twitter"),
)
_TAIL_FIRST: Final = frozenset(ext[0] for ext in _TAIL_EXT) | {"on"}
#: Words :meth:`_Analysis.skip_tail_ext` may step over first.
_TAIL_OR_DAY: Final = _TAIL_FIRST | _WEEKDAYS
_NEXT_PRONOUNS: Final = frozenset("he she they it we i you there он она они він вона вони".split())
_NEXT_PREPS: Final = frozenset("for on about of with against in at by".split())
_MODALS: Final = frozenset("would could will should may might can must".split())
_HAVE: Final = frozenset("has have had".split())
_NEGATIONS: Final = frozenset("not n't never".split())
_RELATIVES: Final = frozenset("who which that".split())
_SUBJ_PRONOUNS: Final = frozenset("he she they i we you он она они я мы він вона вони ми".split())
_BE: Final = frozenset("is was are were be been being".split())
_OBJECTS: Final = frozenset("him her them me us reporters журналистам ему ей им журналістам йому їй їм".split())
_EVIDENCE: Final = frozenset(
    """poll polls survey surveys report reports record records data document documents filings
    study studies figures numbers results analysis research statistics estimates
    опрос опросы исследование доклад данные отчет отчёт сводка опитування дослідження доповідь
    дані звіт зведення""".split()
)
_IRREGULAR_PP: Final = frozenset("told shown known seen written found thought said heard taken given".split())
#: Cues whose grammatical subject is what is attributed, not who ("Carson appears to be slipping").
_RAISING: Final = frozenset("seem seems seemed appear appears appeared expected".split())
#: What may follow a sentence-initial participle cue ("Asked if he would run, Smith said ...").
_AFTER_FRONTED: Final = frozenset(
    """by if whether about what why how when , : to at on in during again later repeatedly
    specifically directly monday tuesday wednesday thursday friday saturday sunday""".split()
)
_PARTICIPLE_LEAD: Final = frozenset("while before after by when without in since".split())
_TIME_WORDS: Final = frozenset(
    """today yesterday tonight earlier later again also repeatedly previously recently publicly
    privately once twice now then""".split()
)
#: Words that may start a time adverbial :meth:`_Analysis.skip_time` steps over.
_TIME_FIRST: Final = _TIME_WORDS | _WEEKDAYS | frozenset(
    "on last this earlier late morning afternoon evening night".split()
)
#: Participles used as adjectives before a noun ("the reported attack", "an alleged plot").
_ADJ_PARTICIPLE_DET: Final = frozenset("the a an this that these those its their his her".split())
_NAMING: Final = frozenset("named called titled dubbed known entitled".split())
_COLON_ENTRY: Final = CueEntry(lemma=":", stance="neutral", pos="punct", forms=[":"], prior=0.7)
#: "In a CNN poll released Monday, 50 percent ...": a fronted poll or survey is the source.
#: Prior: share of the sentences this rule picks in PolNeAR train whose "In" is a gold cue
#: (20 of 26).
_POLL_ENTRY: Final = CueEntry(lemma="in a poll", stance="neutral", pos="phrase", forms=["in"], prior=0.77)
_POLL_WORDS: Final = frozenset("poll polls survey surveys polling".split())
#: "“...” ― Sonya Herridge": a quotation signed with a dash and a name on its own line.
#: Prior: share of such signatures in PolNeAR train that are gold cues, once a name follows.
_DASH_ENTRY: Final = CueEntry(lemma="dash", stance="neutral", pos="punct", forms=["\u2015"], prior=0.7)
_DASHES: Final = frozenset("\u2015\u2014\u2013-")
_CLOSE_MARKS: Final = frozenset("\u201d\"\u2019'")
#: A closing quotation mark, at most four spaces, then a dash (group 1).
_SIGNED: Final = re.compile("[\u201d\"\u2019'][ \\t\\n\u00a0]{0,4}([\u2015\u2014\u2013-])")
_OPEN_OR_CLOSE_MARKS: Final = frozenset("\u201c\u201d\"\u2018\u2019'\u00ab\u201e")
_CLAUSE_LINKS: Final = frozenset("and but while as when because although though after before since".split())
_POSSESSIVES: Final = frozenset("his her their its my our your".split())
#: Nouns naming the medium of a report; after "in a" they are not a report of their own
#: (PolNeAR train: "in a/his statement" is a cue 2 times in 19).
_MEDIUM_NOUNS: Final = frozenset("statement statements letter".split())
_MEDIUM_DET: Final = _POSSESSIVES | {"a", "an", "the"}
#: Passive participles that open a sentence as a question put to its subject ("Asked about
#: X, Clinton said ..."; PolNeAR train: 43 of 51 sentence-initial "Asked"/"Pressed" are cues).
_FRONTED_PASSIVE: Final = frozenset("asked pressed questioned".split())
#: Subordinators that open a sentence with a clause before its main one.
_SUBORDINATORS: Final = frozenset("when after as while before because although though since once if".split())
#: Prepositions that open a sentence's framing phrase ("In a statement released Monday, ...").
_INTRO_PREPS: Final = frozenset("in on during via through".split())
_PASSIVE_AUX: Final = frozenset("was were is are been be being 's ’s".split())
_NAME_TITLES: Final = frozenset(
    """mr mrs ms dr sen rep gov gen president senator minister secretary chancellor prime
    foreign defense defence interior spokesman spokeswoman chairman leader speaker judge
    pope king queen prince general colonel officer ambassador director chief governor
    mayor representative former deputy vice state press""".split()
)


#: Upper-case line labels that introduce no speaker ("UPDATE: ...", "WATCH: ...").
_NOT_SPEAKERS: Final = frozenset(
    """update updated watch note editor correction clarification disclosure related read more video photo photos breaking
    source sources see also listen live exclusive analysis opinion subscribe click here latest wow
    boom byline bombshell busted leaked just email paid notice guide poll report fix""".split()
)


#: In the title line (the text's first), a poll or report is a source ("Poll: Trump and
#: Clinton hold narrow leads"); PolNeAR train: 5 of 6 "Poll:" titles are cues.
_NOT_TITLE_SOURCES: Final = (_NOT_SPEAKERS - {"poll", "report"}) | frozenset("revealed look".split())


def _speaker_label(head: Sequence[Tok]) -> bool:
    """A transcript speaker before a colon at a line start: ``JOEL BENENSON:``,
    ``Luciana Lopez:`` (upper-case words, or two or three capitalised words). Interview
    initials (``Q:``, ``A:``) are not: in PolNeAR train 16 of 65 such colons are cues."""
    if not 1 <= len(head) <= 3 or not all(h.is_word and h.is_cap for h in head):
        return False
    if len(head) == 1 and len(head[0].text) == 1:
        return False
    if any(h.low in _NOT_SPEAKERS for h in head):
        return False
    return all(h.text.isupper() for h in head) or len(head) >= 2


def _odds(p: float) -> float:
    p = 0.02 if p < 0.02 else 0.98 if p > 0.98 else p  # min(max(p, 0.02), 0.98) without the calls
    return p / (1.0 - p)


# --- the analysis ------------------------------------------------------------------------


@dataclass(slots=True)
class Cand:
    i: int  # first token of the cue
    j: int  # one past the last token
    entry: CueEntry
    form: str
    odds: float
    pattern: str = ""
    #: the form's :class:`_Form` on the cue index, when it comes from the lexicon
    rec: _Form | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Attr:
    cand: Cand
    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: list[tuple[int, int]] = field(default_factory=list)
    pattern: str = "X_said"


class _Analysis:
    def __init__(self, doc: Doc) -> None:
        text = doc.text[:MAX_CHARS]
        self.text = text
        self.doc = doc
        n = len(text)
        sents = doc.sentences
        if not all(map(lt, map(_FIRST, sents), repeat(n))):  # the usual case: all start in the text
            sents = [(s, e) for s, e in sents if s < n]
        sents = list(sents) or _fallback_sentences(text)
        self.sents = sents
        self.toks: list[Tok] = []
        self.sent_tok: list[tuple[int, int]] = []  # token range per sentence
        toks = self.toks
        gen = _WORDS_GEN[0]
        starts, ends, sent_of = self._tokenize(text, sents)
        #: the word table's generation the tokens come from (the word-set scans hold for it
        #: only); -1 when the table was emptied while they were made (sentence by sentence)
        self._words_gen = gen if _WORDS_GEN[0] == gen else -1
        self._starts, self._ends, self._sent = starts, ends, sent_of
        self.quotes = _quote_regions(text)
        self._paren = "(" in text  # without one, no cue is in parentheses
        self._quote_starts = [qs for qs, _ in self.quotes]
        # quotation marks: look the few quotation edges up by offset, not every token
        marks: set[int] = set()  # the tokens given a quotation role (only these have one)
        for qs, qe in self.quotes:
            k = bisect.bisect_left(starts, qs)
            if k < len(toks) and starts[k] == qs:
                toks[k] = _mark_tok(toks[k].text, "o")
                marks.add(k)
            if qe - qs > 1 and text[qe - 1] in "\u201d\u00bb\u201c\"'":
                for k in (bisect.bisect_left(starts, qe - 1), bisect.bisect_left(starts, qe - 2)):
                    if k < len(toks):
                        t = toks[k]
                        if ends[k] == qe and not t.q and t.text in ("\u201d", "\u00bb", "\u201c", '"', "''"):
                            toks[k] = _mark_tok(t.text, "c")
                            marks.add(k)
        self._marks = sorted(marks)
        # the first quotation-mark token at or after each token (C-level list fills, one per mark)
        nxt_mark: list[int] = []
        self._next_mark = nxt_mark
        prev = 0
        for m in self._marks:
            nxt_mark += [m] * (m + 1 - prev)
            prev = m + 1
        nxt_mark += [_NO_MARK] * (len(toks) + 1 - prev)
        self.qmask = bytearray(len(text))
        for qs, qe in self.quotes:
            # the marks themselves are not "inside"
            if qe - qs > 2:
                self.qmask[qs + 1 : qe - 1] = b"\x01" * (qe - qs - 2)
        self.index = _index(doc.lexicons)
        self._title_cache: list[bool | None] = [None] * len(self.sent_tok)
        self.collect: list[Cand] | None = None
        #: per sentence start token: whether a quotation opens the sentence (asked per cue pair)
        self._quote_opens: dict[int, bool] = {}
        #: :meth:`_clip_stops` and the set of fired cues it was made for
        self._stops: list[int] = []
        self._stops_fired: set[int] | None = None
        #: the clause-stop words' token indices, found by :meth:`lexicon_hits`'s scan (None: not yet)
        self._stop_words: list[int] | None = None
        #: :meth:`mark_before`: per sentence start token, its first comma or closing quote
        self._first_mark: dict[int, int] = {}
        #: :meth:`words_at_most`: running count of the words (None: not made yet)
        self._word_acc: list[int] | None = None
        #: set by :meth:`candidates`, :meth:`run` and :meth:`unnest`
        self.strong_cues: dict[int, int] = {}
        self.fired: set[int] = set()
        self.built: list[Attr] = []
        self.absorbed: list[tuple[Cand, Cand]] = []

    def _tokenize(self, text: str, sents: list[tuple[int, int]]) -> tuple[list[int], list[int], list[int]]:
        """Fill ``toks`` and ``sent_tok`` (tokens are found within each sentence); return the
        start, end and sentence of every token.

        The text is tokenised once as a whole; that is the same as sentence by sentence when
        the sentences are in order and no token straddles a sentence edge, which is checked
        (otherwise each sentence is tokenised on its own).
        """
        n = len(text)
        ws, starts, ends = _token_table(text, 0, n)
        # the checks run over all sentences at once (map/all: no Python loop per sentence)
        ss = list(map(_FIRST, sents))
        es = list(map(_SECOND, sents))
        if es and max(es) > n:
            es = [min(e, n) for e in es]
        firsts = list(map(bisect.bisect_left, repeat(starts, len(ss)), ss))  # first token
        # one past the last token, taken to be the next sentence's first: the token before that
        # then ends by the sentence end (checked below), so none starts between the two sentences
        # and this is the bisection of the sentence end too
        stops = [*firsts[1:], bisect.bisect_left(starts, es[-1])] if ss else []
        end_before = [0, *ends]  # end of the token before token k (0 before the first)
        if (
            ss
            and all(map(le, chain((0,), es), ss))  # in order, none overlapping the one before
            and all(map(le, ss, es))
            and all(map(le, map(end_before.__getitem__, firsts), ss))  # no token straddles an edge
            and all(map(le, map(end_before.__getitem__, stops), es))
        ):
            a0, b1 = firsts[0], stops[-1]
            self.toks[:] = _words(ws[a0:b1])
            self.sent_tok[:] = zip([a - a0 for a in firsts], [b - a0 for b in stops], strict=True)
            sent_of: list[int] = []
            for si in range(len(ss)):
                sent_of += [si] * (stops[si] - firsts[si])
            if a0 == 0 and b1 == len(starts):
                return starts, ends, sent_of
            return starts[a0:b1], ends[a0:b1], sent_of
        toks, all_starts, all_ends, sent_of = self.toks, [], [], []
        toks.clear()
        self.sent_tok.clear()
        for si, (s, e) in enumerate(sents):
            first = len(toks)
            ws, st, en = _token_table(text, s, min(e, n))
            toks += _words(ws)
            all_starts += st
            all_ends += en
            sent_of += [si] * len(ws)
            self.sent_tok.append((first, len(toks)))
        return all_starts, all_ends, sent_of

    # -- helpers --
    def in_quote(self, pos: int) -> bool:
        return 0 <= pos < len(self.qmask) and bool(self.qmask[pos])

    def quote_at(self, pos: int) -> tuple[int, int] | None:
        """The quotation holding offset ``pos`` (they are sorted and disjoint: binary search)."""
        k = bisect.bisect_right(self._quote_starts, pos) - 1
        if k >= 0:
            qs, qe = self.quotes[k]
            if pos < qe:
                return qs, qe
        return None

    def sent_range(self, ti: int) -> tuple[int, int]:
        return self.sent_tok[self._sent[ti]]

    # -- step 1: candidates --
    def frame_candidates(self) -> list[Cand]:
        """``Name: what they said`` at a paragraph start (headline style)."""
        toks, text = self.toks, self.text
        out: list[Cand] = []
        if ":" not in text:
            return out  # no colon, no frame
        last_char: dict[int, str] = {}  # line end -> its last non-space character
        for a, b in self.sent_tok:
            if b - a < 3:
                continue
            st = self._starts[a]
            if st and text[st - 1] != "\n":
                continue  # only a sentence that opens a line can be a headline frame
            if text.find(":", st, self._ends[min(a + 6, b - 1) - 1]) < 0:
                continue  # no colon among the first words (a colon is always a token of its own)
            if st == 0 or text[st - 1] == "\n":
                # a transcript quoted paragraph by paragraph: '"WALLACE: Let's start ...'
                quoted = toks[a].q == "o"
                h0 = a + 1 if quoted else a
                for k in range(h0 + 1, min(h0 + 6, b - 1)):
                    t = toks[k]
                    if t.text == ":":
                        # whether the line is a headline, asked only when a colon is found
                        line_end = text.find("\n", st)
                        end = len(text) if line_end < 0 else line_end
                        # no copy of the rest of the line: linear in texts without line breaks
                        if end not in last_char:  # text[st] is a token, so the line is not blank
                            m = _LAST_NONSPACE.search(text, st, end)
                            last_char[end] = m.group(1) if m else ""
                        last = last_char[end]
                        head = toks[h0:k]
                        if quoted:  # only an upper-case speaker label, never a headline
                            headline = False
                            if not all(h.text.isupper() for h in head):
                                break
                        else:
                            headline = st == 0 or self.title_case(self._sent[a]) or (
                                sum(1 for _ in islice(_NONSPACE.finditer(text, st, end), 17)) <= 16
                                and last not in (".", "?", "!")
                            )
                        if not headline and not _speaker_label(head):
                            break
                        kicker = _NOT_SPEAKERS if st else _NOT_TITLE_SOURCES  # "Poll: ..." as a title
                        if any(h.low in kicker for h in head) or toks[k + 1].text[0].isdigit():
                            break  # a kicker ("Breaking: ...", "The Latest: ...") or a tally
                        names = all((h.is_word and (h.is_cap or h.low in ("camp", "of", "the")))
                                    or h.text == "." for h in head)
                        cue_word = any(h.low in self.index.by_first for h in head) and not (
                            st == 0 and len(head) == 1 and head[0].low == "report")  # "Report: ..." title
                        nx = toks[k + 1]
                        # what they said: a word, a quotation, or a single-quoted headline quote
                        said = nx.is_word or nx.q == "o" or (
                            nx.text in ("\u2018", "'") and k + 2 < b and toks[k + 2].is_word)
                        if names and not cue_word and said:
                            out.append(Cand(k, k + 1, _COLON_ENTRY, ":", 2.0, "X_colon"))
                        break
                    if not t.is_word and not (t.text == "." and toks[k - 1].is_cap and len(toks[k - 1].text) <= 3):
                        break  # only words and a title's full stop ("Dr. Ben Carson:") before the colon
        return out

    def title_quote(self) -> Cand | None:
        """``Trump Addresses Munich Attack: ‘This Cannot Continue.’``: the title line's colon
        before a quotation, whatever the words before it (PolNeAR train: 19 of 21 such colons
        are cues; the words before are the speaker, often with what they did)."""
        toks, text = self.toks, self.text
        line_end = text.find("\n")
        if not self.sent_tok or text.find(":", 0, len(text) if line_end < 0 else line_end) < 0:
            return None  # no colon on the title line
        a, b = self.sent_tok[0]
        for k in range(a + 1, min(a + 16, b - 2)):
            t = toks[k]
            if t.text == ":":
                nx = toks[k + 1]
                quote = nx.q == "o" or (nx.text in ("\u2018", "'") and toks[k + 2].is_word)
                head = toks[a:k]
                if quote and not any(h.low in _NOT_TITLE_SOURCES for h in head):
                    return Cand(k, k + 1, _COLON_ENTRY, ":", 2.0, "X_colon")
                return None
            if not (t.is_word or t.text in (".", "-", "'s", "\u2019s", "&")):
                return None
        return None

    def poll_candidates(self) -> list[Cand]:
        """``In a <...> poll/survey <...>, <finding>`` opening a sentence (the poll is the source)."""
        toks = self.toks
        out: list[Cand] = []
        if "In" not in self.text:
            return out  # no sentence opens with "In"
        odds = _odds(_POLL_ENTRY.prior)
        for a, b in self.sent_tok:
            if b - a < 5 or toks[a].text != "In" or self.qmask[self._starts[a]]:
                continue
            poll = False
            for k in range(a + 1, min(a + 14, b - 2)):
                t = toks[k]
                if t.low in _POLL_WORDS and (t.low != "polling" or toks[k + 1].text == ","):
                    poll = True  # "In recent polling," but not "In his speech on polling day,"
                elif t.text == ",":
                    if poll and toks[k + 1].is_word:
                        out.append(Cand(a, a + 1, _POLL_ENTRY, "in", odds, "in_poll"))
                    break
                elif not t.is_word and t.text not in ".-/&'’":
                    break
        return out

    def dash_candidates(self) -> list[Cand]:
        """``“...” ― Name``: a dash and a name right after a quotation."""
        toks, starts, ends = self.toks, self._starts, self._ends
        out: list[Cand] = []
        for m in _SIGNED.finditer(self.text):  # a closing mark, then a dash: rare, found in C
            a = bisect.bisect_left(starts, m.end() - len(m.group(1)))
            if not 0 < a < len(toks) or toks[a].text not in _DASHES or toks[a - 1].text not in _CLOSE_MARKS:
                continue
            if starts[a] - ends[a - 1] > 4 or self.signed_quote(a - 1) is None:
                continue  # the dash signs the quotation just before it
            if self.signature(a + 1, self.sent_range(a)[1]) is not None:
                out.append(Cand(a, a + 1, _DASH_ENTRY, toks[a].text, _odds(_DASH_ENTRY.prior), "quote_dash"))
        return out

    def signed_quote(self, k: int) -> tuple[int, int] | None:
        """Token range of the quotation that closes at token ``k``: the quotation found by
        the quote regions, or else the line that opens with a quotation mark (a stray
        closing mark opening it, as in ``”Mr. Trump ...”``, upsets the regions)."""
        got = self.quote_at(self._starts[k])
        if got is not None:
            return self.char_to_tok(got[0], got[1])
        text = self.text
        ls = text.rfind("\n", 0, self._starts[k]) + 1
        while ls < len(text) and text[ls] in " \t\u00a0":
            ls += 1
        if text[ls] in _OPEN_OR_CLOSE_MARKS:
            return self.char_to_tok(ls, self._ends[k])
        return None

    def signature(self, k: int, s1: int) -> tuple[int, int] | None:
        """The name opening tokens ``k..s1`` of a dash signature (``Sonya Herridge``,
        ``President Obama, tweeting ...``), up to a comma, full stop or bracket."""
        toks = self.toks
        j = k
        while j < s1 and toks[j].is_word and (toks[j].is_cap or toks[j].low in _NAME_TITLES):
            j += 1
            if (j + 1 < s1 and toks[j].text == "." and toks[j + 1].is_cap
                    and (len(toks[j - 1].text) == 1 or toks[j - 1].low in _NAME_TITLES)):
                j += 1  # an initial or a title's full stop: "Edwin G. Monroy", "Sen. Ted Cruz"
        if j == k or j - k > 6 or toks[k].low in _DET or toks[k].low in _PRONOUNS:
            return None
        if j < s1 and toks[j].text not in (",", ".", "("):
            return None
        return (k, j)

    def lexicon_hits(self) -> list[int]:
        """Indices of the tokens outside quotation marks that start a lexicon form.

        The shared word Toks that start a form are kept in a set on the index (classed once
        per word), so the scan asks the set by object identity (no attribute read per token);
        the set asked holds the clause stops too, which are kept for :meth:`_clip_stops`."""
        idx, qmask, starts = self.index.by_first, self.qmask, self._starts
        if self._words_gen != _WORDS_GEN[0]:  # the table was emptied since (another text): ask each token
            words = compress(range(len(self.toks)), map(idx.__contains__, map(_LOW_OF, self.toks)))
            return [k for k in words if not qmask[starts[k]]]
        state = self.index.word_hits  # [generation, words classed, Toks that start a form, + stops]
        if state[0] != _WORDS_GEN[0]:  # the word table was emptied: class its words anew
            state[:] = [_WORDS_GEN[0], 0, set(), set()]
        if state[1] < len(_WORD_LIST):
            new = _WORD_LIST[state[1]:]
            state[2].update(t for t in new if t.low in idx)
            state[3].update(t for t in new if t.clip_stop or t.low in idx)
            state[1] = len(_WORD_LIST)
        toks = self.toks
        starters: set[Tok] = state[2]
        either: set[Tok] = state[3]
        found = [k for k in range(len(toks)) if toks[k] in either]
        self._stop_words = [k for k in found if toks[k].clip_stop]
        return [k for k in found if toks[k] in starters and not qmask[starts[k]]]

    def count_strong(self, hits: list[int]) -> dict[int, int]:
        """Per sentence, how many words are forms with a prior of at least 0.8 (said, told, ...)."""
        strong = self.index.strong_first
        toks, sent_of = self.toks, self._sent
        counts: dict[int, int] = {}
        for k in hits:
            low = toks[k].low
            flag = strong.get(low)
            if flag is None:  # a word not classed before
                words, entry, form = self.index.by_first[low][-1]
                flag = strong[low] = len(words) == 1 and entry.prior_of(form) >= 0.8
            if flag:
                si = sent_of[k]
                counts[si] = counts.get(si, 0) + 1
        return counts

    def candidates(self) -> list[Cand]:
        hits = self.lexicon_hits()
        self.strong_cues = self.count_strong(hits)
        toks, idx, first_forms = self.toks, self.index.by_first, self.index.first_forms
        out: list[Cand] = self.frame_candidates() + self.poll_candidates() + self.dash_candidates()
        title = self.title_quote()
        if title is not None and all(c.i != title.i for c in out):
            out.append(title)
        taken = {c.i for c in out}
        n = len(toks)
        nxt_free = 0  # tokens before this are inside a fired cue
        for i in hits:
            if i < nxt_free or i in taken:
                continue
            t = toks[i]
            options = first_forms.get(t.low)
            if options is None:  # the forms starting with this word, as records (made once)
                options = first_forms[t.low] = [_form_rec(self.index, w, e, f) for w, e, f in idx[t.low]]
            hit = None
            if len(options) == 1:  # the usual case: one form starts with this word
                rec = options[0]
                words = rec.words
                j = i + len(words)
                if j <= n and (len(words) == 1 or all(toks[i + k].low == w for k, w in enumerate(words))):
                    hit = Cand(i, j, rec.entry, rec.form, 0.0, "", rec)
            else:
                prev_low = toks[i - 1].low if i > 0 else ""
                nounish = prev_low in _DET or prev_low.endswith("'s")
                hit_pos = ""
                for rec in options:
                    words = rec.words
                    j = i + len(words)
                    if j <= n and (len(words) == 1 or all(toks[i + k].low == w for k, w in enumerate(words))):
                        if hit is None:
                            hit = Cand(i, j, rec.entry, rec.form, 0.0, "", rec)
                            hit_pos = rec.pos
                        elif j == hit.j and nounish and rec.pos == "noun" and hit_pos != "noun":
                            hit = Cand(i, j, rec.entry, rec.form, 0.0, "", rec)
                            hit_pos = rec.pos
                        elif j < hit.j:
                            break
            if hit is None:
                continue
            hit.odds = self.score(hit)
            if self.collect is not None:
                self.collect.append(hit)
            if hit.odds >= THRESHOLD:
                out.append(hit)
                nxt_free = hit.j
        return out

    def score(self, c: Cand) -> float:
        toks = self.toks
        t = toks[c.i]
        si = self._sent[c.i]
        s0, s1 = self.sent_tok[si]
        e = c.entry
        prev = toks[c.i - 1] if c.i > s0 else None
        nxt = toks[c.j] if c.j < s1 else None
        rec = c.rec
        if rec is None or rec.entry is not e:
            rec = _form_rec(self.index, tuple(c.form.split(" ")), e, c.form)
        pos = rec.pos
        # vetoes first (hand rules that the fitted weights may not override): a vetoed
        # candidate needs no features
        # a capitalised cue word that is a name ("a man named Said", "Said Ahmed said")
        title = self._title_cache[si]  # :meth:`title_case`'s memo (None: not asked yet)
        if t.is_cap and pos not in ("phrase", "punct") and not (
            title if title is not None else self.title_case(si)
        ) and not (prev is None and self.fronted_speaker(c.j, s1)):
            after_open = prev is not None and (bool(prev.q) or prev.text in ":(\u2018'\u2014")
            # the word after the capitalised one (within a form: "Asked about X, ...")
            second = toks[c.i + 1] if c.j - c.i > 1 else nxt
            if prev is not None and not after_open:
                return 0.0
            elif second is not None and second.is_cap and second.low not in ("i",) and second.is_word:
                return 0.0
            elif prev is None and pos == "verb" and not c.form.endswith("ing") and (
                second is None or second.low not in _AFTER_FRONTED
            ):
                return 0.0  # "Said was born in Cairo": a sentence-initial name, not a verb
        halve = False
        clause = None  # has_clause after the cue, when asked here (features needs it too)
        if rec.needs_clause and not (clause := self.has_clause(c.j, s1)) and not self.tail_position(c):
            evidence = c.i - 1 >= s0 and toks[self.skip_aux_left(c.i - 1, s0)].low in _EVIDENCE
            if not evidence:
                return 0.0  # "the fire claimed three lives", "the claimed attack"
            halve = True
        # an adjectival participle: "the reported attack", "an alleged plot", "the claimed strike"
        if (
            pos == "verb"
            and prev is not None
            and prev.low in _ADJ_PARTICIPLE_DET
            and (c.form.endswith("ed") or c.form in _IRREGULAR_PP)
            and nxt is not None
            and nxt.is_word
            and not nxt.is_cap
            and nxt.low not in _BOUNDARY
            and nxt.low not in _CLAUSE_START
        ):
            return 0.0
        if c.form == "said" and prev is not None and nxt is not None and (
            (prev.low == "having" and nxt.low in ("that", "this"))
            or (prev.low == "that" and c.i - 1 == s0 and nxt.text == ",")
        ):
            return 0.0  # "Having said that, ...", "That said, ...": a connective, not a report
        if (pos == "noun" and c.form in _MEDIUM_NOUNS and prev is not None and prev.low in _MEDIUM_DET
                and c.i - 2 >= s0 and toks[c.i - 2].low == "in"):
            return 0.0  # "said in a statement", "In a statement Friday, X said": the medium of a report
        if pos == "verb" and c.i - s0 >= 3 and toks[s0].low in _INTRO_PREPS and self.intro_participle(c, s0, s1):
            return 0.0  # "In a Facebook message posted Friday, Cruz said ...": the message, not a report
        odds = rec.odds
        if odds < 0.0:  # the first score of this form
            odds = rec.odds = _odds(e.prior_of(c.form))
            rec.form_feats = self.form_features(c)
        feats = self.features(c, prev, nxt, s0, s1, clause, rec.form_feats)
        got = rec.got  # :func:`_entry_weights`, kept on the record while the weights stay the same
        if got is None or got[0] is not CONTEXT_WEIGHTS or got[1] is not e.context:
            _entry_weights(self.index, e)
            got = rec.got = self.index.entry_weights[id(e)]
        memo = got[4]
        try:  # the usual case: every feature weighed before (the entry's own weight, else the global one)
            odds *= math.exp(sum([memo[f] for f in feats]))
        except KeyError:
            odds *= math.exp(_weigh(got, feats))
        if halve:
            odds *= 0.5
        if odds < THRESHOLD and pos == "verb" and nxt is not None and nxt.text in ".;" and self.named_tail(c.i, s0):
            odds = THRESHOLD  # "..., the Chicago Tribune reports.": a named source closing the sentence
        # naming, not reporting: "a man named Said", "a group called X"
        if c.form in _NAMING and prev is not None and prev.is_word and not prev.is_cap and (
            prev.low not in _PRONOUNS and prev.low not in _AUX
        ):
            odds *= 0.1
        return odds

    def form_features(self, c: Cand) -> tuple[list[str], bool]:
        """Features of the form alone (part of speech, inflection) and whether it is a strong
        cue (prior >= 0.8); cached per lexicon index."""
        key = (id(c.entry), c.form)
        got = self.index.form_cache.get(key)
        if got is None:
            e = c.entry
            f = [f"pos_{e.pos}"]
            last = c.form.split(" ")[-1] if e.pos != "verb" else c.form.split(" ")[0]
            if last.endswith("ing"):
                f.append("form_ing")
            elif last.endswith("ed") or last in _IRREGULAR_PP:
                f.append("form_ed")
            elif last.endswith("s"):
                f.append("form_s")
            got = self.index.form_cache[key] = (f, e.prior_of(c.form) >= 0.8)
        return got

    def features(self, c: Cand, prev: Tok | None, nxt: Tok | None, s0: int, s1: int,
                 clause: bool | None = None, form: tuple[list[str], bool] | None = None) -> list[str]:
        """Names of the context features of candidate ``c`` (weights in :data:`CONTEXT_WEIGHTS`);
        ``clause``: :meth:`has_clause` after the cue and ``form``: :meth:`form_features`, when
        already known. The cached form features, title-case test, subject test and
        quotation-mark table are read inline."""
        toks = self.toks
        ci, cj = c.i, c.j
        si = self._sent[ci]
        if form is None:
            form = self.index.form_cache.get((id(c.entry), c.form)) or self.form_features(c)
        base, strong_form = form
        f = list(base)
        if nxt is None:
            f.append("next_end")
        else:
            nf = nxt.next_feat
            if nf == ",":
                after = toks[cj + 1] if cj + 1 < s1 else None
                f.append("next_comma_quote" if after is not None and after.q == "o" else
                         "next_that" if after is not None and after.low in _COMMA_CLAUSE else "next_comma")
            elif nf:
                f.append(nf)
        if prev is None:
            f.append("sent_start")
        elif prev.prev_feat:
            f.append(prev.prev_feat)
        k = self.skip_aux_left(ci - 1, s0) if ci > s0 and not toks[ci - 1].aux_stop else ci - 1
        tk = toks[k]
        if k >= s0:  # :meth:`subject_like_at`
            kind = tk.subj_kind
            if kind == 1 or (kind == 2 and k != s0):
                f.append("subject_left")
            if tk.low in _EVIDENCE:  # k < ci here
                f.append("evidence_subject")
        elif ci - 1 >= s0 and tk.low in _EVIDENCE:
            f.append("evidence_subject")
        if clause is None:  # :meth:`has_clause`, its usual first-word answer read inline
            clause = (cj < s1 and (t := toks[cj]).clause_head and t.low not in _TIME_FIRST) or self.has_clause(cj, s1)
        if clause:
            f.append("clause_follows")
        title = self._title_cache[si]
        if title if title is not None else self.title_case(si):
            f.append("title")
        p2t = toks[ci - 2] if ci - 2 >= s0 else None
        p2 = p2t.low if p2t is not None else "<s>"
        if p2 in _RELATIVES:
            f.append("prev2_rel")
        if nxt is not None and nxt.low in _OBJECTS:
            f.append("next_object")
        marks = self._next_mark  # :meth:`has_mark` (both starts lie in the table)
        if marks[cj] < (s1 if s1 < cj + 12 else cj + 12):
            f.append("quote_after")
        if marks[s0 if s0 > ci - 4 else ci - 4] < ci:
            f.append("quote_before")
        if prev is not None and prev.plural:
            f.append("prev_plural")
        if ci - s0 > 25:
            f.append("deep_in_sentence")
        if k < s0:
            f.append("subj_none")
        else:
            sf = tk.subj_feat
            if sf:
                f.append(sf)
        if self.strong_cues.get(si, 0) - strong_form > 0:
            f.append("other_strong_cue")
        lo = s0 if s0 > ci - 6 else ci - 6
        if self._paren and lo < ci:
            # a "(" and no ")" among the six tokens before the cue; a parenthesis is always a
            # token of its own, so the text between their edges is searched (no token walk)
            text, a, b = self.text, self._starts[lo], self._ends[ci - 1]
            if text.find("(", a, b) >= 0 and text.find(")", a, b) < 0:
                f.append("in_parens")
        # the neighbouring words themselves (their weights are in CONTEXT_WEIGHTS too)
        f.append(prev.p1 if prev is not None else "p1=<s>")
        f.append(nxt.n1 if nxt is not None else "n1=</s>")
        f.append(p2t.p2 if p2t is not None else "p2=<s>")
        f.append(toks[cj + 1].n2 if cj + 1 < s1 else "n2=</s>")
        return f

    def has_mark(self, a: int, b: int) -> bool:
        """Whether a token of ``a:b`` opens or closes a quotation (a table lookup, no scan)."""
        nxt = self._next_mark
        return a < len(nxt) and nxt[a if a > 0 else 0] < b

    def title_case(self, si: int) -> bool:
        """Whether sentence ``si`` is a headline in title case (most words capitalised)."""
        got = self._title_cache[si]
        if got is None:
            a, b = self.sent_tok[si]
            # one sum: words in the low bits, capitalised ones in the high (islice would walk
            # from token 0 for every sentence)
            tally = 0
            for t in self.toks[a:b]:
                tally += t.title_tally
            n, caps = tally & _TALLY_LOW, tally >> _TALLY_SHIFT
            got = self._title_cache[si] = n >= 3 and caps >= 0.7 * n
        return got

    def subject_like(self, k: int, s0: int) -> bool:
        """Whether a pronoun, a name or an evidence noun (polls, records) ends right before ``k + 1``."""
        return self.subject_like_at(self.skip_aux_left(k, s0), s0)

    def subject_like_at(self, k: int, s0: int) -> bool:
        """:meth:`subject_like` with the auxiliaries already skipped (``k`` from ``skip_aux_left``)."""
        if k < s0:
            return False
        kind = self.toks[k].subj_kind  # 1: subject-like, 2: unless it opens the sentence
        return kind == 1 or (kind == 2 and k != s0)

    def skip_time(self, j: int, s1: int) -> int:
        """Skip a time adverbial after a cue ("claimed today that", "said on Monday that")."""
        toks = self.toks
        if j >= s1 or toks[j].low not in _TIME_FIRST:
            return j  # the usual case: no time word here
        for _ in range(3):
            if j < s1 and (toks[j].low in _TIME_WORDS or toks[j].low in _WEEKDAYS):
                j += 1
            elif j + 1 < s1 and toks[j].low in ("on", "last", "this", "earlier", "late") and (
                toks[j + 1].low in _WEEKDAYS or toks[j + 1].low in ("week", "month", "year", "night")
            ):
                j += 2
            elif j < s1 and toks[j].low in ("morning", "afternoon", "evening", "night") and j > 0 and (
                toks[j - 1].low in _WEEKDAYS or toks[j - 1].low in ("this", "last", "yesterday")
            ):
                j += 1
            else:
                break
        return j

    def has_clause(self, j: int, s1: int) -> bool:
        """Whether a complement clause (that, quote, colon, subject + verb, to + verb) starts at ``j``."""
        toks = self.toks
        if j >= s1:
            return False
        t = toks[j]
        if t.low in _TIME_FIRST:
            j = self.skip_time(j, s1)
            if j >= s1:
                return False
            t = toks[j]
        if t.clause_head:  # that, a pronoun, a colon, an opening quote, ...
            return True
        if t.text == "," and j + 1 < s1 and toks[j + 1].low in _COMMA_CLAUSE:
            return True  # Russian: "утверждает, что ..."
        if t.low == "to" and j + 1 < s1 and toks[j + 1].is_word:
            return True
        # a short noun phrase followed by a finite verb ("the attack was ...", "Russia will ...")
        for k in range(j, min(j + 6, s1)):
            w = toks[k]
            if not w.is_word:
                return False
            if w.finite or (k > j and w.ends_ed and toks[k - 1].is_cap):
                return k > j
        return False

    def tail_position(self, c: Cand) -> bool:
        """``"...," X said.`` / ``..., said X.``: the cue closes its sentence or clause."""
        s0, s1 = self.sent_range(c.i)
        j = self.skip_tail_ext(c.j, s1)
        if not self.mark_before(s0, s1, c.i):
            return False
        # "..., he claimed." or a parenthetical "This, CNN claimed, violates ..."
        return self.words_at_most(j, s1, 4) or (j < s1 and self.toks[j].text == ",")

    def skip_tail_ext(self, j: int, s1: int) -> int:
        toks = self.toks
        if j >= s1:
            return j
        first = toks[j].low
        if first not in _TAIL_FIRST:
            return j + 1 if first in _WEEKDAYS else j
        for ext in _TAIL_EXT:
            k = j + len(ext)
            if k <= s1 and all(toks[j + m].low == w for m, w in enumerate(ext)):
                return k
        # "on Monday", "Monday"
        if j < s1 and toks[j].low in _WEEKDAYS:
            return j + 1
        if j + 1 < s1 and toks[j].low == "on" and toks[j + 1].low in _WEEKDAYS:
            return j + 2
        return j

    # -- step 3: sources --
    def np_left(self, k: int, s0: int) -> tuple[int, int] | None:
        """Noun phrase ending at token ``k`` (inclusive), as a token range."""
        toks = self.toks
        if k >= s0 and toks[k].text == ")":
            m = k - 1
            while m > s0 and toks[m].text != "(" and k - m < 12:
                m -= 1
            if toks[m].text == "(" and m - 1 >= s0:
                inner = self.np_left(m - 1, s0)
                return (inner[0], k + 1) if inner else None
            return None
        if k < s0 or not toks[k].is_word:
            return None
        if toks[k].low in _PRONOUNS:
            return (k, k + 1)
        start = k
        m = k - 1
        count = 1
        while m >= s0 and count < 10:
            t = toks[m]
            if t.is_word:
                if t.low in _DET:
                    if t.low != "that":  # "claims that Kestrian drones": a complementiser
                        start = m
                    break
                if t.low in _BOUNDARY:  # it ends the phrase unless it joins a name or a place
                    joins = t.low in _NP_INNER and m - 1 >= s0 and toks[m - 1].is_cap and toks[m + 1].is_cap
                    # "Officials in Velmora", "residents of Vyrda": a place after a plural head
                    located = (
                        t.low in ("in", "of", "from")
                        and toks[m + 1].is_cap
                        and m - 1 >= s0
                        and toks[m - 1].is_word
                        and toks[m - 1].low.endswith("s")
                        and toks[m - 1].low not in _BOUNDARY
                        and toks[m - 1].low not in _AUX
                    )
                    if not (joins or located):
                        break
                if t.low in _PRONOUNS or t.low in _AUX:
                    break
                start = m
            elif t.text == "." and m - 1 >= s0 and toks[m - 1].is_cap and len(toks[m - 1].text) <= 4:
                start = m  # "Sen." "Gov."
            elif t.text in "-&" and m - 1 >= s0 and toks[m - 1].is_word:
                start = m
            else:
                break
            m -= 1
            count += 1
        return (start, k + 1)

    def np_right(self, j: int, s1: int, limit: int = 12) -> tuple[int, int] | None:
        toks = self.toks
        if j >= s1 or not toks[j].is_word:
            return None
        if toks[j].low in _PRONOUNS:
            return (j, j + 1)
        k = j
        while k < s1 and k - j < limit:
            t = toks[k]
            if t.is_word:
                if k > j and t.low in _BOUNDARY and not (t.low in _NP_INNER and t.low != "for"):
                    break
                if k > j and (t.low in ("that", "who", "which") or t.low in _SUBJ_PRONOUNS):
                    break  # a relative clause, also without "that" ("experts I spoke to")
            elif t.text == "." and toks[k - 1].is_cap and len(toks[k - 1].text) <= 4 and k + 1 < s1 and toks[k + 1].is_cap:
                pass
            elif t.text in "-&'\u2019":
                pass
            else:
                break
            k += 1
        return (j, k) if k > j else None

    def skip_aux_left(self, k: int, s0: int) -> int:
        toks = self.toks
        if k < s0 or toks[k].aux_stop:
            return k  # the usual case: nothing to skip
        while k >= s0:
            t = toks[k]
            if t.skippable:
                k -= 1
            elif t.low in _WEEKDAYS and k - 1 >= s0 and toks[k - 1].low == "on":
                k -= 2
            elif t.low in _WEEKDAYS:
                k -= 1
            else:
                break
        return k

    def leading_name(self, s0: int, limit: int) -> tuple[int, int] | None:
        """A capitalised name opening the sentence and closed by a comma ("Jeffrey Salkin, a ...")."""
        toks = self.toks
        k = s0
        while k < limit and k - s0 < 6 and (toks[k].is_cap or toks[k].text == "."):
            k += 1
        if k > s0 and k < limit and toks[k].text == "," and toks[s0].is_word and toks[s0].low not in _CLAUSE_START:
            return (s0, k)
        return None

    def subject_of_sentence(self, s0: int, limit: int) -> tuple[int, int] | None:
        toks = self.toks
        k = s0
        # skip an opening adverbial up to the first comma ("On Monday, ...")
        for m in range(s0, min(limit, s0 + 12)):
            if toks[m].text == ",":
                if m + 1 < limit and toks[m + 1].is_word:
                    k = m + 1
                break
        return self.subject_at(k, limit)

    def subject_at(self, k: int, limit: int) -> tuple[int, int] | None:
        """The subject noun phrase starting at token ``k`` (a pronoun, or words up to the verb)."""
        toks = self.toks
        if k >= limit or not toks[k].is_word:
            return None
        if toks[k].low in _PRONOUNS:
            return (k, k + 1)
        m = k
        while m < limit and (toks[m].is_word or toks[m].text in ".-'") and m - k < 8:
            if m > k and (toks[m].low in _BOUNDARY or toks[m].low in _AUX):
                break
            if m > k and not toks[m].is_cap and toks[m].low not in _NP_INNER and toks[m - 1].low not in _DET:
                # lower-case word after a capitalised run ends the subject (a verb)
                if toks[m - 1].is_cap:
                    break
                # so does a verb-looking word after a noun ("The furious minister branded ...")
                if toks[m].low.endswith("ed") or toks[m].low in self.index.by_first:
                    break
            m += 1
        return (k, m) if m > k else None

    def source_left(self, c: Cand, s0: int) -> tuple[tuple[int, int] | None, str]:
        """(source token range, pattern) for a cue whose subject precedes it."""
        toks = self.toks
        k = self.skip_aux_left(c.i - 1, s0)
        if k < s0:
            return None, "said_X"
        t = toks[k]
        if t.text == ")":
            m = k - 1
            while m >= s0 and toks[m].text != "(":
                m -= 1
            if m > s0:
                np_ = self.np_left(m - 1, s0)
                if np_:
                    return (np_[0], k + 1), "X_said"
            return None, "X_said"
        if t.text == ",":
            seg_end = k
            m = k - 1
            while m >= s0 and toks[m].text != "," and k - m < 30:
                m -= 1
            if m <= s0 or toks[m].text != ",":
                return None, "said_X"
            seg = toks[m + 1 : seg_end]
            if not seg:
                return None, "said_X"
            if seg[0].low in ("who", "which", "whose"):
                np_ = self.np_left(m - 1, s0)
                return np_, "X_who_said"
            if seg[0].q or toks[m - 1].q == "c":
                return None, "said_X"
            if seg[0].low in _DET or seg[0].low.endswith("ing") or seg[0].is_cap or len(seg) <= 8:
                np_ = self.np_left(m - 1, s0)
                if np_ is not None and (toks[np_[0]].is_cap or toks[np_[0]].low in _PRONOUNS | _DET):
                    return (np_[0], seg_end), "X_who_said"
            first = self.leading_name(s0, c.i)
            if first is not None:
                return (first[0], seg_end), "X_who_said"
            return None, "said_X"
        if not t.is_word:
            return None, "said_X"
        if t.low in ("that", "and", "but", "as", "because", "to", "for", "of", "in", "on", "with", "from"):
            return None, "X_said"
        return self.np_left(k, s0), "X_said"

    # -- step 2+3+4: build --
    def build(self, c: Cand, kind: tuple[bool, bool] | None = None) -> Attr | None:
        """The attribution of cue ``c``; ``kind`` is ``self._kind(c)`` when already known."""
        toks = self.toks
        s0, s1 = self.sent_tok[self._sent[c.i]]
        e = c.entry
        cue_i, cue_j = c.i, c.j
        after = self.skip_tail_ext(cue_j, s1) if cue_j < s1 and toks[cue_j].low in _TAIL_OR_DAY else cue_j
        if after > cue_j and e.pos == "verb" and toks[cue_j].low == "in":
            cue_j = after  # "said in a statement" is one cue
        source: tuple[int, int] | None = None
        content: list[tuple[int, int]] = []
        pattern = "X_said"
        prev = toks[c.i - 1] if c.i > s0 else None

        if c.pattern == "in_poll":  # In a CNN poll released Monday, <finding>
            pattern = "in_poll"
            k = c.j
            while k < s1 and toks[k].text != ",":
                k += 1
            source = (c.j, k)
            content.append((k + 1, self.clip_end(k + 1, s1)))
        elif c.pattern == "quote_dash":  # “What they said.” ― Name
            pattern = "quote_dash"
            source = self.signature(c.j, s1)
            got = self.signed_quote(c.i - 1)
            content += [got] if got else []
        elif e.pos == "punct":  # Name: what they said
            pattern = "X_colon"
            source = (s0 + 1 if toks[s0].q == "o" else s0, c.i)  # not the opening mark of '"PENCE:
            content += [(c.j, self.clip_end(c.j, s1))] if toks[c.j].q != "o" else self.quote_from(c.j)
        elif (fronted := self.fronted_participle(c, s0, s1)) is not None:
            # "Citing an unfounded theory, Trump accused ...": the subject after the comma
            pattern = "participle"
            comma, source = fronted
            content.append((c.j, comma))
        elif e.pos == "phrase":  # according to X
            pattern = "according_to_X"
            source = self.np_right(cue_j, s1)
            end_src = source[1] if source else cue_j
            if end_src < s1 and toks[end_src].text == ",":
                tail = self.clip_end(end_src + 1, s1)
                if tail > end_src + 1 and c.i == self.clause_start(c.i, s0):
                    content.append((end_src + 1, tail))
            if not content:
                content += self.before_part(c.i, s0)
            if not content and end_src < s1:
                content.append((end_src, self.clip_end(end_src, s1)))
        elif e.pos == "adverb":  # reportedly
            pattern = "adverb"
            st = self.subject_of_sentence(s0, c.i)
            if st:
                content.append((st[0], self.clip_end(st[0], s1)))
        elif e.pos == "noun":
            pattern = "noun_cue"
            if prev is not None and (prev.low.endswith("'s") or prev.low in ("his", "her", "their", "its", "our", "my")):
                if prev.low.endswith("'s"):
                    source = self.np_left(c.i - 1, s0)
                else:
                    source = (c.i - 1, c.i)
                pattern = "X_claim"
            k = cue_j
            if k + 1 < s1 and toks[k].low in ("by", "from") and toks[k + 1].is_word:
                src = self.np_right(k + 1, s1, limit=6)
                if src:
                    source = src
                    k = src[1]
                    pattern = "claim_by_X"
            if k < s1 and toks[k].low in ("that", "of", "about", "on", "against", ":"):
                content.append((k, self.clip_end(k, s1)))
            elif k < s1 and toks[k].q == "o":
                content += self.quote_from(k)
        else:
            pk = c.i - 1
            while pk >= s0 and (toks[pk].low in ("not", "also", "never", "widely", "often", "long", "n't")
                                or (toks[pk].low.endswith("ly") and len(toks[pk].low) > 4)):
                pk -= 1
            participle_form = c.form.partition(" ")[0]
            pp = participle_form.endswith("ed") or participle_form in _IRREGULAR_PP
            by_next = cue_j + 1 < s1 and toks[cue_j].low == "by" and c.i > s0 and toks[c.i - 1].low in ("as", ",")
            passive = pp and ((pk >= s0 and toks[pk].low in _PASSIVE_AUX) or by_next)
            passive = passive or participle_form in _RAISING
            participle, coordinated = kind if kind is not None else self._kind(c)
            if passive:
                pattern = "passive"
                subj = self.np_left(pk - 1, s0) if pk - 1 >= s0 and toks[pk].low in _PASSIVE_AUX else (
                    self.np_left(c.i - 1, s0) if participle_form in _RAISING and c.i - 1 >= s0 else None)
                k = cue_j
                if k + 1 < s1 and toks[k].low == "by":
                    source = self.np_right(k + 1, s1, limit=8)
                    k = source[1] if source else k
                if subj and toks[subj[0]].low != "it":
                    content.append(subj)
                if k < s1 and not (source and toks[k].low in _SUBJ_PRONOUNS):  # "by experts I spoke to"
                    content.append((k, self.clip_end(k, s1)))
            elif participle or coordinated:
                pattern = "participle" if participle else "X_and_said"
                source = self.earlier_source(c.i, s0) or self.subject_of_sentence(s0, c.i)
                content += self.after_part(cue_j, s1, c)
            else:
                source, pattern = self.source_left(c, s0)
                right = after if cue_j == c.j else self.skip_tail_ext(cue_j, s1)
                if source is None:
                    src_r = self.np_right(right, s1)
                    if src_r is not None and (
                        toks[src_r[0]].is_cap or toks[src_r[0]].low in _DET or toks[src_r[0]].low in _PRONOUNS
                        or self.dash_after_quote(c.i, s0)
                    ) and (src_r[1] >= s1 or toks[src_r[1]].text in ",.;:!?(" or toks[src_r[1]].q
                           or (prev is not None and (prev.q == "c" or prev.text == ","))):
                        source = src_r
                        pattern = "said_X"
                        right = self.skip_tail_ext(src_r[1], s1)
                if pattern == "said_X" or (pattern in ("X_said", "X_who_said") and source is not None and self.is_tail(right, s1)):
                    content += self.before_part(source[0] if (source and source[0] < c.i) else c.i, s0)
                    if (right < s1 and toks[right].text == "," and right + 1 < s1 and toks[right + 1].is_word
                            and toks[right + 1].low not in self.index.by_first
                            and not _SPEAKER_CLAUSE.match(toks[right + 1].low)):
                        content.append((right + 1, self.clip_end(right + 1, s1)))
                    elif right < s1 and (toks[right].text in ",:" and right + 1 < s1 and toks[right + 1].q == "o"):
                        content += self.quote_from(right + 1)
                    if not content:
                        content += self.after_part(right, s1, c)
                    pattern = "quote_X_said" if pattern != "said_X" and self.starts_with_quote(s0) else pattern
                else:
                    content += self.after_part(right, s1, c)
                    if not content:
                        content += self.before_part(source[0] if source else c.i, s0)
        # character spans
        starts, ends = self._starts, self._ends
        cue = (starts[cue_i], ends[cue_j - 1])
        src_span = (starts[source[0]], ends[source[1] - 1]) if source else None
        n = len(toks)
        chars = []
        for a, b in content:
            if isinstance(a, int) and isinstance(b, int) and b > a and 0 <= a < n and b <= n:
                chars.append((starts[a], ends[b - 1]))
        return Attr(c, cue, src_span, chars, pattern)

    def _kind(self, c: Cand) -> tuple[bool, bool]:
        """(participle, coordinated and not a participle) of cue ``c``: :meth:`is_participle`
        and :meth:`is_coordinated` in one go."""
        i = c.i
        s0 = self.sent_tok[self._sent[i]][0]
        if i > s0 and c.form.partition(" ")[0].endswith("ing"):
            prev = self.toks[i - 1]
            if prev.text in (",", "\u2014", "-", "\u2013") or prev.low in _PARTICIPLE_LEAD:
                return _PARTICIPLE
        if c.entry.pos != "verb":
            return _NOT_LATE
        k = self.skip_aux_left(i - 1, s0)
        return _COORDINATED if k > s0 and self.toks[k].low in ("and", "but") else _NOT_LATE

    def is_participle(self, c: Cand) -> bool:
        """``..., asserting that``, ``while denouncing``: a participle whose subject is the clause's."""
        s0, _ = self.sent_range(c.i)
        if not c.form.split(" ")[0].endswith("ing") or c.i <= s0:
            return False
        prev = self.toks[c.i - 1]
        return prev.text in (",", "\u2014", "-", "\u2013") or prev.low in _PARTICIPLE_LEAD

    def is_coordinated(self, c: Cand) -> bool:
        """``X rejected the idea and said that ...``: a second verb sharing the subject."""
        s0, _ = self.sent_range(c.i)
        k = self.skip_aux_left(c.i - 1, s0)
        return k > s0 and self.toks[k].low in ("and", "but") and c.entry.pos == "verb"

    def dash_after_quote(self, i: int, s0: int) -> bool:
        """``«...», — рассказала местная жительница``: a dash between a quotation (or its
        comma) and the cue, as Russian and Ukrainian copy signs a quote; the speaker after
        the cue may then be a lower-case noun phrase."""
        toks = self.toks
        return (i - 2 >= s0 and toks[i - 1].text in "\u2014\u2013-"
                and (toks[i - 2].q == "c" or toks[i - 2].text == ","))

    def is_tail(self, j: int, s1: int) -> bool:
        toks = self.toks
        n = min(s1, len(toks)) - j  # no slicing or counting to the end: linear in long sentences
        if n <= 0:
            return True
        first = toks[j]
        if first.text in ".!?;" or (first.q == "c" and n <= 2):
            return True
        if first.text in ",:" and n > 1 and toks[j + 1].q == "o":
            return True
        return first.text == "," and self.words_at_most(j, s1, 25) and self.comma_before_cue(j)

    def mark_before(self, s0: int, s1: int, i: int) -> bool:
        """Whether a comma or closing quote precedes token ``i`` in the sentence ``s0:s1``.

        The first such token of each sentence is found once, so asking for every cue of a
        100,000-word sentence stays linear.
        """
        cache = self._first_mark
        first = cache.get(s0)
        if first is None:
            toks = self.toks
            end = min(s1, len(toks))
            first = next((k for k in range(s0, end) if toks[k].text in ",\u201d\""), end)
            cache[s0] = first
        return first < i

    def words_at_most(self, j: int, s1: int, limit: int) -> bool:
        """Whether tokens ``j:s1`` hold at most ``limit`` words (a running count of the words,
        made once: constant time in long sentences)."""
        if s1 - j <= limit:
            return True  # no more tokens than the limit, so no more words
        acc = self._word_acc
        if acc is None:
            acc = [0]
            words = 0
            for t in self.toks:
                if t.is_word:
                    words += 1
                acc.append(words)
            self._word_acc = acc
        e = min(s1, len(self.toks))
        return j >= e or acc[e] - acc[j] <= limit

    def comma_before_cue(self, j: int) -> bool:
        """Whether the sentence has a comma or closing quote before the cue (``Y, X said, Z``)."""
        s0, s1 = self.sent_range(j - 1)
        return self.mark_before(s0, s1, j - 1)  # the same marks, found once per sentence

    def named_tail(self, i: int, s0: int) -> bool:
        """Whether the words before token ``i`` are a capitalised name (with "the") right
        after a comma: ``..., the Chicago Tribune reports.``"""
        toks = self.toks
        k = i - 1
        while k > s0 and i - k <= 5 and (toks[k].is_cap or toks[k].low == "the") and toks[k].is_word:
            k -= 1
        return s0 < k < i - 1 and toks[k].text == "," and any(t.is_cap and t.low != "the" for t in toks[k + 1 : i])

    def intro_participle(self, c: Cand, s0: int, s1: int) -> bool:
        """Whether cue ``c`` is a participle after a noun in the sentence's opening phrase,
        before its first comma (``In a video posted to her account, she ...``; PolNeAR
        train: 0 of 13 such participles are cues)."""
        toks = self.toks
        last = c.form.split(" ")[0]
        if not (last.endswith("ed") or last in _IRREGULAR_PP):
            return False
        prev = toks[c.i - 1]
        if not prev.is_word or prev.low in _AUX or prev.low in _PASSIVE_AUX or prev.low in _PRONOUNS:
            return False
        if any(not toks[k].is_word for k in range(s0 + 1, c.i)):
            return False  # a comma or a quotation before the cue: past the opening phrase
        k = c.j
        while k < s1 and k - c.j < 8 and toks[k].is_word:
            k += 1
        return k < s1 and toks[k].text == ","

    def fronted_participle(self, c: Cand, s0: int, s1: int) -> tuple[int, tuple[int, int] | None] | None:
        """``Lamenting their luck, Mexicans often say ...``: a verb cue in -ing opening the
        sentence, with a comma after it; gives the comma and the main clause's subject (the
        participle's source). ``Asked about the bomb, Clinton said ...``: the one asked is not
        the source, the asker is unsaid (None; PolNeAR gives such cues no source)."""
        toks = self.toks
        if c.i != s0 or c.entry.pos != "verb":
            return None
        first = c.form.partition(" ")[0]
        passive = first in _FRONTED_PASSIVE
        if not (passive or first.endswith("ing")):
            return None
        for k in range(c.j, min(s1 - 1, c.j + 15)):
            t = toks[k]
            if t.text == ",":
                src = self.subject_at(k + 1, s1)
                return None if src is None else (k, None) if passive else (k, src)
            if not t.is_word and t.text not in ("'s", "’s", "-", "."):
                return None
        return None

    def fronted_speaker(self, j: int, s1: int) -> bool:
        """Whether a sentence-initial ``Said`` is the inverted verb: a name from ``j``, then
        a comma or colon and a quotation (``Said Comey, "The thought ..."``, ``Said Ellis:
        “...”``); ``Said Ahmed, a shopkeeper, said ...`` is a name."""
        toks = self.toks
        if j >= s1 or not toks[j].is_cap:
            return False
        k = j
        while k < s1 and k - j < 4 and (toks[k].is_cap or toks[k].text == "."):
            k += 1
        return k > j and k + 1 < s1 and toks[k].text in ",:" and toks[k + 1].q == "o"

    def starts_with_quote(self, s0: int) -> bool:
        t = self.toks[s0] if s0 < len(self.toks) else None
        return t is not None and (t.q == "o" or self.in_quote(self._starts[s0]))

    def clause_start(self, i: int, s0: int) -> int:
        return s0

    def earlier_source(self, i: int, s0: int) -> tuple[int, int] | None:
        for a in reversed(self.built):
            if a.cand.i < i and a.cand.i >= s0 and a.source is not None:
                return self._tok_range(a.source)  # its source as tokens
        return None

    def clip_end(self, j: int, s1: int) -> int:
        """End (token index, exclusive) of a content clause starting at ``j``.

        Only a semicolon, a comma, a clause link (:data:`_CLAUSE_LINKS`) or a fired cue can end
        the clause, so just those tokens are visited (:meth:`_clip_stops`).
        """
        toks, fired = self.toks, self.fired
        stops = self._stops if self._stops_fired is fired else self._clip_stops()
        p = bisect.bisect_left(stops, j)
        n_stops = len(stops)
        k = j if j > s1 else s1  # where the walk ends when nothing stops it
        last_boundary = None
        while p < n_stops and stops[p] < s1:
            m = stops[p]
            t = toks[m]
            if t.text == ";":
                k = m
                break
            if m > j and t.text == "," or t.low in _CLAUSE_LINKS:
                last_boundary = m
            if m > j and m in fired and last_boundary is not None:
                k = last_boundary
                break
            if t.text == "," and m + 1 < s1:
                nx = toks[m + 1]
                nk = m + 1
                if nx.q == "c" and m + 2 < s1:
                    nx = toks[m + 2]
                    nk = m + 2
                if nx.low.endswith("ing") and nx.low in self.index.by_first and not self.in_quote(self._starts[nk]):
                    k = m
                    break
                if nx.low in ("according",):
                    k = m
                    break
            p += 1
        while k > j and toks[k - 1].text in ".,;:!?":
            k -= 1
        return k

    def _clip_stops(self) -> list[int]:
        """Sorted indices of the tokens that may end a content clause: semicolons, commas,
        clause links and fired cues (found once per set of fired cues)."""
        if self._stops_fired is not self.fired:
            # the quotation-mark Toks (not in _STOP_WORDS) are never clause stops; when the
            # word table was emptied since the tokens were made, each token is asked instead
            marks: Any = self._stop_words  # found with the lexicon words (the usual case)
            if marks is None:
                stop = (_STOP_WORDS.__contains__ if self._words_gen == _WORDS_GEN[0] else _CLIP_STOP_OF)
                marks = compress(range(len(self.toks)), map(stop, self.toks))
            self._stops = sorted(self.fired.union(marks))
            self._stops_fired = self.fired
        return self._stops

    def quote_from(self, k: int) -> list[tuple[int, int]]:
        """Token range of the quotation opening at token ``k`` (may run past the sentence)."""
        q = self.quote_at(self._starts[k])
        if q is None:
            return []
        return [self.char_to_tok(q[0], q[1])]

    def char_to_tok(self, a: int, b: int) -> tuple[int, int]:
        starts = self._starts
        i = bisect.bisect_left(starts, a)
        j = bisect.bisect_left(starts, b)
        return (i, max(j, i + 1))

    def after_part(self, j: int, s1: int, c: Cand) -> list[tuple[int, int]]:
        toks = self.toks
        if j < s1 and toks[j].low in _TIME_FIRST:
            j = self.skip_time(j, s1)
        if j >= s1:
            return []
        if c.form in _OBJ_VERBS:
            found = False
            for m in range(j, min(j + 7, s1)):
                if toks[m].low == "that" or toks[m].q == "o" or toks[m].text == ":":
                    j, found = m, True
                    break
                if not toks[m].is_word:
                    break
            if not found and j + 1 < s1 and toks[j].low in (
                "reporters", "him", "her", "them", "me", "us", "supporters", "journalists", "voters", "the"
            ):
                obj = self.np_right(j, s1, limit=4) if toks[j].low == "the" else (j, j + 1)
                if obj and obj[1] < s1 and obj[1] - j <= 3:
                    j = obj[1]
        if toks[j].text == ":" and j + 1 < s1:
            j += 1
        if toks[j].text == "," and j + 1 < s1 and (toks[j + 1].q == "o" or toks[j + 1].low in _COMMA_CLAUSE):
            j += 1
        if toks[j].q == "o":
            q = self.quote_from(j)
            if q:
                return q
        end = self.clip_end(j, s1)
        if end <= j or not any(map(_IS_WORD, toks[j:end])):
            return []
        # a quotation that starts inside and runs past the sentence is taken whole
        qr = self.quote_at(self._starts[end - 1])
        if qr is not None and qr[1] > self._ends[s1 - 1]:
            return [(j, self.char_to_tok(qr[0], qr[1])[1])]
        return [(j, end)]

    def before_part(self, k: int, s0: int) -> list[tuple[int, int]]:
        """Content before the speaker: sentence start (or the quotation's start) to the comma."""
        toks = self.toks
        end = k
        while end > s0 and (toks[end - 1].text in ",:\u2014-" or toks[end - 1].q == "c"):
            if toks[end - 1].q == "c":
                break
            end -= 1
        if end <= s0:
            return []
        start = s0
        q = self.quote_at(self._starts[end - 1])
        if q is not None and q[1] >= self._ends[end - 1]:
            qi, _ = self.char_to_tok(q[0], q[1])
            start = min(start, qi)
        # a clause before the content ("He paused, then ...") is not cut: the sentence start is kept
        if not any(map(_IS_WORD, toks[start:end])):
            return []
        return [(start, end)]

    # -- step 2a: nested cues --
    def nest_pairs(self, cands: list[Cand]) -> list[tuple[Cand, Cand]]:
        """``(inner, host)`` for every fired cue that shares its sentence with another: the
        host is the nearest fired cue before it, else the nearest after it."""
        out: list[tuple[Cand, Cand]] = []
        sent_of = self._sent
        cs = sorted(cands, key=_I_OF)
        last_sent = -1
        for k in range(1, len(cs)):
            c, p = cs[k], cs[k - 1]
            si = sent_of[c.i]
            if si != sent_of[p.i]:
                continue
            if si != last_sent:  # the sentence's first cue has its host after it
                out.append((p, c))
                last_sent = si
            out.append((c, p))
        return out

    # the features of each cue alone come in parts keyed by a few words, so that
    # :meth:`nest_score` sums each part's weights once per key (see :func:`_nest_lookup`)
    def _nf_entry(self, c: Cand, d: str) -> list[str]:
        ce = c.entry
        return ["il=" + ce.lemma, "is_" + ce.stance, "ip_" + ce.pos, d + "il=" + ce.lemma,
                *["i_" + x for x in self.form_features(c)[0][1:]]]

    @staticmethod
    def _nf_prev(prev: Tok | None, d: str) -> list[str]:
        if prev is None:
            return ["iprev_start", d + "ip1=<s>"]
        f = ["iprev_" + prev.prev_feat, d + "ip1=" + prev.low]
        if prev.low in ("which", "that", "who"):
            f.append(d + "rel_cue")
        return f

    @staticmethod
    def _nf_kind(kind: tuple[bool, bool]) -> list[str]:
        return ["i_participle"] if kind == _PARTICIPLE else ["i_coord"] if kind == _COORDINATED else []

    @staticmethod
    def _nf_next(nxt: Tok | None, prefix: str) -> list[str]:
        return [prefix + ((nxt.next_feat or "word") if nxt is not None else "end")]

    def _nf_host(self, h: Cand) -> list[str]:
        he = h.entry
        f = ["hl=" + he.lemma, "hs_" + he.stance, "hp_" + he.pos]
        if h.pattern:
            f.append("hpat_" + h.pattern)
        return f

    @staticmethod
    def _nf_hsubj(t: Tok | None) -> list[str]:
        if t is None:
            return []
        f = ["hsubj_" + (t.subj_feat or "other")]
        if t.low in _EVIDENCE:
            f.append("hsubj_evidence")
        return f

    def _inner_feats(self, c: Cand, d: str) -> list[str]:
        """Features of the inner cue alone (``d``: ``"hb_"`` host before it, ``"ha_"`` after)."""
        toks = self.toks
        s0, s1 = self.sent_range(c.i)
        f = (self._nf_entry(c, d) + self._nf_prev(toks[c.i - 1] if c.i > s0 else None, d)
             + self._nf_next(toks[c.j] if c.j < s1 else None, "inext_") + self._nf_kind(self._kind(c)))
        f.append(_odds_bucket(c.odds))
        return f

    def _host_subject(self, h: Cand, s0: int) -> Tok | None:
        hk = self.skip_aux_left(h.i - 1, s0) if h.i > s0 else h.i - 1
        return self.toks[hk] if hk >= s0 else None

    def _host_feats(self, h: Cand) -> list[str]:
        """Features of the host cue alone."""
        toks = self.toks
        s0, s1 = self.sent_range(h.i)
        f = self._nf_host(h)
        if self._kind(h) != _NOT_LATE:
            f.append("h_late")
        return (f + self._nf_next(toks[h.j] if h.j < s1 else None, "hnext_")
                + self._nf_hsubj(self._host_subject(h, s0)))

    def _pair_feats(self, c: Cand, h: Cand, d: str) -> list[str]:
        """Features of how inner cue ``c`` and host ``h`` relate (distance, words between,
        subjects)."""
        return self._pair_head(c, h, d) + self._pair_tail(c, h, d)

    @staticmethod
    def _pair_head(c: Cand, h: Cand, d: str) -> list[str]:
        """The pair's bias, direction and distance."""
        gap = c.i - h.j if d == "hb_" else h.i - c.j
        return ["bias", d, _NEST_NAMES[d][0 if gap <= 0 else 1 if gap <= 2 else 2 if gap <= 5
                                          else 3 if gap <= 10 else 4 if gap <= 20 else 5]]

    def _pair_tail(self, c: Cand, h: Cand, d: str) -> list[str]:
        """The inner cue's subject, a quotation opening, what lies between the two cues."""
        return self._pair_subj(c, h, d) + self._pair_btw(c, h, d)

    def _pair_btw(self, c: Cand, h: Cand, d: str) -> list[str]:
        """What lies between the two cues (commas, ``and``, ``that``, ``which``, ...)."""
        toks = self.toks
        a, b = (h.j, c.i) if d == "hb_" else (c.j, h.i)
        if b <= a:
            return []
        cats = set(map(_NEST_CAT_OF, toks[a:b]))
        cats.discard("")
        if not cats:
            return []
        if "comma" in cats and "and" in cats and any(
            toks[m].text == "," and toks[m + 1].low in ("and", "but") for m in range(a, b - 1)
        ):
            cats.add("comma_and")
        return list(map(_NEST_NAMES[d].__getitem__, sorted(cats)))

    def _pair_subj(self, c: Cand, h: Cand, d: str, s0: int = -1, hs: Tok | None | bool = False) -> list[str]:
        """The inner cue's subject (none before it, back to the host; a pronoun, a name, a
        number, after a relative pronoun, the host's too) and a quotation opening the sentence.
        ``s0``: the sentence's first token and ``hs``: :meth:`_host_subject`, when known."""
        toks = self.toks
        if s0 < 0:
            s0 = self.sent_tok[self._sent[c.i]][0]
        names = _NEST_NAMES[d]
        f: list[str] = []
        k = self.skip_aux_left(c.i - 1, s0) if c.i > s0 else c.i - 1
        if k >= (h.j if d == "hb_" else s0):
            st = toks[k]
            f.append(names[st.subj_feat or "other"])
            if st.low in ("percent", "%") or st.text[0].isdigit():
                f.append("isubj_number")
            if st.low in _EVIDENCE:
                f.append("isubj_evidence")
            if k - 1 >= s0 and toks[k - 1].low in ("which", "that", "who", "whom"):
                f.append(names["rel_subj"])
            # ``hs`` False: not known yet (a bool never stands for a subject)
            host = self._host_subject(h, s0) if isinstance(hs, bool) else hs
            if host is not None and host.low == st.low:
                f.append("same_subj")
        else:
            f.append(names["none"])
        sq = self._quote_opens
        got = sq.get(s0)
        if got is None:
            got = sq[s0] = self.starts_with_quote(s0)
        if got:
            f.append("sent_quote")
        return f

    def nest_features(self, c: Cand, h: Cand) -> list[str]:
        """Features of inner cue ``c`` and host cue ``h`` (same sentence) for the
        split-or-absorb decision (weights in :data:`NESTING_WEIGHTS`)."""
        d = "hb_" if h.i < c.i else "ha_"
        return self._pair_feats(c, h, d) + self._inner_feats(c, d) + self._host_feats(h)

    def nest_score(self, c: Cand, h: Cand, kinds: Mapping[int, tuple[bool, bool]] | None = None,
                   below: float | None = None, lookup: tuple[Any, dict[Any, float]] | None = None) -> float:
        """Log-odds that inner cue ``c`` is part of host ``h``'s content: the summed weights
        of :meth:`nest_features`; the features of each cue alone are looked up by the words
        they come from (``kinds``: :meth:`_kind` of the cues by first token, when known).
        With ``below``, a pair whose score cannot reach it gets an upper bound of its score,
        still under ``below``. ``lookup``: :func:`_nest_lookup` of the weights, when known."""
        get, memo = _nest_lookup(NESTING_WEIGHTS) if lookup is None else lookup
        toks = self.toks
        s0, s1 = self.sent_tok[self._sent[c.i]]
        d = "hb_" if h.i < c.i else "ha_"
        ce, he = c.entry, h.entry
        prev = toks[c.i - 1] if c.i > s0 else None
        nxt = toks[c.j] if c.j < s1 else None
        ck = kinds[c.i] if kinds is not None else self._kind(c)
        hk = kinds[h.i] if kinds is not None else self._kind(h)
        lo = _odds_bucket(c.odds)
        ikey = ("i", ce.lemma, ce.stance, ce.pos, c.form, d, lo, ck,
                prev.text if prev is not None else None, prev.q if prev is not None else None,
                nxt.text if nxt is not None else None, nxt.q if nxt is not None else None)
        inner = memo.get(ikey)
        if inner is None:
            if len(memo) > 20_000:
                _NEST_LOOKUP[0] = None  # made again, bounds and all, on the next call
            feats = (self._nf_entry(c, d) + self._nf_prev(prev, d) + self._nf_next(nxt, "inext_")
                     + self._nf_kind(ck) + [lo])
            inner = memo[ikey] = sum(map(get, feats, repeat(0.0)))
        hn = toks[h.j] if h.j < s1 else None
        hs = self._host_subject(h, s0)
        hkey = ("h", he.lemma, he.stance, he.pos, h.pattern, hk != _NOT_LATE,
                hn.text if hn is not None else None, hn.q if hn is not None else None,
                hs.text if hs is not None else None)
        host = memo.get(hkey)
        if host is None:
            feats = self._nf_host(h) + self._nf_next(hn, "hnext_") + self._nf_hsubj(hs)
            if hk != _NOT_LATE:
                feats.append("h_late")
            host = memo[hkey] = sum(map(get, feats, repeat(0.0)))
        z = inner + host
        if below is not None:
            top = memo[("max", d)]
            if z + top < below:
                return z + top  # the pair's features cannot lift it to ``below``
            z += sum(map(get, self._pair_head(c, h, d), repeat(0.0)))
            top = memo[("tail", d)]
            if z + top < below:
                return z + top  # nor can the rest of them
            z += sum(map(get, self._pair_subj(c, h, d), repeat(0.0)))
            top = memo[("btw", d)]
            if z + top < below:
                return z + top  # nor can the words between them
            return z + sum(map(get, self._pair_btw(c, h, d), repeat(0.0)))
        return z + sum(map(get, self._pair_feats(c, h, d), repeat(0.0)))

    def after_fronted_clause(self, c: Cand, h: Cand) -> bool:
        """Whether host ``h`` sits in the sentence's opening subordinate clause and cue ``c``
        in the main clause after its comma ("Although he acknowledged that ..., he
        maintained that ..."): the pair is never absorbed."""
        toks = self.toks
        for k in range(h.j, c.i):
            if toks[k].text == ",":
                return k + 1 < c.i and toks[k + 1].is_word and not toks[k + 1].q
        return False

    def after_fronted_participle(self, c: Cand, h: Cand, s0: int, s1: int) -> bool:
        """Whether host ``h`` opens the sentence as a participle whose content ends at a comma
        before cue ``c`` ("Citing a theory, Trump accused ..."): such a pair is never absorbed."""
        got = self.fronted_participle(h, s0, s1)
        return got is not None and got[0] < c.i

    def unnest(self, cands: list[Cand], kinds: Mapping[int, tuple[bool, bool]] | None = None) -> list[Cand]:
        """The fired cues that stay separate attributions: a cue the split-or-absorb model
        puts inside another cue's content is dropped (kept in ``self.absorbed``), so that
        content runs through it. ``kinds``: :meth:`_kind` of the cues by first token.

        The score is :meth:`nest_score`'s, written out here for speed (the two are checked
        against each other in the tests); pairs across a semicolon are always split.
        """
        thr = NESTING_THRESHOLD
        limit = math.log(thr / (1.0 - thr))
        if kinds is None:
            kinds = {c.i: self._kind(c) for c in cands}
        get, memo = _nest_lookup(NESTING_WEIGHTS)
        toks, sent_of, sent_tok = self.toks, self._sent, self.sent_tok
        text, starts = self.text, self._starts
        semi = ";" in text
        drop: set[int] = set()
        self.absorbed = []
        for c, h in self.nest_pairs(cands):
            if h.i in drop:
                continue  # its host is itself absorbed: the two never both go
            before = h.i < c.i
            lo, hi = (h, c) if before else (c, h)
            if semi and text.find(";", starts[lo.j - 1], starts[hi.i]) >= 0:
                continue  # a content clause never runs over a semicolon (see clip_end): split
            s0, s1 = sent_tok[sent_of[c.i]]
            if before and (self.after_fronted_participle(c, h, s0, s1) if h.i == s0 else
                           toks[s0].low in _SUBORDINATORS and self.after_fronted_clause(c, h)):
                continue
            d = "hb_" if before else "ha_"
            ce, he = c.entry, h.entry
            prev = toks[c.i - 1] if c.i > s0 else None
            nxt = toks[c.j] if c.j < s1 else None
            ck, hk = kinds[c.i], kinds[h.i]
            co = c.odds
            ob = "iodds_lo" if co < _E_HALF else "iodds_mid" if co < _E_TWO else "iodds_hi"
            key = ("i", ce.lemma, ce.stance, ce.pos, c.form, d, ob, ck,
                   prev.text if prev is not None else None, prev.q if prev is not None else None,
                   nxt.text if nxt is not None else None, nxt.q if nxt is not None else None)
            z = memo.get(key)
            if z is None:
                z = self.nest_score(c, h, kinds)  # fills the memo (a new word or cue)
                if z >= limit:
                    drop.add(c.i)
                    self.absorbed.append((c, h))
                continue
            hn = toks[h.j] if h.j < s1 else None
            k = h.i - 1  # the host's subject (:meth:`_host_subject`)
            if k >= s0 and not toks[k].aux_stop:
                k = self.skip_aux_left(k, s0)
            hs = toks[k] if k >= s0 else None
            host = memo.get(("h", he.lemma, he.stance, he.pos, h.pattern, hk != _NOT_LATE,
                             hn.text if hn is not None else None, hn.q if hn is not None else None,
                             hs.text if hs is not None else None))
            if host is None:
                z = self.nest_score(c, h, kinds)
            else:
                z += host
                top = memo[("max", d)]
                if z + top < limit:
                    continue
                gap = c.i - h.j if before else h.i - c.j
                z += (get("bias", 0.0) + get(d, 0.0)
                      + get(_NEST_NAMES[d][0 if gap <= 0 else 1 if gap <= 2 else 2 if gap <= 5
                                           else 3 if gap <= 10 else 4 if gap <= 20 else 5], 0.0))
                if z + memo[("tail", d)] < limit:
                    continue
                z += sum(map(get, self._pair_subj(c, h, d, s0, hs), repeat(0.0)))
                if z + memo[("btw", d)] < limit:
                    continue
                z += sum(map(get, self._pair_btw(c, h, d), repeat(0.0)))
            if z >= limit:
                drop.add(c.i)
                self.absorbed.append((c, h))
        return [c for c in cands if c.i not in drop] if drop else cands

    def drop_transcript_intros(self, cands: list[Cand]) -> list[Cand]:
        """Without a cue that introduces a transcript whose speaker labels fired ("Partial
        transcript as follows: / "WALLACE: ..."): each label is the attribution of its turn."""
        labels = [c.i for c in cands if c.pattern == "X_colon"]
        if not labels:
            return cands
        toks = self.toks
        drop = set()
        for c in cands:
            if c.pattern != "X_colon" and c.j < len(toks) and toks[c.j].text == ":":
                k = bisect.bisect_right(labels, c.j)
                if k < len(labels) and labels[k] - c.j <= 6:
                    drop.add(c.i)
        return [c for c in cands if c.i not in drop] if drop else cands

    def drop_subject_nouns(self, cands: list[Cand]) -> list[Cand]:
        """Without the noun cues that are the subject of the next fired verb cue ("His views
        were echoed by ...", "The claim was denied by ..."): the verb is the report."""
        toks = self.toks
        drop: set[int] = set()
        cs = sorted(cands, key=_I_OF)
        for h, c in zip(cs, cs[1:], strict=False):
            if c.entry.pos != "verb" or self._sent[h.i] != self._sent[c.i]:
                continue
            if h.entry.pos != "noun" and not (h.i > 0 and toks[h.i - 1].low in _POSSESSIVES):
                continue  # a noun, or a verb form used as one ("His views were echoed")
            k = self.skip_aux_left(c.i - 1, h.j)
            if k < h.j and c.i > h.j:  # only auxiliaries and adverbs between the two
                drop.add(h.i)
        return [c for c in cands if c.i not in drop] if drop else cands

    # -- driver --
    def run(self) -> list[Attr]:
        cands = self.candidates()
        # participles after a comma ("..., asserting that") take the source of the main clause,
        # so they are built after the other cues; whether a cue is one is found once, here
        kinds = dict(zip(map(_I_OF, cands), map(self._kind, cands), strict=True))  # cue token -> (participle, coordinated)
        if len(cands) > 1:
            cands = self.drop_subject_nouns(cands)
            cands = self.drop_transcript_intros(cands)
        if NESTING_WEIGHTS and len(cands) > 1:
            cands = self.unnest(cands, kinds)
        self.fired = set(map(_I_OF, cands))
        early = [c for c in cands if kinds[c.i] == _NOT_LATE]
        late = [c for c in cands if kinds[c.i] != _NOT_LATE]
        order = sorted(early, key=_I_OF) + sorted(late, key=_I_OF)
        claimed = bytearray(len(self.text))
        self.built = []
        result: list[Attr] = []
        for c in order:
            if claimed.find(1, self._starts[c.i], self._ends[c.j - 1]) >= 0:
                continue  # the cue is inside an attribution already built
            a = self.build(c, kinds[c.i])
            if a is None:
                continue
            # keep content/source out of already claimed text (one role per word)
            content: list[tuple[int, int]] = []
            for s, e in a.content:
                if s < e and claimed.find(1, s, e) < 0:
                    content.append((s, e))  # the usual case: nothing of it claimed yet
                else:  # the parts not yet claimed, without bare spaces between claimed ones
                    content += [p for p in self._trim(claimed, s, e) if not self.text[p[0]:p[1]].isspace()]
            a.content = content
            s, e = a.cue
            claimed[s:e] = b"\x01" * (e - s)
            for s, e in content:
                claimed[s:e] = b"\x01" * (e - s)
            self.built.append(a)
            result.append(a)
        result.sort(key=lambda a: a.cue[0])
        self.attach_quotes(result, claimed)
        return result

    def attach_quotes(self, result: list[Attr], claimed: bytearray) -> None:
        """Give a quotation no attribution took (a multi-sentence or follow-on quote) to the
        nearest attribution of its paragraph, or of the paragraph before when it opens one."""
        if not result:
            return
        text = self.text
        cues = [a.cue[0] for a in result]
        for qs, qe in self.quotes:
            if claimed.find(1, qs, qe) >= 0 or len(text[qs:qe].split()) < 3:
                continue  # taken (asked first: no copy of the quotation) or too short
            ps = text.rfind("\n", 0, qs) + 1
            pe = text.find("\n", qe)
            pe = len(text) if pe < 0 else pe
            best, dist = None, None
            k = bisect.bisect_left(cues, qs)
            for m in (k - 1, k):
                if 0 <= m < len(result):
                    c0 = cues[m]
                    if ps <= c0 < pe:
                        d = abs(c0 - qs)
                        if dist is None or d < dist:
                            best, dist = result[m], d
            if best is None and k - 1 >= 0 and text[ps:qs].strip() == "":
                prev_pe = ps - 1
                prev_ps = text.rfind("\n", 0, max(0, prev_pe - 1)) + 1
                while prev_ps > 0 and not text[prev_ps:prev_pe].strip():
                    prev_pe = prev_ps - 1
                    prev_ps = text.rfind("\n", 0, max(0, prev_pe - 1)) + 1
                if prev_ps <= cues[k - 1] < prev_pe and any(
                    self.quote_at(s) for s, _ in result[k - 1].content
                ):
                    best = result[k - 1]
            if best is not None:
                best.content.append((qs, qe))
                claimed[qs:qe] = b"\x01" * (qe - qs)

    def _tok_range(self, span: tuple[int, int] | None) -> tuple[int, int] | None:
        if span is None:
            return None
        return self.char_to_tok(span[0], span[1])

    @staticmethod
    def _trim(claimed: bytearray, s: int, e: int) -> list[tuple[int, int]]:
        """The parts of ``s:e`` not yet claimed (byte searches, no per-character loop)."""
        out = []
        pos = s
        while pos < e:
            free = claimed.find(b"\x00", pos, e)
            if free < 0:
                break
            taken = claimed.find(b"\x01", free, e)
            end = e if taken < 0 else taken
            out.append((free, end))
            pos = end
        return out


# --- source resolution ------------------------------------------------------------------

_PERSON_HEADS: Final = frozenset(
    """minister spokesman spokeswoman spokesperson official officials president senator governor
    aide aides candidate""".split()
)
_NOT_NAMES: Final = frozenset("according said says but and in on at after before when while as".split())
_RESOLVE_PRON: Final = frozenset("he she they him her his them it we".split())
_NAME_RUN: Final = re.compile(r"(?:[A-Z][\w'\u2019\-]*\.?\s+)*[A-Z][\w'\u2019\-]*")


_POSSESSIVE: Final = re.compile(r"['\u2019]s$")


def _strip_possessive(name: str) -> str:
    return _POSSESSIVE.sub("", name)


#: memos of :func:`_name_of`, :func:`_has_title` and :func:`_is_generic` (pure functions of a
#: string; plain dicts, emptied past :data:`_MEMO_MAX`: a compiled call skips lru_cache's wrapper)
_NAME_MEMO: Final[dict[str, str | None]] = {}
_TITLE_MEMO: Final[dict[str, bool]] = {}
_GENERIC_MEMO: Final[dict[str, bool]] = {}
_MEMO_MAX: Final = 32_768  # real news has thousands of distinct sources (9,000 in 1,073 articles)


def _memoised(memo: dict[str, Any], fn: Callable[[str], Any], key: str) -> Any:
    """``fn(key)`` through ``memo`` (emptied when it holds :data:`_MEMO_MAX` keys)."""
    if key in memo:
        return memo[key]
    if len(memo) >= _MEMO_MAX:
        memo.clear()
    got = memo[key] = fn(key)
    return got


def _name_of(span_text: str) -> str | None:
    """:func:`_name_of_text`, memoised."""
    got: str | None = _memoised(_NAME_MEMO, _name_of_text, span_text)
    return got


def _has_title(name: str) -> bool:
    """:func:`_has_title_text`, memoised."""
    got: bool = _memoised(_TITLE_MEMO, _has_title_text, name)
    return got


def _is_generic(src: str) -> bool:
    """:func:`_is_generic_text`, memoised."""
    got: bool = _memoised(_GENERIC_MEMO, _is_generic_text, src)
    return got


def _name_of_text(span_text: str) -> str | None:
    """The trailing capitalised name in a source phrase ("Russia's foreign minister Sergei Lavrov")."""
    words = span_text.replace(",", " ").split()
    run: list[str] = []
    for w in reversed(words):
        if w[:1].isupper() and w.lower() not in _DET and w.lower() not in _PRONOUNS:
            run.append(w)
        elif run:
            break
    run.reverse()
    # drop everything up to the last title ("Velmoran Foreign Minister Ruslan Dravin") when a
    # name of two words remains
    titles = [i for i, w in enumerate(run) if w.lower().rstrip(".") in _NAME_TITLES]
    if titles and len(run) - titles[-1] - 1 >= 2:
        run = run[titles[-1] + 1 :]
    if len(run) == 2 and run[0].lower().rstrip(".") in ("mr", "mrs", "ms", "dr", "president", "minister"):
        run.pop(0)
    if not run:
        return None
    return _strip_possessive(" ".join(run))


def _has_title_text(name: str) -> bool:
    """Whether a word of ``name`` is a title ("Foreign Minister Ruslan Dravin")."""
    return any(w.lower().rstrip(".") in _NAME_TITLES for w in name.split())


def _is_generic_text(src: str) -> bool:
    low = src.lower().strip()
    if low in _RESOLVE_PRON:
        return True
    words = low.split()
    head = src.split()[-1] if src.split() else ""
    if len(words) == 1 and low in ("officials", "aides", "authorities", "spokesman", "spokeswoman"):
        return True
    return (
        1 <= len(words) <= 3
        and words[0] in ("the", "a", "an")
        and words[-1] in _GENERIC_HEADS
        and head[:1].islower()  # "the ministry" is generic, "the Kremlin" is a name
    )


class _Resolver:
    """Canonical names for sources: actor spans first, else names seen earlier in the text."""

    def __init__(self, doc: Doc, text: str) -> None:
        actors = doc.previous.get("actor", [])
        if not all(map(isinstance, actors, repeat(Span))):
            actors = [s for s in actors if isinstance(s, Span)]
        starts = list(map(_START_OF, actors))
        if not all(map(le, starts, islice(starts, 1, None))):  # the actor layer gives them in order
            actors = sorted(actors, key=_START_OF)
            starts = list(map(_START_OF, actors))
        self.actors = list(actors)
        self.text = text
        self.names: list[tuple[int, str]] = []  # (position, full name) of named sources so far
        # indexes that keep resolving linear in texts with thousands of names
        self.starts = starts
        self.max_len = max(map(sub, map(_END_OF, actors), starts), default=0)
        self.by_last: dict[str, list[str]] = {}

    def _full(self, name: str, last: str) -> str:
        """The longest earlier name ending in ``last`` (``name``'s last word), else ``name``."""
        for full in reversed(self.by_last.get(last, [])):
            if len(full) >= len(name):
                return full
        return name

    def _actor_over(self, s: int, e: int) -> Span | None:
        """The last actor inside the source phrase (the head: "Russia's minister Sergei Lavrov")."""
        for k in range(bisect.bisect_left(self.starts, e) - 1, -1, -1):
            a = self.actors[k]
            if a.start + self.max_len <= s:
                break
            if s < a.end:
                return a
        return None

    def resolve(self, s: int, e: int) -> dict[str, Any]:
        src = self.text[s:e]
        if _is_generic(src):
            low = src.lower()
            head = low.split()[-1]
            want_person = low in ("he", "she", "him", "her", "his") or head in _PERSON_HEADS
            best = None
            # a person reference ("he", "the minister") goes back to the last named speaker
            # within the last ~1,500 characters; otherwise to the nearest earlier actor
            if want_person and self.names and s - self.names[-1][0] < 1500:
                best = self.names[-1][1]
            for k in range(bisect.bisect_left(self.starts, s) - 1 if best is None else -1, -1, -1):
                a = self.actors[k]
                typ = str(a.attrs.get("type", ""))
                if want_person and typ not in ("person", ""):
                    continue
                if not want_person and typ == "person" and low not in ("they", "them", "we"):
                    continue
                best = str(a.attrs.get("canonical") or self.text[a.start : a.end])
                break
            if best is None and self.names:
                if want_person or not self.actors:
                    best = self.names[-1][1]
            if best is None:
                before = self.text[max(0, s - 600) : s]
                runs = [m.group() for m in _NAME_RUN.finditer(before) if len(m.group()) > 2]
                runs = [r for r in runs if r.split()[0].lower() not in _CLAUSE_START | _DET | _NOT_NAMES]
                if runs:
                    best = _strip_possessive(runs[-1])
            out: dict[str, Any] = {"resolved_from": src}
            if best:
                out["canonical"] = best
            return out
        actor = self._actor_over(s, e)
        name: str | None
        if actor is not None and actor.attrs.get("canonical"):
            name = str(actor.attrs["canonical"])
            if _has_title(name):
                name = _name_of(name) or name  # "Foreign Minister Ruslan Dravin" -> the name
        else:
            name = _name_of(src)
        if not name:
            return {}
        parts = name.split()
        name = self._full(name, parts[-1] if parts else "")
        self.names.append((s, name))
        # the full name ends in the same word (it was filed under it)
        self.by_last.setdefault(parts[-1], []).append(name)
        return {"canonical": name}


def annotate(doc: Doc) -> list[Span]:
    """Attribution spans (source, cue, content per group) of ``doc``."""
    text = doc.text
    if not text or text.isspace():
        return []
    an = _Analysis(doc)
    attrs = an.run()
    resolver = _Resolver(doc, an.text)
    spans: list[Span] = []
    for n, a in enumerate(attrs):
        group = f"a{n}"
        e = a.cand.entry
        rule = f"{a.pattern}:{LEXICON}:{e.lemma}"
        stance = e.stance
        # positional: layer, label, start, end, rule, role, group, attrs
        spans.append(Span(NAME, stance, a.cue[0], a.cue[1], rule, "cue", group,
                          {"lemma": e.lemma, "form": a.cand.form}))
        src = a.source
        if src is not None:
            spans.append(Span(NAME, stance, src[0], src[1], rule, "source", group,
                              resolver.resolve(src[0], src[1])))
        for s, t in a.content:
            spans.append(Span(NAME, stance, s, t, rule, "content", group, {}))
    return spans
