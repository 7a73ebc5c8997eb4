"""Network faults against a scripted server on 127.0.0.1: each fault becomes a row with its
reason, retries stay bounded, and a batch with 10 % faults stores every good page."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from . import netfaults
from .netfaults import FETCH, Reply, redirect, serve

GOOD = netfaults.article(0, netfaults.random.Random(0))


def fetch_rows(tmp_path: Path, routes: dict, paths: list[str], **kw):
    from toolkit.load import from_urls

    opts = {**FETCH, "cache_dir": tmp_path / "cache", **kw}
    with serve(routes) as srv:
        t0 = time.perf_counter()
        df = from_urls([p if "://" in p else srv.url(p) for p in paths], progress=False, **opts)
        seconds = time.perf_counter() - t0
        hits = dict(srv.hits)
        base = srv.base
    return {p: r for p, r in zip(paths, df.to_dict("records"), strict=True)}, hits, seconds, base


def test_each_fault_gives_a_row_with_its_reason(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    routes = {
        "/reset": Reply(reset=True),
        "/drip": Reply(body=GOOD, drip=1.0),
        "/loop": redirect("/loop"),
        "/js": redirect("javascript:alert(1)"),
        "/file": redirect("file:///etc/passwd"),
        "/png": Reply(body=png, content_type="image/png"),
        "/png-as-html": Reply(body=png),
        "/json": Reply(body=b'{"a": 1}', content_type="application/json"),
        "/flaky": [Reply(500), Reply(500), Reply(body=GOOD)],
        "/cut": Reply(body=GOOD[:200], content_length=len(GOOD)),
        "/ok": Reply(body=GOOD),
    }
    paths = [*routes, "http://news.example.invalid/x"]
    rows, hits, seconds, base = fetch_rows(tmp_path, routes, paths)
    for p, row in rows.items():
        url = p if "://" in p else base + p
        assert row["source"] == url
        if p in ("/ok", "/flaky"):
            assert row["status"] == "ok", row["status_detail"]
            continue
        assert row["status"] in ("error", "not_article"), (p, row["status"])
        assert row["status_detail"].startswith(url + ": "), row["status_detail"]
    detail = {p: rows[p]["status_detail"].lower() for p in rows}
    assert "redirect" in detail["/loop"]
    assert "javascript" in detail["/js"] and "file" in detail["/file"]
    assert "image" in detail["/png"] or "png" in detail["/png"]
    assert "png" in detail["/png-as-html"] or "image" in detail["/png-as-html"]
    assert "invalid" in detail["http://news.example.invalid/x"]
    assert "time" in detail["/drip"] or "slow" in detail["/drip"]
    # bounded: never more than 1 + retries requests per URL, and the drip cut at total_timeout
    assert max(hits.values()) <= 1 + FETCH["retries"]
    assert hits["/flaky"] == 3 and hits["/png"] == 1 and hits["/js"] == 1
    assert seconds < FETCH["total_timeout"] * 3 + 5


def test_a_dripping_server_is_cut_at_the_per_url_limit(tmp_path: Path) -> None:
    routes = {"/drip": Reply(body=GOOD, drip=1.0), "/drip-headers": Reply(body=GOOD, drip_headers=1.0)}
    t0 = time.perf_counter()
    rows, hits, _, _ = fetch_rows(tmp_path, routes, list(routes), total_timeout=2.0, workers=2)
    took = time.perf_counter() - t0
    assert all(r["status"] == "error" for r in rows.values())
    assert took < 2.0 + 3.0  # both URLs in parallel, each cut at its 2 s limit


def test_unresolvable_host_fails_fast_without_dns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_dns(*args, **kwargs):
        raise AssertionError("a .invalid host must not be looked up")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    from toolkit.load import from_urls

    t0 = time.perf_counter()
    df = from_urls(["http://a.example.invalid/1", "https://b.invalid/2"], progress=False,
                   cache_dir=tmp_path / "cache")
    assert time.perf_counter() - t0 < 2
    assert list(df["status"]) == ["error", "error"]
    assert all(d.startswith(s + ": ") for s, d in zip(df["source"], df["status_detail"], strict=True))


@pytest.mark.slow
def test_batch_of_200_urls_with_10_percent_faults(tmp_path: Path) -> None:
    """Through ``pipeline.ingest`` into a corpus: every good page stored, every fault logged."""
    res = netfaults.run_batch(200, tmp_path, fault_share=0.1)
    assert res.faults >= 17 and res.good >= 180
    assert not res.missed, "\n".join(res.missed[:20])
    assert res.good_stored == res.good and res.faults_recorded == res.faults
    assert res.max_requests_per_url <= 1 + FETCH["retries"]
    assert res.max_seconds_per_url <= FETCH["total_timeout"] + 1
    assert res.seconds < 120


def test_rerunning_the_batch_is_offline_and_adds_nothing(tmp_path: Path) -> None:
    """A second ingest of the same URLs reads the cache: good pages unchanged, no new requests."""
    from toolkit.pipeline import ingest

    routes = {f"/p{i}": Reply(body=netfaults.article(i, netfaults.random.Random(i))) for i in range(10)}
    routes["/bad"] = Reply(500)
    with serve(routes) as srv:
        urls = [srv.url(p) for p in routes]
        opts = {**FETCH, "cache_dir": tmp_path / "cache", "retries": 1}
        _, first = ingest(urls, tmp_path / "c.duckdb", progress=False, **opts)
        before = sum(srv.hits.values())
        _, second = ingest(urls, tmp_path / "c.duckdb", progress=False, **opts)
        again = sum(srv.hits.values()) - before
    assert first["new"] == 10 and first["failed"] == 1
    assert second["new"] == 0 and second["unchanged"] == 10
    assert again == 2  # only the failed URL is asked again (1 + 1 retry)
