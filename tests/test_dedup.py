"""Tests of toolkit.dedup: wire copies cluster, different stories on one event do not."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from toolkit import schema
from toolkit.dedup import DEFAULT_THRESHOLD, clusters, shingles, similarity, syndication

# A wire story and two independent reports of the same (invented) event. The two reports
# quote the same official sentence, as different outlets covering one event do.
WIRE = [
    "Air defence units shot down a swarm of drones over the northern port of Velmar early on "
    "Tuesday, the regional governor said, adding that falling debris started a fire at a grain "
    "terminal and damaged two warehouses near the harbour.",
    "\"Our crews worked through the night and the fire is now contained,\" Governor Anton Reisky "
    "wrote on his official channel. \"There are no casualties among the port workers.\"",
    "The defence ministry said in a statement that 41 unmanned aerial vehicles had been "
    "intercepted across four regions, most of them over the coast. The claim could not be "
    "independently verified.",
    "Officials in the neighbouring country did not comment directly on the attack but said its "
    "forces were striking fuel and logistics sites used to supply troops at the front.",
    "Velmar handles a large share of the region's grain exports, and insurers have raised "
    "premiums for ships calling at the port since strikes on its terminals began last summer.",
    "Satellite images taken on Tuesday afternoon and reviewed by the agency showed a plume of "
    "smoke drifting east from the terminal, where several storage silos appeared blackened.",
    "Shipping data showed at least three bulk carriers waiting at anchor outside the harbour "
    "while port authorities inspected berths for damage from the debris.",
    "The governor said residents of two nearby streets had been moved to a school overnight "
    "and would be allowed to return home once engineers had checked the buildings.",
]

REPORT_A = [
    "A grain terminal in the port city of Velmar was on fire on Tuesday morning after what local "
    "authorities described as a mass drone raid, the latest in a string of attacks on the "
    "country's export infrastructure.",
    "\"Our crews worked through the night and the fire is now contained,\" Governor Anton Reisky "
    "wrote on his official channel.",
    "Residents told our correspondent they were woken around 3 a.m. by the sound of anti-aircraft "
    "guns and saw a bright flash over the harbour before the sirens began.",
    "Market analysts warned that repeated disruption at Velmar could push up wheat prices in "
    "North Africa and the Middle East, where much of the cargo shipped from the port ends up.",
    "The ministry's tally of 41 drones was not confirmed by any other source, and the other "
    "side has made no statement on the raid.",
    "Dock workers' unions have demanded better shelters on the quays, saying the existing "
    "bunkers are too far from the berths to be reached during a short warning.",
]

REPORT_B = [
    "Drone debris sparked a blaze at the port of Velmar overnight, officials said on Tuesday, "
    "as the war over shipping routes in the region showed no sign of easing.",
    "Governor Anton Reisky said that nobody had been hurt. \"Our crews worked through the night "
    "and the fire is now contained,\" he wrote.",
    "Opposition politicians in the capital questioned why air defences had again failed to "
    "protect the terminal, which had already been hit twice in August.",
    "An economist at a local university said that each day the terminal stays closed costs "
    "exporters several million dollars in delayed contracts and storage fees.",
    "Video posted by residents and geolocated by our team shows at least two explosions near the "
    "silos, followed by a fire that burned for several hours.",
    "The port's operator said it expected loading to resume at undamaged berths within two days.",
]


def body(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def row(aid: str, text: str, published: str | None, title: str = "Headline", **extra) -> dict:
    r = {"article_id": aid, "title": title, "text": text, "status": "ok", "source_kind": "web",
         "published": published, "retrieved": "2026-01-05T00:00:00Z"}
    r.update(extra)
    return r


def wire_copy(paragraphs: list[str], credit: str | None) -> str:
    """A republished copy: last paragraph trimmed, a few words edited, a credit line."""
    kept = [p.replace("defence", "defense").replace("neighbouring", "neighboring")
            for p in paragraphs[:-1]]
    if credit:
        kept.append(credit)
    return body(kept)


def test_wire_copy_with_new_headline_and_trimmed_end_is_one_cluster() -> None:
    original = body(WIRE)
    copy1 = wire_copy(WIRE, "This story was provided by Northwire News Agency.")
    copy2 = wire_copy(WIRE[:-1], None)  # two paragraphs trimmed
    assert similarity(original, copy1) > 0.8
    assert similarity(original, copy1, measure="jaccard") < similarity(original, copy1)
    df = schema.coerce_articles([
        row("copy-late", copy1, "2025-12-30T09:00:00Z", title="Port ablaze after drone raid"),
        row("wire", original, "2025-12-30T06:00:00Z", title="Drones downed over Velmar"),
        row("copy-early", copy2, "2025-12-30T07:30:00Z", title="Velmar grain terminal burns"),
        row("report-a", body(REPORT_A), "2025-12-30T08:00:00Z"),
        row("report-b", body(REPORT_B), "2025-12-30T05:00:00Z"),
    ])
    out = syndication(df, progress=False)
    by_id = out.set_index("article_id")
    assert set(by_id.loc[["wire", "copy-late", "copy-early"], "syndicate_id"]) == {"wire"}
    assert by_id.loc["wire", "is_original"]
    assert not by_id.loc["copy-late", "is_original"] and not by_id.loc["copy-early", "is_original"]
    # different stories on the same event, sharing a quote, stay apart
    assert pd.isna(by_id.loc["report-a", "syndicate_id"])
    assert pd.isna(by_id.loc["report-b", "syndicate_id"])
    assert by_id.loc["report-a", "is_original"] and by_id.loc["report-b", "is_original"]
    assert similarity(body(REPORT_A), body(REPORT_B)) < 0.1
    assert similarity(body(REPORT_A), original) < 0.15
    assert out["syndicate_id"].dtype == "string" and out["is_original"].dtype == "boolean"
    assert list(clusters(out)) == [["copy-late", "wire", "copy-early"]]
    schema.validate(out)


def test_original_ties_and_unknown_dates() -> None:
    text = body(WIRE)
    df = schema.coerce_articles([
        row("b", text, None),  # unknown date sorts last
        row("c", text, "2025-12-30T06:00:00Z", retrieved="2026-01-02T00:00:00Z"),
        row("a", text, "2025-12-30T06:00:00Z", retrieved="2026-01-03T00:00:00Z"),
        row("d", text, "2025-12-30T06:00:00Z", retrieved="2026-01-02T00:00:00Z"),
    ])
    out = syndication(df, progress=False).set_index("article_id")
    # same publication time: earlier retrieval wins, then the smaller article_id
    assert out["is_original"].to_dict() == {"b": False, "c": True, "a": False, "d": False}
    assert set(out["syndicate_id"]) == {"c"}


def test_any_index_and_plain_frames() -> None:
    text = body(WIRE)
    df = pd.DataFrame([row("x", text, "2025-12-30T08:00:00Z"), row("y", text, "2025-12-30T07:00:00Z")],
                      index=[5, 5])
    out = syndication(df, progress=False)
    assert list(out.index) == [5, 5]
    assert out["syndicate_id"].tolist() == ["y", "y"]
    assert out["is_original"].tolist() == [False, True]


def test_rows_not_compared() -> None:
    text = body(WIRE)
    df = schema.coerce_articles([
        row("ok", text, "2025-12-30T06:00:00Z"),
        row("pay", text, "2025-12-30T05:00:00Z", status="paywalled"),
        row("short", " ".join(text.split()[:20]), "2025-12-30T04:00:00Z"),
        row("none", None, "2025-12-30T04:00:00Z"),
    ])
    out = syndication(df, progress=False)
    assert out["syndicate_id"].isna().all()
    assert out["is_original"].all()
    empty = syndication(schema.empty_articles(), progress=False)
    assert empty.empty and {"syndicate_id", "is_original"} <= set(empty.columns)


def test_similarity_and_shingles() -> None:
    assert shingles("One two three four five six") == {"one two three four five",
                                                       "two three four five six"}
    assert shingles("Too short") == {"too short"}
    assert shingles(None) == set()
    assert similarity("a b c d e f g", "a b c d e f g") == 1.0
    assert similarity("", "a b c d e") == 0.0
    assert similarity("a b c d e f", "a b c d e x", measure="jaccard") == pytest.approx(1 / 3)
    with pytest.raises(ValueError, match="measure"):
        similarity("a", "b", measure="cosine")
    with pytest.raises(ValueError, match="threshold"):
        syndication(schema.empty_articles(), threshold=0)


# --- how the threshold was chosen ------------------------------------------------------------

VOCAB = (
    "government officials ministry defence army troops forces region city port border attack "
    "strike drone missile air units night morning week talks peace deal sanctions president "
    "minister spokesman governor residents workers police fire damage debris building damaged "
    "reported according statement claimed denied warned added told reporters sources agency "
    "data shows images video analysts market prices grain oil gas exports shipping ships "
    "insurance costs budget parliament vote opposition election court ruling law report "
    "investigation evidence witnesses hospital injured killed civilians children homes power "
    "electricity water supplies aid humanitarian convoy bridge road railway station airport"
).split()
FILLER = "the a of in on to and at for with by from that was were has had is are it its".split()
STOCK = [
    "said in a statement on Monday", "according to the defence ministry",
    "could not be independently verified", "told reporters in the capital",
    "did not immediately respond to a request for comment", "officials said on Tuesday",
    "the regional governor said", "in a post on social media",
]


def sentence(rng: random.Random) -> str:
    n = rng.randint(12, 26)
    toks = [rng.choice(VOCAB) if rng.random() < 0.6 else rng.choice(FILLER) for _ in range(n)]
    if rng.random() < 0.3:
        toks.insert(rng.randint(0, n), rng.choice(STOCK))
    return " ".join(toks).capitalize() + "."


def story(rng: random.Random, quotes: list[str] = ()) -> list[str]:
    paras = [" ".join(sentence(rng) for _ in range(rng.randint(2, 4)))
             for _ in range(rng.randint(7, 13))]
    for q in quotes:
        i = rng.randrange(len(paras))
        paras[i] = paras[i] + f' "{q}"'
    return paras


def variant(rng: random.Random, paras: list[str]) -> list[str]:
    """A republished copy: 1-3 end paragraphs trimmed, maybe a middle one dropped, 0-3 words
    changed per paragraph, often a credit line."""
    out = paras[:-rng.randint(1, 3)]
    if rng.random() < 0.5 and len(out) > 4:
        del out[rng.randrange(1, len(out) - 1)]
    edited = []
    for p in out:
        toks = p.split()
        for _ in range(rng.randint(0, 3)):
            toks[rng.randrange(len(toks))] = rng.choice(VOCAB)
        edited.append(" ".join(toks))
    if rng.random() < 0.7:
        edited.append(f"This story was provided by {rng.choice(['Northwire', 'AgencyX', 'PressLine'])}.")
    return edited


def measure_pairs(n: int = 400, seed: int = 11) -> tuple[list[float], list[float]]:
    """Containment of (original, copy) pairs and of (story, other story on the same event)."""
    rng = random.Random(seed)
    copies, related = [], []
    for _ in range(n):
        base = story(rng)
        copies.append(similarity(body(base), body(variant(rng, base))))
        quotes = [sentence(rng) for _ in range(rng.randint(0, 4))]
        related.append(similarity(body(story(rng, quotes)), body(story(rng, quotes))))
    return copies, related


def test_threshold_margin() -> None:
    """The default threshold sits with a margin between copies and related stories."""
    copies, related = measure_pairs()
    assert min(copies) > DEFAULT_THRESHOLD + 0.1, min(copies)
    assert max(related) < DEFAULT_THRESHOLD - 0.1, max(related)


def test_lsh_finds_copies_at_scale() -> None:
    """LSH recall and precision over many generated stories and their copies."""
    rng = random.Random(5)
    rows, truth = [], {}
    for s in range(150):
        base = story(rng, [sentence(rng)] if s % 2 else [])
        rows.append(row(f"s{s}", body(base), f"2025-12-{1 + s % 28:02d}T06:00:00Z"))
        truth[f"s{s}"] = f"s{s}"
        for c in range(s % 3):
            rows.append(row(f"s{s}c{c}", body(variant(rng, base)), "2025-12-30T06:00:00Z"))
            truth[f"s{s}c{c}"] = f"s{s}"
    out = syndication(schema.coerce_articles(rows), progress=False).set_index("article_id")
    for aid, origin in truth.items():
        expected = origin if aid != origin or any(k.startswith(origin + "c") for k in truth) else None
        got = out.loc[aid, "syndicate_id"]
        assert (None if pd.isna(got) else got) == expected, aid
    assert out.loc[[a for a in truth if "c" not in a[1:]], "is_original"].all()


def test_deterministic() -> None:
    rng = random.Random(3)
    rows = []
    for s in range(30):
        base = story(rng)
        rows += [row(f"s{s}", body(base), None), row(f"s{s}x", body(variant(rng, base)), None)]
    df = schema.coerce_articles(rows)
    a = syndication(df, progress=False)
    b = syndication(df.sample(frac=1, random_state=0).reset_index(drop=True), progress=False)
    pd.testing.assert_series_equal(
        a.set_index("article_id")["syndicate_id"].sort_index(),
        b.set_index("article_id")["syndicate_id"].sort_index(),
    )
