"""Checks every trace passes at ingest, whatever its adapter: text that can be stored and
tokenized, and reference data a verifier can use.

A failed check is an :class:`~mot.sources.base.AdapterError` naming the field, so the trace is
recorded as ``malformed_row`` instead of crashing a later stage (pyarrow and the tokenizer refuse
lone surrogates; the sandbox refuses an infinite memory limit).

Example:
    >>> text_defect("ok", "messages[0].content") is None
    True
    >>> text_defect("a\\ud800b", "id")
    'id contains a lone surrogate (U+D800 at character 1)'
    >>> check_reference({"time_limit_s": 0.0})
    Traceback (most recent call last):
    ...
    mot.sources.base.AdapterError: time_limit_s is 0.0; expected a finite number > 0
"""

from __future__ import annotations

import math
from typing import Any

from mot.sources.base import AdapterError, Trace

# Limits a verifier can honour: positive and finite; memory at most 1 TiB (a larger one is a unit error).
_LIMITS = {"time_limit_s": math.inf, "memory_limit_mb": 1024 * 1024}


def text_defect(value: str, where: str) -> str | None:
    """Why ``value`` cannot be stored as text (a NUL or a lone surrogate), or None."""
    if "\x00" in value:
        return f"{where} contains a NUL character (at character {value.index(chr(0))})"
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as err:
            return f"{where} contains a lone surrogate (U+{ord(value[err.start]):04X} at character {err.start})"
    return None


def _check_text(value: str, where: str) -> None:
    if (defect := text_defect(value, where)) is not None:
        raise AdapterError(defect)


def positive_limit(value: Any, name: str, upper: float = math.inf) -> float:
    """``value`` as a float when it is a finite number in (0, ``upper``], else an AdapterError naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise AdapterError(f"{name} is {type(value).__name__}; expected a number")
    if not (math.isfinite(value) and 0 < value <= upper):
        bound = "" if upper == math.inf else f" and ≤ {upper:g}"
        raise AdapterError(f"{name} is {value!r}; expected a finite number > 0{bound}")
    return float(value)


def check_tests(tests: Any) -> None:
    """Tests are a list of assert strings (call tests) or of ``{input, output}`` strings (stdio), not both."""
    if not isinstance(tests, list):
        raise AdapterError(f"tests is {type(tests).__name__}; expected a list")
    kinds = set()
    for i, test in enumerate(tests):
        if isinstance(test, str):
            kinds.add("call")
            _check_text(test, f"tests[{i}]")
        elif isinstance(test, dict) and isinstance(test.get("input"), str) and isinstance(test.get("output"), str):
            kinds.add("stdio")
            _check_text(test["input"], f"tests[{i}].input")
            _check_text(test["output"], f"tests[{i}].output")
        else:
            raise AdapterError(f"tests[{i}] is {type(test).__name__}; expected an assert string or a mapping with string 'input' and 'output'")
    if len(kinds) > 1:
        raise AdapterError("tests mixes assert (call) tests and stdio tests; a trace has one kind")


def check_reference(reference: dict[str, Any]) -> None:
    """Limits finite and positive, tests well formed, the answer storable (AdapterError naming the field)."""
    for name, upper in _LIMITS.items():
        if name in reference:
            positive_limit(reference[name], name, upper)
    if "tests" in reference:
        check_tests(reference["tests"])
    if isinstance(answer := reference.get("answer"), str):
        _check_text(answer, "answer")


def check_trace(trace: Trace) -> None:
    """Everything of ``trace`` that reaches a verifier, the tokenizer or a Parquet file (AdapterError naming the field)."""
    _check_text(trace.key, "id")
    for i, message in enumerate(trace.messages):
        _check_text(message["content"], f"messages[{i}].content")
    check_reference(trace.reference)
