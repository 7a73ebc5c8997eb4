"""Article body extraction: the toolkit against newspaper4k, trafilatura and readability alone.

Runs on the dev split of ``../shared/benchmarks/article-extraction`` (83 pages) in one
process, HTML already in memory, and prints body F1, precision, recall, exact-match
accuracy and pages per second (median of ``--passes`` timed passes, after a warm-up
pass so imports and model loading are not timed). The toolkit row times the whole
``parse_html`` (body, title, dates, authors, language, status), not only the body.

It also prints a split-half figure: the agreement threshold is chosen on one half
of the pages (by id) and scored on the other, both ways, to show how much the
dev-split F1 owes to tuning.

    .venv/bin/python benchmarks/extraction.py [--passes 3]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import logging
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from toolkit.load import html as H
from toolkit.paths import BENCHMARKS_DIR

SPLIT = BENCHMARKS_DIR / "article-extraction"
GOAL_F1 = 0.97
GRID = (0.85, 0.9, 0.93, 0.95, 0.97, 0.99, 1.01)


def load_scorer(folder: Path):
    """Import the shared ``score.py`` without copying it."""
    spec = importlib.util.spec_from_file_location("extraction_score", folder / "score.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def load_split(folder: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(html by id, url by id, true body by id)."""
    truth, urls, pages = {}, {}, {}
    with open(folder / "ground-truth.jsonl", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                obj = json.loads(line)
                truth[obj["id"]] = obj.get("articleBody") or ""
                urls[obj["id"]] = obj.get("url")
    for i in truth:
        pages[i] = gzip.decompress((folder / "html" / f"{i}.html.gz").read_bytes()).decode("utf-8")
    return pages, urls, truth


def newspaper_alone(html: str, url: str | None) -> str:
    """newspaper4k as a user would call it (full ``parse``, images not fetched)."""
    import newspaper

    art = newspaper.Article(url or "", fetch_images=False)
    try:
        art.download(input_html=html)
        art.parse()
    except ImportError:  # Japanese/Korean pages without the [ja] extra
        return ""
    return art.text or ""


def toolkit(html: str, url: str | None) -> str:
    return H.parse_html(html, url)["text"] or ""


def run_all(systems: dict[str, Callable[[str, str | None], str]], pages: dict, urls: dict,
            passes: int) -> tuple[dict[str, dict], dict[str, float]]:
    """Outputs and median pages/s per system.

    One untimed warm-up page per system first; the timed passes are interleaved
    (each pass runs every system once) so a busy machine slows all systems alike.
    """
    first = next(iter(pages))
    for fn in systems.values():
        fn(pages[first], urls[first])
    rates: dict[str, list[float]] = {name: [] for name in systems}
    outs: dict[str, dict] = {}
    for _ in range(passes):
        for name, fn in systems.items():
            t0 = time.perf_counter()
            outs[name] = {i: fn(h, urls[i]) for i, h in pages.items()}
            rates[name].append(len(pages) / (time.perf_counter() - t0))
    return outs, {name: statistics.median(r) for name, r in rates.items()}


def combine(t: str, r: str, n: str, threshold: float) -> str:
    """The toolkit's body rule from precomputed extractor outputs (for the split-half check)."""
    if t and r and H.agreement(t, r) >= threshold:
        text = H.vote(t, [r])
        if text:
            return text
    if n and (t or r):
        text = H.vote(n, [t, r]) if t and r else H.vote(n, [t or r])
        if text:
            return text
    return (H.vote(t, [r]) if t and r else "") or n or t or r


def split_half(scorer, outs: dict[str, dict], truth: dict) -> list[tuple[str, float, float]]:
    ids = sorted(truth)
    halves = (ids[0::2], ids[1::2])
    rows = []
    for k, (tune, test) in enumerate((halves, halves[::-1])):
        def f1(ids_, th):
            pred = {i: combine(outs["trafilatura"][i], outs["readability"][i], outs["newspaper4k"][i], th)
                    for i in ids_}
            return scorer.score(pred, {i: truth[i] for i in ids_})["f1"]
        best = max(GRID, key=lambda th: f1(tune, th))
        rows.append((f"half {k + 1}", best, f1(test, best)))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passes", type=int, default=3, help="timed passes per extractor (median)")
    args = ap.parse_args(argv)
    if not (SPLIT / "score.py").exists():
        print(f"SKIP: {SPLIT} not found; put the shared benchmarks beside the repository "
              "(or set TOOLKIT_SHARED) to run this benchmark.")
        return 0
    logging.disable(logging.CRITICAL)
    warnings.filterwarnings("ignore")
    scorer = load_scorer(SPLIT)
    pages, urls, truth = load_split(SPLIT)
    systems: dict[str, Callable[[str, str | None], str]] = {
        "toolkit": toolkit,
        "newspaper4k": newspaper_alone,
        "trafilatura": H.extract_trafilatura,
        "readability": H.extract_readability,
    }

    def guarded(fn):
        def call(html, url):
            try:
                return fn(html, url)
            except Exception:
                return ""
        return call

    outs, rates = run_all({name: guarded(fn) for name, fn in systems.items()}, pages, urls, args.passes)
    results = {name: (scorer.score(outs[name], truth), rates[name]) for name in systems}
    print(f"Article body extraction, dev split: {len(pages)} pages, {args.passes} timed passes\n")
    print(f"{'system':<14}{'F1':>8}{'prec':>8}{'recall':>8}{'acc':>8}{'pages/s':>10}")
    for name, (s, rate) in results.items():
        print(f"{name:<14}{s['f1']:>8.4f}{s['precision']:>8.4f}{s['recall']:>8.4f}"
              f"{s['accuracy']:>8.3f}{rate:>10.1f}")
    f1 = results["toolkit"][0]["f1"]
    ratio = results["toolkit"][1] / results["newspaper4k"][1]
    print(f"\nspeed toolkit / newspaper4k: {ratio:.2f}x  (goal >= 1.00: {'PASS' if ratio >= 1 else 'FAIL'})")
    print(f"F1 goal >= {GOAL_F1}: {'PASS' if f1 >= GOAL_F1 else 'FAIL'} ({f1:.4f})")
    boot = scorer.score(outs["toolkit"], truth, n_bootstrap=500)
    print(f"toolkit F1 bootstrap s.d.: {boot['f1_std']:.4f}")
    print("\nsplit-half check (agreement threshold tuned on one half, scored on the other):")
    for label, th, score in split_half(scorer, outs, truth):
        print(f"  tuned on the other half -> threshold {th:.2f}, {label} F1 {score:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
