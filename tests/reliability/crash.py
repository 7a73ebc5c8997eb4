"""Crash trials: SIGKILL ``toolkit ingest`` and ``toolkit annotate`` at random moments.

Each trial snapshots what the corpus holds, starts the command in a subprocess, kills it
after a random delay (a fixed seed), then checks that the corpus opens, that nothing
committed before is gone, and that the file has no duplicate or half-written rows. Then
the same command runs again to completion, and the corpus must hold every input exactly
once. Used by ``test_crash.py`` (a few trials) and ``benchmarks/reliability.py`` (20 + 20).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]

WORDS = ("minister officials drone attack residence region claimed evidence talks statement "
         "reported according sources military night defence intercepted president capital "
         "Lavrov said Kyiv denied Moscow alleged Washington urged restraint").split()


@dataclass
class Trial:
    """One kill: where it landed and what the corpus looked like afterwards."""

    command: str
    delay: float
    killed: bool  # False when the command had already finished
    opened: bool = False
    lost: int = 0  # rows committed before the kill that were missing afterwards
    problems: list[str] = field(default_factory=list)
    rerun_ok: bool = False

    @property
    def survived(self) -> bool:
        return self.opened and self.lost == 0 and not self.problems and self.rerun_ok


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "toolkit.cli", *args]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run(cmd: list[str], kill_after: float | None = None, timeout: float = 300) -> tuple[bool, int, str]:
    """Run ``cmd``; SIGKILL it after ``kill_after`` s. Returns (killed, return code, stderr).

    The command runs in its own process group; any process of that group still alive after
    the command ended (an orphaned worker) is reported in the stderr text as
    ``ORPHANS: n`` and killed, so one leak cannot hang the trials.
    """
    import tempfile

    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as err_file:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err_file, text=True,
                                env=_env(), cwd=str(ROOT), start_new_session=True)
        killed = False
        try:
            try:
                proc.wait(timeout=kill_after if kill_after is not None else timeout)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                killed = kill_after is not None
                proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        orphans = _reap_group(proc.pid)
        err_file.seek(0)
        err = err_file.read()
    if orphans:
        err += f"\nORPHANS: {orphans}"
    return killed, proc.returncode, err


def _reap_group(pgid: int, grace: float = 2.0) -> int:
    """How many processes of group ``pgid`` outlived its leader by ``grace`` s (then killed)."""
    deadline = time.monotonic() + grace
    while True:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return 0
        if time.monotonic() > deadline:
            break
        time.sleep(0.1)
    pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
    left = 0
    for pid in pids:
        try:
            if os.getpgid(pid) == pgid:
                left += 1
        except OSError:
            continue
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return left


# --------------------------------------------------------------------------- corpus checks


def revisions(corpus: Path) -> set[tuple[str, str]]:
    from toolkit.store import Corpus

    with Corpus(corpus, read_only=True) as c:
        return set(c.con.execute("SELECT article_id, text_sha256 FROM revisions").fetchall())


def annotations(corpus: Path) -> set[tuple[str, str]]:
    """(article_id, text_sha256) of every annotated text (any lexicon version: a newer
    lexicon legitimately replaces an older annotation)."""
    from toolkit.store import Corpus

    with Corpus(corpus, read_only=True) as c:
        return set(c.con.execute("SELECT article_id, text_sha256 FROM annotations").fetchall())


def integrity(corpus: Path) -> list[str]:
    """Duplicates and half-written annotations, as readable problems (empty: all good)."""
    from toolkit.store import Corpus

    checks = {
        "duplicate (article_id, revision)":
            "SELECT count(*) FROM (SELECT article_id, revision FROM revisions GROUP BY ALL "
            "HAVING count(*) > 1)",
        "duplicate (article_id, text_sha256)":
            "SELECT count(*) FROM (SELECT article_id, text_sha256 FROM revisions GROUP BY ALL "
            "HAVING count(*) > 1)",
        "revision numbers with gaps":
            "SELECT count(*) FROM (SELECT article_id FROM revisions GROUP BY article_id "
            "HAVING max(revision) - min(revision) + 1 <> count(*))",
        "duplicate raw pages":
            "SELECT count(*) FROM (SELECT html_sha256 FROM html GROUP BY ALL HAVING count(*) > 1)",
        "more than one annotation row per article":
            "SELECT count(*) FROM (SELECT article_id FROM annotations GROUP BY ALL HAVING count(*) > 1)",
        "duplicate spans":
            "SELECT count(*) FROM (SELECT article_id, text_sha256, lexicon_version, seq FROM spans "
            "GROUP BY ALL HAVING count(*) > 1)",
        "articles whose span count differs from their annotation row":
            "SELECT count(*) FROM annotations a LEFT JOIN (SELECT article_id, text_sha256, "
            "lexicon_version, count(*) AS n FROM spans GROUP BY ALL) s USING "
            "(article_id, text_sha256, lexicon_version) WHERE coalesce(s.n, 0) <> a.n_spans",
        "spans without an annotation row":
            "SELECT count(*) FROM spans s ANTI JOIN annotations a USING "
            "(article_id, text_sha256, lexicon_version)",
    }
    out = []
    with Corpus(corpus, read_only=True) as c:
        for what, sql in checks.items():
            n = c.con.execute(sql).fetchone()[0]
            if n:
                out.append(f"{n} {what}")
    return out


# --------------------------------------------------------------------------- inputs


def _text(rng: random.Random, words: int) -> str:
    sentences = []
    while sum(len(s.split()) for s in sentences) < words:
        sentences.append(" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + ".")
    return " ".join(sentences)


def write_pages(folder: Path, ids: list[int], rng: random.Random, version: int = 0) -> list[Path]:
    """Saved pages with canonical URLs ``https://crash.example/news/<id>``; ``version`` edits the text."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in ids:
        paras = "".join(f"<p>{_text(rng, 60)}</p>" for _ in range(4))
        note = f"<p>Updated text, version {version}.</p>" if version else ""
        html = (f"<!DOCTYPE html><html lang='en'><head><title>Crash story {i}</title>"
                f"<link rel='canonical' href='https://crash.example/news/{i}'></head><body>"
                f"<article><h1>Crash story {i}</h1>{paras}{note}</article></body></html>")
        p = folder / f"story-{i}-v{version}.html"
        p.write_text(html, encoding="utf-8")
        out.append(p)
    return out


