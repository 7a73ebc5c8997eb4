"""``from_feed``: RSS and Atom files written here, feeds served from 127.0.0.1, broken feeds."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from httpserver import Reply, serve

from toolkit.load.feed import from_feed, html_to_text
from toolkit.schema import validate

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Example Wire</title>
  <link>https://wire.example.org/</link>
  <language>en-gb</language>
  <item>
    <title>Bridge stays closed &amp; traffic diverted</title>
    <link>https://wire.example.org/news/bridge?utm_source=rss</link>
    <pubDate>Tue, 03 Mar 2026 12:30:00 +0300</pubDate>
    <dc:creator>Anna Smith</dc:creator>
    <description><![CDATA[<p>Officials said the bridge would stay <b>closed</b>.</p>
      <script>alert("x")</script><p>Buses will run every ten minutes.</p>]]></description>
  </item>
  <item>
    <title>Talks to continue next week</title>
    <link>https://wire.example.org/news/talks</link>
    <pubDate>Wed, 04 Mar 2026 08:00:00 GMT</pubDate>
    <author>desk@wire.example.org (Boris Petrov)</author>
    <description>Short summary only.</description>
    <content:encoded><![CDATA[<p>The foreign minister said talks would continue.</p>
      <p>Delegations will discuss security &amp; trade.</p>]]></content:encoded>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de" xml:base="https://zeitung.example.de/">
  <title>Beispiel Zeitung</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2026-03-05T10:00:00Z</updated>
  <entry>
    <title type="html">Gespr&#228;che &lt;em&gt;gehen weiter&lt;/em&gt;</title>
    <link rel="alternate" href="/politik/gespraeche"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <published>2026-03-05T09:15:00+01:00</published>
    <updated>2026-03-05T11:00:00+01:00</updated>
    <author><name>Clara Weber</name></author>
    <author><name>Dieter Roth</name></author>
    <content type="html">&lt;p&gt;Die Gespr&#228;che gehen n&#228;chste Woche weiter.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Nur aktualisiert</title>
    <link href="https://zeitung.example.de/wirtschaft/bericht"/>
    <id>urn:uuid:2</id>
    <updated>2026-03-06T07:00:00Z</updated>
    <summary>Ein kurzer Bericht.</summary>
  </entry>
</feed>
"""

PARAS = [
    "Officials in the capital said on Tuesday that the bridge over the river would stay closed "
    "for at least two more weeks while engineers inspect the damaged supports under the deck.",
    "The regional governor told reporters that traffic would be diverted through the northern "
    "ring road, adding that buses would run every ten minutes during the closure period.",
    "Residents who live near the crossing said the delays had already doubled their daily "
    "commute, and several shop owners complained that customers had stopped coming in.",
]
ARTICLE = ("<!DOCTYPE html><html lang='en'><head><title>Bridge closed for two more weeks</title>"
           "</head><body><article><h1>Bridge closed for two more weeks</h1>"
           + "".join(f"<p>{p}</p>" for p in PARAS) + "</article></body></html>")


def fast(tmp_path: Path) -> dict:
    return {"cache_dir": tmp_path / "cache", "rate_limit": 0, "timeout": (1.0, 1.0),
            "retries": 1, "backoff": 0.05, "progress": False}


def test_html_to_text_drops_markup_and_scripts() -> None:
    text = html_to_text("<p>One &amp; two</p><script>evil()</script><div>Three<br>four</div>x&nbsp;y")
    assert text == "One & two\n\nThree\n\nfour\n\nx y"
    assert html_to_text("") == "" and html_to_text(None) == ""
    assert html_to_text("plain words") == "plain words"


