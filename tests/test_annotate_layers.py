"""Unit tests of the quote, evidentiality, loaded, actor, number and frame layers, with traps."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.annotate import annotate_text, load_lexicons


def spans(text: str, layer: str, lexicons=None) -> pd.DataFrame:
    df = annotate_text(text, layers=[layer], lexicons=lexicons)
    return df[df["layer"] == layer].reset_index(drop=True)


def pairs(text: str, layer: str) -> list[tuple[str, str]]:
    df = spans(text, layer)
    return list(zip(df["label"], df["text"], strict=True))


# --- evidentiality ---------------------------------------------------------------


def test_hedges_and_claimed_adjective() -> None:
    got = pairs("The alleged strike, reportedly the so-called “retaliation”, was apparently "
                "aimed at the claimed attack site.", "evidentiality")
    assert ("hedge", "alleged") in got
    assert ("hedge", "reportedly") in got
    assert ("hedge", "so-called") in got
    assert ("hedge", "apparently") in got
    assert ("hedge", "claimed") in got


def test_claimed_verb_is_not_a_hedge() -> None:
    assert pairs("The fire claimed three lives.", "evidentiality") == []
    assert pairs("The group claimed responsibility for the blast.", "evidentiality") == []


def test_unverified_no_evidence_conditional_counter_booster() -> None:
    text = ("The footage could not be independently verified. The claim has not been verified. "
            "He offered no evidence and spoke without evidence. If confirmed, it would be a first. "
            "There were no reports of explosions in the area. It was dismissed as propaganda. "
            "It was undeniably a turning point, confirmed as fact by nobody.")
    got = pairs(text, "evidentiality")
    labels = {lab for lab, _ in got}
    assert labels == {"unverified", "no_evidence", "conditional", "counter", "booster"}
    assert ("unverified", "could not be independently verified") in got
    assert ("no_evidence", "offered no evidence") in got
    assert ("conditional", "If confirmed") in got
    assert ("counter", "There were no reports of explosions in the area") in got
    assert ("booster", "undeniably") in got


def test_traps_for_verification_and_supposed() -> None:
    assert pairs("Officials can confirm the visit. He was supposed to arrive at noon.",
                 "evidentiality") == []
    assert pairs("We could not confirm the supposed plot.", "evidentiality") == [
        ("unverified", "could not confirm"), ("hedge", "supposed")]


def test_rules_name_the_entry() -> None:
    df = spans("He provided no evidence.", "evidentiality")
    assert list(df["rule"]) == ["evidentiality:gave_no_evidence"]


# --- quotes ------------------------------------------------------------------------


def test_scare_vs_direct_quotes() -> None:
    text = ('He called it “state terrorism”. “We will respond at a time of our choosing,” '
            'the minister said. Officials spoke of a "special operation".')
    got = pairs(text, "quote")
    assert ("scare", "state terrorism") in got
    assert ("direct", "We will respond at a time of our choosing,") in got
    assert ("scare", "special operation") in got


def test_short_utterance_with_speech_verb_is_direct() -> None:
    df = spans("“No,” she said.", "quote")
    assert df["label"].tolist() == ["direct"]
    assert df["attrs"][0]["speaker"] == "she"


def test_guillemets_low_high_and_single_curly() -> None:
    got = pairs("So-called «denazification» and „Ordnung“ and the ‘red lines’ of Moscow.", "quote")
    assert [t for _, t in got] == ["denazification", "Ordnung", "red lines"]


def test_apostrophes_are_not_quotes() -> None:
    assert pairs("Russia’s leaders’ meeting didn’t end; it's the '90s all over again.", "quote") == []
    got = pairs("Britain's 'special relationship' survived.", "quote")
    assert got == [("scare", "special relationship")]
    got = pairs("‘Russia’s war’ was the headline.", "quote")
    assert got == [("scare", "Russia’s war")]


def test_multi_paragraph_quote_shares_group() -> None:
    text = "“The first part of a long statement goes on here.\n\n“And it continues,” he said."
    df = spans(text, "quote")
    assert len(df) == 2 and df["group"].nunique() == 1
    assert set(df["label"]) == {"direct"}


# --- numbers -----------------------------------------------------------------------


def attrs_of(text: str) -> list[tuple[str, str, dict]]:
    df = spans(text, "number")
    return list(zip(df["label"], df["text"], df["attrs"], strict=True))


def test_quantities_with_units_and_bounds() -> None:
    got = {t: a for lab, t, a in attrs_of(
        "They downed 91 drones, more than 90 UAVs, dozens of missiles, hundreds of homes, "
        "1,200 troops and three tanks; damage of 3.5 million dollars.") if lab == "quantity"}
    assert got["91 drones"]["value"] == 91 and got["91 drones"]["unit"] == "UAVs"
    assert got["91 drones"]["unit_text"] == "drones"
    assert got["more than 90 UAVs"]["low"] == 90 and got["more than 90 UAVs"]["high"] is None
    assert got["dozens of missiles"]["value"] is None and got["dozens of missiles"]["low"] == 24
    assert got["hundreds of homes"]["vague"] is True
    assert got["1,200 troops"]["value"] == 1200
    assert got["three tanks"]["value"] == 3
    assert got["3.5 million dollars"]["value"] == 3_500_000 and got["3.5 million dollars"]["unit"] == "USD"


def test_dates_and_years_are_not_quantities() -> None:
    got = attrs_of("On 28–29 December 2025 and on Jan. 5, at 10:30 p.m., in 2024, 2,000 troops left.")
    dates = [t for lab, t, _ in got if lab == "date"]
    quants = [t for lab, t, _ in got if lab == "quantity"]
    assert "28–29 December 2025" in dates
    assert "Jan. 5" in dates and "10:30 p.m." in dates and "2024" in dates
    assert quants == ["2,000 troops"]


def test_number_words_need_a_unit() -> None:
    got = attrs_of("One of the men said two would come. The fire claimed three lives.")
    assert [(lab, t) for lab, t, _ in got] == [("quantity", "three lives")]


def test_hyphenated_number_words() -> None:
    """A hyphenated number word is one word token and still a number ("twenty-five")."""
    got = {t: a for lab, t, a in attrs_of("The attack killed twenty-five people. It took a half-dozen "
                                          "hours. A well-known figure spoke.") if lab == "quantity"}
    assert got["twenty-five people"]["value"] == 25
    assert got["a half-dozen hours"]["value"] == 6
    assert len(got) == 2


def test_ranges_and_approximations() -> None:
    got = {t: a for _, t, a in attrs_of("between 10 and 20 missiles, about 300 soldiers, up to 50%")}
    assert got["between 10 and 20 missiles"]["low"] == 10 and got["between 10 and 20 missiles"]["high"] == 20
    assert got["about 300 soldiers"]["approx"] is True
    assert got["up to 50%"]["high"] == 50 and got["up to 50%"]["unit"] == "%"


# --- actors ------------------------------------------------------------------------


def canon(text: str, lexicons=None) -> list[tuple[str, str, str]]:
    df = spans(text, "actor", lexicons)
    return [(t, a["canonical"], a["type"]) for t, a in zip(df["text"], df["attrs"], strict=True)]


def test_gazetteer_aliases_and_metonyms() -> None:
    got = canon("Lavrov said the Kremlin and Washington disagreed. The Kremlin denied it. Kiev replied.")
    assert ("Lavrov", "Sergei Lavrov", "person") in got
    assert ("the Kremlin", "the Kremlin", "organisation") in got
    assert ("The Kremlin", "the Kremlin", "organisation") in got
    assert ("Washington", "Washington", "place") in got
    assert ("Kiev", "Kyiv", "place") in got


def test_person_named_said_and_surname_linking() -> None:
    got = canon("Police chief Said Ahmed said the plan failed. Later Ahmed resigned.")
    assert ("Said Ahmed", "Said Ahmed", "person") in got
    assert ("Ahmed", "Said Ahmed", "person") in got


def test_titles_and_organisation_heads() -> None:
    got = canon("It was confirmed by Foreign Minister Jan Novak and by the Ministry of Energy.")
    assert ("Jan Novak", "Jan Novak", "person") in got
    assert ("Ministry of Energy", "Ministry of Energy", "organisation") in got


def test_dotted_titles_and_place_abbreviations() -> None:
    got = canon("They met Sen. Arlen Specter in St. Louis on Jan. 5. Specter left.")
    assert ("Arlen Specter", "Arlen Specter", "person") in got
    assert ("St. Louis", "St. Louis", "place") in got
    assert ("Specter", "Arlen Specter", "person") in got
    assert not any(t.startswith("Jan") for t, _, _ in got)


def test_story_actors_extend_the_gazetteer() -> None:
    lex = load_lexicons({"actors": [{"name": "Ivan Petrov", "type": "person", "aliases": ["Petrov"]}]})
    got = canon("Analysts quoted Petrov at length.", lex)
    assert ("Petrov", "Ivan Petrov", "person") in got


def test_title_case_headline_uses_gazetteer_only() -> None:
    df = annotate_text("", title="Lavrov Claims Drone Attack On Putin Residence", layers=["actor"])
    df = df[df["layer"] == "actor"]
    assert set(df["text"]) == {"Lavrov", "Putin"} and df["in_title"].all()


# --- loaded and frames -------------------------------------------------------------------


def test_loaded_words_with_inflections_and_categories() -> None:
    text = ("Critics slammed the draconian plan as a sham, calling him a thug; the "
            "unprecedented move left the country under siege, patriotic voices said.")
    got = pairs(text, "loaded")
    assert ("Loaded_Language", "slammed") in got
    assert ("Loaded_Language", "draconian") in got
    assert ("Name_Calling-Labeling", "thug") in got
    assert ("Exaggeration-Minimisation", "unprecedented") in got
    assert ("Appeal_to_Fear-Prejudice", "under siege") in got
    assert ("Flag_Waving", "patriotic") in got


def test_loaded_marks_words_inside_direct_quotes() -> None:
    df = annotate_text("“This is a disgraceful farce,” he said. The vote was a farce.",
                       layers=["quote", "loaded"])
    lo = df[df["layer"] == "loaded"]
    inq = [a["in_quote"] for a in lo["attrs"]]
    assert inq == [True, True, False]


def test_plain_news_sentence_has_no_loaded_words() -> None:
    assert pairs("The committee met on Tuesday and approved the budget for next year.", "loaded") == []


def test_frame_cues() -> None:
    got = pairs("Sanctions hit the economy as troops massed at the border; the court ruled.", "frame")
    labels = {lab for lab, _ in got}
    assert {"External_regulation_and_reputation", "Economic", "Security_and_defense",
            "Legality_constitutionality_jurisprudence"} <= labels


def test_spacy_model_is_used_when_installed(tmp_path, monkeypatch) -> None:
    import pytest

    spacy = pytest.importorskip("spacy", reason="spaCy is not installed (optional 'bench' extra)")
    from toolkit.annotate import actor

    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "PERSON", "pattern": "zorblat quux"}])
    nlp.to_disk(tmp_path / "model")
    monkeypatch.setenv("TOOLKIT_SPACY_MODEL", str(tmp_path / "model"))
    actor._spacy_model.cache_clear()
    try:
        df = spans("The visit by zorblat quux went ahead.", "actor")
    finally:
        actor._spacy_model.cache_clear()
    assert df["rule"].tolist() == ["spacy:PERSON"]
    assert df["attrs"][0] == {"canonical": "zorblat quux", "type": "person"}


def test_word_index_and_regex_fallback_agree() -> None:
    from toolkit.annotate import evidentiality, frame, loaded
    from toolkit.annotate.lexicon import phrase_matcher, word_tokens

    lex = load_lexicons()
    text = ("Our nation’s leaders slammed the so-called deal; the president's team called it a "
            "sham and a witch-hunt. It could not be independently verified, reportedly. "
            "Voters in the party's heartland, well-known hard-liners, were furious.")
    for mod in (evidentiality, loaded, frame):
        m = phrase_matcher(lex, mod.LEXICON, mod.ENTRY_MODEL, cached=False)
        fast = [(h.start, h.end, h.key) for h in m.find(text, word_tokens(text))]
        slow = [(h.start, h.end, h.key) for h in m.find(text, None)]
        assert fast == slow and fast, mod.NAME


# --- the speed-ups keep every result: each fast path against its plain form -------------

_ALPHABET = "MrsGen.St Ft.Lt.Col.aB-'’\t\n ÉŁ of the van al X. Y.Mr.Smith De said told according “”"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_capitalised_run_regex_equals_its_plain_form(text: str) -> None:
    from toolkit.annotate import actor

    t = actor._build(load_lexicons())
    dotted = sorted({w for w in t.titles if w.endswith(".")} | set(actor._PLACE_ABBREV))
    plain = actor._candidate_regex(dotted, plain=True)
    assert [m.span() for m in t.candidates.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET + "ThePresidentLavrovhewe:,", max_size=100))
def test_quote_speaker_regex_needs_its_verb_hint(window: str) -> None:
    from toolkit.annotate import quote

    lex = load_lexicons()
    _, before = quote._cues(lex)
    hint = quote._verb_hint(lex)
    if hint.search(window) is None:
        assert before.search(window) is None


def test_phrase_matcher_shortcuts_equal_the_full_scan() -> None:
    from toolkit.annotate import evidentiality, frame, loaded
    from toolkit.annotate.lexicon import _windows, phrase_matcher, word_tokens

    lex = load_lexicons()
    text = ("On the one hand the regime slammed the so-called deal; on the other the rule of law "
            "held. There were no official reports of damage, and the claim could not be "
            "independently verified. If confirmed, it is clear that the report was true. "
            "The the the of a a on on no no: the lack of evidence, the absence of proof.") * 3
    toks = word_tokens(text)
    for mod in (evidentiality, loaded, frame):
        fast = phrase_matcher(lex, mod.LEXICON, mod.ENTRY_MODEL, cached=False)
        full = phrase_matcher(lex, mod.LEXICON, mod.ENTRY_MODEL, cached=False)
        full.second = dict.fromkeys(full.second)  # no next-word filter: every occurrence tried
        got = fast.find(text, toks)
        assert got and got == full.find(text, toks), mod.NAME
        windows = fast._hint_windows(toks[0])
        for _, hints, _ in fast.patterns:
            assert windows(hints) == _windows(toks[0], hints)


_HINT_WORDS = ["confirmed", "confirm", "unconfirmed", "re-confirmed", "can't", "reports'", "verified", "verif", "no", "evidence", "report", "there",
               "were", "if", "true", "it is", "dismissed as", "propaganda", "contradict", "the",
               "claimed", "attack", "said to be", "was", "could not be", "sign", "of", " ", ", ", ". "]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_HINT_WORDS), max_size=40))
def test_hint_spots_and_active_patterns_equal_the_plain_scan(parts: list[str]) -> None:
    """Hints found through a shorter hint inside them equal a find() loop per hint, and
    running only the patterns whose hints occur finds what running every pattern finds."""
    from toolkit.annotate import evidentiality
    from toolkit.annotate.lexicon import phrase_matcher, word_tokens

    text = " ".join(parts)
    toks = word_tokens(text)
    low = toks[0]
    fast = phrase_matcher(load_lexicons(), evidentiality.LEXICON, evidentiality.ENTRY_MODEL)
    want = {}
    for h in fast.hints:
        spots = [i for i in range(len(low)) if low.startswith(h, i)]
        if spots:
            want[h] = spots
    assert fast._hint_spots(low) == want
    assert fast._hint_spots(low, toks.positions) == want  # word hints looked for in the words
    every = phrase_matcher(load_lexicons(), evidentiality.LEXICON, evidentiality.ENTRY_MODEL,
                           cached=False)
    every.unhinted = list(range(len(every.patterns)))  # every pattern runs
    every.all_hinted = False
    assert fast.find(text, toks) == every.find(text, toks)


# --- speed shortcuts must not change what is found ------------------------------------


def test_case_odd_characters_are_all_the_exceptions() -> None:
    """Over every code point: a case-insensitive ASCII letter, \\w, \\d and \\s match a
    character exactly when the case-sensitive ones match its ``lower()``, except for the
    characters in ``number._CASE_ODD`` (a text holding one keeps the IGNORECASE regexes)."""
    import re
    import sys

    from toolkit.annotate import number

    chars = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i <= 0xDFFF)
    odd = set()
    for letter in "abcdefghijklmnopqrstuvwxyz":
        odd |= {c for c in re.findall(letter, chars, re.IGNORECASE) if c.lower() != letter}
    for c in chars:
        low = c.lower()
        if len(low) != 1 or low == c:
            continue
        if "a" <= low <= "z" and not re.fullmatch(low, c, re.IGNORECASE):
            odd.add(c)
        if any((re.fullmatch(k, c) is None) != (re.fullmatch(k, low) is None) for k in (r"\w", r"\d", r"\s")):
            odd.add(c)
    assert odd == set(number._CASE_ODD)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    ["MORE THAN", "About", "US$", "£", "€5", "Dozens Of", "TWENTY-ONE", "Three", "ſeven", "İstanbul",
     "ı", "1,200", "3.5", "Million", "BN", "Between", "AND", "10", "20", "%", "Drones", "UAVs",
     "December", "DEC.", "10:30", "P.M.", "am", "2025", "Sept.", "28–29", "to", "-", "of", "a",
     "A Dozen", "\u212a", "ONE", "Hundreds", "\n\n"]), max_size=14))
def test_numbers_found_in_lower_case_equal_the_case_insensitive_search(words: list[str]) -> None:
    import dataclasses

    from toolkit.annotate import number
    from toolkit.annotate.base import Doc

    lex = load_lexicons()
    text = " ".join(words)
    t = number._build(lex)
    fast = number.annotate(Doc(text=text, lexicons=lex))
    plain = dataclasses.replace(t, rx_low=None, dates_low=None)  # (no __dict__ when compiled)
    lex_plain = dataclasses.replace(lex, _cache={})  # a private copy: the shared set stays as it is
    lex_plain._cache[(number.NAME, "tables")] = plain
    slow = number.annotate(Doc(text=text, lexicons=lex_plain))
    assert [(s.label, s.start, s.end, s.rule, s.attrs) for s in fast] == \
        [(s.label, s.start, s.end, s.rule, s.attrs) for s in slow]
    assert lex.compiled((number.NAME, "tables"), number._build).rx_low is not None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(
    ["On", "3", "March", "2025", "Sept.", "28–29", "December", "10:30", "p.m.", "7am", "2024-01-05",
     "1/2/25", "dozens", "a", "several", "of", "the", "May", "mar", "Dec", "\n", "x"]), max_size=20))
def test_date_windows_without_a_digit_hold_no_date(words: list[str]) -> None:
    from toolkit.annotate import number
    from toolkit.annotate.base import Doc
    from toolkit.annotate.lexicon import doc_tokens

    lex = load_lexicons()
    text = " ".join(words)
    t = lex.compiled((number.NAME, "tables"), number._build)
    doc = Doc(text=text, lexicons=lex)
    doc_tokens(doc)
    spots = number._anchors(doc, t)
    quick = number._search_near(t.dates, text, spots, 0, 40, needs_digit=True)
    full = number._search_near(t.dates, text, spots, 0, 40)
    assert [m.span() for m in quick] == [m.span() for m in full]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab c-'\u2019\u2010s1_ \n.\u0130é")), max_size=40))
def test_word_tokens_equal_the_word_regex(text: str) -> None:
    from toolkit.annotate.lexicon import _WORD_RX, folded, word_tokens

    got = word_tokens(text)
    low = folded(text)
    if low is None:
        assert got is None
        return
    want = [(m.start(), m.end(), m.group()) for m in _WORD_RX.finditer(low)]
    assert got.low == low
    assert list(zip(got.starts, got.ends, got.words, strict=True)) == want
    assert got.positions == {w: [i for i, x in enumerate(want) if x[2] == w] for _, _, w in want}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdEFGH Ünß_1-’.\n")), max_size=50))
def test_title_case_equals_its_plain_definition(text: str) -> None:
    import re

    from toolkit.annotate import actor

    words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 3]
    plain = bool(words) and sum(w[0].isupper() for w in words) / len(words) >= 0.6
    assert actor._title_case(text) == plain


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(
    ["said", "foreign minister", "Foreign  Minister", "MINISTER", "spokesman", "Spokesman\u2019s", "party's",
     "ſpokesman", "\u212achief", "İ", "ı", "(president", "vice-president", "aide", "aides", "s", "'s",
     "’S", "the", ",", ".", " ", "\t", "\n", "\u00a0", "\u2009", "x"]), max_size=8))
def test_title_before_a_name_equals_the_title_regex(parts: list[str]) -> None:
    """The shortcut that skips the lower-case-title search answers what the search answers."""
    from toolkit.annotate import actor

    t = actor._build(load_lexicons())
    assert t.title_ends is not None
    for before in ("".join(parts), " ".join(parts), " ".join(parts) + " ", " ".join(parts) + "\n"):
        assert actor._titled_before(before, t) == bool(t.lower_titles.search(before)), before


def test_multi_word_names_keep_their_offsets() -> None:
    text = ("Analysts said Foreign Minister Ivan  Petrenko and Anna\tMaria Kowalska met President Emil "
            "Karsten in Kyiv, and the Ministry of Defence; Olena Marchenko then left.")
    spans = annotate_text(text, layers=["actor"])
    assert set(zip(spans["text"], spans["start"], spans["label"], strict=True)) >= {
        ("Ivan  Petrenko", text.index("Ivan"), "person"), ("Anna\tMaria Kowalska", text.index("Anna"), "person"),
        ("Emil Karsten", text.index("Emil"), "person"), ("Olena Marchenko", text.index("Olena"), "person"),
    }
    for _, r in spans.iterrows():
        assert text[r["start"]:r["end"]] == r["text"]


_NUMBER_WORDS = ["a", "A", "an", "estimated", "as", "many", "few", "at", "least", "in", "excess", "of", "no",
                 "fewer", "than", "up", "to", "upwards", "or", "so", "for", "forty", "four", "fourteen",
                 "fifty-five", "twenty\u2010one", "half", "dozen", "dozens", "and", "couple", "pair", "some",
                 "more", "over", "between", "tens", "thousands", "hundreds", "million", "bn", "us$", "$",
                 "£", "5", "1,200", "3.5", "%", "drones", "the", "may", "May", "Sept.", "march", "mar",
                 "december", "10:30", "p.m.", "am", "2025", "2024-01-05", "1/2/25", "28th", "–", "-", ",",
                 ".", "\n", "  ", "x", "ſeven", "several", "numerous", "approx.", "circa"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_NUMBER_WORDS), max_size=16), st.integers(0, 200), st.integers(0, 200))
def test_lower_case_number_regexes_find_the_case_insensitive_matches(words: list[str], pos: int,
                                                                     endpos: int) -> None:
    """The lower-case quantity and date regexes (with their start look-aheads) find what the
    IGNORECASE ones find, also searched from any start to any end, as the windows are."""
    from toolkit.annotate import number

    t = number._build(load_lexicons())
    assert t.rx_low is not None and t.dates_low is not None
    text = " ".join(words)
    low = text.lower()
    if len(low) != len(text) or any(c in text for c in number._CASE_ODD):
        return
    for fast, slow in ((t.rx_low, t.rx), (t.dates_low, t.dates)):
        assert [m.span() for m in fast.finditer(low)] == [m.span() for m in slow.finditer(text)]
        a, b = fast.search(low, pos, endpos), slow.search(text, pos, endpos)
        assert (a and (a.span(), a.groupdict())) == (b and (b.span(), {k: v and v.lower() for k, v in b.groupdict().items()}))


_CUE_WORDS = ["said", "says", "essay", "told", "according", "to", "Lavrov", "The", "the", "spokesman", "he",
              "She", "Mr.", "Smith", "also", "later", "on", "Monday", "that", "reporters", "it's", "well-known",
              "x", "\u2014"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_CUE_WORDS), max_size=6), st.sampled_from(["he", "Lavrov", "the spokesman", "x"]),
       st.sampled_from(["said", "says", "told", "sai", "according to Smith"]),
       st.lists(st.sampled_from(_CUE_WORDS), max_size=5), st.sampled_from(["", ":", ",", ".", " :"]),
       st.sampled_from(["", " ", "\t", "\n", " \n"]))
def test_quote_speaker_hint_holds_for_every_before_cue(head: list[str], speaker: str, verb: str,
                                                       tail: list[str], mark: str, space: str) -> None:
    """The verb-and-tail hint finds something in every window the "before" cue regex matches."""
    from toolkit.annotate import quote

    lex = load_lexicons()
    _, before = quote._cues(lex)
    hint = quote._verb_hint(lex)
    window = " ".join([*head, speaker, verb, *tail]) + mark + space
    if before.search(window) is not None:
        assert hint.search(window) is not None, window
