"""HTML extraction: decoding, dates, authors, statuses, saved-page folders, the F1 benchmark."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import pandas as pd
import pytest

from toolkit import paths, schema
from toolkit.load.common import MAX_HTML_BYTES
from toolkit.load.decode import decode_html, gunzip_bounded
from toolkit.load.files import from_html
from toolkit.load.html import clean_authors, parse_html, parse_visible_date, to_utc

FIX = Path(__file__).parent / "fixtures" / "extract"


def page(name: str) -> bytes:
    return (FIX / name).read_bytes()


def ts(s: str) -> pd.Timestamp:
    return pd.Timestamp(s).tz_convert("UTC")


# --------------------------------------------------------------------- dates


def test_jsonld_date_wins_over_meta_and_sidebar():
    r = parse_html(page("jsonld_article.html"))
    assert r["status"] == "ok"
    # JSON-LD says 14:30+02:00; the meta tag (06:00Z the next day) and the sidebar
    # "latest news" times (8-9 March) must not be used.
    assert r["published"] == ts("2026-03-03T12:30:00Z")
    assert r["modified"] == ts("2026-03-03T16:05:00Z")
    assert str(r["published"].tz) == "UTC"


def test_meta_date_converted_to_utc_and_widget_ignored():
    r = parse_html(page("meta_article.html"))
    assert r["published"] == ts("2026-02-11T20:15:00Z")
    assert r["modified"] == ts("2026-02-12T06:40:00Z")


def test_time_tag_used_and_sidebar_and_copyright_ignored():
    r = parse_html(page("time_article.html"))
    # The sidebar's "most read" time (30 May) comes first in the page; the footer says 2023.
    assert r["published"] == ts("2026-05-02T09:30:00Z")  # no zone given: UTC assumed
    assert r["modified"] is None


def test_no_date_is_none_not_the_retrieval_date():
    html = ("<html><body><article><h1>Quiet day</h1>"
            + "<p>Nothing much happened in the village today, residents said. " * 20
            + "</p></article></body></html>")
    assert parse_html(html)["published"] is None


def test_to_utc_handles_zones_and_rejects_junk():
    assert to_utc("2026-01-05T10:00:00-05:00") == ts("2026-01-05T15:00:00Z")
    assert to_utc("January 5, 2026 10:00 EST") == ts("2026-01-05T15:00:00Z")
    assert to_utc("2026-01-05") == ts("2026-01-05T00:00:00Z")
    assert to_utc("yesterday") is None
    assert to_utc("1850-01-01") is None
    assert to_utc(None) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10:48, 14 Mar 2026", "2026-03-14T10:48:00Z"),
        ("15.03.2026 10:30", "2026-03-15T10:30:00Z"),
        ("Posted on March 15th, 2026 at 10:02 pm", "2026-03-15T22:02:00Z"),
        ("Monday 16 March 2026", "2026-03-16T00:00:00Z"),
        ("March 2026 budget", None),  # no day: never completed with today's date
        ("Updated 09:30", None),
        ("5 comments", None),
    ],
)
def test_visible_dates(text, expected):
    got = parse_visible_date(text)
    assert got == (ts(expected) if expected else None)


def test_visible_date_and_byline_classes_used_when_no_metadata():
    html = """<html><body><div class="most-read"><span class="date">1 April 2026</span></div>
    <div class="story"><h1>Water main bursts on the high street</h1>
    <div class="article-byline"><span class="author">By Kerry Vance, Chief Reporter</span>
    <span class="published">10:48, 14 Mar 2026</span></div>""" + "".join(
        f"<p>Paragraph {i}: engineers worked through the night to repair the burst pipe, and "
        "shops along the street stayed closed while the road was dug up.</p>" for i in range(8)
    ) + "</div></body></html>"
    r = parse_html(html)
    assert r["published"] == ts("2026-03-14T10:48:00Z")
    assert r["authors"] == ["Kerry Vance"]


# ------------------------------------------------------------------- authors


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["By John Smith"], ["John Smith"]),
        (["John Smith Senior Correspondent"], ["John Smith"]),
        (["By Priya Raman | 4 Minute Read"], ["Priya Raman"]),
        (["Jane Doe, Political Editor"], ["Jane Doe"]),
        (["Published March 3, 2026 by Alex Kim"], []),  # nothing left that is surely a name
        (["Alex Kim Published 3 March 2026"], ["Alex Kim"]),
        (["https://example.com/author/jane-doe", "Jane Doe"], ["Jane Doe"]),
        (["Maria Lindqvist and Tomas Ek", "maria lindqvist"], ["Maria Lindqvist", "Tomas Ek"]),
        (["Ilana Muhlstein, MS, RDN"], ["Ilana Muhlstein"]),
        (["Staff", "admin"], []),
    ],
)
def test_clean_authors(raw, expected):
    assert clean_authors(raw) == expected


def test_authors_from_jsonld_are_cleaned():
    r = parse_html(page("jsonld_article.html"))
    assert r["authors"] == ["Maria Lindqvist", "Tomas Ek"]
    assert parse_html(page("meta_article.html"))["authors"] == ["Priya Raman"]


# ------------------------------------------------------------ title and url


def test_title_url_and_extractor():
    r = parse_html(page("jsonld_article.html"))
    assert r["title"] == "Harbour authority delays port expansion vote"
    assert r["canonical_url"].startswith("https://www.coastline-courier.example/news/2026/03/")
    assert r["source_kind"] == "html"
    assert r["extractor"]
    assert "spawning grounds for herring" in r["text"]
    assert "Ferry timetable" not in r["text"]  # sidebar left out
    assert not r["text"].startswith("Harbour authority delays")  # headline not repeated
    assert r["language"] == "en"
    assert r["raw_html"].startswith("<!DOCTYPE html>")


# ------------------------------------------------------------------ decoding


@pytest.mark.parametrize("enc", ["cp1251", "koi8-r"])
def test_russian_single_byte_pages_are_readable(enc):
    src = page("ru_article.html").decode("utf-8").replace("CHARSET", enc)
    r = parse_html(src.encode(enc))
    assert r["status"] == "ok"
    assert r["language"] == "ru"
    assert "пешеходный мост" in r["text"]
    assert r["title"] == "В городе открылся новый мост через реку"


@pytest.mark.parametrize("enc", ["cp1251", "koi8-r"])
def test_russian_page_declared_utf8_but_not(enc):
    src = page("ru_article.html").decode("utf-8").replace("CHARSET", "utf-8")
    text, used = decode_html(src.encode(enc))
    assert "пешеходный мост" in text
    assert used.replace("_", "-") in (enc, "windows-1251" if enc == "cp1251" else enc)


def test_utf8_page_declared_cp1251_and_http_charset():
    src = page("ru_article.html").decode("utf-8").replace("CHARSET", "windows-1251")
    text, used = decode_html(src.encode("utf-8"))
    assert used == "utf-8" and "пешеходный мост" in text
    text, used = decode_html("<p>Привет, мир</p>".encode("koi8-r"), declared="koi8-r")
    assert used == "koi8-r" and "Привет" in text
    text, used = decode_html(b"\xef\xbb\xbf<p>caf\xc3\xa9</p>")
    assert text == "<p>café</p>" and used == "utf-8"


def test_gzip_bomb_is_bounded():
    bomb = gzip.compress(b"\0" * 5_000_000)
    assert len(bomb) < 10_000
    with pytest.raises(ValueError, match="limit"):
        gunzip_bounded(bomb, 1_000_000)
    assert gunzip_bounded(gzip.compress(b"<p>ok</p>"), 100) == b"<p>ok</p>"
    with pytest.raises(ValueError, match="gzip"):
        gunzip_bounded(b"\x1f\x8b\x08\x00garbage", 100)


def test_gzip_bomb_in_a_folder_becomes_an_error_row(tmp_path, monkeypatch):
    import toolkit.load.files as files

    monkeypatch.setattr(files, "MAX_HTML_BYTES", 100_000)
    (tmp_path / "bomb.html.gz").write_bytes(gzip.compress(b"<p>" + b"a" * 1_000_000))
    df = from_html(tmp_path, progress=False)
    assert df["status"].tolist() == ["error"]
    assert "bomb.html.gz" in df["status_detail"][0] and "limit" in df["status_detail"][0]


# -------------------------------------------------------------------- status


def test_paywall_teaser_is_paywalled_without_banner_text():
    r = parse_html(page("paywall.html"))
    assert r["status"] == "paywalled"
    assert "isAccessibleForFree" in r["status_detail"]
    assert "Subscribe to continue" not in r["text"]
    assert "Already a subscriber" not in r["text"]


def test_subscribe_banner_never_the_body_of_an_ok_article():
    body = "".join(
        f"<p>Paragraph {i}: the council debated the new housing plan at length, and members "
        "from every party raised questions about costs, timing and the impact on rents.</p>"
        for i in range(12)
    )
    html = f"<html><body><article><h1>Housing plan</h1>{body}<p>Subscribe to continue reading.</p></article></body></html>"
    r = parse_html(html)
    assert r["status"] == "ok"
    assert "Subscribe" not in r["text"]
    assert "housing plan" in r["text"]


def test_consent_wall_is_paywalled():
    html = """<html><head><title>Before you continue</title></head><body>
    <div class="consent"><h1>Before you continue</h1>
    <p>We and our partners use cookies to store and access information on your device.</p>
    <button>Accept all cookies</button><button>Manage your privacy settings</button></div>
    </body></html>"""
    r = parse_html(html)
    assert r["status"] == "paywalled"
    assert "consent" in r["status_detail"]


def test_japanese_page_survives_newspaper_import_error(monkeypatch):
    import toolkit.load.html as H

    paras = "".join(
        f"<p>第{i}段落。市議会は月曜日、新しい橋の建設計画について長い議論を行い、費用と工期について多くの質問が出された。</p>"
        for i in range(10)
    )
    html = f'<html lang="ja"><head><meta http-equiv="content-language" content="ja"><title>橋の計画</title></head><body><article><h1>橋の計画</h1>{paras}</article><aside><a href="/x">他のニュースへのリンクはこちらです</a></aside></body></html>'
    monkeypatch.setattr(H, "AGREEMENT", 1.01)  # force the newspaper4k step
    text, extractor, notes = H.extract_body(html)
    assert "新しい橋の建設計画" in text
    if any("newspaper failed" in n for n in notes):  # plain install: no Japanese tokenizer
        assert "newspaper4k" not in extractor
    r = parse_html(html)
    assert r["status"] == "ok" and r["language"] == "ja"


def test_index_page_is_not_article():
    r = parse_html(page("index.html"))
    assert r["status"] == "not_article"
    assert "index page" in r["status_detail"]


def test_script_only_shell_is_not_article():
    r = parse_html(page("shell.html"))
    assert r["status"] in ("not_article", "empty")
    assert "script" in r["status_detail"]


@pytest.mark.parametrize("bad", [b"", b"   \n", "", b"\x00\x01\x02\xff" * 100, b"%PDF-1.4\n%\xe2\xe3",
                                 "<?xml version='1.0' encoding='utf-8'?><rss></rss>", 12345])
def test_bad_input_never_raises(bad):
    r = parse_html(bad)  # type: ignore[arg-type]
    assert r["status"] in schema.STATUSES
    assert r["status"] != "ok"
    assert r["status_detail"]


def test_deep_nesting_and_huge_page_are_bounded():
    deep = "<html><body>" + "<div>" * 50_000 + "<p>deep text</p>" + "</div>" * 50_000 + "</body></html>"
    r = parse_html(deep)
    assert r["status"] in schema.STATUSES
    big = ("<html><body><article>" + "<p>" + "word " * 200 + "</p>") * 25_000
    assert len(big) > MAX_HTML_BYTES
    r = parse_html(big.encode())
    assert len(r["raw_html"]) <= MAX_HTML_BYTES
    assert "truncated" in r["status_detail"]


# ------------------------------------------------------------------ from_html


def test_from_html_folder_with_a_broken_file(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.html").write_bytes(page("jsonld_article.html"))
    (tmp_path / "b.htm").write_bytes(page("meta_article.html"))
    (tmp_path / "sub" / "c.html.gz").write_bytes(gzip.compress(page("time_article.html")))
    (tmp_path / "sub" / "d.html.gz").write_bytes(b"\x1f\x8b\x08\x00 this is not gzip")
    (tmp_path / "notes.txt").write_text("not a page")
    df = from_html(tmp_path, progress=False)
    schema.validate(df)
    assert df["source"].tolist() == [str(tmp_path / n) for n in ("a.html", "b.htm", "sub/c.html.gz",
                                                                  "sub/d.html.gz")]
    assert df["status"].tolist() == ["ok", "ok", "ok", "error"]
    assert "d.html.gz" in df["status_detail"][3]
    assert (df["source_kind"] == "html").all()
    a, b, c = df.iloc[0], df.iloc[1], df.iloc[2]
    assert a["url"] == "https://www.coastline-courier.example/news/2026/03/harbour-vote-delayed?utm_source=feed"
    assert a["canonical_url"] == "https://coastline-courier.example/news/2026/03/harbour-vote-delayed"
    assert a["domain"] == "coastline-courier.example"
    assert b["url"] == "https://midland-herald.example/business/rail-strike-called-off"  # from og:url
    assert c["title"] == "Library reopens after flood repairs"
    assert c["published"] == ts("2026-05-02T09:30:00Z")
    assert a["html_sha256"] and a["word_count"] > 150
    assert df["article_id"].is_unique


def test_from_html_missing_file_and_oversize_file(tmp_path, monkeypatch):
    import toolkit.load.files as files

    monkeypatch.setattr(files, "MAX_HTML_BYTES", 3000)
    (tmp_path / "big.html").write_bytes(page("jsonld_article.html") + b"<p>" + b"x " * 5000)
    df = from_html([tmp_path / "big.html", tmp_path / "missing.html"], progress=False)
    assert df["status"].tolist()[1] == "error"
    assert "missing.html" in df["status_detail"][1]
    assert "larger than 3,000 bytes" in df["status_detail"][0]


def test_gzip_members_and_zlib_errors():
    two = gzip.compress(b"<p>a</p>") + gzip.compress(b"<p>b</p>")
    assert gunzip_bounded(two, 100) == b"<p>a</p><p>b</p>"
    with pytest.raises(ValueError):
        gunzip_bounded(zlib.compress(b"raw zlib, not gzip"), 100)


# -------------------------------------------------------------- benchmark F1


@pytest.mark.slow
@pytest.mark.shared
def test_body_f1_on_dev_split():
    split = paths.BENCHMARKS_DIR / "article-extraction"
    if not (split / "score.py").exists():
        pytest.skip(f"needs the shared extraction benchmark in {split}")
    import sys

    sys.path.insert(0, str(paths.ROOT / "benchmarks"))
    try:
        import extraction
    finally:
        sys.path.pop(0)
    scorer = extraction.load_scorer(split)
    pages, urls, truth = extraction.load_split(split)
    pred = {i: parse_html(h, urls[i])["text"] for i, h in pages.items()}
    result = scorer.score(pred, truth)
    assert result["n"] == len(truth) >= 80
    assert result["f1"] >= 0.97, result


# ------------------------------------------------------------------ demo data


def test_demo_corpus_reads_sensibly(demo_dir):
    files = sorted(demo_dir.glob("*.html"))
    if len(files) < 5:
        pytest.skip(f"demo corpus not built in {demo_dir}")
    df = from_html(demo_dir, progress=False)
    schema.validate(df)
    assert len(df) == len(files)
    by_name = {Path(s).name: row for s, (_, row) in zip(df["source"], df.iterrows(), strict=True)}
    statuses = df["status"].value_counts().to_dict()
    assert statuses.get("error", 0) == 0
    assert statuses.get("paywalled", 0) >= 1 and statuses.get("not_article", 0) >= 1
    ok = df[df["status"] == "ok"]
    assert ok["published"].notna().all()
    assert ok["title"].notna().all()
    assert (ok["word_count"] > 100).all()
    assert (ok["authors"].map(len) > 0).mean() >= 0.8
    ru = [row for name, row in by_name.items() if row["language"] == "ru"]
    assert len(ru) >= 2 and all("а" in row["text"] for row in ru)
