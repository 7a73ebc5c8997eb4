"""Shared fixtures: where the shared benchmarks and seeds are, and skips that say why."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from toolkit import paths

# Article HTML must never reach the network from a test.
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not paths.SHARED_DIR.is_dir():
        pytest.skip(f"needs ../shared (looked in {paths.SHARED_DIR}); CI provides it")
    return paths.SHARED_DIR


@pytest.fixture(scope="session")
def seed_file(shared_dir: Path) -> Path:
    files = sorted((shared_dir / "seeds").glob("*.txt"))
    if not files:
        pytest.skip(f"no seed article in {shared_dir / 'seeds'}")
    return files[0]


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return paths.DEMO_DIR
