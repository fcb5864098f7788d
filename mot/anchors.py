"""A cheap necessary condition for a long text to copy a benchmark item: its rare word pairs, close together.

A text is read as its runs of ASCII letters and digits, lowercased (:func:`lowered`, ``split``: C
speed). Its *view* drops stopwords, number words, numbers up to 999, LaTeX/Asymptote names and words
under three letters; other tokens stay as breaks. An item's *anchors* are the adjacent word pairs of
its view that at most :data:`MAX_ITEMS_PER_ANCHOR` items share. Every edit a copy survives in the
n-gram index (delimiters, spacing, unicode, wrapping, digits spelt out) leaves most of those pairs as
they are. A long text can copy an item only when it holds a quarter of the item's anchors (at least
three, or all when the item has fewer) within a stretch of the text about twice the item's length:
pairs scattered over a 100k-character response are not a copy.

An item with fewer than two anchors is a bare formula ("Simplify $\\sqrt{242}$."); it is a
candidate when the text holds all of its *keys* within the formula's own length: its telling tokens
(words, LaTeX names, numbers of two digits or more, ``3x``; ``\\dfrac`` is ``\\frac``, and of a long
number its last three digits, which digit grouping leaves, also count), or, when none of those is
rare among the items, all its tokens but stopwords. A bare formula without a telling token
("Find $k$ if $(3^k)^6=3^6$.") is not looked for in long texts: any response doing that algebra
contains it.

Each token is looked up once (``map`` over a dict), then pairs and keys are matched as integers
with numpy.

Example:
    >>> item = "A frog hops along the lily pads of a pond, never twice on the same pad, until it reaches the bank."
    >>> anchors = AnchorFilter.build([item, "Simplify $\\sqrt{242}$."])
    >>> essay = "Frogs are amphibians. " * 200
    >>> [anchors.candidates(essay + text + essay).tolist() for text in (item, "Simplify \\(\\sqrt{242}\\).", "")]
    [[0], [1], []]
"""

from __future__ import annotations

import json
from collections import Counter
from itertools import repeat
from pathlib import Path

import numpy as np

from mot.textnorm import NUMBER_WORDS

STOPWORDS = frozenset(
    "the and for are was were that this these those with from into onto its has have had not but can will would should "
    "let such then than there their them they what which who whom whose how when where why all any each every some "
    "one two per our you your his her she him use using given find let also only both more most less very just".split()
)
# Asymptote drawing vocabulary: the code of a figure is not prose.
ASY_WORDS = frozenset(
    "asy draw label fill filldraw unfill dot cycle dir unitsize size pair real int import olympiad geometry graph "
    "defaultpen linewidth fontsize dashed dotted black white gray grey red blue green rightanglemark anglemark origin "
    "path foot circle arc shift rotate scale xscale yscale reflect xaxis yaxis arrow arrows endarrow beginarrow pen "
    "markscalefactor extension intersectionpoint intersectionpoints interp midpoint true false void return for while "
    "currentpen opacity labelmargin invisible".split()
)

# LaTeX names that appear as bare words once delimiters and backslashes are gone.
LATEX_WORDS = frozenset(
    "frac dfrac tfrac sqrt cdot times left right begin align aligned array text textbf mathrm mathbf overline underline "
    "angle triangle circ infty ldots cdots dots sum prod int binom dbinom pmod equiv leq geq neq approx theta alpha beta "
    "gamma delta lambda sigma omega sin cos tan log qquad quad displaystyle mathcal mathbb boxed tfrac hline cases".split()
)

MAX_ITEMS_PER_ANCHOR = 5  # a word pair in more items than this is a stock phrase, not an anchor
MAX_ITEMS_PER_KEY = 10  # a formula token in more items than this is common: the formula's every token is then a key
_LOWERED = bytes(c if (97 <= c <= 122 or 48 <= c <= 57) else (c + 32 if 65 <= c <= 90 else 32) for c in range(256))
_SHORT = [bytes([a]) for a in range(97, 123)]
_SKIPPED = frozenset([w.encode() for w in STOPWORDS | ASY_WORDS | LATEX_WORDS | NUMBER_WORDS] + _SHORT + [a + b for a in _SHORT for b in _SHORT])
_COMMON = frozenset(w.encode() for w in STOPWORDS | ASY_WORDS | NUMBER_WORDS) | frozenset(a + b for a in _SHORT for b in _SHORT)
_ALIASES = {"dfrac": "frac", "tfrac": "frac", "dbinom": "binom", "tbinom": "binom", "leqslant": "leq", "geqslant": "geq", "times": "cdot"}


