"""Reliability figures: hostile inputs, crash trials and a 1,000-URL batch with faults.

Usage: ``python benchmarks/reliability.py [--trials 20] [--urls 1000] [--limit 10]``
(no network: everything is generated in a temporary folder and served on 127.0.0.1).

Prints: inputs tried, rows returned, exceptions escaped, inputs over the time limit (and
those the APIs' own limit stopped, with a reason), peak memory; crash trials survived
(x/20 ingest + x/20 annotate) and rows lost; for the URL batch: good pages stored, faults
recorded with a reason, the most retries of one URL, and seconds. Goals: 0 escaped, 0 over
the limit, 20/20 + 20/20 survived, 0 rows lost, every good page stored, every fault recorded.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the generators live with the tests
sys.path.insert(0, str(ROOT))

from reliability import crash, harness, hostile, netfaults  # noqa: E402


def _peak_mb() -> int:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) // 1024


def bad_input(folder: Path, limit: float) -> dict:
    t0 = time.perf_counter()
    suite = hostile.generate(folder / "hostile", big=True)
    print(f"hostile inputs: {len(suite.cases)} files + {len(suite.strings)} strings "
          f"({sum(len(c.data) for c in suite.cases) / 1e6:.0f} MB) written in "
          f"{time.perf_counter() - t0:.1f} s", flush=True)
    loaded: list = []
    outcomes = []
    for name, run in (("parse_html", lambda: harness.run_parse_html(suite, limit)),
                      ("from_html", lambda: harness.run_from_html(suite, limit, keep=loaded)),
                      ("from_text", lambda: harness.run_from_text(suite, limit, keep=loaded)),
                      ("from_table", lambda: harness.run_from_table(suite, limit)),
                      ("parse_text", lambda: harness.run_parse_text(suite, limit)),
                      ("annotate_text", lambda: harness.run_annotate_text(
                          harness.annotate_inputs(suite, loaded), limit))):
        t0 = time.perf_counter()
        got = run()
        outcomes += got
        s = harness.summarise(got)["total"]
        slowest = (f"slowest {s['max_seconds']:.2f} s" if s["max_seconds"] else
                   "one batch, the loader's own limit per input")
        print(f"  {name:<14} {s['inputs']:>4} inputs  {s['rows']:>6} rows  {s['escaped']} escaped  "
              f"{s['over_limit']} over  {s['stopped']} stopped  {s['with_problems']} with problems  "
              f"{slowest}  ({time.perf_counter() - t0:.0f} s)", flush=True)
    summary = harness.summarise(outcomes)
    summary["failures"] = harness.failures(outcomes, limit=30)
    summary["stopped"] = [f"{o.api} {o.name}" for o in outcomes if o.stopped]
    summary["peak_mb"] = _peak_mb()
    return summary


def crashes(folder: Path, trials: int) -> dict:
    out = {}
    for name, fn in (("ingest", crash.ingest_trials), ("annotate", crash.annotate_trials)):
        t0 = time.perf_counter()
        res = fn(folder / f"crash-{name}", trials)
        out[name] = res
        print(f"  {name:<9} {sum(t.survived for t in res)}/{len(res)} survived, "
              f"{sum(t.killed for t in res)} kills landed mid-run, {sum(t.lost for t in res)} rows "
              f"lost ({time.perf_counter() - t0:.0f} s)", flush=True)
        for t in res:
            if not t.survived:
                print(f"    FAILED {t}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=int, default=20, help="kills per command (default 20)")
    ap.add_argument("--urls", type=int, default=1000, help="URLs in the fault batch (default 1000)")
    ap.add_argument("--limit", type=float, default=harness.TIME_LIMIT,
                    help="per-input time limit in seconds (default 10)")
    args = ap.parse_args(argv)
    t_all = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="toolkit-reliability-") as tmp:
        folder = Path(tmp)
        print("== bad input", flush=True)
        bad = bad_input(folder, args.limit)
        print(f"== crash trials ({args.trials} + {args.trials} SIGKILLs)", flush=True)
        kills = crashes(folder, args.trials)
        print(f"== {args.urls}-URL batch with 10% faults", flush=True)
        batch = netfaults.run_batch(args.urls, folder / "urls")
    t = bad["total"]
    ing, ann = kills["ingest"], kills["annotate"]
    lost = sum(x.lost for x in ing + ann)
    print("\n== reliability figures")
    print(f"inputs tried                 {t['inputs']}")
    print(f"rows returned                {t['rows']} (articles rows and spans)")
    print(f"exceptions escaped           {t['escaped']}")
    print(f"inputs over the time limit   {t['over_limit']} (limit {args.limit:g} s + "
          f"{harness.GRACE:g} s grace; slowest input {t['max_seconds']:.2f} s)")
    print(f"inputs stopped by the limit  {t['stopped']} (a row or note with the reason)"
          + (f": {', '.join(bad['stopped'])}" if bad["stopped"] else ""))
    print(f"inputs with other problems   {t['with_problems']}")
    print(f"peak memory                  {bad['peak_mb']} MB (one process and its workers)")
    print(f"crash trials survived        {sum(x.survived for x in ing)}/{len(ing)} ingest + "
          f"{sum(x.survived for x in ann)}/{len(ann)} annotate "
          f"({sum(x.killed for x in ing + ann)} kills landed while the command ran)")
    print(f"rows lost                    {lost}")
    print(f"URL batch                    {batch.good_stored}/{batch.good} good pages stored, "
          f"{batch.faults_recorded}/{batch.faults} faults recorded with a reason, "
          f"max retries {batch.max_retries} (max {batch.max_requests_per_url} requests per URL), "
          f"{batch.seconds:.1f} s")
    print(f"total                        {time.perf_counter() - t_all:.0f} s")
    for line in bad["failures"] + batch.missed[:20]:
        print("  problem:", line)
    ok = (t["escaped"] == 0 and t["over_limit"] == 0 and lost == 0
          and all(x.survived for x in ing + ann) and not batch.missed)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