def test_rss_file(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    df = from_feed(path)
    validate(df)
    assert len(df) == 2 and (df["source_kind"] == "feed").all() and (df["status"] == "ok").all()
    assert (df["source"] == str(path)).all()
    first, second = df.to_dict("records")
    assert first["title"] == "Bridge stays closed & traffic diverted"
    assert first["url"] == "https://wire.example.org/news/bridge?utm_source=rss"
    assert first["canonical_url"] == "https://wire.example.org/news/bridge"
    assert first["published"] == pd.Timestamp("2026-03-03 09:30:00", tz="UTC")
    assert first["authors"] == ["Anna Smith"]
    assert first["text"] == "Officials said the bridge would stay closed.\n\nBuses will run every ten minutes."
    assert "alert" not in first["text"]
    assert first["language"] == "en" and first["extractor"] == "feed-summary"
    assert first["domain"] == "wire.example.org"
    # content:encoded beats the short description
    assert second["text"].startswith("The foreign minister said talks would continue.")
    assert "security & trade" in second["text"] and second["extractor"] == "feed-content"
    assert second["authors"] == ["Boris Petrov"]
    assert second["published"] == pd.Timestamp("2026-03-04 08:00:00", tz="UTC")


def test_atom_file(tmp_path: Path) -> None:
    path = tmp_path / "zeitung.atom"
    path.write_text(ATOM, encoding="utf-8")
    df = from_feed(str(path))
    validate(df)
    first, second = df.to_dict("records")
    assert first["title"] == "Gespräche gehen weiter"
    assert first["url"] == "https://zeitung.example.de/politik/gespraeche"  # resolved against xml:base
    assert first["published"] == pd.Timestamp("2026-03-05 08:15:00", tz="UTC")
    assert first["modified"] == pd.Timestamp("2026-03-05 10:00:00", tz="UTC")
    assert first["authors"] == ["Clara Weber", "Dieter Roth"]
    assert first["text"] == "Die Gespräche gehen nächste Woche weiter."
    assert first["language"] == "de"
    # no <published>: the update time is the best publication date there is
    assert second["published"] == pd.Timestamp("2026-03-06 07:00:00", tz="UTC")
    assert pd.isna(second["modified"]) and second["text"] == "Ein kurzer Bericht."


def test_broken_and_missing_feeds_give_one_error_row(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_bytes(b"\x00\x01 this is <not> a feed at all <<<")
    df = from_feed(broken)
    assert len(df) == 1 and df["status"].iloc[0] == "error" and df["source_kind"].iloc[0] == "feed"
    assert str(broken) in df["status_detail"].iloc[0] and "feed" in df["status_detail"].iloc[0]
    missing = from_feed(tmp_path / "missing.rss")
    assert len(missing) == 1 and "no such feed file" in missing["status_detail"].iloc[0]
    ftp = from_feed("ftp://files.example.org/feed.xml")
    assert ftp["status_detail"].iloc[0] == "ftp://files.example.org/feed.xml: not an http(s) URL (ftp:)"
    validate(pd.concat([df, missing], ignore_index=True))
    with pytest.raises(TypeError, match="rate_limt"):
        from_feed(broken, rate_limt=0)  # a typo is reported, not silently ignored


def test_feed_over_http_is_cached(tmp_path: Path) -> None:
    rss = RSS.replace("https://wire.example.org/news/talks", "/news/talks")  # a relative link
    routes = {"/feed.xml": Reply(body=rss, content_type="application/rss+xml; charset=utf-8"),
              "/gone.xml": Reply(404)}
    with serve(routes) as srv:
        df = from_feed(srv.url("/feed.xml"), **fast(tmp_path))
        again = from_feed(srv.url("/feed.xml"), **fast(tmp_path))
        assert srv.hits["/feed.xml"] == 1  # the second read came from the cache
        gone = from_feed(srv.url("/gone.xml"), **fast(tmp_path))
    assert len(df) == 2 and df["url"].iloc[1] == srv.url("/news/talks")
    pd.testing.assert_frame_equal(df, again)
    assert len(gone) == 1 and gone["status"].iloc[0] == "error"
    assert gone["status_detail"].iloc[0] == f"{srv.url('/gone.xml')}: cannot fetch the feed: HTTP 404 Not Found"


def test_fetch_full_texts_merges_page_and_feed(tmp_path: Path) -> None:
    rss = (RSS.replace("https://wire.example.org/news/bridge?utm_source=rss", "/news/bridge")
              .replace("https://wire.example.org/news/talks", "/news/talks"))
    routes = {"/feed.xml": Reply(body=rss, content_type="application/rss+xml"),
              "/news/bridge": Reply(body=ARTICLE)}  # /news/talks is a 404
    with serve(routes) as srv:
        df = from_feed(srv.url("/feed.xml"), fetch=True, **fast(tmp_path))
    validate(df)
    bridge, talks = df.to_dict("records")
    assert bridge["status"] == "ok" and bridge["source_kind"] == "feed"
    assert "engineers inspect the damaged supports" in bridge["text"]  # the full page text
    assert bridge["title"] == "Bridge closed for two more weeks"  # the page's own title wins
    assert bridge["authors"] == ["Anna Smith"]  # the page has no byline: the feed fills it
    assert bridge["published"] == pd.Timestamp("2026-03-03 09:30:00", tz="UTC")
    assert bridge["url"] == srv.url("/news/bridge") and bridge["raw_html"]
    # the page failed: the feed text stays and the reason is recorded
    assert talks["status"] == "ok" and talks["text"].startswith("The foreign minister")
    assert "full text not fetched" in talks["status_detail"] and "HTTP 404" in talks["status_detail"]
    assert srv.url("/news/talks") in talks["status_detail"]


def test_feed_content_is_never_taken_as_a_path_to_open(tmp_path: Path) -> None:
    secret = tmp_path / "secret.rss"
    secret.write_text(RSS, encoding="utf-8")  # a readable feed elsewhere on disk
    routes = {"/feed": Reply(body=str(secret), content_type="application/rss+xml")}
    with serve(routes) as srv:
        df = from_feed(srv.url("/feed"), **fast(tmp_path))
    assert len(df) == 1 and df["status"].iloc[0] == "error"
    assert "wire.example.org" not in " ".join(df["url"].dropna())
