"""Decontamination: normalisation, specificity, coverage, every turn; recall per edit class and false positives on real benchmarks."""

from __future__ import annotations

import json
import random

import pytest

from mot.benchmarks import BenchmarkError, load_benchmark, resolve_benchmark
from mot.decontam import LONG_TEXT, DecontamConfig, NgramIndex, Thresholds, match_conversation
from mot.textnorm import tokens
from tests.contamination_probes import MUSINGS, EDITS, clean_traces

MATH_SETS = {"aime_2024": "aime2024.jsonl", "aime_2025": "aime2025.jsonl", "math_500": "math500.jsonl"}
LCB = "livecodebench_problems_2023-05_2025-01.jsonl"


@pytest.fixture(scope="module")
def benchmarks(shared_data):
    sets = {name: load_benchmark(resolve_benchmark(name, shared_data / "benchmarks" / file)) for name, file in MATH_SETS.items()}
    sets["livecodebench"] = load_benchmark(resolve_benchmark("livecodebench", shared_data / "benchmarks" / LCB))
    return sets


@pytest.fixture(scope="module")
def index(benchmarks, tmp_path_factory):
    folder = tmp_path_factory.mktemp("index")
    NgramIndex.build(benchmarks).save(folder)
    return NgramIndex.load(folder)  # the memory-mapped copy the tasks use


# --- normalisation -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("1,000 and 1\\,000 and 1{,}000", "1000 and 1000 and 1000"),
    ("$3x + 2y$", "3 x+2 y"),
    ("x² ≤ 3×10⁵, θ ≠ π, 2¹⁰⁰, a₁₂", "$x^2 \\le 3\\times 10^5$, $\\theta \\neq \\pi$, 2^{100}, a_{12}"),
    ("twenty-four hours and one hundred five", "24 hours and 105"),
    ("\\left( \\dfrac{1}{2} \\right)\\, x", "(\\frac{1}{2}) x"),
    ("> quoted\n> lines", "quoted lines"),
    ("a 2-digit non-negative number", "a 2 digit non negative number"),
])
def test_normalisation_survives_token_boundary_changes(a, b):
    assert tokens(a) == tokens(b) and tokens(a, symbols=True) == tokens(b, symbols=True)


@pytest.mark.parametrize("a, b", [("1,2,3", "123"), ("x-1", "x1"), ("7^100 mod 9", "9^100 mod 7"), ("two three", "5"),
                                  ("Compute 3-ab.", "Compute 3ab."), ("x^2-abc", "x^2 abc"), ("ab-cd", "ab cd")])
def test_normalisation_keeps_what_differs(a, b):
    assert tokens(a, symbols=True) != tokens(b, symbols=True)


# --- index rules on data written here ------------------------------------------------------------------------

STOCK = "The first line contains a single integer t, the number of test cases. Print the answer for each test case."
TOY = {"toy": [
    ("q1", f"A frog jumps along a number line starting at zero and always lands on primes. {STOCK}"),
    ("q2", f"Two trains leave stations that are far apart and meet exactly at noon on a bridge. {STOCK}"),
    ("q3", f"A painter mixes three colours of paint in a ratio that keeps every wall beige. {STOCK}"),
    ("s1", "Compute $\\dbinom{16}{5}$."),
]}


def test_stock_phrase_shared_by_many_items_is_boilerplate():
    index = NgramIndex.build(TOY)
    assert index.match(f"Here is a new task about graphs. {STOCK} Good luck.") is None
    assert index.match(f"A frog jumps along a number line starting at zero and always lands on primes. {STOCK}").item == "q1"


def test_match_is_attributed_to_the_item_with_best_coverage():
    opening = "Let ABC be a triangle with circumcenter O and incenter I such that the inradius is six."
    index = NgramIndex.build({"b": [("first", f"{opening} Find the area of the triangle."),
                                    ("second", f"{opening} Find the product of the lengths AB and AC when the circumradius is thirteen.")]})
    assert index.match(f"{opening} Find the product of the lengths AB and AC when the circumradius is thirteen.").item == "second"
    assert index.match(f"{opening} Find the area of the triangle.").item == "first"


def test_short_items_are_matched_whole_and_only_whole():
    index = NgramIndex.build(TOY)
    assert index.match("we need to compute \\binom{16}{5} first").item == "s1"
    assert index.match("compute \\binom{16}{4}") is None


def test_commands_and_asymptote_are_not_content():
    factorial = "5 \\cdot 4 \\cdot 3 \\cdot 2 \\cdot 1 and draw((0,0)--(1,1)); label(\"A\", (0,0), dir(90)); cycle"
    item = f"A club of nine friends forms a committee of four with a chair and a treasurer who never agree. Compute {factorial}. How many ways are there?"
    index = NgramIndex.build({"b": [("f", item)]})
    assert index.match(f"So the count is {factorial} which I check twice.") is None
    assert index.match(item).item == "f"


