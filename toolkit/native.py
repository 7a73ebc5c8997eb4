"""Compiled annotators: the layer modules built with mypyc, and a guard against stale builds.

The annotation layers are plain Python and stay the single source of truth. ``make`` also
compiles them with mypyc (``python -m toolkit.native build``) into C extensions beside the
sources; Python then imports those instead, and the layers run faster with exactly the same
output (a test compares the two on every run of the suite).

A compiled module that no longer matches its source would silently run old code, so the
build writes a manifest with the sha256 of every compiled source, and :func:`activate`
(called when ``toolkit.annotate`` is imported) checks it: when any source has changed since
the build, or ``TOOLKIT_PURE_PYTHON=1`` is set, the sources are imported instead, all of them
(the compiled modules call one another directly, so it is all or none). A stale build also
warns and says how to rebuild. Without a C compiler the build fails with a message and
everything runs as pure Python.

    python -m toolkit.native status     # compiled, absent, stale or disabled, and why
    python -m toolkit.native build      # (re)compile; needs mypy and a C compiler
    python -m toolkit.native clean      # remove the compiled files
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import subprocess
import sys
import sysconfig
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: The package whose modules are compiled, and the modules themselves (one mypyc group).
PACKAGE = "toolkit.annotate"
MODULES = ("lexicon", "sentence", "quote", "actor", "number", "attribution", "evidentiality",
           "loaded", "frame")
#: The group's shared library module (``<GROUP>__mypyc``) lives inside the package.
GROUP = f"{PACKAGE}._compiled"
PACKAGE_DIR = Path(__file__).resolve().parent / "annotate"
MANIFEST = PACKAGE_DIR / "_compiled.json"
#: Set to 1 to import the pure-Python sources even where a current build exists.
ENV_PURE = "TOOLKIT_PURE_PYTHON"


@dataclass(frozen=True)
class Status:
    """Whether the compiled annotators are in use: ``compiled``, ``absent``, ``stale`` or
    ``disabled``, with a sentence saying why and what to do."""

    state: str
    detail: str

    @property
    def compiled(self) -> bool:
        return self.state == "compiled"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _extension(directory: Path, module: str) -> Path | None:
    """The compiled file of ``module`` in ``directory`` that this Python would import."""
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        p = directory / f"{module}{suffix}"
        if p.exists():
            return p
    return None


def status(package_dir: Path = PACKAGE_DIR, modules: tuple[str, ...] = MODULES,
           environ: Any = None) -> Status:
    """Check the build in ``package_dir`` against the sources there (see module doc)."""
    environ = os.environ if environ is None else environ
    built = [m for m in modules if _extension(package_dir, m) is not None]
    if not built:
        return Status("absent", "not compiled: pure Python (run `make native` for the "
                      "faster compiled annotators)")
    if environ.get(ENV_PURE, "") not in ("", "0"):
        return Status("disabled", f"{ENV_PURE} is set: pure Python")
    manifest = package_dir / MANIFEST.name
    try:
        recorded = json.loads(manifest.read_text(encoding="utf-8"))["sha256"]
    except (OSError, ValueError, KeyError, TypeError):
        return Status("stale", f"compiled files without a readable {manifest.name}: pure "
                      "Python; run `make native` to rebuild")
    changed = [m for m in modules
               if recorded.get(m) != _sha256(package_dir / f"{m}.py")
               or _extension(package_dir, m) is None]
    if changed:
        return Status("stale", f"{', '.join(changed)} changed since the compiled build: pure "
                      "Python; run `make native` to rebuild")
    return Status("compiled", f"compiled with mypyc: {len(modules)} modules")


class _SourcesFirst(importlib.abc.MetaPathFinder):
    """Imports the listed modules from their ``.py`` files, ahead of compiled files."""

    def __init__(self, sources: dict[str, Path]) -> None:
        self.sources = sources

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        source = self.sources.get(fullname)
        return importlib.util.spec_from_file_location(fullname, source) if source else None


_ACTIVE: list[Status] = []


def activate() -> Status:
    """Use the compiled annotators when current, else make their sources win (once per
    process; must run before the layer modules are imported). Warns on a stale build."""
    if _ACTIVE:
        return _ACTIVE[0]
    st = status()
    if st.state in ("stale", "disabled"):
        finder = _SourcesFirst({f"{PACKAGE}.{m}": PACKAGE_DIR / f"{m}.py" for m in MODULES})
        sys.meta_path.insert(0, finder)
        if st.state == "stale":
            warnings.warn(f"toolkit.annotate: {st.detail}", RuntimeWarning, stacklevel=2)
    _ACTIVE.append(st)
    return st


def in_use() -> Status:
    """The status the running process imported the layers under."""
    return _ACTIVE[0] if _ACTIVE else status()


def clean(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """Remove the compiled files and the manifest (unlinked, so a running process that has
    them loaded keeps its copy). Returns what was removed."""
    gone = []
    for m in (*MODULES, GROUP.rsplit(".", 1)[1] + "__mypyc"):
        while (p := _extension(package_dir, m)) is not None:
            p.unlink()
            gone.append(p)
    if (package_dir / MANIFEST.name).exists():
        (package_dir / MANIFEST.name).unlink()
        gone.append(package_dir / MANIFEST.name)
    return gone


_SETUP = """
from setuptools import setup
from mypyc.build import mypycify
setup(name="toolkit-compiled",
      script_args=["-q", "build_ext", "--inplace", "--build-temp", TMP, "--build-lib", TMP + "/lib"],
      ext_modules=mypycify(["--ignore-missing-imports", "--follow-imports=silent", *PATHS],
                           opt_level="3", group_name=GROUP, target_dir=TMP))
