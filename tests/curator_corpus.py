"""A small corpus where every kind of evidence ``mot show`` and ``mot report`` render occurs once.

Math: a right trace, a wrong answer (gold vs extracted), an exact duplicate pair, a benchmark
copy (contamination with a matched span) and a mixed-case paraphrase of it that still matches;
code: a passing and a failing program (a failing test); science: a right and a wrong option.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.corpus import good, math_row, write_jsonl

BENCHMARK_PROBLEM = "Find the number of ordered pairs of positive integers whose least common multiple equals seventy two exactly."


def write_curator_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rows = [math_row(1, [good(1)]),
            math_row(2, ["<think>\nTwo and two make five.\n</think>\n\nSo the sum is $\\boxed{5}$."]),
            math_row(3, [good(3)]),
            {**math_row(3, [good(3)]), "uuid": "p3-copy"},  # the same problem again: a duplicate
            {**math_row(4, [good(4)]), "problem": f"{BENCHMARK_PROBLEM} Then compute 4 + 4."}]
    write_jsonl(folder / "math.jsonl", rows)
    code = [{"id": "C1", "prompt": "Print 1.", "generation": "<think>\nEasy.\n</think>\n\n```python\nprint(1)\n```",
             "official_tests": [{"input": "", "output": "1"}], "finish_reason": "stop"},
            {"id": "C2", "prompt": "Print 2.", "generation": "<think>\nEasy.\n</think>\n\n```python\nprint(3)\n```",
             "official_tests": [{"input": "", "output": "2"}], "finish_reason": "stop"}]
    write_jsonl(folder / "code.jsonl", code)
    science = [{"input": [{"role": "user", "content": "Which option is A? A) a B) b C) c"}],
                "output": "<think>\nIt is A.\n</think>\n\nThe answer is (A).", "reference_answer": "A"},
               {"input": [{"role": "user", "content": "Which option is B? A) a B) b C) c"}],
                "output": "<think>\nIt is C.\n</think>\n\nThe answer is (C).", "reference_answer": "B"}]
    write_jsonl(folder / "science.jsonl", science)
    (folder / "bench.jsonl").write_text(json.dumps({"id": "bench-7", "problem": BENCHMARK_PROBLEM, "answer": "35"}) + "\n")
    recipe = folder / "recipe.yaml"
    recipe.write_text("""
name: curator-corpus
seed: 5
domains:
  math: {sources: [{name: m, adapter: openr1_math, path: math.jsonl}], verify: {timeout_s: 5}}
  code: {sources: [{name: c, adapter: codeforces_cots, path: code.jsonl}]}
  science: {sources: [{name: s, adapter: nemotron_science, path: science.jsonl}]}
decontamination: {ngram: 8, benchmarks: [{name: bench, path: bench.jsonl}]}
dedup: {exact: true, near: false, max_traces_per_problem: 1}
""")
    return recipe
