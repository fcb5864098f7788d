"""Programs written the way competitive programmers write them must be accepted, as on Codeforces;
each has a twin that must be rejected."""
import textwrap

from mot.sandbox import CE, RE, WA, CompareRule, Limits, TestCase, judge, problem_from_reference

ECHO_SUM = [TestCase.stdio("3\n1 2 3\n", "6\n"), TestCase.stdio("2\n10 -4\n", "6\n")]
LIM = Limits(time_limit=5, memory_mb=512)


def accepted(sb, src, lang="python", tests=ECHO_SUM, **kw):
    return judge(textwrap.dedent(src), lang, tests, kw.pop("compare", None), kw.pop("limits", LIM), sb, **kw)


def test_exit_quit_and_sys_exit_after_answering(sb):
    for ending in ("exit()", "quit()", "sys.exit()", "sys.exit(0)", "exit(0)", "raise SystemExit"):
        src = f"import sys\nn = int(input())\nprint(sum(map(int, input().split())))\n{ending}\nprint('unreachable')\n"
        v = accepted(sb, src)
        assert v.accepted(), (ending, v.first_failure)
    for ending in ("exit(1)", "quit(3)", "sys.exit('bad')"):  # a non-zero exit is a runtime error
        src = f"import sys\nn = int(input())\nprint(sum(map(int, input().split())))\n{ending}\n"
        assert accepted(sb, src).first_failure.verdict == RE, ending


def test_deep_recursion_python(sb):
    src = """
        import sys
        sys.setrecursionlimit(300000)
        def depth(k):
            return 0 if k == 0 else 1 + depth(k - 1)
        n = int(input()); xs = list(map(int, input().split()))
        assert depth(100000) == 100000
        print(sum(xs))
    """
    assert accepted(sb, src).accepted()
    # the same recursion without raising the limit fails, as it does on a judge
    assert accepted(sb, src.replace("sys.setrecursionlimit(300000)", "")).first_failure.verdict == RE


def test_deep_recursion_python_with_lru_cache_and_threads(sb):
    src = """
        import sys, threading
        from functools import lru_cache
        sys.setrecursionlimit(1 << 20)
        @lru_cache(maxsize=None)
        def f(k):
            return 0 if k == 0 else f(k - 1) + 1
        def main():
            n = int(input()); xs = list(map(int, input().split()))
            assert f(100000) == 100000
            print(sum(xs))
        threading.Thread(target=main).start()
    """
    assert accepted(sb, src).accepted()


def test_stdin_idioms(sb):
    idioms = {
        "open0": "data = open(0).read().split()\nprint(sum(map(int, data[1:])))",
        "buffer": "import sys\ndata = sys.stdin.buffer.read().split()\nprint(sum(map(int, data[1:])))",
        "readline": "import sys\ninput = sys.stdin.readline\nn = int(input())\nprint(sum(map(int, input().split())))",
        "os_read": "import os\ndata = os.read(0, 1 << 20).split()\nprint(sum(map(int, data[1:])))",
        "fast_out": "import sys, io, os\ninput = io.BytesIO(os.read(0, os.fstat(0).st_size)).readline\n"
                    "n = int(input())\nsys.stdout.write(str(sum(map(int, input().split()))) + '\\n')",
        "readlines": "import sys\nlines = sys.stdin.readlines()\nprint(sum(map(int, lines[1].split())))",
    }
    for name, src in idioms.items():
        v = accepted(sb, src)
        assert v.accepted(), (name, v.first_failure)
    v = accepted(sb, "data = open(0).read().split()\nprint(sum(map(int, data)))")  # counts n too
    assert v.first_failure.verdict == WA and "expected '6', got '9'" in v.first_failure.detail


CPP_DEEP = r"""
#include <bits/stdc++.h>
using namespace std;
vector<int> nxt;
long long hash_path(int u) {  // DFS down a path; the modulo after the call keeps it a real recursion
    long long below = nxt[u] < 0 ? 0 : hash_path(nxt[u]);
    return (below * 31 + u) % 1000000007;
}
int depth(int n) {
    nxt.assign(n, -1);
    for (int i = 0; i + 1 < n; i++) nxt[i] = i + 1;
    return hash_path(0) >= 0 ? n : -1;
}
int main() {
    ios::sync_with_stdio(false); cin.tie(nullptr);
    int n; cin >> n; long long s = 0;
    for (int i = 0; i < n; i++) { long long x; cin >> x; s += x; }
    if (depth(DEPTH) != DEPTH) return 1;
    cout << s << '\n';
}
"""


