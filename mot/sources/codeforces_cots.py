"""open-r1/codeforces-cots rows: one statement, one R1 generation, examples (and official tests)."""

from __future__ import annotations

from typing import Any

from mot.sources.base import AdapterError, Trace, checked_messages, key_of, optional, require
from mot.sources.validate import positive_limit


def _tests(row: dict[str, Any]) -> list[dict[str, str]]:
    """Official tests when the row carries them, else the statement's examples."""
    raw = optional(row, "official_tests", list) or optional(row, "examples", list, [])
    tests = []
    for i, case in enumerate(raw):
        if not isinstance(case, dict) or not isinstance(case.get("input"), str) or not isinstance(case.get("output"), str):
            raise AdapterError(f"test case {i} must be a mapping with string 'input' and 'output'")
        tests.append({"input": case["input"], "output": case["output"]})
    return tests


def adapt(row: dict[str, Any], fallback_key: str) -> list[Trace]:
    """The row's own ``messages`` when present, else ``prompt`` + ``generation``; tests as reference."""
    if row.get("messages"):
        messages = checked_messages(row["messages"])
    else:
        messages = [
            {"role": "user", "content": require(row, "prompt", str)},
            {"role": "assistant", "content": require(row, "generation", str)},
        ]
    reference: dict[str, Any] = {"tests": _tests(row)}
    if row.get("time_limit") is not None:
        reference["time_limit_s"] = positive_limit(row["time_limit"], "time_limit")
    if row.get("memory_limit") is not None:
        reference["memory_limit_mb"] = positive_limit(row["memory_limit"], "memory_limit")
    return [
        Trace(
            key=key_of(row, "id", fallback_key),
            messages=messages,
            reference=reference,
            finish_reason=optional(row, "finish_reason", str),
        )
    ]
