"""The report at scale: long tables are shown bounded (all rows stay in tables/*.csv)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from toolkit import report, synthetic


def test_show_table_bounds_long_tables_and_escapes() -> None:
    short = pd.DataFrame({"title": ["a", "b"]})
    assert report.show_table(short, "x") is short  # short tables display as before
    long = pd.DataFrame({"title": [f"<script>t{i}</script>" for i in range(250)], "n": range(250)})
    shown = report.show_table(long, "claims", rows=40)
    page = shown._repr_html_()
    assert "Showing the first 40 of 250 rows" in page and "tables/claims.csv" in page
    assert page.count("</tr>") == 41  # header + 40 rows
    assert "<script>" not in page and "&lt;script&gt;t0&lt;/script&gt;" in page
    assert "t39" in page and "t40" not in page
    assert "250 rows" in repr(shown)


@pytest.mark.slow
def test_report_on_a_generated_corpus_stays_small(tmp_path) -> None:
    built = synthetic.build(tmp_path / "story", n=240, seed=11)
    res = report.run(built["story"], corpus=built["corpus"], output=tmp_path / "out")
    out = tmp_path / "out"
    claims = pd.read_csv(out / "tables" / "claims.csv")
    heads = pd.read_csv(out / "tables" / "headlines.csv")
    assert len(heads) == 240 and len(claims) > report.SHOW_ROWS  # every row in the CSVs
    page = res["html"].read_text(encoding="utf-8")
    assert f"of {len(claims)} rows; every row is in tables/claims.csv" in page
    assert "of 240 rows; every row is in tables/headlines.csv" in page
    assert res["charts"] == 10 and res["bytes"] < 2_000_000
    prov = json.loads(res["provenance"].read_text(encoding="utf-8"))
    assert prov["articles"] == 240
    assert {"notebook", "html"} <= set(prov["report_timings_s"])
    assert {"compare.claims", "syndication", "read_annotations"} <= set(prov["timings_s"])
