"""Altair charts, one per comparison table of ``toolkit.compare``.

Every function takes that comparison's tidy DataFrame and returns an Altair chart with
tooltips. Charts aggregate before plotting: only the small summary table is embedded in
the spec (at most ``top`` outlets, the rest folded into one "other" row where the measure
adds up), and text shown in tooltips is capped, so a chart stays small and readable with
10 outlets or 200. Article text goes into the spec as data, which Vega renders as text.

The house theme is registered once, at import, and switched on with :func:`enable_theme`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

# Skip jsonschema's optional "iri" checks: their rfc3987_syntax import costs ~0.7 s (see
# toolkit/report.py, where the same line stands for processes that do not import charts).
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

import altair as alt  # noqa: E402
import pandas as pd  # noqa: E402

THEME = "newsframe"

#: Claim statuses, from "presented as fact" to "not mentioned", with fixed colours.
STATUS_ORDER = ["asserted", "attributed", "hedged", "distanced", "disputed", "absent"]
STATUS_COLORS = ["#b2182b", "#ef8a62", "#fddbc7", "#92c5de", "#2166ac", "#e6e6e6"]
STANCE_ORDER = ["neutral", "endorsing", "distancing", "accusing", "denying"]
STANCE_COLORS = ["#9e9e9e", "#1b9e77", "#e08214", "#d73027", "#542788"]
EVIDENCE_CHARS = 300
TITLE_CHARS = 200
OTHER = "other"

_FONT = "'Source Sans 3', 'Segoe UI', Helvetica, Arial, sans-serif"


def _theme() -> dict:
    return {
        "config": {
            "font": _FONT,
            "view": {"continuousWidth": 420, "continuousHeight": 260, "stroke": None},
            "axis": {"labelFontSize": 11, "titleFontSize": 12, "gridColor": "#ececec",
                     "labelLimit": 220},
            "legend": {"labelFontSize": 11, "titleFontSize": 12, "labelLimit": 220},
            "title": {"fontSize": 15, "anchor": "start", "subtitleColor": "#555555",
                      "subtitleFontSize": 12},
            "range": {"category": ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2",
                                   "#b279a2", "#ff9da6", "#9d755d", "#bab0ac", "#eeca3b"]},
            "bar": {"cornerRadiusEnd": 2},
        }
    }


if hasattr(alt, "theme") and hasattr(alt.theme, "register"):  # altair >= 5.5
    alt.theme.register(THEME, enable=False)(_theme)
else:  # pragma: no cover - older altair
    alt.themes.register(THEME, _theme)


def enable_theme() -> str:
    """Switch the toolkit's chart theme on (registered once at import); returns its name."""
    if hasattr(alt, "theme") and hasattr(alt.theme, "enable"):
        alt.theme.enable(THEME)
    else:  # pragma: no cover - older altair
        alt.themes.enable(THEME)
    return THEME


# --- helpers --------------------------------------------------------------------------


def _cap(values: pd.Series, n: int) -> pd.Series:
    """Strings cut to ``n`` characters (with an ellipsis); missing values become ''."""
    s = values.astype("string").fillna("")
    s = s.str.replace(r"\s+", " ", regex=True).str.strip()
    return s.where(s.str.len() <= n, s.str.slice(0, n - 1) + "…").astype(str)


def _empty(title: str, message: str = "no data for this comparison") -> alt.Chart:
    df = pd.DataFrame({"message": [message]})
    return alt.Chart(df, title=title).mark_text(size=13, color="#777").encode(
        text="message:N").properties(width=300, height=40)


def _top_keys(df: pd.DataFrame, key: str, weight: str | None, n: int) -> list:
    if weight is None:
        totals = df.groupby(key).size()
    else:
        totals = df.groupby(key)[weight].sum()
    totals = totals.sort_values(ascending=False, kind="stable")
    return list(totals.index[:n])


def _fold(df: pd.DataFrame, key: str, keep: Iterable, label: str) -> pd.Series:
    """``df[key]`` with values not in ``keep`` replaced by ``label``."""
    keep = set(keep)
    return df[key].where(df[key].isin(keep), label).astype(str)


