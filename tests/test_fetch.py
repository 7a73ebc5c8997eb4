"""Polite fetching and ``from_urls`` against a scripted server on 127.0.0.1 (no network)."""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import socket
import time
from pathlib import Path

import pandas as pd
import pytest
from httpserver import Reply, redirect, serve

from toolkit.load.fetch import (
    DEFAULT_USER_AGENT,
    Fetcher,
    ResponseCache,
    check_url,
    parse_retry_after,
)
from toolkit.load.web import from_urls, read_url_list
from toolkit.schema import canonical_url, make_article_id, validate

PARAS = [
    "Officials in the capital said on Tuesday that the bridge over the river would stay "
    "closed for at least two more weeks while engineers inspect the damaged supports.",
    "The regional governor told reporters that traffic would be diverted through the "
    "northern ring road, adding that buses would run every ten minutes during the closure.",
    "Residents who live near the crossing said the delays had already doubled their daily "
    "commute, and several shop owners complained that customers had stopped coming.",
    "Engineers from the national rail company are expected to publish their first report "
    "on the state of the structure by the end of the month, the ministry said.",
]
CYRILLIC = [
    "Министр иностранных дел заявил во вторник, что переговоры продолжатся на следующей "
    "неделе, несмотря на разногласия между сторонами по ключевым вопросам повестки.",
    "По словам представителя министерства, делегации обсудят вопросы безопасности, "
    "торговли и гуманитарной помощи, а также возможный обмен пленными.",
    "Независимые эксперты отметили, что стороны пока не представили доказательств "
    "готовности к компромиссу, и призвали к осторожности в оценках.",
]


def page(title: str, paras: list[str], lang: str = "en") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    return (f"<!DOCTYPE html><html lang='{lang}'><head><title>{title}</title></head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")


HTML = page("Bridge stays closed", PARAS)


def fast(tmp_path: Path, **kw) -> dict:
    """from_urls/Fetcher options that keep a test quick."""
    opts = {"rate_limit": 0, "timeout": (1.0, 1.0), "retries": 2, "backoff": 0.05,
            "total_timeout": 5.0, "cache_dir": tmp_path / "cache"}
    opts.update(kw)
    return opts


def fetcher(tmp_path: Path, **kw) -> Fetcher:
    opts = fast(tmp_path, **kw)
    return Fetcher(opts.pop("cache_dir"), **opts)


# --- pure helpers ----------------------------------------------------------------


def test_check_url_rejects_non_http_and_reserved_names() -> None:
    assert check_url("https://example.org/a") is None
    assert "not an http(s) URL" in check_url("ftp://example.org/a")
    assert "not an http(s) URL" in check_url("javascript:alert(1)")
    assert "not an http(s) URL" in check_url("example.org/a")
    assert "not an http(s) URL" in check_url("")
    assert "invalid URL" in check_url("http://exa mple.org/")
    assert "longer than" in check_url("https://example.org/" + "a" * 9000)
    assert ".invalid" in check_url("http://news.example.invalid/story")


