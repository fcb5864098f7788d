"""Base of the verification stages: a checker run in a :class:`~mot.deadline.DeadlineWorker`.

A subclass names its domain, the checker (a module-level function returning ``{"correct",
"extracted", "detail"}``, stored with ``staticmethod``) and the checker's arguments for a
document. Each task owns one worker; a row whose check outlives ``timeout_s`` is dropped with ``verify_timeout`` and the worker is restarted, so a
pathological answer costs one timeout, never a stuck build. The verdict maps to the ledger the
same way for every domain: wrong → ``wrong_answer``, right → ``verification = "verified"``,
unverifiable → kept unverified with the checker's detail in ``verify_detail``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from datatrove.data import Document

from mot import defaults
from mot.deadline import DeadlineExceeded, DeadlineWorker, WorkerCrashed
from mot.decision import Drop
from mot.steps.ledger import DecisionStep
from mot.steps.upstream import settle


class DeadlineVerifier(DecisionStep):
    domain: ClassVar[str] = ""
    target: ClassVar[Callable[..., dict[str, Any]]]  # run in the worker
    checker: ClassVar[str] = ""  # its name in ledger details

    def __init__(self, ledger_folder: str, timeout_s: float = defaults.VERIFY_TIMEOUT_S):
        super().__init__(ledger_folder)
        self.timeout_s = timeout_s
        self._worker: DeadlineWorker | None = None

    def arguments(self, doc: Document) -> dict[str, Any] | None:
        """The checker's keyword arguments for ``doc``, or None to leave it unverified without a check."""
        raise NotImplementedError

    def setup(self) -> None:
        self._worker = DeadlineWorker(self.target)

    def teardown(self) -> None:
        if self._worker is not None:
            self._worker.close()

    def decide(self, doc: Document) -> Drop | None:
        meta = doc.metadata
        if meta["domain"] != self.domain:
            return None
        if (payload := self.arguments(doc)) is None:
            return settle(meta, "unverified", None, "no reference answer")
        assert self._worker is not None
        try:
            verdict = self._worker.call(payload, timeout_s=self.timeout_s)
        except DeadlineExceeded:
            return settle(meta, "timeout", Drop("verify_timeout", f"{self.checker} did not finish within {self.timeout_s:g}s"))
        except WorkerCrashed as err:
            return settle(meta, "error", Drop("verify_error", f"{self.checker} failed: {err}"))
        if verdict["correct"] is None:
            meta["verify_detail"] = verdict["detail"]
            return settle(meta, "unverified", None, verdict["detail"])
        if not verdict["correct"]:
            return settle(meta, "wrong", Drop("wrong_answer", verdict["detail"]), verdict["detail"])
        meta["verification"] = "verified"
        return settle(meta, "correct", None)
