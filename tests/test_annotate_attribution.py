"""The attribution layer: constructions, stances, traps, pronoun resolution, the seed article."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.annotate import attribution
from toolkit.annotate.attribution import CueEntry, cue_entries
from toolkit.annotate.base import Doc, Span
from toolkit.annotate.core import annotate_text
from toolkit.annotate.lexicon import default_lexicons
from toolkit.paths import SEEDS_DIR
from toolkit.schema import CUE_STANCES

LAYERS = ["sentence", "quote", "actor", "attribution"]
SEED = SEEDS_DIR / "000_151587304bd540ae.txt"


def attributions(text: str, layers: list[str] | None = None) -> list[dict]:
    """One dict per group: cue/source/content texts, stance, rule, source attrs."""
    sp = annotate_text(text, layers=layers or LAYERS)
    sp = sp[(sp["layer"] == "attribution") & ~sp["in_title"]]
    out = []
    for g, d in sp.groupby("group", sort=False):
        cue = d[d["role"] == "cue"].iloc[0]
        src = d[d["role"] == "source"]
        out.append(
            {
                "group": g,
                "cue": cue["text"],
                "stance": cue["label"],
                "rule": cue["rule"],
                "source": src["text"].iloc[0] if len(src) else None,
                "attrs": src["attrs"].iloc[0] if len(src) else {},
                "content": [t for t in d[d["role"] == "content"]["text"]],
                "labels": set(d["label"]),
            }
        )
    return out


def one(text: str, cue: str) -> dict:
    found = [a for a in attributions(text) if a["cue"].lower().startswith(cue.lower())]
    assert found, f"no attribution with cue {cue!r} in {text!r}: {attributions(text)}"
    return found[0]


# --- the lexicon ------------------------------------------------------------------------------


def test_lexicon_header_and_entries_validate() -> None:
    lex = default_lexicons()
    assert "reporting_verbs" in lex.names
    header = lex.files["reporting_verbs"]
    assert header.language == "en" and header.source
    entries = cue_entries(lex)
    assert len(entries) > 300
    by_lemma = {(e.lemma, e.pos): e for e in entries}
    assert by_lemma[("claim", "verb")].stance == "distancing"
    assert by_lemma[("claim", "verb")].needs_clause
    assert by_lemma[("say", "verb")].stance == "neutral"
    assert by_lemma[("according to", "phrase")].forms == ["according to"]
    assert {e.stance for e in entries} == set(CUE_STANCES)


def test_entry_model_rejects_bad_entries() -> None:
    with pytest.raises(ValueError):
        CueEntry.model_validate({"lemma": "x", "stance": "sarcastic", "forms": ["x"]})
    with pytest.raises(ValueError):
        CueEntry.model_validate({"lemma": "x", "stance": "neutral", "forms": []})
    with pytest.raises(ValueError):
        CueEntry.model_validate({"lemma": "x", "stance": "neutral", "forms": ["x"], "prior": 2})
    e = CueEntry.model_validate(
        {"lemma": "say", "stance": "neutral", "forms": ["Says", "said"], "form_prior": {"said": 0.9}}
    )
    assert e.forms == ["says", "said"] and e.prior_of("said") == 0.9 and e.prior_of("says") == 0.9


# --- constructions ---------------------------------------------------------------------------


def test_x_said_that() -> None:
    a = one("The minister said that the talks would resume.", "said")
    assert a["source"] == "The minister"
    assert a["content"] == ["that the talks would resume"]
    assert a["rule"].startswith("X_said:reporting_verbs:say")


def test_tail_x_said() -> None:
    a = one("The talks will resume next week, the minister said.", "said")
    assert a["source"] == "the minister"
    assert a["content"] == ["The talks will resume next week"]


def test_said_x_inverted() -> None:
    a = one("“The talks will resume,” said John Smith, a senior official.", "said")
    assert a["source"].startswith("John Smith")
    assert a["content"][0].startswith("“The talks will resume")
    assert a["rule"].startswith("said_X")


def test_quote_then_speaker() -> None:
    a = one("“We will not back down,” the minister said.", "said")
    assert a["source"] == "the minister"
    assert a["content"] == ["“We will not back down,”"]


def test_told_reporters() -> None:
    a = one("John Smith told reporters the talks would resume.", "told")
    assert a["source"] == "John Smith"
    assert a["content"] == ["the talks would resume"]
    b = one("John Smith told reporters that the talks would resume.", "told")
    assert b["content"] == ["that the talks would resume"]


def test_according_to() -> None:
    a = one("According to the ministry, 91 drones were destroyed.", "according to")
    assert a["source"] == "the ministry"
    assert a["content"] == ["91 drones were destroyed"]
    assert a["rule"].startswith("according_to_X")
    b = one("Ninety-one drones were destroyed, according to the ministry.", "according to")
    assert b["source"] == "the ministry" and b["content"] == ["Ninety-one drones were destroyed"]


def test_who_clause_between_source_and_cue() -> None:
    a = one("John Smith, who leads the delegation, said the talks would resume.", "said")
    assert a["source"] == "John Smith"
    assert a["content"] == ["the talks would resume"]
    assert a["rule"].startswith("X_who_said")


def test_said_in_a_statement() -> None:
    a = one("John Smith said in a statement that the talks would resume.", "said")
    assert a["cue"] == "said in a statement"
    assert a["content"] == ["that the talks would resume"]


def test_passives() -> None:
    a = one("It was claimed that the drones came from Ukraine.", "claimed")
    assert a["source"] is None and a["stance"] == "distancing"
    assert a["content"] == ["that the drones came from Ukraine"]
    assert a["rule"].startswith("passive:")
    b = one("John Smith was accused of lying.", "accused")
    assert b["source"] is None and b["stance"] == "accusing"
    assert "John Smith" in b["content"]


def test_noun_cues() -> None:
    a = one("Smith's claim that the drones came from Ukraine was never proven.", "claim")
    assert a["source"] == "Smith's" and a["stance"] == "distancing"
    assert a["content"][0].startswith("that the drones came from Ukraine")
    b = one("The claim by Smith that drones came from Ukraine was false.", "claim")
    assert b["source"] == "Smith" and b["rule"].startswith("claim_by_X")
    c = one("There were allegations that the vote was rigged.", "allegations")
    assert c["stance"] == "distancing" and c["content"] == ["that the vote was rigged"]


def test_multi_sentence_quote_is_one_group() -> None:
    text = "“We will not back down. The talks will resume. Nothing has changed,” the minister said."
    atts = attributions(text)
    assert len(atts) == 1
    a = atts[0]
    joined = " ".join(a["content"])
    for part in ("We will not back down.", "The talks will resume.", "Nothing has changed"):
        assert part in joined
    # and a quotation continuing after its speaker joins the same group
    text2 = "“We will not back down,” the minister said. “The talks will resume next week in Geneva.”"
    atts2 = attributions(text2)
    assert len(atts2) == 1
    assert any("Geneva" in c for c in atts2[0]["content"])


def test_inflections_and_participles() -> None:
    for text, cue in [
        ("Smith says the vote was rigged.", "says"),
        ("Smith has claimed that the vote was rigged.", "claimed"),
        ("Smith is asserting that the vote was rigged.", "asserting"),
        ("The president is saying that nothing happened.", "saying"),
    ]:
        a = one(text, cue)
        assert a["source"] in ("Smith", "The president"), (text, a)
    text = "Smith claimed the vote was rigged, asserting that 91 ballots were forged."
    a = one(text, "asserting")
    assert a["source"] == "Smith" and a["rule"].startswith("participle:")
    assert a["content"] == ["that 91 ballots were forged"]
    b = one(text, "claimed")
    assert "asserting" not in " ".join(b["content"])


@pytest.mark.parametrize(
    ("text", "cue", "stance"),
    [
        ("The minister said the talks would resume.", "said", "neutral"),
        ("The minister warned that the talks could fail.", "warned", "neutral"),
        ("The minister claimed that the talks would resume.", "claimed", "distancing"),
        ("The minister alleged that the vote was rigged.", "alleged", "distancing"),
        ("The minister insisted that the talks would resume.", "insisted", "distancing"),
        ("The minister confirmed that the talks would resume.", "confirmed", "endorsing"),
        ("The minister admitted that the talks had failed.", "admitted", "endorsing"),
        ("The minister revealed that the talks had failed.", "revealed", "endorsing"),
        ("The minister accused Ukraine of sabotage.", "accused", "accusing"),
        ("The government blamed the opposition for the unrest.", "blamed", "accusing"),
        ("The ministry denied that troops had crossed the border.", "denied", "denying"),
        ("The ministry rejected claims that troops had crossed the border.", "rejected", "denying"),
        ("The ministry dismissed the report as propaganda.", "dismissed", "denying"),
    ],
)
def test_stances(text: str, cue: str, stance: str) -> None:
    a = one(text, cue)
    assert a["stance"] == stance
    assert a["labels"] == {stance}  # source and content carry the cue's stance
    assert a["source"] is not None


@pytest.mark.parametrize(
    "text",
    [
        "The fire claimed three lives on Sunday.",
        "She claimed the title in 2019.",
        "A man named Said was arrested.",
        "Said was born in Cairo.",
        "The reported attack on the residence caused panic.",
        "An alleged plot was foiled.",
    ],
)
def test_traps_have_no_attribution(text: str) -> None:
    assert attributions(text) == []


def test_time_adverb_before_the_clause() -> None:
    a = one("Officials in Velmora claimed today that drones had targeted the residence.", "claimed")
    assert a["stance"] == "distancing" and a["source"] == "Officials in Velmora"
    assert a["content"] == ["that drones had targeted the residence"]


def test_person_named_said() -> None:
    atts = attributions("Said Ahmed said the talks would resume.")
    assert len(atts) == 1
    assert atts[0]["cue"] == "said" and atts[0]["source"] == "Said Ahmed"


def test_no_cue_inside_a_quotation() -> None:
    atts = attributions("“They said it was over, but we claimed victory,” Smith told reporters.")
    assert [a["cue"] for a in atts] == ["told"]


# --- pronoun and generic sources ----------------------------------------------------------


def test_pronoun_resolves_to_nearest_named_speaker() -> None:
    text = (
        "Foreign Minister Sergei Lavrov spoke in Moscow on Monday. Lavrov said the attack was "
        "planned. He accused Ukraine of terrorism. The ministry denied any talks."
    )
    atts = attributions(text)
    he = one(text, "accused")
    assert he["source"] == "He"
    assert he["attrs"]["resolved_from"] == "He"
    assert he["attrs"]["canonical"] == "Sergei Lavrov"
    said = one(text, "said")
    assert said["attrs"]["canonical"] == "Sergei Lavrov"  # "Lavrov" widened to the full name
    ministry = one(text, "denied")
    assert ministry["source"] == "The ministry" and ministry["attrs"]["resolved_from"] == "The ministry"
    assert "canonical" in ministry["attrs"]
    assert len({a["group"] for a in atts}) == len(atts)


def test_generic_person_resolves_to_last_speaker() -> None:
    text = ("Foreign Minister Ruslan Dravin said 47 drones were launched at President Arkady "
            "Tolvin's residence. The furious minister warned that it would not go unanswered.")
    a = one(text, "warned")
    assert a["source"] == "The furious minister"
    assert a["attrs"] == {"resolved_from": "The furious minister", "canonical": "Ruslan Dravin"}
    assert one(text, "said")["attrs"]["canonical"] == "Ruslan Dravin"  # title dropped


def test_actor_spans_give_canonical_names() -> None:
    text = "The Kremlin said the strike was planned. It denied any talks."
    doc = Doc(text=text, lexicons=default_lexicons(), sentences=[(0, 40), (41, len(text))])
    doc.previous["actor"] = [
        Span("actor", "organisation", 4, 11, "test", attrs={"canonical": "Kremlin (Russian presidency)",
                                                             "type": "organisation"})
    ]
    spans = attribution.annotate(doc)
    src = [s for s in spans if s.role == "source"]
    assert src[0].attrs["canonical"] == "Kremlin (Russian presidency)"
    assert src[1].attrs == {"resolved_from": "It", "canonical": "Kremlin (Russian presidency)"}


def test_layer_alone_without_sentences_or_previous_layers() -> None:
    doc = Doc(text="Smith said the vote was rigged. Jones denied it.", lexicons=None)
    spans = attribution.annotate(doc)
    cues = [(s.label, doc.text[s.start : s.end]) for s in spans if s.role == "cue"]
    assert cues == [("neutral", "said"), ("denying", "denied")]
    assert all(0 <= s.start < s.end <= len(doc.text) for s in spans)


def test_offsets_groups_and_roles_are_well_formed() -> None:
    text = ("“The talks will resume,” said John Smith. According to officials, 91 drones were "
            "shot down. Jones insisted the report was false, adding that nothing had happened.")
    sp = annotate_text(text, layers=LAYERS)
    att = sp[sp["layer"] == "attribution"]
    assert not att.empty
    for row in att.itertuples():
        assert text[row.start : row.end] == row.text
        assert row.role in ("source", "cue", "content")
        assert row.label in CUE_STANCES
    per_group = att.groupby("group")["role"].apply(lambda r: (r == "cue").sum())
    assert (per_group == 1).all()
    again = annotate_text(text, layers=LAYERS)
    pd.testing.assert_frame_equal(sp, again)


@pytest.mark.parametrize("text", ["", "   ", "said", "“", "\u201c\u201d said , ,", "According to"])
def test_degenerate_inputs(text: str) -> None:
    sp = annotate_text(text, layers=LAYERS)
    for row in sp.itertuples():
        assert 0 <= row.start < row.end <= len(text)


# --- the seed article --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_attributions() -> list[dict]:
    if not SEED.exists():
        pytest.skip(f"seed article {SEED} is absent (needs ../shared; set TOOLKIT_SHARED)")
    from toolkit.load.text import from_text

    articles = from_text([SEED], progress=False)
    assert articles["status"].iloc[0] == "ok", articles["status_detail"].iloc[0]
    return attributions(str(articles["text"].iloc[0]))


@pytest.mark.shared
def test_seed_lavrov_distancing(seed_attributions: list[dict]) -> None:
    by_cue: dict[str, dict] = {}
    for a in seed_attributions:
        by_cue.setdefault(a["cue"], a)  # the first occurrence of each cue
    for cue in ("claimed", "asserting", "insisted"):
        a = by_cue[cue]
        assert a["stance"] == "distancing", a
        assert a["attrs"].get("canonical") == "Sergei Lavrov", a
    assert "Lavrov" in by_cue["insisted"]["source"]


@pytest.mark.shared
def test_seed_he_accused(seed_attributions: list[dict]) -> None:
    a = [x for x in seed_attributions if x["cue"] == "accused"][0]
    assert a["stance"] == "accusing"
    assert a["source"] == "He"
    assert a["attrs"] == {"resolved_from": "He", "canonical": "Sergei Lavrov"}
    assert a["content"][0].startswith("Ukraine of being behind")


@pytest.mark.shared
def test_seed_analysts_say(seed_attributions: list[dict]) -> None:
    a = [x for x in seed_attributions if x["cue"] == "say"][0]
    assert a["source"] == "Analysts" and a["stance"] == "neutral"
    assert a["content"][0].startswith("this follows a familiar pattern")


def test_user_extension_adds_a_cue() -> None:
    from toolkit.annotate.lexicon import load_lexicons

    text = "The senator harrumphed that the bill was a disgrace."
    assert attributions(text) == []
    lex = load_lexicons({"reporting_verbs": [
        {"lemma": "harrumph", "stance": "distancing", "forms": ["harrumphed", "harrumphs"]}
    ]})
    sp = annotate_text(text, layers=LAYERS, lexicons=lex)
    cue = sp[(sp["layer"] == "attribution") & (sp["role"] == "cue")]
    assert list(cue["text"]) == ["harrumphed"] and list(cue["label"]) == ["distancing"]
    src = sp[(sp["layer"] == "attribution") & (sp["role"] == "source")]
    assert list(src["text"]) == ["The senator"]


# --- the benchmark script ---------------------------------------------------------------------


def test_baseline_predictions_are_well_formed() -> None:
    import importlib.util

    from toolkit.paths import ROOT

    spec = importlib.util.spec_from_file_location("bench_attr", ROOT / "benchmarks" / "attribution.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    text = "“We will win,” Smith said. According to officials, the vote was close. Jones denied it."
    base = bench.predict_baseline(text)
    assert [text[a["cue"][0][0] : a["cue"][0][1]].lower() for a in base] == ["said", "according to", "denied"]
    ours = bench.predict_toolkit(text, ["sentence", "quote", "attribution"])
    assert len(ours) == 3
    for att in ours:
        assert att["cue"] and all(0 <= s < e <= len(text) for s, e in att["cue"] + att["content"])


@pytest.mark.shared
def test_benchmark_runs_on_a_few_dev_articles(tmp_path) -> None:
    import importlib.util

    from toolkit.paths import BENCHMARKS_DIR, ROOT

    if not (BENCHMARKS_DIR / "attribution" / "dev.jsonl").exists():
        pytest.skip(f"PolNeAR dev split absent from {BENCHMARKS_DIR / 'attribution'} (needs ../shared)")
    spec = importlib.util.spec_from_file_location("bench_attr", ROOT / "benchmarks" / "attribution.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    res = bench.run("dev", 5, tmp_path)
    ours, base = res["toolkit"], res["regex baseline"]
    assert ours["n_articles"] == 5 and (tmp_path / "attribution_dev_toolkit.jsonl").exists()
    assert ours["cue"]["f1"] > base["cue"]["f1"]
    assert ours["content_token"]["f1"] > base["content_token"]["f1"]
    assert ours["source"]["f1"] > 0.7
    assert "cue F1" in bench.report(res, "dev")


# --- rules added with the neighbour-word model ---------------------------------------------------


def test_transcript_speaker_label_is_a_colon_cue() -> None:
    text = ("The two men argued on air.\n\nJOEL BENENSON: This is a man who never ran a negative ad.\n\n"
            "The exchange went on for some time.")
    a = one(text, ":")
    assert a["source"] == "JOEL BENENSON"
    assert a["content"][0].startswith("This is a man")
    assert a["rule"].startswith("X_colon")


@pytest.mark.parametrize("head", ["Breaking", "The Latest", "WATCH"])
def test_headline_kicker_is_no_speaker(head: str) -> None:
    text = f"{head}: Senate Passes The Budget Bill After Long Night\n\nThe vote was close."
    assert not [a for a in attributions(text) if a["cue"] == ":"]


@pytest.mark.parametrize(("label", "found"), [
    ("Joel Benenson Of The Camp", True),   # the colon is the sixth token: the last one looked at
    ("Senator Joel Benenson Of The Camp", False),  # the seventh: too far in for a headline frame
    ("Joel (Benenson)", False),            # a bracket before the colon: no frame
])
def test_headline_frame_colon_window(label: str, found: bool) -> None:
    text = f"The two men argued on air.\n\n{label}: We Will Win The Budget Fight\n\nIt went on."
    got = [a for a in attributions(text) if a["cue"] == ":"]
    assert bool(got) == found
    if found:
        assert got[0]["source"] == label


def test_headline_speaker_still_a_colon_cue() -> None:
    text = "Kasich: We Are Going All The Way To Cleveland\n\nThe governor spoke in Ohio."
    a = one(text, ":")
    assert a["source"] == "Kasich"


def test_nested_cue_goes_to_the_outer_content() -> None:
    # PolNeAR's convention: each word has one role, and the outer attribution keeps the
    # inner report as its content
    text = "The Post reported that Klein said he was gathering material for a new book."
    found = attributions(text)
    assert [a["cue"] for a in found] == ["reported"]
    assert found[0]["source"] == "The Post"
    assert "Klein said he was gathering material" in found[0]["content"][0]


def test_parenthetical_tail_with_a_needs_clause_cue() -> None:
    a = one("This sort of opining, CNN claimed, violates its code of practice.", "claimed")
    assert a["source"] == "CNN"
    assert a["stance"] == "distancing"


def test_fronted_asked_with_a_time() -> None:
    a = one("Asked on Monday whether he would run, Smith said he had not decided.", "said")
    assert a["source"] == "Smith"
    assert any(x["cue"] == "Asked" for x in attributions(
        "Asked on Monday whether he would run, Smith said he had not decided."))


_THREE_CUES = "Officials say the plan will fail. She told them about it. Critics argued against the law."


def _scored(text: str) -> attribution._Analysis:
    """An analysis of ``text`` after candidate scoring, with every scored candidate collected."""
    an = attribution._Analysis(Doc(text=text, lexicons=default_lexicons()))
    an.collect = []
    an.candidates()
    return an


def test_features_with_the_clause_test_passed_in_are_the_same() -> None:
    text = (SEED.read_text(encoding="utf-8") if SEED.exists() else "") + "\n" + _THREE_CUES + (
        " He claimed today that it failed. The claimed attack, he alleged, was staged.")
    an = _scored(text)
    assert len(an.collect) >= 5
    for c in an.collect:
        s0, s1 = an.sent_tok[an._sent[c.i]]
        prev = an.toks[c.i - 1] if c.i > s0 else None
        nxt = an.toks[c.j] if c.j < s1 else None
        plain = an.features(c, prev, nxt, s0, s1)
        assert an.features(c, prev, nxt, s0, s1, an.has_clause(c.j, s1)) == plain
        assert ("clause_follows" in plain) == an.has_clause(c.j, s1)
        assert ("quote_after" in plain) == an.has_mark(c.j, min(s1, c.j + 12))
        assert ("title" in plain) == an.title_case(an._sent[c.i])


def test_neighbour_word_features_are_weighted(monkeypatch) -> None:
    weights = attribution.CONTEXT_WEIGHTS
    assert any(k.startswith("n1=") for k in weights) and any(k.startswith("p1=") for k in weights)

    def odds() -> list[float]:
        an = _scored(_THREE_CUES)
        assert an.collect and all("n1=" + an.toks[c.j].low in an.features(
            c, an.toks[c.i - 1] if c.i else None, an.toks[c.j], *an.sent_range(c.i)) for c in an.collect)
        return [c.odds for c in an.collect]

    with_words = odds()
    monkeypatch.setattr(attribution, "CONTEXT_WEIGHTS", {k: v for k, v in weights.items() if "=" not in k})
    assert odds() != with_words  # the neighbour words move the scores


def test_apply_fit_writes_weights_file_and_entry_contexts(tmp_path) -> None:
    import importlib.util
    import json

    from toolkit.paths import ROOT

    spec = importlib.util.spec_from_file_location("bench_attr", ROOT / "benchmarks" / "attribution.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    (tmp_path / "lexicons").mkdir()
    weights_file = tmp_path / "lexicons" / attribution.WEIGHTS_FILE
    header = {"name": "attribution_weights", "version": 1, "language": "en", "source": "a test"}
    weights_file.write_text(json.dumps({**header, "weights": {"old": 1.0}}), encoding="utf-8")
    entry = {"lemma": "say", "stance": "neutral", "pos": "verb", "forms": ["said"], "context": {"old": 1}}
    other = {"lemma": "deny", "stance": "denying", "pos": "verb", "forms": ["denied"], "context": {"old": 1}}
    (tmp_path / "lexicons" / "reporting_verbs.v1.yml").write_text(
        "name: reporting_verbs\nentries:\n  - " + json.dumps(entry) + "\n  - " + json.dumps(other) + "\n",
        encoding="utf-8",
    )
    fit = {"global": {"next_that": 0.5, "n1=it's": -0.2}, "entries": {"say|verb": {"next_that": 0.3}}}
    bench.apply_fit(fit, root=tmp_path)
    text = weights_file.read_text(encoding="utf-8")
    assert attribution.parse_weights(text) == {"next_that": 0.5, "n1=it's": -0.2}
    assert json.loads(text)["source"] == "a test"  # the header is kept
    lines = (tmp_path / "lexicons" / "reporting_verbs.v1.yml").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[2][4:])["context"] == {"next_that": 0.3}
    assert "context" not in json.loads(lines[3][4:])


def test_packaged_weights_are_read_only_and_validated() -> None:
    import json

    from toolkit.annotate.lexicon import LexiconError

    weights = attribution.CONTEXT_WEIGHTS
    assert len(weights) > 2000 and weights["next_that"] > 0
    with pytest.raises(TypeError):
        weights["next_that"] = 0.0  # type: ignore[index]
    header = {"name": "attribution_weights", "version": 1, "language": "en", "source": "test"}
    with pytest.raises(LexiconError, match=r"w\.json: weight 'next_that' must be a finite number"):
        attribution.parse_weights(json.dumps({**header, "weights": {"next_that": "high"}}), "w.json")
    with pytest.raises(LexiconError, match=r"w\.json: not valid JSON"):
        attribution.parse_weights("{", "w.json")
    with pytest.raises(LexiconError, match=r"w\.json: expected an object"):
        attribution.parse_weights(json.dumps({"weights": {}}), "w.json")


# --- fronted polls and interview initials ----------------------------------------------------------


def test_fronted_poll_is_the_source_of_its_finding() -> None:
    text = ("The race tightened this week. In an NBC News/Wall Street Journal poll released Monday, "
            "50 percent of respondents chose Clinton while 40 percent chose Trump. Both camps responded.")
    a = one(text, "In")
    assert a["cue"] == "In"
    assert a["source"] == "an NBC News/Wall Street Journal poll released Monday"
    assert a["content"][0].startswith("50 percent of respondents chose Clinton")
    assert a["rule"].startswith("in_poll") and a["stance"] == "neutral"


@pytest.mark.parametrize("text", [
    "In Ohio, voters lined up early to cast their ballots on Tuesday.",
    "In his speech on polling day, he thanked the workers who built the hall.",
    'He said: "In the latest poll, we lead."',
])
def test_in_without_a_fronted_poll_is_no_cue(text: str) -> None:
    assert not [a for a in attributions(text) if a["cue"] == "In"]


def test_interview_initials_are_no_speakers() -> None:
    text = ("The senator sat down with us on Friday.\n\nQ: Do you think the bill will pass this year?\n\n"
            "A: It is a big mistake to count on it.\n\nJOEL BENENSON: This is a man who never ran an ad.")
    cues = [a for a in attributions(text) if a["cue"] == ":"]
    assert [a["source"] for a in cues] == ["JOEL BENENSON"]


# --- the fast paths of the speed-up agree with the plain definitions -------------------------

_PIECES = st.lists(st.sampled_from(
    ["a", "Bo", "said", "9", "_", "'", "\u0301", "said,", "(Bo", "a_", "_a", "\u2019", "-", "''", '"',
     "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb", ".", ",", "(", ")", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2028"]), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_PIECES, st.integers(0, 200), st.integers(0, 200))
def test_token_table_matches_the_token_pattern(pieces, a, b) -> None:
    text = "".join(pieces)
    s, e = min(a, b, len(text)), max(a, b)
    want = [(m.group(), m.start(), m.end()) for m in attribution._TOKEN.finditer(text, s, e)]
    # both ways of making the table (the one used depends on whether the module is compiled)
    for table in (attribution._token_table, attribution._token_table_split, attribution._token_table_pieces):
        ws, starts, ends = table(text, s, e)
        assert list(zip(ws, starts, ends, strict=True)) == want


def _quotes_by_paragraph(text: str) -> list[tuple[int, int]]:
    """Reference for :func:`_quote_regions`: each paragraph scanned on its own, mark by mark."""
    out = []
    for para in re.finditer(r"[^\n]+", text):
        open_at, open_mark = None, ""
        for m in re.finditer("''|[\"\u201c\u201d\u00ab\u00bb\u201e]", text[: para.end()]):
            if m.start() < para.start():
                continue
            mark = m.group()
            if open_at is None:
                if mark not in ("\u201d", "\u00bb"):
                    open_at, open_mark = m.start(), mark
                continue
            after = text[m.end() : m.end() + 1]
            closes = (mark == "''" if open_mark == "''" else mark == "\u00bb" if open_mark == "\u00ab"
                      else mark in ("\u201d", '"', "\u00bb") or (
                mark == "\u201c" and (open_mark == "\u201e" or not (after.isalnum() or after in "'\u2018"))))
            if closes:
                out.append((open_at, m.end()))
                open_at = None
        if open_at is not None:
            out.append((open_at, para.end()))
    return out


@settings(max_examples=300, deadline=None)
@given(_PIECES)
def test_quotations_found_in_one_pass_match_paragraph_by_paragraph(pieces) -> None:
    text = "".join(pieces)
    assert attribution._quote_regions(text) == _quotes_by_paragraph(text)


def test_quote_mark_lookup_matches_a_search_of_the_marks() -> None:
    text = ("“We will not,” he said. Critics said the plan was “a sham” and ''old''.\n"
            "“It goes on\nNATO said «non».")
    an = attribution._Analysis(Doc(text=text, lexicons=default_lexicons()))
    marks = sorted(k for k, t in enumerate(an.toks) if t.q)
    assert marks == an._marks and len(marks) >= 8
    for a in range(-2, len(an.toks) + 3):
        for b in range(-2, len(an.toks) + 3):
            assert an.has_mark(a, b) == any(a <= k < b for k in marks), (a, b)


def _clip_end_by_walking(an, j: int, s1: int) -> int:
    """Reference for :meth:`_Analysis.clip_end`: every token from ``j`` looked at in turn."""
    toks, k, last_boundary = an.toks, j, None
    while k < s1:
        t = toks[k]
        if t.text == ";":
            break
        if k > j and t.text == "," or t.low in attribution._CLAUSE_LINKS:
            last_boundary = k
        if k > j and k in an.fired and last_boundary is not None:
            k = last_boundary
            break
        if t.text == "," and k + 1 < s1:
            nk = k + 2 if toks[k + 1].q == "c" and k + 2 < s1 else k + 1
            nx = toks[nk]
            if nx.low.endswith("ing") and nx.low in an.index.by_first and not an.in_quote(an._starts[nk]):
                break
            if nx.low == "according":
                break
        k += 1
    while k > j and toks[k - 1].text in ".,;:!?":
        k -= 1
    return k


def test_clip_end_visiting_only_stop_tokens_matches_a_full_walk() -> None:
    text = ("Officials said that the strike, which hit a depot, was planned and that more would "
            "follow; critics claimed, “adding nothing,” that it was staged while others warned "
            "it could spread, according to Reuters, adding that talks would go on. He said so.")
    an = attribution._Analysis(Doc(text=text, lexicons=default_lexicons()))
    an.run()
    assert len(an.fired) >= 4
    for s0, s1 in an.sent_tok:
        for j in range(s0, s1 + 2):
            assert an.clip_end(j, s1) == _clip_end_by_walking(an, j, s1), j


def test_strong_cues_are_counted_per_sentence() -> None:
    an = _scored(_THREE_CUES + " He said and she told him. A report said it. Said Ahmed agreed.")
    hits = an.lexicon_hits()
    plain: dict[int, int] = {}
    for k in hits:
        words, entry, form = an.index.by_first[an.toks[k].low][-1]
        if len(words) == 1 and entry.prior_of(form) >= 0.8:
            plain[an._sent[k]] = plain.get(an._sent[k], 0) + 1
    assert 2 in plain.values() and an.count_strong(hits) == plain
    an.index.strong_first.clear()  # classed anew
    assert an.count_strong(hits) == plain and an.count_strong([]) == {}


def test_memoised_feature_weights_are_the_plain_sums(monkeypatch) -> None:
    text = _THREE_CUES + " He claimed today that it failed. A group called Hamas said: \"no\"."
    first = [c.odds for c in _scored(text).collect]
    assert first == [c.odds for c in _scored(text).collect]  # every weight read from the memos
    monkeypatch.setattr(attribution, "_WEIGHT_MEMO_MAX", 0)  # emptied before each new feature
    assert [c.odds for c in _scored(text).collect] == first
    an = _scored(text)
    weights = dict(attribution.CONTEXT_WEIGHTS)
    own = 0  # features weighed by an entry's own context too
    for c in an.collect:
        s0, s1 = an.sent_tok[an._sent[c.i]]
        feats = an.features(c, an.toks[c.i - 1] if c.i > s0 else None, an.toks[c.j] if c.j < s1 else None, s0, s1)
        own += len(set(feats) & set(c.entry.context))
        # in feature order, the entry's own weight added to the global one
        plain = sum([weights.get(f, 0.0) + c.entry.context[f] if f in c.entry.context else weights.get(f, 0.0)
                     for f in feats])
        assert attribution._weigh(an.index.entry_weights[id(c.entry)], feats) == plain
    assert own >= 3


def test_swapped_context_weights_are_used_and_the_packaged_ones_come_back(monkeypatch) -> None:
    def odds() -> list[float]:
        return [c.odds for c in _scored(_THREE_CUES).collect]

    packaged = odds()
    monkeypatch.setattr(attribution, "CONTEXT_WEIGHTS", {})
    assert odds() != packaged  # the per-entry sums are made again for the new mapping
    monkeypatch.undo()
    assert odds() == packaged  # exactly, with the packaged mapping back


def _tokens_by_sentence(text: str, sents: list[tuple[int, int]]) -> list[list[tuple[int, int, str]]]:
    """Reference tokenisation: each sentence on its own with the token pattern."""
    return [[(m.start(), m.end(), m.group()) for m in attribution._TOKEN.finditer(text, s, min(e, len(text)))]
            for s, e in sents]


@pytest.mark.parametrize("sents", [
    [(0, 20), (21, 56), (57, 76)],       # the sentences, in order
    [(0, 21), (21, 57), (57, 76)],       # touching, whitespace included
    [(0, 10), (10, 47), (47, 76)],       # edges inside words ("Kremlin", "yesterday")
    [(0, 20), (57, 76)],                 # words between sentences belong to none
    [(5, 76)],                           # words before the first sentence
    [(21, 56), (0, 20), (57, 76)],       # out of order
    [(0, 30), (20, 76)],                 # overlapping
    [(0, 20), (21, 21), (21, 76)],       # an empty sentence
    [(0, 20), (57, 500)],                # past the end of the text
])
def test_tokens_match_sentence_by_sentence_tokenisation(sents) -> None:
    text = "The Kremlin said no. “It’s over,” Peskov said yesterday.\nNATO didn''t reply."
    an = attribution._Analysis(Doc(text=text, lexicons=default_lexicons(), sentences=sents))
    want = _tokens_by_sentence(text, sents)
    got = [[(an._starts[k], an._ends[k], an.toks[k].text) for k in range(a, b)] for a, b in an.sent_tok]
    assert got == want
    assert [an._sent[k] for k in range(len(an.toks))] == [si for si, w in enumerate(want) for _ in w]
    assert all(t.low == t.text.lower().replace("\u2019", "'") for t in an.toks)


# --- the benchmark's held-out check ------------------------------------------------------------


def _bench_with_train():
    """The benchmark module, or a skip when PolNeAR's train split is absent."""
    from toolkit.paths import BENCHMARKS_DIR

    if not (BENCHMARKS_DIR / "attribution" / "train.jsonl").exists():
        pytest.skip(f"PolNeAR train split absent from {BENCHMARKS_DIR / 'attribution'} (needs ../shared)")
    return _bench()


