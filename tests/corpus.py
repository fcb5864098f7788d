"""A tiny, fully known corpus for build tests: every trace's fate is decided by construction."""

from __future__ import annotations

import json
from pathlib import Path

HANG = "\\boxed{(10^{9})!}"  # sympy tries to evaluate this factorial and never returns


def write_jsonl(path: Path, rows: list[dict]) -> None:
    """One JSON object per line."""
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))


def math_row(i: int, generations: list[str], **extra) -> dict:
    return {"problem": f"Compute {i} + {i}. Give the exact value.", "answer": str(2 * i), "uuid": f"p{i}",
            "generations": generations, "finish_reasons": ["stop"] * len(generations),
            "is_reasoning_complete": [True] * len(generations), **extra}


def good(i: int, words: int = 20) -> str:
    return "<think>\nOkay, " + " ".join(["let me add carefully"] * words) + f".\n</think>\n\nSo the sum is $\\boxed{{{2 * i}}}$."


def write_corpus(folder: Path, *, hang: bool = False) -> Path:
    """Math (8 problems, 12 traces), code (3) and science (3); returns the recipe path."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = [math_row(i, [good(i)]) for i in range(1, 6)]
    rows.append(math_row(6, [good(6), "<think>\nHmm.\n</think>\n\nThe sum is $\\boxed{13}$."]))  # one right, one wrong
    rows.append(math_row(7, [good(7, words=400)]))  # long: dropped when max_tokens is small
    rows.append(math_row(8, ["<think>\nMaybe\n", good(8)], finish_reasons=["length", "stop"], is_reasoning_complete=[False, True]))
    if hang:
        rows.append(math_row(9, [f"<think>\nBig.\n</think>\n\n{HANG}"]))
    lines = [json.dumps(r) for r in rows] + ['{"problem": "cut off']
    (folder / "math.jsonl").write_text("\n".join(lines) + "\n")
    code = [{"id": f"C{i}", "prompt": f"Print {i}.", "generation": f"<think>\nEasy.\n</think>\n\n```python\nprint({i})\n```",
             "examples": [{"input": "", "output": str(i)}], "finish_reason": "stop"} for i in range(3)]
    write_jsonl(folder / "code.jsonl", code)
    science = [{"input": [{"role": "user", "content": f"Which option is {c}? A) a B) b C) c"}], "output": f"<think>\nIt is {c}.\n</think>\n\nThe answer is ({c}).",
                "reference_answer": c} for c in "ABC"]
    write_jsonl(folder / "science.jsonl", science)
    recipe = folder / "recipe.yaml"
    recipe.write_text("""
name: test-corpus
seed: 3
domains:
  math: {sources: [{name: m, adapter: openr1_math, path: math.jsonl}], verify: {timeout_s: 3}}
  code: {sources: [{name: c, adapter: codeforces_cots, path: code.jsonl}]}
  science: {sources: [{name: s, adapter: nemotron_science, path: science.jsonl}]}
""")
    return recipe


MIX_RECIPE = """
name: mixed-corpus
seed: 3
domains:
  math:
    target: 6
    sources:
      - {name: m, adapter: openr1_math, path: math.jsonl, weight: 2}
      - {name: m2, adapter: openr1_math, path: math.jsonl, weight: 1, upsample: 3}
  code: {sources: [{name: c, adapter: codeforces_cots, path: code.jsonl, cap: 2}]}
  science:
    sources:
      - {name: s, adapter: nemotron_science, path: science.jsonl, where: {field: reference_answer, not_in: [C]}}
combine: {target_total: 12, shares: {math: 2, code: 1, science: 1}}
experiments:
  code/more:
    domains: {code: {sources: {c: {cap: 3}}}}
"""


def write_mixed_corpus(folder: Path) -> Path:
    """The corpus with a recipe that exercises every mixture key, a where: filter and the combine."""
    write_corpus(folder)
    recipe = folder / "mix.yaml"
    recipe.write_text(MIX_RECIPE)
    return recipe


QUALITY_DEFECTS = {  # reason → a math trace (problem 2 + 2) with that defect and nothing else
    "language_mix": "<think>\nOkay, 2 + 2. " + "我们需要把这两个数相加然后检查结果是否正确。" * 5 + "\n</think>\n\n$\\boxed{4}$",
    "repetition": "<think>\n" + "\n\n".join(["Let me add the two numbers once more to be completely sure: 2 + 2 = 4."] * 30) + "\n</think>\n\n$\\boxed{4}$",
    "multiple_think_blocks": "<think>\n2 + 2 = 4.\n</think>\n\nSo 4.\n<think>\nRecheck: 4.\n</think>\n\n$\\boxed{4}$",
    "text_before_think": "Sure, let me solve it.\n<think>\n2 + 2 = 4.\n</think>\n\n$\\boxed{4}$",
    "empty_reasoning": "<think>\n\n</think>\n\n$\\boxed{4}$",
    "no_boxed_answer": "<think>\n2 + 2 = 4.\n</think>\n\nThe sum is 4.",
}
CLEAN = "<think>\nOkay, two plus two. Counting on from two: three, four. So it is 4.\n</think>\n\nThe sum is $\\boxed{4}$."
MCQ = "What is 2 + 2 newtons?\nA) 3 N\nB) 4 N\nC) 5 N"


def write_quality_corpus(folder: Path) -> Path:
    """One trace per quality reason, science verdicts (right, wrong, no reference), a clean control; returns the recipe."""
    folder.mkdir(parents=True, exist_ok=True)
    math = [{"problem": "Compute 2 + 2.", "answer": "4", "uuid": reason, "generations": [text], "finish_reasons": ["stop"],
             "is_reasoning_complete": [True]} for reason, text in {**QUALITY_DEFECTS, "clean": CLEAN}.items()]
    write_jsonl(folder / "math.jsonl", math)
    code = [{"id": "nofence", "prompt": "Print 1.", "generation": "<think>\nEasy.\n</think>\n\nprint(1)", "finish_reason": "stop"}]
    write_jsonl(folder / "code.jsonl", code)
    science = [{"input": MCQ, "output": "<think>\nForces add.\n</think>\n\n**Answer: B**", "reference_answer": "B"},
               {"input": MCQ, "output": "<think>\nForces add.\n</think>\n\nThe answer is (C).", "reference_answer": "B"},
               {"input": "Why does ice float?", "output": "<think>\nDensity.\n</think>\n\nIce is less dense than water."}]
    write_jsonl(folder / "science.jsonl", science)
    recipe = folder / "recipe.yaml"
    recipe.write_text("""
name: quality-corpus
domains:
  math: {sources: [{name: m, adapter: openr1_math, path: math.jsonl}]}
  code: {sources: [{name: c, adapter: codeforces_cots, path: code.jsonl}]}
  science: {sources: [{name: s, adapter: nemotron_science, path: science.jsonl}]}
filters: {think_structure: {}, answer_format: {}, language: {expected: en}, repetition: {}}
""")
    return recipe
