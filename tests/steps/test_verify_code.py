"""CodeVerify in a real sandbox: the last fenced program runs on the trace's tests."""

import os

import pytest

from mot.sandbox import SandboxUnavailable, check_isolation
from mot.steps.verify_code import CodeVerify
from tests.steps.conftest import r1, run_decision_step, trace_doc


@pytest.fixture(scope="module", autouse=True)
def isolation():
    try:
        check_isolation()
    except SandboxUnavailable as err:  # fail closed unless the machine is known to lack the sandbox
        if os.environ.get("MOT_SANDBOX_SKIP_UNAVAILABLE") == "1":
            pytest.skip(str(err))
        raise


def test_passing_programs_are_verified_failing_ones_dropped_untested_ones_left_alone(tmp_path):
    tests = {"tests": [{"input": "2 3\n", "output": "5\n"}, {"input": "10 -4\n", "output": "6\n"}]}
    add = "```python\na, b = map(int, input().split())\nprint(a + b)\n```"
    docs = [
        trace_doc(r1(add), domain="code", doc_id="c:right", reference=tests),
        trace_doc(r1(add.replace("a + b", "a - b")), domain="code", doc_id="c:wrong", reference=tests),
        trace_doc(r1("No code here."), domain="code", doc_id="c:nocode", reference=tests),
        trace_doc(r1(add), domain="code", doc_id="c:untested"),
    ]
    kept, records = run_decision_step(CodeVerify(tmp_path), docs)
    assert [d.id for d in kept] == ["c:right", "c:untested"]
    assert kept[0].metadata["verification"] == "verified" and kept[1].metadata["verification"] == "unverified"
    assert records["c:wrong"]["reason"] == "tests_failed" and records["c:nocode"]["reason"] == "no_code_block"


def test_code_verdicts_go_through_the_upstream_label_policy(tmp_path):
    """``upstream_labels: require_ours`` on a code source: a program we could not judge is dropped, one we
    verified is kept, and our verdict is recorded either way (as for math and science)."""
    tests = {"tests": [{"input": "2 3\n", "output": "5\n"}]}
    add = "```python\na, b = map(int, input().split())\nprint(a + b)\n```"
    docs = [trace_doc(r1(add), domain="code", doc_id="c:judged", reference=tests, upstream_policy="require_ours"),
            trace_doc(r1(add), domain="code", doc_id="c:untested", upstream_policy="require_ours")]
    kept, records = run_decision_step(CodeVerify(tmp_path), docs)
    assert [d.id for d in kept] == ["c:judged"] and kept[0].metadata["our_verdict"] == "correct"
    assert records["c:untested"]["reason"] == "unverified"
