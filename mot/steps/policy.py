"""Apply each domain's verification policy: drop traces nobody could verify where the recipe says so."""

from __future__ import annotations

from datatrove.data import Document

from mot.decision import Drop
from mot.steps.ledger import DecisionStep


class VerificationPolicy(DecisionStep):
    name = "verification policy"
    stage = "policy"

    def __init__(self, ledger_folder: str, keep_unverified: dict[str, bool]):
        super().__init__(ledger_folder)
        self.keep_unverified = keep_unverified

    def decide(self, doc: Document) -> Drop | None:
        meta = doc.metadata
        if meta.get("verification") != "verified" and not self.keep_unverified.get(meta["domain"], True):
            return Drop("unverified", meta.get("verify_detail") or f"no verifier result for this {meta['domain']} trace")
        return None
