"""What a stage decides about a trace: nothing (it goes on) or a :class:`Drop` with its reason.

The bottom of the house: pure filters return these, the datatrove steps and the global stages turn
them into ledger records (:mod:`mot.steps.ledger`, :mod:`mot.pool.finalize`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Drop:
    """Why a trace leaves the build.

    ``reason`` is one word of a fixed vocabulary (``GROUP BY reason`` gives one row per kind of
    drop), ``detail`` the evidence for humans, ``related_id`` the other thing the decision is
    about (the kept duplicate, the ``<benchmark>:<item>`` matched), never folded into ``reason``.
    """

    reason: str
    detail: str = ""
    related_id: str | None = None
