import time

import pytest

from mot.deadline import DeadlineExceeded, DeadlineWorker, WorkerCrashed
from mot.verifiers.math_answer import verify_answer


@pytest.mark.parametrize(
    ("gold", "final", "correct"),
    [
        ("\\frac{3}{4}", "So the probability is $\\boxed{\\dfrac{3}{4}}$.", True),
        ("0.75", "$\\boxed{\\frac{3}{4}}$", True),
        ("2\\sqrt{5}", "The length is $\\boxed{\\sqrt{20}}$.", True),
        ("(1, -2)", "The point is $\\boxed{(1,-2)}$.", True),
        ("12", "Thus the answer is $\\boxed{13}$.", False),
        ("12", "I could not finish.", False),
    ],
)
def test_boxed_final_answer_against_gold(gold, final, correct):
    assert verify_answer(gold, f"<think>\nWork \\boxed{{999}}.\n</think>\n\n{final}")["correct"] is correct


def test_only_the_text_after_think_counts():
    assert verify_answer("5", "<think>\nMaybe \\boxed{5}?\n</think>\n\nNo: $\\boxed{6}$")["correct"] is False


def test_unparseable_gold_is_unverifiable_not_wrong():
    assert verify_answer("\\text{}", "<think>x</think> \\boxed{1}")["correct"] is None


def test_math_verify_case_suite_agrees(shared_data):
    """math-verify's own test triples (latex-extraction cases) replayed through our configuration."""
    import json

    cases = [json.loads(line) for line in (shared_data / "math_verify_cases" / "math_verify_repo_test_cases.jsonl").open()]
    cases = [c for c in cases if c["checker"] == "compare_strings" and c["match_types"] == ["latex"] and c["precision"] == 6
             and c["strict"] and not c["allow_set_relation_comp"] and "\\boxed" in c["pred"]]
    assert len(cases) >= 20
    disagreements = [c for c in cases if verify_answer(c["gold"].strip("$"), c["pred"])["correct"] is not c["expected_equal"]]
    # Our gold is a bare answer wrapped in \boxed{}, theirs a LaTeX snippet: allow a small margin.
    assert len(disagreements) <= len(cases) // 10, [(c["gold"], c["pred"]) for c in disagreements]


def test_a_hanging_answer_costs_one_timeout_and_the_worker_recovers():
    with DeadlineWorker(verify_answer) as worker:
        started = time.monotonic()
        with pytest.raises(DeadlineExceeded):
            worker.call({"gold": "5", "response": "<think>x</think> \\boxed{(10^{9})!}"}, timeout_s=2)
        assert time.monotonic() - started < 10
        assert worker.restarts == 1
        assert worker.call({"gold": "5", "response": "<think>x</think> \\boxed{5}"}, timeout_s=30)["correct"] is True


def test_worker_errors_are_reported_not_raised_as_crashes_of_the_caller():
    with DeadlineWorker(verify_answer) as worker:
        with pytest.raises(WorkerCrashed, match="TypeError"):
            worker.call({"wrong_argument": 1}, timeout_s=30)


def test_shorthand_latex_that_r1_writes_is_repaired():
    assert verify_answer("\\frac{1}{4}", "<think>x</think> So $\\boxed{\\frac14}$.")["correct"] is True
