"""Outlet registry: domain -> outlet name, type, country, language.

The starter list is ``data/outlets.csv`` (facts only); users add their own CSV with the
same columns. Unknown domains get the domain as outlet name and type ``unknown``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import paths
from .schema import OUTLET_TYPES

COLUMNS = ["domain", "outlet", "outlet_type", "country", "language", "fictional"]


def read_registry(path: str | Path) -> pd.DataFrame:
    """Read and validate one outlets CSV (errors name the file and row)."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")
    missing = [c for c in COLUMNS[:3] if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}; expected {COLUMNS}")
    for c in COLUMNS:
        if c not in df.columns:
            df[c] = ""
    df["domain"] = df["domain"].str.strip().str.lower().str.removeprefix("www.")
    bad = ~df["outlet_type"].isin(OUTLET_TYPES)
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise ValueError(
            f"{path}, row {i + 2}: outlet_type {df['outlet_type'].iloc[i]!r} "
            f"is not one of {OUTLET_TYPES}"
        )
    df["fictional"] = df["fictional"].str.lower().isin(["1", "true", "yes"])
    return df[COLUMNS]


@lru_cache(maxsize=8)
def _registry(extra: tuple[str, ...]) -> dict[str, dict]:
    frames = [read_registry(paths.OUTLETS_CSV)] if paths.OUTLETS_CSV.exists() else []
    frames += [read_registry(p) for p in extra]
    if not frames:
        return {}
    df = pd.concat(frames).drop_duplicates("domain", keep="last")
    return {r["domain"]: r for r in df.to_dict("records")}


def registry(extra: list[str | Path] | None = None) -> pd.DataFrame:
    """The whole registry as a DataFrame (starter list plus ``extra`` CSVs, later ones win)."""
    reg = _registry(tuple(str(p) for p in extra or ()))
    return pd.DataFrame(list(reg.values()), columns=COLUMNS)


def lookup(domain: str | None, extra: list[str | Path] | None = None) -> dict:
    """Outlet facts for a domain; subdomains fall back to their parent domain."""
    reg = _registry(tuple(str(p) for p in extra or ()))
    d = (domain or "").lower().removeprefix("www.")
    probe = d
    while probe:
        if probe in reg:
            return dict(reg[probe])
        probe = probe.partition(".")[2] if "." in probe else ""
    return {
        "domain": d or None,
        "outlet": d or None,
        "outlet_type": "unknown",
        "country": None,
        "language": None,
        "fictional": False,
    }
