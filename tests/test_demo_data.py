"""Checks of the data files themselves: the fictional demo corpus, its story file, the registry."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import shutil
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
import yaml

from toolkit import paths
from toolkit.outlets import COLUMNS, read_registry
from toolkit.schema import OUTLET_TYPES, canonical_url, domain_of

DEMO = paths.DEMO_DIR
NAME = re.compile(r"^(?P<slug>[a-z0-9-]+)_(?P<date>\d{4}-\d{2}-\d{2})_(?P<short>[a-z0-9-]+)(?:_v\d+)?\.html$")
EXPECTED = {"asserted", "attributed", "distanced", "disputed", "paywalled", "index"}


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_demo", DEMO / "build_demo.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def builder():
    return _load_builder()


@pytest.fixture(scope="module")
def articles(builder) -> dict[str, dict]:
    return builder.load_articles()


@pytest.fixture(scope="module")
def pages() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(DEMO.glob("*.html"))}


@pytest.fixture(scope="module")
def table() -> list[dict[str, str]]:
    """The per-file table of README.md as dicts."""
    text = (DEMO / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- files:start", 1)[1].split("<!-- files:end -->", 1)[0]
    lines = [ln for ln in block.splitlines() if ln.startswith("|")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    rows = []
    for ln in lines[2:]:
        cells = [c.strip().strip("`") for c in ln.strip().strip("|").split("|")]
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


@pytest.fixture(scope="module")
def registry():
    return read_registry(paths.OUTLETS_CSV)


def _tree(data: bytes) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(data)


def _page_url(tree: lxml.html.HtmlElement) -> str | None:
    for xp in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        found = tree.xpath(xp)
        if found:
            return str(found[0])
    return None


def _sentences(paras: list[str]) -> list[str]:
    return [s for p in paras for s in re.split(r"(?<=[.!?…])\s+", p) if s]


# --- the corpus -------------------------------------------------------------------------

def test_counts_names_and_days(pages, table):
    names = list(pages)
    assert all(NAME.match(n) for n in names), [n for n in names if not NAME.match(n)]
    not_articles = {r["file"] for r in table if r["status"] == "not_article"}
    assert len([n for n in names if n not in not_articles]) >= 24
    outlets = {NAME.match(n)["slug"] for n in names}
    assert len(outlets) >= 8
    days = {NAME.match(n)["date"] for n in names}
    assert {"2026-03-14", "2026-03-15", "2026-03-16"} <= days


def test_committed_pages_equal_a_fresh_build(builder, pages, tmp_path):
    shutil.copy(DEMO / "README.md", tmp_path / "README.md")
    written = builder.build(tmp_path)
    assert {p.name for p in written} == set(pages), "run: .venv/bin/python data/demo/build_demo.py"
    for p in written:
        assert p.read_bytes() == pages[p.name], f"{p.name} is stale: rebuild the demo"
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == (DEMO / "README.md").read_text(
        encoding="utf-8"), "README table is stale: rebuild the demo"


def test_every_page_parses_cleanly_and_has_site_chrome(pages):
    for name, data in pages.items():
        parser = lxml.etree.HTMLParser(recover=True)
        lxml.etree.fromstring(data, parser)
        assert len(parser.error_log) == 0, (name, [e.message for e in parser.error_log])
        tree = _tree(data)
        assert tree.xpath("//title") and tree.xpath("//h1"), name
        assert tree.xpath("//nav"), f"{name}: no site navigation"
        assert tree.xpath('//*[contains(@class, "cookie")]'), f"{name}: no cookie banner"
        assert tree.xpath("//footer") or tree.xpath('//*[contains(@class, "footer")]'), name
        assert tree.xpath("//aside | //ul/li/a"), f"{name}: no teasers/links"


def test_urls_on_the_outlets_fictional_domain(pages, registry):
    fictional = dict(zip(registry["domain"], registry["fictional"], strict=True))
    for name, data in pages.items():
        url = _page_url(_tree(data))
        assert url and canonical_url(url), f"{name}: canonical link and og:url missing or not http(s)"
        dom = domain_of(url)
        assert dom.endswith(".example"), name
        assert fictional.get(dom) is True, f"{dom} missing from data/outlets.csv or not fictional"
    urls = [_page_url(_tree(d)) for n, d in pages.items() if not n.endswith("_v2.html")]
    assert len(urls) == len(set(urls)), "two different articles share a URL"


def test_date_styles_and_byline_formats(pages, articles):
    styles = {a["dates"] for a in articles.values()}
    assert {"jsonld", "meta", "visible"} <= styles
    for name, a in articles.items():
        tree = _tree(pages[name])
        lds = [json.loads(s) for s in tree.xpath('//script[@type="application/ld+json"]/text()')]
        has_meta = bool(tree.xpath('//meta[@property="article:published_time"]'))
        if a["dates"] == "jsonld":
            assert lds, name
            objs = [o for ld in lds for o in ld.get("@graph", [ld])]
            art = next(o for o in objs if o["@type"] == "NewsArticle")
            assert art["datePublished"] == a["published"] and art["headline"] == a["title"]
        elif a["dates"] == "meta":
            assert has_meta and not lds, name
        else:
            assert not has_meta and not lds and not tree.xpath("//time[@datetime]"), name
    bylines = [a["byline"] for a in articles.values()]
    assert any(b.startswith("By ") for b in bylines)
    assert any(" | " in b for b in bylines)
    assert any(b.endswith(", Staff Writer") for b in bylines)


def test_article_lengths(articles):
    for name, a in articles.items():
        n = sum(len(p.split()) for p in a["paras"])
        if a.get("paywalled"):
            assert n < 150, name
        else:
            assert 250 <= n <= 700, (name, n)
    bodies = {"\n".join(a["paras"]) for a in articles.values() if not a.get("copy_of")}
    assert len(bodies) == len([a for a in articles.values() if not a.get("copy_of")])


def test_windows_1251_page_is_really_cp1251(pages):
    name = "velmora-segodnya_2026-03-14_vrazheskie-drony-atakovali-rezidentsiyu.html"
    data = pages[name]
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("cp1251")
    assert '<meta charset="windows-1251">' in text
    assert "беспилотники атаковали резиденцию" in text and "«" in text


def test_second_russian_page_is_utf8(pages, articles):
    russian = [n for n, a in articles.items() if a.get("language") == "ru"]
    assert len(russian) >= 2
    utf8 = [n for n in russian if articles[n].get("encoding", "utf-8") == "utf-8"]
    assert utf8
    text = pages[utf8[0]].decode("utf-8")
    assert '<meta charset="utf-8">' in text and re.search("[а-яё]{5}", text)


def test_revision_shares_canonical_url_with_one_changed_paragraph(pages, articles):
    v1 = "lbs-news_2026-03-14_velmora-says-residence-targeted_v1.html"
    v2 = "lbs-news_2026-03-14_velmora-says-residence-targeted_v2.html"
    t1, t2 = _tree(pages[v1]), _tree(pages[v2])
    assert _page_url(t1) == _page_url(t2)
    assert t1.xpath('//link[@rel="canonical"]/@href') == t2.xpath('//link[@rel="canonical"]/@href')
    ld2 = json.loads(t2.xpath('//script[@type="application/ld+json"]/text()')[0])
    assert dt.datetime.fromisoformat(ld2["dateModified"]) > dt.datetime.fromisoformat(ld2["datePublished"])
    p1, p2 = articles[v1]["paras"], articles[v2]["paras"]
    assert len(p1) == len(p2)
    assert sum(a != b for a, b in zip(p1, p2, strict=True)) == 1


def test_wire_copies(articles, pages):
    orig = "meridian-wire_2026-03-14_velmora-says-drones-targeted-residence.html"
    copies = [n for n, a in articles.items() if a.get("copy_of") == orig]
    assert len(copies) == 2
    o = articles[orig]
    for n in copies:
        c = articles[n]
        assert c["outlet"] != o["outlet"] and _page_url(_tree(pages[n])) != _page_url(_tree(pages[orig]))
        assert dt.datetime.fromisoformat(c["published"]) > dt.datetime.fromisoformat(o["published"])
    trimmed = [articles[n] for n in copies if articles[n]["title"] != o["title"]]
    same = [articles[n] for n in copies if articles[n]["title"] == o["title"]]
    assert len(trimmed) == 1 and len(same) == 1
    assert same[0]["paras"] == o["paras"]
    t = trimmed[0]["paras"]
    assert t[-1].startswith("This story was provided by") and t[:-1] == o["paras"][: len(t) - 1]
    assert len(t) - 1 < len(o["paras"])


def test_required_language_features(articles):
    def text(a: dict) -> str:
        return a["title"] + "\n" + "\n".join(a["paras"])

    by_outlet: dict[str, str] = {}
    for a in articles.values():
        by_outlet[a["outlet"]] = by_outlet.get(a["outlet"], "") + text(a)
    state = by_outlet["velmora-today"]
    for term in ("Nazi regime", "terrorist attack", "barbaric"):
        assert term in state
    assert "Enemy drones attacked the President's residence" in state
    chron = text(articles["lindmark-chronicle_2026-03-14_velmora-claims-drone-attack-offers-no-evidence.html"])
    for term in ("claimed", "alleged", "insisted", "provided no evidence",
                 "could not be independently verified", "There were no reports of"):
        assert term in chron, term
    flash = articles["dailyflash_2026-03-14_drones-strike-presidents-residence.html"]
    assert flash["title"].startswith("Drones strike president's residence")
    assert re.search(r"Officials\b[^.]*\bclaimed", text(flash)) and "reportedly" in text(flash)
    every = "\n".join(text(a) for a in articles.values())
    assert "“state terrorism”" in every and '"state terrorism"' in every
    for num in ("47 drones", "more than 40", "dozens of"):
        assert num in every, num
    fc = articles["factlantern_2026-03-15_no-evidence-drone-attack-residence.html"]
    assert fc["rating"] == "Unsupported"


def test_special_pages(pages):
    pay = _tree(pages["continental-observer_2026-03-15_theatre-of-a-claim.html"])
    assert "Subscribe to continue reading" in pay.text_content()
    idx = _tree(pages["lindmark-chronicle_2026-03-16_world-section-index.html"])
    assert len(idx.xpath('//li[@class="card"]')) >= 5
    assert idx.xpath('//meta[@property="og:type"]/@content') == ["website"]


def test_readme_lists_every_page(table, pages, articles):
    assert sorted(r["file"] for r in table) == sorted(pages)
    assert {r["expected"] for r in table} <= EXPECTED
    rows = {r["file"]: r for r in table}
    for name, a in articles.items():
        assert rows[name]["expected"] == a["expected"]
        assert rows[name]["copy_of"] == a.get("copy_of", "")
    text = (DEMO / "README.md").read_text(encoding="utf-8")
    assert "FICTIONAL" in text
    flags = " ".join(r["flags"] for r in table)
    for flag in ("syndicated", "revision", "headline_gap", "russian", "cp1251", "paywall", "index"):
        assert flag in flags, flag
    assert any(r["expected"] == "asserted" and r["type"] == "state-affiliated" for r in table)
    assert any(r["expected"] == "disputed" and r["type"] == "fact-checker" for r in table)


# --- the story file ---------------------------------------------------------------------

def test_story_file_shape_and_claim_patterns(articles):
    story = yaml.safe_load(paths.DEMO_STORY.read_text(encoding="utf-8"))
    assert {"title", "corpus", "sources", "keywords", "language", "window", "outlets", "actors",
            "claims"} <= set(story)
    start = dt.date.fromisoformat(story["window"]["start"])
    end = dt.date.fromisoformat(story["window"]["end"])
    for a in articles.values():
        assert start <= dt.datetime.fromisoformat(a["published"]).date() <= end
    names = {act["name"] for act in story["actors"]}
    assert all(act["type"] in ("person", "place") for act in story["actors"])
    keywords = [k.lower() for k in story["keywords"]]
    for name, a in articles.items():
        body = (a["title"] + " " + " ".join(a["paras"])).lower()
        assert any(k in body for k in keywords), name
    assert len(story["claims"]) >= 3
    english = {n: a for n, a in articles.items() if a.get("language", "en") == "en"}
    for claim, spec in story["claims"].items():
        assert set(spec["actors"]) <= names, claim
        pats = [re.compile(p, re.IGNORECASE) for p in spec["patterns"]]
        hits = [n for n, a in english.items()
                if any(p.search(s) for p in pats for s in _sentences([a["title"], *a["paras"]]))]
        assert len(hits) >= 3, (claim, hits)
    # the key asserting sentence of the state outlet carries the central claim
    attack = [re.compile(p, re.IGNORECASE) for p in story["claims"]["attack_on_residence"]["patterns"]]
    assert any(p.search("Kestrian drones attacked the residence of President Arkady Tolvin") for p in attack)
    assert not any(p.search("The fire claimed three lives at the power plant.") for p in attack)


# --- the outlet registry ----------------------------------------------------------------

def test_registry(registry):
    assert list(registry.columns) == COLUMNS
    assert not registry["domain"].duplicated().any()
    assert set(registry["outlet_type"]) <= set(OUTLET_TYPES)
    real = registry[~registry["fictional"]]
    assert len(real) >= 80
    assert not real["domain"].str.endswith(".example").any()
    assert registry["fictional"].sum() >= 8 and registry[registry["fictional"]]["domain"].str.endswith(".example").all()
    assert registry["country"].str.fullmatch(r"[A-Z]{2}").all()
    assert registry["language"].str.fullmatch(r"[a-z]{2}").all()
    have = set(real["domain"])
    for d in ("reuters.com", "apnews.com", "afp.com", "tass.ru", "tass.com", "ria.ru", "rt.com", "meduza.io",
              "novayagazeta.eu", "ukrinform.ua", "pravda.com.ua", "kyivindependent.com", "news.google.com",
              "news.yahoo.com", "bbc.com", "nytimes.com"):
        assert d in have, d
    types = real.set_index("domain")["outlet_type"]
    assert types["tass.ru"] == "state-affiliated" and types["reuters.com"] == "wire"
    assert types["meduza.io"] == "independent" and types["news.google.com"] == "aggregator"
    for t in ("wire", "state-affiliated", "public broadcaster", "national", "independent", "aggregator",
              "fact-checker"):
        assert (real["outlet_type"] == t).sum() >= 3, t


# --- against the HTML loader, when it is there --------------------------------------------

def test_loader_reads_the_demo_as_written(articles, table):
    files = pytest.importorskip("toolkit.load.files", reason="toolkit.load.files not written yet")
    df = files.from_html(DEMO, progress=False)
    df["file"] = [Path(s).name for s in df["source"]]
    rows = df.set_index("file")
    for name, a in articles.items():
        r = rows.loc[name]
        assert r["title"] == a["title"], name
        if a["dates"] in ("jsonld", "meta"):
            want = dt.datetime.fromisoformat(a["published"]).astimezone(dt.timezone.utc)
            assert r["published"].to_pydatetime() == want, name
        else:  # a printed date: at least the day must be right
            assert r["published"].date() == dt.date.fromisoformat(a["published"][:10]), name
        assert list(r["authors"]) == a["authors"], name
        assert r["language"] == a.get("language", "en"), name
        assert r["outlet_type"] == next(t["type"] for t in table if t["file"] == name), name
    for t in table:
        assert rows.loc[t["file"], "status"] == t["status"], t["file"]
    v1, v2 = (rows.loc[f"lbs-news_2026-03-14_velmora-says-residence-targeted_{v}.html"] for v in ("v1", "v2"))
    assert v1["article_id"] == v2["article_id"] and v1["text"] != v2["text"]
