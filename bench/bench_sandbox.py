"""Throughput of sandboxed vs bare-subprocess runs of ~200 trivial Python programs (2 workers).

    PYTHONPATH=. python bench/bench_sandbox.py [N]

The bare baseline runs the same trivial, trusted program (no model code) with plain subprocess."""
from __future__ import annotations

import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from mot.sandbox import Limits, Sandbox, SandboxConfig
from mot.sandbox.isolation import default_python

N = int(sys.argv[1]) if len(sys.argv) > 1 else 200
WORKERS = 2
PROGRAMS = [f"print({i} * 2)\n" for i in range(N)]


def bare() -> float:
    py = default_python()

    def one(src: str) -> None:
        subprocess.run([py, "-I", "-S", "-B", "-c", src], capture_output=True, check=True)

    t = time.perf_counter()
    with ThreadPoolExecutor(WORKERS) as ex:
        list(ex.map(one, PROGRAMS))
    return N / (time.perf_counter() - t)


def sandboxed() -> float:
    boxes = [Sandbox(SandboxConfig(), worker_index=i) for i in range(WORKERS)]
    try:
        def one(i: int) -> None:
            r = boxes[i % WORKERS].run("python", PROGRAMS[i], b"", Limits())
            assert r.verdict == "AC", r
        t = time.perf_counter()
        with ThreadPoolExecutor(WORKERS) as ex:
            list(ex.map(one, range(N)))
        return N / (time.perf_counter() - t)
    finally:
        for b in boxes:
            b.close()


def main() -> None:
    b = bare()
    s = sandboxed()
    print(f"programs={N} workers={WORKERS}")
    print(f"bare subprocess: {b:7.1f} runs/s")
    print(f"sandboxed:       {s:7.1f} runs/s")
    print(f"ratio sandboxed/bare: {s / b:.2f} (sandbox costs {b / s:.1f}x)")


if __name__ == "__main__":
    main()
