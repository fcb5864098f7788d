"""Judge one trace's program against its tests, inside the sandbox.

stdio tests: the program is compiled once and runs in ONE box, a fresh process per test with that
test's limits, stopping at the first failure. Outputs are compared token-wise
(`mot.sandbox.compare`), or by the problem's own checker, which runs in a box of its own.
Call tests (Python asserts) run in one harness process.
"""
from __future__ import annotations

import ast
import json
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Literal

from mot.sandbox.compare import compare_output
from mot.sandbox.runner import Prepared, RunningProgram, Sandbox, python_command
from mot.sandbox.types import (AC, CE, RE, SKIPPED, TLE, UNDECIDED, WA, Checker, CompareRule, ExtractedCode, Failure,
                               Limits, RunResult, TestCase, TestVerdict, TraceVerdict)

_HARNESS = (Path(__file__).with_name("harness.py")).read_text()
# CPython 3.11's ast.parse is not thread-safe ("AST constructor recursion depth mismatch" when
# two threads parse at once); judges run on thread pools.
_AST_LOCK = threading.Lock()
CHECKER_LIMITS = Limits(time_limit=10.0, memory_mb=1024)
InputMode = Literal["stdio", "file"]


def split_assert_script(script: str) -> list[str]:
    """Split a test script into call-based tests: each chunk ends with one top-level `assert`,
    carrying the statements before it (e.g. LeetCode's `my_solution = Solution()` / `test_input = …`)."""
    with _AST_LOCK:
        tree = ast.parse(script)
    lines = script.splitlines()
    chunks, start = [], 0
    for node in tree.body:
        if isinstance(node, ast.Assert):
            end = node.end_lineno or node.lineno
            chunks.append("\n".join(lines[start:end]))
            start = end
    return chunks


def _finish(verdicts: list[TestVerdict], total: int, compile_result: RunResult | None = None,
            unverified_reason: str | None = None) -> TraceVerdict:
    """The trace's verdict; a real failure (WA, RE …) outweighs any undecided output."""
    passed = sum(v.verdict == AC for v in verdicts)
    first = next((Failure(v.index, v.verdict, v.detail, v.name) for v in verdicts
                  if v.verdict not in (AC, SKIPPED, UNDECIDED)), None)
    if first is not None:
        unverified_reason = None
    else:
        first = next((Failure(v.index, v.verdict, v.detail, v.name) for v in verdicts if v.verdict == UNDECIDED), None)
    return TraceVerdict(passed=passed, total=total, first_failure=first, tests=verdicts,
                        compile_result=compile_result, unverified_reason=unverified_reason)


def judge(code: ExtractedCode | str, lang: str | None, tests: list[TestCase], compare: CompareRule | None,
          limits: Limits | None, sandbox: Sandbox, stop_on_first_failure: bool = True,
          input_mode: InputMode = "stdio", cpp_standard: str | None = None,
          time_budget_s: float | None = None) -> TraceVerdict:
    """Run the program on every test and return per-test and per-trace verdicts.

    ``time_budget_s`` caps the wall time of the whole trace (compile and every test): tests not
    started within it are SKIPPED and the trace is unverified with reason ``trace_timeout``.

    `input_mode` "file": the test input is the file input.txt and the output is read from
    output.txt, as Codeforces' file problems do. With stop_on_first_failure the remaining tests are
    SKIPPED. An output that only a checker could judge (`compare.needs_checker`), or a checker
    that crashed, makes the trace unverified (`TraceVerdict.unverified_reason`), never a WA."""
    compare = compare or CompareRule()
    limits = limits or Limits()
    if isinstance(code, ExtractedCode):
        lang = lang or code.lang
        cpp_standard = cpp_standard or code.cpp_standard
        source = code.code
    else:
        source = code
    if lang not in ("python", "cpp"):
        raise ValueError(f"unknown language {lang!r}")
    total = len(tests)
    if total == 0:
        return _finish([], 0)
    call = [t for t in tests if t.kind == "call"]
    if call and len(call) != total:
        raise ValueError("mixing call and stdio tests in one trace is not supported")
    deadline = None if time_budget_s is None else time.monotonic() + time_budget_s
    if call:
        if lang != "python":
            raise ValueError("call-based tests need Python")
        return _judge_calls(source, tests, limits, sandbox, stop_on_first_failure, time_budget_s)

    prep = sandbox.prepare(lang, source, limits, cpp_standard=cpp_standard)
    try:
        if not prep.ok:
            result = prep.compile_result
            verdicts = [TestVerdict(0, CE, 0.0, (result.detail if result else "")[:500], tests[0].name)]
            verdicts += [TestVerdict(i, SKIPPED, name=t.name) for i, t in enumerate(tests) if i > 0]
            return _finish(verdicts, total, result)
        with sandbox.start(prep) as program, _CheckerBox(sandbox, compare.checker) as checker:
            return _judge_stdio(program, checker, tests, compare, limits, stop_on_first_failure, input_mode,
                                prep.compile_result, deadline)
    finally:
        sandbox.release(prep)


