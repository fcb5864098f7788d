"""Problem-level dedup over the pool: exact and near-duplicate problems, a bounded number of traces each.

A problem's identity is its normalised token sequence (:func:`mot.textnorm.tokens` with operators and
brackets) after template text is cut: numbering ("Problem 7.", "Question 3:"), known prompt
instructions ("Please reason step by step…", "Return your final response within \\boxed{}") and any
first or last sentence shared by many problems of the pool. Equal sequences are exact duplicates.

Near duplicates are found with MinHash + LSH over order-aware shingles (token 3-grams, numbers and
operators included; only articles and fillers are stopwords, never negations, comparatives or
"and"/"or") and must pass every check, because "the same problem with one word changed" is
usually another problem:

- the Jaccard similarity of the shingle sets is at least ``threshold``;
- the content words agree: after light stemming and a small synonym table (find/determine,
  largest/greatest, …) neither text has a word the other lacks, apart from question words and a
  few that never change a problem ("strictly", "given");
- the numbers agree, each in the same role: the same multiset, and every occurrence has a twin with
  the same nearest token on its left or on its right (``7^100 mod 9`` is not ``9^100 mod 7``);
- the operators and LaTeX commands agree (``(a+b)^2`` is not ``(a-b)^2``); brackets count in the shingles.

Traces of one problem with different ``variant`` (for code: the language of the solution) are never
duplicates. Every problem keeps at most ``max_traces_per_problem`` traces: verified ones first, then a
seeded pseudo-random order. The others are dropped with reason ``duplicate_of`` and the kept trace's
id as ``related_id``; the detail names the kept trace and how they matched.

Example:
    >>> import pyarrow as pa
    >>> manifest = pa.table({"id": ["a", "b", "c"], "problem": ["Add 2 and 3.", "Problem 4. add 2 and 3", "Add 4 and 5."],
    ...                      "verification": ["verified"] * 3})
    >>> kept, dropped = dedup_manifest(manifest, DedupPolicy(), seed=0)
    >>> sorted(kept.column("id").to_pylist()), dropped.select(["detail", "related_id"]).to_pylist()
    (['b', 'c'], [{'detail': 'same problem as b', 'related_id': 'b'}])
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from mot.recipe.model import DedupPolicy
from mot.schema import DROPS_SCHEMA
from mot.textnorm import tokens, window_hashes, word_hashes


@dataclass(frozen=True)
class DedupSettings:
    """Tuning of the near-duplicate search (the recipe's ``dedup`` section sets the policy)."""

    shingle: int = 3
    bands: int = 30
    rows: int = 3  # 30 bands of 3: pairs with Jaccard 0.5 are candidates with probability 0.98
    template_share: float = 0.01  # a first/last sentence in this share of the pool (and 3+ problems) is template
    min_tokens: int = 4  # shorter problems are only ever exact duplicates


STOPWORDS = frozenset("a an the is are was were be been being of to that this these those it its there their please do does "
                      "did will would can could shall should has have had then so as by with in on into onto from for let "
                      "suppose equal equals holds obtained".split())
QUESTION_WORDS = frozenset("find what which how many much show give prove answer express enter write us we you i".split())
SOFT_WORDS = frozenset("strictly given following respectively also both such".split())
SYNONYMS = {w: canonical for canonical, group in {
    "find": "determine compute calculate evaluate obtain solve",
    "largest": "greatest biggest maximum maximal max highest",
    "smallest": "minimum minimal min lowest",
    "integer": "integers",
    "value": "amount",
    "number": "count",
    "what": "which",
}.items() for w in group.split()}
_PHRASES = [(re.compile(p), r) for p, r in [
    (r"\bat least\b", "atleast"), (r"\bat most\b", "atmost"), (r"\bno more than\b", "atmost"), (r"\bno less than\b", "atleast"),
    (r"\bwhole numbers?\b", "integer"), (r"\bso that\b", "such that"), (r"\bleast\b", "smallest"),
]]
_NUMBERING = re.compile(r"^\s*(?:\**(?:problem|question|exercise|example|task)\s*#?\s*\d*\s*[.:)]?\**\s*|#?\d+\s*[.:)]\s+)", re.IGNORECASE)
_INSTRUCTIONS = re.compile(
    r"(?:please reason step by step[^\n]*|return your final (?:response|answer) within \\boxed\{\}\.?|"
    r"put your final answer within \\boxed\{\}\.?|make sure to put the answer \(and only answer\) inside \\boxed\{\}\.?)",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.?!:])\s+|\n+")


