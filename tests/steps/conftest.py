"""Run one datatrove step on hand-made documents and read what it kept and what it wrote to the ledger."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from datatrove.data import Document

from mot.steps.ledger import DecisionStep


def trace_doc(response: str | None, *, domain: str = "math", problem: str = "What is 2 + 2?", doc_id: str = "s:1",
              **meta: Any) -> Document:
    """A document shaped as :mod:`mot.steps.ingest` makes them: a user problem and an R1 response."""
    messages = [{"role": "user", "content": problem}]
    if response is not None:
        messages.append({"role": "assistant", "content": response})
    metadata = {"domain": domain, "source": "s", "messages": messages, "reference": {}, "verification": "unverified", **meta}
    return Document(text=problem, id=doc_id, metadata=metadata)


def r1(answer: str, reasoning: str = "Let me think. 2 + 2 = 4.") -> str:
    return f"<think>\n{reasoning}\n</think>\n\n{answer}"


def run_decision_step(step: DecisionStep, docs: list[Document]) -> tuple[list[Document], dict[str, dict[str, Any]]]:
    """(documents the step passed on, ledger records by id) after one task over ``docs``."""
    kept = list(step.run(iter(docs), rank=0, world_size=1))
    records = {}
    for path in sorted(Path(step.ledger_folder).glob("*.parquet")):
        records.update({row["id"]: row for row in pq.read_table(path).to_pylist()})
    return kept, records
