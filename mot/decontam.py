"""An n-gram index of benchmark problems, built once per build and shared read-only by every task.

Each benchmark item contributes the hashes of its normalised word n-grams (``n`` = 8 by default);
an item shorter than ``n`` words (but at least ``min_words``) contributes the hash of its whole word
sequence, so short problems ("Compute $\\dbinom{16}{5}$.") are still caught. N-grams with fewer
than two words of two or more letters ("1 2 3 4 5 6 7 8", "a b c d e f g h") are not indexed: they recur in unrelated
problems, unless an item has nothing else. A text matches an item when it shares ``min_hits`` (2) of the item's n-grams, or all of
them for items that have fewer, which keeps one shared stock phrase from being a false positive
while a verbatim or lightly edited copy, which shares dozens, is caught. The index is sorted numpy
arrays saved as ``.npy`` and memory-mapped by the workers.

Example:
    >>> index = NgramIndex.build({"toy": [("q1", "Find the sum of all integer bases b greater than nine for which it works.")]})
    >>> index.match("Intro. Find the sum of all integer bases $b$ greater than nine, for which it works!").item
    'q1'
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mot.textnorm import ngram_hashes, words


@dataclass(frozen=True)
class Match:
    """The first benchmark n-gram found in a text."""

    benchmark: str
    item: str
    ngram: str


def _informative(sequence: list[str], start: int, k: int) -> bool:
    return sum(sum(c.isalpha() for c in word) >= 2 for word in sequence[start : start + k]) >= 2


class NgramIndex:
    def __init__(self, hashes: np.ndarray, refs: np.ndarray, sizes: list[int], items: list[tuple[str, str]], n: int,
                 short_lengths: tuple[int, ...], min_hits: int = 2):
        self.hashes = hashes
        self.refs = refs
        self.sizes = sizes  # distinct indexed n-grams per item
        self.items = items
        self.n = n
        self.short_lengths = short_lengths
        self.min_hits = min_hits

    @classmethod
    def build(cls, benchmarks: dict[str, list[tuple[str, str]]], n: int = 8, min_words: int = 3, min_hits: int = 2) -> NgramIndex:
        """Index every item of every benchmark (``{name: [(item id, text)]}``)."""
        items: list[tuple[str, str]] = []
        sizes: list[int] = []
        hash_parts, ref_parts, short_lengths = [], [], set()
        for name in sorted(benchmarks):
            for item_id, text in benchmarks[name]:
                sequence = words(text)
                if len(sequence) < min_words:
                    continue
                k = min(n, len(sequence))
                if k < n:
                    short_lengths.add(k)
                grams = ngram_hashes(sequence, k)
                informative = grams[[_informative(sequence, i, k) for i in range(len(grams))]]
                # A formula-only item ("Evaluate $(1+2i)6-3i$.") is specific as a whole: keep all its n-grams.
                item_hashes = np.unique(informative if len(informative) else grams)
                hash_parts.append(item_hashes)
                sizes.append(len(item_hashes))
                ref_parts.append(np.full(len(item_hashes), len(items), dtype=np.int32))
                items.append((name, item_id))
        hashes = np.concatenate(hash_parts) if hash_parts else np.empty(0, dtype=np.uint64)
        refs = np.concatenate(ref_parts) if ref_parts else np.empty(0, dtype=np.int32)
        order = np.argsort(hashes, kind="stable")
        return cls(hashes[order], refs[order], sizes, items, n, tuple(sorted(short_lengths)), min_hits)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        np.save(folder / "hashes.npy", self.hashes)
        np.save(folder / "refs.npy", self.refs)
        meta = {"n": self.n, "short_lengths": list(self.short_lengths), "min_hits": self.min_hits, "sizes": self.sizes, "items": self.items}
        (folder / "index.json").write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> NgramIndex:
        """Open a saved index; the arrays are memory-mapped, so tasks share one copy in the page cache."""
        meta = json.loads((folder / "index.json").read_text(encoding="utf-8"))
        return cls(
            np.load(folder / "hashes.npy", mmap_mode="r"),
            np.load(folder / "refs.npy", mmap_mode="r"),
            meta["sizes"],
            [tuple(item) for item in meta["items"]],
            meta["n"],
            tuple(meta["short_lengths"]),
            meta["min_hits"],
        )

    def __len__(self) -> int:
        return len(self.items)

    def match(self, text: str) -> Match | None:
        """The first item of which ``text`` shares enough n-grams, with the first n-gram it shares."""
        if not len(self.hashes):
            return None
        sequence = words(text)
        for k in (self.n, *self.short_lengths):
            grams = ngram_hashes(sequence, k)
            if not len(grams):
                continue
            positions = np.minimum(np.searchsorted(self.hashes, grams), len(self.hashes) - 1)
            hit_starts = np.flatnonzero(self.hashes[positions] == grams)
            first_hit: dict[int, int] = {}
            seen: dict[int, set[int]] = {}
            for start in hit_starts:
                ref = int(self.refs[positions[start]])
                first_hit.setdefault(ref, int(start))
                seen.setdefault(ref, set()).add(int(grams[start]))
                if len(seen[ref]) >= min(self.min_hits, self.sizes[ref]):
                    benchmark, item = self.items[ref]
                    start = first_hit[ref]
                    return Match(benchmark, item, " ".join(sequence[start : start + k]))
        return None
