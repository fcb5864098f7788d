"""Speed of the token counter (``mot.fastcount``) against HF ``encode_batch`` on one core, and its set-up.

1. Tokens/s of ``make_counter(None, "chatml")`` vs rendering the same conversations and counting
   them with HF ``tokenizers`` ``encode_batch`` (RAYON_NUM_THREADS=1), on two corpora: the synthetic
   MoT-shaped conversations of ``bench/corpus.py`` and real text from ``../shared/data`` (problem
   statements, solutions and code; skipped when absent). Counts must be equal; target >= 3x.
2. Set-up: seconds (wall and CPU) for a fresh interpreter to import ``mot.fastcount`` and build the
   counter, with an empty user cache (cold) and again with the cache it left (warm).

    PYTHONPATH=. python bench/bench_fastcount.py [--conversations 300] [--length-scale 0.5] [--shared-data DIR]
"""

from __future__ import annotations

import os

os.environ["RAYON_NUM_THREADS"] = "1"  # one core for HF, before tokenizers is imported
os.environ["TOKENIZERS_PARALLELISM"] = "false"

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.corpus import Paragraphs, conversation_tokens  # noqa: E402
from mot.fastcount import make_counter  # noqa: E402
from mot.tokenizer import load_tokenizer, render_chat  # noqa: E402

Conversation = list[dict[str, str]]
SHARED_FILES = ["code_problems/livecodebench_graded_solutions_o1.jsonl", "code_problems/leetcode_contests_2023-07_2024-01.jsonl",
                "code_problems/humaneval.jsonl", "benchmarks/math500.jsonl", "benchmarks/aime2024.jsonl",
                "r1_traces/thoughtology_r1_sample.jsonl"]


def synthetic(count: int, scale: float, seed: int) -> list[Conversation]:
    """MoT-shaped conversations (English reasoning, LaTeX, code, CJK/Cyrillic lines), ~4k tokens median at scale 1."""
    bank, rng = Paragraphs.make(seed), random.Random(seed)
    return [[{"role": "user", "content": f"Compute {rng.randint(2, 999)} x {rng.randint(2, 999)}."},
             {"role": "assistant", "content": f"<think>\n{bank.text(rng, conversation_tokens(rng, scale))}\n</think>\n\nDone."}]
            for _ in range(count)]


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def real(folder: Path) -> list[Conversation]:
    """One conversation per row of the shared files: its text fields joined, as the user turn."""
    convs = []
    for name in SHARED_FILES:
        path = folder / name
        if path.is_file():
            for line in path.open(encoding="utf-8"):
                convs.append([{"role": "user", "content": "\n\n".join(_strings(json.loads(line)))}])
    return convs


def best_of(repeats: int, work: Callable[[], list[int]]) -> tuple[float, list[int]]:
    best, result = float("inf"), []
    for _ in range(repeats):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    return best, result


def compare(name: str, convs: list[Conversation], repeats: int) -> None:
    tokenizer = load_tokenizer(None, "chatml")
    backend = tokenizer.backend_tokenizer
    count = make_counter(None, "chatml")

    def hf() -> list[int]:
        texts = [render_chat(tokenizer, m) for m in convs]
        return [len(e.ids) for e in backend.encode_batch(texts, add_special_tokens=False)]

    count(convs[:1])  # the first call loads what the counter loads lazily: set-up is measured below
    hf_s, expected = best_of(repeats, hf)
    fast_s, got = best_of(repeats, lambda: count(convs))
    tokens = sum(expected)
    print(f"\n## {name}: {len(convs):,} conversations, {tokens:,} tokens, one core, best of {repeats}")
    print(f"{'contender':<40}{'seconds':>9}{'Mtok/s':>9}")
    print(f"{'HF render + encode_batch':<40}{hf_s:>9.2f}{tokens / hf_s / 1e6:>9.2f}")
    print(f"{'mot.fastcount counter':<40}{fast_s:>9.2f}{tokens / fast_s / 1e6:>9.2f}")
    mismatches = sum(a != b for a, b in zip(got, expected, strict=True))
    print(f"RATIO counter vs HF encode_batch: {hf_s / fast_s:.2f}x (target >= 3); mismatches: {mismatches}")


SETUP = ("import time; t = time.perf_counter(); from mot.fastcount import make_counter; "
         "c = make_counter(None, 'chatml'); c([[{'role': 'user', 'content': 'hi there, ok?'}]]); print(time.perf_counter() - t)")


def setup_seconds(cache: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of SETUP in a fresh interpreter; CPU time stays meaningful on a busy machine."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(REPO)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([sys.executable, "-c", SETUP], env=env, check=True, capture_output=True, text=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return float(out.split()[-1]), after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conversations", type=int, default=300)
    parser.add_argument("--length-scale", type=float, default=0.5)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--shared-data", type=Path, default=REPO.parent / "shared" / "data")
    args = parser.parse_args()
    compare("synthetic MoT-shaped corpus", synthetic(args.conversations, args.length_scale, args.seed), args.repeats)
    shared = real(args.shared_data)
    if shared:
        compare(f"real text from {args.shared_data}", shared, args.repeats)
    else:
        print(f"\n(no real text: {args.shared_data} is absent)")
    with tempfile.TemporaryDirectory() as cache:
        cold = setup_seconds(Path(cache))
        warm = min(setup_seconds(Path(cache)) for _ in range(args.repeats))
    print("\nset-up (fresh interpreter: import, build the counter, count one conversation; whole process CPU)")
    print(f"cold (empty cache): {cold[0]:.2f}s wall, {cold[1]:.2f}s CPU;  warm: {warm[0]:.2f}s wall, {warm[1]:.2f}s CPU")


if __name__ == "__main__":
    main()
