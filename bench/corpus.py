"""A synthetic, MoT-shaped corpus of any size, identical for the same (size, seed).

Shapes and proportions follow open-r1/Mixture-of-Thoughts: math 26.8% (OpenR1-Math-220k rows),
code 23.8% (codeforces-cots rows), science 49.4% (Nemotron science rows). Conversation lengths
are lognormal with a median of about 4k tokens; the tail is capped at 40k so a few percent exceed
the 32,768-token window and are dropped by the length filter. The text mixes English reasoning,
LaTeX, numbers, code and some non-English lines so tokenizers do real work. A share of the traces
carry what real corpora carry: wrong final answers, truncated generations, unclosed ``<think>``
blocks and undecodable lines.

    python bench/corpus.py OUT_DIR --traces 10000 [--seed 0] [--length-scale 1.0]

writes OUT_DIR/{math.jsonl, code.jsonl, science.jsonl, recipe.yaml}.
"""

from __future__ import annotations

import argparse
import json
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SHARES = {"math": 93_733, "code": 83_070, "science": 172_514}  # MoT rows per domain
MEDIAN_TOKENS = 4_000
SIGMA = 0.9  # lognormal spread: ~5% of conversations above 32k tokens
CAP_TOKENS = 40_000
CHARS_PER_TOKEN = 4.4  # of the paragraph mix below under Qwen2.5 (measured on 300 conversations)
WRONG_ANSWER, TRUNCATED, UNCLOSED, BROKEN_LINE = 0.12, 0.03, 0.01, 0.002

_WORDS = ("so we need to find the value of the expression where each term depends on previous one let me check "
          "whether this condition holds for all integers since the sum is symmetric we can assume without loss "
          "generality that first variable smallest then substitute back into original equation and simplify "
          "carefully wait maybe I made a mistake earlier recompute derivative again hmm this gives same result "
          "therefore answer should be consistent with constraints given in problem statement").split()
_LATEX = [r"\frac{{{a}}}{{{b}}}", r"\sqrt{{{a}}}", r"x^{{{a}}} + {b}x - {c}", r"\sum_{{k=1}}^{{{a}}} k^{b}", r"\binom{{{a}}}{{{b}}}",
          r"\int_0^{{{a}}} t^{b}\,dt", r"\left( {a} + \frac{{{b}}}{{{c}}} \right)^2", r"{a} \cdot {b} \equiv {c} \pmod{{7}}"]
_CODE = ["for i in range({a}):\n    total += arr[i] * {b}\n", "if n % {a} == 0:\n    print(n // {b})\n",
         "int dp[{a}];\nfor (int j = 0; j < n; ++j) dp[j] = max(dp[j], dp[j - 1] + {b});\n",
         "def solve(n):\n    return sum(x * x for x in range(n)) % {a}\n", "std::vector<long long> v({a}, {b});\n"]
_OTHER = ["因此，我们得到方程的解为 {a}。", "Давайте проверим это ещё раз: {a} + {b}.", "つまり答えは {a} です。", "✅ {a} ≤ {b} → ok"]


def _paragraph(rng: random.Random) -> str:
    """One paragraph of reasoning in the mix real R1 traces show."""
    numbers = {"a": rng.randint(2, 99_999), "b": rng.randint(1, 999), "c": rng.randint(1, 50)}
    kind = rng.random()
    words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(15, 60)))
    if kind < 0.45:
        return words.capitalize() + f", giving {numbers['a']}."
    if kind < 0.75:
        return f"{words.capitalize()}: $${rng.choice(_LATEX).format(**numbers)}$$"
    if kind < 0.93:
        return f"Consider the code:\n```\n{rng.choice(_CODE).format(**numbers)}```"
    return rng.choice(_OTHER).format(**numbers) + " " + words


@dataclass(frozen=True)
class Paragraphs:
    """A fixed bank of paragraphs; documents are drawn from it, so generation stays fast at any size."""

    texts: tuple[str, ...]

    @classmethod
    def make(cls, seed: int, size: int = 4_096) -> Paragraphs:
        rng = random.Random(f"bank:{seed}")
        return cls(tuple(_paragraph(rng) for _ in range(size)))

    def text(self, rng: random.Random, tokens: int) -> str:
        parts, chars, target = [], 0, tokens * CHARS_PER_TOKEN
        while chars < target:
            paragraph = self.texts[rng.randrange(len(self.texts))]
            parts.append(paragraph)
            chars += len(paragraph) + 2
        return "\n\n".join(parts)


def conversation_tokens(rng: random.Random, scale: float = 1.0) -> int:
    """Tokens of one conversation: lognormal (median ``MEDIAN_TOKENS``), capped at ``CAP_TOKENS``."""
    return max(64, min(CAP_TOKENS, int(scale * MEDIAN_TOKENS * math.exp(rng.gauss(0.0, SIGMA)))))


