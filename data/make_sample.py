"""Generate the bundled sample (written for this project): R1-style traces in three upstream shapes.

Problems come from parametrised families whose answers, tests and options are computed here, so
every gold answer is right by construction; the reasoning text imitates DeepSeek-R1's voice. Each
deliberate defect sits on one trace and is listed in ``EXPECTED.json`` with the ledger reason the
build must give it. Run from the repository root: ``python data/make_sample.py [--out DIR]``.
The output is byte-identical on every run.
"""

from __future__ import annotations

import argparse
import json
import math
import random
from fractions import Fraction
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

OPENERS = ["Okay, so I need to", "Alright, let's see. I have to", "Hmm, let me think about how to", "Okay, let's tackle this. I need to"]
CHECKS = ["Wait, let me double-check that.", "Hmm, let me verify this another way.", "Let me make sure I didn't make an arithmetic mistake.", "Wait, is that right? Let me recompute."]
CLOSERS = ["Yeah, that seems right.", "Okay, that checks out.", "So I'm confident in this answer.", "That matches, good."]


def latex_fraction(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    sign = "-" if value < 0 else ""
    return f"{sign}\\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"


def simplify_sqrt(n: int) -> str:
    outside, inside = 1, n
    for k in range(int(math.isqrt(n)), 1, -1):
        if inside % (k * k) == 0:
            outside, inside = outside * k, inside // (k * k)
            break
    if inside == 1:
        return str(outside)
    return f"{outside}\\sqrt{{{inside}}}" if outside > 1 else f"\\sqrt{{{inside}}}"


# ---------------------------------------------------------------- math families
# Each returns (problem, answer_latex, steps: list[str], wrong_answer_latex)

def divisor_sum(rng: random.Random) -> tuple[str, str, list[str], str]:
    n = rng.choice([36, 48, 60, 72, 84, 90, 96, 100, 120])
    divisors = [d for d in range(1, n + 1) if n % d == 0]
    total = sum(divisors)
    steps = [f"find the sum of all positive divisors of {n}.",
             f"First, factor {n}. Let me list the divisors directly: {', '.join(map(str, divisors))}.",
             f"Adding them up step by step: " + " + ".join(map(str, divisors)) + f" = {total}.",
             "Alternatively I can use the formula for the sum of divisors from the prime factorization, σ(n) = Π (p^(a+1) - 1)/(p - 1).",
             f"Both ways I get {total}."]
    return f"Find the sum of all positive divisors of ${n}$.", str(total), steps, str(total - n)


def linear_equation(rng: random.Random) -> tuple[str, str, list[str], str]:
    a, b, c = rng.randint(2, 9), rng.randint(1, 20), rng.randint(21, 60)
    x = Fraction(c - b, a)
    steps = [f"solve {a}x + {b} = {c} for x.", f"Subtract {b} from both sides: {a}x = {c - b}.",
             f"Divide by {a}: x = {c - b}/{a}" + (f", which simplifies to {x}." if x.denominator != a else "."),
             f"Check: {a}·({x}) + {b} = {a * x + b}. Yes, that's {c}."]
    return f"Solve for $x$: ${a}x + {b} = {c}$.", latex_fraction(x), steps, latex_fraction(x + 1)


def odd_sum(rng: random.Random) -> tuple[str, str, list[str], str]:
    n = rng.randint(12, 60)
    steps = [f"find the sum of the first {n} positive odd integers.", "The odd numbers are 1, 3, 5, ..., and the k-th one is 2k - 1.",
             f"So the last one is 2·{n} - 1 = {2 * n - 1}.", f"The sum of an arithmetic series is (number of terms)·(first + last)/2 = {n}·(1 + {2 * n - 1})/2 = {n}·{n} = {n * n}.",
             f"That's the familiar fact that the sum of the first n odd numbers is n². So {n * n}."]
    return f"What is the sum of the first ${n}$ positive odd integers?", str(n * n), steps, str(n * n + 2 * n + 1)


def divisible_count(rng: random.Random) -> tuple[str, str, list[str], str]:
    big, a, b = rng.choice([100, 200, 300, 500, 1000]), rng.choice([3, 4, 6]), rng.choice([5, 7, 10])
    lcm = a * b // math.gcd(a, b)
    count = big // a + big // b - big // lcm
    steps = [f"count integers from 1 to {big} divisible by {a} or {b}.", "Use inclusion-exclusion.",
             f"Multiples of {a}: floor({big}/{a}) = {big // a}.", f"Multiples of {b}: floor({big}/{b}) = {big // b}.",
             f"Multiples of both, i.e. of lcm({a}, {b}) = {lcm}: floor({big}/{lcm}) = {big // lcm}.",
             f"Total: {big // a} + {big // b} - {big // lcm} = {count}."]
    return f"How many integers from $1$ to ${big}$ inclusive are divisible by ${a}$ or ${b}$?", str(count), steps, str(count + big // lcm)


def dice_probability(rng: random.Random) -> tuple[str, str, list[str], str]:
    s = rng.randint(3, 11)
    ways = sum(1 for i in range(1, 7) for j in range(1, 7) if i + j == s)
    p = Fraction(ways, 36)
    pairs = ", ".join(f"({i},{s - i})" for i in range(1, 7) if 1 <= s - i <= 6)
    steps = [f"find the probability that two fair dice sum to {s}.", "There are 6 × 6 = 36 equally likely outcomes.",
             f"The pairs that sum to {s} are {pairs}. That's {ways} outcomes.", f"So the probability is {ways}/36 = {p}."]
    return f"Two fair six-sided dice are rolled. What is the probability that the sum of the numbers shown is ${s}$?", latex_fraction(p), steps, latex_fraction(Fraction(ways + 1, 36))


def hypotenuse(rng: random.Random) -> tuple[str, str, list[str], str]:
    a, b = rng.randint(2, 12), rng.randint(2, 12)
    c2 = a * a + b * b
    steps = [f"find the hypotenuse of a right triangle with legs {a} and {b}.", f"By the Pythagorean theorem, c² = {a}² + {b}² = {a * a} + {b * b} = {c2}.",
             f"So c = √{c2}. Let me simplify: " + (f"{c2} is a perfect square, so c = {math.isqrt(c2)}." if math.isqrt(c2) ** 2 == c2 else f"√{c2} = {simplify_sqrt(c2)}.")]
    return f"A right triangle has legs of length ${a}$ and ${b}$. What is the length of its hypotenuse?", simplify_sqrt(c2), steps, simplify_sqrt(c2 + 1)


def root_sum_product(rng: random.Random) -> tuple[str, str, list[str], str]:
    r1, r2 = rng.randint(-9, 9) or 2, rng.randint(1, 9)
    p, q = r1 + r2, r1 * r2
    square = r1 * r1 + r2 * r2
    steps = [f"find the sum of the squares of the roots of x² - {p}x + {q} = 0.", f"By Vieta, r + s = {p} and rs = {q}.",
             f"Then r² + s² = (r + s)² - 2rs = {p * p} - {2 * q} = {square}.", f"Check with the actual roots {r1} and {r2}: {r1 * r1} + {r2 * r2} = {square}."]
    sign = "-" if q < 0 else "+"
    return f"Let $r$ and $s$ be the roots of $x^2 - {p}x {sign} {abs(q)} = 0$. Find $r^2 + s^2$.", str(square), steps, str(p * p)


def power_mod(rng: random.Random) -> tuple[str, str, list[str], str]:
    a, k, m = rng.randint(2, 9), rng.randint(20, 99), rng.choice([7, 11, 13])
    value = pow(a, k, m)
    cycle = []
    x = 1
    for _ in range(m):
        x = x * a % m
        cycle.append(x)
        if x == 1:
            break
    steps = [f"find the remainder of {a}^{k} divided by {m}.", f"Look at powers of {a} mod {m}: " + ", ".join(map(str, cycle)) + ".",
             f"The cycle length is {len(cycle)}.", f"{k} mod {len(cycle)} = {k % len(cycle)}, so {a}^{k} ≡ {a}^{k % len(cycle) or len(cycle)} ≡ {value} (mod {m})."]
    return f"What is the remainder when ${a}^{{{k}}}$ is divided by ${m}$?", str(value), steps, str((value + 1) % m)


def lcm_problem(rng: random.Random) -> tuple[str, str, list[str], str]:
    a, b = rng.choice([12, 18, 20, 24, 28]), rng.choice([15, 21, 30, 35, 42])
    g = math.gcd(a, b)
    steps = [f"find lcm({a}, {b}).", f"gcd({a}, {b}) = {g} by the Euclidean algorithm.", f"lcm = {a}·{b}/{g} = {a * b}/{g} = {a * b // g}."]
    return f"Find the least common multiple of ${a}$ and ${b}$.", str(a * b // g), steps, str(a * b)


def system_product(rng: random.Random) -> tuple[str, str, list[str], str]:
    x, y = rng.randint(3, 15), rng.randint(1, 9)
    steps = [f"find xy given x + y = {x + y} and x - y = {x - y}.", f"Adding the equations: 2x = {2 * x}, so x = {x}.",
             f"Then y = {x + y} - {x} = {y}.", f"So xy = {x}·{y} = {x * y}."]
    return f"If $x + y = {x + y}$ and $x - y = {x - y}$, what is the value of $xy$?", str(x * y), steps, str(x * y + x)


MATH_FAMILIES = [divisor_sum, linear_equation, odd_sum, divisible_count, dice_probability, hypotenuse, root_sum_product, power_mod, lcm_problem, system_product]


def reasoning(rng: random.Random, steps: list[str]) -> str:
    parts = [f"{rng.choice(OPENERS)} {steps[0]}"]
    for step in steps[1:]:
        parts.append(step)
        if rng.random() < 0.35:
            parts.append(rng.choice(CHECKS))
    parts.append(rng.choice(CLOSERS))
    return "\n\n".join(parts)


def math_generation(rng: random.Random, steps: list[str], answer: str) -> str:
    summary = "\n".join(f"{i}. {s[0].upper()}{s[1:]}" for i, s in enumerate(steps[1:], 1))
    return f"<think>\n{reasoning(rng, steps)}\n</think>\n\n**Solution.**\n\n{summary}\n\nTherefore the answer is $\\boxed{{{answer}}}$."


def long_casework(rng: random.Random) -> tuple[str, str, str]:
    """A correct, varied, very long trace: enumerate every n ≤ 2400 and test it (> 32,768 tokens)."""
    limit = 2400
    lines = ["Okay, so I need to count the integers n from 1 to 2400 for which n² + n + 1 is divisible by 7. I'll just go through them carefully one by one, computing the residue each time."]
    count = 0
    for n in range(1, limit + 1):
        value = n * n + n + 1
        hit = value % 7 == 0
        count += hit
        lines.append(f"n = {n}: n² + n + 1 = {value}, and {value} mod 7 = {value % 7}" + (f", divisible, so the count is now {count}." if hit else "."))
    lines.append(f"So in total {count} values of n work. Wait, let me sanity check with residues: n ≡ 2 or 4 (mod 7) are the solutions, and each residue class has about 2400/7 members. That gives {count}, consistent.")
    generation = "<think>\n" + "\n".join(lines) + f"\n</think>\n\nChecking residues mod 7, exactly $n \\equiv 2, 4 \\pmod 7$ work, so the count is $\\boxed{{{count}}}$."
    return "How many integers $n$ with $1 \\le n \\le 2400$ make $n^2 + n + 1$ divisible by $7$?", str(count), generation


# ---------------------------------------------------------------- code families
# (title, statement, input format, output format, reference solver, python program, c++ program, test inputs)

def tests_of(solver, inputs: list[str]) -> list[dict[str, str]]:
    return [{"input": i, "output": solver(i)} for i in inputs]


def _ints(text: str) -> list[int]:
    return [int(t) for t in text.split()]


CODE_FAMILIES = [
    ("Array Sum", "You are given an array of $n$ integers. Print the sum of its elements.", "The first line contains $n$ ($1 \\le n \\le 10^5$). The second line contains $n$ integers $a_i$ ($|a_i| \\le 10^9$).", "Print one integer: the sum.",
     lambda s: str(sum(_ints(s)[1:])) + "\n",
     "n = int(input())\na = list(map(int, input().split()))\nprint(sum(a))\n",
     "#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n    int n; cin >> n;\n    long long s = 0;\n    for (int i = 0; i < n; ++i) { long long x; cin >> x; s += x; }\n    cout << s << \"\\n\";\n}\n",
     ["3\n1 2 3\n", "1\n-5\n", "4\n1000000000 1000000000 1000000000 1000000000\n", "5\n-1 -2 3 4 -5\n"]),
    ("Spread", "Given $n$ integers, print the difference between the largest and the smallest of them.", "The first line contains $n$ ($1 \\le n \\le 2 \\cdot 10^5$); the second line $n$ integers $a_i$ ($0 \\le a_i \\le 10^9$).", "Print $\\max a - \\min a$.",
     lambda s: str(max(_ints(s)[1:]) - min(_ints(s)[1:])) + "\n",
     "n = int(input())\na = list(map(int, input().split()))\nprint(max(a) - min(a))\n",
     "#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n    int n; cin >> n;\n    vector<long long> a(n);\n    for (auto &x : a) cin >> x;\n    cout << *max_element(a.begin(), a.end()) - *min_element(a.begin(), a.end()) << \"\\n\";\n}\n",
     ["3\n4 1 7\n", "1\n5\n", "5\n2 2 2 2 2\n", "4\n0 1000000000 3 9\n"]),
    ("Even Count", "Count how many of the given $n$ numbers are even.", "The first line contains $n$ ($1 \\le n \\le 10^5$), the second line $n$ integers ($1 \\le a_i \\le 10^9$).", "Print the number of even $a_i$.",
     lambda s: str(sum(1 for x in _ints(s)[1:] if x % 2 == 0)) + "\n",
     "n = int(input())\nprint(sum(1 for x in map(int, input().split()) if x % 2 == 0))\n",
     "#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n    int n, c = 0; cin >> n;\n    for (int i = 0; i < n; ++i) { long long x; cin >> x; if (x % 2 == 0) ++c; }\n    cout << c << \"\\n\";\n}\n",
     ["5\n1 2 3 4 5\n", "3\n1 3 5\n", "4\n2 4 6 8\n", "1\n1000000000\n"]),
    ("Palindrome Check", "Given a string $s$ of lowercase letters, print YES if it reads the same backwards, otherwise NO.", "One line with $s$ ($1 \\le |s| \\le 10^5$).", "Print YES or NO.",
     lambda s: ("YES" if s.strip() == s.strip()[::-1] else "NO") + "\n",
     "s = input().strip()\nprint(\"YES\" if s == s[::-1] else \"NO\")\n",
     "#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n    string s; cin >> s;\n    string r(s.rbegin(), s.rend());\n    cout << (s == r ? \"YES\" : \"NO\") << \"\\n\";\n}\n",
     ["abba\n", "abc\n", "a\n", "racecar\n", "ab\n"]),
    ("Fibonacci Modulo", "Print the $n$-th Fibonacci number modulo $10^9+7$, where $F_1 = F_2 = 1$.", "One integer $n$ ($1 \\le n \\le 10^6$).", "Print $F_n \\bmod (10^9+7)$.",
     lambda s: str(_fib(int(s))) + "\n",
     "n = int(input())\na, b = 1, 1\nfor _ in range(n - 1):\n    a, b = b, (a + b) % (10**9 + 7)\nprint(a)\n",
     "#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n    long long n; cin >> n;\n    const long long M = 1000000007;\n    long long a = 1, b = 1;\n    for (long long i = 1; i < n; ++i) { long long t = (a + b) % M; a = b; b = t; }\n    cout << a << \"\\n\";\n}\n",
     ["1\n", "2\n", "10\n", "100\n", "1000000\n"]),
    ("Pair GCD", "For each of $t$ pairs $(a, b)$ print $\\gcd(a, b)$.", "The first line contains $t$ ($1 \\le t \\le 10^4$). Each of the next $t$ lines has $a$ and $b$ ($1 \\le a, b \\le 10^{18}$).", "For each pair print the gcd on its own line.",
     lambda s: "".join(f"{math.gcd(*map(int, line.split()))}\n" for line in s.strip().split("\n")[1:]),
     "import math\nt = int(input())\nfor _ in range(t):\n    a, b = map(int, input().split())\n    print(math.gcd(a, b))\n",
     "#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n    int t; cin >> t;\n    while (t--) { long long a, b; cin >> a >> b; cout << __gcd(a, b) << \"\\n\"; }\n}\n",
     ["3\n12 18\n7 13\n100 75\n", "1\n1 1\n", "2\n1000000000000000000 999999999999999999\n48 180\n"]),
    ("Range Sums", "Given an array and $q$ queries $(l, r)$, print $a_l + \\dots + a_r$ for each query (1-indexed).", "First line: $n$ and $q$. Second line: $n$ integers. Next $q$ lines: $l$ and $r$.", "For each query, one line with the sum.",
     lambda s: _range_sums(s),
     "import sys\ndata = sys.stdin.read().split()\nn, q = int(data[0]), int(data[1])\na = list(map(int, data[2:2 + n]))\npre = [0]\nfor x in a:\n    pre.append(pre[-1] + x)\nout = []\npos = 2 + n\nfor _ in range(q):\n    l, r = int(data[pos]), int(data[pos + 1])\n    pos += 2\n    out.append(str(pre[r] - pre[l - 1]))\nprint(\"\\n\".join(out))\n",
     "#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n    int n, q; cin >> n >> q;\n    vector<long long> pre(n + 1, 0);\n    for (int i = 1; i <= n; ++i) { long long x; cin >> x; pre[i] = pre[i - 1] + x; }\n    while (q--) { int l, r; cin >> l >> r; cout << pre[r] - pre[l - 1] << \"\\n\"; }\n}\n",
     ["5 3\n1 2 3 4 5\n1 5\n2 3\n4 4\n", "1 1\n7\n1 1\n", "4 2\n-1 -1 -1 -1\n1 4\n2 3\n"]),
    ("Distinct Values", "Print the number of distinct values among $n$ integers.", "First line $n$ ($1 \\le n \\le 2 \\cdot 10^5$), second line $n$ integers.", "Print the count of distinct values.",
     lambda s: str(len(set(_ints(s)[1:]))) + "\n",
     "n = int(input())\nprint(len(set(input().split())))\n",
     "#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n    int n; cin >> n;\n    set<long long> s;\n    for (int i = 0; i < n; ++i) { long long x; cin >> x; s.insert(x); }\n    cout << s.size() << \"\\n\";\n}\n",
     ["5\n1 2 2 3 3\n", "1\n9\n", "4\n5 5 5 5\n", "6\n1 2 3 4 5 6\n"]),
    ("Sort Them", "Print the given $n$ integers in non-decreasing order.", "First line $n$, second line $n$ integers.", "Print the sorted sequence separated by spaces.",
     lambda s: " ".join(map(str, sorted(_ints(s)[1:]))) + "\n",
     "n = int(input())\nprint(*sorted(map(int, input().split())))\n",
     "#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n    int n; cin >> n;\n    vector<long long> a(n);\n    for (auto &x : a) cin >> x;\n    sort(a.begin(), a.end());\n    for (int i = 0; i < n; ++i) cout << a[i] << (i + 1 < n ? ' ' : '\\n');\n}\n",
     ["3\n3 1 2\n", "1\n0\n", "5\n5 -1 5 0 2\n"]),
    ("Digit Sum", "For each of $t$ numbers print the sum of its decimal digits.", "First line $t$; then $t$ lines each with an integer $0 \\le x \\le 10^{18}$.", "For each number, its digit sum on its own line.",
     lambda s: "".join(f"{sum(map(int, line.strip()))}\n" for line in s.strip().split("\n")[1:]),
     "t = int(input())\nfor _ in range(t):\n    print(sum(int(c) for c in input().strip()))\n",
     "#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n    int t; cin >> t;\n    while (t--) { string s; cin >> s; int d = 0; for (char c : s) d += c - '0'; cout << d << \"\\n\"; }\n}\n",
     ["3\n123\n0\n999999999999999999\n", "1\n5\n", "2\n1000\n4321\n"]),
    ("Best Segment", "Find the maximum sum of a non-empty contiguous subarray of the given array.", "First line $n$ ($1 \\le n \\le 2 \\cdot 10^5$), second line $n$ integers ($|a_i| \\le 10^9$).", "Print the maximum subarray sum.",
     lambda s: str(_kadane(_ints(s)[1:])) + "\n",
     "n = int(input())\nbest = cur = None\nfor x in map(int, input().split()):\n    cur = x if cur is None or cur < 0 else cur + x\n    best = cur if best is None else max(best, cur)\nprint(best)\n",
     "#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n    int n; cin >> n;\n    long long best = LLONG_MIN, cur = 0;\n    for (int i = 0; i < n; ++i) { long long x; cin >> x; cur = max(x, cur + x); best = max(best, cur); }\n    cout << best << \"\\n\";\n}\n",
     ["5\n-2 1 -3 4 -1\n", "3\n-5 -1 -7\n", "4\n2 2 2 2\n", "6\n3 -4 5 -1 2 -9\n"]),
    ("Vowel Count", "Given a string of lowercase letters, count the vowels (a, e, i, o, u) in it.", "One line with the string ($1 \\le |s| \\le 10^5$).", "Print the number of vowels.",
     lambda s: str(sum(c in "aeiou" for c in s.strip())) + "\n",
     "s = input().strip()\nprint(sum(c in 'aeiou' for c in s))\n",
     "#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n    string s; cin >> s;\n    int c = 0;\n    for (char ch : s) if (string(\"aeiou\").find(ch) != string::npos) ++c;\n    cout << c << \"\\n\";\n}\n",
     ["codeforces\n", "xyz\n", "aeiou\n", "banana\n"]),
    ("Runner-up", "Print the second largest distinct value among the $n$ given integers, or -1 if all values are equal.", "First line $n$ ($1 \\le n \\le 10^5$), second line $n$ integers ($1 \\le a_i \\le 10^9$).", "Print the second largest distinct value or -1.",
     lambda s: str(sorted(set(_ints(s)[1:]))[-2] if len(set(_ints(s)[1:])) > 1 else -1) + "\n",
     "n = int(input())\nv = sorted(set(map(int, input().split())))\nprint(v[-2] if len(v) > 1 else -1)\n",
     "#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n    int n; cin >> n;\n    set<long long> s;\n    for (int i = 0; i < n; ++i) { long long x; cin >> x; s.insert(x); }\n    if (s.size() < 2) cout << -1 << \"\\n\";\n    else cout << *next(s.rbegin()) << \"\\n\";\n}\n",
     ["5\n1 5 3 5 4\n", "3\n7 7 7\n", "2\n1 2\n", "1\n9\n"]),
    ("Power of Two", "For each of $t$ integers decide whether it is a power of two.", "First line $t$ ($1 \\le t \\le 10^4$); each next line has $x$ ($1 \\le x \\le 10^{18}$).", "For each $x$ print YES or NO.",
     lambda s: "".join("YES\n" if (x & (x - 1)) == 0 else "NO\n" for x in _ints(s)[1:]),
     "t = int(input())\nfor _ in range(t):\n    x = int(input())\n    print('YES' if x & (x - 1) == 0 else 'NO')\n",
     "#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n    int t; cin >> t;\n    while (t--) { unsigned long long x; cin >> x; cout << ((x & (x - 1)) == 0 ? \"YES\" : \"NO\") << \"\\n\"; }\n}\n",
     ["4\n1\n6\n1024\n1000000000000000000\n", "1\n2\n", "2\n3\n576460752303423488\n"]),
    ("Set Bits", "For each of $t$ integers print the number of ones in its binary representation.", "First line $t$; each next line has $0 \\le x \\le 10^{18}$.", "For each $x$ print its popcount.",
     lambda s: "".join(f"{bin(x).count('1')}\n" for x in _ints(s)[1:]),
     "t = int(input())\nfor _ in range(t):\n    print(bin(int(input())).count('1'))\n",
     "#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n    int t; cin >> t;\n    while (t--) { unsigned long long x; cin >> x; cout << __builtin_popcountll(x) << \"\\n\"; }\n}\n",
     ["3\n0\n7\n1023\n", "1\n1000000000000000000\n", "2\n5\n8\n"]),
    ("Grid Diagonal", "Given an $n \\times n$ grid of integers, print the sum of the main diagonal minus the sum of the anti-diagonal.", "First line $n$ ($1 \\le n \\le 500$), then $n$ lines of $n$ integers ($|a_{ij}| \\le 10^6$).", "Print one integer.",
     lambda s: str(_diagonals(s)) + "\n",
     "n = int(input())\ng = [list(map(int, input().split())) for _ in range(n)]\nprint(sum(g[i][i] for i in range(n)) - sum(g[i][n - 1 - i] for i in range(n)))\n",
     "#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n    int n; cin >> n;\n    long long d = 0;\n    for (int i = 0; i < n; ++i) for (int j = 0; j < n; ++j) { long long x; cin >> x; if (i == j) d += x; if (i + j == n - 1) d -= x; }\n    cout << d << \"\\n\";\n}\n",
     ["3\n1 2 3\n4 5 6\n7 8 10\n", "1\n5\n", "2\n1 2\n3 4\n"]),
]


def _fib(n: int) -> int:
    a, b = 1, 1
    for _ in range(n - 1):
        a, b = b, (a + b) % (10**9 + 7)
    return a


def _kadane(values: list[int]) -> int:
    best, current = values[0], 0
    for x in values:
        current = max(x, current + x)
        best = max(best, current)
    return best


def _diagonals(text: str) -> int:
    data = _ints(text)
    n, grid = data[0], data[1:]
    return sum(grid[i * n + i] for i in range(n)) - sum(grid[i * n + n - 1 - i] for i in range(n))


def _range_sums(text: str) -> str:
    data = _ints(text)
    n, q = data[0], data[1]
    pre = [0]
    for x in data[2 : 2 + n]:
        pre.append(pre[-1] + x)
    pairs = data[2 + n :]
    return "".join(f"{pre[pairs[2 * i + 1]] - pre[pairs[2 * i] - 1]}\n" for i in range(q))


BROKEN_PROGRAMS = {
    # family index -> (python program with a bug, kind)
    0: ("n = int(input())\na = list(map(int, input().split()))\nprint(sum(a[1:]))\n", "WA"),
    2: ("n = int(input())\nprint(sum(1 for x in map(int, input().split()) if x % 2 == 1))\n", "WA"),
    7: ("n = int(input())\na = input().split()\nprint(len(set(a)) - 1)\n", "WA"),
    4: ("n = int(input())\na, b = 1, 1\ni = 1\nwhile i != n:\n    a, b = b, (a + b) % (10**9 + 7)\n    i += 2\nprint(a)\n", "TLE"),
    5: ("t = int(input())\nfor _ in range(t + 1):\n    a, b = map(int, input().split())\n    print(a % b)\n", "RE"),
}
CPP_COMPILE_ERROR = "#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n    string s; cin >> s\n    string r(s.rbegin(), s.rend());\n    cout << (s == r ? \"YES\" : \"NO\") << endl;\n}\n"


def code_generation(rng: random.Random, title: str, statement: str, lang: str, program: str, with_fence: bool = True) -> str:
    steps = [f"solve \"{title}\". {statement.replace('$', '')}",
             "Let me think about the constraints first, since that decides whether a simple loop is fast enough.",
             "A single pass over the input is O(n), which is fine for these limits.",
             f"I'll read the input, compute the answer and print it. In {'Python' if lang == 'python' else 'C++'} I should be careful with fast input and with overflow.",
             "Let me trace through the first example by hand to make sure the logic is right."]
    code = f"```{lang}\n{program}```" if with_fence else program
    return f"<think>\n{reasoning(rng, steps)}\n</think>\n\nThe idea is a direct simulation of the statement in one pass.\n\n{code}"


# ---------------------------------------------------------------- science families
# (question, options, correct letter, reasoning steps)

def science_items(rng: random.Random) -> list[tuple[str, list[str], int, list[str]]]:
    items = []
    for _ in range(6):
        m, a = rng.randint(2, 20), rng.randint(2, 9)
        items.append((f"A net force acts on a {m} kg cart, giving it an acceleration of {a} m/s². What is the magnitude of the net force?",
                      [f"{m * a} N", f"{m + a} N", f"{m * a * 2} N", f"{m / a:.1f} N"], 0,
                      ["find the net force from Newton's second law.", f"F = ma = {m} kg × {a} m/s² = {m * a} N."]))
    for _ in range(5):
        v, r = rng.randint(3, 24), rng.choice([2, 3, 4, 6])
        items.append((f"A {v * r} V battery drives current through a {r} Ω resistor. What current flows?",
                      [f"{v * r * r} A", f"{v} A", f"{v + r} A", f"{r / (v * r):.2f} A"], 1,
                      ["use Ohm's law, I = V/R.", f"I = {v * r} V / {r} Ω = {v} A."]))
    molar = [("water (H₂O)", 18), ("carbon dioxide (CO₂)", 44), ("methane (CH₄)", 16), ("ammonia (NH₃)", 17), ("oxygen gas (O₂)", 32)]
    for name, mass in molar:
        items.append((f"What is the approximate molar mass of {name}?", [f"{mass - 2} g/mol", f"{mass + 4} g/mol", f"{mass} g/mol", f"{mass * 2} g/mol"], 2,
                       ["add up atomic masses: H ≈ 1, C ≈ 12, N ≈ 14, O ≈ 16.", f"For {name} that gives {mass} g/mol."]))
    for _ in range(5):
        k = rng.randint(2, 12)
        items.append((f"An aqueous solution has [H⁺] = 1 × 10⁻{k} M at 25 °C. What is its pH?", [f"{14 - k}", f"{k + 1}", f"{-k}", f"{k}"], 3,
                      ["recall pH = -log₁₀[H⁺].", f"-log₁₀(10⁻{k}) = {k}."]))
    facts = [
        ("Which organelle is the main site of ATP production by aerobic respiration in eukaryotic cells?", ["Mitochondrion", "Golgi apparatus", "Lysosome", "Ribosome"], 0, "mitochondria carry out oxidative phosphorylation"),
        ("Which molecule carries amino acids to the ribosome during translation?", ["mRNA", "tRNA", "rRNA", "DNA polymerase"], 1, "transfer RNA has the anticodon and carries the amino acid"),
        ("What type of bond holds the two strands of the DNA double helix together?", ["Ionic bonds", "Peptide bonds", "Hydrogen bonds", "Disulfide bonds"], 2, "base pairs are held by hydrogen bonds"),
        ("Which gas makes up the largest fraction of Earth's atmosphere by volume?", ["Oxygen", "Argon", "Carbon dioxide", "Nitrogen"], 3, "nitrogen is about 78% of dry air"),
        ("In which phase of mitosis do sister chromatids separate and move to opposite poles?", ["Anaphase", "Prophase", "Metaphase", "Telophase"], 0, "separation of chromatids defines anaphase"),
        ("What is the SI unit of electric charge?", ["Volt", "Coulomb", "Ampere", "Ohm"], 1, "charge is measured in coulombs"),
        ("Which particle has no electric charge?", ["Proton", "Electron", "Neutron", "Positron"], 2, "the neutron is neutral"),
        ("A substance with pH 2 is best described as", ["strongly basic", "neutral", "weakly basic", "strongly acidic"], 3, "pH 2 is far below 7, so strongly acidic"),
    ]
    for question, options, correct, fact in facts:
        items.append((question, options, correct, [f"answer: {question}", f"I recall that {fact}."]))
    return items


ANSWER_PHRASINGS = ["The answer is ({L}).", "**Answer: {L}**", "Answer: {L}", "$\\boxed{{{L}}}$", "So the correct choice is {L}.", "Therefore, the answer is {L}) {T}."]


def science_output(rng: random.Random, steps: list[str], letter: str, text: str) -> str:
    answer = rng.choice(ANSWER_PHRASINGS).format(L=letter, T=text)
    return f"<think>\n{reasoning(rng, steps)}\n</think>\n\n{steps[-1][0].upper()}{steps[-1][1:]}\n\n{answer}"


def mcq_prompt(question: str, options: list[str]) -> str:
    letters = "ABCDEFGHIJ"
    body = "\n".join(f"{letters[i]}) {o}" for i, o in enumerate(options))
    return f"{question}\n\n{body}\n\nChoose the correct option."


# ---------------------------------------------------------------- assembly

def write_jsonl(path: Path, rows: list[dict], raw_lines: dict[int, bytes] | None = None) -> None:
    """Write rows as JSONL; ``raw_lines`` inserts deliberately broken lines at the given positions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(r, ensure_ascii=False).encode("utf-8") for r in rows]
    for position, raw in sorted((raw_lines or {}).items()):
        lines.insert(position, raw)
    path.write_bytes(b"\n".join(lines) + b"\n")


def build_math(rng: random.Random, expected: dict, benchmark_problem: str, benchmark_answer: str) -> list[dict]:
    rows: list[dict] = []
    for index in range(34):
        family = MATH_FAMILIES[index % len(MATH_FAMILIES)]
        problem, answer, steps, wrong = family(rng)
        uuid = f"m{index:03d}"
        generations = [math_generation(rng, steps, answer)]
        if index % 3 == 0:
            generations.append(math_generation(rng, steps, answer))
        rows.append({"problem": problem, "solution": "\n".join(steps[1:]), "answer": answer, "problem_type": "Algebra", "question_type": "math-word-problem",
                     "source": "olympiads", "uuid": uuid, "steps": steps, "wrong": wrong, "generations": generations})
    notes: dict[str, tuple[str, str]] = {}

    def set_generation(row: dict, g: int, text: str, reason: str, note: str) -> None:
        row["generations"][g] = text
        notes[f"{row['uuid']}#{g}"] = (reason, note)

    for i in (1, 4, 7, 10):
        row = rows[i]
        set_generation(row, 0, math_generation(rng, row["steps"], row["wrong"]), "wrong_answer", "final boxed answer is wrong")
    set_generation(rows[2], 0, math_generation(rng, rows[2]["steps"], rows[2]["answer"]).replace("\n</think>", "", 1), "no_think_close", "</think> missing")
    truncated = rows[5]
    set_generation(truncated, 0, "<think>\n" + reasoning(rng, truncated["steps"])[:400], "truncated", "generation cut at the length limit")
    truncated["finish_override"] = {0: "length"}
    set_generation(rows[8], 0, math_generation(rng, rows[8]["steps"], rows[8]["answer"]).split("</think>")[0] + "</think>\n\n", "empty_answer", "nothing after </think>")
    long_problem, long_answer, long_generation = long_casework(rng)
    rows[11].update(problem=long_problem, answer=long_answer, generations=[long_generation])
    notes[f"{rows[11]['uuid']}#0"] = ("too_long", "correct but over 32,768 tokens once templated")
    rows[13].update(problem=benchmark_problem, answer=benchmark_answer)
    rows[13]["generations"] = [math_generation(rng, [f"solve: {benchmark_problem}", "Work it through.", f"The result is {benchmark_answer}."], benchmark_answer)]
    notes[f"{rows[13]['uuid']}#0"] = ("contaminated", "verbatim problem of the sample benchmark")
    rows.append(dict(rows[14], uuid="m900", generations=list(rows[14]["generations"])))
    notes["m900#0"] = ("duplicate", f"exact duplicate of {rows[14]['uuid']}")
    plain = math_generation(rng, rows[16]["steps"], rows[16]["answer"]).replace(f"$\\boxed{{{rows[16]['answer']}}}$", f"${rows[16]['answer']}$")
    set_generation(rows[16], 0, plain, "no_boxed_answer", "final answer not in \\boxed{}")
    # R1 quality defects (caught by the quality filters).
    row = rows[18]
    chinese = "让我们再仔细检查一下这个计算。首先我们把每一项都写出来，然后逐项相加，确认没有遗漏任何一个数。这样可以保证结果是正确的，我们继续往下算。" * 3
    set_generation(row, 0, math_generation(rng, row["steps"][:2] + [chinese] + row["steps"][2:], row["answer"]), "language_mix", "long Chinese run inside English reasoning")
    row = rows[19]
    loop = "Wait, maybe I should reconsider the first step. Let me start again from the beginning and redo the computation carefully."
    set_generation(row, 0, math_generation(rng, row["steps"] + [loop] * 40, row["answer"]), "repetition", "the same paragraph 40 times")
    row = rows[20]
    first = math_generation(rng, row["steps"], row["answer"])
    set_generation(row, 0, first.replace("</think>", "</think>\n<think>\nLet me redo this once more to be sure.\n</think>", 1), "multiple_think_blocks", "two think blocks")
    row = rows[21]
    set_generation(row, 0, "Let me solve this step by step.\n" + math_generation(rng, row["steps"], row["answer"]), "text_before_think", "preamble before <think>")
    row = rows[22]
    empty = math_generation(rng, row["steps"], row["answer"])
    set_generation(row, 0, "<think>\n\n</think>" + empty.split("</think>", 1)[1], "empty_reasoning", "empty think block")

    out = []
    for row in rows:
        n = len(row["generations"])
        finish = row.pop("finish_override", {})
        row.pop("steps"), row.pop("wrong")
        row.update(is_reasoning_complete=[finish.get(g) != "length" for g in range(n)], correctness_math_verify=[notes.get(f"{row['uuid']}#{g}", ("kept",))[0] == "kept" for g in range(n)],
                   correctness_llama=[None] * n, finish_reasons=[finish.get(g, "stop") for g in range(n)], correctness_count=n,
                   messages=[{"role": "user", "content": row["problem"]}, {"role": "assistant", "content": row["generations"][0]}])
        ordered = {k: row[k] for k in ["problem", "solution", "answer", "problem_type", "question_type", "source", "uuid", "is_reasoning_complete", "generations",
                                      "correctness_math_verify", "correctness_llama", "finish_reasons", "correctness_count", "messages"]}
        out.append(ordered)
        for g in range(n):
            reason, note = notes.get(f"{row['uuid']}#{g}", ("kept", ""))
            expected[f"openr1_math:{row['uuid']}#{g}"] = {"domain": "math", "expect": reason, "note": note}
    return out


def build_code(rng: random.Random, expected: dict) -> list[dict]:
    rows = []
    for index in range(32):
        family_index = index % len(CODE_FAMILIES)
        title, statement, input_format, output_format, solver, python, cpp, inputs = CODE_FAMILIES[family_index]
        lang = "python" if index < len(CODE_FAMILIES) else "cpp"
        program, reason, note = (cpp if lang == "cpp" else python), "kept", ""
        if index < 10 and family_index in BROKEN_PROGRAMS and index == family_index:
            program, kind = BROKEN_PROGRAMS[family_index]
            lang, reason, note = "python", "tests_failed", kind
        if index == len(CODE_FAMILIES) + 3:  # the C++ version of "Palindrome Check"
            program, reason, note = CPP_COMPILE_ERROR, "tests_failed", "CE (missing semicolon)"
        problem_id = f"{1900 + index}{'ABC'[index % 3]}"
        tests = tests_of(solver, inputs)
        prompt = (f"You will be given a competitive programming problem.\nAnalyze the maximum input constraints and identify the optimal algorithmic approach and data structures needed to process the largest possible test cases within the time and memory limits, then explain why your chosen implementation strategy is the most efficient solution. Please reason step by step about your solution approach, then provide a complete implementation in {'Python 3' if lang == 'python' else 'C++17'} that is thoroughly optimized for both speed and memory usage.\n\n"
                  f"# Problem\n\n{statement}\n\n## Constraints\nTime limit per test: 1.0 seconds\nMemory limit per test: 256.0 megabytes\n\n## Input Format\n{input_format}\n\n## Output Format\n{output_format}\n\n## Examples\n```input\n{tests[0]['input']}```\n```output\n{tests[0]['output']}```")
        with_fence = index != 17
        if not with_fence:
            reason, note = "no_code_block", "program pasted without a fenced block"
        generation = code_generation(rng, title, statement, lang, program, with_fence)
        row = {"id": problem_id, "contest_id": 1900 + index, "index": "ABC"[index % 3], "title": title, "time_limit": 1.0, "memory_limit": 256,
               "description": statement, "input_format": input_format, "output_format": output_format, "examples": tests[:1], "note": None, "editorial": None,
               "prompt": prompt, "generation": generation, "finish_reason": "stop",
               "api_metadata": {"prompt_tokens": 400 + index, "completion_tokens": 900 + 7 * index, "total_tokens": 1300 + 8 * index},
               "messages": [{"role": "user", "content": prompt}, {"role": "assistant", "content": generation}], "official_tests": tests}
        rows.append(row)
        expected[f"codeforces_cots:{problem_id}"] = {"domain": "code", "expect": reason, "note": note}
    return rows


def build_science(rng: random.Random, expected: dict) -> list[dict]:
    rows = []
    for index, (question, options, correct, steps) in enumerate(science_items(rng)):
        letter = "ABCD"[correct]
        chosen = correct
        reason, note = "kept", ""
        if index in (2, 9, 15):
            chosen = (correct + 1) % 4
            reason, note = "wrong_answer", f"chooses {'ABCD'[chosen]}, reference {letter}"
        output = science_output(rng, steps, "ABCD"[chosen], options[chosen])
        rows.append({"input": [{"role": "user", "content": mcq_prompt(question, options)}], "output": output, "category": "science", "license": "cc-by-4.0",
                     "reasoning": "on", "generator": "DeepSeek-R1", "used_in_training": "Ultra, Super, Nano", "version": "v1", "system_prompt": "detailed thinking on",
                     "reference_answer": letter})
        expected[f"nemotron_science:{index}"] = {"domain": "science", "expect": reason, "note": note}
    free_form = [
        ("Explain why ice floats on liquid water.", "Ice is less dense than liquid water because hydrogen bonds lock the molecules into an open hexagonal lattice."),
        ("Why does the sky look blue during the day?", "Shorter blue wavelengths are scattered much more strongly by air molecules (Rayleigh scattering, proportional to 1/λ⁴)."),
        ("What is the role of an enzyme's active site?", "It binds the substrate and lowers the activation energy of the reaction it catalyses."),
    ]
    for question, answer in free_form:
        steps = [f"explain: {question}", "Let me recall the underlying mechanism.", answer]
        rows.append({"input": [{"role": "user", "content": question}], "output": f"<think>\n{reasoning(rng, steps)}\n</think>\n\n{answer}", "category": "science",
                     "license": "cc-by-4.0", "reasoning": "on", "generator": "DeepSeek-R1", "used_in_training": "Ultra, Super, Nano", "version": "v1",
                     "system_prompt": "detailed thinking on", "reference_answer": None})
        expected[f"nemotron_science:{len(rows) - 1}"] = {"domain": "science", "expect": "kept", "note": "free-form, no reference: unverified"}
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    out = parser.parse_args().out
    rng = random.Random(20261124)
    expected: dict[str, dict] = {}

    benchmark = [
        {"id": "sample-bench-1", "problem": "A bag holds 4 red, 5 green and 6 blue marbles. Three marbles are drawn without replacement. What is the probability that all three have different colours?", "answer": "\\frac{24}{91}"},
        {"id": "sample-bench-2", "problem": "Find the number of ordered pairs of positive integers whose product is 720 and whose greatest common divisor is 1.", "answer": "8"},
        {"id": "sample-bench-3", "problem": "The lighthouse keeper rings a bell every 18 minutes and a second bell every 30 minutes. Both ring at noon. After how many minutes do they next ring together?", "answer": "90"},
    ]
    write_jsonl(out / "benchmarks" / "sample_benchmark.jsonl", benchmark)

    math_rows = build_math(rng, expected, benchmark[0]["problem"], benchmark[0]["answer"])
    bad_utf8 = b'{"problem": "What is 2 + 2?", "answer": "4", "uuid": "bad-utf8", "generations": ["<think>\\nEasy \xff\xfe</think> 4"]}'
    cut_json = b'{"problem": "Find the area of a circle of radius 3.", "answer": "9\\\\pi", "uuid": "cut-json", "generations": ["<think>\\nArea is'
    write_jsonl(out / "math" / "openr1_math.jsonl", math_rows, {6: bad_utf8, 20: cut_json})
    expected["openr1_math:6"] = {"domain": "math", "expect": "malformed_row", "note": "invalid UTF-8"}
    expected["openr1_math:20"] = {"domain": "math", "expect": "malformed_row", "note": "truncated JSON line"}

    write_jsonl(out / "code" / "codeforces_cots.jsonl", build_code(rng, expected))
    write_jsonl(out / "science" / "nemotron_science.jsonl", build_science(rng, expected))

    generic_math = [{"messages": [{"role": "user", "content": f"Compute ${a} \\times {b}$."}, {"role": "assistant", "content": f"<think>\nOkay, {a} times {b}. {a} × {b} = {a * b}.\n</think>\n\n$\\boxed{{{a * b}}}$"}], "answer": str(a * b)} for a, b in [(17, 23), (31, 41), (12, 99)]]
    generic_math[1]["messages"].insert(0, {"role": "system", "content": "You are a careful mathematician."})
    generic_math.append({"messages": [{"role": "user", "content": "What is 7 cubed?"}, {"role": "assistant", "content": ""}], "answer": "343"})
    write_jsonl(out / "generic" / "math.jsonl", generic_math)
    for i, row in enumerate(generic_math):
        expected[f"generic_math:{i}"] = {"domain": "math", "expect": "empty_response" if i == 3 else "kept", "note": "empty assistant turn" if i == 3 else ""}
    generic_science = [{"messages": [{"role": "user", "content": "What is the speed of light in vacuum, in m/s (to 3 significant figures)?"}, {"role": "assistant", "content": "<think>\nc ≈ 2.998 × 10⁸ m/s.\n</think>\n\n$\\boxed{3.00 \\times 10^8}$ m/s"}], "answer": "3.00 \\times 10^8"}]
    write_jsonl(out / "generic" / "science.jsonl", generic_science)
    expected["generic_science:0"] = {"domain": "science", "expect": "kept", "note": ""}

    mot_type = pa.list_(pa.struct([("content", pa.string()), ("role", pa.string())]))
    for domain, source, conversations in [
        ("math", "open-r1/OpenR1-Math-220k", [("What is $15\\%$ of $80$?", "<think>\n0.15 × 80 = 12.\n</think>\n\n$\\boxed{12}$"), ("Simplify $\\sqrt{50}$.", "<think>\n50 = 25 · 2.\n</think>\n\n$\\boxed{5\\sqrt{2}}$")]),
        ("code", "open-r1/codeforces-cots", [("Read two integers and print their sum.", "<think>\nRead a and b.\n</think>\n\n```python\na, b = map(int, input().split())\nprint(a + b)\n```")]),
        ("science", "nvidia/Llama-Nemotron-Post-Training-Dataset", [("Which planet is known as the Red Planet?\n\nA) Venus\nB) Mars\nC) Jupiter\nD) Mercury", "<think>\nIron oxide dust makes Mars look red.\n</think>\n\nThe answer is (B).")]),
    ]:
        table = pa.table({"messages": pa.array([[{"content": q, "role": "user"}, {"content": a, "role": "assistant"}] for q, a in conversations], type=mot_type),
                          "num_tokens": pa.array([len(q) + len(a) for q, a in conversations], type=pa.int64()),
                          "source": pa.array([source] * len(conversations), type=pa.string())})
        (out / "mot").mkdir(parents=True, exist_ok=True)
        pq.write_table(table, out / "mot" / f"{domain}.parquet", compression="zstd")
        for i in range(len(conversations)):
            expected[f"mot_{domain}:{i}"] = {"domain": domain, "expect": "kept", "note": "Mixture-of-Thoughts row"}

    (out / "EXPECTED.json").write_text(json.dumps(dict(sorted(expected.items())), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
