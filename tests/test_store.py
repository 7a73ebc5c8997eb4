"""Tests of toolkit.store.Corpus: revisions, failures, raw pages, annotations, crashes, locks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from toolkit import schema
from toolkit.store import (
    Corpus,
    CorpusError,
    CorpusVersionError,
    text_sha256,
)

ROOT = Path(__file__).resolve().parent.parent


def art(aid: str, text: str | None = "Body text of the article.", status: str = "ok",
        **extra: object) -> dict:
    row = {
        "article_id": aid, "url": f"https://news.example/{aid}", "title": f"Title {aid}",
        "text": text, "status": status, "source_kind": "web", "source": f"https://news.example/{aid}",
        "outlet": "Example", "published": "2025-12-29T10:00:00Z", "authors": ["Ann Lee"],
    }
    row.update(extra)
    return row


def frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


@pytest.fixture
def corpus(tmp_path: Path):
    with Corpus(tmp_path / "c.duckdb") as c:
        yield c


def run_child(code: str, *args: str, **kw) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, **kw)


# --- revisions, unchanged, failures ---------------------------------------------------


def test_revisions_are_kept_with_their_pages(corpus: Corpus) -> None:
    first = art("a1", "Lavrov said the attack happened.", raw_html="<p>v1 page</p>")
    counts = corpus.add(frame(first, art("a2")), progress=False)
    assert counts == {"new": 2, "revised": 0, "unchanged": 0, "failed": 0, "total": 2}

    edited = art("a1", "Lavrov claimed, without evidence, the attack happened.",
                 raw_html="<p>v2 page</p>")
    counts = corpus.add(frame(edited), progress=False)
    assert counts["revised"] == 1 and counts["new"] == 0

    latest = corpus.articles()
    schema.validate(latest)
    assert list(latest.columns) == schema.ARTICLE_COLUMNS + ["revision", "text_sha256"]
    for col, dtype in schema.ARTICLE_DTYPES.items():
        assert str(latest[col].dtype) == dtype or (dtype == "string" and latest[col].dtype == "string"), col
    row = latest.set_index("article_id").loc["a1"]
    assert row["revision"] == 2 and "without evidence" in row["text"]
    assert row["text_sha256"] == text_sha256(edited["title"], edited["text"])
    assert row["authors"] == ["Ann Lee"]
    assert row["published"] == pd.Timestamp("2025-12-29T10:00:00Z")

    every = corpus.articles(latest_only=False)
    a1 = every[every["article_id"] == "a1"]
    assert a1["revision"].tolist() == [1, 2]
    assert a1["text"].tolist() == [first["text"], edited["text"]]
    assert corpus.raw_html("a1", 1) == "<p>v1 page</p>"
    assert corpus.raw_html("a1", 2) == "<p>v2 page</p>"
    assert corpus.raw_html("a1") == "<p>v2 page</p>"
    assert corpus.raw_html("a2") is None
    assert corpus.revisions("a1")["revision"].tolist() == [1, 2]
    assert len(corpus) == 2
    assert corpus.stats()["revised_articles"] == 1


def test_unchanged_readd_only_updates_last_seen(corpus: Corpus) -> None:
    rows = frame(art("a1"), art("a2"))
    corpus.add(rows, progress=False)
    before = corpus.revisions("a1")
    counts = corpus.add(rows, progress=False)
    assert counts == {"new": 0, "revised": 0, "unchanged": 2, "failed": 0, "total": 2}
    after = corpus.revisions("a1")
    assert len(after) == 1
    assert after["seen_count"].iat[0] == 2
    assert after["last_seen"].iat[0] >= before["last_seen"].iat[0]
    assert after["first_seen"].iat[0] == before["first_seen"].iat[0]


def test_reingesting_old_pages_adds_no_revisions(corpus: Corpus) -> None:
    """Two saved versions of one page, ingested again and again, stay two revisions."""
    batch = frame(art("a1", "first version", raw_html="<p>1</p>"),
                  art("a1", "second version", raw_html="<p>2</p>"),
                  art("p1", "Subscribe", status="paywalled"), art("p1", "Full text"))
    assert corpus.add(batch, progress=False) == {
        "new": 2, "revised": 2, "unchanged": 0, "failed": 0, "total": 4}
    for _ in range(2):
        assert corpus.add(batch, progress=False) == {
            "new": 0, "revised": 0, "unchanged": 4, "failed": 0, "total": 4}
    revs = corpus.revisions("a1")
    assert revs["revision"].tolist() == [1, 2] and revs["seen_count"].tolist() == [3, 3]
    assert corpus.articles().set_index("article_id")["text"].to_dict() == {
        "a1": "second version", "p1": "Full text"}
    assert corpus.failures().empty
    # a genuinely new text after that is a new revision
    assert corpus.add(frame(art("a1", "third version")), progress=False)["revised"] == 1
    assert corpus.revisions("a1")["revision"].tolist() == [1, 2, 3]


def test_same_id_twice_in_one_batch(corpus: Corpus) -> None:
    counts = corpus.add(frame(art("a1", "one"), art("a1", "two"), art("a1", "two")), progress=False)
    assert counts == {"new": 1, "revised": 1, "unchanged": 1, "failed": 0, "total": 3}
    assert corpus.articles()["text"].tolist() == ["two"]


def test_failed_rows_never_destroy_a_good_revision(corpus: Corpus) -> None:
    good = art("a1", "The good article body.")
    corpus.add(frame(good), progress=False)
    bad = [
        art("a1", None, status="error", status_detail="https://news.example/a1: timeout"),
        art("a1", None, status="blocked", status_detail="403 Forbidden"),
        art("a1", "Subscribe to read", status="paywalled"),
        art("a1", None, status="empty"),
        art("a9", None, status="weird"),
        art(None, "x"),
        art("a8", "text", source_kind="carrier pigeon"),
    ]
    counts = corpus.add(frame(*bad), progress=False)
    assert counts == {"new": 0, "revised": 0, "unchanged": 0, "failed": 7, "total": 7}
    latest = corpus.articles()
    assert latest["text"].tolist() == ["The good article body."]
    assert latest["status"].tolist() == ["ok"]
    log = corpus.failures()
    assert len(log) == 7
    assert log.loc[log["article_id"] == "a8", "reason"].iat[0].startswith("unknown source_kind")
    assert set(log["status"].dropna()) == {"error", "blocked", "paywalled", "empty", "weird", "ok"}
    assert "timeout" in log.loc[log["status"] == "error", "status_detail"].iat[0]
    assert log.loc[log["status"] == "paywalled", "reason"].iat[0].startswith("superseded")
    assert log.loc[log["status"] == "weird", "reason"].iat[0].startswith("unknown status")
    assert len(corpus) == 1


def test_non_ok_rows_are_stored_until_a_good_text_arrives(corpus: Corpus) -> None:
    counts = corpus.add(frame(art("p1", "Subscribe to continue", status="paywalled"),
                              art("e1", None, status="error")), progress=False)
    assert counts["new"] == 1 and counts["failed"] == 1
    assert corpus.articles()["status"].tolist() == ["paywalled"]
    assert corpus.add(frame(art("p1", "The full story at last.")), progress=False)["revised"] == 1
    latest = corpus.articles()
    assert latest["status"].tolist() == ["ok"] and latest["revision"].tolist() == [2]
    assert corpus.articles(status="paywalled", latest_only=False)["revision"].tolist() == [1]
    assert len(corpus.articles(status=["paywalled", "empty"])) == 0


def test_raw_html_is_compressed_and_deduplicated(corpus: Corpus) -> None:
    page = "<html><body>" + "<p>Same wire page, republished.</p>" * 200 + "</body></html>"
    corpus.add(frame(art("a1", raw_html=page), art("a2", raw_html=page),
                     art("a3", raw_html=page.encode("utf-8"))), progress=False)
    stats = corpus.stats()
    assert stats["html_pages"] == 1
    assert stats["html_bytes"] == len(page)
    assert stats["html_bytes_compressed"] < len(page) / 10
    assert corpus.raw_html("a3") == page
    assert set(corpus.articles()["html_sha256"]) == {schema.sha256_hex(page)}


def test_oversized_page_is_logged_not_stored(corpus: Corpus, monkeypatch) -> None:
    monkeypatch.setattr("toolkit.store.MAX_RAW_HTML_BYTES", 100)
    counts = corpus.add(frame(art("big", raw_html="<p>" + "x" * 200 + "</p>"),
                              art("small", raw_html="<p>ok</p>")), progress=False)
    assert counts["new"] == 2 and counts["failed"] == 0
    assert corpus.raw_html("big") is None and corpus.raw_html("small") == "<p>ok</p>"
    log = corpus.failures()
    assert log["article_id"].tolist() == ["big"] and "over the 100 limit" in log["reason"].iat[0]


def test_where_and_status_filters(corpus: Corpus) -> None:
    corpus.add(frame(art("a1", "alpha story", outlet="TASS"), art("a2", "beta", outlet="Reuters"),
                     art("a3", None, status="empty", outlet="Reuters")), progress=False)
    assert corpus.articles(where="outlet = 'Reuters'")["article_id"].tolist() == ["a2", "a3"]
    assert corpus.articles(where="outlet = 'Reuters'", status="ok")["article_id"].tolist() == ["a2"]
    assert corpus.articles(where="published >= '2025-12-29'").shape[0] == 3
    assert corpus.articles(ids=["a3", "a1", "zz"])["article_id"].tolist() == ["a1", "a3"]
    assert corpus.articles(ids=[]).empty
    corpus.add(frame(art("a1", "rewritten story", outlet="TASS")), progress=False)
    # `where` filters the latest revisions, not an older one that matched
    assert corpus.articles(where="text LIKE '%alpha%'").empty
    assert corpus.articles(where="text LIKE '%alpha%'", latest_only=False)["revision"].tolist() == [1]
    with pytest.raises(ValueError, match="where"):
        corpus.articles(where="no_such_column = 1")
    with pytest.raises(ValueError, match=";"):
        corpus.articles(where="1=1; DROP TABLE revisions")


def test_list_of_rows_and_unknown_revision(corpus: Corpus) -> None:
    counts = corpus.add([art("a1", raw_html="<p>x</p>")], progress=False)
    assert counts["new"] == 1 and corpus.raw_html("a1") == "<p>x</p>"
    assert corpus.revisions("nope").empty
    assert corpus.raw_html("nope") is None and corpus.raw_html("a1", revision=7) is None


def test_empty_corpus_reads(corpus: Corpus) -> None:
    empty = corpus.articles()
    schema.validate(empty)
    assert len(empty) == 0 and len(corpus) == 0
    assert corpus.spans().empty and corpus.features().empty and corpus.failures().empty
    assert corpus.add(frame(), progress=False)["total"] == 0


# --- versions and opening --------------------------------------------------------------


def test_newer_schema_version_gives_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    Corpus(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(schema.SCHEMA_VERSION + 1)])
    con.close()
    with pytest.raises(CorpusVersionError) as err:
        Corpus(path)
    msg = str(err.value)
    assert str(path) in msg and f"schema version {schema.SCHEMA_VERSION + 1}" in msg
    assert f"reads up to {schema.SCHEMA_VERSION}" in msg and "upgrade the toolkit" in msg


def test_older_version_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with Corpus(path) as c:
        c.add(frame(art("a1")), progress=False)
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    con.execute("ALTER TABLE revisions DROP COLUMN extractor")
    con.close()
    with pytest.raises(CorpusVersionError, match="without read_only"):
        Corpus(path, read_only=True)
    with Corpus(path) as c:
        assert c.stats()["schema_version"] == schema.SCHEMA_VERSION
        schema.validate(c.articles())
        assert c.articles()["article_id"].tolist() == ["a1"]


def test_opening_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="missing.duckdb"):
        Corpus(tmp_path / "missing.duckdb", read_only=True)
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE t (x INT)")
    con.close()
    with pytest.raises(CorpusError, match="not a toolkit corpus"):
        Corpus(other)
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(CorpusError, match="junk.duckdb"):
        Corpus(junk)
    c = Corpus(tmp_path / "c.duckdb")
    c.close()
    with pytest.raises(CorpusError, match="closed"):
        len(c)
    with Corpus(tmp_path / "c.duckdb") as w, pytest.raises(CorpusError, match="already open"):
        Corpus(tmp_path / "c.duckdb", read_only=True)
    with Corpus(tmp_path / "c.duckdb", read_only=True) as r, pytest.raises(CorpusError, match="read-only"):
        r.add(frame(art("a1")))
    assert w.read_only is False


# --- annotations ----------------------------------------------------------------------------


def spans_for(aid: str, n: int) -> pd.DataFrame:
    return pd.DataFrame([{
        "article_id": aid, "layer": "attribution", "label": "distancing", "start": i * 10,
        "end": i * 10 + 7, "text": "claimed", "sentence": i, "group": f"g{i}", "role": "cue",
        "rule": "cue:claimed", "attrs": {"actor": "Sergei Lavrov", "n": i, "w": 0.5},
    } for i in range(n)])


def test_annotations_round_trip_and_replace(corpus: Corpus) -> None:
    corpus.add(frame(art("a1"), art("a2")), progress=False)
    feats = pd.DataFrame({"article_id": ["a1", "a2"], "cues": [3, 0], "tone": [0.25, -0.5]})
    sp = pd.concat([spans_for("a1", 3), spans_for("a2", 1)], ignore_index=True)
    sp.loc[0, "in_title"] = True
    assert corpus.save_annotations(sp, feats, "lex-1") == 2
    back = corpus.spans()
    assert list(back.columns) == schema.SPAN_COLUMNS
    pd.testing.assert_frame_equal(back, schema.coerce_spans(sp))
    assert back["attrs"].iat[1] == {"actor": "Sergei Lavrov", "n": 1, "w": 0.5}
    assert corpus.spans(layers=["quote"]).empty
    assert corpus.spans(article_ids=["a2"])["article_id"].tolist() == ["a2"]
    f = corpus.features()
    assert f["article_id"].tolist() == ["a1", "a2"] and f["cues"].tolist() == [3, 0]
    assert f["lexicon_version"].tolist() == ["lex-1", "lex-1"]

    # re-saving a1 replaces its spans and features (a new feature column needs no migration)
    feats2 = pd.DataFrame({"article_id": ["a1"], "cues": [1], "hedges": [2]})
    corpus.save_annotations(spans_for("a1", 1), feats2, "lex-1")
    assert corpus.spans(article_ids=["a1"]).shape[0] == 1
    assert corpus.spans(article_ids=["a2"]).shape[0] == 1
    f = corpus.features().set_index("article_id")
    assert f.loc["a1", "cues"] == 1 and f.loc["a1", "hedges"] == 2
    assert pd.isna(f.loc["a2", "hedges"])
    with pytest.raises(ValueError, match="not in corpus"):
        corpus.save_annotations(spans_for("zz", 1), pd.DataFrame({"article_id": ["zz"]}), "lex-1")


def test_needs_annotation_after_text_or_lexicon_change(corpus: Corpus) -> None:
    corpus.add(frame(art("a1", "first text"), art("a2"), art("a3", None, status="empty")),
               progress=False)
    assert corpus.needs_annotation("lex-1") == ["a1", "a2", "a3"]
    assert corpus.needs_annotation("lex-1", status="ok") == ["a1", "a2"]
    corpus.save_annotations(spans_for("a1", 2), pd.DataFrame({"article_id": ["a1", "a2"]}), "lex-1")
    assert corpus.needs_annotation("lex-1") == ["a3"]
    assert corpus.needs_annotation("lex-2") == ["a1", "a2", "a3"]

    corpus.add(frame(art("a1", "edited text")), progress=False)
    assert corpus.needs_annotation("lex-1") == ["a1", "a3"]
    status = corpus.annotation_status("lex-1").set_index("article_id")
    assert not status.loc["a1", "up_to_date"] and status.loc["a2", "up_to_date"]
    # stale spans no longer point into the latest text: hidden unless asked for
    assert corpus.spans(article_ids=["a1"]).empty
    assert len(corpus.spans(article_ids=["a1"], current=False)) == 2
    assert corpus.features(article_ids=["a1"]).empty


def test_to_parquet(corpus: Corpus, tmp_path: Path) -> None:
    corpus.add(frame(art("a1", "v1"), art("a2")), progress=False)
    corpus.add(frame(art("a1", "v2")), progress=False)
    corpus.save_annotations(spans_for("a1", 2), pd.DataFrame({"article_id": ["a1"], "k": [1.5]}), "L")
    paths = corpus.to_parquet(tmp_path / "out")
    assert set(paths) >= {"articles", "revisions", "spans", "annotations", "features", "failures"}
    assert len(pd.read_parquet(paths["articles"])) == 2
    revs = pd.read_parquet(paths["revisions"])
    assert sorted(revs.loc[revs["article_id"] == "a1", "text"]) == ["v1", "v2"]
    assert len(pd.read_parquet(paths["spans"])) == 2
    assert pd.read_parquet(paths["features"])["k"].tolist() == [1.5]


def test_bulk_add_is_fast(corpus: Corpus) -> None:
    body = " ".join(["word"] * 600)
    rows = [art(f"id{i:05d}", f"{body} {i}", raw_html=f"<html><p>{body} {i}</p></html>")
            for i in range(2000)]
    df = frame(*rows)
    t0 = time.perf_counter()
    counts = corpus.add(df, progress=False)
    elapsed = time.perf_counter() - t0
    assert counts["new"] == 2000
    assert elapsed < 10, f"add of 2,000 articles took {elapsed:.1f} s"
    assert len(corpus) == 2000 and corpus.stats()["html_pages"] == 2000


# --- crashes and concurrent processes ------------------------------------------------------

CHILD_SLOW_ADD = """
import sys, time
import pandas as pd
from toolkit.store import Corpus

