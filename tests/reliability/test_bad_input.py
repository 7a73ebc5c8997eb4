"""Hostile inputs: every input gives a row (or spans) with a status and a reason, in time.

The inputs are written at test time by :mod:`reliability.hostile` (500+ files and strings).
Each API must return a row per input, never let an exception out of a batch, name the
input in the reason of every row that is not ``ok``, and stay inside the per-input time
limit (``harness.TIME_LIMIT``, the loaders' default of 10 s).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from . import harness, hostile

LIMIT = harness.TIME_LIMIT


@pytest.fixture(scope="module")
def suite(tmp_path_factory: pytest.TempPathFactory) -> hostile.Suite:
    return hostile.generate(tmp_path_factory.mktemp("hostile"), big=True)


#: Inputs so pathological that a slow machine may stop them at the limit (with a reason).
MAY_STOP = {"no-spaces-sentences", "line-5mb", "html-page-30mb.html"}


def assert_clean(outcomes: list[harness.Outcome], min_inputs: int) -> None:
    assert len(outcomes) >= min_inputs
    bad = harness.failures(outcomes)
    assert not bad, "\n".join(bad)
    stopped = {o.name for o in outcomes if o.stopped}
    assert stopped <= MAY_STOP, stopped


def test_generator_covers_every_kind_and_500_inputs(suite: hostile.Suite) -> None:
    assert len(suite) >= 500
    names = {c.name for c in suite.cases}
    for must in ("html-empty-0.html", "html-binary-pdf-0.html", "html-binary-png-1.html",
                 "html-nul-at-0.html", "html-bad-utf8-0.html", "html-charset-cp1251-declared-utf8.html",
                 "html-charset-utf8-declared-cp1251.html", "html-page-30mb.html",
                 "html-nested-div-50000.html", "html-gz-bomb.html.gz", "html-script-only-0.html",
                 "html-xml-rss.html", "html-json-object.html", "html-truncated-0.html",
                 "html-line-5mb.html", "html-xss-0.html", "html-words-100k.html",
                 "text-line-5mb.txt", "text-words-100k.txt", "table-wrong-types.jsonl",
                 "table-bad-dates.csv", "table-no-text-column.csv", "table-gz-bomb.csv.gz"):
        assert must in names
    sizes = {c.name: len(c.data) for c in suite.cases}
    assert sizes["html-page-30mb.html"] >= 30_000_000
    assert sizes["html-gz-bomb.html.gz"] < 1_000_000  # expands to 200 MB
    assert (suite.folder / "html-xss-0.html").read_bytes() == next(
        c.data for c in suite.cases if c.name == "html-xss-0.html")
    # deterministic: the same seed gives the same inputs
    first, second = hostile.build(big=False), hostile.build(big=False)
    assert first == second and len(first[0]) >= 390


@pytest.mark.slow
def test_parse_html_on_every_page_and_string(suite: hostile.Suite) -> None:
    outcomes = harness.run_parse_html(suite, LIMIT)
    assert_clean(outcomes, 300)
    by = {o.name: o for o in outcomes}
    assert by["html-wide-attributes.html"].seconds < 5  # once a libxml2 hang


@pytest.mark.slow
def test_from_html_batch_of_hostile_pages(suite: hostile.Suite) -> None:
    outcomes = harness.run_from_html(suite, LIMIT)
    assert_clean(outcomes, 250)


def test_from_html_rows_say_what_went_wrong(suite: hostile.Suite) -> None:
    from toolkit.load import from_html

    pick = ["html-empty-0.html", "html-binary-pdf-1.html", "html-gz-bomb.html.gz",
            "html-script-only-1.html", "html-xss-0.html", "html-charset-cp1251-declared-utf8.html",
            "html-jsonld-deep.html", "html-wide-attributes.html"]
    df = from_html([suite.folder / n for n in pick], progress=False)
    by = dict(zip(pick, df.to_dict("records"), strict=True))
    assert by["html-empty-0.html"]["status"] == "empty"
    assert by["html-binary-pdf-1.html"]["status"] == "not_article"
    assert "PDF" in by["html-binary-pdf-1.html"]["status_detail"]
    bomb = by["html-gz-bomb.html.gz"]
    assert bomb["status"] == "error" and "limit" in bomb["status_detail"]
    assert by["html-script-only-1.html"]["status"] == "not_article"
    xss = by["html-xss-0.html"]
    assert xss["status"] == "ok" and '<script>alert("xss")</script>' not in (xss["text"] or "")
    # a hostile JSON-LD block or a tag with 50,000 attributes does not cost the article
    assert by["html-jsonld-deep.html"]["status"] == "ok"
    assert by["html-wide-attributes.html"]["status"] in ("ok", "empty")
    ru = by["html-charset-cp1251-declared-utf8.html"]
    assert "Лавров" in ru["text"] and "\ufffd" not in ru["text"]


def test_time_limit_stops_a_slow_input_and_the_batch_goes_on(
        suite: hostile.Suite, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page or text that hangs the parser is stopped at the limit; the rest are read."""
    import time

    from toolkit.load import files, from_html, from_text, text

    real_html, real_text = files.parse_html, text.parse_text

    def hang_html(data, *a, **kw):  # runs in the forked worker, which sees this patch
        if isinstance(data, bytes) and b"Reader comment: javascript:alert(8)" in data:
            time.sleep(60)
        return real_html(data, *a, **kw)

    def hang_text(raw, *a, **kw):
        if "javascript:alert(8)" in raw:
            time.sleep(60)
        return real_text(raw, *a, **kw)

    monkeypatch.setattr(files, "parse_html", hang_html)
    monkeypatch.setattr(text, "parse_text", hang_text)
    pages = [suite.folder / f"html-xss-{i}.html" for i in (1, 9, 2)]
    t0 = time.perf_counter()
    df = from_html(pages, progress=False, time_limit=2)
    assert time.perf_counter() - t0 < 30
    assert list(df["status"]) == ["ok", "error", "ok"]
    detail = df["status_detail"][1]
    assert detail.startswith(str(pages[1])) and "2 s time limit" in detail
    texts = [suite.folder / f"text-xss-{i}.txt" for i in (9, 1)]
    df = from_text(texts, progress=False, time_limit=2)
    assert list(df["status"]) == ["error", "ok"]
    assert df["status_detail"][0].startswith(str(texts[0])) and "time limit" in df["status_detail"][0]