def test_cpp_bits_stdcpp_and_deep_recursion(sb):
    v = accepted(sb, CPP_DEEP.replace("DEPTH", "1000000"), "cpp")
    assert v.accepted(), v.first_failure
    # the stack is the memory limit (a default 8 MB stack overflows at 10^6 frames of this); ten
    # times deeper in 64 MB overflows it
    v = accepted(sb, CPP_DEEP.replace("DEPTH", "10000000"), "cpp", limits=Limits(time_limit=5, memory_mb=64))
    assert v.first_failure.verdict == RE, v.first_failure


def test_cpp20_when_asked(sb):
    src = """
        #include <bits/stdc++.h>
        int main() { int n; std::cin >> n; std::vector<long long> v(n); for (auto& x : v) std::cin >> x;
                     std::ranges::sort(v); std::cout << std::accumulate(v.begin(), v.end(), 0LL) << "\\n"; }
    """
    assert accepted(sb, src, "cpp", cpp_standard="c++20").accepted()
    assert accepted(sb, src, "cpp").first_failure.verdict == CE  # C++17 by default, as Codeforces' G++17
    assert accepted(sb, "#ifdef ONLINE_JUDGE\nint main(){return 0;}\n#endif\n", "cpp",
                    tests=[TestCase.stdio("", "")]).accepted()


def test_file_input_mode(sb):
    tests = [TestCase.stdio("2 3\n", "5\n"), TestCase.stdio("10 -1\n", "9\n")]
    files = """
        a, b = map(int, open('input.txt').read().split())
        open('output.txt', 'w').write(str(a + b) + '\\n')
    """
    assert accepted(sb, files, tests=tests, input_mode="file").accepted()
    cpp = """
        #include <bits/stdc++.h>
        int main() { freopen("input.txt", "r", stdin); freopen("output.txt", "w", stdout);
                     long long a, b; std::cin >> a >> b; std::cout << a + b << "\\n"; }
    """
    assert accepted(sb, cpp, "cpp", tests=tests, input_mode="file").accepted()
    # stdin is empty and stdout is not read in a file problem
    v = accepted(sb, "a, b = map(int, input().split())\nprint(a + b)", tests=tests, input_mode="file")
    assert v.first_failure.verdict == RE
    v = accepted(sb, "a, b = map(int, open('input.txt').read().split())\nprint(a + b)", tests=tests, input_mode="file")
    assert v.first_failure.verdict == WA and "output.txt" in v.first_failure.detail


def test_a_run_starts_from_fresh_state(sb):
    # files and processes of one test do not survive into the next
    src = """
        import os, subprocess
        seen = os.path.exists('/box/mark') or os.path.exists('/tmp/mark')
        open('/box/mark', 'w').write('x'); open('/tmp/mark', 'w').write('x')
        if os.fork() == 0:
            import time; time.sleep(60)
        n = int(input()); print(sum(map(int, input().split())) + (1000 if seen else 0))
    """
    v = accepted(sb, src)
    assert v.accepted(), v.first_failure


def test_problem_from_reference_carries_the_judging_rules():
    reference = {"tests": [{"input": "1", "output": "1", "name": "public 0"}], "checker": "print(1)",
                 "input_mode": "file", "time_limit_s": 1, "memory_limit_mb": 256, "cpp_standard": "c++20"}
    p = problem_from_reference(reference)
    assert p.compare.checker.source == "print(1)" and p.input_mode == "file" and p.tests[0].name == "public 0"
    assert (p.limits.time_limit, p.limits.memory_mb, p.cpp_standard) == (1.0, 256, "c++20")
    assert problem_from_reference({"tests": [], "interactive": True}).unverified_reason == "interactive"
    several = problem_from_reference({"tests": []}, "If there are several answers, print any of them.")
    assert several.compare.needs_checker
    assert not problem_from_reference({"tests": [], "needs_checker": False}, "print any of them").compare.needs_checker
    assert problem_from_reference({"tests": [], "float_tolerance": 1e-4}).compare.float_tol == 1e-4
    for bad in ({"tests": [{"input": 1}]}, {"tests": [], "input_mode": "tape"}, {"tests": [], "checker": 3},
                {"tests": [], "float_tolerance": "tiny"}):
        try:
            problem_from_reference(bad)
        except ValueError:
            continue
        raise AssertionError(f"accepted {bad}")


def test_compare_rule_defaults_are_codeforces():
    rule = CompareRule()
    assert rule.yes_no_case_insensitive and rule.float_tol is None and rule.checker is None
