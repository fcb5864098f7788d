"""Problem-level dedup: exact copies, paraphrases, and the one-trace-per-problem rule."""

from __future__ import annotations

import pyarrow as pa

from mot.pool.dedup import dedup_manifest
from mot.recipe.model import DedupPolicy

# (original, paraphrase): reordered clauses, synonyms, punctuation and LaTeX changes, same numbers.
PARAPHRASES = [
    ("A bag contains 5 red and 7 blue marbles. Two marbles are drawn at random without replacement. What is the probability that both are red?",
     "Two marbles are drawn at random, without replacement, from a bag containing 5 red and 7 blue marbles. What is the probability that both marbles are red?"),
    ("Find the number of positive integers less than 1000 that are divisible by 7 but not by 11.",
     "How many positive integers less than 1000 are divisible by 7 but are not divisible by 11?"),
    ("A rectangle has perimeter 46 and diagonal 17. Find the area of the rectangle.",
     "Find the area of a rectangle whose diagonal has length 17 and whose perimeter equals 46."),
    ("The sum of three consecutive even integers is 138. What is the largest of the three integers?",
     "Three consecutive even integers add up to 138. Determine the largest of these three integers."),
    ("In triangle $ABC$, $AB = 13$, $BC = 14$ and $CA = 15$. Find the length of the altitude from $A$ to $BC$.",
     "Triangle ABC has side lengths AB=13, BC=14, CA=15. What is the length of the altitude drawn from vertex A to side BC?"),
    ("A train travels 240 kilometers in 3 hours. At the same speed, how many kilometers will it travel in 5 hours?",
     "At the same constant speed, how many kilometers does a train cover in 5 hours if it covers 240 kilometers in 3 hours?"),
    ("Solve for $x$: $\\frac{x+3}{4} = \\frac{2x-1}{3}$.", "Find $x$ such that $\\dfrac{x + 3}{4} = \\dfrac{2x - 1}{3}$ holds."),
    ("What is the remainder when $2^{100}$ is divided by $7$?", "Determine the remainder obtained when 2^{100} is divided by 7."),
]
# Same template, other numbers: different problems that must all survive.
DISTINCT = [f"Find the number of positive integers less than {n} that are divisible by {a} but not by {b}." for n, a, b in
            [(500, 3, 5), (800, 4, 9), (1000, 9, 13), (2000, 6, 11), (300, 2, 7)]]


def manifest(problems: list[str], verification: list[str] | None = None) -> pa.Table:
    return pa.table({"id": [f"t{i:02d}" for i in range(len(problems))], "problem": problems,
                     "verification": verification or ["verified"] * len(problems)})


def test_paraphrases_are_near_duplicates_and_other_numbers_are_not():
    problems = [p for pair in PARAPHRASES for p in pair] + DISTINCT
    kept, dropped = dedup_manifest(manifest(problems), DedupPolicy(), seed=0)
    kept_ids = set(kept.column("id").to_pylist())
    for pair_index in range(len(PARAPHRASES)):
        assert len(kept_ids & {f"t{2 * pair_index:02d}", f"t{2 * pair_index + 1:02d}"}) == 1, PARAPHRASES[pair_index]
    assert {f"t{i:02d}" for i in range(2 * len(PARAPHRASES), len(problems))} <= kept_ids
    assert all(d.startswith("near duplicate") for d in dropped.column("detail").to_pylist())


def test_one_trace_per_problem_prefers_verified_and_is_deterministic():
    problems = ["Compute $7 \\times 8$."] * 4 + ["compute 7 \\times 8"]
    verification = ["unverified", "unverified", "verified", "unverified", "unverified"]
    kept, dropped = dedup_manifest(manifest(problems, verification), DedupPolicy(), seed=1)
    assert kept.column("id").to_pylist() == ["t02"]
    assert set(dropped.column("reason").to_pylist()) == {"duplicate_of"} and set(dropped.column("related_id").to_pylist()) == {"t02"}
    assert dedup_manifest(manifest(problems, verification), DedupPolicy(), seed=1)[0].equals(kept)


def test_max_traces_per_problem_and_seed():
    problems = ["Compute the sum of the first 10 primes."] * 6
    kept, dropped = dedup_manifest(manifest(problems), DedupPolicy(max_traces_per_problem=2), seed=0)
    assert kept.num_rows == 2 and dropped.num_rows == 4
    choices = {tuple(dedup_manifest(manifest(problems), DedupPolicy(), seed=s)[0].column("id").to_pylist()) for s in range(8)}
    assert len(choices) > 1, "the kept trace depends on the seed, not on row order"


def test_exact_only_and_disabled():
    problems = [PARAPHRASES[0][0], PARAPHRASES[0][1], PARAPHRASES[0][0]]
    kept, _ = dedup_manifest(manifest(problems), DedupPolicy(near=False), seed=0)
    assert kept.num_rows == 2
    kept, _ = dedup_manifest(manifest(problems), DedupPolicy(exact=False, near=False), seed=0)
    assert kept.num_rows == 3


def test_solutions_in_different_languages_are_not_duplicates():
    problem = "Print the sum of the n given integers."
    table = manifest([problem] * 3).append_column("variant", pa.array(["python", "cpp", "python"]))
    kept, dropped = dedup_manifest(table, DedupPolicy(), seed=0)
    assert sorted(kept.column("variant").to_pylist()) == ["cpp", "python"] and dropped.num_rows == 1


SYNONYMS = {"find": "determine", "compute": "calculate", "number": "count", "integers": "whole numbers", "what": "which",
            "value": "amount", "smallest": "least", "largest": "greatest", "positive": "strictly positive", "such that": "so that"}


def reword(text: str) -> str:
    for word, other in SYNONYMS.items():
        text = text.replace(f" {word} ", f" {other} ").replace(f"{word.capitalize()} ", f"{other.capitalize()} ")
    return "Problem: " + text.replace(",", " ,").rstrip(".?") + " ?"


def test_reworded_benchmark_problems_are_caught_without_merging_different_ones(shared_data):
    """560 AIME/MATH-500 problems and their rewordings, with 880 LiveCodeBench problems as decoys."""
    import json

    folder = shared_data / "benchmarks"
    problems = [json.loads(line)["problem"] for name in ("aime2024", "aime2025", "math500") for line in (folder / f"{name}.jsonl").open()]
    decoys = [json.loads(line)["question_content"] for line in (folder / "livecodebench_problems_2023-05_2025-01.jsonl").open()]
    texts = problems + [reword(p) for p in problems] + decoys
    ids = [f"o{i}" for i in range(len(problems))] + [f"r{i}" for i in range(len(problems))] + [f"d{i}" for i in range(len(decoys))]
    table = pa.table({"id": ids, "problem": texts, "verification": ["verified"] * len(texts)})
    _, dropped = dedup_manifest(table, DedupPolicy(), seed=0)
    pairs = {tuple(sorted((d["id"], d["related_id"]))) for d in dropped.to_pylist()}
    caught = {a[1:] for a, b in pairs if a[1:] == b[1:] and {a[0], b[0]} == {"o", "r"}}
    wrong = [p for p in pairs if p[0][1:] != p[1][1:] or "d" in (p[0][0], p[1][0])]
    assert len(caught) >= 0.75 * len(problems), len(caught)
    assert len(wrong) <= 2, wrong  # MATH-500 has near-identical siblings; at most a stray pair
