"""Decontamination time vs token counting on the same MoT-shaped conversations (in worker processes).

Decontamination checks every turn (problem and response) against an index of every benchmark in
../shared/data/benchmarks (a synthetic stand-in when absent). Token counting is timed twice: the
counter the build uses (``mot.fastcount.make_counter``: bpe-qwen with HF fallbacks) and plain HF
``count_chat_tokens``. Target: decontamination ≤ 0.3x token counting. With ``--processes 1`` the
times do not depend on how the machine shares its cores between two workers.

Usage: python bench/bench_decontam.py [--rows 4000] [--processes 2]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import tempfile
import time
from pathlib import Path

from bench.corpus import Paragraphs, conversation_tokens
from mot.decontam import NgramIndex, match_conversation

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "benchmarks"
FIELDS = {"aime2024": "problem", "aime2025": "problem", "math500": "problem", "livecodebench_problems_2023-05_2025-01": "question_content"}


def conversations(rows: int, seed: int = 0) -> list[list[dict[str, str]]]:
    """Problem + long response (lognormal, median ≈ 4k tokens), text from bench/corpus.py's paragraph bank."""
    bank = Paragraphs.make(seed)
    rng = random.Random(seed)
    out = []
    for _ in range(rows):
        problem = bank.text(rng, rng.randint(40, 300))
        response = f"<think>\n{bank.text(rng, conversation_tokens(rng))}\n</think>\n\nThe answer is $\\boxed{{3}}$."
        out.append([{"role": "user", "content": problem}, {"role": "assistant", "content": response}])
    return out


def benchmark_items() -> dict[str, list[tuple[str, str]]]:
    if SHARED.is_dir():
        return {stem: [(str(i), json.loads(line)[field]) for i, line in enumerate((SHARED / f"{stem}.jsonl").open())]
                for stem, field in FIELDS.items()}
    rng = random.Random(1)
    words = "find the sum of all integers such that triangle area probability print answer each test case".split()
    return {"synthetic": [(str(i), " ".join(rng.choices(words, k=60))) for i in range(1500)]}


_WORK: dict[str, object] = {}


def _init(folder: str) -> None:
    from mot.fastcount import make_counter
    from mot.tokenizer import count_chat_tokens, load_tokenizer

    _WORK["index"] = NgramIndex.load(Path(folder))
    _WORK["fast"] = make_counter(None, "chatml")
    tokenizer = load_tokenizer()
    _WORK["hf"] = lambda batch: count_chat_tokens(tokenizer, batch)


def _decontam(batch: list[list[dict[str, str]]]) -> int:
    return sum(match_conversation(_WORK["index"], c) is not None for c in batch)  # type: ignore[arg-type]


def _count_fast(batch: list[list[dict[str, str]]]) -> int:
    return sum(_WORK["fast"](batch))  # type: ignore[operator]


def _count_hf(batch: list[list[dict[str, str]]]) -> int:
    return sum(_WORK["hf"](batch))  # type: ignore[operator]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=4_000)
    parser.add_argument("--processes", type=int, default=2, help="worker processes (1: no contention between them)")
    args = parser.parse_args()
    rows, processes = args.rows, args.processes
    data = conversations(rows)
    batches = [data[i : i + 32] for i in range(0, rows, 32)]
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        index = NgramIndex.build(benchmark_items())
        index.save(Path(folder))
        build_s = time.perf_counter() - started
        with multiprocessing.get_context("forkserver").Pool(processes, initializer=_init, initargs=(folder,)) as pool:
            timings = {}
            for name, function in (("decontam", _decontam), ("count_fast", _count_fast), ("count_hf", _count_hf)):
                pool.map(function, batches[:2])  # warm up
                started = time.perf_counter()
                totals = pool.map(function, batches)
                timings[name] = (time.perf_counter() - started, sum(totals))
    decontam_s, flagged = timings["decontam"]
    fast_s, tokens = timings["count_fast"]
    hf_s, _ = timings["count_hf"]
    print(f"rows {rows}, tokens {tokens:,}, benchmark items {len(index)} (index built in {build_s:.2f}s), flagged {flagged}")
    print(f"decontamination, every turn:        {decontam_s:6.1f}s  {rows / decontam_s:8.0f} rows/s on {processes} processes")
    print(f"token counting, the build's counter: {fast_s:6.1f}s  {rows / fast_s:8.0f} rows/s")
    print(f"token counting, HF tokenizers:       {hf_s:6.1f}s  {rows / hf_s:8.0f} rows/s")
    print(f"ratio decontam / build's counting: {decontam_s / fast_s:.2f}   decontam / HF counting: {decontam_s / hf_s:.2f}   (target ≤ 0.3)")


if __name__ == "__main__":
    main()
