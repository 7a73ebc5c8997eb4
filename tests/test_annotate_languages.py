"""Russian and Ukrainian lexicons (``lexicons/ru/``, ``lexicons/uk/``) and per-article
language routing.

The sentences are written for these tests in the style of the fictional demo story.
"""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.annotate import annotate, annotate_text, load_lexicons
from toolkit.annotate.lexicon import language_code, package_languages

STORY_ACTORS = {"actors": [{"name": "Ruslan Dravin", "type": "person",
                            "aliases": ["Руслан Дравин", "Дравин"]}]}


def ru(text: str, layers: list[str] | None = None, lexicons: object = None,
       language: str = "ru") -> pd.DataFrame:
    return annotate_text(text, layers=layers, lexicons=lexicons, language=language)  # type: ignore[arg-type]


def uk(text: str, layers: list[str], lexicons: object = None) -> pd.DataFrame:
    return ru(text, layers, lexicons, language="uk")


def attributions(text: str, language: str = "ru") -> list[dict]:
    sp = ru(text, layers=["sentence", "quote", "actor", "attribution"], language=language)
    sp = sp[sp["layer"] == "attribution"]
    out = []
    for _, d in sp.groupby("group", sort=False):
        cue = d[d["role"] == "cue"].iloc[0]
        src = d[d["role"] == "source"]
        out.append({"cue": cue["text"], "stance": cue["label"],
                    "source": src["text"].iloc[0] if len(src) else None,
                    "content": " ".join(d[d["role"] == "content"]["text"])})
    return out


def labels(text: str, layer: str, lexicons: object = None, language: str = "ru") -> list[tuple[str, str]]:
    sp = ru(text, layers=["sentence", layer], lexicons=lexicons, language=language)
    sp = sp[sp["layer"] == layer]
    return list(zip(sp["label"], sp["text"], strict=True))


# --- lexicons and routing --------------------------------------------------------------


@pytest.mark.parametrize("code", ["ru", "uk"])
def test_the_package_has_lists_for_every_english_one(code: str) -> None:
    assert code in package_languages()
    en, other = load_lexicons(), load_lexicons(language=code)
    assert other.language == code and set(en.names) == set(other.names)


@pytest.mark.parametrize(("value", "code"), [
    ("ru", "ru"), ("ru-RU", "ru"), (" EN ", "en"), ("uk_UA", "uk"), (None, None), ("", None), ("1x", None),
])
def test_language_code(value: object, code: str | None) -> None:
    assert language_code(value) == code


def test_for_language_keeps_the_version_and_the_extension() -> None:
    en = load_lexicons(STORY_ACTORS)
    r = en.for_language("ru-RU")
    assert r.language == "ru" and r.version == en.version  # one run, one cache key
    assert r is en.for_language("ru")
    assert en.for_language("de") is en and en.for_language(None) is en and en.for_language("en") is en
    assert any(a.name == "Ruslan Dravin" for a in r.get("actors"))  # the story's actors too


def test_annotate_routes_each_article_by_its_language() -> None:
    arts = pd.DataFrame({
        "article_id": ["en1", "ru1", "xx1"],
        "title": [None, None, None],
        "text": ["Foreign Minister Ruslan Dravin claimed that drones attacked the residence.",
                 "Руслан Дравин утверждает, что беспилотники атаковали резиденцию.",
                 "Foreign Minister Ruslan Dravin said the talks were postponed."],
        "language": ["en", "ru", None],
        "status": ["ok", "ok", "ok"],
    })
    ann = annotate(arts, progress=False)
    cues = ann.spans[(ann.spans["layer"] == "attribution") & (ann.spans["role"] == "cue")]
    got = dict(zip(cues["article_id"], zip(cues["text"], cues["label"], strict=True), strict=True))
    assert got == {"en1": ("claimed", "distancing"), "ru1": ("утверждает", "distancing"),
                   "xx1": ("said", "neutral")}  # no language: English
    f = ann.features.set_index("article_id")
    assert f["lexicon_version"].nunique() == 1 and f.loc["ru1", "lexicon_version"] == ann.lexicon_version
    assert pd.isna(f.loc["ru1", "tone"]) and not pd.isna(f.loc["en1", "tone"])  # VADER is English


# --- attribution -----------------------------------------------------------------------


def test_a_claim_with_a_clause_is_distancing_and_names_its_source() -> None:
    (a,) = attributions("Министр иностранных дел Вельморы Руслан Дравин утверждает, что "
                        "резиденцию атаковали 47 беспилотников.")
    assert (a["cue"], a["stance"]) == ("утверждает", "distancing")
    assert a["source"].endswith("Руслан Дравин")
    assert a["content"].startswith("что резиденцию")  # the comma before что is no content