def _bench():
    import importlib.util

    from toolkit.paths import ROOT

    spec = importlib.util.spec_from_file_location("bench_attr", ROOT / "benchmarks" / "attribution.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


def test_fitted_in_memory_swaps_the_weights_and_puts_them_back() -> None:
    bench = _bench()
    text = "Smith said that the vote was close."
    packaged = attribution.CONTEXT_WEIGHTS
    assert [a["cue"] for a in attributions(text)] == ["said"]
    # a fit that makes "that" after a cue a strong sign against it
    with bench.fitted_in_memory({"global": {"next_that": -30.0}, "entries": {}}):
        assert dict(attribution.CONTEXT_WEIGHTS) == {"next_that": -30.0}
        assert attributions(text) == []
    assert attribution.CONTEXT_WEIGHTS is packaged
    assert [a["cue"] for a in attributions(text)] == ["said"]
    with pytest.raises(ValueError, match="fold must be 0..5"):
        bench.heldout(6, None)


@pytest.mark.shared
def test_context_fit_on_given_records() -> None:
    bench = _bench_with_train()
    records = bench.load_split("train")[:4]
    fit = bench.fit_context_weights(records=records, steps=40)
    # one example per scored lexicon candidate of those four articles, weights named by feature
    assert fit["examples"] > 50
    assert "next_that" in fit["global"] and all(isinstance(v, float) for v in fit["global"].values())


# --- nested cues: the split-or-absorb decision ----------------------------------------------


def test_a_cue_in_a_relative_clause_of_a_poll_finding_is_absorbed() -> None:
    for text, finding in (
        ("The poll found that voters, who believe the economy is their top issue, favored Clinton.",
         "that voters, who believe the economy is their top issue, favored Clinton"),
        ("A Gallup survey found that Democrats, who think the party should move left, outnumber moderates.",
         "that Democrats, who think the party should move left, outnumber moderates"),
    ):
        got = attributions(text)
        assert [a["cue"] for a in got] == ["found"], text  # the inner cue is part of the finding
        assert got[0]["content"] == [finding] and got[0]["source"].endswith(("poll", "survey"))
        # without the model the inner cue is an attribution of its own and cuts the finding short
        with _nesting({}):
            off = attributions(text)
        assert [a["cue"] for a in off] == ["found", finding.split(", ")[1].split()[1]]
        assert off[0]["content"] == [finding.split(",")[0]]


def test_a_coordinated_second_speaker_is_still_split() -> None:
    got = attributions("Smith said the plan would fail, and Jones said it would work.")
    assert [(a["cue"], a["source"], a["content"]) for a in got] == [
        ("said", "Smith", ["the plan would fail"]),
        ("said", "Jones", ["it would work"]),
    ]
    got = attributions("Clinton said she would raise taxes, and Trump argued that tax cuts would help workers.")
    assert [(a["cue"], a["source"]) for a in got] == [("said", "Clinton"), ("argued", "Trump")]


def _nesting(weights: dict[str, float], threshold: float = 0.5):
    """The split-or-absorb model swapped for ``weights`` in memory (the benchmark's helper)."""
    return _bench().nesting_in_memory({"threshold": threshold, "weights": weights})


def test_nesting_file_is_validated_and_a_corrupt_one_is_named() -> None:
    import json

    from toolkit.annotate.lexicon import LexiconError

    thr, weights = attribution.packaged_nesting()
    assert 0 < thr < 1 and len(weights) > 100 and "bias" in weights
    with pytest.raises(TypeError):
        weights["bias"] = 0.0  # type: ignore[index]
    header = {"name": "attribution_nesting", "version": 1, "language": "en", "source": "test"}
    # errors name the file (by default the packaged one) and what is wrong
    with pytest.raises(LexiconError, match=r"attribution_nesting\.v1\.json: not valid JSON"):
        attribution.parse_nesting('{"name": "attribution_nesting", ')
    with pytest.raises(LexiconError, match=r"n\.json: weight 'bias' must be a finite number"):
        attribution.parse_nesting(json.dumps({**header, "threshold": 0.5, "weights": {"bias": "x"}}), "n.json")
    with pytest.raises(LexiconError, match=r"n\.json: threshold must be a probability"):
        attribution.parse_nesting(json.dumps({**header, "threshold": 1.5, "weights": {}}), "n.json")
    with pytest.raises(LexiconError, match=r"n\.json: expected an object with exactly"):
        attribution.parse_nesting(json.dumps({**header, "weights": {}}), "n.json")
    with pytest.raises(LexiconError, match=r"n\.json: name must be 'attribution_nesting'"):
        attribution.parse_nesting(json.dumps({**header, "name": "x", "threshold": 0.5, "weights": {}}), "n.json")
    assert attribution.parse_nesting(json.dumps({**header, "threshold": 0.4, "weights": {"bias": 1}})) == (
        0.4, {"bias": 1.0})


def test_nest_score_is_the_sum_of_the_pair_features_weights() -> None:
    import math

    text = (SEED.read_text(encoding="utf-8") if SEED.exists() else "") + "\n" + "\n".join([
        "The poll found that voters who said the economy was their top issue favored Clinton.",
        "Smith said the plan would fail, and Jones said it would work, officials said.",
        "\u201cWe will win,\u201d he said, adding that the survey showed 59 percent backed him.",
        "The report showed that many officials, who believe the program works, want more money.",
    ])
    an = attribution._Analysis(Doc(text=text, lexicons=default_lexicons()))
    cands = an.candidates()
    an.fired = {c.i for c in cands}
    pairs = an.nest_pairs(cands)
    assert len(pairs) >= 8
    weights = attribution.NESTING_WEIGHTS
    thr = attribution.NESTING_THRESHOLD
    limit = math.log(thr / (1 - thr))
    for c, h in pairs:
        assert an._sent[c.i] == an._sent[h.i] and c.i != h.i
        plain = sum(weights.get(f, 0.0) for f in an.nest_features(c, h))
        assert an.nest_score(c, h) == pytest.approx(plain, abs=1e-9)
        # the bounded fast path gives the same decision
        assert (an.nest_score(c, h, below=limit) >= limit) == (plain >= limit)
        # the subject features with the sentence start and host subject passed in (as unnest does)
        d = "hb_" if h.i < c.i else "ha_"
        s0 = an.sent_tok[an._sent[c.i]][0]
        assert an._pair_subj(c, h, d, s0, an._host_subject(h, s0)) == an._pair_subj(c, h, d)
    # each pair's host is the nearest cue before the inner one (the first cue's host: the next)
    firsts = [c for c, h in pairs if h.i > c.i]
    assert all(not any(o.i < c.i and an._sent[o.i] == an._sent[c.i] for o in cands) for c in firsts)


def test_empty_nesting_weights_switch_the_decision_off() -> None:
    text = "Smith said the plan would fail, and Jones said it would work."
    with _nesting({"bias": 30.0, "ha_": -60.0}):  # absorb every cue that follows another
        got = attributions(text)
        assert [a["cue"] for a in got] == ["said"]
        assert got[0]["content"] == ["the plan would fail, and Jones said it would work"]
    with _nesting({"bias": 30.0}):  # a sentence's first cue goes into the next, which then stays
        assert [a["source"] for a in attributions(text)] == ["Jones"]
    with _nesting({}):
        assert len(attributions(text)) == 2
    assert attribution.NESTING_WEIGHTS is attribution.packaged_nesting()[1]


@pytest.mark.shared
def test_nesting_fit_on_given_records() -> None:
    bench = _bench_with_train()
    records = bench.load_split("train")[:20]
    rows = bench.nesting_examples(records)
    assert rows and {y for _, y in rows} == {0, 1} and all("bias" in f for f, _ in rows)
    nest = bench.fit_nesting(records, steps=60)
    assert nest["examples"] == len(rows) and nest["absorb"] == sum(y for _, y in rows)
    assert nest["weights"]["bias"] < 0  # most nested cues are separate attributions
    text = bench.nesting_json(nest, bench.NESTING_HEADER)
    assert attribution.parse_nesting(text) == (nest["threshold"], nest["weights"])


def test_unnest_decides_as_the_plain_feature_sums() -> None:
    import math

    from toolkit.annotate import sentence

    texts = [
        "The poll found that voters, who said the economy was their top issue, favored Clinton.",
        "Smith said the plan would fail, and Jones said it would work, officials said.",
        "A Gallup survey found that Democrats, who think the party should move left, outnumber moderates.",
        "The report showed that many officials, who believe the program works, want more money.",
        "Foreign minister says the country will revise its position; Kestria calls the accusation a fabrication.",
        "\u201cWe will win,\u201d he said, adding that the survey showed 59 percent backed him.",
    ]
    if SEED.exists():
        texts.append(SEED.read_text(encoding="utf-8"))
    lex = default_lexicons()
    weights = attribution.NESTING_WEIGHTS
    thr = attribution.NESTING_THRESHOLD
    limit = math.log(thr / (1 - thr))
    absorbed = 0
    for text in texts * 2:  # twice: the second time every part sum comes from the memo
        an = attribution._Analysis(Doc(text=text, lexicons=lex, sentences=sentence.split(text, lex)))
        cands = an.candidates()
        an.fired = {c.i for c in cands}
        drop: set[int] = set()
        for c, h in an.nest_pairs(cands):
            lo, hi = sorted((c, h), key=lambda x: x.i)
            if h.i in drop or ";" in text[an._starts[lo.j - 1]:an._starts[hi.i]]:
                continue

            if sum(weights.get(f, 0.0) for f in an.nest_features(c, h)) >= limit:
                drop.add(c.i)
        kept = an.unnest(cands)
        assert {c.i for c in cands} - {c.i for c in kept} == drop, text
        assert {c.i for c, _ in an.absorbed} == drop
        absorbed += len(drop)
    assert absorbed >= 4
    # across a semicolon the second voice is kept
    got = attributions(texts[4])
    assert [a["cue"] for a in got] == ["says", "calls"]


def test_headline_frame_with_a_title_and_a_single_quoted_quote() -> None:
    got = attributions("Dr. Ben Carson: \u2018Hillary Clinton Not Fit To Serve\u2019\n\nThe race tightened on Monday.")
    assert [(a["cue"], a["source"], a["content"]) for a in got] == [
        (":", "Dr. Ben Carson", ["\u2018Hillary Clinton Not Fit To Serve\u2019"])]
    got = attributions("Ted Cruz: \u2018Physically Assaulting A Reporter Is A Crime\u2019\n\nMore text here.")
    assert [(a["cue"], a["source"]) for a in got] == [(":", "Ted Cruz")]
    assert attributions("Breaking: \u2018Storm Hits Coast\u2019\n\nText.") == []  # a kicker, not a speaker


def test_words_at_most_counts_words_as_a_plain_count() -> None:
    text = "“Yes,” he said, adding: the plan — as agreed on Monday — would, officials said, work. " * 4
    an = attribution._Analysis(Doc(text=text, lexicons=default_lexicons()))
    n = len(an.toks)
    for limit in (0, 3, 7, 25):
        for j in range(0, n + 1, 3):
            for s1 in (j, j + 2, j + limit, j + limit + 1, j + 40, n):
                plain = sum(t.is_word for t in an.toks[j:min(s1, n)]) <= limit
                assert an.words_at_most(j, s1, limit) == plain, (j, s1, limit)


def test_quotation_signed_with_a_dash() -> None:
    text = ("“He represents our greatest shame.” ― Sonya Herridge\n"
            "”Mr. Trump is clueless about our struggles.”― Edwin G. Monroy\n\n"
            "\"I will certainly look into it.\"\n\n- Hillary Clinton.\n\n"
            "Ramos believes in journalism that “takes sides.”\n\n– An immigrant himself –.")
    got = [a for a in attributions(text) if a["rule"].startswith("quote_dash")]
    assert [(a["cue"], a["source"]) for a in got] == [
        ("―", "Sonya Herridge"), ("―", "Edwin G. Monroy"), ("-", "Hillary Clinton")]
    assert got[0]["content"] == ["“He represents our greatest shame.”"]
    # a stray closing mark opening the line: the line is the quotation
    assert got[1]["content"] == ["”Mr. Trump is clueless about our struggles.”"]
    # a dash after a sentence that is not a quotation signs nothing
    assert not attributions("The vote was close - Senator Smith, for one, abstained.")


def test_title_line_frames() -> None:
    """The first line is a title: "Poll:" and "Report:" are sources there, kickers are not."""
    for title, source in [("Poll: Clinton and Trump in dead heat heading into first debate.", "Poll"),
                          ("Sanders: Clinton needs to 'get away from all of this' with Trump.", "Sanders"),
                          ("Report: Walker to speak at Republican National Convention.", "Report")]:
        sp = annotate_text(title + "\nBody text follows here.", layers=LAYERS)
        cue = sp[(sp["layer"] == "attribution") & (sp["role"] == "cue")]
        src = sp[(sp["layer"] == "attribution") & (sp["role"] == "source")]
        assert list(cue["text"]) == [":"], title
        assert list(src["text"]) == [source], title
    for title in ["The Latest: Cruz to give away engraved shotgun.", "Breaking: Campaign makes an announcement."]:
        sp = annotate_text(title + "\nBody text follows here.", layers=LAYERS)
        assert not (sp["layer"] == "attribution").any(), title
    # in the body, a line starting "Poll:" stays a kicker
    sp = annotate_text("First line of the story.\nPoll: Clinton and Trump tied.", layers=LAYERS)
    assert not ((sp["layer"] == "attribution") & (sp["text"] == ":")).any()


def test_smoothed_priors_and_apply_priors(tmp_path) -> None:
    """Priors re-estimated from counts shrink a rare form toward its entry and the entry
    toward all candidates; apply_priors writes them and keeps the other fields."""
    import json
    from collections import Counter

    bench = _bench()
    counts = Counter({("n", "say|verb", "said"): 90, ("k", "say|verb", "said"): 81,
                      ("n", "say|verb", "says"): 10, ("k", "say|verb", "says"): 9,
                      ("n", "deny|verb", "denied"): 2, ("k", "deny|verb", "denied"): 0})
    raw = {e.lemma: e for e in bench.smoothed_entries(counts, 0, 0)}
    assert raw["say"].prior == 0.9 and raw["say"].prior_of("said") == 0.9
    assert raw["deny"].prior_of("denied") == 0.0
    smooth = {e.lemma: e for e in bench.smoothed_entries(counts, 10, 20)}
    p_all = 90 / 102
    p_deny = (0 + 20 * p_all) / (2 + 20)
    assert smooth["deny"].prior == pytest.approx(p_deny, abs=1e-3)
    assert smooth["deny"].prior_of("denied") == pytest.approx((0 + 10 * p_deny) / (2 + 10), abs=1e-3)
    # an entry the counts never saw keeps its hand-set prior
    packaged = {e.lemma: e for e in attribution.cue_entries(None)}
    unseen = next(k for k in packaged if k not in ("say", "deny") and packaged[k].pos == "verb")
    assert smooth[unseen].prior == packaged[unseen].prior
    (tmp_path / "lexicons").mkdir()
    entry = {"lemma": "deny", "stance": "denying", "pos": "verb", "forms": ["denied"], "prior": 0.5,
             "context": {"next_that": 1.0}}
    path = tmp_path / "lexicons" / "reporting_verbs.v1.yml"
    path.write_text("name: reporting_verbs\nentries:\n  - " + json.dumps(entry) + "\n", encoding="utf-8")
    bench.apply_priors(list(smooth.values()), root=tmp_path)
    got = json.loads(path.read_text(encoding="utf-8").splitlines()[2][4:])
    assert got["prior"] == smooth["deny"].prior
    assert got["form_prior"] == {"denied": smooth["deny"].prior_of("denied")}
    assert got["context"] == {"next_that": 1.0} and list(got)[-1] == "context"


@pytest.mark.shared
def test_crossfit_indexes_leave_each_fold_out() -> None:
    bench = _bench_with_train()
    records = bench.load_split("train")[:6]
    counts = bench.form_counts(records)
    assert all(c["n", key, form] >= c["k", key, form] for c in counts for (_, key, form) in c)
    folds = [0, 0, 0, 1, 1, 1]
    indexes = bench.crossfit_indexes(records, folds, 0, 0)
    assert indexes[0] is indexes[2] and indexes[3] is indexes[5] and indexes[0] is not indexes[3]
    # fold 0 sees the priors counted on fold 1 only: a form seen only in fold 0 falls to its
    # entry's rate there (or all candidates' rate when the entry is unseen too)
    only0 = {(key, form) for c in counts[:3] for (_, key, form) in c} - {
        (key, form) for c in counts[3:] for (_, key, form) in c}
    assert only0
    key, form = sorted(only0)[0]
    lemma, pos = key.split("|")
    e0 = next(e for ws in indexes[0].by_first.values() for (_, e, f) in ws if e.lemma == lemma and e.pos == pos)
    n1 = sum(c["n", key, f] for c in counts[3:] for f in e0.forms)
    k1 = sum(c["k", key, f] for c in counts[3:] for f in e0.forms)
    all_n = sum(v for c in counts[3:] for (kind, _, _), v in c.items() if kind == "n")
    all_k = sum(v for c in counts[3:] for (kind, _, _), v in c.items() if kind == "k")
    expected = k1 / n1 if n1 else all_k / all_n
    assert e0.prior == round(expected, 3)
    assert e0.prior_of(form) == e0.prior


def test_lexicon_hits_and_clause_stops_match_a_scan_of_the_tokens(monkeypatch) -> None:
    """The word-set scans (lexicon first words, clause stops) give what reading each token's
    attributes gives, also after the shared word table was emptied and with words new to it."""
    text = ("“They said no,” Said Ahmed SAID, and the ministry claimed; critics argued while he "
            "denied it, according to officials who Said: “adding nothing,” as reported. ")

    def check(body: str, emptied_after: bool = False, sentences: list[tuple[int, int]] | None = None) -> None:
        an = attribution._Analysis(Doc(text=body, lexicons=default_lexicons(), sentences=sentences or []))
        if emptied_after:  # another text empties the word table before this one is scanned
            attribution._Analysis(Doc(text="Wholly unseen wordsxy here.", lexicons=default_lexicons()))
            assert an._words_gen != attribution._WORDS_GEN[0]
        first = an.index.by_first
        plain = [k for k, t in enumerate(an.toks) if t.low in first and not an.qmask[an._starts[k]]]
        assert an.lexicon_hits() == plain
        assert len(plain) >= 8
        an.fired = {plain[0]}
        stops = sorted({k for k, t in enumerate(an.toks) if t.clip_stop} | an.fired)
        assert an._clip_stops() == stops
        assert len(stops) >= 8
        an._stop_words = None  # the stops as found without the lexicon-word scan
        an.fired = set(an.fired)
        assert an._clip_stops() == stops

    check(text)
    monkeypatch.setattr(attribution, "_WORDS_MAX", 3)  # every text now empties the table first
    check(text + "Zyxwv alleged that qwrtz disputed.")
    check(text)
    check(text + "Later qqzz stated it.", emptied_after=True)
    # overlapping sentences are tokenised one by one: the table is emptied between them
    check(text, sentences=[(0, 60), (40, len(text))])
    monkeypatch.undo()
    check(text + "Another unseen wordzz said so.")


@pytest.mark.parametrize("text", [
    "\u201eA \u201cb\u201c c\n\u201cnext\u201d \u201cleft open",
    "\u201copen \u201cstill \u201cmore\n\nnew \u00bb stray \u201d \u201cx\u201d\n\u201e",
    "''a ' '' b ''c\n''d\n",
    "\u201cno line break at all \u201cnor here",
])
def test_open_quotations_close_at_the_first_line_break_after_them(text: str) -> None:
    assert attribution._quote_regions(text) == _quotes_by_paragraph(text)


# --- constructions added for the PolNeAR cue goal (session 10) ----------------------------------


def test_transcript_quoted_paragraph_by_paragraph() -> None:
    """A transcript inside a quotation still has one attribution per speaker turn, and the
    line that introduces it is no attribution of its own."""
    text = ('The interview aired on Sunday. Partial transcript as follows:\n\n'
            '"WALLACE: Let\'s start with the debate story.\n\n'
            '"PENCE: Well, look, this is an episode of a show.\n\n'
            '"WALLACE: Will she be there?')
    found = attributions(text)
    assert [(a["cue"], a["source"]) for a in found] == [
        (":", "WALLACE"), (":", "PENCE"), (":", "WALLACE")]
    assert found[1]["content"] == ["Well, look, this is an episode of a show"]
    # in a quoted paragraph only an upper-case label is a speaker ("Dear Sir:" is not)
    assert all(a["cue"] != ":" for a in attributions('The letter reads:\n\n"Dear Sir: we write to you.'))


def test_fronted_said_with_a_quotation() -> None:
    a = one('Not everyone agrees. Said Ellis: “I don’t get the sense she cares.”', "Said")
    assert a["source"] == "Ellis" and a["content"] == ["“I don’t get the sense she cares.”"]
    a = one('Said Comey, "The thought of an error is terrible."', "Said")
    assert a["source"] == "Comey"
    # still a name: "Said Ahmed, a shopkeeper, said ..." and "Said Ahmed was born in Cairo."
    assert [x["cue"] for x in attributions("Said Ahmed, a shopkeeper, said “I was there.”")] == ["said"]
    assert attributions("Said Ahmed was born in Cairo.") == []


def test_relative_clause_after_said_x_is_no_content() -> None:
    found = attributions("''It is a cost,'' said Mr. Kamin, who emphasized that the plan was simple.")
    said, emphasized = found
    assert said["content"] == ["''It is a cost,''"]
    assert emphasized["cue"] == "emphasized" and emphasized["content"] == ["that the plan was simple"]


@pytest.mark.parametrize("text, cue", [
    ('In a Facebook message posted Friday, Cruz said he had "areas of disagreement" with Trump.', "said"),
    ("In a statement released Monday, the ministry denied the report.", "denied"),
    ("In a statement Thursday, Clinton spokesman Jesse Ferguson said the deal was dead.", "said"),
    ("The deal is dead, said Paul Ryan in a statement.", "said"),
])
def test_medium_of_a_report_is_not_a_report(text: str, cue: str) -> None:
    assert [a["cue"] for a in attributions(text)] == [cue]


@pytest.mark.parametrize("text", [
    "(Having said that, there are some economists who argue that taxes should be low.)",
    "That said, Cruz cannot realistically get enough delegates.",
])
def test_having_said_that_is_a_connective(text: str) -> None:
    assert all(a["cue"].lower() != "said" for a in attributions(text))


def test_clarification_is_a_kicker() -> None:
    text = ("The story ran on Monday.\n"
            "CLARIFICATION: The first sentence was clarified to reflect that Fowler is calling for a review.")
    assert all(a["cue"] != ":" for a in attributions(text))


def test_fronted_participle_takes_the_main_subject() -> None:
    found = attributions("Citing an unfounded conspiracy theory, Trump repeatedly accused Rafael Cruz of lying.")
    citing, accused = found
    assert (citing["cue"], citing["source"], citing["content"]) == (
        "Citing", "Trump", ["an unfounded conspiracy theory"])
    assert accused["source"] == "Trump" and accused["stance"] == "accusing"
    found = attributions("Lamenting their luck, Mexicans often say, ''Poor Mexico, so far from God.''")
    assert [a["cue"] for a in found] == ["Lamenting", "say"]
    assert found[1]["content"] == ["''Poor Mexico, so far from God.''"]
    assert all(c.strip() for a in found for c in a["content"])  # no bare-space fragments


def test_asked_about_opening_a_sentence() -> None:
    found = attributions("It was late. Asked about the bomb, Clinton said, “I think we should wait.”")
    assert [a["cue"] for a in found] == ["Asked about", "said"]
    assert found[0]["content"] == ["the bomb"] and found[0]["source"] is None
    assert found[1]["source"] == "Clinton" and found[1]["content"] == ["“I think we should wait.”"]


def test_noun_subject_of_a_reporting_verb_is_not_the_cue() -> None:
    a = attributions("His views were echoed by a number of tax experts.")
    assert [x["cue"] for x in a] == ["echoed"]
    # the agent ends before a relative clause without "that", which is no content either
    a = one("His views were echoed by a number of tax experts I spoke to this week.", "echoed")
    assert a["source"] == "a number of tax experts" and a["content"] == ["His views"]


def test_title_line_colon_before_a_quotation() -> None:
    text = ("Elizabeth Warren Hammers Wells Fargo CEO: ‘You Should Be Criminally Investigated.’\n"
            "Massachusetts Sen. Elizabeth Warren grilled the chief executive on Tuesday.")
    a = one(text, ":")
    assert a["source"] == "Elizabeth Warren Hammers Wells Fargo CEO"
    assert a["content"] == ["‘You Should Be Criminally Investigated.’"]
    # a kicker before the colon stays a kicker, and a later line is not a title
    assert all(x["cue"] != ":" for x in attributions("WATCH: 'We will win.'\nMore below."))
    assert all(x["cue"] != ":" for x in attributions("First line.\nA lesson from Lynch: 'Be heard.'"))


def test_named_source_closing_the_sentence() -> None:
    a = one("Managers could get $10,000 a year, The Wall Street Journal reports.", "reports")
    assert a["source"] == "The Wall Street Journal"
    assert a["content"] == ["Managers could get $10,000 a year"]
    assert attributions("The report has a long history of sales reports.") == []


def test_subordinate_clause_cue_keeps_the_main_clause_apart() -> None:
    found = attributions("Although he acknowledged that the event was tragic, he maintained that "
                         "it does not change his statements.")
    assert [a["cue"] for a in found] == ["acknowledged", "maintained"]
    assert found[0]["content"] == ["that the event was tragic"]
