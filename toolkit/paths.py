"""Fixed paths of the project, in one place.

Everything else asks this module where things live; nothing hard-codes a path.
Environment variables override the defaults (useful in CI and on shared servers).
"""

from __future__ import annotations

import os
from pathlib import Path

#: The repository root (the folder holding ``pyproject.toml``) for an editable install.
ROOT = Path(os.environ.get("TOOLKIT_ROOT", Path(__file__).resolve().parent.parent))

DATA_DIR = ROOT / "data"
DEMO_DIR = DATA_DIR / "demo"
DEMO_STORY = DEMO_DIR / "story.yml"
OUTLETS_CSV = DATA_DIR / "outlets.csv"
NOTEBOOKS_DIR = ROOT / "notebooks"
REPORTS_DIR = Path(os.environ.get("TOOLKIT_REPORTS", ROOT / "reports"))
CACHE_DIR = Path(os.environ.get("TOOLKIT_CACHE", DATA_DIR / "cache"))
HTTP_CACHE_DIR = CACHE_DIR / "http"
DEFAULT_CORPUS = DATA_DIR / "corpus.duckdb"

#: Public benchmark splits live beside the repository, never inside it.
SHARED_DIR = Path(os.environ.get("TOOLKIT_SHARED", ROOT.parent / "shared"))
SEEDS_DIR = SHARED_DIR / "seeds"
BENCHMARKS_DIR = SHARED_DIR / "benchmarks"
