from mot.steps.policy import VerificationPolicy
from tests.steps.conftest import run_decision_step, trace_doc


def test_unverified_traces_are_dropped_only_where_the_recipe_says_so(tmp_path):
    docs = [
        trace_doc("x", doc_id="m:verified", verification="verified"),
        trace_doc("x", doc_id="m:unverified", verify_detail="no gold answer"),
        trace_doc("x", doc_id="c:unverified", domain="code"),
    ]
    kept, records = run_decision_step(VerificationPolicy(tmp_path, {"math": False, "code": True}), docs)
    assert [d.id for d in kept] == ["m:verified", "c:unverified"]
    assert records["m:unverified"]["reason"] == "unverified" and records["m:unverified"]["detail"] == "no gold answer"
