"""DeadlineVerifier: a check that outlives its deadline costs one row, never the task."""

from __future__ import annotations

from mot.steps.verify_math import MathVerify
from tests.steps.conftest import r1, run_decision_step, trace_doc


def test_a_hung_check_is_a_verify_timeout_and_the_next_row_is_still_verified(tmp_path):
    hang = trace_doc(r1("\\boxed{(10^{9})!}"), doc_id="s:hang", reference={"answer": "5"})
    fine = trace_doc(r1("\\boxed{4}"), doc_id="s:fine", reference={"answer": "4"})
    kept, records = run_decision_step(MathVerify(tmp_path, timeout_s=3), [hang, fine])
    assert records["s:hang"]["reason"] == "verify_timeout"
    assert [d.id for d in kept] == ["s:fine"] and kept[0].metadata["verification"] == "verified"
