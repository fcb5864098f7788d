"""Output comparison rules (the checker-program rule lives in judge.py: it runs sandboxed)."""
from __future__ import annotations

import math

from mot.sandbox.types import CompareRule


def _as_float(tok: str) -> float | None:
    try:
        v = float(tok)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def tokens_equal(a: str, e: str, rule: CompareRule) -> bool:
    if a == e:
        return True
    if rule.case_insensitive and a.lower() == e.lower():
        return True
    if rule.yes_no_case_insensitive and a.lower() in ("yes", "no") and a.lower() == e.lower():
        return True
    if rule.float_tol is not None:
        fa, fe = _as_float(a), _as_float(e)
        if fa is not None and fe is not None:
            tol = rule.float_tol
            return abs(fa - fe) <= tol or abs(fa - fe) <= tol * abs(fe)
    return False


def compare_output(actual: str, expected: str, rule: CompareRule | None = None) -> tuple[bool, str]:
    """Default: split both on any whitespace; same number of tokens; every token equal."""
    rule = rule or CompareRule()
    at, et = actual.split(), expected.split()
    for i, (a, e) in enumerate(zip(at, et)):
        if not tokens_equal(a, e, rule):
            return False, f"token {i}: expected {e[:50]!r}, got {a[:50]!r}"
    if len(at) != len(et):
        return False, f"expected {len(et)} tokens, got {len(at)}"
    return True, ""