def _other_label(df: pd.DataFrame, key: str, keep: list, noun: str = "outlets") -> str:
    rest = df[key].nunique() - len(keep)
    return f"{OTHER} ({rest} {noun})"


def _subtitle(shown: int, total: int, noun: str = "outlets") -> list[str]:
    return [f"{shown} of {total} {noun} shown"] if total > shown else []


def _height(n: int) -> dict:
    return {"step": 18 if n > 12 else 24}


def _title(text: str, subtitle: list[str] | None = None) -> alt.Title:
    return alt.Title(text, subtitle=subtitle or [])


# --- charts ---------------------------------------------------------------------------


def coverage_chart(df: pd.DataFrame, top: int = 25) -> alt.HConcatChart | alt.Chart:
    """Articles per outlet (bars, coloured by outlet type) beside articles per day by type."""
    title = "Coverage"
    if df is None or df.empty or df["articles"].sum() == 0:
        return _empty(title)
    keep = _top_keys(df, "outlet", "articles", top)
    d = df.assign(outlet=_fold(df, "outlet", keep, _other_label(df, "outlet", keep)))
    per = (d.groupby("outlet", sort=False)
           .agg(articles=("articles", "sum"), words=("words", "sum"), not_ok=("not_ok", "sum"),
                outlet_type=("outlet_type", lambda s: s.iloc[0] if s.nunique() == 1 else "several"))
           .reset_index())
    per = per[(per["articles"] > 0) | (per["not_ok"] > 0)]
    bars = alt.Chart(per, title=_title("Articles per outlet",
                                       _subtitle(len(keep), df["outlet"].nunique()))).mark_bar().encode(
        x=alt.X("articles:Q", title="articles", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("outlet:N", sort="-x", title=None),
        color=alt.Color("outlet_type:N", title="outlet type"),
        tooltip=[alt.Tooltip("outlet:N"), alt.Tooltip("outlet_type:N", title="type"),
                 alt.Tooltip("articles:Q"), alt.Tooltip("words:Q", format=","),
                 alt.Tooltip("not_ok:Q", title="not ok (paywalled, blocked...)")],
    ).properties(height=_height(len(per)), width=320)
    days = df.dropna(subset=["day"])
    if days.empty:
        return bars
    daily = (days.assign(day=pd.to_datetime(days["day"], utc=True).dt.strftime("%Y-%m-%d"))
             .groupby(["day", "outlet_type"]).agg(articles=("articles", "sum"),
                                                  outlets=("outlet", "nunique"))
             .reset_index())
    undated = int(df.loc[df["day"].isna(), "articles"].sum())
    sub = [f"{undated} undated article(s) not shown"] if undated else []
    time_ = alt.Chart(daily, title=_title("Articles per day", sub)).mark_bar().encode(
        x=alt.X("day:O", title="day (UTC)"),
        y=alt.Y("articles:Q", stack=True, axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("outlet_type:N", title="outlet type"),
        tooltip=["day:O", alt.Tooltip("outlet_type:N", title="type"), "articles:Q", "outlets:Q"],
    ).properties(width=320, height=240)
    return alt.hconcat(bars, time_).resolve_scale(color="shared")


def timing_chart(df: pd.DataFrame, top: int = 40) -> alt.Chart:
    """Each outlet's first article: lag in hours behind the first report (earliest first)."""
    title = "Who reported first"
    d = df.dropna(subset=["lag_hours"]) if df is not None and not df.empty else None
    if d is None or d.empty:
        return _empty(title)
    d = d.sort_values(["lag_hours", "outlet"]).head(top)
    d = pd.DataFrame({
        "outlet": d["outlet"].astype(str), "outlet_type": d["outlet_type"].astype(str),
        "lag_hours": d["lag_hours"].round(2),
        "first_published": pd.to_datetime(d["first_published"], utc=True)
        .dt.strftime("%Y-%m-%d %H:%M UTC"),
        "title": _cap(d["title"], TITLE_CHARS), "url": _cap(d["url"], 500),
        "articles": d["articles"],
    })
    return alt.Chart(d, title=_title(title, _subtitle(len(d), df["outlet"].nunique()))).mark_circle(
        size=90).encode(
        x=alt.X("lag_hours:Q", title="hours after the first report"),
        y=alt.Y("outlet:N", sort=alt.EncodingSortField("lag_hours", order="ascending"), title=None),
        color=alt.Color("outlet_type:N", title="outlet type"),
        tooltip=["outlet:N", alt.Tooltip("outlet_type:N", title="type"),
                 "first_published:N", alt.Tooltip("lag_hours:Q", title="lag (h)"),
                 "articles:Q", alt.Tooltip("title:N", title="first headline"), "url:N"],
    ).properties(height=_height(len(d)), width=420)


def voices_chart(df: pd.DataFrame, top_outlets: int = 25, top_sources: int = 15) -> alt.Chart:
    """Heatmap of who each outlet quotes or attributes: share of its attributions per voice."""
    title = "Whose voice each outlet carries"
    if df is None or df.empty:
        return _empty(title)
    outlets = _top_keys(df, "outlet", "mentions", top_outlets)
    sources = _top_keys(df, "source", "mentions", top_sources)
    d = df.assign(
        outlet=_fold(df, "outlet", outlets, _other_label(df, "outlet", outlets)),
        source=_fold(df, "source", sources, _other_label(df, "source", sources, "voices")),
    )
    d = d.groupby(["outlet", "source"]).agg(mentions=("mentions", "sum"),
                                            articles=("articles", "sum")).reset_index()
    d["share"] = (d["mentions"] / d.groupby("outlet")["mentions"].transform("sum")).round(3)
    sub = _subtitle(len(outlets), df["outlet"].nunique()) + _subtitle(
        len(sources), df["source"].nunique(), "voices")
    return alt.Chart(d, title=_title(title, sub)).mark_rect().encode(
        x=alt.X("source:N", sort=sources + [s for s in d["source"].unique() if s not in sources],
                title="voice (attributed source)", axis=alt.Axis(labelAngle=-40)),
        y=alt.Y("outlet:N", title=None),
        color=alt.Color("share:Q", title="share",
                        scale=alt.Scale(scheme="blues", domain=[0, 1])),
        tooltip=["outlet:N", alt.Tooltip("source:N", title="voice"), "mentions:Q",
                 alt.Tooltip("articles:Q", title="articles citing"),
                 alt.Tooltip("share:Q", format=".0%")],
    ).properties(height=_height(d["outlet"].nunique()))


def stance_chart(df: pd.DataFrame, top: int = 30) -> alt.Chart:
    """Share of each outlet's attribution cues by stance (neutral ... denying), stacked to 100%."""
    title = "How outlets attribute: cue stance"
    if df is None or df.empty or df["cues"].sum() == 0:
        return _empty(title)
    d = df[df.groupby("outlet")["cues"].transform("sum") > 0]
    keep = _top_keys(d, "outlet", "cues", top)
    sub = _subtitle(len(keep), d["outlet"].nunique(), "outlets with attributions")
    d = d.assign(outlet=_fold(d, "outlet", keep, _other_label(d, "outlet", keep)))
    d = d.groupby(["outlet", "stance"]).agg(cues=("cues", "sum")).reset_index()
    d["share"] = (d["cues"] / d.groupby("outlet")["cues"].transform("sum")).round(3)
    d = d[d["cues"] > 0]
    return alt.Chart(d, title=_title(title, sub)).mark_bar().encode(
        x=alt.X("cues:Q", stack="normalize", title="share of cues", axis=alt.Axis(format="%")),
        y=alt.Y("outlet:N", title=None),
        color=alt.Color("stance:N", scale=alt.Scale(domain=STANCE_ORDER, range=STANCE_COLORS),
                        sort=STANCE_ORDER, title="cue stance"),
        order=alt.Order("stance_rank:Q"),
        tooltip=["outlet:N", "stance:N", "cues:Q", alt.Tooltip("share:Q", format=".0%")],
    ).transform_calculate(
        stance_rank=f"indexof({STANCE_ORDER!r}, datum.stance)"
    ).properties(height=_height(d["outlet"].nunique()))


def evidentiality_chart(df: pd.DataFrame, top: int = 30) -> alt.Chart:
    """Heatmap of hedges, no-evidence, counter statements... per 1,000 words, per outlet."""
    title = "Hedges, missing evidence and denials"
    if df is None or df.empty:
        return _empty(title)
    keep = _top_keys(df, "outlet", "count", top)
    d = df.assign(outlet=_fold(df, "outlet", keep, _other_label(df, "outlet", keep)))
    per_outlet_words = df.drop_duplicates("outlet").assign(
        outlet=lambda x: _fold(x, "outlet", keep, _other_label(df, "outlet", keep))
    ).groupby("outlet")["words"].sum()
    d = d.groupby(["outlet", "label"]).agg(count=("count", "sum"),
                                           denial=("mentions_denial", "max")).reset_index()
    d["per_1000_words"] = (d["count"] * 1000 / d["outlet"].map(per_outlet_words).clip(lower=1)).round(2)
    d["mentions_denial"] = d.groupby("outlet")["denial"].transform("max").map(
        {True: "yes", False: "no"})
    d = d.drop(columns="denial")
    labels = ["hedge", "conditional", "unverified", "no_evidence", "counter", "denial", "booster"]
    labels += [x for x in d["label"].unique() if x not in labels]
    base = alt.Chart(d, title=_title(title, _subtitle(len(keep), df["outlet"].nunique())))
    return base.mark_rect().encode(
        x=alt.X("label:N", sort=labels, title=None, axis=alt.Axis(labelAngle=-30, orient="top")),
        y=alt.Y("outlet:N", title=None),
        color=alt.when(alt.datum.count == 0).then(alt.value("#f5f5f5")).otherwise(
            alt.Color("per_1000_words:Q", title="per 1,000 words",
                      scale=alt.Scale(scheme="oranges"))),
        tooltip=["outlet:N", "label:N", "count:Q", alt.Tooltip("per_1000_words:Q"),
                 alt.Tooltip("mentions_denial:N", title="mentions the denial")],
    ).properties(height=_height(d["outlet"].nunique()), width={"step": 60})


def claims_chart(df: pd.DataFrame, max_outlets: int = 60) -> alt.Chart:
    """The claims matrix: claim x outlet coloured by status; the tooltip shows the evidence.

    Colours follow a fixed ordinal scale from ``asserted`` (red) through ``attributed``,
    ``hedged``, ``distanced`` to ``disputed`` (blue), with ``absent`` grey. At most
    ``max_outlets`` outlets are drawn (those with the most articles), one row each.
    """
    title = "Claims matrix: fact, someone's claim, or disputed?"
    if df is None or df.empty:
        return _empty(title)
    size = (df.groupby("outlet")["n_articles"].max() if "n_articles" in df.columns
            else df.groupby("outlet").size()).sort_values(ascending=False, kind="stable")
    keep = list(size.index[:max_outlets])
    d = df[df["outlet"].isin(keep)]
    counts = [c for c in (f"n_{s}" for s in STATUS_ORDER) if c in d.columns]
    parts = [d[c].astype(int).astype(str) + " " + c[2:] for c in counts]
    summary = parts[0].str.cat(parts[1:], sep=", ") if parts else pd.Series("", index=d.index)
    data = pd.DataFrame({
        "claim": d["claim"].astype(str), "outlet": d["outlet"].astype(str),
        "outlet_type": d["outlet_type"].astype("string").fillna("unknown").astype(str),
        "status": d["status"].astype(str),
        "evidence": _cap(d["evidence"], EVIDENCE_CHARS),
        "title": _cap(d["title"], TITLE_CHARS), "url": _cap(d["url"], 500),
        "reason": _cap(d["reason"], 160), "articles": summary,
    })
    rank = {s: i for i, s in enumerate(STATUS_ORDER)}
    order = (data.assign(r=data["status"].map(rank)).groupby("outlet")["r"].mean()
             .sort_values(kind="stable").index.tolist())
    claim_order = list(dict.fromkeys(data["claim"]))
    return alt.Chart(data, title=_title(title, _subtitle(len(keep), df["outlet"].nunique()))
                     ).mark_rect(stroke="white", strokeWidth=1).encode(
        x=alt.X("claim:N", sort=claim_order, title="claim", axis=alt.Axis(labelAngle=-20,
                                                                         orient="top")),
        y=alt.Y("outlet:N", sort=order, title=None),
        color=alt.Color("status:N", title="status",
                        scale=alt.Scale(domain=STATUS_ORDER, range=STATUS_COLORS),
                        legend=alt.Legend(values=STATUS_ORDER)),
        tooltip=[alt.Tooltip("claim:N"), alt.Tooltip("outlet:N"),
                 alt.Tooltip("outlet_type:N", title="type"), alt.Tooltip("status:N"),
                 alt.Tooltip("evidence:N", title="evidence sentence"),
                 alt.Tooltip("title:N", title="article"), alt.Tooltip("url:N"),
                 alt.Tooltip("reason:N", title="why"),
                 alt.Tooltip("articles:N", title="articles by status")],
    ).properties(height=_height(len(keep)), width={"step": 90})


def headline_gap_chart(df: pd.DataFrame, top: int = 30) -> alt.Chart:
    """Articles per outlet whose headline asserts what the body hedges or attributes."""
    title = "Headlines stronger than their stories"
    if df is None or df.empty:
        return _empty(title, "no headline asserts what its body hedges")
    keep = _top_keys(df, "outlet", None, top)
    d = df.assign(outlet=_fold(df, "outlet", keep, _other_label(df, "outlet", keep)))
    d = d.sort_values(["published", "article_id"], na_position="last")
    agg = d.groupby("outlet", sort=False).agg(
        articles=("article_id", "nunique"), example=("title", "first"),
        evidence=("evidence", "first"), body=("body_status", "first")).reset_index()
    agg["example"] = _cap(agg["example"], TITLE_CHARS)
    agg["evidence"] = _cap(agg["evidence"], EVIDENCE_CHARS)
    return alt.Chart(agg, title=_title(title, _subtitle(len(keep), df["outlet"].nunique()))
                     ).mark_bar(color="#b2182b").encode(
        x=alt.X("articles:Q", title="articles", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("outlet:N", sort="-x", title=None),
        tooltip=["outlet:N", "articles:Q", alt.Tooltip("example:N", title="example headline"),
                 alt.Tooltip("body:N", title="body"),
                 alt.Tooltip("evidence:N", title="body sentence")],
    ).properties(height=_height(len(agg)), width=360)


def syndication_chart(df: pd.DataFrame, top: int = 30, top_origins: int = 8) -> alt.Chart:
    """Each outlet's coverage split into its own reporting and copies, by original outlet."""
    title = "Copied coverage (syndication)"
    if df is None or df.empty:
        return _empty(title)
    per = df.drop_duplicates("outlet").sort_values(["copied_share", "outlet_articles"],
                                                  ascending=False, kind="stable")
    keep = list(per["outlet"].head(top))
    d = df[df["outlet"].isin(keep)]
    origin = d["origin_outlet"].where(d["copied"].astype(bool), "own reporting").astype(str)
    copies = d[d["copied"].astype(bool)]
    origins = _top_keys(copies, "origin_outlet", "articles", top_origins) if len(copies) else []
    origin = origin.where(origin.isin(origins + ["own reporting"]), "other origins")
    d = d.assign(origin=origin).groupby(["outlet", "origin"]).agg(
        articles=("articles", "sum"), total=("outlet_articles", "first"),
        copied_share=("copied_share", "first")).reset_index()
    d["share"] = (d["articles"] / d["total"]).round(3)
    domain = ["own reporting", *origins, "other origins"]
    return alt.Chart(d, title=_title(title, _subtitle(len(keep), df["outlet"].nunique()))).mark_bar(
    ).encode(
        x=alt.X("share:Q", stack="zero", title="share of the outlet's articles",
                axis=alt.Axis(format="%")),
        y=alt.Y("outlet:N", sort=alt.EncodingSortField("copied_share", op="max", order="descending"),
                title=None),
        color=alt.Color("origin:N", title="copied from", scale=alt.Scale(
            domain=domain, range=["#d9d9d9", *_palette(len(origins)), "#8c8c8c"])),
        tooltip=["outlet:N", alt.Tooltip("origin:N", title="from"), "articles:Q",
                 alt.Tooltip("share:Q", format=".0%"),
                 alt.Tooltip("copied_share:Q", title="copied overall", format=".0%")],
    ).properties(height=_height(len(keep)), width=360)


def _palette(n: int) -> list[str]:
    base = ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#ff9da6",
            "#9d755d", "#eeca3b", "#bab0ac"]
    return [base[i % len(base)] for i in range(n)]


def loaded_terms_chart(df: pd.DataFrame, top_outlets: int = 25, top_terms: int = 20) -> alt.Chart:
    """Heatmap of the most frequent loaded terms (rows) by outlet (columns), with categories."""
    title = "Loaded terms by outlet"
    if df is None or df.empty:
        return _empty(title)
    outlets = _top_keys(df, "outlet", "count", top_outlets)
    d = df[df["outlet"].isin(outlets)]
    terms = _top_keys(d, "term", "count", top_terms)
    d = d[d["term"].isin(terms)]
    d = d.groupby(["term", "outlet"]).agg(
        count=("count", "sum"), articles=("articles", "sum"),
        category=("category", lambda s: ", ".join(sorted(set(s))))).reset_index()
    d["term"] = _cap(d["term"], 60)
    sub = _subtitle(len(outlets), df["outlet"].nunique()) + _subtitle(
        len(terms), df["term"].nunique(), "terms")
    return alt.Chart(d, title=_title(title, sub)).mark_rect().encode(
        x=alt.X("outlet:N", title=None, axis=alt.Axis(labelAngle=-40)),
        y=alt.Y("term:N", sort=alt.EncodingSortField("count", op="sum", order="descending"),
                title=None),
        color=alt.Color("count:Q", scale=alt.Scale(scheme="reds"), title="uses"),
        tooltip=["term:N", "outlet:N", "category:N", "count:Q", "articles:Q"],
    ).properties(height=_height(d["term"].nunique()))


def tone_chart(df: pd.DataFrame, top: int = 40) -> alt.LayerChart | alt.Chart:
    """Mean tone (VADER, -1..1) of headlines and bodies per outlet, joined by a line."""
    title = "Tone of headlines and bodies"
    if df is None or df.empty:
        return _empty(title)
    keep = _top_keys(df, "outlet", "articles", top)
    d = df[df["outlet"].isin(keep)].copy()
    d["mean"] = d["mean"].round(3)
    d["median"] = d["median"].round(3)
    d = d[["outlet", "outlet_type", "part", "mean", "median", "articles"]]
    base = alt.Chart(d, title=_title(title, _subtitle(len(keep), df["outlet"].nunique())))
    y = alt.Y("outlet:N", title=None, sort=alt.EncodingSortField("mean", op="min"))
    line = base.mark_rule(color="#bbbbbb").encode(
        x=alt.X("min(mean):Q"), x2="max(mean):Q", y=y)
    dots = base.mark_circle(size=90, opacity=1).encode(
        x=alt.X("mean:Q", title="mean tone (negative ← → positive)",
                scale=alt.Scale(domain=[-1, 1])),
        y=y,
        color=alt.Color("part:N", title=None,
                        scale=alt.Scale(domain=["headline", "body"], range=["#e45756", "#4c78a8"])),
        tooltip=["outlet:N", "part:N", alt.Tooltip("mean:Q", format=".2f"),
                 alt.Tooltip("median:Q", format=".2f"), "articles:Q"],
    )
    return alt.layer(line, dots).properties(height=_height(len(keep)), width=380)


#: comparison name -> chart function (the names of ``toolkit.compare``).
CHARTS = {
    "coverage": coverage_chart,
    "timing": timing_chart,
    "voices": voices_chart,
    "stance": stance_chart,
    "evidentiality": evidentiality_chart,
    "claims": claims_chart,
    "headline_gap": headline_gap_chart,
    "syndication": syndication_chart,
    "loaded_terms": loaded_terms_chart,
    "tone": tone_chart,
}