def test_po_slovam_works_like_according_to() -> None:
    (a,) = attributions("По словам министра, все беспилотники были сбиты.")
    assert (a["cue"], a["stance"], a["source"]) == ("По словам", "neutral", "министра")
    assert a["content"] == "все беспилотники были сбиты"


@pytest.mark.parametrize(("text", "cue", "source"), [
    ("«Тишина была полная», — рассказала местная жительница.", "рассказала", "местная жительница"),
    ("«Это попытка сменить повестку», — сказал он.", "сказал", "он"),
])
def test_a_quote_signed_after_a_dash(text: str, cue: str, source: str) -> None:
    (a,) = attributions(text)
    assert (a["cue"], a["source"]) == (cue, source)
    assert a["content"].startswith("«")


def test_the_speakers_description_is_not_content() -> None:
    (a,) = attributions("«Тишина была полная», — рассказала местная жительница, попросившая не называть её фамилию.")
    assert a["content"] == "«Тишина была полная»"


def test_a_quote_nested_in_guillemets_stays_one_quotation() -> None:
    (a,) = attributions('«Это попытка сменить повестку. Теперь будут говорить о том, как удержать '
                        'Вельмору от "ответа"», — сказал он.')
    assert a["content"].startswith("«Это попытка") and a["content"].endswith('"ответа"»')
    assert a["source"] == "он"


@pytest.mark.parametrize(("text", "cue", "stance"), [
    ("Кестрия отрицает свою причастность к атаке.", "отрицает", "denying"),
    ("Дравин обвинил Кестрию в нападении на резиденцию.", "обвинил", "accusing"),
    ("Министерство подтвердило, что переговоры отложены.", "подтвердило", "endorsing"),
    ("Депутат Волнов заявил, что переговоры будут продолжены.", "заявил", "neutral"),
])
def test_cue_stances(text: str, cue: str, stance: str) -> None:
    got = [(a["cue"], a["stance"]) for a in attributions(text)]
    assert (cue, stance) in got, got


# --- the other layers ------------------------------------------------------------------


@pytest.mark.parametrize(("text", "label"), [
    ("Доказательств МИД не представил.", "no_evidence"),  # the object first
    ("МИД не представил никаких доказательств.", "no_evidence"),
    ("Заявление пока не удалось независимо проверить.", "unverified"),
    ("Подтвердить слова министра пока не может ни одна организация.", "unverified"),
    ("Якобы сбитые беспилотники никто не видел.", "hedge"),
    ("Это так называемый ответ.", "hedge"),
    ("Если подтвердится, это будет эскалацией.", "conditional"),
    ("Проект «Небо» не зафиксировал ни одной тревоги.", "counter"),
    ("Это, несомненно, теракт.", "booster"),
])
def test_evidentiality(text: str, label: str) -> None:
    assert label in [lab for lab, _ in labels(text, "evidentiality")]


def test_actors_match_case_forms_and_share_english_canonical_names() -> None:
    lex = load_lexicons(STORY_ACTORS)
    sp = ru("Заявление Дравина осудили в Москве и в Кремле, а Лаврову ответил Дравинский район.",
            layers=["sentence", "actor"], lexicons=lex)
    got = {t: a["canonical"] for t, a in zip(sp["text"], sp["attrs"], strict=True) if isinstance(a, dict) and a}
    assert got["Дравина"] == "Ruslan Dravin"  # genitive of a story alias
    assert got["Москве"] == "Moscow" and got["Кремле"] == "the Kremlin" and got["Лаврову"] == "Sergei Lavrov"
    assert got.get("Дравинский") != "Ruslan Dravin"  # "-ский" is no case ending
    named = ru("Политолог Эдуард Ланин считает иначе.", layers=["sentence", "actor"])
    assert named.loc[named["layer"] == "actor", "text"].tolist() == ["Эдуард Ланин"]  # title stripped


def test_numbers_with_russian_units_and_modifiers() -> None:
    sp = ru("ПВО сбили 47 беспилотников, более 90 дронов и десятки ракет 14 марта.", layers=["sentence", "number"])
    q = {t: a for t, a in zip(sp["text"], sp["attrs"], strict=True) if isinstance(a, dict) and "unit" in a}
    assert q["47 беспилотников"]["value"] == 47 and q["47 беспилотников"]["unit"] == "UAVs"
    assert q["более 90 дронов"]["low"] == 90 and q["более 90 дронов"]["high"] is None
    assert q["десятки ракет"]["vague"] and q["десятки ракет"]["unit"] == "missiles"
    assert [t.rstrip(".") for t in sp.loc[sp["label"] == "date", "text"]] == ["14 марта"]
    adj = ru("ПВО сбили все 47 вражеских беспилотников.", layers=["sentence", "number"])
    got = adj[adj["layer"] == "number"].iloc[0]
    assert got["text"] == "47 вражеских беспилотников" and got["attrs"]["unit"] == "UAVs"  # an adjective between


