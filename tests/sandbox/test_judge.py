import json
import textwrap

from click.testing import CliRunner

from mot.sandbox import (AC, CE, MLE, OLE, RE, SKIPPED, TLE, UNDECIDED, WA, Checker, CompareRule, ExtractedCode,
                         Limits, TestCase, judge, split_assert_script)
from mot.sandbox.cli import sandbox as sandbox_group

ADD_PY = "a, b = map(int, input().split())\nprint(a + b)\n"
ADD_CPP = "#include <bits/stdc++.h>\nint main(){long long a,b;std::cin>>a>>b;std::cout<<a+b<<'\\n';}\n"
T = [TestCase.stdio("1 2", "3"), TestCase.stdio("5 5\n", "10\n"), TestCase.stdio("-1 1", "0")]


def test_stdio_python_and_cpp_accepted(sb):
    for lang, src in (("python", ADD_PY), ("cpp", ADD_CPP)):
        v = judge(src, lang, T, CompareRule(), Limits(), sb)
        assert (v.passed, v.total, v.first_failure) == (3, 3, None) and v.accepted()


def test_extracted_code_carries_lang(sb):
    v = judge(ExtractedCode(ADD_CPP, "cpp"), None, T, None, None, sb)
    assert v.accepted() and v.compile_result is not None


def test_wa_first_failure_and_early_stop(sb):
    src = "a, b = map(int, input().split())\nprint(a + b if a != 5 else 0)\n"
    v = judge(src, "python", T, CompareRule(), Limits(), sb)
    assert v.passed == 1 and v.first_failure.index == 1 and v.first_failure.verdict == WA
    assert [t.verdict for t in v.tests] == [AC, WA, SKIPPED]
    v = judge(src, "python", T, CompareRule(), Limits(), sb, stop_on_first_failure=False)
    assert [t.verdict for t in v.tests] == [AC, WA, AC]
    assert not v.accepted() and v.accepted(min_pass_rate=0.6)


def test_verdict_kinds(sb):
    lim = Limits(time_limit=1, memory_mb=256, output_limit=1 << 20)
    one = [TestCase.stdio("", "x")]
    cases = {
        "import sys\nsys.exit(3)": RE,
        "while True: pass": TLE,
        "x = bytearray(1 << 33)": MLE,
        "print('x' * (4 << 20))": OLE,
        "print('y')": WA,
        "print('x')": AC,
    }
    for src, want in cases.items():
        assert judge(src, "python", one, None, lim, sb).tests[0].verdict == want, src
    v = judge("int main(){ return undeclared; }", "cpp", one * 3, None, lim, sb)
    assert v.first_failure.verdict == CE and "undeclared" in v.first_failure.detail and v.passed == 0
    assert judge("int main(){ int *p = 0; return *p; }", "cpp", one, None, lim, sb).tests[0].verdict == RE


def test_tle_judged_on_cpu_not_wall(sb):
    # sleeping uses no CPU: with a generous wall limit it is not a TLE
    v = judge("import time\ntime.sleep(1.5)\nprint('x')", "python", [TestCase.stdio("", "x")], None,
              Limits(time_limit=1, wall_limit=10), sb)
    assert v.accepted()


def test_float_and_yes_no_problems(sb):
    third = [TestCase.stdio("3", "0.333333333")]
    rule = CompareRule(float_tol=1e-6)
    assert judge("print(1/int(input()))", "python", third, rule, None, sb).accepted()
    assert judge("print(f'{1/int(input()):.7f}')", "python", third, rule, None, sb).accepted()
    wrong = judge("print(f'{1/int(input()):.3f}')", "python", third, rule, None, sb)
    assert wrong.first_failure.verdict == WA and "expected '0.333333333', got '0.333'" in wrong.first_failure.detail
    yes = [TestCase.stdio("4", "YES"), TestCase.stdio("3", "NO")]
    assert judge("print('Yes' if int(input()) % 2 == 0 else 'no')", "python", yes, None, None, sb).accepted()
    wrong = judge("print('Yes' if int(input()) % 2 == 1 else 'no')", "python", yes, None, None, sb)
    assert wrong.first_failure.verdict == WA and wrong.first_failure.index == 0


# open-r1/codeforces generated_checker convention: checker.py input correct_output solution_output, prints 1/0
SUM_CHECKER = textwrap.dedent("""
    import os, sys
    inp, correct, got = [open(p).read().split() for p in sys.argv[1:]]
    assert os.getuid() != 0
    n = int(inp[0])
    try:
        a, b = map(int, got)
        print(1 if a + b == n and a >= 0 and b >= 0 else 0)
    except ValueError:
        print(0)
""")


def test_checker_program_judges_other_answers(sb):
    # "print two non-negative numbers with sum n": any split is right
    rule = CompareRule(checker=Checker(SUM_CHECKER))
    tests = [TestCase.stdio("5", "0 5"), TestCase.stdio("7", "0 7")]
    right = judge("n = int(input())\nprint(n // 2, n - n // 2)", "python", tests, rule, None, sb)
    assert right.accepted() and [t.verdict for t in right.tests] == [AC, AC]
    wrong = judge("n = int(input())\nprint(n // 2, n // 2)", "python", [TestCase.stdio("4", "0 4")] + tests, rule,
                  None, sb, stop_on_first_failure=False)  # 2 2 is right for 4, 2 2 is wrong for 5
    assert [t.verdict for t in wrong.tests] == [AC, WA, WA] and "checker" in wrong.first_failure.detail
    assert not wrong.accepted() and wrong.unverified_reason is None