def _judge_stdio(program: RunningProgram, checker: "_CheckerBox", tests: list[TestCase], compare: CompareRule,
                 limits: Limits, stop: bool, input_mode: InputMode, compile_result: RunResult | None,
                 deadline: float | None = None) -> TraceVerdict:
    verdicts: list[TestVerdict] = []
    unverified_reason = None
    for i, test in enumerate(tests):
        if verdicts and stop and verdicts[-1].verdict not in (AC, UNDECIDED):
            verdicts += [TestVerdict(j, SKIPPED, name=t.name) for j, t in enumerate(tests) if j >= i]
            break
        left = None if deadline is None else deadline - time.monotonic()
        run_limits = limits if left is None or left >= limits.wall() else replace(limits, wall_limit=max(left, 0.0))
        if left is not None and left <= 0:
            verdicts += [TestVerdict(j, SKIPPED, name=t.name) for j, t in enumerate(tests) if j >= i]
            unverified_reason = "trace_timeout"
            break
        stdin = test.stdin.encode()
        if input_mode == "file":
            result, output_file = program.run(b"", run_limits, files={"input.txt": stdin}, collect="output.txt")
            output = output_file
        else:
            result, _ = program.run(stdin, run_limits)
            output = result.stdout
        if result.verdict == TLE and run_limits is not limits:  # cut by the trace's budget, not the problem's limit
            verdicts += [TestVerdict(j, SKIPPED, name=t.name) for j, t in enumerate(tests) if j >= i]
            unverified_reason = "trace_timeout"
            break
        if result.verdict != AC:
            detail = (result.detail + " " + result.stderr[-300:].decode("utf-8", "replace")).strip()
            verdicts.append(TestVerdict(i, result.verdict, result.cpu_time, detail, test.name))
            continue
        if output is None:
            verdicts.append(TestVerdict(i, WA, result.cpu_time, "the program wrote no output.txt", test.name))
            continue
        verdict, detail = _check(output, test, compare, checker, stdin)
        verdicts.append(TestVerdict(i, verdict, result.cpu_time, detail, test.name))
        if verdict == UNDECIDED and unverified_reason is None:
            unverified_reason = "checker_failed" if compare.checker is not None else "needs_checker"
    return _finish(verdicts, len(tests), compile_result, unverified_reason)


def _check(output: bytes, test: TestCase, compare: CompareRule, checker: "_CheckerBox",
           stdin: bytes) -> tuple[str, str]:
    """(verdict, evidence) of one output: AC, WA, or UNDECIDED when only a checker could say."""
    expected = test.expected or ""
    same, detail = compare_output(output.decode("utf-8", "replace"), expected, compare)
    if same:  # the expected answer is right, so an output equal to it is too
        return AC, ""
    if compare.checker is not None:
        return checker.check(stdin, expected.encode(), output, detail)
    if compare.needs_checker:
        return UNDECIDED, f"differs from the expected answer, and only a checker could judge it: {detail}"
    return WA, detail


