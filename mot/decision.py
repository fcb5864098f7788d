"""What a stage decides about a trace: nothing (it goes on) or a :class:`Drop` with its reason.

The bottom of the house: pure filters return these, the datatrove steps and the global stages turn
them into ledger records (:mod:`mot.steps.ledger`, :mod:`mot.pool.finalize`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Drop:
    """Why a trace leaves the build: ``reason`` is machine-readable, ``detail`` for humans."""

    reason: str
    detail: str = ""
