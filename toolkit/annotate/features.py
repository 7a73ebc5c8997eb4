"""Per-article features computed from the span rows of one article.

Columns (one row per article, a stable set for a given lexicon version and layer list):
``article_id``, ``lexicon_version``, ``words``, ``sentences``; for each layer ``n_<layer>``
and, for every label known to the layer, ``n_<layer>__<label>`` (body counts; for
``attribution`` the cue spans, labelled with their stance, so one attribution counts once),
``rate_<layer>__<label>`` (per 1,000 body words) and ``title_n_<layer>__<label>``
(headline counts); ``share_attributed_sentences`` (body sentences touched by an
attribution span), ``tone`` (mean VADER compound over body sentences), ``tone_title``
and ``annotate_error`` (why an article could not be annotated, else empty).
"""

from __future__ import annotations

import functools
import operator
import re
import string
from collections import Counter
from collections.abc import Sequence
from types import ModuleType
from typing import Any

import pandas as pd

from ..schema import CUE_STANCES, SPAN_COLUMNS
from .lexicon import Lexicons

#: positions of columns in a span row tuple, and the (in_title, layer, label, role) key
#: its span is counted under
_LAYER, _START, _END, _IN_TITLE, _SENTENCE = (
    SPAN_COLUMNS.index(c) for c in ("layer", "start", "end", "in_title", "sentence"))
_COUNT_KEY = operator.itemgetter(*(SPAN_COLUMNS.index(c) for c in ("in_title", "layer", "label", "role")))
#: VADER is slow on very long sentences; longer ones are scored on their first characters.
_TONE_CHARS = 1_000


def layer_labels(name: str, module: ModuleType, lexicons: Lexicons) -> list[str]:
    """Labels a layer can emit: ``labels(lexicons)`` or ``LABELS`` of its module."""
    fn = getattr(module, "labels", None)
    if callable(fn):
        return list(fn(lexicons))
    labels = getattr(module, "LABELS", None)
    if labels is not None:
        return list(labels)
    if name == "attribution":
        return list(CUE_STANCES)
    return []


@functools.lru_cache(maxsize=4096)
def _safe(label: str) -> str:
    """``label`` as a column-name part (a pure function, memoised: called for every span)."""
    return re.sub(r"[^0-9A-Za-z_-]+", "_", label)


def feature_columns(lexicons: Lexicons, modules: Sequence[tuple[str, ModuleType]]) -> list[str]:
    """The ordered column list for these lexicons and layers."""
    key = ("features", "columns", tuple(name for name, _ in modules))

    def build(lex: Lexicons) -> list[str]:
        cols = ["article_id", "lexicon_version", "words", "sentences"]
        for name, mod in modules:
            labels = [_safe(x) for x in layer_labels(name, mod, lex)]
            cols.append(f"n_{name}")
            cols += [f"n_{name}__{x}" for x in labels]
            cols += [f"rate_{name}__{x}" for x in labels]
            cols += [f"title_n_{name}__{x}" for x in labels]
        cols += ["share_attributed_sentences", "tone", "tone_title", "annotate_error"]
        return cols

    return lexicons.compiled(key, build)


@functools.lru_cache(maxsize=1)
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@functools.lru_cache(maxsize=1)
def _vader_vocab() -> tuple[frozenset[str], frozenset[str]]:
    vader = _vader()
    return frozenset(vader.lexicon), frozenset(vader.emojis)


@functools.lru_cache(maxsize=1)
def _emoji_chars() -> tuple[frozenset[str], bool]:
    """VADER's one-character emojis, and whether they are all non-ASCII."""
    chars = frozenset(k for k in _vader_vocab()[1] if len(k) == 1)
    return chars, not any(c.isascii() for c in chars)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _has_emoji(sentence: str) -> bool:
    """Whether a character of ``sentence`` is one VADER rewrites as an emoji (it looks them
    up one character at a time): an ASCII sentence has none, else only its non-ASCII
    characters are looked up."""
    chars, all_non_ascii = _emoji_chars()
    if not all_non_ascii:
        return not chars.isdisjoint(sentence)
    return not sentence.isascii() and not chars.isdisjoint(_NON_ASCII.findall(sentence))


def _no_lexicon_word(sentence: str, vocab: frozenset[str]) -> bool:
    """True when no word of ``sentence`` is in VADER's lexicon: for a sentence without an
    emoji, VADER's compound score is then exactly 0 (boosters, negations and punctuation
    only scale the valence of lexicon words), so the call can be skipped."""
    words = sentence.lower().split()
    if not vocab.isdisjoint(words):
        return False
    punct = string.punctuation
    return vocab.isdisjoint([w.strip(punct) for w in words])