def domain_counts(traces: int) -> dict[str, int]:
    """Traces per domain in MoT proportions, summing exactly to ``traces``."""
    total = sum(SHARES.values())
    counts = {d: traces * n // total for d, n in SHARES.items()}
    counts["science"] += traces - sum(counts.values())
    return counts


def _response(bank: Paragraphs, rng: random.Random, tokens: int, answer: str) -> tuple[str, str]:
    """(assistant turn, finish_reason) with the corpus's share of defects."""
    reasoning = bank.text(rng, tokens)
    defect = rng.random()
    if defect < TRUNCATED:
        return "<think>\n" + reasoning, "length"
    if defect < TRUNCATED + UNCLOSED:
        return f"<think>\n{reasoning}\n\nThe answer is {answer}.", "stop"
    return f"<think>\n{reasoning}\n</think>\n\nTherefore the final answer is $\\boxed{{{answer}}}$.", "stop"


def math_rows(bank: Paragraphs, seed: int, count: int, scale: float) -> Iterator[dict]:
    """OpenR1-Math-220k rows; each row carries one or two generations (traces)."""
    index, made = 0, 0
    while made < count:
        rng = random.Random(f"math:{seed}:{index}")
        a, b = rng.randint(2, 500), rng.randint(2, 500)
        generations, finish = [], []
        for _ in range(min(count - made, rng.choice((1, 1, 2)))):
            answer = str(a * b + (rng.randint(1, 9) if rng.random() < WRONG_ANSWER else 0))
            text, reason = _response(bank, rng, conversation_tokens(rng, scale), answer)
            generations.append(text)
            finish.append(reason)
        made += len(generations)
        yield {"problem": f"Compute ${a} \\times {b}$. Show your reasoning.", "solution": "", "answer": str(a * b),
               "uuid": f"bench-{seed}-{index}", "generations": generations, "finish_reasons": finish,
               "is_reasoning_complete": [r == "stop" for r in finish], "correctness_math_verify": [True] * len(finish)}
        index += 1


def code_rows(bank: Paragraphs, seed: int, count: int, scale: float) -> Iterator[dict]:
    """codeforces-cots rows (one R1 generation each, statement examples as tests)."""
    for index in range(count):
        rng = random.Random(f"code:{seed}:{index}")
        n = rng.randint(1, 1000)
        text, reason = _response(bank, rng, conversation_tokens(rng, scale), f"{n}")
        text = text.replace("$\\boxed{" + str(n) + "}$", f"\n```python\nprint({n})\n```")
        yield {"id": f"{1000 + index // 5}/{'ABCDE'[index % 5]}", "prompt": f"Read nothing and print {n}.", "generation": text,
               "examples": [{"input": "", "output": str(n)}], "finish_reason": reason, "time_limit": 1.0, "memory_limit": 256}


def science_rows(bank: Paragraphs, seed: int, count: int, scale: float) -> Iterator[dict]:
    """Nemotron science rows (multiple choice, ``input`` chat + ``output``)."""
    for index in range(count):
        rng = random.Random(f"science:{seed}:{index}")
        letter = rng.choice("ABCD")
        text, _ = _response(bank, rng, conversation_tokens(rng, scale), letter)
        options = " ".join(f"{c}) option {rng.randint(1, 99)}" for c in "ABCD")
        yield {"input": [{"role": "user", "content": f"Which statement about sample {index} holds? {options}"}], "output": text,
               "category": "science", "generator": "DeepSeek-R1", "used_in_training": "yes", "reference_answer": letter}


def _write_jsonl(path: Path, rows: Iterator[dict], seed: int) -> None:
    rng = random.Random(f"broken:{seed}:{path.name}")
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            line = json.dumps(row, ensure_ascii=False)
            if rng.random() < BROKEN_LINE:
                line = line[: len(line) // 2]  # a cut-off line, as in a partially downloaded file
            handle.write(line + "\n")


RECIPE = """name: bench-corpus
seed: {seed}
max_tokens: 32768
domains:
  math: {{sources: [{{name: openr1_math, adapter: openr1_math, path: math.jsonl}}], verify: {{timeout_s: 10}}}}
  code: {{sources: [{{name: codeforces_cots, adapter: codeforces_cots, path: code.jsonl}}]}}
  science: {{sources: [{{name: nemotron_science, adapter: nemotron_science, path: science.jsonl}}]}}
"""


def write_corpus(folder: Path, traces: int, seed: int = 0, length_scale: float = 1.0) -> Path:
    """Write ``traces`` traces (MoT proportions) and a recipe for them into ``folder``; returns the recipe."""
    folder.mkdir(parents=True, exist_ok=True)
    bank = Paragraphs.make(seed)
    counts = domain_counts(traces)
    _write_jsonl(folder / "math.jsonl", math_rows(bank, seed, counts["math"], length_scale), seed)
    _write_jsonl(folder / "code.jsonl", code_rows(bank, seed, counts["code"], length_scale), seed)
    _write_jsonl(folder / "science.jsonl", science_rows(bank, seed, counts["science"], length_scale), seed)
    recipe = folder / "recipe.yaml"
    recipe.write_text(RECIPE.format(seed=seed))
    return recipe


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", type=Path)
    parser.add_argument("--traces", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--length-scale", type=float, default=1.0, help="Multiply every conversation length (e.g. 0.1 for quick runs).")
    args = parser.parse_args()
    print(write_corpus(args.output, args.traces, args.seed, args.length_scale))


if __name__ == "__main__":
    main()