@pytest.mark.slow
def test_from_text_batch_of_hostile_files(suite: hostile.Suite) -> None:
    outcomes = harness.run_from_text(suite, LIMIT)
    assert_clean(outcomes, 90)


@pytest.mark.slow
def test_from_table_on_every_table(suite: hostile.Suite) -> None:
    outcomes = harness.run_from_table(suite, LIMIT)
    assert_clean(outcomes, 55)
    by = {o.name: o for o in outcomes}
    assert by["table-bad-dates.csv"].rows == 18
    assert by["table-many-rows.csv"].rows == 5000


def test_table_rows_keep_bad_values_as_notes(suite: hostile.Suite) -> None:
    from toolkit.load import from_table

    df = from_table(suite.folder / "table-bad-dates.csv", progress=False)
    assert (df["status"] == "ok").all() and df["published"].isna().sum() >= 10
    assert df["status_detail"].dropna().str.contains("unreadable date").any()
    df = from_table(suite.folder / "table-wrong-types.jsonl", progress=False)
    assert len(df) == 9 and set(df["status"]) <= {"ok", "error", "empty"}
    assert not df["url"].dropna().str.startswith("javascript:").any()


@pytest.mark.slow
def test_parse_text_and_annotate_text_on_every_string(suite: hostile.Suite) -> None:
    outcomes = harness.run_parse_text(suite, LIMIT)
    assert_clean(outcomes, 100)
    outcomes = harness.run_annotate_text(harness.annotate_inputs(suite), LIMIT)
    assert_clean(outcomes, 100)


