"""Outlet comparisons on a hand-built story corpus (tests/fixtures/compare/corpus.py)."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit import compare
from toolkit.schema import coerce_spans, empty_articles, empty_spans

_spec = importlib.util.spec_from_file_location(
    "compare_corpus", Path(__file__).parent / "fixtures" / "compare" / "corpus.py")
fx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fx)


@pytest.fixture(scope="module")
def data():
    return fx.articles(), fx.spans(), fx.features()


def cell(df: pd.DataFrame, **where) -> pd.Series:
    sel = df
    for k, v in where.items():
        sel = sel[sel[k] == v]
    assert len(sel) == 1, f"{where}: {len(sel)} rows"
    return sel.iloc[0]


def test_coverage_counts_ok_rows_and_reports_others(data):
    a, _, _ = data
    cov = compare.coverage(a)
    state = cell(cov, outlet="State News")
    assert state["articles"] == 1 and state["not_ok"] == 1  # the paywalled row
    assert state["words"] == a.loc[a["article_id"] == "state1", "word_count"].iloc[0]
    assert cov["articles"].sum() == 8
    agg = cell(cov, outlet="Aggregator Hub")
    assert pd.isna(agg["day"])  # unknown date kept, not dropped
    assert str(cell(cov, outlet="Wire Agency")["day"].date()) == "2025-12-29"


def test_timing_lag_and_rank(data):
    t = compare.timing(data[0])
    assert list(t["outlet"][:3]) == ["Wire Agency", "State News", "Daily Copy"]
    assert cell(t, outlet="State News")["lag_hours"] == pytest.approx(0.5)
    assert cell(t, outlet="Fact Check Desk")["lag_hours"] == pytest.approx(47.0)
    assert cell(t, outlet="Wire Agency")["rank"] == 1
    last = t.iloc[-1]
    assert last["outlet"] == "Aggregator Hub" and pd.isna(last["lag_hours"])


def test_voices_uses_canonical_names(data):
    v = compare.voices(*data[:2])
    wire = v[v["outlet"] == "Wire Agency"].set_index("source")
    # "Lavrov", "Russian Foreign Minister Sergei Lavrov" and the pronoun "He" are one voice
    assert wire.loc["Sergei Lavrov", "mentions"] == 3
    assert wire.loc["Ukrainian officials", "mentions"] == 1
    assert wire["share"].sum() == pytest.approx(1.0)
    assert wire.loc["Sergei Lavrov", "share"] == pytest.approx(0.75)
    assert "Drone Blog" not in set(v["outlet"])


def test_voices_aliases_and_pronouns(data):
    a, s, _ = data
    s = s.copy()
    # drop the canonical names: raw source texts remain
    s["attrs"] = [{} if layer == "attribution" else at
                  for layer, at in zip(s["layer"], s["attrs"], strict=True)]
    raw = compare.voices(a, s)
    wire = raw[raw["outlet"] == "Wire Agency"].set_index("source")
    assert "(unresolved pronoun)" in wire.index  # "He" without a resolved antecedent
    assert {"Lavrov", "Russian Foreign Minister Sergei Lavrov"} <= set(wire.index)
    actors = [{"name": "Sergei Lavrov", "aliases": ["Lavrov", "Russian Foreign Minister Sergei Lavrov"]}]
    folded = compare.voices(a, s, actors=actors)
    wire = folded[folded["outlet"] == "Wire Agency"].set_index("source")
    assert wire.loc["Sergei Lavrov", "mentions"] == 2


def test_stance_full_grid_and_shares(data):
    st = compare.stance(*data[:2])
    assert len(st) == 8 * 5  # every outlet x every stance
    fc = st[st["outlet"] == "Fact Check Desk"].set_index("stance")
    assert fc.loc["distancing", "cues"] == 1 and fc.loc["distancing", "share"] == 1.0
    wire = st[st["outlet"] == "Wire Agency"].set_index("stance")
    assert wire.loc["neutral", "cues"] == 3 and wire.loc["denying", "cues"] == 1
    assert wire.loc["denying", "share"] == pytest.approx(0.25)
    blog = st[st["outlet"] == "Drone Blog"]
    assert blog["cues"].sum() == 0 and blog["share"].sum() == 0


def test_evidentiality_rates_and_denial(data):
    ev = compare.evidentiality(*data[:2])
    fc = ev[ev["outlet"] == "Fact Check Desk"].set_index("label")
    words = fc["words"].iloc[0]
    assert fc.loc["no_evidence", "count"] == 2  # body + headline
    assert fc.loc["no_evidence", "per_1000_words"] == pytest.approx(2000 / words)
    assert fc.loc["counter", "count"] == 1
    assert fc["mentions_denial"].all()
    assert ev[ev["outlet"] == "Wire Agency"]["mentions_denial"].all()  # denying cue
    assert not ev[ev["outlet"] == "State News"]["mentions_denial"].any()
    assert cell(ev, outlet="National Post", label="hedge")["articles_with"] == 1


def test_claims_each_status_with_evidence(data):
    a, s, _ = data
    m = compare.claims(a, s, fx.CLAIMS)
    assert len(m) == 2 * 8  # claim x outlet grid
    got = m[m["claim"] == "residence_attack"].set_index("outlet")["status"].to_dict()
    assert got == {
        "State News": "asserted",        # own voice, headline and body
        "Wire Agency": "attributed",     # "Lavrov says ..."
        "Daily Copy": "attributed",      # "Russia's Lavrov: ..." headline, "said" in body
        "Independent Daily": "distanced",  # "Lavrov claimed that ..."
        "Fact Check Desk": "disputed",   # "claimed, without providing evidence"
        "National Post": "hedged",       # the body hedges what the plain headline states
        "Aggregator Hub": "absent",
        "Drone Blog": "absent",
    }
    fc = cell(m, claim="residence_attack", outlet="Fact Check Desk")
    assert fc["evidence"].startswith("Lavrov claimed, without providing evidence")
    assert fc["article_id"] == "fc1" and fc["url"] == "https://factcheck.example/fc1"
    assert "no_evidence" in fc["reason"] and fc["source"] == "Sergei Lavrov"
    assert fc["title"] == "No evidence for claimed drone strike on Valdai"
    ind = cell(m, claim="residence_attack", outlet="Independent Daily")
    assert "claimed" in ind["reason"] and ind["n_distanced"] == 1
    wire = cell(m, claim="residence_attack", outlet="Wire Agency")
    assert wire["rebuttal"] == "Ukrainian officials denied the accusation."
    absent = cell(m, claim="residence_attack", outlet="Drone Blog")
    assert absent["evidence"] is None and absent["n_absent"] == 1
    # the claim's own words in scare quotes: the outlet keeps its distance
    ret = cell(m, claim="retaliation", outlet="State News")
    assert ret["status"] == "distanced" and "scare" in ret["reason"]


def test_claims_hedged_attributed_by_sentence_and_article(data):
    a, s, _ = data
    sent = compare.claims(a, s, fx.CLAIMS, by="sentence")
    nat_body = cell(sent, article_id="nat1", in_title=False)
    assert nat_body["status"] == "hedged" and "alleged" in nat_body["reason"]
    wire_body = cell(sent, article_id="wire1", in_title=False)
    assert wire_body["status"] == "attributed"  # inside the content of "said"
    arts = compare.claims(a, s, fx.CLAIMS, by="article")
    assert len(arts) == 2 * 8
    nat = cell(arts, claim="residence_attack", article_id="nat1")
    assert nat["status"] == "hedged" and not nat["in_title"] and nat["sentences"] == 2
    # a plain headline decides only when the body does not mention the claim
    headline_only = s[~((s["article_id"] == "nat1") & ~s["in_title"])]
    a2 = a.copy()
    a2.loc[a2["article_id"] == "nat1", "text"] = "Diplomats met in Geneva."
    nat2 = cell(compare.claims(a2, headline_only, fx.CLAIMS, by="article"),
                claim="residence_attack", article_id="nat1")
    assert nat2["status"] == "asserted" and nat2["in_title"]


def test_claims_hedged_outlet_and_multi_sentence_quote():
    a = fx.articles()
    a = a[a["article_id"] == "nat1"].copy()
    a["title"] = "Tensions rise before talks"
    s = fx.spans()
    s = s[(s["article_id"] == "nat1") & ~s["in_title"]]
    m = compare.claims(a, s, fx.CLAIMS).set_index(["claim", "outlet"])
    assert m.loc[("residence_attack", "National Post"), "status"] == "hedged"
    # the claim sits in the first sentence of a quote whose cue is in the second one
    text = '"Ukraine attacked Putin\'s residence. This is state terrorism," Lavrov said.'
    q = a.assign(article_id="q1", text=text, outlet="Quote Daily")
    start = text.index("Ukraine")
    end = text.index(',"')
    spans = coerce_spans([
        {"article_id": "q1", "layer": "sentence", "label": "sentence", "start": 0,
         "end": 37, "text": text[:37], "sentence": 0, "rule": "t"},
        {"article_id": "q1", "layer": "sentence", "label": "sentence", "start": 38,
         "end": len(text), "text": text[38:], "sentence": 1, "rule": "t"},
        {"article_id": "q1", "layer": "attribution", "label": "content", "role": "content",
         "group": "g", "start": start, "end": end, "text": text[start:end], "sentence": 0,
         "rule": "t"},
        {"article_id": "q1", "layer": "attribution", "label": "neutral", "role": "cue",
         "group": "g", "start": text.index("said"), "end": text.index("said") + 4,
         "text": "said", "sentence": 1, "rule": "t"},
        {"article_id": "q1", "layer": "attribution", "label": "source", "role": "source",
         "group": "g", "start": text.index("Lavrov"), "end": text.index("Lavrov") + 6,
         "text": "Lavrov", "sentence": 1, "rule": "t", "attrs": {"canonical": "Sergei Lavrov"}},
    ])
    sent = compare.claims(q, spans, fx.CLAIMS, by="sentence")
    row = cell(sent, article_id="q1")
    assert row["status"] == "attributed" and row["source"] == "Sergei Lavrov"
    assert row["evidence"] == text[:37].strip()
    # the same sentence without the attribution is asserted
    bare = spans[spans["layer"] == "sentence"]
    assert cell(compare.claims(q, bare, fx.CLAIMS, by="sentence"), article_id="q1")["status"] == "asserted"


def _one_sentence(text: str, spans: list[tuple[str, str, str | None, str, str | None]]):
    """An article of one sentence plus spans given as (layer, label, role, substring, group)."""
    a = fx.articles()
    a = a[a["article_id"] == "ind1"].assign(text=text, title="Talks update")
    rows = [{"article_id": "ind1", "layer": "sentence", "label": "sentence", "start": 0,
             "end": len(text), "text": text, "sentence": 0, "rule": "t"}]
    for layer, label, role, sub, group in spans:
        i = text.index(sub)
        rows.append({"article_id": "ind1", "layer": layer, "label": label, "role": role,
                     "start": i, "end": i + len(sub), "text": sub, "sentence": 0,
                     "group": group, "rule": "t"})
    return a, coerce_spans(rows)


@pytest.mark.parametrize("text,spans,status,why", [
    ("Officials confirmed that Ukraine attacked Putin's residence.",
     [("attribution", "endorsing", "cue", "confirmed", "g"),
      ("attribution", "content", "content", "Ukraine attacked Putin's residence", "g")],
     "asserted", "endorsing"),
    ("Kyiv denied that it attacked Putin's residence.",
     [("attribution", "denying", "cue", "denied", "g"),
      ("attribution", "content", "content", "it attacked Putin's residence", "g")],
     "attributed", "denial"),
    ("Kyiv accused Moscow of staging the attack on Putin's residence.",
     [("attribution", "accusing", "cue", "accused", "g")], "attributed", "accusing"),
    ("The 'attack on Putin's residence' was never shown.",
     [("quote", "scare", None, "'attack on Putin's residence'", None)], "distanced", "scare"),
    ('Lavrov: "Ukraine attacked Putin\'s residence" on Monday.',
     [("quote", "direct", None, '"Ukraine attacked Putin\'s residence"', None)], "attributed",
     "quote"),
    ("If confirmed, the attack on Putin's residence would end the talks.",
     [("evidentiality", "conditional", None, "If confirmed", None)], "hedged", "conditional"),
    # the annotator's "accusing cue" that is the claim's own verb is not an attribution
    ("Drones attacked Putin's residence overnight.",
     [("attribution", "accusing", "cue", "attacked", "g"),
      ("attribution", "content", "content", "Putin's residence overnight", "g")],
     "asserted", "no attribution"),
    ("Moscow claimed that Ukraine attacked Putin's residence, which could not be verified.",
     [("attribution", "distancing", "cue", "claimed", "g"),
      ("evidentiality", "unverified", None, "could not be verified", None)],
     "disputed", "unverified"),
])
def test_claim_sentence_rule(text, spans, status, why):
    a, s = _one_sentence(text, spans)
    row = cell(compare.claims(a, s, fx.CLAIMS, by="sentence"), claim="residence_attack")
    assert row["status"] == status
    assert why in row["reason"]


def test_claims_article_dispute_scope(data):
    a, s, _ = data
    m = compare.claims(a, s, fx.CLAIMS, dispute_scope="article")
    wire = cell(m, claim="residence_attack", outlet="Wire Agency")
    assert wire["status"] == "disputed" and "denial" in wire["reason"]
    # an asserting outlet stays asserted
    assert cell(m, claim="residence_attack", outlet="State News")["status"] == "asserted"


def test_claims_outlet_precedence_over_articles(data):
    a, s, _ = data
    # a second State News article that only attributes: the outlet still asserts somewhere
    extra = a[a["article_id"] == "wire1"].copy()
    extra["article_id"] = "state3"
    extra["outlet"] = "State News"
    s3 = s[s["article_id"] == "wire1"].copy()
    s3["article_id"] = "state3"
    m = compare.claims(pd.concat([a, extra]), pd.concat([s, s3]), fx.CLAIMS)
    st = cell(m, claim="residence_attack", outlet="State News")
    assert st["status"] == "asserted" and st["article_id"] == "state1"
    assert st["n_asserted"] == 1 and st["n_attributed"] == 1 and st["n_articles"] == 2


def test_claims_accepts_story_models_and_falls_back_without_sentence_layer(data):
    from toolkit.story import Story

    a, s, _ = data
    story = Story(title="T", claims=fx.CLAIMS)
    no_sent = s[s["layer"] != "sentence"]
    m1 = compare.claims(a, s, story)
    m2 = compare.claims(a, no_sent, story.claims)
    assert list(m1["status"]) == list(m2["status"])
    assert list(m1["evidence"].fillna("")) == list(m2["evidence"].fillna(""))


def test_headline_gap(data):
    a, s, _ = data
    g = compare.headline_gap(a, s, fx.CLAIMS)
    assert set(g["article_id"]) == {"nat1", "agg1"}
    nat = cell(g, article_id="nat1")
    assert nat["claim"] == "residence_attack" and nat["body_status"] == "hedged"
    assert nat["evidence"].startswith("The alleged attack")
    assert nat["title"] == "Drone attack on Putin's residence sparks fears"
    agg = cell(g, article_id="agg1")  # no claim pattern: headline words restated with "said"
    assert agg["body_status"] == "attributed" and "said" in agg["reason"]
    # without claims the lexical rule still finds both (possessives and plurals folded)
    lex = compare.headline_gap(a, s)
    assert set(lex["article_id"]) == {"nat1", "agg1"}
    assert cell(lex, article_id="nat1")["body_status"] == "hedged"
    # a headline that attributes is never a gap (wire1, copy1), nor one asserting what the body
    # also asserts (state1)
    assert not {"wire1", "copy1", "state1"} & set(g["article_id"])


def test_syndication(data):
    syn = compare.syndication(data[0])
    copy = cell(syn, outlet="Daily Copy")
    assert copy["copied"] and copy["origin_outlet"] == "Wire Agency" and copy["copied_share"] == 1.0
    wire = cell(syn, outlet="Wire Agency")
    assert not wire["copied"] and wire["copied_share"] == 0.0
    # without dedup columns every article is the outlet's own
    plain = compare.syndication(data[0].drop(columns=["syndicate_id", "is_original"]))
    assert not plain["copied"].any()


def test_loaded_terms_and_tone(data):
    a, s, f = data
    lt = compare.loaded_terms(a, s, top=1)
    st = cell(lt, outlet="State News")
    assert st["term"] == "kyiv regime" and st["count"] == 2
    assert st["category"] == "Name_Calling-Labeling" and st["rank"] == 1
    assert len(compare.loaded_terms(a, s, top=5).query("outlet == 'State News'")) == 2
    t = compare.tone(a, f)
    assert cell(t, outlet="State News", part="body")["mean"] == pytest.approx(-0.8)
    assert cell(t, outlet="State News", part="headline")["median"] == pytest.approx(-0.6)


@pytest.mark.parametrize("name", ["coverage", "timing", "syndication"])
def test_empty_inputs_articles_only(name):
    out = getattr(compare, name)(empty_articles())
    assert out.empty and len(out.columns) > 3


def test_empty_inputs_with_spans(data):
    a, s, f = data
    ea, es = empty_articles(), empty_spans()
    for fn in (compare.voices, compare.stance, compare.evidentiality, compare.loaded_terms):
        assert fn(ea, es).empty
        assert fn(ea, s).empty
    assert compare.voices(a, es).empty
    assert compare.claims(ea, es, fx.CLAIMS).empty
    assert compare.claims(a, s, {}).empty
    assert set(compare.claims(a, es, fx.CLAIMS)["status"]) <= set(compare.STATUSES)
    assert compare.headline_gap(ea, es).empty
    assert compare.tone(ea, f).empty and compare.tone(a, f.iloc[0:0]).empty
    assert "status" in compare.claims(ea, es, fx.CLAIMS, by="article").columns


def test_scales_to_2000_articles_500k_spans(data):
    a0, s0, _ = data
    a0 = a0[a0["status"] == "ok"]
    reps = 250  # 8 ok articles x 250 = 2,000 articles
    rng = np.random.default_rng(0)
    arts, spans = [], []
    for i in range(reps):
        a = a0.copy()
        a["article_id"] = a["article_id"] + f"-{i}"
        a["outlet"] = a["outlet"] + f" {i % 200}"
        arts.append(a)
        s = s0.copy()
        s["article_id"] = s["article_id"] + f"-{i}"
        spans.append(s)
    a = pd.concat(arts, ignore_index=True)
    s = pd.concat(spans, ignore_index=True)
    # pad with loaded/actor spans up to 500k rows
    n = 500_000 - len(s)
    pad = pd.DataFrame({
        "article_id": rng.choice(a["article_id"].to_numpy(), n), "layer": "loaded",
        "label": "Loaded_Language", "start": 0, "end": 4, "in_title": False,
        "text": rng.choice(["word", "term", "regime", "thug"], n), "sentence": 0,
        "group": None, "role": None, "rule": "pad", "attrs": [{}] * n,
    })
    s = coerce_spans(pd.concat([s, pad], ignore_index=True))
    t0 = time.perf_counter()
    for fn in (compare.voices, compare.stance, compare.evidentiality, compare.loaded_terms):
        assert not fn(a, s).empty
    m = compare.claims(a, s, fx.CLAIMS)
    g = compare.headline_gap(a, s, fx.CLAIMS)
    elapsed = time.perf_counter() - t0
    assert len(m) == 2 * a["outlet"].nunique()
    assert len(g) == 2 * reps
    assert elapsed < 30, f"comparisons took {elapsed:.1f}s"


# --- end to end on the demo corpus ----------------------------------------------------

@pytest.fixture(scope="module")
def demo():
    from toolkit import paths

    if not paths.DEMO_STORY.exists():
        pytest.skip(f"demo corpus not found at {paths.DEMO_DIR}")
    from toolkit import dedup
    from toolkit.annotate import annotate
    from toolkit.load.files import from_html
    from toolkit.story import load_story

    story = load_story(paths.DEMO_STORY)
    arts = story.select(dedup.syndication(from_html(paths.DEMO_DIR, progress=False)))
    ann = annotate(arts, lexicons=story.lexicon_extension(), progress=False)
    return story, arts, ann.spans, ann.features


@pytest.mark.slow
def test_demo_claims_matrix_matches_the_demo_readme(demo):
    story, a, s, f = demo
    m = compare.claims(a, s, story)
    got = m[m["claim"] == "attack_on_residence"].set_index("outlet")
    assert got.loc["Velmora Today", "status"] == "asserted"
    for outlet in ("Meridian Wire", "NewsPulse", "Harbourside Gazette"):  # the wire and its copies
        assert got.loc[outlet, "status"] == "attributed", outlet
    assert got.loc["The Lindmark Chronicle", "status"] in ("distanced", "disputed")
    assert got.loc["FactLantern", "status"] == "disputed"
    assert got.loc["Velmora Today", "evidence"]  # every decided cell has its sentence
    assert (got["status"] == "absent").eq(got["evidence"].isna()).all()
    # the Russian pages, annotated with the Russian lexicons and matched by the story's
    # Russian patterns: the state outlet asserts, the independent one distances
    by_art = compare.claims(a, s, story, by="article")
    ru = by_art[(by_art["claim"] == "attack_on_residence")
                & by_art["article_id"].isin(a.loc[a["language"] == "ru", "article_id"])].set_index("outlet")
    assert ru.loc["Velmora Segodnya", "status"] == "asserted"
    assert ru.loc["Korsgrad Courier", "status"] == "distanced"
    assert "утверждает" in ru.loc["Korsgrad Courier", "reason"]
    gap = compare.headline_gap(a, s, story)
    assert any(u.startswith("https://dailyflash.example/") for u in gap["url"])
    syn = compare.syndication(a)
    copies = syn[syn["copied"]].set_index("outlet")["origin_outlet"]
    assert copies.get("NewsPulse") == "Meridian Wire"
    assert copies.get("Harbourside Gazette") == "Meridian Wire"
    # the revised LBS story counts once
    cov = compare.coverage(a)
    assert cov.loc[cov["outlet"] == "LBS News", "articles"].sum() == 2


def test_minimal_tables_without_optional_columns():
    # no status, dates, types or dedup columns; spans without group/role/attrs/in_title
    a = pd.DataFrame({"article_id": ["x", "y"], "title": ["Attack on Putin's residence", "b"],
                      "text": ["Drones attacked Putin's residence.", "c"],
                      "outlet": ["O", None], "domain": ["o.example", "p.example"]})
    s = pd.DataFrame({"article_id": ["x"], "layer": ["loaded"], "label": ["Loaded_Language"],
                      "start": [0], "end": [6], "text": ["Drones"]})
    assert set(compare.coverage(a)["outlet"]) == {"O", "p.example"}  # domain stands in
    t = compare.timing(a)
    assert t["first_published"].isna().all() and len(t) == 2
    assert not compare.syndication(a)["copied"].any()
    assert compare.loaded_terms(a, s)["term"].tolist() == ["drones"]
    m = compare.claims(a, s, fx.CLAIMS).set_index(["claim", "outlet"])
    assert m.loc[("residence_attack", "O"), "status"] == "asserted"
    assert m.loc[("residence_attack", "p.example"), "status"] == "absent"
    assert compare.headline_gap(a, s, fx.CLAIMS).empty  # the body asserts it too
