"""The CodeVerify step end to end: fates and the per-test evidence a curator reads in the ledger."""
import pytest
from datatrove.data import Document

from mot.steps.verify_code import CodeVerify

F = "`" * 3
SUM_STATEMENT = "Read n numbers and print their sum."


def doc(program, reference, statement=SUM_STATEMENT, lang="python"):
    answer = f"<think>\nsum them\n</think>\n{F}{lang}\n{program}\n{F}\n"
    return Document(text=statement, id="t", metadata={
        "domain": "code", "source": "s", "reference": reference, "verification": "unverified",
        "messages": [{"role": "user", "content": statement}, {"role": "assistant", "content": answer}]})


SUM_TESTS = {"tests": [{"input": "2\n1 2\n", "output": "3\n", "name": "public 0"},
                       {"input": "3\n1 2 3\n", "output": "6\n", "name": "private 0"},
                       {"input": "1\n7\n", "output": "7\n", "name": "generated 0"}]}


@pytest.fixture(scope="module")
def step(isolation, tmp_path_factory):
    s = CodeVerify(str(tmp_path_factory.mktemp("ledger")), threads=1)
    s.setup()
    yield s
    s.teardown()


def test_right_program_verified_on_every_test(step):
    d = doc("input()\nprint(sum(map(int, input().split())))", SUM_TESTS)
    assert step._judge(d) is None and d.metadata["verification"] == "verified"
    assert d.metadata["verify_detail"] == "3/3 tests passed"


def test_wrong_program_dropped_with_the_failing_test_and_token(step):
    d = doc("n = int(input())\nxs = list(map(int, input().split()))\nprint(sum(xs) if n < 3 else max(xs))", SUM_TESTS)
    drop = step._judge(d)
    assert drop.reason == "tests_failed"
    assert drop.detail == "1/3 tests passed; first failure: test 1 (private 0) WA: token 0: expected '6', got '3'"
    crash = step._judge(doc("print(1 // 0)", SUM_TESTS))
    assert crash.reason == "tests_failed" and "test 0 (public 0) RE" in crash.detail and "ZeroDivisionError" in crash.detail


def test_interactive_problem_left_unverified(step):
    statement = "This is an interactive problem. Guess the number; flush the output after each query."
    d = doc("print(1)", {"tests": [{"input": "5", "output": "5"}]}, statement)
    assert step._judge(d) is None and d.metadata["verification"] == "unverified"
    assert d.metadata["verify_detail"].startswith("interactive")


def test_several_answers_without_checker(step):
    statement = "Print two non-negative integers with sum n. If there are several answers, print any of them."
    reference = {"tests": [{"input": "5", "output": "0 5"}]}
    same = doc("n = int(input())\nprint(0, n)", reference, statement)
    assert step._judge(same) is None and same.metadata["verification"] == "verified"
    other = doc("n = int(input())\nprint(1, n - 1)", reference, statement)
    assert step._judge(other) is None and other.metadata["verification"] == "unverified"
    assert other.metadata["verify_detail"].startswith("needs_checker")


def test_shipped_checker_decides(step):
    statement = "Print two non-negative integers with sum n. If there are several answers, print any of them."
    checker = ("import sys\ninp, _, got = [open(p).read().split() for p in sys.argv[1:]]\n"
               "print(1 if len(got) == 2 and int(got[0]) + int(got[1]) == int(inp[0]) else 0)\n")
    reference = {"tests": [{"input": "5", "output": "0 5"}], "checker": checker}
    other = doc("n = int(input())\nprint(1, n - 1)", reference, statement)
    assert step._judge(other) is None and other.metadata["verification"] == "verified"
    wrong = step._judge(doc("n = int(input())\nprint(1, n)", reference, statement))
    assert wrong.reason == "tests_failed" and "rejected by the problem's checker" in wrong.detail


def test_float_tolerance_from_statement(step):
    statement = "Print n/3. Your answer is accepted if its absolute or relative error does not exceed 10^{-6}."
    reference = {"tests": [{"input": "1", "output": "0.333333333333"}]}
    d = doc("print(int(input()) / 3)", reference, statement)
    assert step._judge(d) is None and d.metadata["verification"] == "verified"
    assert step._judge(doc("print(round(int(input()) / 3, 3))", reference, statement)).reason == "tests_failed"


def test_bad_reference_is_a_recorded_reason_not_a_crash(step):
    d = doc("print(1)", {"tests": [{"input": 5}]})
    assert step._judge(d) is None and d.metadata["verify_detail"].startswith("bad_tests: test 0 must be")
