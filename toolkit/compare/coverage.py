"""Who covered the story, when, and who copied whom."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._common import OK, empty, latest, ok_articles, outlet_types, with_outlet

COVERAGE_COLUMNS = ["outlet", "outlet_type", "day", "articles", "words", "not_ok"]
TIMING_COLUMNS = [
    "outlet", "outlet_type", "first_published", "lag_hours", "rank", "articles",
    "article_id", "title", "url",
]
SYNDICATION_COLUMNS = [
    "outlet", "outlet_type", "origin_outlet", "copied", "articles", "share", "outlet_articles",
    "copied_share",
]


def coverage(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles and words per outlet, outlet type and publication day (UTC).

    Only status "ok" rows count as ``articles``/``words``; rows with any other status
    (paywalled, blocked, error...) are counted in ``not_ok`` so nothing vanishes silently.
    ``day`` is NaT for articles whose publication date is unknown.
    Columns: outlet, outlet_type, day, articles, words, not_ok.
    """
    if articles is None or len(articles) == 0:
        return empty(COVERAGE_COLUMNS)
    a = with_outlet(latest(articles))
    is_ok = a["status"].astype("string").fillna("") == OK if "status" in a else True
    a = a.assign(
        day=a["published"].dt.floor("D"),
        _ok=np.asarray(is_ok, dtype=bool).astype("int64"),
    )
    a["_words"] = a["word_count"].where(a["_ok"] == 1, 0)
    out = (
        a.groupby(["outlet", "outlet_type", "day"], dropna=False, sort=False)
        .agg(articles=("_ok", "sum"), words=("_words", "sum"), n=("_ok", "size"))
        .reset_index()
    )
    out["not_ok"] = out["n"] - out["articles"]
    out = out.drop(columns="n").sort_values(["day", "outlet"], na_position="last")
    return out[COVERAGE_COLUMNS].reset_index(drop=True)


def timing(articles: pd.DataFrame) -> pd.DataFrame:
    """First publication per outlet and its lag (hours) behind the first report overall.

    The first report is the earliest ``published`` among "ok" articles; ``rank`` 1 is the
    outlet that broke the story. Outlets whose articles all lack a date keep NaT/NaN and
    are listed last. ``article_id``, ``title`` and ``url`` name each outlet's first article.
    """
    a = ok_articles(articles)
    if a.empty:
        return empty(TIMING_COLUMNS)
    counts = a.groupby("outlet").size().rename("articles")
    dated = a.dropna(subset=["published"]).sort_values(["published", "article_id"], kind="stable")
    first = dated.drop_duplicates("outlet", keep="first").set_index("outlet")
    types = outlet_types(a)
    out = pd.DataFrame({"outlet": counts.index.astype("string")})
    out["outlet_type"] = out["outlet"].map(types).astype("string")
    out["first_published"] = pd.to_datetime(
        first["published"].reindex(out["outlet"]).to_numpy(), utc=True).astype("datetime64[ns, UTC]")
    t0 = dated["published"].min() if not dated.empty else pd.NaT
    out["lag_hours"] = ((out["first_published"] - t0).dt.total_seconds() / 3600.0).astype("float64")
    out["rank"] = out["first_published"].rank(method="min").astype("Int64")
    out["articles"] = out["outlet"].map(counts).astype("int64")
    for col in ("article_id", "title", "url"):
        out[col] = pd.Series(first[col].reindex(out["outlet"]).to_numpy(), dtype="object").astype(
            "string")
    out = out.sort_values(["first_published", "outlet"], na_position="last")
    return out[TIMING_COLUMNS].reset_index(drop=True)


def syndication(articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet, how much of its coverage is copied, and from whom.

    Uses ``syndicate_id``/``is_original`` from ``toolkit.dedup``: a row with
    ``is_original`` False is a copy, and its ``origin_outlet`` is the outlet of its cluster's
    original (the cluster's earliest article when none is flagged). Originals and unclustered
    articles are the outlet's own (``copied`` False, ``origin_outlet`` = the outlet itself).
    One row per (outlet, origin_outlet, copied) with ``articles``, ``share`` of the outlet's
    coverage, ``outlet_articles`` and the outlet's total ``copied_share``.
    """
    a = ok_articles(articles)
    if a.empty:
        return empty(SYNDICATION_COLUMNS)
    if "syndicate_id" not in a.columns:
        a["syndicate_id"] = pd.NA
    if "is_original" not in a.columns:
        a["is_original"] = pd.NA
    sid = a["syndicate_id"].astype("string")
    orig_flag = a["is_original"].astype("boolean")
    copied = (sid.notna() & (orig_flag == False)).fillna(False).astype(bool)  # noqa: E712
    # outlet of each cluster's original: flagged original, else the earliest member
    clustered = a[sid.notna()].assign(
        _rank=np.where(orig_flag[sid.notna()].fillna(False).astype(bool), 0, 1)
    )
    clustered = clustered.sort_values(["_rank", "published", "article_id"], na_position="last",
                                      kind="stable")
    origin_of = clustered.drop_duplicates("syndicate_id").set_index("syndicate_id")["outlet"]
    origin = sid.map(origin_of).astype("string")
    a["origin_outlet"] = origin.where(copied, a["outlet"]).fillna(a["outlet"])
    a["copied"] = copied
    out = (
        a.groupby(["outlet", "outlet_type", "origin_outlet", "copied"], sort=False)
        .size()
        .rename("articles")
        .reset_index()
    )
    totals = a.groupby("outlet").size()
    copies = a[a["copied"]].groupby("outlet").size()
    out["outlet_articles"] = out["outlet"].map(totals).astype("int64")
    out["share"] = out["articles"] / out["outlet_articles"]
    out["copied_share"] = (out["outlet"].map(copies).fillna(0) / out["outlet_articles"]).astype(float)
    out = out.sort_values(["copied_share", "outlet", "copied", "articles"],
                          ascending=[False, True, True, False])
    return out[SYNDICATION_COLUMNS].reset_index(drop=True)
