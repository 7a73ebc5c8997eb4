"""Charts: valid Vega-Lite specs with tooltips, aggregated and bounded for 200 outlets."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import altair as alt
import pandas as pd
import pytest

from toolkit import charts, compare

_spec = importlib.util.spec_from_file_location(
    "compare_corpus", Path(__file__).parent / "fixtures" / "compare" / "corpus.py")
fx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fx)

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(1)>"


def tables(a: pd.DataFrame, s: pd.DataFrame, f: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return {
        "coverage": compare.coverage(a), "timing": compare.timing(a),
        "voices": compare.voices(a, s), "stance": compare.stance(a, s),
        "evidentiality": compare.evidentiality(a, s), "claims": compare.claims(a, s, fx.CLAIMS),
        "headline_gap": compare.headline_gap(a, s, fx.CLAIMS),
        "syndication": compare.syndication(a), "loaded_terms": compare.loaded_terms(a, s),
        "tone": compare.tone(a, f),
    }


def scaled(reps: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The fixture repeated ``reps`` times, every copy under new outlet names."""
    a0, s0, f0 = fx.articles(), fx.spans(), fx.features()
    arts, spans, feats = [], [], []
    for i in range(reps):
        a = a0.copy()
        a["article_id"] = a["article_id"] + f"-{i}"
        a["outlet"] = a["outlet"] + f" {i}"
        a["syndicate_id"] = a["syndicate_id"] + f"-{i}"
        a["published"] = a["published"] + pd.Timedelta(hours=i)
        s = s0.copy()
        s["article_id"] = s["article_id"] + f"-{i}"
        f = f0.copy()
        f["article_id"] = f["article_id"] + f"-{i}"
        arts.append(a)
        spans.append(s)
        feats.append(f)
    return (pd.concat(arts, ignore_index=True), pd.concat(spans, ignore_index=True),
            pd.concat(feats, ignore_index=True))


def data_rows(spec: dict) -> list[dict]:
    rows = [r for v in spec.get("datasets", {}).values() for r in v]
    return rows


def has_tooltip(spec: dict) -> bool:
    return '"tooltip"' in json.dumps(spec)


@pytest.fixture(scope="module")
def small():
    return tables(fx.articles(), fx.spans(), fx.features())


@pytest.fixture(scope="module")
def big():
    t = tables(*scaled(25))
    assert t["coverage"]["outlet"].nunique() == 200
    return t


def test_every_comparison_has_a_chart_function():
    names = {"coverage", "timing", "voices", "stance", "evidentiality", "claims", "headline_gap",
             "syndication", "loaded_terms", "tone"}
    assert set(charts.CHARTS) == names
    for n in names:
        assert getattr(charts, f"{n}_chart") is charts.CHARTS[n]


def test_theme_registered_once_and_enabled():
    assert charts.THEME in alt.theme.names()
    prev = alt.theme.active
    try:
        assert charts.enable_theme() == charts.THEME
        assert alt.theme.active == charts.THEME
        spec = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q").to_dict()
        assert "Source Sans 3" in spec["config"]["font"]
    finally:
        alt.theme.enable(prev)


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_chart_small_valid_with_tooltips(small, name):
    ch = charts.CHARTS[name](small[name])
    assert isinstance(ch, alt.TopLevelMixin)
    spec = ch.to_dict()  # validates against the Vega-Lite schema
    assert has_tooltip(spec)
    assert 0 < len(data_rows(spec)) <= 100


# upper bounds on embedded rows for 200 outlets (top-N plus an "other" bucket)
BOUNDS = {"coverage": 40, "timing": 40, "voices": 26 * 16, "stance": 31 * 5,
          "evidentiality": 31 * 7, "claims": 60 * 2, "headline_gap": 31, "syndication": 31 * 10,
          "loaded_terms": 25 * 20, "tone": 80}


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_chart_200_outlets_aggregated_and_bounded(big, name):
    spec = charts.CHARTS[name](big[name]).to_dict()
    rows = data_rows(spec)
    assert 0 < len(rows) <= BOUNDS[name]
    assert len(json.dumps(spec)) < 150_000
    outlets = {r.get("outlet") for r in rows if r.get("outlet")}
    assert len(outlets) <= 61
    for r in rows:  # no raw article text beyond capped tooltip strings
        assert "text" not in r
        for v in r.values():
            assert not isinstance(v, str) or len(v) <= 500


def test_other_bucket_keeps_totals(big):
    cov = big["coverage"]
    spec = charts.coverage_chart(cov, top=10).to_dict()
    per_outlet = [r for r in spec["datasets"][spec["hconcat"][0]["data"]["name"]]]
    assert sum(r["articles"] for r in per_outlet) == cov["articles"].sum()
    assert any(r["outlet"].startswith("other (190 outlets)") for r in per_outlet)


def test_claims_heatmap_scale_and_evidence_tooltip(small):
    cl = small["claims"].copy()
    i = cl.index[cl["outlet"] == "Fact Check Desk"][0]
    cl.loc[i, "evidence"] = HOSTILE + " " + "x" * 1000
    spec = charts.claims_chart(cl).to_dict()
    assert spec["mark"]["type"] == "rect"
    color = spec["encoding"]["color"]
    assert color["scale"]["domain"] == charts.STATUS_ORDER
    assert color["scale"]["range"] == charts.STATUS_COLORS
    fields = {t["field"] for t in spec["encoding"]["tooltip"]}
    assert {"evidence", "title", "url", "status", "claim", "outlet"} <= fields
    rows = data_rows(spec)
    fc = next(r for r in rows if r["outlet"] == "Fact Check Desk" and r["claim"] == "residence_attack")
    assert fc["evidence"].startswith(HOSTILE)  # kept as data, Vega renders it as text
    assert len(fc["evidence"]) <= charts.EVIDENCE_CHARS
    assert {r["status"] for r in rows} <= set(charts.STATUS_ORDER)


def test_claims_chart_limits_outlets(big):
    spec = charts.claims_chart(big["claims"], max_outlets=30).to_dict()
    rows = data_rows(spec)
    assert len({r["outlet"] for r in rows}) == 30
    assert "30 of 200 outlets shown" in spec["title"]["subtitle"]


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_empty_tables_give_valid_charts(small, name):
    empty = small[name].iloc[0:0]
    spec = charts.CHARTS[name](empty).to_dict()
    assert data_rows(spec) == [{"message": spec["datasets"][next(iter(spec["datasets"]))][0]["message"]}]
