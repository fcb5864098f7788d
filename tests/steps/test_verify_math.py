from mot.steps.verify_math import MathVerify
from tests.steps.conftest import r1, run_decision_step, trace_doc


def test_right_answers_are_verified_wrong_ones_dropped_and_goldless_ones_left_unverified(tmp_path):
    docs = [
        trace_doc(r1("\\boxed{4}"), doc_id="s:right", reference={"answer": "4"}),
        trace_doc(r1("\\boxed{5}"), doc_id="s:wrong", reference={"answer": "4"}),
        trace_doc(r1("\\boxed{4}"), doc_id="s:nogold"),
        trace_doc(r1("\\boxed{4}"), doc_id="s:science", domain="science", reference={"answer": "5"}),
    ]
    kept, records = run_decision_step(MathVerify(tmp_path, timeout_s=60), docs)
    assert [d.id for d in kept] == ["s:right", "s:nogold", "s:science"]
    assert kept[0].metadata["verification"] == "verified" and kept[1].metadata["verification"] == "unverified"
    assert records["s:wrong"]["reason"] == "wrong_answer"
