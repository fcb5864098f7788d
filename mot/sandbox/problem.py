"""How to judge one problem, read from a trace's ``reference`` (and its statement when the data is
silent): the tests, the comparison rule, the limits, the input mode.

The reference fields (all optional but ``tests``):

    tests            [{"input": str, "output": str, "name"?: str}, ...] (stdin/stdout) or
                     ["assert f(1) == 2", ...] (call-based Python)
    time_limit_s     float, CPU seconds per test (default 2)
    memory_limit_mb  int (default 512); also the stack size
    checker          the problem's checker: Python source (open-r1/codeforces ``generated_checker``)
                     or {"source": str, "lang": "python"}
    float_tolerance  absolute-or-relative error for float tokens; absent: parsed from the statement
    needs_checker    several answers are right; absent: "print any …" in the statement
    input_mode       "stdio" (default) or "file" (input.txt / output.txt)
    interactive      bool; absent: detected in the statement
    cpp_standard     "c++17" (default) or "c++20"

Example:
    >>> p = problem_from_reference({"tests": [{"input": "1", "output": "0.5"}]},
    ...                            "Print x/2. The absolute or relative error must not exceed 10^{-6}.")
    >>> (len(p.tests), p.compare.float_tol, p.unverified_reason)
    (1, 1e-06, None)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mot.sandbox.statement import accepts_several_answers, float_tolerance, is_interactive
from mot.sandbox.types import Checker, CompareRule, Limits, TestCase

INPUT_MODES = ("stdio", "file")


@dataclass(frozen=True)
class Problem:
    tests: list[TestCase]
    compare: CompareRule = field(default_factory=CompareRule)
    limits: Limits = field(default_factory=Limits)
    input_mode: str = "stdio"
    cpp_standard: str | None = None
    unverified_reason: str | None = None  # "interactive": no run can decide without the interactor


def _test_cases(raw: Any) -> list[TestCase]:
    if not isinstance(raw, list):
        raise ValueError("reference tests must be a list")
    cases = []
    for i, test in enumerate(raw):
        if isinstance(test, str):
            cases.append(TestCase.call(test, name=f"test {i}"))
        elif isinstance(test, dict) and isinstance(test.get("input"), str) and isinstance(test.get("output"), str):
            cases.append(TestCase.stdio(test["input"], test["output"], name=str(test.get("name") or f"test {i}")))
        else:
            raise ValueError(f"test {i} must be an assert string or a mapping with string 'input' and 'output'")
    return cases


def _checker(raw: Any) -> Checker | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, str):
        return Checker(raw)
    if isinstance(raw, dict) and isinstance(raw.get("source"), str) and raw.get("lang", "python") in ("python", "cpp"):
        return Checker(raw["source"], raw.get("lang", "python"))
    raise ValueError("checker must be Python source or a mapping with 'source' and 'lang'")


def problem_from_reference(reference: dict[str, Any], statement: str = "") -> Problem:
    """The judging plan of one trace. Raises ValueError naming the bad field."""
    tests = _test_cases(reference.get("tests", []))
    checker = _checker(reference.get("checker"))
    tolerance, relative = reference.get("float_tolerance"), True
    if tolerance is None:
        stated = float_tolerance(statement)
        if stated is not None:
            tolerance, relative = stated
    elif isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or not 0 <= tolerance < 1:
        raise ValueError(f"float_tolerance must be a number in [0, 1), got {tolerance!r}")
    needs_checker = reference.get("needs_checker")
    if needs_checker is None:
        needs_checker = accepts_several_answers(statement) and tolerance is None
    input_mode = reference.get("input_mode") or "stdio"
    if input_mode not in INPUT_MODES:
        raise ValueError(f"input_mode must be one of {INPUT_MODES}, got {input_mode!r}")
    interactive = reference.get("interactive")
    if interactive is None:
        interactive = is_interactive(statement)
    limits = Limits(time_limit=float(reference.get("time_limit_s", 2.0)),
                    memory_mb=int(reference.get("memory_limit_mb", 512)))
    compare = CompareRule(float_tol=tolerance, float_relative=relative, checker=checker,
                          needs_checker=bool(needs_checker) and checker is None)
    return Problem(tests=tests, compare=compare, limits=limits, input_mode=input_mode,
                   cpp_standard=reference.get("cpp_standard"),
                   unverified_reason="interactive" if interactive else None)
