"""Acceptance on the motivating seed article (../shared/seeds), loaded with from_text."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.annotate import annotate
from toolkit.paths import SEEDS_DIR

SEED = SEEDS_DIR / "000_151587304bd540ae.txt"

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def seed() -> tuple[pd.DataFrame, pd.DataFrame]:
    if not SEED.exists():
        pytest.skip(f"seed article {SEED} is absent (needs ../shared; set TOOLKIT_SHARED)")
    from toolkit.load.text import from_text

    articles = from_text([SEED])
    assert articles["status"].iloc[0] == "ok"
    ann = annotate(articles, progress=False)
    return ann.spans, ann.features


def _texts(spans: pd.DataFrame, layer: str, label: str | None = None) -> list[str]:
    sel = spans[(spans["layer"] == layer) & ~spans["in_title"]]
    if label is not None:
        sel = sel[sel["label"] == label]
    return list(sel["text"])


def test_hedges(seed) -> None:
    spans, _ = seed
    hedges = [t.lower() for t in _texts(spans, "evidentiality", "hedge")]
    assert "alleged" in hedges
    assert "purported" in hedges


def test_no_evidence_and_counter(seed) -> None:
    spans, _ = seed
    assert "provided no evidence" in _texts(spans, "evidentiality", "no_evidence")
    counters = _texts(spans, "evidentiality", "counter")
    assert any(t.startswith("There were no official reports of a drone threat") for t in counters)


def test_scare_quotes(seed) -> None:
    spans, _ = seed
    scare = set(_texts(spans, "quote", "scare"))
    assert {"state terrorism", "punitive response", "targets and timing", "new circumstances"} <= scare
    assert not _texts(spans, "quote", "direct")


def test_number_91_uavs(seed) -> None:
    spans, _ = seed
    q = spans[(spans["layer"] == "number") & (spans["label"] == "quantity") & ~spans["in_title"]]
    hits = [a for a in q["attrs"] if a.get("value") == 91.0]
    assert hits and hits[0]["unit"] == "UAVs"
    assert hits[0]["unit_text"] == "unmanned aerial vehicles"
    dates = _texts(spans, "number", "date")
    assert "28–29 December" in dates  # a date, not a quantity


def test_actors(seed) -> None:
    spans, _ = seed
    act = spans[(spans["layer"] == "actor") & ~spans["in_title"]]
    canon = {a["canonical"] for a in act["attrs"]}
    for name in ["Sergei Lavrov", "Vladimir Putin", "Ukraine", "Moscow", "the Kremlin", "Washington", "Valdai"]:
        assert name in canon, name
    lavrov = act[act["text"] == "Lavrov"]
    assert len(lavrov) and all(a["canonical"] == "Sergei Lavrov" and a["type"] == "person"
                               for a in lavrov["attrs"])
    kremlin = act[act["text"] == "the Kremlin"]
    assert kremlin["attrs"].iloc[0]["type"] == "organisation"


def test_spans_are_auditable(seed) -> None:
    spans, features = seed
    assert (spans["rule"].str.len() > 0).all()
    assert spans["layer"].isin(
        ["sentence", "quote", "attribution", "evidentiality", "loaded", "actor", "number", "frame"]
    ).all()
    f = features.iloc[0]
    assert f["n_evidentiality__hedge"] >= 2
    assert f["n_quote__scare"] >= 4
    assert f["sentences"] > 15 and f["words"] > 400
    assert -1 <= f["tone"] <= 1