"""


def build(package_dir: Path = PACKAGE_DIR, quiet: bool = False) -> int:
    """Compile :data:`MODULES` in place with mypyc and write the manifest. Returns 0 on
    success, else 1 with a message saying what is missing (nothing is left half-built)."""
    try:
        import mypyc  # noqa: F401
    except ImportError:
        print("toolkit.native: mypy (which provides mypyc) is not installed; install it with "
              "`pip install -e '.[native]'` (make does this). The annotators run as pure Python.",
              file=sys.stderr)
        return 1
    root = package_dir.parent.parent  # the folder holding the top-level package
    paths = [str((package_dir / f"{m}.py").relative_to(root)) for m in MODULES]
    root_pkg = PACKAGE.split(".")[0]
    sources = {m: _sha256(package_dir / f"{m}.py") for m in MODULES}
    clean(package_dir)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="toolkit-mypyc-") as tmp:
        # build from a folder holding only a link to the package: setuptools would otherwise
        # read the project's own pyproject.toml, and mypy would leave its cache in the repo
        work = Path(tmp) / "src"
        work.mkdir()
        (work / root_pkg).symlink_to(root / root_pkg, target_is_directory=True)
        code = f"TMP = {tmp!r}\nPATHS = {paths!r}\nGROUP = {GROUP!r}\n" + _SETUP
        got = subprocess.run([sys.executable, "-c", code], cwd=work, capture_output=True,
                             text=True)
    if got.returncode != 0:
        clean(package_dir)
        tail = "\n".join((got.stdout + got.stderr).strip().splitlines()[-15:])
        print(f"toolkit.native: the mypyc build failed (its last lines are below: it needs a C "
              f"compiler and the Python headers, and the compiled modules must pass mypy); the "
              f"annotators run as pure Python.\n{tail}", file=sys.stderr)
        return 1
    import mypy.version

    (package_dir / MANIFEST.name).write_text(json.dumps({
        "sha256": sources, "mypy": mypy.version.__version__,
        "python": sysconfig.get_config_var("EXT_SUFFIX"),
    }, indent=1) + "\n", encoding="utf-8")
    if not quiet:
        print(f"toolkit.native: compiled {len(MODULES)} modules of {PACKAGE} with mypyc "
              f"in {time.perf_counter() - t0:.0f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m toolkit.native", description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=["status", "build", "clean"], nargs="?", default="status")
    args = ap.parse_args(argv)
    if args.action == "build":
        return build()
    if args.action == "clean":
        for p in clean():
            print(f"removed {p}")
        return 0
    st = status()
    print(f"{st.state}: {st.detail}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
