"""Syndication: clusters of near-duplicate articles (wire copy republished by other outlets).

``syndication(df)`` adds two columns to an articles table:

* ``syndicate_id`` (string): the ``article_id`` of the cluster's original, shared by every
  member of a near-duplicate cluster; ``None`` for articles that are in no cluster
  (singletons, and rows that were not compared: status other than ``ok`` or a body shorter
  than ``min_words``). Note that the id names the earliest *known* copy: adding an earlier
  article to the corpus can change it.
* ``is_original`` (boolean): ``True`` for the earliest-published member of each cluster
  (ties broken by ``retrieved``, then ``article_id``; unknown dates sort last) and for every
  article in no cluster; ``False`` for the copies.

Method: bodies are lower-cased and split into words; each body becomes the set of its
``k``-word shingles (k=5). MinHash signatures (datasketch, fixed seed) go into an LSH index
tuned for a low Jaccard similarity, which only proposes candidate pairs; each candidate pair
is then confirmed by the exact shingle *containment* (shared shingles over the smaller set,
computed on 32-bit shingle hashes), which, unlike Jaccard, stays near 1 when a copy drops
its last paragraphs or adds a credit line. Confirmed pairs are joined into clusters
(union-find), so a chain of copies is one cluster.

How the threshold was chosen (``tests/test_dedup.py::test_threshold_margin`` re-measures it
on every run): we generated 400 wire-copy variants (new headline, the last 1-3 paragraphs
trimmed, a middle paragraph dropped half the time, 0-3 words changed per paragraph, usually a
credit line such as "This story was provided by X") and 400 pairs of different stories on the
same event sharing 0-4 quoted sentences and stock phrases ("said in a statement on Monday").
Containment of 5-word shingles: copies 0.75-0.97 (median 0.87); related-but-different
stories 0.00-0.18 (median 0.07). The threshold 0.45 sits near the middle of that gap, with a
margin of about 0.3 on each side. Hand-written examples agree (tests: a copy with a new
headline, trimmed end and credit line 0.91; two outlets' own reports sharing a quote 0.06).
The LSH stage must not lose copies: their Jaccard was >= 0.32 (median 0.60); an index tuned
for Jaccard 0.15 with 128 permutations (51 bands of 2 rows) proposes a pair with probability
0.996 at Jaccard 0.32 and > 0.9999 at 0.5, and transitivity through other copies helps more.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterable

import numpy as np
import pandas as pd
from datasketch import MinHash, MinHashLSH
from tqdm.auto import tqdm

#: Exact containment a candidate pair needs to be called a copy (see the module docstring).
DEFAULT_THRESHOLD = 0.45
#: Jaccard level the LSH index is tuned for; only proposes candidates for the exact check.
LSH_THRESHOLD = 0.15
#: Words per shingle.
SHINGLE_WORDS = 5
#: Bodies shorter than this (words) are not compared: too little text to call a copy.
MIN_WORDS = 40
#: MinHash seed: results are deterministic.
SEED = 1
#: Words of a body used at most (bounds time on hostile 100,000-word inputs).
MAX_WORDS = 20_000

_WORD = re.compile(r"\w+", re.UNICODE)


def _identity(value: int) -> int:
    return value


def _hashed_shingles(toks: list[str], k: int) -> set[int]:
    """CRC-32 of each ``k``-word shingle: deterministic, fast, and small to intersect. Two
    distinct shingles collide with probability 2**-32, far below any threshold's resolution."""
    if len(toks) < k:
        return {zlib.crc32(" ".join(toks).encode("utf-8", "surrogatepass"))} if toks else set()
    return {zlib.crc32(" ".join(toks[i:i + k]).encode("utf-8", "surrogatepass"))
            for i in range(len(toks) - k + 1)}


def words(text: str | None) -> list[str]:
    """Lower-cased word tokens of a text (letters, digits; punctuation dropped)."""
    if not isinstance(text, str):
        return []
    return _WORD.findall(text.lower())[:MAX_WORDS]


def shingles(text: str | None, k: int = SHINGLE_WORDS) -> set[str]:
    """The set of ``k``-word shingles of a text (one shingle when it is shorter than ``k``)."""
    toks = words(text)
    if not toks:
        return set()
    if len(toks) < k:
        return {" ".join(toks)}
    return {" ".join(toks[i:i + k]) for i in range(len(toks) - k + 1)}


