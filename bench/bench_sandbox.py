"""Tests per second, sandboxed vs bare subprocess, judging programs on their tests (2 workers).

    PYTHONPATH=. python bench/bench_sandbox.py [PROGRAMS]

(a) trivial: Python programs that double a number, 5 tests each.
(b) realistic mix: 2/3 Python, 1/3 C++ (bits/stdc++.h), 20 small tests each (sorting, sums, a DP),
    read as competitive programmers read input (sys.stdin, cin with sync off).

The sandbox judges each program as the pipeline does: one box per program, a fresh sandboxed process
per test, compare with the expected output. The bare baseline runs the same trusted programs with
the same interpreter flags / compiled binary via plain subprocess, one process per test, and the
same comparison. Compiling C++ is outside the timing on both sides (done once per program first).
"""
from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mot.sandbox import Limits, Sandbox, SandboxConfig, TestCase, compare_output
from mot.sandbox.bwrap import PYTHON_FLAGS
from mot.sandbox.isolation import default_python

WORKERS = 2
LIMITS = Limits(time_limit=5, memory_mb=512)

SORT_PY = "import sys\ndata = sys.stdin.buffer.read().split()\nn = int(data[0])\nprint(*sorted(map(int, data[1:n + 1])))\n"
DP_PY = ("import sys\ninput = sys.stdin.readline\nn = int(input())\nw = list(map(int, input().split()))\n"
         "best = [0] * (n + 1)\nfor i in range(1, n + 1):\n    best[i] = max(best[i - 1], (best[i - 2] if i > 1 else 0) + w[i - 1])\n"
         "print(best[n])\n")
SUM_CPP = ("#include <bits/stdc++.h>\nusing namespace std;\nint main(){ios::sync_with_stdio(false);cin.tie(nullptr);"
           "int n;cin>>n;vector<long long>a(n);for(auto&x:a)cin>>x;sort(a.begin(),a.end());"
           "long long s=0;for(auto x:a)s+=x;cout<<s<<' '<<a.back()<<'\\n';}\n")


def trivial_programs(n: int) -> list[tuple[str, str, list[TestCase]]]:
    return [("python", f"print(int(input()) * 2 + {i})\n", [TestCase.stdio(str(k), str(2 * k + i)) for k in range(5)])
            for i in range(n)]


def _house_robber(w: list[int]) -> int:
    a = b = 0
    for x in w:
        a, b = b, max(b, a + x)
    return b


def mixed_programs(n: int) -> list[tuple[str, str, list[TestCase]]]:
    rng = random.Random(0)
    programs = []
    for i in range(n):
        kind = i % 3
        tests = []
        for _ in range(20):
            xs = [rng.randint(-1000, 1000) for _ in range(rng.randint(1, 200))]
            stdin = f"{len(xs)}\n{' '.join(map(str, xs))}\n"
            if kind == 0:
                tests.append(TestCase.stdio(stdin, " ".join(map(str, sorted(xs)))))
            elif kind == 1:
                ws = [abs(x) for x in xs]
                tests.append(TestCase.stdio(f"{len(ws)}\n{' '.join(map(str, ws))}\n", str(_house_robber(ws))))
            else:
                tests.append(TestCase.stdio(stdin, f"{sum(xs)} {max(xs)}"))
        programs.append(("python", SORT_PY, tests) if kind == 0 else ("python", DP_PY, tests) if kind == 1
                        else ("cpp", SUM_CPP, tests))
    return programs


def bare(programs, scratch: Path) -> float:
    python = default_python()
    binary = scratch / "sum_cpp"
    (scratch / "sum.cpp").write_text(SUM_CPP)
    subprocess.run(["g++", "-O2", "-DONLINE_JUDGE", "-std=c++17", str(scratch / "sum.cpp"), "-o", str(binary)], check=True)

    def one(program) -> None:
        lang, source, tests = program
        argv = [str(binary)] if lang == "cpp" else [python, *PYTHON_FLAGS, "-c", source]
        for test in tests:
            out = subprocess.run(argv, input=test.stdin.encode(), capture_output=True, check=True).stdout
            assert compare_output(out.decode(), test.expected)[0]

    t = time.perf_counter()
    with ThreadPoolExecutor(WORKERS) as ex:
        list(ex.map(one, programs))
    return sum(len(p[2]) for p in programs) / (time.perf_counter() - t)


def sandboxed(programs) -> float:
    boxes = [Sandbox(SandboxConfig(), worker_index=i) for i in range(WORKERS)]
    try:
        prepared = [boxes[i % WORKERS].prepare(lang, source, LIMITS) for i, (lang, source, _) in enumerate(programs)]

        def one(i: int) -> None:
            with boxes[i % WORKERS].start(prepared[i]) as running:
                for test in programs[i][2]:
                    result, _ = running.run(test.stdin.encode(), LIMITS)
                    assert result.verdict == "AC" and compare_output(result.stdout.decode(), test.expected)[0], result

        t = time.perf_counter()
        with ThreadPoolExecutor(WORKERS) as ex:
            list(ex.map(one, range(len(programs))))
        return sum(len(p[2]) for p in programs) / (time.perf_counter() - t)
    finally:
        for b in boxes:
            b.close()


def main() -> None:
    parser = argparse.ArgumentParser(description="tests/s sandboxed vs bare subprocess")
    parser.add_argument("programs", type=int, nargs="?", default=60)
    n = parser.parse_known_args()[0].programs  # run_all.py passes its extra arguments to every bench
    rounds = 3  # alternating, medians: the machine's load drifts between runs
    with tempfile.TemporaryDirectory() as scratch:
        for name, programs in (("trivial (5 tests/program)", trivial_programs(n)),
                               ("realistic mix (20 tests/program)", mixed_programs(n // 2))):
            bare_rates, sandbox_rates = [], []
            for _ in range(rounds):
                bare_rates.append(bare(programs, Path(scratch)))
                sandbox_rates.append(sandboxed(programs))
            b, s = statistics.median(bare_rates), statistics.median(sandbox_rates)
            tests = sum(len(p[2]) for p in programs)
            print(f"{name}: {len(programs)} programs, {tests} tests, {WORKERS} workers, median of {rounds} rounds")
            print(f"  bare subprocess: {b:7.1f} tests/s")
            print(f"  sandboxed:       {s:7.1f} tests/s")
            print(f"  ratio sandboxed/bare: {s / b:.2f}")


if __name__ == "__main__":
    main()
