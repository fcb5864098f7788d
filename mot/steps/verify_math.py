"""Verify math traces: the final boxed answer must equal the gold answer (math-verify).

Each task owns one :class:`~mot.deadline.DeadlineWorker`; a row whose check outlives the
domain's ``verify.timeout_s`` is dropped with ``verify_timeout`` and the worker is restarted,
so a pathological answer costs one timeout, never a stuck build.
"""

from __future__ import annotations

from datatrove.data import Document

from mot.deadline import DeadlineExceeded, DeadlineWorker, WorkerCrashed
from mot.steps.ledger import DecisionStep, Drop
from mot.trace import last_assistant_message


class MathVerify(DecisionStep):
    name = "verify math"
    stage = "verify_math"

    def __init__(self, ledger_folder: str, timeout_s: float = 10.0):
        super().__init__(ledger_folder)
        self.timeout_s = timeout_s
        self._worker: DeadlineWorker | None = None

    def setup(self) -> None:
        self._worker = DeadlineWorker("mot.verifiers.math_answer:verify_answer")

    def teardown(self) -> None:
        if self._worker is not None:
            self._worker.close()

    def decide(self, doc: Document) -> Drop | None:
        meta = doc.metadata
        gold = meta["reference"].get("answer")
        if meta["domain"] != "math" or not gold:
            return None
        assert self._worker is not None
        payload = {"gold": gold, "response": last_assistant_message(meta["messages"]) or ""}
        try:
            verdict = self._worker.call(payload, timeout_s=self.timeout_s)
        except DeadlineExceeded:
            return Drop("verify_timeout", f"math-verify did not finish within {self.timeout_s:g}s")
        except WorkerCrashed as err:
            return Drop("verify_error", f"math-verify failed: {err}")
        if verdict["correct"] is None:
            meta["verify_detail"] = verdict["detail"]
            return None
        if not verdict["correct"]:
            return Drop("wrong_answer", verdict["detail"])
        meta["verification"] = "verified"
        return None
