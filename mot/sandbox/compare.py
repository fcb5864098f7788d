"""Output comparison, as Codeforces' default checkers do it (the problem's own checker program
runs sandboxed, see `mot.sandbox.judge`).

Example:
    >>> compare_output("YES\\n0.3333333", "yes 0.333333333", CompareRule(float_tol=1e-6))
    (True, '')
    >>> compare_output("1 2 4", "1 2 3")
    (False, "token 2: expected '3', got '4'")
"""
from __future__ import annotations

import re

from mot.sandbox.types import CompareRule

_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")  # no inf/nan, no 1_000


def _as_float(token: str) -> float | None:
    return float(token) if _NUMBER.fullmatch(token) else None


def tokens_equal(got: str, expected: str, rule: CompareRule) -> bool:
    if got == expected:
        return True
    if rule.case_insensitive and got.lower() == expected.lower():
        return True
    if rule.yes_no_case_insensitive and got.lower() in ("yes", "no") and got.lower() == expected.lower():
        return True
    if rule.float_tol is not None:
        value, target = _as_float(got), _as_float(expected)
        if value is not None and target is not None:
            error = abs(value - target)
            return error <= rule.float_tol or (rule.float_relative and error <= rule.float_tol * abs(target))
    return False


def compare_output(actual: str, expected: str, rule: CompareRule | None = None) -> tuple[bool, str]:
    """Split both on any whitespace; same number of tokens; every token equal under `rule`. The
    detail names the first differing token (expected vs got)."""
    rule = rule or CompareRule()
    got_tokens, expected_tokens = actual.split(), expected.split()
    for i, (got, want) in enumerate(zip(got_tokens, expected_tokens)):
        if not tokens_equal(got, want, rule):
            return False, f"token {i}: expected {want[:50]!r}, got {got[:50]!r}"
    if len(got_tokens) != len(expected_tokens):
        i = min(len(got_tokens), len(expected_tokens))
        if len(got_tokens) < len(expected_tokens):
            return False, f"expected {len(expected_tokens)} tokens, got {len(got_tokens)} (token {i}: expected {expected_tokens[i][:50]!r}, got nothing)"
        return False, f"expected {len(expected_tokens)} tokens, got {len(got_tokens)} (token {i}: expected nothing, got {got_tokens[i][:50]!r})"
    return True, ""