def _compound(sentence: str, vader: Any, vocab: frozenset[str]) -> float:
    """VADER's compound score of an emoji-free ``sentence``, as ``polarity_scores`` gives it.

    ``polarity_scores`` first rewrites emojis character by character (a slow Python loop
    that changes nothing without emojis) and calls ``sentiment_valence`` for every word,
    which only appends 0 for a word outside its lexicon (or a booster, or "kind of"). Here
    those words get their 0 directly; VADER's own methods score the rest.
    """
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentiText

    text = sentence.strip()
    sentitext = SentiText(text)
    words = sentitext.words_and_emoticons
    last = len(words) - 1
    sentiments: list[float] = []
    for i, item in enumerate(words):
        low = item.lower()
        if low not in vocab or low in BOOSTER_DICT or (
                low == "kind" and i < last and words[i + 1].lower() == "of"):
            sentiments.append(0)
        else:
            sentiments = vader.sentiment_valence(0, sentitext, item, i, sentiments)
    sentiments = vader._but_check(words, sentiments)
    return vader.score_valence(sentiments, text)["compound"]


def tone(sentences: Sequence[str]) -> float | None:
    """Mean VADER compound score over ``sentences`` (``None`` when there are none)."""
    sentences = [s[:_TONE_CHARS] for s in sentences if s.strip()]
    if not sentences:
        return None
    vader = _vader()
    vocab, _ = _vader_vocab()
    scores = []
    for s in sentences:
        if _has_emoji(s):
            scores.append(vader.polarity_scores(s)["compound"])
        elif _no_lexicon_word(s, vocab):
            scores.append(0.0)
        else:
            scores.append(_compound(s, vader, vocab))
    return float(sum(scores) / len(scores))


def features_row(
    article_id: str,
    rows: Sequence[Sequence[Any]] | Sequence[dict[str, Any]],
    ctx: dict[str, Any],
    lexicons: Lexicons,
    modules: Sequence[tuple[str, ModuleType]],
    error: str | None = None,
) -> dict[str, Any]:
    """Features of one article from its span rows (tuples in ``SPAN_COLUMNS`` order, or
    dicts) and its body/title docs."""
    body, title = ctx.get("body"), ctx.get("title")
    words = len(body.text.split()) if body is not None else 0  # runs of non-space
    n_sent = len(body.sentences) if body is not None else 0
    out: dict[str, Any] = {
        "article_id": article_id,
        "lexicon_version": lexicons.version,
        "words": words,
        "sentences": n_sent,
    }
    if rows and isinstance(rows[0], dict):
        rows = [tuple(r.get(c) for c in SPAN_COLUMNS) for r in rows]  # type: ignore[union-attr]
    # one attribution = source + cue + content sharing a group: its cue is counted, and
    # every part marks the body sentences it covers as attributed
    attributed: set[int] = set()
    if body is not None:
        spans = [(r[_SENTENCE], max(r[_START], r[_END] - 1)) for r in rows
                 if r[_LAYER] == "attribution" and not r[_IN_TITLE] and r[_SENTENCE] is not None]
        for (first, _), last in zip(spans, body.sentences_of([c for _, c in spans]), strict=True):
            attributed.update(range(first, last + 1))
    body_counts: Counter[tuple[str, str]] = Counter()
    title_counts: Counter[tuple[str, str]] = Counter()
    layer_counts: Counter[str] = Counter()
    for (in_title, layer, label, role), c in Counter(map(_COUNT_KEY, rows)).items():
        if layer == "attribution" and role not in (None, "cue"):
            continue
        key = (layer, _safe(label))
        if in_title:
            title_counts[key] += c
        else:
            body_counts[key] += c
            layer_counts[layer] += c
    for name, _ in modules:
        out[f"n_{name}"] = layer_counts.get(name, 0)
    per_k = 1000.0 / words if words else 0.0
    for (layer, label), c in body_counts.items():
        out[f"n_{layer}__{label}"] = c
        out[f"rate_{layer}__{label}"] = c * per_k
    for (layer, label), c in title_counts.items():
        out[f"title_n_{layer}__{label}"] = c
    out["share_attributed_sentences"] = len(attributed) / n_sent if n_sent else None
    english = lexicons.language == "en"  # VADER's lexicon is English
    out["tone"] = tone([body.text[s:e] for s, e in body.sentences]) if body is not None and english else None
    out["tone_title"] = tone([title.text]) if title is not None and english else None
    out["annotate_error"] = error
    return out


def features_frame(
    rows: list[dict[str, Any]], lexicons: Lexicons, modules: Sequence[tuple[str, ModuleType]]
) -> pd.DataFrame:
    """Feature rows as a DataFrame with every known column (missing counts are zero)."""
    cols = feature_columns(lexicons, modules)
    extra = sorted({k for r in rows for k in r} - set(cols))  # labels a layer did not declare
    df = pd.DataFrame(rows, columns=cols + extra)
    for c in df.columns:
        if c.startswith(("n_", "title_n_")):
            df[c] = df[c].fillna(0).astype("int64")
        elif c.startswith("rate_"):
            df[c] = df[c].fillna(0.0).astype("float64")
    df["words"] = df["words"].astype("int64")
    df["sentences"] = df["sentences"].astype("int64")
    for c in ("share_attributed_sentences", "tone", "tone_title"):
        df[c] = df[c].astype("float64")
    for c in ("article_id", "lexicon_version", "annotate_error"):
        df[c] = df[c].astype("object").where(df[c].notna(), None).astype("string")
    return df.reset_index(drop=True)
