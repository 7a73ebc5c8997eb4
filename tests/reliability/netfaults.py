"""A batch of URLs with network faults, served on 127.0.0.1 and ingested into a corpus.

    result = run_batch(n=1000, folder=tmp_path)   # 10 % faults, every kind below
    result.good_stored == result.good, result.faults_recorded == result.faults

Used by ``test_network_faults.py`` (200 URLs) and ``benchmarks/reliability.py`` (1,000).
Faults: connection reset, a server dripping one byte a second, a redirect loop, redirects
to ``javascript:``/``ftp:``/``file:``/``data:``, wrong content types (PNG, PDF, JSON,
image bytes labelled HTML), 500s then success, 429 with Retry-After then success, a
truncated body, 404, 403, and an unresolvable ``.invalid`` host.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parents[1]
if str(TESTS) not in sys.path:  # the shared scripted server lives in tests/httpserver.py
    sys.path.insert(0, str(TESTS))

from httpserver import Reply, redirect, serve  # noqa: E402

#: Fetch options for the batch: fast, but every bound is real.
FETCH = {"rate_limit": 0.0, "timeout": (1.0, 1.0), "retries": 2, "backoff": 0.05,
         "total_timeout": 3.0, "max_wait": 0.5, "max_redirects": 5, "workers": 8}

WORDS = ("minister officials drone attack residence region claimed evidence talks statement "
         "reported according sources military night defence intercepted president capital "
         "bridge engineers ministry governor residents traffic delays report").split()


def article(i: int, rng: random.Random) -> str:
    paras = []
    for _ in range(5):
        words = [rng.choice(WORDS) for _ in range(45)]
        paras.append(f"<p>Story {i}: " + " ".join(words).capitalize() + ".</p>")
    return (f"<!DOCTYPE html><html lang='en'><head><title>Story number {i} about the region"
            f"</title></head><body><article><h1>Story number {i} about the region</h1>"
            + "".join(paras) + "</article></body></html>")


#: kind -> (route maker taking the page body, whether the page must end up stored as ok)
def fault_kinds(body: str) -> dict[str, tuple[Any, bool]]:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
    return {
        "reset": (Reply(reset=True), False),
        "drip": (Reply(body=body, drip=1.0), False),
        "loop": (None, False),  # filled in with the route's own path
        "to-javascript": (redirect("javascript:alert(1)"), False),
        "to-ftp": (redirect("ftp://files.example.org/story"), False),
        "to-file": (redirect("file:///etc/passwd"), False),
        "to-data": (redirect("data:text/html,<script>alert(1)</script>"), False),
        "png": (Reply(body=png, content_type="image/png"), False),
        "pdf": (Reply(body=b"%PDF-1.7\n" + b"x" * 300, content_type="application/pdf"), False),
        "json": (Reply(body=b'{"a": 1}', content_type="application/json"), False),
        "png-as-html": (Reply(body=png), False),
        "500-then-ok": ([Reply(500), Reply(500), Reply(body=body)], True),
        "429-then-ok": ([Reply(429, headers={"Retry-After": "0"}), Reply(body=body)], True),
        "truncated": (Reply(body=body[: len(body) // 3], content_length=len(body)), False),
        "404": (Reply(404, body="<h1>gone</h1>"), False),
        "403": (Reply(403, body="<h1>no</h1>"), False),
        "invalid-host": (None, False),  # no route: the URL names a .invalid host
    }


@dataclass
class BatchResult:
    """What the batch did: counts, the worst retry count, seconds, and anything missed."""

    urls: int
    good: int
    faults: int
    good_stored: int = 0
    faults_recorded: int = 0
    max_requests_per_url: int = 0
    max_seconds_per_url: float = 0.0
    seconds: float = 0.0
    missed: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def max_retries(self) -> int:
        return max(0, self.max_requests_per_url - 1)


def run_batch(n: int, folder: str | Path, fault_share: float = 0.1, seed: int = 5,
              ingest: Callable[..., Any] | None = None) -> BatchResult:
    """Serve ``n`` URLs (``fault_share`` of them faulty), ingest them, check the corpus."""
    from toolkit.pipeline import ingest as pipeline_ingest
    from toolkit.store import Corpus

    ingest = ingest or pipeline_ingest
    folder = Path(folder)
    rng = random.Random(seed)
    n_faults = round(n * fault_share)
    positions = set(rng.sample(range(n), n_faults))
    kinds = list(fault_kinds("").keys())
    routes: dict[str, Any] = {}
    plan: list[tuple[str, str, bool]] = []  # (path or URL, kind, must be stored ok)
    k = 0
    for i in range(n):
        body = article(i, rng)
        if i not in positions:
            path = f"/news/{i}.html"
            routes[path] = Reply(body=body)
            plan.append((path, "good", True))
            continue
        kind = kinds[k % len(kinds)]
        k += 1
        path = f"/news/{i}-{kind}.html"
        route, stored = fault_kinds(body)[kind]
        if kind == "loop":
            route = redirect(path)
        if kind == "invalid-host":
            plan.append((f"http://news-{i}.example.invalid/story.html", kind, False))
            continue
        routes[path] = route
        plan.append((path, kind, stored))
    corpus = folder / "batch.duckdb"
    with serve(routes) as srv:
        urls = [p if p.startswith("http") else srv.url(p) for p, _, _ in plan]
        t0 = time.perf_counter()
        df, counts = ingest(urls, corpus, progress=False, cache_dir=folder / "cache", **FETCH)
        seconds = time.perf_counter() - t0
        per_path: dict[str, list[float]] = {}
        for req in srv.log:
            per_path.setdefault(req.path, []).append(req.time)
    res = BatchResult(urls=n, good=sum(s for _, _, s in plan), faults=sum(not s for _, _, s in plan),
                      seconds=seconds, counts=dict(counts))
    res.max_requests_per_url = max((len(v) for v in per_path.values()), default=0)
    res.max_seconds_per_url = max((max(v) - min(v) for v in per_path.values()), default=0.0)
    with Corpus(corpus, read_only=True) as c:
        arts = c.articles()
        fails = c.failures()
    stored_ok = set(arts.loc[arts["status"] == "ok", "url"].dropna())
    reasons: dict[str, str] = {}
    for frame in (fails, arts[arts["status"] != "ok"]):
        for src, detail in zip(frame["source"], frame["status_detail"], strict=True):
            if isinstance(src, str):
                reasons[src] = str(detail or "")
    for url, (_, kind, must) in zip(urls, plan, strict=True):
        if must:
            if url in stored_ok:
                res.good_stored += 1
            else:
                res.missed.append(f"{kind} {url}: not stored as ok")
        else:
            why = reasons.get(url, "")
            if why.startswith(url) and len(why) > len(url) + 2:
                res.faults_recorded += 1
            else:
                res.missed.append(f"{kind} {url}: no reason recorded ({why[:120]!r})")
    return res