class Slow(Corpus):
    def _write(self, plan):
        super()._write(plan)
        print("in-transaction", flush=True)
        time.sleep(60)

rows = [{"article_id": f"big{i}", "title": "t", "text": "word " * 200 + str(i), "status": "ok",
         "source_kind": "web", "raw_html": "<p>" + str(i) * 500 + "</p>"} for i in range(3000)]
rows.append({"article_id": "keep", "title": "Title keep", "text": "OVERWRITTEN", "status": "ok",
             "source_kind": "web"})
Slow(sys.argv[1]).add(pd.DataFrame(rows), progress=False)
"""


def test_sigkill_inside_add_leaves_corpus_as_before(tmp_path: Path) -> None:
    path = tmp_path / "crash.duckdb"
    with Corpus(path) as c:
        c.add(frame(art("keep", "original text", raw_html="<p>kept</p>"), art("other")),
              progress=False)
        before = c.articles()
    child = run_child(CHILD_SLOW_ADD, str(path))
    try:
        line = child.stdout.readline()
        assert line.strip() == "in-transaction", child.stderr.read()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    with Corpus(path) as c:
        pd.testing.assert_frame_equal(c.articles(), before)
        assert c.raw_html("keep") == "<p>kept</p>"
        assert c.stats()["html_pages"] == 1
        # a re-run completes
        assert c.add(frame(art("keep", "new text")), progress=False)["revised"] == 1


CHILD_BATCHES = """
import sys
import pandas as pd
from toolkit.store import Corpus

