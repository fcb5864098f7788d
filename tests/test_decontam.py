"""Decontamination against real benchmarks (../shared/data/benchmarks) and the sample's own."""

from __future__ import annotations

import json
import re

import pytest

from mot.benchmarks import BenchmarkError, load_benchmark, resolve_benchmark
from mot.decontam import NgramIndex
from mot.textnorm import words

MATH_SETS = {"aime_2024": "aime2024.jsonl", "aime_2025": "aime2025.jsonl", "math_500": "math500.jsonl"}


@pytest.fixture(scope="module")
def math_benchmarks(shared_data):
    return {name: load_benchmark(resolve_benchmark(name, shared_data / "benchmarks" / file)) for name, file in MATH_SETS.items()}


@pytest.fixture(scope="module")
def index(math_benchmarks, tmp_path_factory):
    folder = tmp_path_factory.mktemp("index")
    NgramIndex.build(math_benchmarks).save(folder)
    return NgramIndex.load(folder)  # the memory-mapped copy the tasks use


def in_a_trace(problem: str) -> str:
    return f"<think>\nOkay, the problem says: {problem}\nLet me start.\n</think>\n\nThe answer is 3."


def light_edit(text: str) -> str:
    """Whitespace, punctuation and LaTeX-spacing edits a copy picks up on its way into a corpus."""
    text = re.sub(r"\s+", "  \n ", text)
    text = text.replace(",", " , ").replace(".", " .").replace("?", " ?")
    text = text.replace("\\frac", "\\dfrac").replace("\\le ", "\\leq ").replace("(", "\\left(").replace(")", "\\right)")
    return text.replace("$", "$ \\, ")


def test_counts(math_benchmarks):
    assert {n: len(items) for n, items in math_benchmarks.items()} == {"aime_2024": 30, "aime_2025": 30, "math_500": 500}


@pytest.mark.parametrize("edit", [lambda t: t, light_edit], ids=["verbatim", "light-edits"])
def test_every_math_benchmark_problem_is_caught_in_a_trace(math_benchmarks, index, edit):
    missed = [(name, item) for name, items in math_benchmarks.items() for item, text in items if index.match(in_a_trace(edit(text))) is None]
    assert missed == []


def test_a_thousand_unrelated_problems_give_no_false_positive(shared_data, index):
    code = [json.loads(line)["question_content"] for line in (shared_data / "benchmarks" / "livecodebench_problems_2023-05_2025-01.jsonl").open()]
    humaneval = [json.loads(line)["prompt"] for line in (shared_data / "code_problems" / "humaneval.jsonl").open()]
    unrelated = (code + humaneval)[:1000]
    assert len(unrelated) == 1000
    assert [(i, index.match(t)) for i, t in enumerate(unrelated) if index.match(t)] == []


def test_match_reports_benchmark_item_and_ngram():
    index = NgramIndex.build({"bench": [("q7", "A frog jumps along a number line starting at zero and always lands on primes.")]})
    match = index.match("Intro: a frog JUMPS along a number-line, starting at zero and always lands on primes!")
    assert (match.benchmark, match.item) == ("bench", "q7")
    assert match.ngram == "a frog jumps along a number line starting"
    assert index.match("A frog jumps along a number line.") is None


def test_short_and_formula_only_items_are_caught_whole():
    index = NgramIndex.build({"b": [("s", "Evaluate $(1+2i)6-3i$."), ("t", "Compute $\\dbinom{16}{5}$.")]})
    assert index.match("Please evaluate (1 + 2i) 6 - 3i now").item == "s"
    assert index.match("compute \\binom{16}{5}").item == "t"
    assert index.match("Evaluate (1+2i)6.") is None


def test_normalisation_survives_latex_spacing():
    assert words("$\\left( \\frac{1}{2} \\right)\\,x$") == words("(\\dfrac{1}{2}) x")


def test_unknown_or_unloadable_benchmarks_are_errors(tmp_path):
    with pytest.raises(BenchmarkError, match="unknown benchmark"):
        resolve_benchmark("not_a_benchmark")
    (tmp_path / "b.jsonl").write_text('{"question": "x"}\n')
    with pytest.raises(BenchmarkError, match="no text in field 'problem'"):
        load_benchmark(resolve_benchmark("aime_2024", tmp_path / "b.jsonl"))
    with pytest.raises(BenchmarkError, match="cannot be loaded"):
        load_benchmark(resolve_benchmark("mine", tmp_path / "missing.jsonl"))