def lowered(text: str) -> bytes:
    """ASCII letters lowercased and digits kept, everything else a space."""
    return text.encode("utf-8", "ignore").translate(_LOWERED)


def _is_word(token: bytes) -> bool:
    return len(token) >= 3 and token.isalpha()


def _view(tokens: list[bytes]) -> list[bytes | None]:
    """Words of the view in order; ``None`` for a number or other token that breaks a pair."""
    return [t if _is_word(t) else None for t in tokens if t not in _SKIPPED and not (t.isdigit() and int(t) < 1000)]


def _pairs(view: list[bytes | None]) -> set[str]:
    return {f"{a.decode()} {b.decode()}" for a, b in zip(view, view[1:]) if a is not None and b is not None}


def _keys(tokens: list[bytes], items_with: Counter[str]) -> list[str]:
    """A bare formula's telling tokens (numbers of two digits or more, words, LaTeX names, ``3x``);
    when none of them is rare among the items, all its tokens but stopwords. Empty (no telling token,
    or a single one that is not a number of three digits or more): not looked for."""
    names = [_ALIASES.get(t.decode(), t.decode()) for t in tokens if t not in _COMMON or len(t) == 1]
    telling = {n for n in names if len(n) >= 2}
    keys = telling if any(items_with[n] <= MAX_ITEMS_PER_KEY for n in telling) else set(names)
    return sorted(keys) if len(keys) >= 2 and telling or any(len(k) >= 3 and k.isdigit() for k in telling) else []


