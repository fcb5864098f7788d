"""Cost of the quality filters relative to the build's per-row work, on the same synthetic rows.

Generates a MoT-shaped corpus (domain shares of Mixture-of-Thoughts, R1-like reasoning with
numbers, LaTeX and Unicode science notation, lengths from a long-tailed distribution) and runs the
build's per-row stages (format checks → math/science verification → token length → policy) over
it in-process, once without and once with the Quality stage, and prints the ratio.

    PYTHONPATH=. python bench/bench_filters.py [--rows 10000] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

from datatrove.data import Document

from mot.filters import FILTERS
from mot.steps.checks import FormatChecks
from mot.steps.length import TokenLength
from mot.steps.policy import VerificationPolicy
from mot.steps.quality import Quality
from mot.steps.verify_math import MathVerify
from mot.steps.verify_science import ScienceVerify

SHARES = {"math": 93_733, "code": 83_070, "science": 172_514}  # open-r1/Mixture-of-Thoughts rows per domain
SENTENCES = [
    "Okay, so I need to figure out {a} times {b} and then subtract {c}.",
    "Wait, let me check that again: {a} \\times {b} = {p}.",
    "Hmm, maybe there's a better approach using the fact that $x^2 - {a}x + {b} = 0$.",
    "So the discriminant is ${a}^2 - 4 \\cdot {b} = {d}$, which is {sign}.",
    "Let me verify with a small case, say n = {a}: the sum is {s}.",
    "Alternatively, the energy is E = {a} × 10⁻¹⁹ J, so λ = hc/E ≈ {b} nm and Δλ ≈ {c} µm.",
    "But wait, does that account for the boundary condition at i = {c}?",
    "Then dp[{a}][{b}] = max(dp[{a}][{c}], dp[{c}][{b}] + {d}), which I should double-check.",
]


def reasoning(rng: random.Random, words: int) -> str:
    paragraphs, count = [], 0
    while count < words:
        sentences = []
        for _ in range(rng.randint(2, 5)):
            a, b, c = rng.randint(2, 999), rng.randint(2, 999), rng.randint(1, 99)
            text = rng.choice(SENTENCES).format(a=a, b=b, c=c, p=a * b, d=a * a - 4 * b, s=a * (a + 1) // 2,
                                                sign="positive" if a * a > 4 * b else "negative")
            sentences.append(text)
            count += len(text.split())
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


def synthetic_rows(n: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    domains = rng.choices(list(SHARES), weights=list(SHARES.values()), k=n)
    rows = []
    for i, domain in enumerate(domains):
        words = min(int(rng.lognormvariate(7.6, 0.7)), 20_000)  # median ~2,000 words ≈ 3,500 tokens, long tail
        think = reasoning(rng, words)
        if domain == "math":
            answer, reference = f"So the answer is $\\boxed{{{i % 97}}}$.", {"answer": str(i % 97)}
        elif domain == "code":
            answer, reference = "```python\nn = int(input())\nprint(sum(range(n + 1)))\n```", {}
        else:
            letter = "ABCD"[i % 4]
            answer, reference = f"The energy matches option {letter}.\n\n**Answer: {letter}**", {"answer": "ABCD"[(i // 4) % 4]}
        question = "Solve it.\nA) 1 J\nB) 2 J\nC) 3 J\nD) 4 J" if domain == "science" else "Solve it."
        rows.append({"id": f"bench:{i}", "domain": domain, "question": question, "reference": reference,
                     "response": f"<think>\n{think}\n</think>\n\n{answer}"})
    return rows


def documents(rows: list[dict[str, Any]]) -> Iterator[Document]:
    for row in rows:
        messages = [{"role": "user", "content": row["question"]}, {"role": "assistant", "content": row["response"]}]
        yield Document(text=row["question"], id=row["id"], metadata={
            "domain": row["domain"], "source": "bench", "messages": messages, "reference": row["reference"],
            "finish_reason": "stop", "reasoning_complete": True, "verification": "unverified"})


def run_steps(rows: list[dict[str, Any]], with_filters: bool) -> float:
    """Seconds for the build's per-row stages over ``rows``, with or without the Quality stage."""
    with tempfile.TemporaryDirectory() as ledger:
        quality = Quality(ledger, {name: spec.config() for name, spec in FILTERS.items()})
        steps = [FormatChecks(ledger), *([quality] if with_filters else []), MathVerify(ledger), ScienceVerify(ledger),
                 TokenLength(ledger, max_tokens=32768, tokenizer="qwen2.5-offline", chat_template="chatml"),
                 VerificationPolicy(ledger, {"math": True, "code": True, "science": True})]
        for step in steps:  # warm up: worker processes and the tokenizer load outside the timed loop
            list(step.run(documents(rows[:20])))
        started = time.perf_counter()
        data: Any = documents(rows)
        for step in steps:
            data = step.run(data)
        kept = sum(1 for _ in data)
        elapsed = time.perf_counter() - started
        print(f"  {'with' if with_filters else 'without'} filters: {elapsed:7.2f}s, {kept} rows kept")
        return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rows = synthetic_rows(args.rows, args.seed)
    chars = sum(len(r["response"]) for r in rows)
    print(f"{len(rows)} synthetic rows {dict(Counter(r['domain'] for r in rows))}, {chars / len(rows):,.0f} response chars on average")

    with tempfile.TemporaryDirectory() as ledger:
        quality = Quality(ledger, {name: spec.config() for name, spec in FILTERS.items()})
        started = time.perf_counter()
        reasons = Counter(drop.reason for doc in documents(rows) if (drop := quality.decide(doc)))
        filters_alone = time.perf_counter() - started
    print(f"  quality filters alone: {filters_alone:.2f}s ({filters_alone / len(rows) * 1e6:.0f} µs/row), drops {dict(reasons) or 'none'}")

    baseline = run_steps(rows, with_filters=False)
    filtered = run_steps(rows, with_filters=True)
    print(f"ratio with/without filters: {filtered / baseline:.3f} (filters alone / baseline: {filters_alone / baseline:.3f})")


if __name__ == "__main__":
    main()