def test_per_benchmark_thresholds():
    item = "A frog jumps along a number line starting at zero and always lands on primes until it reaches one hundred."
    half = "A frog jumps along a number line starting at zero and always lands on primes, I think, and then something else happens"
    strict = DecontamConfig(per_benchmark={"b": Thresholds(min_coverage=0.9, min_span=40, min_share=1.0)})
    assert NgramIndex.build({"b": [("q", item)]}).match(half) is not None
    assert NgramIndex.build({"b": [("q", item)]}, strict).match(half) is None
    assert DecontamConfig.from_options(5, {"default": {"min_coverage": 0.5}, "b": {"min_span": 20}}).thresholds("b") == Thresholds(0.5, 20)


def test_background_texts_make_pool_stock_phrases_boilerplate():
    item = "Find the remainder when N is divided by one thousand, where N counts the frog paths on the grid."
    stock = "Find the remainder when N is divided by one thousand."
    plain = NgramIndex.build({"b": [("q", item)]})
    informed = NgramIndex.build({"b": [("q", item)]}, background=[f"Problem {i} about boxes. {stock}" for i in range(5)])
    assert plain.match(stock) is not None and informed.match(stock) is None
    assert informed.match(item) is not None, "a copy of the item is still caught"


def test_every_turn_is_checked_and_reported():
    index = NgramIndex.build(TOY)
    copy = TOY["toy"][1][1]
    for conversation, turn in [(EDITS["system prompt"](copy, random.Random(0)), "system#0"),
                               (EDITS["later turn"](copy, random.Random(0)), "user#4"),
                               (EDITS["quoted in response"](copy, random.Random(0)), "assistant#1")]:
        found = match_conversation(index, conversation)
        assert found is not None and found[0] == turn and found[1].item == "q2"
    assert match_conversation(index, [{"role": "user", "content": "Tell me about frogs."}]) is None


def test_saved_index_equals_built_one(tmp_path):
    built = NgramIndex.build(TOY)
    built.save(tmp_path)
    loaded = NgramIndex.load(tmp_path)
    text = TOY["toy"][2][1]
    assert loaded.match(text) == built.match(text) and loaded.config == built.config


# --- real benchmarks (../shared/data) ---------------------------------------------------------------------------

def _probes(benchmarks) -> list[tuple[str, str, str]]:
    """All 560 AIME/MATH-500 problems and 150 LiveCodeBench problems."""
    return [(n, i, t) for n in MATH_SETS for i, t in benchmarks[n]] + [("livecodebench", i, t) for i, t in random.Random(1).sample(benchmarks["livecodebench"], 150)]


@pytest.mark.slow
@pytest.mark.parametrize("edit_class", [c for c in EDITS if c != "first half"])
def test_recall_per_edit_class(benchmarks, index, edit_class):
    """Every probe edited, hidden in a conversation, attributed to its own item."""
    rng = random.Random(0)
    probes = _probes(benchmarks)
    caught = 0
    for name, item, text in probes:
        found = match_conversation(index, EDITS[edit_class](text, rng))
        caught += found is not None and (found[1].benchmark, found[1].item) == (name, item)
    assert caught / len(probes) >= 0.97, (edit_class, caught, len(probes))


@pytest.mark.slow
def test_first_halves_are_caught_when_they_hold_something_telling_of_their_item(benchmarks, index):
    """A first half that holds a telling n-gram of its item is caught (measured 618 of 620); one that holds none
    ("Let $a,$ $b,$ and $c$ be positive real numbers. Find the", "Simplify") is no evidence (90 of 710; see the
    unindexed-problems test for what matching those would cost)."""
    rng = random.Random(0)
    identifiable = caught = 0
    for name, item, text in _probes(benchmarks):
        conversation = EDITS["first half"](text, rng)
        hits, _ = index._hits(tokens(conversation[0]["content"]))
        holds_telling = bool(hits.get(index.items.index((name, item)), (set(), set(), []))[1])
        found = match_conversation(index, conversation)
        ok = found is not None and (found[1].benchmark, found[1].item) == (name, item)
        identifiable += holds_telling
        caught += ok and holds_telling
    assert caught >= 0.99 * identifiable and identifiable >= 0.85 * 710, (caught, identifiable)


@pytest.mark.slow
def test_unindexed_competition_problems_and_their_first_halves_are_not_flagged(benchmarks):
    """Half of MATH-500 indexed (with AIME and LiveCodeBench), the other 250 real problems are clean problems in
    the same style and templates ("Let $a,$ $b,$ $c$ be positive real numbers. Find the minimum value of ..."):
    neither they nor their first halves may be flagged (the old rules flagged 2 + 3 of them)."""
    problems = list(benchmarks["math_500"])
    random.Random(5).shuffle(problems)
    held, indexed = problems[:250], problems[250:]
    half_index = NgramIndex.build({**benchmarks, "math_500": indexed})
    rng = random.Random(0)
    flagged = [(text[:60], found.item) for _, text in held for probe in (text, EDITS["first half"](text, rng)[0]["content"])
               if (found := half_index.match(probe)) is not None]
    assert len(flagged) <= 1, flagged