class _CheckerBox:
    """The problem's checker, started in a box of its own at the first output that differs."""

    def __init__(self, sandbox: Sandbox, checker: Checker | None):
        self.sandbox = sandbox
        self.checker = checker
        self.prepared: Prepared | None = None
        self.program: RunningProgram | None = None

    def check(self, stdin: bytes, expected: bytes, output: bytes, difference: str) -> tuple[str, str]:
        """``checker.py input.txt correct_output.txt solution_output.txt`` prints 1 or 0."""
        assert self.checker is not None
        if self.prepared is None:  # prepared once per trace, whether or not it compiles
            self.prepared = self.sandbox.prepare(self.checker.lang, self.checker.source, CHECKER_LIMITS,
                                                 filename="checker.py")
        if not self.prepared.ok:
            return UNDECIDED, "the problem's checker does not compile"
        if self.program is None:
            self.program = self.sandbox.start(self.prepared)
        files = {"input.txt": stdin, "correct_output.txt": expected, "solution_output.txt": output}
        result, _ = self.program.run(b"", CHECKER_LIMITS, args=list(files), files=files)
        said = result.stdout.split()
        if result.verdict == AC and said and said[-1] in (b"0", b"1"):
            return (AC, "") if said[-1] == b"1" else (WA, f"rejected by the problem's checker; {difference}")
        why = result.detail or result.stdout[-100:].decode("utf-8", "replace")
        return UNDECIDED, f"the problem's checker failed ({result.verdict} {why}) {result.stderr[-200:].decode('utf-8', 'replace')}".strip()

    def __enter__(self) -> "_CheckerBox":
        return self

    def __exit__(self, *exc) -> None:
        if self.program is not None:
            self.program.close()
        if self.prepared is not None:
            self.sandbox.release(self.prepared)


def _judge_calls(source: str, tests: list[TestCase], limits: Limits, sandbox: Sandbox, stop: bool,
                 time_budget_s: float | None = None) -> TraceVerdict:
    total = len(tests)
    prep = sandbox.prepare("python", source, limits)
    (prep.host_dir / "harness.py").write_text(_HARNESS)
    harness = Prepared("python", prep.host_dir, python_command(sandbox.python, prep.inside("harness.py")))
    try:
        config = {"time_limit": limits.time_limit, "stop_early": stop, "tests": [t.code or "" for t in tests]}
        n = total + 1
        wall = (limits.wall_limit or 3 * limits.time_limit + 3) + limits.time_limit * n * 2
        # One harness run does every test, so the trace's budget is its wall limit.
        budget_binds = time_budget_s is not None and time_budget_s < wall
        run_limits = Limits(time_limit=limits.time_limit * n + 1.0, memory_mb=limits.memory_mb,
                            wall_limit=time_budget_s if budget_binds else wall,
                            output_limit=limits.output_limit, nproc=limits.nproc,
                            fsize_mb=limits.fsize_mb, nofile=limits.nofile)
        with sandbox.start(harness) as program:
            result, _ = program.run(b"", run_limits, args=[prep.inside("main.py"), "tests.json"],
                                    files={"tests.json": json.dumps(config).encode()})
    finally:
        sandbox.release(prep)
    verdicts: list[TestVerdict] = []
    load = None
    done = False
    for line in result.stdout.decode("utf-8", "replace").splitlines():
        try:
            d = json.loads(line)
        except ValueError:
            continue
        if not isinstance(d, dict):
            continue
        if "load" in d:
            load = d
        elif "i" in d and d.get("i") == len(verdicts):
            i = int(d["i"])
            verdicts.append(TestVerdict(i, str(d.get("v")), float(d.get("cpu", 0.0)), str(d.get("detail", "")),
                                        tests[i].name if i < total else ""))
        elif d.get("done"):
            done = True
    if load is not None and load.get("load") != AC:
        v = [TestVerdict(0, str(load["load"]), float(load.get("cpu", 0.0)),
                         "program failed to load: " + str(load.get("detail", "")), tests[0].name)]
        v += [TestVerdict(i, SKIPPED, name=t.name) for i, t in enumerate(tests) if i > 0]
        return _finish(v, total)
    stopped = any(v.verdict != AC for v in verdicts) and stop
    if not done and not stopped and len(verdicts) < total and budget_binds and result.verdict == TLE:
        verdicts += [TestVerdict(i, SKIPPED, name=tests[i].name) for i in range(len(verdicts), total)]
        return _finish(verdicts, total, unverified_reason="trace_timeout")
    if not done and not stopped and len(verdicts) < total:
        # The harness died mid-run (killed on a limit, or the program ended the process).
        why = result.verdict if result.verdict != AC else RE
        detail = (result.detail or "test harness did not finish (program exited the process?)")
        detail += " " + result.stderr[-300:].decode("utf-8", "replace")
        verdicts.append(TestVerdict(len(verdicts), why, result.cpu_time, detail.strip(), tests[len(verdicts)].name))
    verdicts += [TestVerdict(i, SKIPPED, name=tests[i].name) for i in range(len(verdicts), total)]
    return _finish(verdicts, total)
