"""``from_table``: CSV, TSV, JSONL, JSON, Parquet and Media Cloud exports."""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.load.table import from_table
from toolkit.schema import make_article_id, validate

FIXTURES = Path(__file__).parent / "fixtures" / "tables"
MAPPING = {"headline": "title", "body": "text", "date": "published", "link": "url",
           "site": "outlet"}


def load(path: Path | str, columns: dict | None = None, **kw) -> pd.DataFrame:
    df = from_table(path, columns, progress=False, **kw)
    validate(df)
    assert (df["source_kind"] == "table").all()
    assert df["article_id"].is_unique
    return df


def test_csv_with_mapping() -> None:
    path = FIXTURES / "mapped.csv"
    df = load(path, MAPPING)
    assert len(df) == 3
    assert list(df["source"]) == [f"{path}:row {n}" for n in (1, 2, 3)]
    first = df.iloc[0]
    assert first["title"] == "Kremlin says 91 drones downed near Valdai"
    assert first["text"].endswith("He provided no evidence.\n\nKyiv rejected the claim.")
    assert first["published"] == pd.Timestamp("2025-12-29 14:30", tz="UTC")  # dd.mm.yyyy
    assert first["outlet"] == "Example Wire"
    assert first["domain"] == "example-wire.test"
    assert first["authors"] == ["Jane Doe", "John Roe"]  # "byline" recognised by name
    assert first["language"] == "en"
    assert first["article_id"] == make_article_id(first["url"])
    assert first["canonical_url"] == "https://example-wire.test/world/valdai-drones"
    second = df.iloc[1]
    assert second["published"] == pd.Timestamp("2025-12-30 06:00", tz="UTC")  # +02:00
    assert second["authors"] == ["Olena Kovalenko", "Petro Ivanenko"]


def test_row_without_text_and_bad_date_is_kept() -> None:
    df = load(FIXTURES / "mapped.csv", MAPPING)
    third = df.iloc[2]
    assert third["status"] == "empty"
    assert "no text in table row 3" in third["status_detail"]
    assert pd.isna(third["published"])
    assert "unreadable date 'not a date'" in third["status_detail"]
    assert third["title"] == "Talks to continue says Moscow"
    assert (df["status"].iloc[:2] == "ok").all()


def test_jsonl_types_and_bad_lines() -> None:
    path = FIXTURES / "articles.jsonl"
    df = load(path)
    assert len(df) == 5  # one row per line, bad lines included
    ok = df.iloc[0]
    assert ok["status"] == "ok"
    assert ok["text"].split("\n\n") == [
        "Sergei Lavrov alleged that Ukraine had launched 91 drones at the residence.",
        "The claim could not be independently verified."]
    assert ok["published"] == pd.Timestamp(1767002400, unit="s", tz="UTC")  # epoch seconds
    assert ok["authors"] == ["Maria Lopez", "Tom Chen"]
    assert ok["language"] == "en"  # "en-GB"
    wrong_type = df.iloc[1]
    assert wrong_type["status"] == "error"
    assert "row 2" in wrong_type["status_detail"] and "type int" in wrong_type["status_detail"]
    assert wrong_type["url"] == "https://alpha-news.test/a/2"  # the rest of the row is kept
    bad_json = df.iloc[2]
    assert bad_json["status"] == "error" and f"{path}:row 3" in bad_json["status_detail"]
    bad_date = df.iloc[3]
    assert bad_date["status"] == "ok" and pd.isna(bad_date["published"])
    assert "unreadable date '32/13/2025'" in bad_date["status_detail"]
    assert "expected an object" in df.iloc[4]["status_detail"]