def test_crashing_checker_leaves_unverified_never_wa(sb):
    rule = CompareRule(checker=Checker("raise SystemExit('checker bug')"))
    v = judge("print(1, 4)", "python", [TestCase.stdio("5", "0 5")], rule, None, sb)
    assert v.unverified_reason == "checker_failed" and not v.accepted() and v.first_failure.verdict == UNDECIDED
    # the same crashing checker is never consulted when the output equals the expected one
    assert judge("print(0, 5)", "python", [TestCase.stdio("5", "0 5")], rule, None, sb).accepted()


def test_needs_checker_without_one_is_unverified_unless_equal(sb):
    rule = CompareRule(needs_checker=True)
    tests = [TestCase.stdio("5", "0 5")]
    assert judge("print(0, 5)", "python", tests, rule, None, sb).accepted()
    other = judge("print(1, 4)", "python", tests, rule, None, sb)
    assert other.unverified_reason == "needs_checker" and not other.accepted()
    crash = judge("print(1, 4)\nraise ValueError", "python", tests, rule, None, sb)  # a crash is a crash
    assert crash.unverified_reason is None and crash.first_failure.verdict == RE


def test_call_based(sb):
    src = "def add(a, b):\n    return a + b\n"
    tests = [TestCase.call("assert add(1, 2) == 3"), TestCase.call("assert add(2, 2) == 5"),
             TestCase.call("assert add(0, 0) == 0")]
    v = judge(src, "python", tests, None, None, sb, stop_on_first_failure=False)
    assert [t.verdict for t in v.tests] == [AC, WA, AC] and "add(2, 2)" in v.first_failure.detail
    v = judge(src, "python", tests, None, None, sb)
    assert [t.verdict for t in v.tests] == [AC, WA, SKIPPED]
    # load failure, TLE inside one test, the program ending the process
    v = judge("def add(:\n", "python", tests, None, None, sb)
    assert v.first_failure.verdict == RE and "load" in v.first_failure.detail
    v = judge("def f():\n    while True: pass\n", "python", [TestCase.call("f()")], None, Limits(time_limit=1), sb)
    assert v.first_failure.verdict == TLE
    v = judge("import os\ndef f(): os._exit(0)\n", "python", [TestCase.call("f()"), TestCase.call("pass")], None, None, sb)
    assert v.first_failure.verdict == RE and v.passed == 0


def test_split_assert_script():
    script = "s = Solution()\n\nx = {'a': 1}\nassert s.f(**x) == 1\n\nx = {'a': 2}\nassert s.f(\n  **x) == 2\n"
    chunks = split_assert_script(script)
    assert len(chunks) == 2 and "Solution()" in chunks[0] and chunks[1].strip().startswith("x = {'a': 2}")


def test_cli_run(tmp_path):
    prog = tmp_path / "p.py"
    prog.write_text("print(int(input()) * 2)\n")
    (tmp_path / "in").write_text("21\n")
    (tmp_path / "exp").write_text("42\n")
    res = CliRunner().invoke(sandbox_group, ["run", "--lang", "python", str(prog), "--stdin", str(tmp_path / "in"),
                                             "--expected", str(tmp_path / "exp"), "--time-limit", "2",
                                             "--memory-limit", "256"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert d["verdict"] == AC and d["stdout"] == "42\n" and d["isolated"] and d["exit_code"] == 0
    assert {"cpu_time", "wall_time", "peak_memory_mb", "stderr", "stdout_truncated"} <= d.keys()
    prog.write_text("raise SystemExit(4)")
    res = CliRunner().invoke(sandbox_group, ["run", "--lang", "python", str(prog)])
    assert res.exit_code == 0 and json.loads(res.output)["verdict"] == RE  # the sandbox worked


def test_the_trace_budget_caps_all_tests_together(sb):
    """Each test passes well inside its own limit, but together they outlast the trace's budget:
    the trace ends unverified (``trace_timeout``), never a WA or TLE; a fast twin under the same budget passes."""
    slow = "import time\ntime.sleep(0.6)\na, b = map(int, input().split())\nprint(a + b)\n"
    tests = [TestCase.stdio("1 2", "3")] * 6
    v = judge(slow, "python", tests, CompareRule(), Limits(time_limit=2.0, wall_limit=3.0), sb, time_budget_s=1.5)
    assert v.unverified_reason == "trace_timeout" and v.first_failure is None
    assert v.passed < 6 and v.tests[-1].verdict == SKIPPED
    fast = judge(ADD_PY, "python", tests, CompareRule(), Limits(time_limit=2.0, wall_limit=3.0), sb, time_budget_s=30)
    assert fast.accepted() and fast.unverified_reason is None


def test_the_trace_budget_also_caps_assert_tests(sb):
    """Call-based tests run in one harness process: the budget is its wall limit; a fast twin passes."""
    slow = "import time\ndef f(x):\n    time.sleep(0.6)\n    return x\n"
    tests = [TestCase.call(f"assert f({i}) == {i}") for i in range(6)]
    v = judge(slow, "python", tests, None, Limits(time_limit=2.0), sb, time_budget_s=1.5)
    assert v.unverified_reason == "trace_timeout" and v.first_failure is None
    fast = judge("def f(x):\n    return x\n", "python", tests, None, Limits(time_limit=2.0), sb, time_budget_s=30)
    assert fast.accepted() and fast.unverified_reason is None
