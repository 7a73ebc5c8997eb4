"""Helpers shared by the comparisons: coverage rows, outlet names, span joins."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..schema import ARTICLE_COLUMNS, SPAN_COLUMNS

#: Statuses that count as coverage.
OK = "ok"
UNKNOWN_OUTLET = "unknown"


def empty(columns: Iterable[str], dtypes: dict[str, str] | None = None) -> pd.DataFrame:
    """An empty frame with ``columns`` (and optional dtypes)."""
    cols = list(columns)
    df = pd.DataFrame({c: pd.Series([], dtype="object") for c in cols})
    for c, t in (dtypes or {}).items():
        if c in df.columns:
            df[c] = df[c].astype(t)
    return df


def latest(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article: its latest revision when the table holds several.

    Latest = highest ``revision`` (from the store), else latest ``modified``, then
    ``retrieved``, else the last row (missing values sort first).
    """
    if "article_id" not in articles.columns or not articles["article_id"].duplicated().any():
        return articles
    keys = [c for c in ("revision", "modified", "retrieved") if c in articles.columns]
    order = articles.sort_values(keys, kind="stable", na_position="first") if keys else articles
    return order.drop_duplicates("article_id", keep="last").sort_index()


def with_outlet(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles with ``outlet`` and ``outlet_type`` filled (domain, then "unknown")."""
    a = articles.copy()
    for col in ("outlet", "domain", "outlet_type", "word_count", "published", "title", "url", "text"):
        if col not in a.columns:
            a[col] = None
    outlet = a["outlet"].astype("string")
    outlet = outlet.where(outlet.str.strip().fillna("") != "", a["domain"].astype("string"))
    a["outlet"] = outlet.fillna(UNKNOWN_OUTLET).astype("string")
    a["outlet_type"] = a["outlet_type"].astype("string").fillna(UNKNOWN_OUTLET)
    a["word_count"] = pd.to_numeric(a["word_count"], errors="coerce").fillna(0).astype("int64")
    a["published"] = pd.to_datetime(a["published"], utc=True, errors="coerce")
    return a


def ok_articles(articles: pd.DataFrame | None) -> pd.DataFrame:
    """Latest revision of every article with status "ok", outlets filled."""
    if articles is None or len(articles) == 0:
        return with_outlet(pd.DataFrame(columns=ARTICLE_COLUMNS))
    a = latest(articles)
    if "status" in a.columns:
        a = a[a["status"].astype("string").fillna("") == OK]
    return with_outlet(a).reset_index(drop=True)


def spans_of(spans: pd.DataFrame | None, articles: pd.DataFrame, layers: Iterable[str] | None = None
             ) -> pd.DataFrame:
    """Spans of ``articles`` (optionally some layers only) with the article's outlet attached."""
    if spans is None or len(spans) == 0 or len(articles) == 0:
        out = pd.DataFrame({c: pd.Series([], dtype="object") for c in SPAN_COLUMNS})
        out["outlet"] = pd.Series([], dtype="object")
        out["outlet_type"] = pd.Series([], dtype="object")
        return out
    s = spans
    if layers is not None:
        s = s[s["layer"].isin(list(layers))]
    ids = articles.drop_duplicates("article_id").set_index("article_id")
    s = s[s["article_id"].isin(ids.index)].copy()
    for col in SPAN_COLUMNS:  # tolerate tables without the optional columns
        if col not in s.columns:
            s[col] = [{} for _ in range(len(s))] if col == "attrs" else None
    s["outlet"] = s["article_id"].map(ids["outlet"]).astype("string")
    s["outlet_type"] = s["article_id"].map(ids["outlet_type"]).astype("string")
    if "in_title" in s.columns:
        s["in_title"] = s["in_title"].fillna(False).astype(bool)
    else:
        s["in_title"] = False
    return s


def attr(values: pd.Series, *keys: str) -> pd.Series:
    """The first present key of each ``attrs`` dict (``None`` where none is)."""
    out = []
    for a in values:
        v = None
        if isinstance(a, dict):
            for k in keys:
                x = a.get(k)
                if x not in (None, ""):
                    v = x
                    break
        out.append(v)
    return pd.Series(out, index=values.index, dtype="object")


def share(n: pd.Series, by: pd.Series) -> pd.Series:
    """``n`` divided by its group total (0 where the total is 0)."""
    total = n.groupby(by).transform("sum")
    return (n / total.replace(0, np.nan)).fillna(0.0)


def outlet_types(articles: pd.DataFrame) -> pd.Series:
    """outlet -> outlet type (the most frequent one if an outlet has several)."""
    if articles.empty:
        return pd.Series([], dtype="string")
    return (
        articles.groupby("outlet")["outlet_type"]
        .agg(lambda s: s.value_counts().index[0] if s.notna().any() else UNKNOWN_OUTLET)
        .astype("string")
    )
