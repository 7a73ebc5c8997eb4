"""Whose voice each outlet carries, how it frames attributions, and with which words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..schema import CUE_STANCES
from ._common import attr, empty, ok_articles, outlet_types, share, spans_of

VOICES_COLUMNS = ["outlet", "outlet_type", "source", "source_type", "mentions", "articles", "share"]
STANCE_COLUMNS = ["outlet", "outlet_type", "stance", "cues", "share"]
EVIDENTIALITY_LABELS = ("hedge", "unverified", "no_evidence", "conditional", "counter", "booster")
#: ``denial`` counts denying attribution cues (someone denies the claim).
EVIDENTIALITY_ROWS = (*EVIDENTIALITY_LABELS, "denial")
EVIDENTIALITY_COLUMNS = [
    "outlet", "outlet_type", "label", "count", "per_1000_words", "articles_with", "articles",
    "words", "mentions_denial",
]
LOADED_COLUMNS = ["outlet", "outlet_type", "term", "category", "count", "articles", "rank"]
TONE_COLUMNS = ["outlet", "outlet_type", "part", "mean", "median", "articles"]

_WS = re.compile(r"\s+")
_LEAD = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


def _clean_name(s: pd.Series) -> pd.Series:
    s = s.astype("string").str.replace(_WS, " ", regex=True).str.strip(" \t\n,.;:\"'«»“”")
    return s.str.replace(_LEAD, "", regex=True)


PRONOUNS = frozenset("i we you he she it they him her them this that".split())
UNRESOLVED = "(unresolved pronoun)"


def _alias_map(actors: Iterable[Mapping[str, Any]] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for a in actors or ():
        name = str(a.get("name") or "").strip()
        if not name:
            continue
        for alias in [name, *(a.get("aliases") or [])]:
            out[str(alias).strip().lower()] = name
    return out


def voices(articles: pd.DataFrame, spans: pd.DataFrame,
           actors: Iterable[Mapping[str, Any]] | None = None) -> pd.DataFrame:
    """Who each outlet quotes or attributes statements to.

    A voice is an attribution ``source`` span (its ``attrs['canonical']`` name when the
    annotator resolved one, e.g. a pronoun linked to "Sergei Lavrov"; else its text), plus
    direct quotes whose speaker (``attrs['speaker']``/``canonical``) is not already counted
    through an attribution of the same ``group``. ``mentions`` counts attributions,
    ``articles`` the outlet's articles citing the source, ``share`` the source's part of the
    outlet's attributions. ``actors`` (e.g. ``story.lexicon_extension()["actors"]``: dicts
    with ``name`` and ``aliases``) folds aliases into one name ("Dravin" -> "Ruslan
    Dravin"); bare pronouns the annotator could not resolve are grouped as
    "(unresolved pronoun)".
    """
    a = ok_articles(articles)
    s = spans_of(spans, a, layers=("attribution", "quote"))
    if s.empty:
        return empty(VOICES_COLUMNS)
    src = s[(s["layer"] == "attribution") & (s["role"] == "source")]
    src_name = attr(src["attrs"], "canonical", "antecedent", "refers_to")
    src = src.assign(source=src_name.where(src_name.notna(), src["text"]),
                     source_type=attr(src["attrs"], "type"))
    q = s[(s["layer"] == "quote") & (s["label"] == "direct")]
    if not q.empty:
        speaker = attr(q["attrs"], "canonical", "speaker")
        groups = set(zip(src["article_id"], src["group"].astype("object"), strict=True))
        linked = [(aid, g) in groups and g is not None
                  for aid, g in zip(q["article_id"], q["group"].astype("object"), strict=True)]
        q = q.assign(source=speaker, source_type=attr(q["attrs"], "type"))
        q = q[q["source"].notna() & ~np.asarray(linked, dtype=bool)]
        src = pd.concat([src, q], ignore_index=True)
    if src.empty:
        return empty(VOICES_COLUMNS)
    name = _clean_name(src["source"].astype("string"))
    low = name.str.lower()
    aliases = _alias_map(actors)
    if aliases:
        name = low.map(aliases).fillna(name)
    name = name.where(~low.isin(PRONOUNS), UNRESOLVED)
    src = src.assign(source=name)
    src = src[src["source"].fillna("") != ""]
    out = (
        src.groupby(["outlet", "outlet_type", "source"], sort=False)
        .agg(mentions=("article_id", "size"), articles=("article_id", "nunique"),
             source_type=("source_type", "first"))
        .reset_index()
    )
    out["share"] = share(out["mentions"], out["outlet"])
    out = out.sort_values(["outlet", "mentions", "source"], ascending=[True, False, True])
    return out[VOICES_COLUMNS].reset_index(drop=True)


def stance(articles: pd.DataFrame, spans: pd.DataFrame) -> pd.DataFrame:
    """Distribution of attribution cue stances per outlet.

    Counts ``attribution`` spans with role ``cue`` by their label (neutral, distancing,
    endorsing, accusing, denying); every outlet with coverage gets all five stances (zero
    rows included) and ``share`` is the stance's part of the outlet's cues (0 without cues).
    """
    a = ok_articles(articles)
    if a.empty:
        return empty(STANCE_COLUMNS)
    s = spans_of(spans, a, layers=("attribution",))
    cues = s[(s["role"] == "cue") & s["label"].isin(CUE_STANCES)] if not s.empty else s
    counts = cues.groupby(["outlet", "label"]).size() if not cues.empty else pd.Series(dtype="int64")
    types = outlet_types(a)
    grid = pd.MultiIndex.from_product([sorted(types.index), CUE_STANCES], names=["outlet", "stance"])
    out = pd.DataFrame(index=grid).reset_index()
    idx = pd.MultiIndex.from_frame(out[["outlet", "stance"]])
    out["cues"] = counts.reindex(idx).fillna(0).astype("int64").to_numpy()
    out["outlet_type"] = out["outlet"].map(types).astype("string")
    out["share"] = share(out["cues"], out["outlet"])
    return out[STANCE_COLUMNS]


def evidentiality(articles: pd.DataFrame, spans: pd.DataFrame) -> pd.DataFrame:
    """Hedges, unverified, no-evidence, conditional, counter and booster statements per outlet.

    One row per outlet and label (zeros included) with the span ``count``, the rate
    ``per_1000_words`` of the outlet's coverage, and ``articles_with`` (articles holding at
    least one). The extra label ``denial`` counts denying attribution cues.
    ``mentions_denial`` is True when a denying cue or a ``counter`` span appears anywhere
    in the outlet's coverage (headlines included), i.e. the outlet reports the other side.
    """
    a = ok_articles(articles)
    if a.empty:
        return empty(EVIDENTIALITY_COLUMNS)
    s = spans_of(spans, a, layers=("evidentiality", "attribution"))
    if not s.empty:
        ev = s[(s["layer"] == "evidentiality") & s["label"].isin(EVIDENTIALITY_LABELS)][
            ["outlet", "article_id", "label"]]
        den = s[(s["layer"] == "attribution") & (s["role"] == "cue") & (s["label"] == "denying")]
        den = den[["outlet", "article_id"]].assign(label="denial")
        ev = pd.concat([ev, den], ignore_index=True)
    else:
        ev = pd.DataFrame(columns=["outlet", "article_id", "label"])
    types = outlet_types(a)
    words = a.groupby("outlet")["word_count"].sum()
    n_art = a.groupby("outlet").size()
    grid = pd.MultiIndex.from_product([sorted(types.index), EVIDENTIALITY_ROWS],
                                      names=["outlet", "label"])
    counts = ev.groupby(["outlet", "label"]).size().reindex(grid).fillna(0).astype("int64")
    with_ = ev.groupby(["outlet", "label"])["article_id"].nunique().reindex(grid).fillna(0)
    out = counts.rename("count").reset_index()
    out["articles_with"] = with_.astype("int64").to_numpy()
    out["outlet_type"] = out["outlet"].map(types).astype("string")
    out["words"] = out["outlet"].map(words).astype("int64")
    out["articles"] = out["outlet"].map(n_art).astype("int64")
    out["per_1000_words"] = (out["count"] * 1000.0 / out["words"].replace(0, np.nan)).fillna(0.0)
    denial_any = out[out["label"].isin(["denial", "counter"])].groupby("outlet")["count"].sum() > 0
    out["mentions_denial"] = out["outlet"].map(denial_any).fillna(False).astype(bool)
    return out[EVIDENTIALITY_COLUMNS]


def loaded_terms(articles: pd.DataFrame, spans: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    """The ``top`` loaded terms per outlet: lower-cased span text, its category, counts.

    ``category`` is the span label (SemEval persuasion technique); a term seen under several
    categories is counted per category. ``rank`` 1 is the outlet's most frequent term (ties
    broken alphabetically).
    """
    a = ok_articles(articles)
    s = spans_of(spans, a, layers=("loaded",))
    if s.empty or top <= 0:
        return empty(LOADED_COLUMNS)
    term = s["text"].astype("string").str.lower().str.replace(_WS, " ", regex=True).str.strip()
    s = s.assign(term=term.str.slice(0, 80), category=s["label"].astype("string"))
    s = s[s["term"].fillna("") != ""]
    out = (
        s.groupby(["outlet", "outlet_type", "term", "category"], sort=False)
        .agg(count=("article_id", "size"), articles=("article_id", "nunique"))
        .reset_index()
        .sort_values(["outlet", "count", "term"], ascending=[True, False, True])
    )
    out["rank"] = out.groupby("outlet").cumcount() + 1
    out = out[out["rank"] <= top]
    return out[LOADED_COLUMNS].reset_index(drop=True)


def tone(articles: pd.DataFrame, features: pd.DataFrame) -> pd.DataFrame:
    """Mean and median tone (VADER compound, -1..1) of headlines and bodies per outlet.

    Reads ``tone`` (body) and ``tone_title`` (headline) from the features table; articles
    without features or without a headline tone are left out of that part's figures.
    One row per outlet and ``part`` ("headline" or "body").
    """
    a = ok_articles(articles)
    if a.empty or features is None or len(features) == 0:
        return empty(TONE_COLUMNS)
    f = features.drop_duplicates("article_id", keep="last").set_index("article_id")
    parts = []
    for part, col in (("headline", "tone_title"), ("body", "tone")):
        if col not in f.columns:
            continue
        v = pd.to_numeric(a["article_id"].map(f[col]), errors="coerce")
        parts.append(a[["outlet", "outlet_type"]].assign(part=part, value=v.to_numpy()))
    if not parts:
        return empty(TONE_COLUMNS)
    long = pd.concat(parts, ignore_index=True).dropna(subset=["value"])
    if long.empty:
        return empty(TONE_COLUMNS)
    out = (
        long.groupby(["outlet", "outlet_type", "part"], sort=False)["value"]
        .agg(mean="mean", median="median", articles="size")
        .reset_index()
        .sort_values(["outlet", "part"])
    )
    return out[TONE_COLUMNS].reset_index(drop=True)
