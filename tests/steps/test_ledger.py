"""DecisionStep: the base records every drop once, passes every keep on, and counts both."""

from __future__ import annotations

import pytest
from datatrove.data import Document

from mot.decision import Drop
from mot.schema import LEDGER_SCHEMA
from mot.steps.ledger import DecisionStep, UnrecordedRow, ledger_record
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


class FailsOnBoom(DecisionStep):
    """A stage with a bug that one row triggers (in a batch, as a batched stage would)."""

    name = "fails on boom"
    stage = "boom"
    batch_size = 3

    def decide_batch(self, docs: list[Document]) -> list[Drop | None]:
        if any(doc.text == "boom" for doc in docs):
            raise ZeroDivisionError("division by zero in the stage")
        return [Drop("short", "fewer than 2 characters") if len(doc.text) < 2 else None for doc in docs]


def test_a_row_that_makes_a_stage_fail_is_quarantined_and_the_task_goes_on(tmp_path):
    docs = [trace_doc("x", problem=text, doc_id=f"s:{i}") for i, text in enumerate(["ok", "boom", "x", "fine", "\ud800"])]
    kept, records = run_decision_step(FailsOnBoom(tmp_path / "ledger"), docs)
    assert [d.id for d in kept] == ["s:0", "s:3"]
    assert records["s:1"]["reason"] == "internal_error" and "ZeroDivisionError: division by zero" in records["s:1"]["detail"]
    assert records["s:2"]["reason"] == records["s:4"]["reason"] == "short"
    assert set(records) == {"s:1", "s:2", "s:4"}


def test_an_unwritable_record_stops_the_task_naming_source_file_and_row(tmp_path):
    doc = trace_doc("x", problem="x", doc_id="s:\ud800", origin="rows.jsonl line 7")
    with pytest.raises(UnrecordedRow, match=r"cannot record 's:\\ud800' \(source s, rows.jsonl line 7\): UnicodeEncodeError"):
        run_decision_step(FailsOnBoom(tmp_path / "ledger"), [doc])
