from mot.steps.verify_science import ScienceVerify
from tests.steps.conftest import r1, run_decision_step, trace_doc

QUESTION = "Which is a noble gas?\nA) Oxygen\nB) Neon\nC) Iron\nD) Sodium"


def test_the_chosen_option_is_checked_against_the_reference_letter(tmp_path):
    docs = [
        trace_doc(r1("The answer is B."), domain="science", problem=QUESTION, doc_id="s:right", reference={"answer": "B"}),
        trace_doc(r1("The answer is C."), domain="science", problem=QUESTION, doc_id="s:wrong", reference={"answer": "B"}),
        trace_doc(r1("Neon, clearly."), domain="science", problem=QUESTION, doc_id="s:free", reference={}),
    ]
    kept, records = run_decision_step(ScienceVerify(tmp_path, timeout_s=60), docs)
    assert [d.id for d in kept] == ["s:right", "s:free"]
    assert kept[0].metadata["verification"] == "verified" and kept[1].metadata["verification"] == "unverified"
    assert records["s:wrong"]["reason"] == "wrong_answer"