def test_loaded_language_and_frames() -> None:
    got = labels("Это государственный терроризм киевского режима и варварское нападение.", "loaded")
    assert ("Name_Calling-Labeling", "государственный терроризм") in got
    assert ("Name_Calling-Labeling", "киевского режима") in got
    assert ("Loaded_Language", "варварское") in got
    frames = {lab for lab, _ in labels("Атака сорвала переговоры.", "frame")}
    assert {"Security_and_defense", "Political"} <= frames


def test_an_abbreviation_does_not_end_a_sentence() -> None:
    sp = ru("Это случилось в 2025 г. в Москве. Потом всё стихло.", layers=["sentence"])
    assert sp["text"].tolist() == ["Это случилось в 2025 г. в Москве.", "Потом всё стихло."]


# --- Ukrainian -------------------------------------------------------------------------


def uk_attributions(text: str) -> list[tuple[str, str, str | None, str]]:
    return [(a["cue"], a["stance"], a["source"], a["content"]) for a in attributions(text, "uk")]


def test_ukrainian_attributions() -> None:
    (a,) = uk_attributions("Міністр закордонних справ Руслан Дравін стверджує, що резиденцію атакували 47 безпілотників.")
    assert a[:3] == ("стверджує", "distancing", "Міністр закордонних справ Руслан Дравін")
    assert a[3].startswith("що резиденцію")
    (b,) = uk_attributions("За словами міністра, всі безпілотники були збиті.")
    assert b == ("За словами", "neutral", "міністра", "всі безпілотники були збиті")
    (c,) = uk_attributions("«Це спроба змінити порядок денний», — сказав він.")
    assert c[:3] == ("сказав", "neutral", "він") and c[3].startswith("«")
    got = {x[:2] for x in uk_attributions("Кестрія заперечує свою причетність, а Дравін звинуватив Кестрію в нападі.")}
    assert {("заперечує", "denying"), ("звинуватив", "accusing")} <= got


@pytest.mark.parametrize(("text", "label"), [
    ("Доказів МЗС не надало.", "no_evidence"),
    ("Міністр не навів жодних доказів.", "no_evidence"),
    ("Цю заяву не вдалося незалежно перевірити.", "unverified"),
    ("Нібито збиті безпілотники ніхто не бачив.", "hedge"),
    ("Якщо підтвердиться, це буде ескалація.", "conditional"),
    ("Проєкт не зафіксував жодної тривоги.", "counter"),
])
def test_ukrainian_evidentiality(text: str, label: str) -> None:
    assert label in [lab for lab, _ in labels(text, "evidentiality", language="uk")]


def test_ukrainian_actors_numbers_and_loaded_terms() -> None:
    sp = uk("Заяву Лаврова засудили в Києві. Окупанти випустили 47 безпілотників, а кремлівський режим мовчить.",
            ["sentence", "actor", "number", "loaded"])
    canon = {t: a["canonical"] for t, a in zip(sp["text"], sp["attrs"], strict=True)
             if isinstance(a, dict) and "canonical" in a}
    assert canon["Лаврова"] == "Sergei Lavrov" and canon["Києві"] == "Kyiv"
    q = sp[sp["layer"] == "number"].iloc[0]
    assert q["text"] == "47 безпілотників" and q["attrs"]["unit"] == "UAVs"
    # a curly apostrophe in the text and a case ending on an alias written with a straight one
    apostrophe = load_lexicons({"actors": [{"name": "Marian", "type": "person", "aliases": ["Мар'ян"]}]})
    got = uk("Про це заявив речник. Слова Мар\u2019яна ніхто не чув.", ["sentence", "actor"], lexicons=apostrophe)
    assert ("Мар\u2019яна", {"canonical": "Marian", "type": "person"}) in list(zip(got["text"], got["attrs"], strict=True))
    loaded = set(zip(sp.loc[sp["layer"] == "loaded", "label"], sp.loc[sp["layer"] == "loaded", "text"], strict=True))
    assert {("Name_Calling-Labeling", "Окупанти"), ("Name_Calling-Labeling", "кремлівський режим")} <= loaded
