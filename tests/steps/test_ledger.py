"""DecisionStep: the base records every drop once, passes every keep on, and counts both."""

from __future__ import annotations

from datatrove.data import Document

from mot.decision import Drop
from mot.schema import LEDGER_SCHEMA
from mot.steps.ledger import DecisionStep, ledger_record
from tests.steps.conftest import run_decision_step, trace_doc


class DropOdd(DecisionStep):
    name = "drop odd"
    stage = "odd"
    batch_size = 3

    def decide(self, doc: Document) -> Drop | None:
        return Drop("odd", f"id {doc.id}") if int(doc.id.split(":")[1]) % 2 else None


def test_drops_are_recorded_and_keeps_pass_through_in_order(tmp_path):
    docs = [trace_doc("x", doc_id=f"s:{i}") for i in range(7)]
    step = DropOdd(tmp_path / "ledger")
    kept, records = run_decision_step(step, docs)
    assert [d.id for d in kept] == ["s:0", "s:2", "s:4", "s:6"]
    assert set(records) == {"s:1", "s:3", "s:5"}
    assert all(r["reason"] == "odd" and r["stage"] == "odd" and not r["kept"] for r in records.values())
    assert step.stats["kept"].total == 4 and step.stats["dropped:odd"].total == 3


def test_a_task_with_nothing_to_drop_writes_an_empty_but_valid_ledger_file(tmp_path):
    kept, records = run_decision_step(DropOdd(tmp_path / "ledger"), [trace_doc("x", doc_id="s:0")])
    assert len(kept) == 1 and records == {}


def test_ledger_record_has_exactly_the_ledger_schema():
    record = ledger_record(trace_doc("x", num_tokens=12), kept=False, stage="odd", reason="odd", detail="")
    assert list(record) == LEDGER_SCHEMA.names and record["detail"] is None and record["num_tokens"] == 12