def _csr(groups: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Offsets and concatenated values of a list of integer lists."""
    offsets = np.cumsum([0] + [len(g) for g in groups]).astype(np.int64)
    return offsets, np.array([v for g in groups for v in g], dtype=np.int32)


class AnchorFilter:
    """Anchors of every item (sorted ``"word word"`` strings, with postings) and the keys of bare formulas."""

    def __init__(self, anchors: list[str], item_anchors: list[list[int]], windows: list[int], keys: list[list[str]]):
        self.anchors = anchors
        self.item_anchors = item_anchors  # per item: indexes into ``anchors``
        self.windows = windows  # per item: the stretch of the text (in tokens) its anchors or keys must fall in
        self.keys = keys  # per item without anchors: its key numbers and words (none: not looked for)
        self.need = np.array([min(len(own), max(3, -(-len(own) // 4))) if own else len(anchors) + 1 for own in item_anchors], dtype=np.int64)
        vocabulary = sorted({w for a in anchors for w in a.split()} | {t for key in keys for t in key})
        ids = {w.encode(): i for i, w in enumerate(vocabulary, start=1)}
        # -1: not in the view (stopwords, short words, numbers up to 999); 0 (absent): a token nothing uses, a break.
        self._ids = {**dict.fromkeys(_SKIPPED, -1), **dict.fromkeys((str(i).encode() for i in range(1000)), -1), **ids,
                     **{a.encode(): ids[c.encode()] for a, c in _ALIASES.items() if c.encode() in ids},
                     **{w[-3:].encode(): ids[w.encode()] for w in vocabulary if w.isdigit() and len(w) > 3 and w[-3:].encode() not in ids}}
        self._dropped = np.array([False] + [w.encode() in _SKIPPED or (w.isdigit() and int(w) < 1000) for w in vocabulary])  # by id: not in the view
        self._base = len(vocabulary) + 1
        pair_keys = np.array([ids[a.encode()] * self._base + ids[b.encode()] for a, b in (x.split() for x in anchors)], dtype=np.int64)
        self._order = np.argsort(pair_keys, kind="stable")
        self._pair_keys = pair_keys[self._order]
        self._pair_set = frozenset(pair_keys.tolist())
        self._first = np.zeros(self._base, dtype=bool)  # by id: the first word of some anchor (a cheap test before the probe)
        self._first[pair_keys // self._base] = True
        by_anchor: list[list[int]] = [[] for _ in anchors]
        for ref, own in enumerate(item_anchors):
            for a in own:
                by_anchor[a].append(ref)
        self._offsets, self._refs = _csr(by_anchor)
        self._keyed_refs = [ref for ref, key in enumerate(keys) if key]
        self._key_offsets, self._key_ids = _csr([[ids[t.encode()] for t in keys[ref]] for ref in self._keyed_refs])

    @classmethod
    def build(cls, texts: list[str]) -> AnchorFilter:
        tokens = [lowered(t).split() for t in texts]
        views = [_view(t) for t in tokens]
        pairs = [_pairs(v) for v in views]
        frequency = Counter(p for own in pairs for p in own)
        own_anchors = [sorted(p for p in own if frequency[p] <= MAX_ITEMS_PER_ANCHOR) for own in pairs]
        vocabulary = sorted({p for own in own_anchors if len(own) >= 2 for p in own})
        position = {a: i for i, a in enumerate(vocabulary)}
        item_anchors = [[position[p] for p in own] if len(own) >= 2 else [] for own in own_anchors]
        items_with = Counter(n for t in tokens for n in {_ALIASES.get(x.decode(), x.decode()) for x in t})
        keys = [[] if own else _keys(t, items_with) for own, t in zip(item_anchors, tokens)]

        # A copy keeps its tokens together: anchors within twice the item's length, a formula's keys within its own.
        windows = [2 * len(t) + 20 if own else len(t) + 4 for t, own in zip(tokens, item_anchors)]
        return cls(vocabulary, item_anchors, windows, keys)

    def save(self, folder: Path) -> None:
        meta = {"anchors": self.anchors, "item_anchors": self.item_anchors, "windows": self.windows, "keys": self.keys}
        (folder / "anchors.json").write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> AnchorFilter:
        meta = json.loads((folder / "anchors.json").read_text(encoding="utf-8"))
        return cls(meta["anchors"], meta["item_anchors"], meta["windows"], meta["keys"])

    # -- matching ----------------------------------------------------------------------------------
    def _together(self, ref: int, found: np.ndarray, where: np.ndarray, need: int) -> bool:
        """Whether ``need`` distinct values of ``found`` (anchors or key ids of item ``ref``, at token
        positions ``where``) fall within one window of the text."""
        hits, positions = found.tolist(), where.tolist()
        window = self.windows[ref]
        inside: Counter[int] = Counter()
        left = 0
        for right, value in enumerate(hits):
            inside[value] += 1
            while positions[right] - positions[left] >= window:
                inside[hits[left]] -= 1
                if not inside[hits[left]]:
                    del inside[hits[left]]
                left += 1
            if len(inside) >= need:
                return True
        return False

    def _anchored(self, view: np.ndarray, where: np.ndarray) -> list[int]:
        """Items with enough of their anchors close together in the ``view`` (token ids at positions ``where``)."""
        if len(view) < 2 or not len(self._pair_keys):
            return []
        known = np.flatnonzero(self._first[view[:-1]] & (view[1:] > 0))
        pairs = view[known] * self._base + view[known + 1]
        found = self._pair_set.intersection(pairs.tolist())  # a set probe per pair beats a binary search
        if not found:
            return []
        keys = np.array(sorted(found), dtype=np.int64)
        at = np.searchsorted(keys, pairs)
        mine = keys[np.minimum(at, len(keys) - 1)] == pairs
        hit = known[mine]
        anchor_hits = self._order[np.searchsorted(self._pair_keys, pairs[mine])]
        present = np.unique(anchor_hits).tolist()
        counts = np.bincount(np.concatenate([self._refs[self._offsets[a] : self._offsets[a + 1]] for a in present]), minlength=len(self.need))
        return [ref for ref in np.flatnonzero(counts >= self.need).tolist()
                if self._together(ref, anchor_hits[mask := np.isin(anchor_hits, self.item_anchors[ref])], where[hit[mask]], int(self.need[ref]))]

    def _keyed(self, ids: np.ndarray) -> list[int]:
        """Bare formulas whose keys are all in the text within their window of one another (token ids, unknown 0):
        looked for around each occurrence of the formula's rarest key in the text."""
        if not self._keyed_refs:
            return []
        occurrences = np.bincount(ids, minlength=self._base)
        complete = np.logical_and.reduceat(occurrences[self._key_ids] > 0, self._key_offsets[:-1])
        found = []
        for i in np.flatnonzero(complete).tolist():
            ref, wanted = self._keyed_refs[i], self._key_ids[self._key_offsets[i] : self._key_offsets[i + 1]]
            rarest, window = wanted[np.argmin(occurrences[wanted])], self.windows[ref]
            if any(np.isin(wanted, ids[max(0, at - window + 1) : at + window]).all() for at in np.flatnonzero(ids == rarest).tolist()):
                found.append(ref)
        return found

    def candidates(self, text: str) -> np.ndarray:
        """Items ``text`` could copy (sorted item indexes)."""
        tokens = lowered(text).split()
        ids = np.fromiter(map(self._ids.get, tokens, repeat(0)), dtype=np.int64, count=len(tokens))
        where = np.flatnonzero((ids >= 0) & ~self._dropped[np.maximum(ids, 0)])
        return np.array(sorted(set(self._anchored(ids[where], where) + self._keyed(np.maximum(ids, 0)))), dtype=np.int64)
