"""Quality filters on well-formed traces: think structure, answer format, language, repetition.

Runs after the format checks (which already drop missing or unclosed think blocks and empty
answers). The recipe's ``filters:`` section enables filters and sets their options; they run in
the fixed order of :data:`mot.filters.FILTERS` and the first one that objects names the drop.
"""

from __future__ import annotations

from typing import Any

from datatrove.data import Document

from mot.filters import FILTERS
from mot.decision import Drop
from mot.steps.ledger import DecisionStep
from mot.trace import last_assistant_message, split_response


class Quality(DecisionStep):
    name = "quality filters"
    stage = "quality"

    def __init__(self, ledger_folder: str, filters: dict[str, Any]):
        """``filters`` maps enabled filter names (keys of FILTERS) to their config objects."""
        super().__init__(ledger_folder)
        unknown = set(filters) - set(FILTERS)
        if unknown:
            raise ValueError(f"unknown filter(s) {', '.join(sorted(unknown))}; known: {', '.join(FILTERS)}")
        self.filters = [(name, filters[name]) for name in FILTERS if name in filters]

    def decide(self, doc: Document) -> Drop | None:
        response = split_response(last_assistant_message(doc.metadata["messages"]) or "")
        for name, config in self.filters:
            if drop := FILTERS[name].check(response, doc.metadata["domain"], config):
                return drop
        return None
