"""An index of benchmark items that knows which of their n-grams are specific, and decides by coverage.

Every benchmark item is normalised (:func:`mot.textnorm.tokens`) and cut into token n-grams
(``n`` = 5). Boilerplate n-grams are not indexed: those present in more than ``max_items`` benchmark
items ("The input is given from Standard Input in the following format" is in 484 LiveCodeBench
items) and, when a background sample of the training pool is given, those in ``background_min_docs``
of its texts that do not themselves copy the item. Each of the rest says one of three things
(:func:`_informative`): *specific* n-grams have two content words (three or more letters, not a
stopword, LaTeX or Asymptote name), one of them not *generic* (in ``generic_share`` of a large
benchmark's items: "positive", "value", "integers"), so neither ``5 \\cdot 4 \\cdot 3 \\cdot 2`` nor
"Let $a$ and $b$ be positive real numbers" says which problem it is; *telling* ones hold a content
word that is not generic next to another, a number or a command ("polynomial $x^3 - 3x^2$"); the
others only extend matched runs. An item with fewer than three specific n-grams (a bare formula)
counts its telling ones instead, then those with two of such words, numbers and commands, and
failing that all its indexed ones. An item shorter than ``n`` tokens is one n-gram of its own length.

A text copies an item when it covers enough of it: ``coverage`` is the share of the item's specific
n-grams found in the text, ``span`` the longest run of the text made of the item's n-grams, gaps
under ``n`` and boilerplate bridged. It needs either ``coverage >= min_coverage`` with ``span >=
min_span`` (the whole item when shorter), or a span of ``min_coverage`` of the item (at most
``min_span``) holding a telling n-gram and making up ``min_share`` of the text (a prompt that is a
fragment of the item: "The polynomial $x^3 - 3x^2 + 4x - 1$ is a factor of", but
not "Let $a,$ $b,$ $c$ be positive real numbers. Find the"). Thresholds are per benchmark
(:class:`Thresholds`); a match goes to the item with the best coverage, so two items sharing an
opening sentence are told apart by the rest. Texts longer than ``LONG_TEXT`` characters first pass
:class:`mot.anchors.AnchorFilter`, which rules most of them out at C speed.

Example:
    >>> index = NgramIndex.build({"toy": [("q1", "Find the sum of all integer bases $b>9$ for which $17_b$ is a "
    ...                                    "divisor of $97_b$, written in base ten.")]})
    >>> index.match("Intro. Find the sum of all integer bases b > nine for which 17_b is a divisor of 97_b!").item
    'q1'
    >>> index.match("Find the sum of all integer roots of $x^2 - 5x + 6$.") is None
    True
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from mot.anchors import ASY_WORDS, STOPWORDS, AnchorFilter
from mot.textnorm import tokens, window_hashes


SPECIFIC, TELLING = 2, 1  # what an indexed n-gram says about its item (see the module docstring)


@dataclass(frozen=True)
class Thresholds:
    """When a text counts as a copy of an item: coverage of the item's specific n-grams, and a matched run."""

    min_coverage: float = 0.25
    min_span: int = 12  # tokens; an item shorter than this must be matched whole
    min_share: float = 0.5  # ... or: a run of min_coverage of the item is this share of the text (a prompt made of a fragment)


@dataclass(frozen=True)
class DecontamConfig:
    """How the index is built and which thresholds each benchmark gets."""

    n: int = 5
    min_tokens: int = 3  # shorter items are not indexed ("Compute $2+2$." is nobody's)
    max_items: int = 2  # an n-gram in more benchmark items than this is boilerplate
    background_min_docs: int = 3  # ... and so is one in this many background texts that do not copy its item
    generic_share: float = 0.03  # a word in this share of a large benchmark's items is generic, not content ("positive", "value")
    generic_min_items: int = 100  # ... where a benchmark is large with this many items
    default: Thresholds = field(default_factory=Thresholds)
    per_benchmark: dict[str, Thresholds] = field(default_factory=dict)

    def thresholds(self, benchmark: str) -> Thresholds:
        return self.per_benchmark.get(benchmark, self.default)

    @classmethod
    def from_options(cls, n: int, thresholds: dict[str, dict[str, float]]) -> DecontamConfig:
        """From the recipe: ``thresholds`` maps ``default`` or a benchmark name to :class:`Thresholds` fields."""
        default = Thresholds(**thresholds.get("default", {}))
        return cls(n=n, default=default, per_benchmark={name: replace(default, **limits) for name, limits in thresholds.items() if name != "default"})


@dataclass(frozen=True)
class Match:
    """The item a text copies, with how much of it the text covers."""

    benchmark: str
    item: str
    coverage: float  # share of the item's specific n-grams present in the text
    span: int  # longest matched run, in tokens
    excerpt: str  # the start of that run, normalised


