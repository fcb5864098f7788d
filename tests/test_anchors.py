"""The anchor filter: the cheap necessary condition a long text passes before the full n-gram match."""

from __future__ import annotations

import random

from mot.anchors import AnchorFilter
from mot.decontam import LONG_TEXT, NgramIndex

FROG = ("A frog hops along the lily pads of a pond, never landing twice on the same pad, until it reaches the far bank "
        "where a heron waits beside the reeds.")
TRAIN = "Two trains leave distant stations at dawn and meet on a bridge whose length the conductor measured in paces."
ITEMS = [FROG, TRAIN, "Simplify $\\sqrt{242}$.", "Evaluate $\\dfrac{7}{3}+\\dfrac{5}{9}$ as a mixed number.",
         "Find $k$, if ${(3^k)}^6=3^6$.", "What is $1^{(2^{235423523})}$?"]
FILLER = ("Let me think about this more carefully before going on with the next step of the computation. " * 40).strip()


def _long(*parts: str) -> str:
    text = f"{FILLER} {' '.join(parts)} {FILLER}"
    assert len(text) > LONG_TEXT
    return text


def test_an_items_anchors_close_together_make_a_candidate_and_scattered_ones_do_not():
    anchors = AnchorFilter.build(ITEMS)
    assert anchors.candidates(_long(FROG)).tolist() == [0]
    words = FROG.split()
    scattered = f" {FILLER} ".join(" ".join(words[i : i + 3]) for i in range(0, len(words), 3))
    assert anchors.candidates(_long(scattered)).tolist() == [], "the same word pairs spread over a long text are no copy"


def test_a_bare_formula_is_found_by_its_telling_tokens_together_whatever_the_markup():
    anchors = AnchorFilter.build(ITEMS)
    for copy in ["Simplify \\(\\sqrt{242}\\).", "simplify: sqrt(242)", "Evaluate \\frac{7}{3} + \\frac{5}{9} as a mixed number",
                 "What is 1^{(2^{235,423,523})}?"]:
        assert len(anchors.candidates(_long(copy))) == 1, copy
    assert anchors.candidates(_long("Simplify the sum.", FILLER, "The square root of 242 is 11 sqrt 2.")).tolist() == [], \
        "the keys far apart are not the formula"
    assert anchors.candidates(_long("Evaluate 7/3 first.")).tolist() == []


def test_a_formula_without_telling_tokens_is_looked_for_in_short_texts_only():
    index = NgramIndex.build({"b": [(str(i), text) for i, text in enumerate(ITEMS)]})
    assert index.match("Find $k$, if ${(3^k)}^6=3^6$.").item == "4"
    assert index.match(_long("Find $k$, if ${(3^k)}^6=3^6$.")) is None, "any response doing that algebra contains it"
    assert index.match(_long("Simplify $\\sqrt{242}$.")).item == "2"


def test_saved_filter_gives_the_same_candidates(tmp_path):
    anchors = AnchorFilter.build(ITEMS)
    anchors.save(tmp_path)
    loaded = AnchorFilter.load(tmp_path)
    rng = random.Random(0)
    for _ in range(50):
        text = _long(*rng.sample([*ITEMS, FILLER, "pond heron reeds bank", "sqrt 242"], 3))
        assert loaded.candidates(text).tolist() == anchors.candidates(text).tolist()


def test_short_texts_are_remembered_and_long_ones_are_not():
    index = NgramIndex.build({"b": [(str(i), text) for i, text in enumerate(ITEMS)]})
    first, again = index.match(FROG), index.match(FROG)
    assert first is again and first.item == "0" and index.match(TRAIN).item == "1"
    assert index._short_match.cache_info().hits == 1
    index.match(_long(FROG))
    assert index._short_match.cache_info().currsize == 2