def articles_frame(ids: list[int], rng: random.Random, version: int = 0, words: int = 80) -> pd.DataFrame:
    rows = [{"url": f"https://crash.example/a/{i}", "title": f"Annotated story {i}",
             "text": _text(rng, words) + (f" Version {version}." if version else ""),
             "status": "ok", "source_kind": "web", "source": f"https://crash.example/a/{i}"}
            for i in ids]
    from toolkit.load.common import article_row, to_frame

    return to_frame([article_row(**r) for r in rows])


# --------------------------------------------------------------------------- trials


def _orphans(err: str) -> list[str]:
    return [line.replace("ORPHANS:", "processes outlived the killed command:")
            for line in err.splitlines() if line.startswith("ORPHANS:")]


def _check_after(corpus: Path, before: set, snapshot) -> tuple[bool, int, list[str]]:
    try:
        after = snapshot(corpus)
        problems = integrity(corpus)
    except Exception as exc:
        return False, len(before), [f"corpus does not open: {type(exc).__name__}: {exc}"]
    return True, len(before - after), problems


def ingest_trials(folder: Path, n: int, seed: int = 11, pages_per_trial: int = 18) -> list[Trial]:
    """``n`` kills of ``toolkit ingest`` on new, revised and unchanged pages."""
    rng = random.Random(seed)
    corpus = folder / "ingest.duckdb"
    first = write_pages(folder / "pages-0", list(range(pages_per_trial)), rng)
    t0 = time.perf_counter()
    _, code, err = run(cli("ingest", str(first[0].parent), "--corpus", str(corpus), "--quiet"))
    full = time.perf_counter() - t0  # how long a whole run takes: the kills land inside it
    if code != 0:
        raise RuntimeError(f"the first ingest failed: {err[-2000:]}")
    next_id = pages_per_trial
    trials = []
    for k in range(1, n + 1):
        new = list(range(next_id, next_id + pages_per_trial * 2 // 3))
        next_id = new[-1] + 1
        old = rng.sample(range(next_id - len(new)), pages_per_trial - len(new))
        pages = write_pages(folder / f"pages-{k}", new, rng)
        pages += write_pages(folder / f"pages-{k}", old[: len(old) // 2], rng, version=k)
        pages += write_pages(folder / f"pages-{k}", old[len(old) // 2:], random.Random(0), version=0)
        before = revisions(corpus)
        delay = rng.uniform(0.05, full * 0.9)
        cmd = cli("ingest", str(folder / f"pages-{k}"), "--corpus", str(corpus), "--quiet")
        killed, _, kill_err = run(cmd, kill_after=delay)
        t = Trial("ingest", delay, killed)
        t.opened, t.lost, t.problems = _check_after(corpus, before, revisions)
        t.problems += _orphans(kill_err)
        if t.opened:
            mid = revisions(corpus)
            _, code, err = run(cmd)
            after = revisions(corpus)
            ids = {a for a, _ in after}
            from toolkit.schema import make_article_id

            want = {make_article_id(f"https://crash.example/news/{i}") for i in new + old}
            t.lost += len(mid - after)
            t.problems += integrity(corpus) + _orphans(err)
            if code != 0:
                t.problems.append(f"re-run failed: {err[-500:]}")
            missing = want - ids
            if missing:
                t.problems.append(f"{len(missing)} page(s) not stored after the re-run")
            t.rerun_ok = code == 0 and not missing
        trials.append(t)
    return trials


def annotate_trials(folder: Path, n: int, seed: int = 13, per_trial: int = 560) -> list[Trial]:
    """``n`` kills of ``toolkit annotate`` while it works through new and revised articles."""
    from toolkit.store import Corpus

    rng = random.Random(seed)
    corpus = folder / "annotate.duckdb"
    with Corpus(corpus) as c:
        c.add(articles_frame(list(range(per_trial)), rng, words=50), progress=False)
    t0 = time.perf_counter()
    _, code, err = run(cli("annotate", "--corpus", str(corpus), "--quiet"))
    full = time.perf_counter() - t0
    if code != 0:
        raise RuntimeError(f"the first annotate failed: {err[-2000:]}")
    next_id = per_trial
    trials = []
    for k in range(1, n + 1):
        new = list(range(next_id, next_id + per_trial * 2 // 3))
        next_id = new[-1] + 1
        revised = rng.sample(range(next_id - len(new)), per_trial - len(new))
        with Corpus(corpus) as c:
            c.add(pd.concat([articles_frame(new, rng, words=50),
                             articles_frame(revised, rng, version=k, words=50)],
                            ignore_index=True), progress=False)
        # annotations of texts that did not change must survive; revised ones get replaced
        from toolkit.schema import make_article_id

        changed = {make_article_id(f"https://crash.example/a/{i}") for i in revised}
        before = {r for r in annotations(corpus) if r[0] not in changed}
        delay = rng.uniform(0.05, full)
        cmd = cli("annotate", "--corpus", str(corpus), "--quiet")
        killed, _, kill_err = run(cmd, kill_after=delay)
        t = Trial("annotate", delay, killed)
        t.opened, t.lost, t.problems = _check_after(corpus, before, annotations)
        t.problems += _orphans(kill_err)
        if t.opened:
            mid = {r for r in annotations(corpus) if r[0] not in changed}
            _, code, err = run(cmd)
            after = annotations(corpus)
            t.lost += len(mid - after)
            t.problems += integrity(corpus) + _orphans(err)
            with Corpus(corpus, read_only=True) as c:
                todo = c.con.execute(
                    "SELECT count(*) FROM (SELECT * FROM revisions QUALIFY revision = "
                    "max(revision) OVER (PARTITION BY article_id)) r ANTI JOIN annotations a "
                    "USING (article_id, text_sha256)").fetchone()[0]
            if code != 0:
                t.problems.append(f"re-run failed: {err[-500:]}")
            if todo:
                t.problems.append(f"{todo} article(s) not annotated after the re-run")
            t.rerun_ok = code == 0 and not todo
        trials.append(t)
    return trials
