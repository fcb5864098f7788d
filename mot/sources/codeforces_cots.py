"""open-r1/codeforces-cots rows: one statement, one R1 generation, and whatever tests the config carries.

The configs differ (dataset card, checked against open-r1's own loaders):

* Python configs (``solutions_py``, ``solutions_py_decontaminated``, ``solutions_w_editorials_py[_decontaminated]``)
  carry the full tests: ``public_tests``, ``private_tests`` and ``generated_tests``, each a dict of two
  parallel lists ``{"input": [...], "output": [...]}``, and ``problem_type`` ("diff" when comparing the
  output decides; otherwise a checker or an interactor must).
* C++ configs (``solutions``, ``solutions_decontaminated``, …) carry only the statement's ``examples``; their
  real tests live in open-r1/codeforces and are attached by the recipe's ``tests_from:`` join on ``id``.

Examples are never judged as if they were the tests. A problem has up to 4–5 traces, so a trace's key
is ``<problem id>#<hash of the generation>``: unique per trace, stable across runs and task counts.

Reference fields (the contract with the code verifier; see :class:`~mot.sources.base.Trace`):
``tests`` [{input, output}], ``problem_id``, ``time_limit_s``, ``memory_limit_mb``, ``input_mode``
("stdio" | "file"), ``interactive`` and ``needs_checker`` (bools, only where the data says: a plain
compare cannot judge; absent, the judge reads the statement), ``checker`` (checker source, when
known), ``tests_from`` (where the tests came from) and ``no_tests`` (why there are none: the trace
stays unverified with that reason). :mod:`mot.sandbox.problem` reads them.
"""

from __future__ import annotations

from typing import Any

from mot.sources.base import AdapterError, Trace, checked_messages, optional, require, short_hash
from mot.sources.validate import positive_limit

# Every column the adapter reads (``mot build --dry-run`` lists them).
COLUMNS = ("id", "prompt", "generation", "messages", "official_tests", "public_tests", "private_tests", "generated_tests",
           "problem_type", "interaction_format", "input_mode", "time_limit", "memory_limit", "finish_reason")

# Python configs: the row's own full tests, in this order.
ROW_TEST_COLUMNS = ("public_tests", "private_tests", "generated_tests")


def test_records(value: Any, column: str) -> list[dict[str, str]]:
    """Tests in either upstream shape as ``[{input, output}]``: a list of records or a dict of two lists.

    Line endings become ``\n``: Codeforces stores official tests with ``\r\n``, which a correct
    program reading lines (C++ ``getline``) would otherwise see as part of the data.

    >>> test_records({"input": ["1\\n"], "output": ["2\\n"]}, "public_tests")
    [{'input': '1\\n', 'output': '2\\n'}]
    >>> test_records([{"input": "1", "output": "2"}], "official_tests")
    [{'input': '1', 'output': '2'}]
    """
    if value is None:
        return []
    if isinstance(value, dict):
        inputs, outputs = value.get("input"), value.get("output")
        if not isinstance(inputs, list) or not isinstance(outputs, list) or len(inputs) != len(outputs):
            raise AdapterError(f"{column}: expected {{'input': [...], 'output': [...]}} of equal lengths")
        value = [{"input": i, "output": o} for i, o in zip(inputs, outputs)]
    if not isinstance(value, list):
        raise AdapterError(f"{column} is {type(value).__name__}, not a list of tests")
    tests = []
    for i, case in enumerate(value):
        if not isinstance(case, dict) or not isinstance(case.get("input"), str) or not isinstance(case.get("output"), str):
            raise AdapterError(f"{column}: test case {i} must be a mapping with string 'input' and 'output'")
        tests.append({"input": case["input"].replace("\r\n", "\n"), "output": case["output"].replace("\r\n", "\n")})
    return tests


def judging(problem_type: str | None, interaction_format: str | None, checker: str | None) -> dict[str, Any]:
    """What the data says about judging a problem: ``interactive`` / ``needs_checker`` and the checker.

    A flag the data is silent on is left out, so the judge falls back on the statement.

    >>> judging("diff", None, None)
    {'interactive': False, 'needs_checker': False}
    >>> judging(None, "Interact with the jury.", None)
    {'interactive': True, 'needs_checker': False}
    >>> judging(None, None, None)
    {}
    """
    fields: dict[str, Any] = {}
    if problem_type == "interactive" or interaction_format:
        fields.update(interactive=True, needs_checker=False)
    elif problem_type is not None:
        fields.update(interactive=False, needs_checker=problem_type != "diff")
    elif checker:
        fields["needs_checker"] = True
    if checker:
        fields["checker"] = checker
    return fields


def limits(row: dict[str, Any]) -> dict[str, Any]:
    """``time_limit_s``/``memory_limit_mb`` of a Codeforces row, validated (finite, positive)."""
    found: dict[str, Any] = {}
    if row.get("time_limit") is not None:
        found["time_limit_s"] = positive_limit(row["time_limit"], "time_limit")
    if row.get("memory_limit") is not None:
        found["memory_limit_mb"] = int(positive_limit(row["memory_limit"], "memory_limit"))
    return found


def adapt(row: dict[str, Any], fallback_key: str) -> list[Trace]:
    """The row's own ``messages`` when present, else ``prompt`` + ``generation``; its full tests as reference."""
    if row.get("messages"):
        messages = checked_messages(row["messages"])
    else:
        messages = [
            {"role": "user", "content": require(row, "prompt", str)},
            {"role": "assistant", "content": require(row, "generation", str)},
        ]
    problem_id = optional(row, "id", str)
    tests = test_records(row.get("official_tests"), "official_tests")
    present = [c for c in ROW_TEST_COLUMNS if row.get(c) is not None]
    for column in present:
        tests += test_records(row[column], column)
    reference: dict[str, Any] = {"tests": tests, **limits(row)}
    if problem_id is not None:
        reference["problem_id"] = problem_id
    if tests:
        reference["tests_from"] = "row:" + "+".join((["official_tests"] if row.get("official_tests") else []) + present)
    else:
        reference["no_tests"] = "the row carries no tests (the statement's examples are not the tests)"
    if (mode := optional(row, "input_mode", str)) is not None:  # absent: a join (or the judge's stdio default) decides
        reference["input_mode"] = mode
    reference.update(judging(optional(row, "problem_type", str), optional(row, "interaction_format", str), None))
    generation = messages[-1]["content"]
    key = f"{problem_id}#{short_hash(generation)}" if problem_id else fallback_key
    return [Trace(key=key, messages=messages, reference=reference, finish_reason=optional(row, "finish_reason", str))]
