"""Problem-level dedup over the pool: exact and near-duplicate problems, a bounded number of traces each.

Exact duplicates share the normalised word sequence of their problem (``mot.textnorm.words``).
Near duplicates are found with MinHash + LSH over the set of content words (stopwords removed,
suffixes stripped; word order is what paraphrases change most) and confirmed by the exact Jaccard similarity of
those sets (≥ ``threshold``) and by equal multisets of numbers, since "the same problem with other
numbers" is a different problem. Words shared by many problems (a prompt template) are ignored:
they say nothing about which problem it is. A bag of words cannot tell "the sum of the roots"
from "the product of the roots" of the same equation; such pairs count as near duplicates.

Traces of one problem with different ``variant`` (for code: the language of the solution, as
codeforces-cots has Python and C++ subsets of the same problems) are never duplicates.

Every problem keeps at most ``max_traces_per_problem`` traces: verified ones first, then a
seeded pseudo-random order (not the shortest, which would bias the mix towards short reasoning).
The others are dropped with reason ``duplicate_of`` and the kept trace's id as ``related_id``.

Example:
    >>> import pyarrow as pa
    >>> manifest = pa.table({"id": ["a", "b", "c"], "problem": ["Add 2 and 3.", "add 2 and 3", "Add 4 and 5."],
    ...                      "verification": ["verified"] * 3})
    >>> kept, dropped = dedup_manifest(manifest, DedupPolicy(), seed=0)
    >>> sorted(kept.column("id").to_pylist()), dropped.select(["reason", "related_id"]).to_pylist()
    (['b', 'c'], [{'reason': 'duplicate_of', 'related_id': 'b'}])
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict

import numpy as np
import pyarrow as pa

from mot.schema import DROPS_SCHEMA
from mot.recipe.model import DedupPolicy
from mot.textnorm import word_hashes, words

NUM_PERM, BANDS = 64, 16  # 16 bands of 4 rows: candidates from Jaccard ≈ 0.5, confirmed exactly afterwards
COMMON_WORD_SHARE = 0.2  # a word in more than 20% of problems (and more than 10) is template text
MIN_CONTENT_WORDS = 5  # shorter problems are too generic to call near duplicates
STOPWORDS = frozenset(
    "a an the of to is are was be and or but if then that this these those what which who whom whose how many much "
    "find compute determine calculate evaluate given let suppose show prove by in on for with from at as it its into "
    "there their all any each every some such than value up do does did will would can could has have had same whose "
    "holds equals obtained drawn".split()
)
_SUFFIXES = ("ing", "es", "ed", "s")


def _stem(word: str) -> str:
    """Crude suffix stripping, enough for "contains"/"containing" and "travels"/"travel" to meet."""
    for suffix in _SUFFIXES:
        if len(word) > 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word

_PERM = np.random.default_rng(7).integers(1, 2**63, size=(2, NUM_PERM), dtype=np.uint64) | np.uint64(1)


class _UnionFind:
    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _numbers(sequence: list[str]) -> tuple[str, ...]:
    return tuple(sorted(w for w in sequence if any(c.isdigit() for c in w)))


def _near_duplicates(texts: list[list[str]], variants: list[str | None], threshold: float) -> list[tuple[int, int, float]]:
    """Pairs (i, j, jaccard) of distinct problems that are near duplicates."""
    content = [{_stem(w) for w in t if w not in STOPWORDS} for t in texts]
    frequency = Counter(w for c in content for w in c)
    limit = max(10, COMMON_WORD_SHARE * len(texts))
    content = [{w for w in c if frequency[w] <= limit} for c in content]
    shingles = [set(word_hashes(sorted(c)).tolist()) if len(c) >= MIN_CONTENT_WORDS else set() for c in content]
    numbers = [_numbers(t) for t in texts]
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    for index, shingle_set in enumerate(shingles):
        if not shingle_set:
            continue
        values = np.fromiter(shingle_set, dtype=np.uint64, count=len(shingle_set))
        signature = (values[:, None] * _PERM[0] + _PERM[1]).min(axis=0)
        for band, rows in enumerate(np.split(signature, BANDS)):
            buckets[(band, rows.tobytes())].append(index)
    pairs = set()
    for members in buckets.values():
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                pairs.add((members[a], members[b]))
    confirmed = []
    for i, j in sorted(pairs):
        if numbers[i] != numbers[j] or variants[i] != variants[j]:
            continue
        jaccard = len(shingles[i] & shingles[j]) / len(shingles[i] | shingles[j])
        if jaccard >= threshold:
            confirmed.append((i, j, jaccard))
    return confirmed


def _preference(seed: int, row_id: str, verification: str | None) -> tuple[bool, bytes]:
    return verification != "verified", hashlib.blake2b(f"{seed}:{row_id}".encode(), digest_size=8).digest()


def dedup_manifest(manifest: pa.Table, policy: DedupPolicy, seed: int) -> tuple[pa.Table, pa.Table]:
    """Split the manifest into kept rows and ``duplicate_of`` drops (DROPS_SCHEMA)."""
    ids = manifest.column("id").to_pylist()
    verification = manifest.column("verification").to_pylist()
    texts = [words(p or "") for p in manifest.column("problem").to_pylist()]
    variants = manifest.column("variant").to_pylist() if "variant" in manifest.column_names else [None] * len(ids)

    # Group traces by exact normalised problem (and variant); near-dup search runs on one text per group.
    group_of: dict[tuple[object, ...], int] = {}
    trace_group = [group_of.setdefault((v, *t), len(group_of)) if policy.exact else i for i, (t, v) in enumerate(zip(texts, variants))]
    representatives: dict[int, int] = {}
    for index, group in enumerate(trace_group):
        representatives.setdefault(group, index)
    groups = _UnionFind(max(trace_group, default=-1) + 1)
    how: dict[int, str] = {}
    if policy.near:
        rep_list = sorted(representatives.values())
        for i, j, jaccard in _near_duplicates([texts[r] for r in rep_list], [variants[r] for r in rep_list], policy.threshold):
            gi, gj = trace_group[rep_list[i]], trace_group[rep_list[j]]
            groups.union(gi, gj)
            how[max(gi, gj)] = f"near duplicate (jaccard {jaccard:.2f})"

    clusters: dict[int, list[int]] = defaultdict(list)
    for index, group in enumerate(trace_group):
        clusters[groups.find(group)].append(index)
    keep, drops = [], []
    for members in clusters.values():
        members.sort(key=lambda i: _preference(seed, ids[i], verification[i]))
        winners = members[: policy.max_traces_per_problem]
        keep.extend(winners)
        for loser in members[policy.max_traces_per_problem :]:
            same_text = trace_group[loser] == trace_group[winners[0]]
            detail = "same problem" if same_text else how.get(trace_group[loser]) or how.get(trace_group[winners[0]]) or "near duplicate"
            drops.append({"id": ids[loser], "reason": "duplicate_of", "detail": detail, "related_id": ids[winners[0]]})
    keep.sort()
    drops.sort(key=lambda d: d["id"])
    return manifest.take(pa.array(keep, type=pa.int64())), pa.Table.from_pylist(drops, schema=DROPS_SCHEMA)