with Corpus(sys.argv[1]) as c:
    for b in range(1000):
        rows = [{"article_id": f"b{b}-{i}", "title": "t", "text": "text " * 300 + str(i),
                 "status": "ok", "source_kind": "web", "raw_html": f"<p>{b} {i}</p>" * 50}
                for i in range(400)]
        c.add(pd.DataFrame(rows), progress=False)
        print(b, flush=True)
"""


def test_sigkill_at_any_time_keeps_whole_batches(tmp_path: Path) -> None:
    delay = 0.4
    path = tmp_path / "batches.duckdb"
    child = run_child(CHILD_BATCHES, str(path))
    try:
        first = child.stdout.readline()
        assert first.strip() == "0", child.stderr.read()
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    committed = 1 + len(out.split())
    with Corpus(path) as c:
        per_batch = c.con.execute(
            "SELECT split_part(article_id, '-', 1) AS b, count(*) FROM revisions GROUP BY b"
        ).fetchall()
        assert all(n == 400 for _, n in per_batch), per_batch  # no half-written batch
        assert len(per_batch) >= committed  # everything reported committed survived
        assert c.stats()["html_pages"] == 400 * len(per_batch)
        again = c.add(frame(art("b0-0", "text " * 300 + "0", title="t")), progress=False)
        assert again["total"] == 1


CHILD_OPEN = """
import sys, time
from toolkit.store import Corpus, CorpusBusyError
for mode in ("rw", "ro"):
    t0 = time.monotonic()
    try:
        Corpus(sys.argv[1], read_only=mode == "ro", timeout=float(sys.argv[2])).close()
        print(mode, "opened", round(time.monotonic() - t0, 2), flush=True)
    except CorpusBusyError as exc:
        print(mode, "busy", round(time.monotonic() - t0, 2), exc, flush=True)
