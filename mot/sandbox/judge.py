"""Judge one trace's program against its tests, inside the sandbox."""
from __future__ import annotations

import ast
import json
import threading
from pathlib import Path

from mot.sandbox.compare import compare_output
from mot.sandbox.bwrap import DATA_DIR, SRC_DIR
from mot.sandbox.runner import Prepared, Sandbox, python_command
from mot.sandbox.types import (AC, CE, RE, SKIPPED, TLE, WA, CompareRule, ExtractedCode, Failure, Limits,
                    TestCase, TestVerdict, TraceVerdict)

_HARNESS = (Path(__file__).with_name("harness.py")).read_text()
# CPython 3.11's ast.parse is not thread-safe ("AST constructor recursion depth mismatch" when
# two threads parse at once); judges run on thread pools.
_AST_LOCK = threading.Lock()


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


def _finish(verdicts: list[TestVerdict], total: int, compile_result=None) -> TraceVerdict:
    passed = sum(v.verdict == AC for v in verdicts)
    first = next((Failure(v.index, v.verdict, v.detail) for v in verdicts if v.verdict not in (AC, SKIPPED)), None)
    return TraceVerdict(passed=passed, total=total, first_failure=first, tests=verdicts,
                        compile_result=compile_result)


def judge(code: ExtractedCode | str, lang: str | None, tests: list[TestCase], compare: CompareRule | None,
          limits: Limits | None, sandbox: Sandbox, stop_on_first_failure: bool = True) -> TraceVerdict:
    """Run the program on every test (C++ compiled once) and return per-test and per-trace verdicts.

    stdio tests run one sandboxed process each; call tests (Python only) run in one sandboxed harness
    process with a per-test CPU alarm. With stop_on_first_failure the remaining tests are SKIPPED."""
    compare = compare or CompareRule()
    limits = limits or Limits()
    if isinstance(code, ExtractedCode):
        lang = lang or code.lang
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
    if call:
        if lang != "python":
            raise ValueError("call-based tests need Python")
        return _judge_calls(source, [t.code or "" for t in tests], limits, sandbox, stop_on_first_failure)

    prep = sandbox.prepare(lang, source, limits)
    checker: Prepared | None = None
    try:
        if not prep.ok:
            cr = prep.compile_result
            v = [TestVerdict(0, CE, 0.0, (cr.detail if cr else "")[:500])]
            v += [TestVerdict(i, SKIPPED) for i in range(1, total)]
            return _finish(v, total, cr)
        if compare.checker is not None:
            checker = sandbox.prepare(compare.checker.lang, compare.checker.source, limits)
            if not checker.ok:
                raise RuntimeError("checker program does not compile: "
                                   + (checker.compile_result.detail if checker.compile_result else ""))
        verdicts: list[TestVerdict] = []
        stop = False
        for i, t in enumerate(tests):
            if stop:
                verdicts.append(TestVerdict(i, SKIPPED))
                continue
            stdin = t.stdin.encode() if isinstance(t.stdin, str) else t.stdin
            r = sandbox.execute(prep, stdin, limits)
            if r.verdict != AC:
                tv = TestVerdict(i, r.verdict, r.cpu_time, (r.detail + " " + r.stderr[-300:].decode("utf-8", "replace")).strip())
            else:
                out = r.stdout.decode("utf-8", "replace")
                if checker is not None:
                    ok, detail = _run_checker(sandbox, checker, stdin, r.stdout, (t.expected or "").encode(), limits)
                else:
                    ok, detail = compare_output(out, t.expected or "", compare)
                tv = TestVerdict(i, AC if ok else WA, r.cpu_time, detail)
            verdicts.append(tv)
            if tv.verdict != AC and stop_on_first_failure:
                stop = True
        return _finish(verdicts, total, prep.compile_result)
    finally:
        sandbox.release(prep)
        if checker is not None:
            sandbox.release(checker)


def _run_checker(sandbox: Sandbox, checker: Prepared, stdin: bytes, output: bytes, expected: bytes,
                 limits: Limits) -> tuple[bool, str]:
    lim = Limits(time_limit=max(5.0, limits.time_limit), memory_mb=max(512, limits.memory_mb))
    r = sandbox.execute(checker, b"", lim, args=[f"{DATA_DIR}/input.txt", f"{DATA_DIR}/output.txt", f"{DATA_DIR}/expected.txt"],
                        data={"input.txt": stdin, "output.txt": output, "expected.txt": expected})
    if r.verdict == AC:
        return True, ""
    msg = (r.stdout[-200:] + r.stderr[-200:]).decode("utf-8", "replace").strip()
    return False, f"checker rejected ({r.detail}) {msg}".strip()


def _judge_calls(source: str, codes: list[str], limits: Limits, sandbox: Sandbox, stop: bool) -> TraceVerdict:
    total = len(codes)
    prep = sandbox.prepare("python", source, limits)
    (prep.host_dir / "harness.py").write_text(_HARNESS)
    harness = Prepared("python", prep.host_dir, python_command(sandbox.python, f"{SRC_DIR}/harness.py"))
    try:
        cfg = {"time_limit": limits.time_limit, "stop_early": stop, "tests": codes}
        n = total + 1
        run_limits = Limits(time_limit=limits.time_limit * n + 1.0, memory_mb=limits.memory_mb,
                            wall_limit=(limits.wall_limit or 3 * limits.time_limit + 3) + limits.time_limit * n * 2,
                            output_limit=limits.output_limit, nproc=limits.nproc,
                            fsize_mb=limits.fsize_mb, nofile=limits.nofile)
        r = sandbox.execute(harness, b"", run_limits, args=[f"{SRC_DIR}/main.py", f"{DATA_DIR}/tests.json"],
                            data={"tests.json": json.dumps(cfg).encode()})
    finally:
        sandbox.release(prep)
    verdicts: list[TestVerdict] = []
    load = None
    done = False
    for line in r.stdout.decode("utf-8", "replace").splitlines():
        try:
            d = json.loads(line)
        except ValueError:
            continue
        if not isinstance(d, dict):
            continue
        if "load" in d:
            load = d
        elif "i" in d and d.get("i") == len(verdicts):
            verdicts.append(TestVerdict(int(d["i"]), str(d.get("v")), float(d.get("cpu", 0.0)), str(d.get("detail", ""))))
        elif d.get("done"):
            done = True
    if load is not None and load.get("load") != AC:
        v = [TestVerdict(0, str(load["load"]), float(load.get("cpu", 0.0)), "program failed to load: " + str(load.get("detail", "")))]
        v += [TestVerdict(i, SKIPPED) for i in range(1, total)]
        return _finish(v, total)
    stopped = any(v.verdict != AC for v in verdicts) and stop
    if not done and not stopped and len(verdicts) < total:
        # The harness died mid-run (killed on a limit, or the program ended the process).
        why = r.verdict if r.verdict != AC else RE
        detail = (r.detail or "test harness did not finish (program exited the process?)")
        detail += " " + r.stderr[-300:].decode("utf-8", "replace")
        verdicts.append(TestVerdict(len(verdicts), why, r.cpu_time, detail.strip()))
    verdicts += [TestVerdict(i, SKIPPED) for i in range(len(verdicts), total)]
    return _finish(verdicts, total)