def _stem(word: str) -> str:
    for suffix in ("ing", "es", "ed", "s"):
        if len(word) > 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def template_sentences(problems: list[str], settings: DedupSettings) -> set[str]:
    """First and last sentences that many problems of the pool share: prompt templates, not problems.

    Sentences must be equal to the letter: two sentences that differ only in their numbers
    ("Compute 1 + 1." / "Compute 3 + 3.") are different problems, not one template.
    """
    counts: Counter[str] = Counter()
    for text in set(problems):  # per problem, not per trace: three traces of one problem are no template
        parts = [p.strip() for p in _SENTENCE.split(text.strip()) if p.strip()]
        if len(parts) > 1:
            counts.update({parts[0], parts[-1]})
    limit = max(3, settings.template_share * len(problems))
    return {sentence for sentence, count in counts.items() if count >= limit}


def strip_template(text: str, templates: set[str]) -> str:
    """``text`` without numbering, known instructions, and template first/last sentences."""
    text = _INSTRUCTIONS.sub(" ", _NUMBERING.sub("", text))
    parts = [p.strip() for p in _SENTENCE.split(text.strip()) if p.strip()]
    if all(part in templates for part in parts):
        return " ".join(parts)  # nothing but template sentences: the text itself is all we have
    while parts[0] in templates:
        parts.pop(0)
    while parts[-1] in templates:
        parts.pop()
    return " ".join(parts)


@dataclass
class _Identity:
    """What two texts must share to be one problem."""

    shingles: set[int]
    words: frozenset[str]
    numbers: list[tuple[str, str, str]]  # (value, nearest token left, nearest token right)
    symbols: tuple[str, ...]


def identity(text: str, settings: DedupSettings = DedupSettings()) -> _Identity:
    """The near-duplicate identity of an already template-stripped problem."""
    lowered = text.lower()
    for pattern, replacement in _PHRASES:
        lowered = pattern.sub(replacement, lowered)
    sequence = [SYNONYMS.get(_stem(t), _stem(t)) if t.isalpha() else t for t in tokens(lowered, symbols=True) if t not in STOPWORDS]
    shingles = set(window_hashes(word_hashes(sequence), settings.shingle).tolist()) if len(sequence) >= settings.min_tokens else set()
    words = frozenset(t for t in sequence if t.isalpha() and len(t) > 1 and t not in QUESTION_WORDS and t not in SOFT_WORDS)
    context = [t for t in sequence if not t.isdigit()]
    numbers, seen = [], 0
    for position, token in enumerate(sequence):
        if token.isdigit():
            numbers.append((token, context[seen - 1] if seen else "", context[seen] if seen < len(context) else ""))
        else:
            seen += 1
    symbols = tuple(sorted(t for t in sequence if not t.isalnum() and t not in "()[]"))  # brackets: in shingles only (prose asides)
    return _Identity(shingles, words, numbers, symbols)


def _same_numbers(a: list[tuple[str, str, str]], b: list[tuple[str, str, str]]) -> bool:
    if sorted(v for v, _, _ in a) != sorted(v for v, _, _ in b):
        return False
    unused = list(b)
    for value, left, right in a:
        twin = next((x for x in unused if x[0] == value and (x[1] == left or x[2] == right)), None)
        if twin is None:
            return False
        unused.remove(twin)
    return True


def same_problem(a: _Identity, b: _Identity, threshold: float) -> float | None:
    """The shingle Jaccard similarity when ``a`` and ``b`` pass every check, else None."""
    if not a.shingles or not b.shingles or a.words != b.words or a.symbols != b.symbols or not _same_numbers(a.numbers, b.numbers):
        return None
    jaccard = len(a.shingles & b.shingles) / len(a.shingles | b.shingles)
    return jaccard if jaccard >= threshold else None


_PERM_SEEDS = np.random.default_rng(7).integers(1, 2**63, size=(2, 256), dtype=np.uint64) | np.uint64(1)