def _score(a: set[str], b: set[str], measure: str) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    if measure == "containment":
        return inter / min(len(a), len(b))
    if measure == "jaccard":
        return inter / len(a | b)
    raise ValueError(f"measure must be 'containment' or 'jaccard', not {measure!r}")


def similarity(a: str | None, b: str | None, measure: str = "containment",
               k: int = SHINGLE_WORDS) -> float:
    """Exact similarity of two texts over their ``k``-word shingles.

    ``containment`` (default): shared shingles / shingles of the shorter text, so a copy
    with trimmed paragraphs still scores near 1. ``jaccard``: shared / all shingles.
    """
    return _score(shingles(a, k), shingles(b, k), measure)


def _order_key(df: pd.DataFrame) -> pd.DataFrame:
    """Sort keys for choosing the original: published, retrieved (unknown last), id."""
    far = pd.Timestamp.max.tz_localize("UTC")
    n = len(df)
    key = pd.DataFrame({"position": np.arange(n)})
    for col in ("published", "retrieved"):
        if col in df.columns:
            ts = pd.to_datetime(pd.Series(df[col].to_numpy()), utc=True, errors="coerce")
        else:
            ts = pd.Series([pd.NaT] * n, dtype="datetime64[ns, UTC]")
        key[col] = ts.fillna(far)
    key["article_id"] = [a if isinstance(a, str) else "" for a in df["article_id"].tolist()]
    return key


def syndication(df: pd.DataFrame, threshold: float = DEFAULT_THRESHOLD, num_perm: int = 128,
                k: int = SHINGLE_WORDS, min_words: int = MIN_WORDS,
                lsh_threshold: float = LSH_THRESHOLD, progress: bool = True) -> pd.DataFrame:
    """Return a copy of an articles table with ``syndicate_id`` and ``is_original`` added.

    Only rows with status ``ok`` and at least ``min_words`` words of body are compared.
    ``threshold`` is the exact shingle containment a pair needs (see module docstring).
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    out = df.copy()
    n = len(out)
    texts = out["text"].tolist() if "text" in out.columns else [None] * n
    status = out["status"].tolist() if "status" in out.columns else ["ok"] * n
    sets: dict[int, set[int]] = {}
    for i in range(n):
        if status[i] != "ok" or not isinstance(texts[i], str):
            continue
        toks = words(texts[i])
        if len(toks) < min_words:
            continue
        sets[i] = _hashed_shingles(toks, k)

    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    if len(sets) > 1:
        lsh = MinHashLSH(threshold=lsh_threshold, num_perm=num_perm)
        sigs: dict[int, MinHash] = {}
        template = MinHash(num_perm=num_perm, seed=SEED)
        perms, scheme = template.permutations, template.scheme
        bar = tqdm(sets.items(), desc="syndication", unit="article",
                   disable=not progress or len(sets) < 500, leave=False)
        for i, sh in bar:
            m = MinHash(num_perm=num_perm, seed=SEED, hashfunc=_identity,
                        permutations=perms, scheme=scheme)
            m.update_batch(sorted(sh))
            sigs[i] = m
            lsh.insert(i, m)
        for i in sorted(sigs):
            for j in lsh.query(sigs[i]):
                if j <= i or find(i) == find(j):
                    continue
                if _score(sets[i], sets[j], "containment") >= threshold:
                    parent[find(j)] = find(i)

    roots = [find(i) for i in range(n)]
    sizes = Counter(roots)
    in_cluster = [sizes[r] > 1 for r in roots]
    ids = out["article_id"].tolist() if "article_id" in out.columns else [str(i) for i in range(n)]
    if "article_id" not in out.columns:
        out["article_id"] = ids
    order = _order_key(out).sort_values(["published", "retrieved", "article_id", "position"])
    original: dict[int, int] = {}
    for pos in order["position"]:
        original.setdefault(roots[pos], pos)
    syn = [ids[original[r]] if c else None for r, c in zip(roots, in_cluster, strict=True)]
    is_orig = [(original[r] == i) if c else True
               for i, (r, c) in enumerate(zip(roots, in_cluster, strict=True))]
    out["syndicate_id"] = pd.array(syn, dtype="string")
    out["is_original"] = pd.array(is_orig, dtype="boolean")
    return out


def clusters(df: pd.DataFrame) -> Iterable[list[str]]:
    """The article ids of each cluster in a table returned by :func:`syndication`."""
    grouped = df.dropna(subset=["syndicate_id"]).groupby("syndicate_id", sort=True)
    for _, group in grouped:
        yield group["article_id"].astype(str).tolist()
