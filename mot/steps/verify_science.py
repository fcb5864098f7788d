"""Verify science traces: the chosen option, or a short numeric answer, against the reference.

Nemotron's science subset ships no answer check; rows with a reference (a letter or a short
numeric answer) are checked by :func:`mot.verifiers.science.verify_science`, the others stay
``unverified`` with the extracted answer in ``verify_detail`` for the recipe's policy to judge.
"""

from __future__ import annotations

from typing import Any

from datatrove.data import Document

from mot.steps.verifier import DeadlineVerifier
from mot.trace import last_assistant_message
from mot.verifiers.science import verify_science


class ScienceVerify(DeadlineVerifier):
    name = "verify science"
    stage = "verify_science"
    domain = "science"
    # The MCQ extraction is pure and fast, but numeric references go through math-verify, which
    # can hang: the whole check runs in the worker.
    target = staticmethod(verify_science)
    checker = "science verifier"

    def arguments(self, doc: Document) -> dict[str, Any] | None:
        meta = doc.metadata
        return {"reference": meta["reference"].get("answer"), "question": doc.text,
                "response": last_assistant_message(meta["messages"]) or ""}