MEMORY_CHILD = """
import resource, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from toolkit.load import from_html, from_text, parse_html
from toolkit.annotate import annotate_text
folder = Path(sys.argv[2])
names = ["html-page-30mb.html", "html-gz-bomb.html.gz", "html-gz-bomb-divs.html.gz",
         "html-line-5mb.html", "html-nested-div-50000.html", "html-words-100k.html"]
from_html([folder / n for n in names], progress=False, time_limit=None)
parse_html((folder / names[0]).read_bytes())
df = from_text([folder / "text-line-5mb.txt", folder / "text-words-100k.txt"], progress=False,
               time_limit=None)
annotate_text(df["text"][1], time_limit=None)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


@pytest.mark.slow
def test_biggest_inputs_stay_in_bounded_memory(suite: hostile.Suite) -> None:
    """The largest inputs, read in one process: peak memory stays far below the machine's."""
    tests_dir = Path(__file__).resolve().parents[1]
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(MEMORY_CHILD),
                           str(tests_dir.parent), str(suite.folder)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    peak_mb = json.loads(proc.stdout.strip().splitlines()[-1])
    assert peak_mb < 2500, f"peak memory {peak_mb} MB"


def test_a_crashing_parser_becomes_an_error_row(suite: hostile.Suite, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A parser that kills its process (as a segfault in C code would) costs one row."""
    import os
    import signal

    from toolkit.load import files, from_html

    real = files.parse_html

    def crash(data, *a, **kw):
        if isinstance(data, bytes) and b"Reader comment: javascript:alert(8)" in data:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(data, *a, **kw)

    monkeypatch.setattr(files, "parse_html", crash)
    again = tmp_path / "html-xss-9-again.html"
    again.write_bytes((suite.folder / "html-xss-9.html").read_bytes())
    pages = [suite.folder / "html-xss-9.html", suite.folder / "html-xss-1.html", again,
             suite.folder / "html-xss-2.html"]
    df = from_html(pages, progress=False)
    assert list(df["status"]) == ["error", "ok", "error", "ok"]
    assert "died (signal 9)" in df["status_detail"][0]


POOL_CHILD = """
import multiprocessing as mp, sys
from toolkit.load import from_html

def job(p):
    return from_html([p], progress=False)["status"].tolist()

if __name__ == "__main__":
    with mp.get_context("fork").Pool(1) as pool:  # daemonic workers cannot fork a reader
        print(pool.map(job, [sys.argv[1]]))
"""


def test_loaders_still_read_inside_a_process_pool(suite: hostile.Suite, tmp_path: Path) -> None:
    script = tmp_path / "pool.py"
    script.write_text(POOL_CHILD)
    proc = subprocess.run([sys.executable, str(script), str(suite.folder / "html-xss-1.html")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-1500:]
    assert proc.stdout.strip() == "[['ok']]"


@pytest.mark.parametrize("shape", ["one-sentence", "names", "sentences"])
def test_annotation_time_grows_linearly_with_the_text(shape: str) -> None:
    """8x the text must not take ~64x the time (guards against quadratic scans)."""
    import random
    import time

    from toolkit.annotate import annotate_text

    def text(n: int) -> str:
        if shape == "one-sentence":
            return hostile._words(n, random.Random(n)) + "."
        if shape == "names":
            return " ".join(f"Name{i} Surname{i} said," for i in range(n // 3)) + "."
        return "Lavrov said the drones were shot down over the region. " * (n // 10)

    def seconds(n: int) -> float:
        t = text(n)
        best = float("inf")
        for _ in range(2):
            t0 = time.perf_counter()
            annotate_text(t, time_limit=None)
            best = min(best, time.perf_counter() - t0)
        return best

    annotate_text("warm up")
    small, large = seconds(10_000), seconds(80_000)
    assert large < 20 * small + 0.5, (shape, small, large)
