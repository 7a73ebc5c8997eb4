"""The compiled annotators (toolkit.native): same output as the sources, and never stale."""

from __future__ import annotations

import importlib.machinery
import json
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from toolkit import native, paths
from toolkit.annotate import annotate
from toolkit.synthetic import generate

SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def _fake_build(tmp_path: Path, modules: tuple[str, ...] = ("a", "b")) -> Path:
    for m in modules:
        (tmp_path / f"{m}.py").write_text(f"X = {m!r}\n", encoding="utf-8")
        (tmp_path / f"{m}{SUFFIX}").write_bytes(b"")
    sums = {m: native._sha256(tmp_path / f"{m}.py") for m in modules}
    (tmp_path / native.MANIFEST.name).write_text(json.dumps({"sha256": sums}), encoding="utf-8")
    return tmp_path


def test_status_follows_the_sources(tmp_path: Path) -> None:
    mods = ("a", "b")
    d = _fake_build(tmp_path, mods)
    assert native.status(d, mods, environ={}).state == "compiled"
    assert native.status(d, mods, environ={native.ENV_PURE: "1"}).state == "disabled"
    assert native.status(d, mods, environ={native.ENV_PURE: "0"}).state == "compiled"
    (d / "b.py").write_text("X = 'edited'\n", encoding="utf-8")
    st = native.status(d, mods, environ={})
    assert st.state == "stale" and "b changed" in st.detail and "make native" in st.detail
    (d / "b.py").write_text("X = 'b'\n", encoding="utf-8")
    assert native.status(d, mods, environ={}).state == "compiled"
    (d / f"a{SUFFIX}").unlink()  # half a build is no build to use
    assert native.status(d, mods, environ={}).state == "stale"
    (d / native.MANIFEST.name).write_text("{not json", encoding="utf-8")
    assert native.status(d, mods, environ={}).state == "stale"


def test_status_without_a_build(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("X = 1\n", encoding="utf-8")
    st = native.status(tmp_path, ("a",), environ={native.ENV_PURE: "1"})
    assert st.state == "absent" and "make native" in st.detail
    assert native.clean(tmp_path) == []


def test_clean_removes_the_build_only(tmp_path: Path) -> None:
    d = _fake_build(tmp_path, native.MODULES)
    (d / f"_compiled__mypyc{SUFFIX}").write_bytes(b"")
    gone = native.clean(d)
    assert len(gone) == len(native.MODULES) + 2
    assert sorted(p.name for p in d.iterdir()) == sorted(f"{m}.py" for m in native.MODULES)


def test_makefile_compiles_the_same_modules() -> None:
    make = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    listed = re.search(r"^NATIVE_SRC := \$\(foreach m,([^,]+),", make, re.M)
    assert listed, "Makefile has no NATIVE_SRC list"
    assert tuple(listed.group(1).split()) == native.MODULES


def _compiled_or_skip() -> None:
    st = native.in_use()
    if not st.compiled:
        pytest.skip(f"the compiled annotators are not in use here ({st.state}: {st.detail})")


def _run_pure(code: str) -> str:
    env = {**os.environ, native.ENV_PURE: "1"}
    got = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=300, cwd=paths.ROOT)
    assert got.returncode == 0, got.stderr[-2000:]
    return got.stdout


def test_pure_python_switch_imports_the_sources() -> None:
    _compiled_or_skip()
    import toolkit.annotate.attribution as compiled

    assert not compiled.__file__.endswith(".py")
    out = _run_pure("import importlib, toolkit.native as n, toolkit.annotate\n"
                    "print(n.in_use().state)\n"
                    "for m in n.MODULES: print(importlib.import_module('toolkit.annotate.' + m).__file__)")
    state, *files = out.split()
    assert state == "disabled" and len(files) == len(native.MODULES)
    assert all(f.endswith(".py") for f in files)


def _texts() -> pd.DataFrame:
    arts = generate(120, seed=3)[["article_id", "title", "text"]]
    odd = ["", "İstanbul said: “yes”. He claimed it.", "\u201cA\u201d \u2014 Jane Roe",
           "Officials said " + "very " * 3000 + "much.", "«Да», — сказал он. „Nein“, sagte sie."]
    rows = [arts]
    rows.append(pd.DataFrame({"article_id": [f"odd{i}" for i in range(len(odd))],
                              "title": "", "text": odd}))
    demo = sorted(paths.DEMO_DIR.glob("*.html"))  # Russian pages too, read with lexicons/ru
    if demo:
        from toolkit.load.files import from_html

        pages = from_html(demo, progress=False)
        rows.append(pages.loc[pages["status"] == "ok", ["article_id", "title", "text", "language"]])
    dev = paths.BENCHMARKS_DIR / "attribution" / "dev.jsonl"
    if dev.exists():  # real news text where ../shared is present (CI)
        recs = [json.loads(x) for x in dev.read_text(encoding="utf-8").splitlines() if x.strip()]
        rows.append(pd.DataFrame({"article_id": [r["id"] for r in recs], "title": "",
                                  "text": [r["text"] for r in recs]}))
    df = pd.concat(rows, ignore_index=True)
    df["status"] = "ok"
    return df


def test_compiled_and_pure_python_agree(tmp_path: Path) -> None:
    _compiled_or_skip()
    arts = _texts()
    src = tmp_path / "in.pkl"
    arts.to_pickle(src)
    dst = tmp_path / "out.pkl"
    _run_pure("import pickle, pandas as pd\nfrom toolkit.annotate import annotate\n"
              f"a = annotate(pd.read_pickle({str(src)!r}), progress=False)\n"
              f"pickle.dump((a.spans, a.features), open({str(dst)!r}, 'wb'))")
    with dst.open("rb") as fh:
        spans, features = pickle.load(fh)
    got = annotate(arts, progress=False)
    assert len(got.spans) > 10 * len(arts)
    pd.testing.assert_frame_equal(got.spans, spans)
    pd.testing.assert_frame_equal(got.features, features)


def test_build_without_mypyc_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "mypyc", None)  # as if mypy were not installed
    d = _fake_build(tmp_path, native.MODULES)
    assert native.build(d) == 1
    err = capsys.readouterr().err
    assert "pip install -e '.[native]'" in err and "pure Python" in err
    assert native.status(d, native.MODULES, environ={}).state == "compiled"  # nothing touched