def _candidates(identities: list[_Identity], settings: DedupSettings) -> set[tuple[int, int]]:
    perms = settings.bands * settings.rows
    a, b = _PERM_SEEDS[0, :perms], _PERM_SEEDS[1, :perms]
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    for index, ident in enumerate(identities):
        if not ident.shingles:
            continue
        values = np.fromiter(ident.shingles, dtype=np.uint64, count=len(ident.shingles))
        signature = (values[:, None] * a + b).min(axis=0)
        for band, rows in enumerate(np.split(signature, settings.bands)):
            buckets[(band, rows.tobytes())].append(index)
    for index, ident in enumerate(identities):  # reordered clauses: same words, numbers and operators, few shared shingles
        if ident.shingles:
            buckets[(-1, repr((sorted(ident.words), sorted(v for v, _, _ in ident.numbers), ident.symbols)).encode())].append(index)
    pairs = set()
    for members in buckets.values():
        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                pairs.add((members[i], members[j]))
    return pairs


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


def near_duplicates(texts: list[str], variants: list[str | None], threshold: float,
                    settings: DedupSettings = DedupSettings()) -> list[tuple[int, int, float]]:
    """Pairs (i, j, jaccard) of template-stripped texts that are the same problem in other words."""
    identities = [identity(t, settings) for t in texts]
    confirmed = []
    for i, j in sorted(_candidates(identities, settings)):
        if variants[i] == variants[j] and (similarity := same_problem(identities[i], identities[j], threshold)) is not None:
            confirmed.append((i, j, similarity))
    return confirmed


def _preference(seed: int, row_id: str, verification: str | None) -> tuple[bool, bytes]:
    return verification != "verified", hashlib.blake2b(f"{seed}:{row_id}".encode(), digest_size=8).digest()


def dedup_manifest(manifest: pa.Table, policy: DedupPolicy, seed: int,
                   settings: DedupSettings = DedupSettings()) -> tuple[pa.Table, pa.Table]:
    """Split the manifest into kept rows and ``duplicate_of`` drops (DROPS_SCHEMA)."""
    ids = manifest.column("id").to_pylist()
    verification = manifest.column("verification").to_pylist()
    problems = [p or "" for p in manifest.column("problem").to_pylist()]
    templates = template_sentences(problems, settings)
    stripped = [strip_template(p, templates) for p in problems]
    variants = manifest.column("variant").to_pylist() if "variant" in manifest.column_names else [None] * len(ids)

    # Group traces by exact normalised problem (and variant); the near-dup search runs on one text per group.
    group_of: dict[tuple[object, ...], int] = {}
    trace_group = [group_of.setdefault((v, *tokens(t, symbols=True)), len(group_of)) if policy.exact else i
                   for i, (t, v) in enumerate(zip(stripped, variants))]
    representatives: dict[int, int] = {}
    for index, group in enumerate(trace_group):
        representatives.setdefault(group, index)
    groups = _UnionFind(max(trace_group, default=-1) + 1)
    how: dict[int, tuple[int, float]] = {}  # group -> (a row of a group it was confirmed with, similarity)
    if policy.near:
        rep_list = sorted(representatives.values())
        for i, j, similarity in near_duplicates([stripped[r] for r in rep_list], [variants[r] for r in rep_list], policy.threshold, settings):
            ri, rj = rep_list[i], rep_list[j]
            groups.union(trace_group[ri], trace_group[rj])
            how.setdefault(trace_group[ri], (rj, similarity))
            how.setdefault(trace_group[rj], (ri, similarity))

    clusters: dict[int, list[int]] = defaultdict(list)
    for index, group in enumerate(trace_group):
        clusters[groups.find(group)].append(index)
    keep, drops = [], []
    for members in clusters.values():
        members.sort(key=lambda i: _preference(seed, ids[i], verification[i]))
        winners = members[: policy.max_traces_per_problem]
        keep.extend(winners)
        for loser in members[policy.max_traces_per_problem :]:
            kept = ids[winners[0]]
            if trace_group[loser] == trace_group[winners[0]]:
                detail = f"same problem as {kept}"
            else:
                other, similarity = how[trace_group[loser]]
                detail = (f"near duplicate of {kept} (shingle jaccard {similarity:.2f} with {ids[other]}; "
                          "same content words, numbers in the same roles, operators)")
            drops.append({"id": ids[loser], "reason": "duplicate_of", "detail": detail, "related_id": kept})
    keep.sort()
    drops.sort(key=lambda d: d["id"])
    return manifest.take(pa.array(keep, type=pa.int64())), pa.Table.from_pylist(drops, schema=DROPS_SCHEMA)