def test_retry_after_seconds_and_http_date() -> None:
    assert parse_retry_after("7") == 7.0
    now = time.time()
    date = email.utils.formatdate(now + 30, usegmt=True)
    assert 28 <= parse_retry_after(date, now=now) <= 31
    assert parse_retry_after(email.utils.formatdate(now - 100, usegmt=True), now=now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


# --- the fetcher -------------------------------------------------------------------


def test_ok_page_redirect_chain_and_user_agent(tmp_path: Path) -> None:
    routes = {"/a": redirect("/b", 301), "/b": redirect("/c?x=1", 302), "/c": Reply(body=HTML)}
    with serve(routes) as srv, fetcher(tmp_path) as f:
        res = f.fetch(srv.url("/a"))
        assert res.ok and res.status_code == 200
        assert res.final_url == srv.url("/c?x=1")
        assert res.redirects == [srv.url("/a"), srv.url("/b")]
        assert res.body == HTML.encode()
        assert res.content_type == "text/html" and res.charset == "utf-8"
        assert srv.requests_to("/c")[0].headers["user-agent"] == DEFAULT_USER_AGENT
        assert "newsframe-toolkit" in DEFAULT_USER_AGENT


def test_custom_user_agent_is_sent(tmp_path: Path) -> None:
    with serve({"/p": Reply(body=HTML)}) as srv, fetcher(tmp_path, user_agent="tester/1 (me@x.org)") as f:
        assert f.fetch(srv.url("/p")).ok
        assert srv.requests_to("/p")[0].headers["user-agent"] == "tester/1 (me@x.org)"


def test_429_retry_after_is_honoured(tmp_path: Path) -> None:
    routes = {"/busy": [Reply(429, headers={"Retry-After": "1"}), Reply(body=HTML)]}
    with serve(routes) as srv, fetcher(tmp_path) as f:
        t0 = time.monotonic()
        res = f.fetch(srv.url("/busy"))
        waited = time.monotonic() - t0
        assert res.ok and res.attempts == 2
        assert waited >= 1.0
        first, second = srv.requests_to("/busy")
        assert second.time - first.time >= 0.95


def test_retry_after_wait_is_capped(tmp_path: Path) -> None:
    routes = {"/busy": [Reply(503, headers={"Retry-After": "3600"}), Reply(body=HTML)]}
    with serve(routes) as srv, fetcher(tmp_path, max_wait=0.2) as f:
        t0 = time.monotonic()
        assert f.fetch(srv.url("/busy")).ok
        assert time.monotonic() - t0 < 2.0


def test_500_twice_then_200(tmp_path: Path) -> None:
    routes = {"/flaky": [Reply(500), Reply(502), Reply(body=HTML)]}
    with serve(routes) as srv, fetcher(tmp_path) as f:
        res = f.fetch(srv.url("/flaky"))
        assert res.ok and res.attempts == 3 and srv.hits["/flaky"] == 3


def test_retries_are_bounded_in_number_and_time(tmp_path: Path) -> None:
    with serve({"/down": Reply(503)}) as srv:
        with fetcher(tmp_path, retries=3) as f:
            res = f.fetch(srv.url("/down"))
            assert res.error.startswith("HTTP 503") and "gave up after 4 attempts" in res.error
            assert srv.hits["/down"] == 4
        with fetcher(tmp_path, retries=10, backoff=0.4, total_timeout=1.0) as f:
            t0 = time.monotonic()
            res = f.fetch(srv.url("/down"))
            assert time.monotonic() - t0 < 1.5
            assert "limit per URL" in res.error


def test_404_is_not_retried_nor_cached(tmp_path: Path) -> None:
    with serve({}) as srv, fetcher(tmp_path) as f:
        res = f.fetch(srv.url("/missing"))
        assert res.error == "HTTP 404 Not Found" and res.error_kind == "http"
        assert srv.hits["/missing"] == 1
        assert not f.cache.path_for(srv.url("/missing")).exists()
        assert f.fetch(srv.url("/missing")).from_cache is False
        assert srv.hits["/missing"] == 2


def test_slow_response_times_out(tmp_path: Path) -> None:
    with serve({"/slow": Reply(body=HTML, delay=1.5)}) as srv, fetcher(tmp_path, timeout=(0.3, 0.3)) as f:
        t0 = time.monotonic()
        res = f.fetch(srv.url("/slow"))
        assert res.error_kind == "timeout" and "0.3 s" in res.error
        assert time.monotonic() - t0 < 1.2


def test_dripping_server_hits_the_per_url_time_limit(tmp_path: Path) -> None:
    with serve({"/drip": Reply(body=b"x" * 200, drip=0.1)}) as srv:
        with fetcher(tmp_path, timeout=(1.0, 1.0), total_timeout=0.8) as f:
            t0 = time.monotonic()
            res = f.fetch(srv.url("/drip"))
            assert res.error_kind == "timeout" and "limit per URL" in res.error
            assert time.monotonic() - t0 < 1.5


def test_headers_dripping_forever_are_cut_at_the_per_url_limit(tmp_path: Path) -> None:
    # every byte arrives well within the read timeout, so only the wall-clock limit stops it
    with serve({"/trickle": Reply(body=HTML, drip_headers=0.05, headers={"X-Pad": "p" * 400})}) as srv:
        with fetcher(tmp_path, timeout=(1.0, 1.0), total_timeout=0.6, retries=0) as f:
            t0 = time.monotonic()
            res = f.fetch(srv.url("/trickle"))
            assert res.error_kind == "timeout" and "limit per URL" in res.error
            assert time.monotonic() - t0 < 1.2


def test_oversized_body_is_refused(tmp_path: Path) -> None:
    bomb = gzip.compress(b" " * 5_000_000)
    routes = {"/big": Reply(body=b"a" * 5000), "/bomb": Reply(body=bomb, headers={"Content-Encoding": "gzip"})}
    with serve(routes) as srv, fetcher(tmp_path, max_bytes=1000) as f:
        res = f.fetch(srv.url("/big"))
        assert res.error_kind == "too_large" and "body larger than 1 kB" in res.error
        res = f.fetch(srv.url("/bomb"))  # small on the wire, huge once unpacked
        assert res.error_kind == "too_large" and res.body == b""


def test_gzip_encoded_response_is_decoded(tmp_path: Path) -> None:
    routes = {"/gz": Reply(body=gzip.compress(HTML.encode()), headers={"Content-Encoding": "gzip"})}
    with serve(routes) as srv, fetcher(tmp_path) as f:
        res = f.fetch(srv.url("/gz"))
        assert res.ok and res.body == HTML.encode()


def test_redirect_loop_and_bad_schemes(tmp_path: Path) -> None:
    routes = {"/l1": redirect("/l2"), "/l2": redirect("/l1"),
              "/ftp": redirect("ftp://files.example.org/a.html"),
              "/js": redirect("javascript:alert(document.cookie)"),
              "/many": lambda req: redirect(f"/many?n={req.hit}")}
    with serve(routes) as srv, fetcher(tmp_path, max_redirects=5) as f:
        res = f.fetch(srv.url("/l1"))
        assert res.error_kind == "redirect" and "redirect loop" in res.error
        assert srv.hits["/l1"] == 1 and srv.hits["/l2"] == 1
        res = f.fetch(srv.url("/ftp"))
        assert "non-http(s)" in res.error and "ftp://files.example.org" in res.error
        res = f.fetch(srv.url("/js"))
        assert "non-http(s)" in res.error and "javascript:" in res.error
        res = f.fetch(srv.url("/many"))
        assert res.error == "more than 5 redirects" and srv.hits["/many"] == 6


def test_connection_reset_and_truncated_body(tmp_path: Path) -> None:
    routes = {"/reset": Reply(reset=True), "/cut": Reply(body=b"<p>short</p>", content_length=5000),
              "/midway": Reply(body=HTML, reset_after=20)}
    with serve(routes) as srv, fetcher(tmp_path, retries=2) as f:
        res = f.fetch(srv.url("/reset"))
        assert res.error_kind == "connection" and "reset" in res.error
        assert srv.hits["/reset"] == 3  # first try + 2 retries, then it stops
        res = f.fetch(srv.url("/cut"))
        assert res.error_kind == "truncated" and "of 5000 bytes" in res.error and res.body == b""
        res = f.fetch(srv.url("/midway"))
        assert res.error_kind == "connection" and not res.ok


def test_invalid_host_fails_fast_without_dns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_dns(*args, **kwargs):
        raise AssertionError("no DNS lookup expected")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    with fetcher(tmp_path) as f:
        t0 = time.monotonic()
        res = f.fetch("http://news.example.invalid/story")
        assert res.error_kind == "dns" and "news.example.invalid" in res.error
        assert time.monotonic() - t0 < 0.5


def test_dns_failure_is_reported_and_not_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def fail(host, *args, **kwargs):
        calls.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    with fetcher(tmp_path) as f:
        res = f.fetch("http://unknown-host.example.org/a")
        assert res.error_kind == "dns" and "could not resolve host unknown-host.example.org" in res.error
        assert res.attempts == 1 and calls == ["unknown-host.example.org"]


def test_per_host_rate_limit_spaces_requests(tmp_path: Path) -> None:
    routes = {f"/p{i}": Reply(body=HTML) for i in range(3)}
    with serve(routes) as srv, fetcher(tmp_path, rate_limit=0.3) as f:
        results = f.fetch_many([srv.url(f"/p{i}") for i in range(3)], workers=3)
        assert all(r.ok for r in results)
        times = sorted(r.time for r in srv.log)
        gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
        assert min(gaps) >= 0.22  # 0.3 s when sent, minus arrival jitter on a busy machine
        assert times[-1] - times[0] >= 0.5


def test_cache_serves_second_fetch_and_refresh_asks_again(tmp_path: Path) -> None:
    with serve({"/p": Reply(body=HTML, headers={"Last-Modified": "Tue, 03 Mar 2026 10:00:00 GMT"})}) as srv:
        with fetcher(tmp_path) as f:
            first = f.fetch(srv.url("/p"))
        with fetcher(tmp_path) as f:
            second = f.fetch(srv.url("/p"))
            assert srv.hits["/p"] == 1
            assert second.from_cache and second.body == first.body
            assert second.final_url == first.final_url and second.status_code == 200
            assert second.fetched_at == first.fetched_at
            assert second.headers["last-modified"] == "Tue, 03 Mar 2026 10:00:00 GMT"
            third = f.fetch(srv.url("/p"), refresh=True)
            assert not third.from_cache and srv.hits["/p"] == 2
        cache_files = list((tmp_path / "cache").rglob("*"))
        assert not [p for p in cache_files if p.name.startswith(".tmp-")]


def test_damaged_cache_entry_is_a_miss(tmp_path: Path) -> None:
    with serve({"/p": Reply(body=HTML)}) as srv, fetcher(tmp_path) as f:
        f.fetch(srv.url("/p"))
        path = f.cache.path_for(srv.url("/p"))
        path.write_bytes(path.read_bytes()[:30])  # a torn write from some other tool
        res = f.fetch(srv.url("/p"))
        assert res.ok and not res.from_cache and srv.hits["/p"] == 2
        assert ResponseCache(tmp_path / "cache").get(srv.url("/p")).body == HTML.encode()


# --- from_urls -----------------------------------------------------------------------


def test_from_urls_rows_for_every_outcome(tmp_path: Path) -> None:
    cp1251 = page("Переговоры продолжатся", CYRILLIC, lang="ru").encode("cp1251")
    routes = {
        "/ok": Reply(body=HTML),
        "/start": redirect("/moved"),
        "/moved": Reply(body=HTML),
        "/ru": Reply(body=cp1251, content_type="text/html; charset=windows-1251"),
        "/gone": Reply(410, body="gone"),
        "/forbidden": Reply(403, body="no robots"),
        "/legal": Reply(451, body="unavailable"),
        "/img": Reply(body=b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, content_type="image/png"),
        "/doc.pdf": Reply(body=b"%PDF-1.7\n...", content_type="application/pdf"),
        "/api": Reply(body='{"a": 1}', content_type="application/json"),
        "/rss": Reply(body="<?xml version='1.0'?><rss version='2.0'><channel></channel></rss>",
                      content_type="application/rss+xml"),
        "/bare": Reply(body=HTML, content_type=None),
        "/mislabelled": Reply(body=b"%PDF-1.4\n%\xe2\xe3\n1 0 obj", content_type="text/html"),
        "/twice": Reply(body=gzip.compress(HTML.encode())),  # gzip without Content-Encoding
    }
    with serve(routes) as srv:
        urls = [srv.url(p) for p in routes if p != "/moved"]
        urls += ["ftp://example.org/file", "http://story.example.invalid/a"]
        df = from_urls(urls, progress=False, **fast(tmp_path))
    validate(df)
    assert len(df) == len(urls) and list(df["source"]) == urls
    assert (df["source_kind"] == "web").all()
    by = {s.removeprefix(srv.base): r for s, r in zip(df["source"], df.to_dict("records"), strict=True)}

    ok = by["/ok"]
    assert ok["status"] == "ok" and "engineers inspect the damaged supports" in ok["text"]
    assert ok["title"] == "Bridge stays closed" and ok["html_sha256"]
    assert by["/start"]["status"] == "ok" and by["/start"]["url"] == srv.url("/moved")
    assert "переговоры продолжатся на следующей неделе" in by["/ru"]["text"].lower()
    assert by["/gone"]["status"] == "error"
    assert by["/gone"]["status_detail"] == f"{srv.url('/gone')}: HTTP 410 Gone"
    assert by["/forbidden"]["status"] == "blocked" and "HTTP 403" in by["/forbidden"]["status_detail"]
    assert by["/legal"]["status"] == "blocked"
    for p, kind in (("/img", "image/png"), ("/doc.pdf", "application/pdf"), ("/api", "application/json")):
        assert by[p]["status"] == "not_article", p
        assert kind in by[p]["status_detail"] and srv.url(p) in by[p]["status_detail"]
    assert by["/rss"]["status"] == "not_article" and "from_feed" in by["/rss"]["status_detail"]
    assert by["/bare"]["status"] == "ok"  # no Content-Type: sniffed as HTML
    assert by["/mislabelled"]["status"] == "not_article" and "a PDF" in by["/mislabelled"]["status_detail"]
    assert by["/twice"]["status"] == "ok" and by["/twice"]["text"] == ok["text"]
    ftp = by["ftp://example.org/file"]
    assert ftp["status"] == "error" and "not an http(s) URL" in ftp["status_detail"]
    assert "ftp://example.org/file" in ftp["status_detail"]
    inv = by["http://story.example.invalid/a"]
    assert inv["status"] == "error" and "could not resolve" in inv["status_detail"]
    assert df["article_id"].is_unique


def test_from_urls_errors_name_the_url_and_the_next_step(tmp_path: Path) -> None:
    routes = {"/slow": Reply(body=HTML, delay=1.0), "/big": Reply(body=HTML * 50),
              "/busy": Reply(503)}
    with serve(routes) as srv:
        df = from_urls([srv.url(p) for p in routes], progress=False,
                       **fast(tmp_path, timeout=(0.3, 0.3), max_bytes=5000, retries=1))
    detail = dict(zip(df["source"].str.removeprefix(srv.base), df["status_detail"], strict=True))
    assert detail["/slow"].startswith(srv.url("/slow") + ": timeout after 0.3 s")
    assert "raise timeout=" in detail["/slow"]
    assert detail["/big"].startswith(srv.url("/big") + ": body larger than 5 kB")
    assert "max_bytes" in detail["/big"]
    assert "HTTP 503" in detail["/busy"] and "re-run later" in detail["/busy"]
    assert (df["status"] == "error").all()


def test_from_urls_second_run_is_offline(tmp_path: Path) -> None:
    routes = {"/a": Reply(body=HTML), "/b": Reply(body=page("Other", PARAS[::-1]))}
    with serve(routes) as srv:
        urls = [srv.url("/a"), srv.url("/b"), srv.url("/a")]  # a duplicate is fetched once
        first = from_urls(urls, progress=False, **fast(tmp_path))
        assert srv.hits["/a"] == 1 and srv.hits["/b"] == 1
        second = from_urls(urls, progress=False, **fast(tmp_path))
        assert srv.hits["/a"] == 1 and srv.hits["/b"] == 1
    assert len(first) == 3 and (first["status"] == "ok").all()
    cols = ["article_id", "url", "title", "text", "retrieved", "html_sha256"]
    pd.testing.assert_frame_equal(first[cols], second[cols])
    age = pd.Timestamp.now(tz="UTC") - first["retrieved"].iloc[0]
    assert dt.timedelta(0) <= age < dt.timedelta(minutes=5)


def test_from_urls_reads_a_url_list_file(tmp_path: Path) -> None:
    with serve({"/a": Reply(body=HTML)}) as srv:
        listing = tmp_path / "urls.txt"
        listing.write_text(f"# coverage of the bridge story\n\n{srv.url('/a')}\t# wire copy\n"
                           "mailto:desk@example.org\n", encoding="utf-8")
        assert read_url_list(listing) == [srv.url("/a"), "mailto:desk@example.org"]
        df = from_urls(listing, progress=False, **fast(tmp_path))
        one = from_urls(srv.url("/a"), progress=False, **fast(tmp_path))  # a single URL
        bad = from_urls("javascript:alert(1)", progress=False, **fast(tmp_path))
    assert list(df["status"]) == ["ok", "error"]
    assert len(one) == 1 and one["status"].iloc[0] == "ok"
    assert bad["status_detail"].iloc[0] == "javascript:alert(1): not an http(s) URL (javascript:)"
    missing = from_urls(tmp_path / "nope.txt", progress=False, **fast(tmp_path))
    assert len(missing) == 1 and missing["status"].iloc[0] == "error"
    assert "nope.txt" in missing["status_detail"].iloc[0]


def test_hosts_run_in_parallel_but_each_host_stays_polite(tmp_path: Path) -> None:
    try:
        socket.gethostbyname("localhost")
    except OSError:
        pytest.skip("'localhost' does not resolve on this machine")
    routes = {f"/p{i}": Reply(body=HTML) for i in range(3)}
    with serve(routes) as srv:
        other = srv.base.replace("127.0.0.1", "localhost")
        urls = [srv.url(f"/p{i}") for i in range(3)] + [f"{other}/p{i}" for i in range(3)]
        with fetcher(tmp_path, rate_limit=0.5) as f:
            t0 = time.monotonic()
            results = f.fetch_many(urls, workers=4)
            took = time.monotonic() - t0
        assert all(r.ok for r in results) and [r.url for r in results] == urls
        for host in ("127.0.0.1", "localhost"):
            times = sorted(r.time for r in srv.log if r.headers["host"].startswith(host))
            assert len(times) == 3
            # spacing is enforced when requests leave; arrival adds some jitter on a busy machine
            assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 0.4
        assert took < 2.0  # one host after the other would need 5 x 0.5 s of waiting


def test_extraction_crash_becomes_an_error_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import toolkit.load.html as html_module

    def boom(*args, **kwargs):
        raise RuntimeError("extractor exploded")

    monkeypatch.setattr(html_module, "parse_html", boom)
    with serve({"/a": Reply(body=HTML), "/b": Reply(404)}) as srv:
        df = from_urls([srv.url("/a"), srv.url("/b")], progress=False, **fast(tmp_path))
    assert list(df["status"]) == ["error", "error"]
    assert df["status_detail"].iloc[0] == f"{srv.url('/a')}: extraction failed (RuntimeError: extractor exploded)"


def test_canonical_link_to_another_site_keeps_the_fetching_outlet(tmp_path: Path) -> None:
    head = "<link rel='canonical' href='{}'>"
    copy = HTML.replace("<title>", head.format("https://wire.example.org/story?utm_source=x") + "<title>")
    own = HTML.replace("<title>", head.format("/own?utm_medium=rss") + "<title>")
    with serve({"/copy": Reply(body=copy), "/own": Reply(body=own)}) as srv:
        df = from_urls([srv.url("/copy"), srv.url("/own")], progress=False, **fast(tmp_path))
    syndicated, original = df.to_dict("records")
    assert syndicated["canonical_url"] == "https://wire.example.org/story"
    assert syndicated["domain"] == "127.0.0.1" and syndicated["url"] == srv.url("/copy")
    assert syndicated["article_id"] == make_article_id(srv.url("/copy"))
    assert original["article_id"] == make_article_id(srv.url("/own"))  # same site: canonical id
    assert original["canonical_url"] == canonical_url(srv.url("/own"))


def test_https_self_signed_refused_then_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil
    import ssl
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("needs the openssl command to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True, timeout=30)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    routes = {"/a": Reply(body=HTML), "/trickle": Reply(body=HTML, drip_headers=0.05, headers={"X-Pad": "p" * 400})}
    with serve(routes, tls=ctx) as srv:
        url = srv.url("/a")
        assert url.startswith("https://")
        with fetcher(tmp_path) as f:
            res = f.fetch(url)
            assert res.error_kind == "tls" and "certificate" in res.error and res.attempts == 1
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))
        with fetcher(tmp_path, total_timeout=0.6, retries=0) as f:
            res = f.fetch(url)
            assert res.ok and res.body == HTML.encode()
            t0 = time.monotonic()
            res = f.fetch(url.replace("/a", "/trickle"))
            assert res.error_kind == "timeout" and time.monotonic() - t0 < 1.2