def _is_content(token: str) -> bool:
    return len(token) >= 3 and token[0] != "\\" and token.isalpha() and token not in STOPWORDS and token not in ASY_WORDS


def _informative(sequence: list[str], generic: frozenset[str], k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per window of ``k`` tokens, three ever weaker kinds of evidence of its item:

    - *specific*: two content words, one of them not generic;
    - *telling*: a content word that is not generic and another one, a number or a LaTeX command
      ("polynomial $x^3 - 3x^2$"); "let $a$ and $b$ be positive real numbers", "what is the remainder
      when", ``5 \\cdot 4 \\cdot 3`` and ``dir(90)`` tell nothing;
    - *formula*: two tokens that are such words, numbers or LaTeX commands (``\\frac c a \\frac a``).
    """
    content = np.fromiter((_is_content(t) for t in sequence), dtype=bool, count=len(sequence))
    rare = content & np.fromiter((t not in generic for t in sequence), dtype=bool, count=len(sequence))
    rare_counts = _window_sums(rare, k)
    formula = _window_sums(rare | np.fromiter((t[0] == "\\" or t.isdigit() for t in sequence), dtype=bool, count=len(sequence)), k) >= 2
    return (_window_sums(content, k) >= 2) & (rare_counts >= 1), formula & (rare_counts >= 1), formula


def generic_words(benchmarks: dict[str, list[list[str]]], config: DecontamConfig) -> frozenset[str]:
    """Content words in ``generic_share`` of the items of some large benchmark (token sequences by benchmark):
    the vocabulary every problem of the kind uses, which says nothing about which problem it is.

    >>> items = [["find", "the", "minimum", "value", "of", w] for w in ("frogs", "toads", "newts", "snails")]
    >>> sorted(generic_words({"b": items}, DecontamConfig(generic_share=0.5, generic_min_items=4)))
    ['minimum', 'value']
    """
    generic: set[str] = set()
    for sequences in benchmarks.values():
        if len(sequences) >= config.generic_min_items:
            items_with = Counter(t for sequence in sequences for t in set(sequence) if _is_content(t))
            generic |= {t for t, count in items_with.items() if count >= config.generic_share * len(sequences)}
    return frozenset(generic)


def _window_sums(mask: np.ndarray, k: int) -> np.ndarray:
    cumulative = np.concatenate([[0], np.cumsum(mask, dtype=np.int64)])
    return cumulative[k:] - cumulative[:-k]


LONG_TEXT = 2_000  # characters; longer texts (responses) first go through the anchor filter
SHORT_TEXTS_REMEMBERED = 4_096  # recent short texts (problems, system prompts) whose answer is kept


class NgramIndex:
    """Sorted n-gram hashes of every item (``refs`` says whose), built once and memory-mapped by tasks."""

    def __init__(self, hashes: np.ndarray, refs: np.ndarray, levels: np.ndarray, boilerplate: np.ndarray,
                 items: list[tuple[str, str]], sizes: list[int], lengths: list[int], vocab: list[str], config: DecontamConfig,
                 anchors: AnchorFilter, short: dict[int, list[str]]):
        self.anchors = anchors
        self.hashes = hashes
        self.refs = refs
        self.levels = levels  # per n-gram: SPECIFIC counts towards coverage, TELLING is evidence of a fragment, 0 only extends runs
        self.boilerplate = boilerplate  # sorted; bridges and extends a matched run, never starts one
        self.items = items
        self.sizes = sizes  # distinct specific n-grams per item
        self.lengths = lengths  # tokens per item
        self.vocab = {token: i for i, token in enumerate(vocab, start=1)}  # 0: not in any item
        self._vocab_list = vocab
        self.config = config
        self.short = short  # tokens of the items shorter than n, by item: each is one n-gram of its own length
        self._short_match = lru_cache(maxsize=SHORT_TEXTS_REMEMBERED)(self._best)

    # -- building ----------------------------------------------------------------------------------
    @classmethod
    def build(cls, benchmarks: dict[str, list[tuple[str, str]]], config: DecontamConfig | None = None,
              background: Sequence[str] = ()) -> NgramIndex:
        """Index every item of every benchmark (``{name: [(item id, text)]}``), see the module docstring."""
        config = config or DecontamConfig()
        items: list[tuple[str, str]] = []
        sequences: list[list[str]] = []
        texts: list[str] = []
        by_benchmark: dict[str, list[list[str]]] = {}
        for name in sorted(benchmarks):
            for item_id, text in benchmarks[name]:
                sequence = tokens(text)
                if len(sequence) >= config.min_tokens:
                    items.append((name, str(item_id)))
                    sequences.append(sequence)
                    texts.append(text)
                    by_benchmark.setdefault(name, []).append(sequence)
        generic = generic_words(by_benchmark, config)
        vocab = sorted({t for s in sequences for t in s})
        ids = {t: i for i, t in enumerate(vocab, start=1)}
        grams, informative = [], []
        for sequence in sequences:
            k = min(config.n, len(sequence))
            grams.append(np.unique(window_hashes(np.array([ids[t] for t in sequence], dtype=np.uint64), k), return_index=True))
            informative.append(_informative(sequence, generic, k))
        all_grams = np.concatenate([g for g, _ in grams]) if grams else np.empty(0, dtype=np.uint64)
        distinct, item_counts = np.unique(all_grams, return_counts=True)
        boilerplate = set(distinct[item_counts > config.max_items].tolist())
        anchors = AnchorFilter.build(texts)
        index = cls._assemble(items, sequences, anchors, grams, informative, boilerplate, vocab, config)
        if background:
            boilerplate |= index._stock_ngrams(background)
            index = cls._assemble(items, sequences, anchors, grams, informative, boilerplate, vocab, config)
        return index

    @classmethod
    def _assemble(cls, items, sequences, anchors, grams, informative, boilerplate: set[int], vocab, config) -> NgramIndex:
        hash_parts, ref_parts, level_parts, sizes = [], [], [], []
        for ref, ((unique, first), (useful, telling, formula)) in enumerate(zip(grams, informative)):
            fresh = np.fromiter((int(h) not in boilerplate for h in unique), dtype=bool, count=len(unique))
            specific = fresh & useful[first]
            for weaker in (telling, formula):  # a formula-only item: what it has is its numbers, rarer words, formulas
                if specific.sum() < 3:
                    specific = fresh & weaker[first]
            if specific.sum() < 3:
                specific = fresh if fresh.any() else np.ones(len(unique), dtype=bool)
            kept = fresh | specific
            hash_parts.append(unique[kept])
            level_parts.append(np.where(specific, SPECIFIC, np.where(telling[first], TELLING, 0)).astype(np.uint8)[kept])
            ref_parts.append(np.full(int(kept.sum()), ref, dtype=np.int32))
            sizes.append(int(specific.sum()))
        hashes = np.concatenate(hash_parts) if hash_parts else np.empty(0, dtype=np.uint64)
        refs = np.concatenate(ref_parts) if ref_parts else np.empty(0, dtype=np.int32)
        levels = np.concatenate(level_parts) if level_parts else np.empty(0, dtype=np.uint8)
        order = np.argsort(hashes, kind="stable")
        stock = np.array(sorted(boilerplate), dtype=np.uint64)
        return cls(hashes[order], refs[order], levels[order], stock, items, sizes, [len(s) for s in sequences], vocab, config,
                   anchors, {ref: s for ref, s in enumerate(sequences) if len(s) < config.n})

    def _stock_ngrams(self, background: Iterable[str]) -> set[int]:
        """Index n-grams that many background texts share without copying the item they belong to."""
        docs_with: dict[int, int] = {}
        for text in background:
            hits, _ = self._hits(tokens(text))
            for ref, (specific, telling, _) in hits.items():
                if len(specific) / self.sizes[ref] < 0.5:
                    for gram in telling:
                        docs_with[gram] = docs_with.get(gram, 0) + 1
        return {gram for gram, count in docs_with.items() if count >= self.config.background_min_docs}

    # -- persistence -------------------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        np.save(folder / "hashes.npy", self.hashes)
        np.save(folder / "refs.npy", self.refs)
        np.save(folder / "levels.npy", self.levels)
        np.save(folder / "boilerplate.npy", self.boilerplate)
        self.anchors.save(folder)
        config = asdict(self.config)
        meta = {"config": config, "items": self.items, "sizes": self.sizes, "lengths": self.lengths, "vocab": self._vocab_list,
                "short": self.short}
        (folder / "index.json").write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> NgramIndex:
        """Open a saved index; the arrays are memory-mapped, so tasks share one copy in the page cache."""
        meta = json.loads((folder / "index.json").read_text(encoding="utf-8"))
        raw = meta["config"]
        config = DecontamConfig(**{**raw, "default": Thresholds(**raw["default"]),
                                   "per_benchmark": {k: Thresholds(**v) for k, v in raw["per_benchmark"].items()}})
        return cls(np.load(folder / "hashes.npy", mmap_mode="r"), np.load(folder / "refs.npy", mmap_mode="r"),
                   np.load(folder / "levels.npy", mmap_mode="r"), np.load(folder / "boilerplate.npy", mmap_mode="r"),
                   [tuple(item) for item in meta["items"]], meta["sizes"], meta["lengths"], meta["vocab"], config,
                   AnchorFilter.load(folder), {int(ref): short for ref, short in meta["short"].items()})

    def __len__(self) -> int:
        return len(self.items)

    # -- matching ----------------------------------------------------------------------------------
    def _hits(self, sequence: list[str]) -> tuple[dict[int, tuple[set[int], set[int], list[int]]], set[int]]:
        """For each item with an n-gram in ``sequence``: its matched specific n-grams, its matched telling (or
        specific) ones, and where its n-grams start; and where boilerplate n-grams start."""
        hits: dict[int, tuple[set[int], set[int], list[int]]] = {}
        stock: set[int] = set()
        if not len(self.hashes):
            return hits, stock
        get = self.vocab.get
        values = np.array([get(t, 0) for t in sequence], dtype=np.uint64)
        present = set(sequence)
        for k in (self.config.n, *sorted({len(short) for short in self.short.values() if present.issuperset(short)})):
            grams = window_hashes(values, k)
            if not len(grams):
                continue
            if k == self.config.n and len(self.boilerplate):
                at = np.minimum(np.searchsorted(self.boilerplate, grams), len(self.boilerplate) - 1)
                stock.update(np.flatnonzero(self.boilerplate[at] == grams).tolist())
            left = np.searchsorted(self.hashes, grams)
            found = np.flatnonzero(self.hashes[np.minimum(left, len(self.hashes) - 1)] == grams)
            for start in found.tolist():
                gram = int(grams[start])
                position = int(left[start])
                while position < len(self.hashes) and int(self.hashes[position]) == gram:
                    ref = int(self.refs[position])
                    if k == self.config.n or self.lengths[ref] == k:
                        specific, telling, positions = hits.setdefault(ref, (set(), set(), []))
                        level = self.levels[position]
                        if level == SPECIFIC:
                            specific.add(gram)
                        if level:
                            telling.add(gram)
                        positions.append(start)
                    position += 1
        return hits, stock

    def _longest_run(self, positions: list[int], stock: set[int], k: int) -> tuple[int, int]:
        """(length in tokens, start) of the longest run of the item's n-gram starts, with gaps under ``n``,
        bridged and extended by boilerplate n-grams (a run must hold one of the item's)."""
        best = (0, 0)
        own = set(positions)
        ordered = sorted(own | stock)
        run_start = previous = ordered[0]
        has_own = run_start in own
        for position in [*ordered[1:], None]:
            if position is None or position - previous >= self.config.n:
                if has_own:
                    best = max(best, (previous - run_start + k, -run_start))
                if position is not None:
                    run_start, has_own = position, False
            if position is not None:
                previous = position
                has_own = has_own or position in own
        return best[0], -best[1]

    def matches(self, text: str) -> list[Match]:
        """Every item that ``text`` copies according to its benchmark's thresholds, best coverage first."""
        if len(text) > LONG_TEXT and not len(self.anchors.candidates(text)):
            return []
        sequence = tokens(text)
        found = []
        hits, stock = self._hits(sequence)
        for ref, (specific, telling, positions) in hits.items():
            benchmark, item = self.items[ref]
            limits = self.config.thresholds(benchmark)
            coverage = len(specific) / self.sizes[ref]
            k = min(self.config.n, self.lengths[ref])
            span, start = self._longest_run(positions, stock, k)
            covers_item = coverage >= limits.min_coverage and span >= min(limits.min_span, self.lengths[ref]) and len(specific) > 0
            # A prompt that is a fragment of the item: most of the text, a run as long as min_coverage of the item.
            is_fragment = (span >= limits.min_share * len(sequence) and span >= min(limits.min_coverage * self.lengths[ref], limits.min_span)
                           and len(telling) > 0)
            if not (covers_item or is_fragment):
                continue
            found.append(Match(benchmark, item, round(coverage, 3), span, " ".join(sequence[start : start + min(span, 12)])))
        return sorted(found, key=lambda m: (-m.coverage, -m.span, m.benchmark, m.item))

    def match(self, text: str) -> Match | None:
        """The item ``text`` copies best, or None.

        Short texts are remembered: a problem comes once per generation and a system prompt with
        every row, and their answer never changes.
        """
        if len(text) <= LONG_TEXT:
            return self._short_match(text)
        return self._best(text)

    def _best(self, text: str) -> Match | None:
        found = self.matches(text)
        return found[0] if found else None


def match_conversation(index: NgramIndex, messages: list[dict[str, str]]) -> tuple[str, Match] | None:
    """The best match over every turn (system, user, assistant) and the turn it is in (``"user#0"``)."""
    best: tuple[str, Match] | None = None
    for position, message in enumerate(messages):
        found = index.match(message.get("content") or "")
        if found is not None and (best is None or found.coverage > best[1].coverage):
            best = (f"{message.get('role', '?')}#{position}", found)
    return best
