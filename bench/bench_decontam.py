"""Decontamination throughput vs the build's token-counting step, on the same MoT-shaped rows.

Both run on 2 worker processes over the same conversations; the index holds every benchmark
problem found in ../shared/data/benchmarks (or a synthetic stand-in when it is absent).
Usage: python bench/bench_decontam.py [--rows 10000]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import tempfile
import time
from pathlib import Path

from mot.decontam import NgramIndex
from mot.tokenizer import count_chat_tokens, load_tokenizer

VOCAB = ("the of and to a in is that we so let me check wait which equation number value sum term factor prime root "
         "triangle angle side area probability case first second then therefore since because if not equal greater less "
         "compute simplify substitute solve function derivative integral matrix vector code loop array index return "
         "answer boxed frac sqrt pi x y z n k i j 0 1 2 3 4 5 6 7 8 9 10 12 15 20 100").split()
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "benchmarks"


def synthetic_conversations(rows: int, seed: int = 0) -> list[list[dict[str, str]]]:
    """MoT-shaped: assistant turns of lognormal length (median ≈ 4k tokens ≈ 3k words, capped)."""
    rng = random.Random(seed)
    conversations = []
    for _ in range(rows):
        n_words = min(int(rng.lognormvariate(8.0, 0.9)), 24_000)
        body = " ".join(rng.choices(VOCAB, k=n_words))
        problem = " ".join(rng.choices(VOCAB, k=rng.randint(20, 120)))
        conversations.append([{"role": "user", "content": problem}, {"role": "assistant", "content": f"<think>\n{body}\n</think>\n\n\\boxed{{3}}"}])
    return conversations


def benchmark_items() -> dict[str, list[tuple[str, str]]]:
    if SHARED.is_dir():
        return {f.stem: [(str(i), json.loads(line).get("problem") or json.loads(line).get("question_content")) for i, line in enumerate(f.open())]
                for f in SHARED.glob("*.jsonl")}
    rng = random.Random(1)
    return {"synthetic": [(str(i), " ".join(rng.choices(VOCAB, k=40))) for i in range(1500)]}


_INDEX: NgramIndex | None = None


def _init(folder: str) -> None:
    global _INDEX
    _INDEX = NgramIndex.load(Path(folder))


def _decontam(batch: list[list[dict[str, str]]]) -> int:
    assert _INDEX is not None
    return sum(_INDEX.match(c[0]["content"]) is not None or _INDEX.match(c[1]["content"]) is not None for c in batch)


def _count(batch: list[list[dict[str, str]]]) -> int:
    return sum(count_chat_tokens(load_tokenizer(), batch))


def timed(function, batches, folder: str) -> tuple[float, int]:
    with multiprocessing.get_context("forkserver").Pool(2, initializer=_init, initargs=(folder,)) as pool:
        pool.map(function, batches[:2])  # warm up (tokenizer load, index mmap)
        started = time.perf_counter()
        total = sum(pool.map(function, batches))
        return time.perf_counter() - started, total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    rows = parser.parse_args().rows
    conversations = synthetic_conversations(rows)
    batches = [conversations[i : i + 64] for i in range(0, rows, 64)]
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        index = NgramIndex.build({k: v for k, v in benchmark_items().items() if all(t for _, t in v)})
        index.save(Path(folder))
        build_s = time.perf_counter() - started
        decontam_s, flagged = timed(_decontam, batches, folder)
        count_s, tokens = timed(_count, batches, folder)
    print(f"rows {rows}, tokens {tokens:,}, benchmark items {len(index)} (index built in {build_s:.2f}s), flagged {flagged}")
    print(f"decontamination (problem + response): {decontam_s:6.1f}s  {rows / decontam_s:8.0f} rows/s on 2 processes")
    print(f"token counting (HF tokenizers):       {count_s:6.1f}s  {rows / count_s:8.0f} rows/s on 2 processes")
    print(f"ratio decontam/count time: {decontam_s / count_s:.2f} (target ≤ 1.5)")


if __name__ == "__main__":
    main()