def test_batch_with_faults_keeps_every_good_page_and_every_reason(tmp_path: Path) -> None:
    faults = {
        "reset": Reply(reset=True),
        "gone": Reply(404),
        "cut": Reply(body=b"<p>cut</p>", content_length=900),
        "loop": redirect("/f-loop"),
        "ftp": redirect("ftp://files.example.org/x"),
        "flaky": [Reply(503), Reply(body=page("Recovered", PARAS))],
        "image": Reply(body=b"GIF89a...", content_type="image/gif"),
        "slow": Reply(body=HTML, delay=1.0),
    }
    routes: dict = {f"/f-{name}": reply for name, reply in faults.items()}
    good = [f"/g{i}" for i in range(32)]
    for i, p in enumerate(good):
        routes[p] = Reply(body=page(f"Story {i}", PARAS[i % 4:] + PARAS[: i % 4]))
    with serve(routes) as srv:
        paths = good[:16] + [f"/f-{n}" for n in faults] + good[16:]
        df = from_urls([srv.url(p) for p in paths], progress=False,
                       **fast(tmp_path, timeout=(0.4, 0.4), retries=2, workers=4))
        requests_made = sum(srv.hits.values())
    assert len(df) == len(paths) and list(df["source"].str.removeprefix(srv.base)) == paths
    by = dict(zip(paths, df.to_dict("records"), strict=True))
    assert all(by[p]["status"] == "ok" for p in good)
    assert by["/f-flaky"]["status"] == "ok"
    assert by["/f-image"]["status"] == "not_article"
    for name in ("reset", "gone", "cut", "loop", "ftp", "slow"):
        row = by[f"/f-{name}"]
        assert row["status"] == "error" and row["status_detail"].startswith(srv.url(f"/f-{name}") + ": ")
    # retries only where they can help: reset and cut 3 times each, flaky twice, the rest once
    assert requests_made == len(good) + 3 + 1 + 3 + 1 + 1 + 2 + 1 + 1
