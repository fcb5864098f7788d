"""Drop traces whose problem (or, separately flagged, whose response) contains a benchmark item.

The n-gram index is built once in the main process (:func:`mot.decontam.NgramIndex.build`) and
memory-mapped read-only by every task.
"""

from __future__ import annotations

from pathlib import Path

from datatrove.data import Document

from mot.decontam import Match, NgramIndex
from mot.decision import Drop
from mot.steps.ledger import DecisionStep
from mot.trace import last_assistant_message


def contamination_drop(match: Match, where: str) -> Drop:
    return Drop("contaminated", f'{where} match: benchmark={match.benchmark} item={match.item} ngram="{match.ngram}"',
                f"{match.benchmark}:{match.item}")


class Decontaminate(DecisionStep):
    name = "decontaminate"
    stage = "decontam"

    def __init__(self, ledger_folder: str, index_folder: str, check_responses: bool = True):
        super().__init__(ledger_folder)
        self.index_folder = index_folder
        self.check_responses = check_responses
        self._index: NgramIndex | None = None

    def setup(self) -> None:
        self._index = NgramIndex.load(Path(self.index_folder))

    def decide(self, doc: Document) -> Drop | None:
        assert self._index is not None
        if match := self._index.match(doc.text):
            return contamination_drop(match, "problem")
        if self.check_responses and (match := self._index.match(last_assistant_message(doc.metadata["messages"]) or "")):
            return contamination_drop(match, "response")
        return None