"""


def test_second_process_gets_clear_in_use_error(tmp_path: Path) -> None:
    """A writer and a reader in another process both wait, then name the file."""
    path = tmp_path / "locked.duckdb"
    with Corpus(path):
        child = run_child(CHILD_OPEN, str(path), "0.6")
        out, err = child.communicate(timeout=60)
    lines = out.splitlines()
    assert [line.split()[:2] for line in lines] == [["rw", "busy"], ["ro", "busy"]], out + err
    for line in lines:
        _, _, waited, msg = line.split(maxsplit=3)
        assert float(waited) >= 0.6
        assert f"corpus {path} is in use by another process" in msg
        assert "wait for it to finish or use another file" in msg


CHILD_HOLD = """
import sys, time
from toolkit.store import Corpus
c = Corpus(sys.argv[1])
print("holding", flush=True)
time.sleep(1.0)
c.close()
"""


def test_second_process_waits_for_the_first(tmp_path: Path) -> None:
    path = tmp_path / "wait.duckdb"
    child = run_child(CHILD_HOLD, str(path))
    try:
        assert child.stdout.readline().strip() == "holding", child.stderr.read()
        t0 = time.monotonic()
        with Corpus(path, timeout=20) as c:
            waited = time.monotonic() - t0
            assert len(c) == 0
    finally:
        child.communicate(timeout=30)
    assert waited > 0.3
