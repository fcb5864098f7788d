"""Drop traces that contain a benchmark item in any turn: system prompt, every user turn, every response.

The index is built once in the main process (:meth:`mot.decontam.NgramIndex.build`) and memory-mapped
read-only by every task. The ledger reason is ``contaminated`` with ``<benchmark>:<item>`` as its
``related_id``; the detail says which turn matched which item, and how much of it.
"""

from __future__ import annotations

from pathlib import Path

from datatrove.data import Document

from mot.decision import Drop
from mot.decontam import Match, NgramIndex, match_conversation
from mot.steps.ledger import DecisionStep


def contamination_drop(match: Match, turn: str) -> Drop:
    """``turn`` is ``role#position`` in the conversation (``problem`` for a problem outside the messages)."""
    return Drop("contaminated",
                f'{turn} matches {match.benchmark} item {match.item}: coverage {match.coverage:.2f} of its specific n-grams, '
                f'run of {match.span} tokens "{match.excerpt}"',
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
        # Unchecked responses are blanked, not removed, so every turn keeps its position in the label.
        messages = [m if self.check_responses or m.get("role") != "assistant" else {**m, "content": ""}
                    for m in doc.metadata.get("messages") or []]
        if doc.text and all(m.get("content") != doc.text for m in messages):
            messages = [*messages, {"role": "problem", "content": doc.text}]
        found = match_conversation(self._index, messages)
        if found is None:
            return None
        turn, match = found
        return contamination_drop(match, "problem" if turn.startswith("problem#") else turn)
