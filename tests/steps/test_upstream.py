"""settle(): the recipe's upstream_labels policy against our verdict, through the math verifier."""

from mot.steps.verify_math import MathVerify
from tests.steps.conftest import r1, run_decision_step, trace_doc


def _doc(doc_id: str, answer: str, policy: str, llama: bool | None):
    return trace_doc(r1(f"The answer is $\\boxed{{{answer}}}$."), doc_id=doc_id, reference={"answer": "4"},
                     upstream={"correctness_math_verify": False, "correctness_llama": llama}, upstream_policy=policy)


def test_ours_or_theirs_keeps_what_the_upstream_judge_accepted_and_says_so(tmp_path):
    docs = [_doc("m:ignore", "5", "ignore", True), _doc("m:theirs", "5", "ours_or_theirs", True),
            _doc("m:nobody", "5", "ours_or_theirs", None), _doc("m:ours", "4", "ours_or_theirs", False)]
    kept, records = run_decision_step(MathVerify(tmp_path), docs)
    assert [d.id for d in kept] == ["m:theirs", "m:ours"]
    theirs, ours = (d.metadata for d in kept)
    assert theirs["verified_by"] == "upstream:correctness_llama" and theirs["our_verdict"] == "wrong"
    assert ours["verification"] == "verified" and "verified_by" not in ours and ours["our_verdict"] == "correct"
    assert records["m:ignore"]["reason"] == "wrong_answer" and records["m:ignore"]["our_verdict"] == "wrong"
    assert {label["judge"]: label["correct"] for label in records["m:ignore"]["upstream"]} == {
        "correctness_math_verify": False, "correctness_llama": True}


def test_require_ours_drops_what_only_the_upstream_judge_accepted(tmp_path):
    doc = trace_doc(r1("No boxed answer at all."), doc_id="m:x", reference={},
                    upstream={"correctness_llama": True}, upstream_policy="require_ours")
    kept, records = run_decision_step(MathVerify(tmp_path), [doc])
    assert kept == [] and records["m:x"]["reason"] == "unverified" and "require_ours" in records["m:x"]["detail"]
