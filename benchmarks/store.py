"""Time ``Corpus.add`` and reads on generated articles (no network, temporary folder).

Usage: ``python benchmarks/store.py [N]`` (default 2,000 articles of ~800 words with a
~40 KB page each). Prints seconds for a first add, an unchanged re-add, a revising re-add,
reading the latest articles, and the file size.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from toolkit.schema import validate
from toolkit.store import Corpus

WORDS = ("the minister said drone attack residence region officials claimed evidence "
         "moscow kyiv talks peace statement reported according sources military night "
         "air defence intercepted ukraine russia president kremlin washington").split()


def make_articles(n: int, seed: int = 7, words: int = 800) -> pd.DataFrame:
    """``n`` schema rows with random bodies and a fake page per article."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        text = " ".join(rng.choice(WORDS) for _ in range(words))
        page = f"<html><head><title>Story {i}</title></head><body>" + "".join(
            f"<p>{text[j:j + 400]}</p><div class='ad'>{rng.random()}</div>"
            for j in range(0, len(text), 400)
        ) + "<footer>" + "menu item " * 1500 + "</footer></body></html>"
        rows.append({
            "article_id": f"bench{i:06d}", "url": f"https://example.org/news/{i}",
            "domain": "example.org", "outlet": "Example", "title": f"Story {i}", "text": text,
            "published": pd.Timestamp("2025-12-29", tz="UTC") + pd.Timedelta(minutes=i),
            "retrieved": pd.Timestamp("2026-01-02", tz="UTC"), "authors": ["A. Writer"],
            "word_count": words, "source_kind": "web", "source": f"https://example.org/news/{i}",
            "status": "ok", "raw_html": page,
        })
    return pd.DataFrame(rows)


def main(n: int = 2000) -> None:
    df = make_articles(n)
    html_mb = sum(len(h) for h in df["raw_html"]) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        with Corpus(path) as corpus:
            t0 = time.perf_counter()
            first = corpus.add(df, progress=False)
            t1 = time.perf_counter()
            again = corpus.add(df, progress=False)
            t2 = time.perf_counter()
            edited = df.copy()
            edited["text"] = edited["text"] + " Updated."
            revised = corpus.add(edited, progress=False)
            t3 = time.perf_counter()
            latest = corpus.articles()
            t4 = time.perf_counter()
            validate(latest)
        size = path.stat().st_size / 1e6
    print(f"articles: {n}, raw html: {html_mb:.1f} MB")
    print(f"add (new):        {t1 - t0:6.2f} s  {first}")
    print(f"add (unchanged):  {t2 - t1:6.2f} s  {again}")
    print(f"add (revised):    {t3 - t2:6.2f} s  {revised}")
    print(f"articles():       {t4 - t3:6.2f} s  rows {len(latest)}")
    print(f"file size:        {size:6.1f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