@pytest.mark.slow
@pytest.mark.parametrize("edit_class, floor", [("embedded", 0.98), ("re-delimited", 0.98), ("wrapped", 0.98), ("unicode", 0.94),
                                               ("number words/spacing", 0.88)])
def test_recall_of_edited_copies_inside_long_responses(benchmarks, index, edit_class, floor):
    """The edited problem quoted in the middle of a long response: the anchor filter's path (measured 0.996, 0.992,
    0.996, 0.956, 0.903; the losses are bare formulas whose small numbers are spelt out or turned into superscripts)."""
    rng = random.Random(0)
    probes = _probes(benchmarks)
    caught = 0
    for name, item, text in probes:
        copy = EDITS[edit_class](text, rng)[-2]["content"]
        response = f"{' '.join(rng.choice(MUSINGS) for _ in range(80))}\n\nThe problem: {copy}\n\n{' '.join(rng.choice(MUSINGS) for _ in range(80))}"
        assert len(response) > LONG_TEXT
        found = index.match(response)
        caught += found is not None and (found.benchmark, found.item) == (name, item)
    assert caught / len(probes) >= floor, (edit_class, caught, len(probes))


@pytest.mark.slow
def test_clean_competition_traces_are_not_flagged(index):
    traces = clean_traces(1000, seed=11)
    flagged = [(i, found) for i, c in enumerate(traces) if (found := match_conversation(index, c))]
    assert len(flagged) <= 2, flagged[:5]


def test_sample_codeforces_rows_are_not_flagged_against_livecodebench(index):
    from tests.conftest import REPO

    rows = [json.loads(line) for line in (REPO / "data" / "code" / "codeforces_cots.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 30
    assert [(r["id"], found) for r in rows if (found := match_conversation(index, r["messages"]))] == []


def test_unrelated_code_problems_are_not_flagged(shared_data, index):
    humaneval = [json.loads(line)["prompt"] for line in (shared_data / "code_problems" / "humaneval.jsonl").open()]
    mbpp = [json.loads(line)["text"] for line in (shared_data / "code_problems" / "mbpp.jsonl").open()]
    assert [t for t in humaneval + mbpp if index.match(t)] == []


def test_unknown_or_unloadable_benchmarks_are_errors(tmp_path):
    with pytest.raises(BenchmarkError, match="unknown benchmark"):
        resolve_benchmark("not_a_benchmark")
    (tmp_path / "b.jsonl").write_text('{"question": "x"}\n')
    with pytest.raises(BenchmarkError, match="no text in field 'problem'"):
        load_benchmark(resolve_benchmark("aime_2024", tmp_path / "b.jsonl"))
    with pytest.raises(BenchmarkError, match="cannot be loaded"):
        load_benchmark(resolve_benchmark("mine", tmp_path / "missing.jsonl"))


def test_recipe_thresholds_reach_the_index_and_unknown_keys_are_refused(tmp_path):
    from mot.recipe.errors import RecipeError
    from mot.recipe.parse import load_recipe

    (tmp_path / "a.jsonl").write_text("{}\n")
    body = ("domains: {math: {sources: [{name: a, adapter: messages, path: a.jsonl}]}}\n"
            "decontamination: {benchmarks: [aime_2024], thresholds: {default: {min_coverage: 0.4}, aime_2024: {min_span: 20}}}\n")
    (tmp_path / "r.yaml").write_text(body)
    policy = load_recipe(tmp_path / "r.yaml").decontamination
    config = DecontamConfig.from_options(policy.ngram, {k: v.model_dump(exclude_unset=True) for k, v in policy.thresholds.items()})
    assert config.thresholds("aime_2024") == Thresholds(0.4, 20) and config.thresholds("math_500") == Thresholds(0.4)
    (tmp_path / "r.yaml").write_text(body.replace("min_span", "min_spam"))
    with pytest.raises(RecipeError, match="min_spam"):
        load_recipe(tmp_path / "r.yaml")


def test_real_r1_traces_are_flagged_only_on_the_benchmark_they_answer(shared_data, index):
    """Thoughtology R1 traces: the MATH-500 one matches its item, the GSM8K ones (not indexed) match nothing."""
    rows = [json.loads(line) for line in (shared_data / "r1_traces" / "thoughtology_r1_sample.jsonl").open()]
    for row in rows:
        found = match_conversation(index, [{"role": "user", "content": row["problem"]}, {"role": "assistant", "content": row["response"]}])
        if row["benchmark"] == "MATH-500":
            assert found is not None and found[1].benchmark == "math_500" and found[0] == "user#0"
        else:
            assert found is None, (row["benchmark"], found)
