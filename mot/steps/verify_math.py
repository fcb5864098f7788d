"""Verify math traces: the final boxed answer must equal the gold answer (math-verify)."""

from __future__ import annotations

from typing import Any

from datatrove.data import Document

from mot.steps.verifier import DeadlineVerifier
from mot.trace import last_assistant_message
from mot.verifiers.math_answer import verify_answer


class MathVerify(DeadlineVerifier):
    name = "verify math"
    stage = "verify_math"
    domain = "math"
    target = staticmethod(verify_answer)
    checker = "math-verify"

    def arguments(self, doc: Document) -> dict[str, Any] | None:
        gold = doc.metadata["reference"].get("answer")
        return {"gold": gold, "response": last_assistant_message(doc.metadata["messages"]) or ""} if gold else None