def test_json_list_item_that_is_not_an_object_is_an_error_row(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text(json.dumps([{"title": "A title here", "text": "Some body words here."}, 7,
                                {"title": "Another title", "text": "More body words.", "extra": 1}]))
    df = load(path)
    assert df["status"].tolist() == ["ok", "error", "ok"]
    assert f"{path}:row 2" in df.iloc[1]["status_detail"]
    assert "a JSON int, expected an object" in df.iloc[1]["status_detail"]


def test_media_cloud_export() -> None:
    path = FIXTURES / "mediacloud.csv"
    df = load(path)
    assert df.attrs.get("table_format") == "mediacloud"
    assert list(df["outlet"]) == ["Northbridge Post", "Vestnik Example", "Harbor Times"]
    assert list(df["domain"]) == ["northbridge-post.test", "vestnik-example.test",
                                  "harbor-times.test"]
    assert list(df["language"]) == ["en", "ru", "en"]
    assert df["published"].iloc[0] == pd.Timestamp("2025-12-29 09:15", tz="UTC")
    assert pd.isna(df["published"].iloc[2])  # blank date: NaT, no complaint
    assert (df["status"] == "empty").all()
    assert df["status_detail"].iloc[1].endswith("no text in table row 2")


def test_registry_name_wins_over_recognised_outlet_column(tmp_path: Path) -> None:
    from toolkit import outlets

    known = outlets.registry()
    if known.empty:
        pytest.skip("the outlet registry (data/outlets.csv) is empty here")
    domain, name = known.iloc[0]["domain"], known.iloc[0]["outlet"]
    path = tmp_path / "mc.csv"
    pd.DataFrame({"title": ["A headline for a test"], "url": [f"https://{domain}/a"],
                  "media_name": ["some other spelling"]}).to_csv(path, index=False)
    assert load(path)["outlet"].iloc[0] == name
    assert load(path, {"media_name": "outlet"})["outlet"].iloc[0] == "some other spelling"


def test_parquet_tsv_json_and_gzip(tmp_path: Path) -> None:
    frame = pd.DataFrame({
        "Headline": ["Moscow claims attack", "Kyiv denies attack"],
        "Content": ["Moscow claimed that 91 drones were downed.", "Kyiv denied the claim."],
        "Publish Date": [pd.Timestamp("2025-12-29 10:00"), pd.NaT],
        "Authors": [["A. Writer", "B. Writer"], []],
        "Link": ["https://one.test/a", "https://two.test/b"],
    })
    frame.to_parquet(tmp_path / "t.parquet")
    frame.drop(columns="Authors").to_csv(tmp_path / "t.tsv", sep="\t", index=False)
    frame.drop(columns="Authors").to_csv(tmp_path / "t.csv.gz", index=False, compression="gzip")
    frame.drop(columns="Authors").to_csv(tmp_path / "semi.csv", sep=";", index=False)
    (tmp_path / "t.json").write_text(json.dumps({"stories": json.loads(
        frame.to_json(orient="records", date_format="iso"))}))
    for name in ("t.parquet", "t.tsv", "t.csv.gz", "semi.csv", "t.json"):
        df = load(tmp_path / name)
        assert list(df["title"]) == ["Moscow claims attack", "Kyiv denies attack"], name
        assert df["text"].iloc[0] == "Moscow claimed that 91 drones were downed.", name
        assert df["published"].iloc[0] == pd.Timestamp("2025-12-29 10:00", tz="UTC"), name
        assert pd.isna(df["published"].iloc[1]), name
        assert list(df["domain"]) == ["one.test", "two.test"], name
        assert (df["status"] == "ok").all(), name
    assert load(tmp_path / "t.parquet")["authors"].iloc[0] == ["A. Writer", "B. Writer"]


def test_missing_columns_and_bad_mapping(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("foo,bar\n1,2\n")
    df = load(path)
    assert len(df) == 1 and df["status"].iloc[0] == "error"
    assert str(path) in df["status_detail"].iloc[0]
    assert "no title, text or url column" in df["status_detail"].iloc[0]
    df = load(FIXTURES / "mapped.csv", {"heading": "title"})
    assert len(df) == 1 and "'heading'" in df["status_detail"].iloc[0]
    with pytest.raises(ValueError, match="unknown schema column"):
        from_table(path, {"foo": "nonsense"}, progress=False)


def test_unreadable_files_are_one_error_row(tmp_path: Path) -> None:
    (tmp_path / "junk.csv").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 this is not parquet")
    (tmp_path / "broken.csv.gz").write_bytes(b"\x1f\x8b\x08\x00 truncated gzip")
    (tmp_path / "bomb.jsonl.gz").write_bytes(gzip.compress(b"\n" * 5_000_000))
    (tmp_path / "table.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / "bad.json").write_text("{not json")
    (tmp_path / "empty.csv").write_text("")
    cases = ["junk.csv", "broken.parquet", "broken.csv.gz", "bomb.jsonl.gz", "table.xlsx",
             "bad.json", "empty.csv", "missing.csv"]
    for name in cases:
        df = load(tmp_path / name, max_bytes=1_000_000)
        assert len(df) == 1, name
        assert df["status"].iloc[0] == "error", name
        assert str(tmp_path / name) in df["status_detail"].iloc[0], name
    assert "limit" in load(tmp_path / "bomb.jsonl.gz", max_bytes=1_000_000)["status_detail"].iloc[0]


def test_malformed_csv_row_does_not_sink_the_table(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text('title,text,url\nGood one here,Some text that is fine.,https://a.test/1\n'
                    'Bad one,"text, with",extra,fields,https://a.test/2\n'
                    'Good two here,More text.,https://a.test/3\n')
    df = load(path)
    assert list(df["status"]) == ["ok", "error", "ok"]
    assert f"{path}:row 2" in df["status_detail"].iloc[1]
    assert "5 fields" in df["status_detail"].iloc[1]


ARTICLE_HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Observers doubt drone claim | Harbor Times</title>
<meta property="og:title" content="Observers doubt drone claim">
<meta property="article:published_time" content="2025-12-30T07:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Observers doubt drone claim</h1>
<p>Observers said on Tuesday that the claimed attack on the residence would have triggered
visible security alerts, and that no such alerts were reported in the region that night.</p>
<p>The foreign ministry provided no evidence for its statement, and officials in Kyiv
rejected the accusation as an attempt to derail the negotiations with Washington.</p>
<p>Analysts said the claim fitted a familiar pattern of raising the stakes before talks,
and warned that it could be used to justify new strikes in the coming weeks.</p>
</article><footer>Copyright Harbor Times</footer></body></html>"""


@contextmanager
def serve(pages: dict[str, str]) -> Iterator[str]:
    """A local HTTP server on 127.0.0.1: known paths get their page, others a 404."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the http.server API)
            body = pages.get(self.path)
            data = (body or "not found").encode()
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_fetch_missing_texts_through_local_server(tmp_path: Path) -> None:
    pytest.importorskip("toolkit.load.web", reason="toolkit/load/web.py has not landed yet")
    with serve({"/2025/12/30/claim": ARTICLE_HTML}) as base:
        path = tmp_path / "stories.csv"
        pd.DataFrame({
            "id": [1, 2, 3],
            "publish_date": ["2025-12-30 08:00:00", "2025-12-30 09:00:00", ""],
            "title": ["Residence attack claim questioned", "Gone story", "Story with text"],
            "url": [f"{base}/2025/12/30/claim", f"{base}/missing", f"{base}/has-text"],
            "text": ["", "", "This row already has its own text, so nothing is fetched."],
            "language": ["en", "en", "en"],
            "media_name": ["Harbor Times"] * 3,
            "media_url": ["harbor-times.test"] * 3,
        }).to_csv(path, index=False)
        fetch = {"cache_dir": tmp_path / "cache", "rate_limit": 0.0, "retries": 0,
                 "timeout": (5, 5), "workers": 2}
        df = load(path, fetch_missing=True, fetch_kwargs=fetch)
        again = load(path, fetch_missing=True, fetch_kwargs=fetch)  # served from the cache
    filled, gone, own = df.iloc[0], df.iloc[1], df.iloc[2]
    assert filled["status"] == "ok"
    assert "no evidence for its statement" in filled["text"]
    assert "Copyright" not in filled["text"]
    assert filled["title"] == "Residence attack claim questioned"  # the table's own title
    assert filled["published"] == pd.Timestamp("2025-12-30 08:00", tz="UTC")
    assert filled["outlet"] == "Harbor Times"
    assert filled["source"] == f"{path}:row 1" and filled["source_kind"] == "table"
    assert "fetched" in filled["status_detail"]
    assert gone["status"] != "ok" and "no text in table row 2" in gone["status_detail"]
    assert "/missing" in gone["status_detail"]
    assert own["status"] == "ok" and own["text"].startswith("This row already has")
    assert list(again["text"].fillna("")) == list(df["text"].fillna(""))
    without = load(path)  # default: nothing fetched
    assert without["status"].iloc[0] == "empty"


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)),
       suffix=st.sampled_from([".csv", ".tsv", ".jsonl", ".json"]))
def test_any_bytes_give_rows_not_exceptions(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(b"title,text,url\n" + data if suffix == ".csv" else data)
    df = from_table(path, progress=False)
    validate(df)
    assert len(df) >= 1
    bad = df[df["status"] != "ok"]
    assert all(str(path) in d for d in bad["status_detail"])


def test_unicode_line_separator_inside_jsonl_string(tmp_path: Path) -> None:
    path = tmp_path / "sep.jsonl"
    path.write_text(json.dumps({"title": "A title here", "text": "One\u2028two words"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    df = load(path)
    assert len(df) == 1 and df["status"].iloc[0] == "ok"
