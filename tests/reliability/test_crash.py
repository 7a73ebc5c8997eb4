"""Crash safety: SIGKILL ``toolkit ingest`` / ``toolkit annotate`` at random moments, and two
processes writing one corpus. The benchmark runs 20 + 20 trials; the tests run 4 + 4."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from . import crash

TRIALS = 4


def assert_survived(trials: list[crash.Trial]) -> None:
    assert len(trials) == TRIALS
    bad = [t for t in trials if not t.survived]
    assert not bad, bad
    assert any(t.killed for t in trials)  # at least one kill landed while the command ran


@pytest.mark.slow
def test_killing_ingest_at_random_points_loses_nothing(tmp_path: Path) -> None:
    assert_survived(crash.ingest_trials(tmp_path, TRIALS, seed=3))


@pytest.mark.slow
def test_killing_annotate_at_random_points_loses_nothing(tmp_path: Path) -> None:
    assert_survived(crash.annotate_trials(tmp_path, TRIALS, seed=4))


def test_integrity_check_finds_duplicates(tmp_path: Path) -> None:
    """The checker itself can fail: a duplicated revision and a lost span are reported."""
    from toolkit.store import Corpus

    path = tmp_path / "c.duckdb"
    with Corpus(path) as c:
        c.add(crash.articles_frame([1, 2], random.Random(1)), progress=False)
    assert crash.integrity(path) == []
    with Corpus(path) as c:
        c.con.execute("INSERT INTO revisions SELECT * FROM revisions LIMIT 1")
        c.con.execute("INSERT INTO annotations VALUES ('x', 's', 'v', now(), 3, '{}')")
    problems = crash.integrity(path)
    assert any("duplicate (article_id, revision)" in p for p in problems)
    assert any("span count differs" in p for p in problems)


def test_orphaned_processes_are_found_and_cleaned_up() -> None:
    """A killed command whose child lives on is reported (and the child is killed)."""
    killed, code, err = crash.run(["bash", "-c", "sleep 60 & sleep 60"], kill_after=0.5)
    assert killed and code == -9
    # the background sleep, and the foreground one unless bash exec'd it
    assert crash._orphans(err) in (["processes outlived the killed command: 1"],
                                   ["processes outlived the killed command: 2"])
    killed, code, err = crash.run([sys.executable, "-c", "print(1)"])
    assert not killed and code == 0 and "ORPHANS" not in err


HOLD = """
import sys, time
from toolkit.store import Corpus
c = Corpus(sys.argv[1])
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
c.close()
"""


def test_second_writer_waits_then_completes(tmp_path: Path) -> None:
    """``toolkit ingest`` on a corpus another process holds waits for it, then writes."""
    path = tmp_path / "shared.duckdb"
    pages = crash.write_pages(tmp_path / "pages", list(range(6)), random.Random(2))
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path), "4"], stdout=subprocess.PIPE,
                              text=True, env=crash._env())
    try:
        assert holder.stdout.readline().strip() == "holding"
        t0 = time.perf_counter()
        killed, code, err = crash.run(crash.cli("ingest", str(pages[0].parent), "--corpus", str(path),
                                                "--quiet"))
        took = time.perf_counter() - t0
    finally:
        holder.wait(timeout=30)
    assert code == 0, err[-1000:]
    assert took >= 2.5  # it waited for the holder (4 s, minus its own start-up)
    assert len(crash.revisions(path)) == 6 and crash.integrity(path) == []


def test_busy_corpus_gives_a_clear_message(tmp_path: Path) -> None:
    from toolkit.store import Corpus, CorpusBusyError

    path = tmp_path / "busy.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path), "3"], stdout=subprocess.PIPE,
                              text=True, env=crash._env())
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(CorpusBusyError, match="is in use by another process; wait for it"):
            Corpus(path, timeout=0.3)
    finally:
        holder.wait(timeout=30)
    with Corpus(path) as c:  # and nothing is corrupted
        assert len(c) == 0


@pytest.mark.slow
def test_two_processes_ingest_and_annotate_one_corpus(tmp_path: Path) -> None:
    """An ingest and an annotate started together both finish; the corpus stays consistent."""
    from toolkit.store import Corpus

    path = tmp_path / "two.duckdb"
    with Corpus(path) as c:
        c.add(crash.articles_frame(list(range(300)), random.Random(5), words=50), progress=False)
    pages = crash.write_pages(tmp_path / "pages", list(range(12)), random.Random(6))
    procs = [subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env=crash._env(), cwd=str(crash.ROOT))
             for cmd in (crash.cli("annotate", "--corpus", str(path), "--quiet"),
                         crash.cli("ingest", str(pages[0].parent), "--corpus", str(path), "--quiet"))]
    errs = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errs
    assert len(crash.revisions(path)) == 312 and crash.integrity(path) == []
    killed, code, err = crash.run(crash.cli("annotate", "--corpus", str(path), "--quiet"))
    assert code == 0, err
    assert len(crash.annotations(path)) == 312
