"""Code sample rows (open-r1/codeforces-cots shape). Problems, traces and programs written for this project.

Contest ids 9001-9012 are fictional (real Codeforces contests are numbered far lower).
Each item has a reference solver ``ref`` (used only to compute expected outputs) and the sample
program ``code`` (never executed by this repository).
"""

from __future__ import annotations

from math import gcd

ITEMS: list[dict] = []


def add(pid, title, desc, inp, out, examples, tests, ref, think, expl, code, lang="python", note="",
        editorial="", tl=1.0, ml=256, expect="kept", enote="", wrap=None):
    ITEMS.append(dict(id=pid, title=title, description=desc.strip(), input_format=inp.strip(),
                      output_format=out.strip(), examples=examples, tests=tests, ref=ref, think=think.strip(),
                      explanation=expl.strip(), code=code.strip("\n"), lang=lang, note=note.strip(),
                      editorial=editorial.strip(), time_limit=tl, memory_limit=ml, expect=expect,
                      enote=enote, wrap=wrap))


def _lines(s):
    return s.split("\n")


def multi(f):
    """Reference for 't test cases, one line each' problems: f(line) -> str."""
    def run(inp):
        ls = _lines(inp.strip())
        t = int(ls[0])
        return "\n".join(f(ls[1 + i]) for i in range(t)) + "\n"
    return run


def multi2(f):
    """Reference for 't test cases, n on one line then the array'."""
    def run(inp):
        ls = _lines(inp.strip())
        t = int(ls[0])
        res = []
        for i in range(t):
            a = list(map(int, ls[2 + 2 * i].split()))
            res.append(f(a))
        return "\n".join(res) + "\n"
    return run


# ---------------------------------------------------------------- 9001A
add("9001A", "Even Harvest",
    r"""Masha collected $$$n$$$ baskets of apples; the $$$i$$$-th basket contains $$$a_i$$$ apples. She only keeps the baskets with an even number of apples. How many apples does she keep in total?""",
    r"""The first line contains $$$t$$$ ($$$1 \le t \le 100$$$) — the number of test cases. Each test case consists of two lines: the first contains $$$n$$$ ($$$1 \le n \le 100$$$), the second contains $$$n$$$ integers $$$a_1, \ldots, a_n$$$ ($$$0 \le a_i \le 10^9$$$).""",
    r"""For each test case print one integer — the total number of apples in baskets with an even count.""",
    ["2\n3\n1 2 4\n2\n5 7\n"],
    ["1\n1\n0\n", "3\n1\n1000000000\n4\n1 3 5 7\n5\n2 2 2 2 3\n", "1\n6\n10 11 12 13 14 15\n"],
    multi2(lambda a: str(sum(x for x in a if x % 2 == 0))),
    r"""Okay, so for each test case I just need to sum the even elements. Zero is even, so a basket with 0 apples adds 0, no problem. Values go up to $10^9$ and n up to 100, so the sum is at most $10^{11}$ — Python handles big ints anyway.

Input reading: t, then for each test n and the array. I'll read all tokens at once with sys.stdin to be safe about line breaks.

Let me check the example: [1, 2, 4] → 2 + 4 = 6. [5, 7] → 0. Output 6 and 0. Matches what I'd expect.

Edge case: all odd → 0. Single element 0 → 0. Fine.""",
    r"""Sum the elements with `a_i % 2 == 0` for each test case. O(n) per test.""",
    r"""
import sys

def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    pos = 1
    out = []
    for _ in range(t):
        n = int(data[pos]); pos += 1
        arr = data[pos:pos + n]; pos += n
        out.append(str(sum(int(x) for x in arr if int(x) % 2 == 0)))
    print("\n".join(out))

main()
""", note="In the first test case Masha keeps the baskets with 2 and 4 apples.",
    editorial="Iterate over the array and add up the even values.")

# ---------------------------------------------------------------- 9001B
add("9001B", "Vowel Counter",
    r"""You are given a string $$$s$$$ of lowercase Latin letters. Count how many of its characters are vowels. The vowels are a, e, i, o, u and y.""",
    r"""The only line contains the string $$$s$$$ ($$$1 \le |s| \le 2 \cdot 10^5$$$).""",
    r"""Print the number of vowels in $$$s$$$.""",
    ["programming\n"],
    ["y\n", "bcdfg\n", "aeiouy\n", "rhythm\n"],
    lambda inp: str(sum(c in "aeiouy" for c in inp.strip())) + "\n",
    r"""Alright, count characters in the set {a, e, i, o, u, y}. Note the statement includes y as a vowel, which is slightly unusual, so I must not forget it.

For "programming": p r o g r a m m i n g → o, a, i → 3. Good.

Length up to 2e5, a simple sum over a generator is fine. I'll strip the trailing newline.

Edge cases: "rhythm" has one y → 1. "bcdfg" → 0.""",
    r"""Count characters belonging to the vowel set (including `y`).""",
    r"""
s = input().strip()
vowels = set("aeiouy")
print(sum(1 for c in s if c in vowels))
""", note="In \"programming\" the vowels are o, a and i.", editorial="Linear scan.")

# ---------------------------------------------------------------- 9001C (cpp)
def _kadane(inp):
    ls = inp.split()
    n = int(ls[0]); a = list(map(int, ls[1:1 + n]))
    best = cur = a[0]
    for x in a[1:]:
        cur = max(x, cur + x); best = max(best, cur)
    return f"{best}\n"


add("9001C", "Best Streak",
    r"""A trader recorded the profit $$$a_i$$$ (possibly negative) for each of $$$n$$$ consecutive days. Find the maximum total profit over a non-empty segment of consecutive days.""",
    r"""The first line contains $$$n$$$ ($$$1 \le n \le 2 \cdot 10^5$$$). The second line contains $$$a_1, \ldots, a_n$$$ ($$$-10^9 \le a_i \le 10^9$$$).""",
    r"""Print the maximum sum of a non-empty contiguous segment.""",
    ["5\n-2 3 -1 4 -6\n"],
    ["1\n-7\n", "3\n-1 -2 -3\n", "6\n1000000000 1000000000 -1 1000000000 1000000000 1000000000\n", "4\n2 -1 2 -1\n"],
    _kadane,
    r"""Okay, this is the classic maximum subarray problem. Kadane's algorithm: keep the best sum of a segment ending at the current position, cur = max(a[i], cur + a[i]), and the global best.

The segment must be non-empty, so if all values are negative the answer is the largest single value, not 0. So I should initialize best = cur = a[0] rather than 0.

Overflow: n up to 2e5 and |a_i| up to 1e9, so sums up to 2e14 — need long long.

Example: -2 3 -1 4 -6 → cur: -2, 3, 2, 6, 0 → best 6. Yes, 3 - 1 + 4 = 6.

Wait, let me check the all-negative case: -1 -2 -3 → cur -1, -2 (max(-2, -3)), -3 → best -1. Correct.

Fast IO with ios::sync_with_stdio(false).""",
    r"""Kadane's algorithm in O(n) with 64-bit sums; initializing with the first element keeps the segment non-empty.""",
    r"""
#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    vector<long long> a(n);
    for (auto &x : a) cin >> x;
    long long best = a[0], cur = a[0];
    for (int i = 1; i < n; ++i) {
        cur = max(a[i], cur + a[i]);
        best = max(best, cur);
    }
    cout << best << "\n";
    return 0;
}
""", lang="cpp", note="The best segment is 3 -1 4.", editorial="Kadane's algorithm.")

# ---------------------------------------------------------------- 9002A
add("9002A", "Mirror Word",
    r"""A word is called a mirror word if it reads the same from left to right and from right to left. For each given word, determine whether it is a mirror word.""",
    r"""The first line contains $$$t$$$ ($$$1 \le t \le 1000$$$). Each of the next $$$t$$$ lines contains a non-empty word of at most 100 lowercase letters.""",
    r"""For each word print YES if it is a mirror word and NO otherwise.""",
    ["3\nlevel\nabca\nz\n"],
    ["1\nab\n", "2\naa\naba\n", "3\nabcba\nabccba\nabcbb\n"],
    multi(lambda w: "YES" if w.strip() == w.strip()[::-1] else "NO"),
    r"""Okay, simple palindrome check per word: compare the string with its reverse. In Python, w == w[::-1].

Single character is trivially a palindrome → YES. "abca" → reversed "acba" → NO.

I need to be careful to strip whitespace so that trailing '\r' or spaces don't break the comparison.""",
    r"""Compare each word with its reverse.""",
    r"""
import sys

def main():
    lines = sys.stdin.read().split()
    t = int(lines[0])
    res = []
    for w in lines[1:1 + t]:
        res.append("YES" if w == w[::-1] else "NO")
    print("\n".join(res))

main()
""", editorial="Check s == reverse(s).")

# ---------------------------------------------------------------- 9002B
def _gcd_all(a):
    g = 0
    for x in a:
        g = gcd(g, x)
    return str(g)


add("9002B", "Common Step",
    r"""You are given $$$n$$$ positive integers. Find the largest integer $$$d$$$ that divides all of them.""",
    r"""The first line contains $$$t$$$ ($$$1 \le t \le 10^4$$$). Each test case has a line with $$$n$$$ ($$$1 \le n \le 10^5$$$) and a line with $$$n$$$ integers $$$1 \le a_i \le 10^{18}$$$. The sum of $$$n$$$ over all test cases does not exceed $$$2 \cdot 10^5$$$.""",
    r"""For each test case print the greatest common divisor of the numbers.""",
    ["2\n3\n12 18 30\n1\n7\n"],
    ["1\n2\n1000000000000000000 999999999999999999\n", "2\n4\n8 16 24 32\n3\n5 10 15\n", "1\n1\n1\n"],
    multi2(_gcd_all),
    r"""Okay, fold gcd over the array. math.gcd handles big ints, and gcd(0, x) = x, so starting from 0 works.

Check: gcd(12, 18, 30) = 6. Single element 7 → 7.

Consecutive integers 10^18 and 10^18 - 1 are coprime → 1. Good edge case.

Sum of n up to 2e5, so reading everything with sys.stdin.buffer is the way to go. I could use functools.reduce, but a loop with early exit when g == 1 is a tiny optimization.""",
    r"""Fold `math.gcd` over each array; stop early once the gcd is 1.""",
    r"""
import sys
from math import gcd

def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0]); pos = 1
    out = []
    for _ in range(t):
        n = int(data[pos]); pos += 1
        g = 0
        for i in range(pos, pos + n):
            g = gcd(g, int(data[i]))
            if g == 1:
                break
        pos += n
        out.append(str(g))
    sys.stdout.write("\n".join(out) + "\n")

main()
""", editorial="The answer is the gcd of all numbers.")

# ---------------------------------------------------------------- 9002C (cpp)
def _even_pairs(inp):
    ls = inp.split(); n = int(ls[0]); a = list(map(int, ls[1:1 + n]))
    e = sum(1 for x in a if x % 2 == 0); o = n - e
    return f"{e * (e - 1) // 2 + o * (o - 1) // 2}\n"


add("9002C", "Even Couples",
    r"""Given an array of $$$n$$$ integers, count the pairs of indices $$$i < j$$$ such that $$$a_i + a_j$$$ is even.""",
    r"""The first line contains $$$n$$$ ($$$1 \le n \le 2 \cdot 10^5$$$), the second line contains $$$a_1, \ldots, a_n$$$ ($$$|a_i| \le 10^9$$$).""",
    r"""Print the number of such pairs.""",
    ["4\n1 2 3 4\n"],
    ["1\n5\n", "5\n-1 -3 2 4 7\n", "6\n2 2 2 2 2 2\n", "3\n1 2 3\n"],
    _even_pairs,
    r"""Okay, a sum is even iff both numbers have the same parity. So if there are E even numbers and O odd numbers, the answer is C(E,2) + C(O,2).

Careful with negative numbers in C++: -1 % 2 == -1, not 1. So I should test x % 2 == 0 for evenness rather than x % 2 == 1 for oddness. Or use x & 1, which works for two's complement negatives as well.

n up to 2e5, so pairs up to about 2e10 — needs long long.

Example: 1 2 3 4 → E = 2, O = 2 → 1 + 1 = 2. Pairs (1,3) and (2,4). Yes.""",
    r"""Count evens and odds; the answer is $$$\binom{E}{2} + \binom{O}{2}$$$ in 64-bit arithmetic.""",
    r"""
#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    scanf("%d", &n);
    long long even = 0, odd = 0;
    for (int i = 0; i < n; ++i) {
        long long x;
        scanf("%lld", &x);
        if (x % 2 == 0) ++even; else ++odd;
    }
    printf("%lld\n", even * (even - 1) / 2 + odd * (odd - 1) / 2);
    return 0;
}
""", lang="cpp", editorial="Same parity pairs.")

# ---------------------------------------------------------------- 9003A
def _coins(line):
    n = int(line)
    return str(n // 10 + (n % 10) // 5 + n % 5)


add("9003A", "Small Change",
    r"""A shop has coins of values 1, 5 and 10 in unlimited supply. What is the minimum number of coins needed to pay exactly $$$n$$$?""",
    r"""The first line contains $$$t$$$ ($$$1 \le t \le 10^4$$$); each of the next $$$t$$$ lines contains $$$n$$$ ($$$0 \le n \le 10^9$$$).""",
    r"""For each test case print the minimum number of coins.""",
    ["3\n7\n23\n10\n"],
    ["1\n0\n", "2\n4\n5\n", "3\n999999999\n15\n19\n"],
    multi(_coins),
    r"""Okay, with denominations 1, 5, 10 the greedy algorithm is optimal (each coin divides the next... well 5 divides 10 and 1 divides 5, so the system is canonical).

So answer = n // 10 + (n % 10) // 5 + n % 5.

Check: 7 → 0 + 1 + 2 = 3 (5+1+1). 23 → 2 + 0 + 3 = 5. 10 → 1. n = 0 → 0 coins.

Hmm, n % 5 equals (n % 10) % 5, so the formula is right: the remainder after tens, then one five if the remainder is at least 5, then ones.""",
    r"""Greedy is optimal for denominations 1, 5, 10.""",
    r"""
import sys

def main():
    data = sys.stdin.read().split()
    t = int(data[0])
    out = []
    for i in range(1, t + 1):
        n = int(data[i])
        out.append(str(n // 10 + (n % 10) // 5 + n % 5))
    print("\n".join(out))

main()
""", editorial="Greedy.")

# ---------------------------------------------------------------- 9003B
add("9003B", "Backwards Talk",
    r"""Given a sentence consisting of words separated by single spaces, print the words in reverse order.""",
    r"""The only line contains between 1 and 1000 words; each word consists of 1 to 20 Latin letters.""",
    r"""Print the words in reverse order, separated by single spaces.""",
    ["the quick brown fox\n"],
    ["hello\n", "a b\n", "One two Three four Five\n"],
    lambda inp: " ".join(inp.split()[::-1]) + "\n",
    r"""Okay, split on whitespace, reverse, join with spaces. A single word stays as is.

Example: "the quick brown fox" → "fox brown quick the". Yes.""",
    r"""Split, reverse, join.""",
    r"""
words = input().split()
print(" ".join(reversed(words)))
""", editorial="Split and reverse.")

# ---------------------------------------------------------------- 9003C (cpp)
def _range_sums(inp):
    ls = inp.split(); n, q = int(ls[0]), int(ls[1])
    a = list(map(int, ls[2:2 + n])); p = [0]
    for x in a:
        p.append(p[-1] + x)
    res = []
    k = 2 + n
    for _ in range(q):
        l, r = int(ls[k]), int(ls[k + 1]); k += 2
        res.append(str(p[r] - p[l - 1]))
    return "\n".join(res) + "\n"


add("9003C", "Segment Totals",
    r"""You are given an array of $$$n$$$ integers and $$$q$$$ queries. Each query is a pair $$$l, r$$$; answer with $$$a_l + a_{l+1} + \ldots + a_r$$$.""",
    r"""The first line contains $$$n$$$ and $$$q$$$ ($$$1 \le n, q \le 2 \cdot 10^5$$$). The second line contains $$$a_1, \ldots, a_n$$$ ($$$|a_i| \le 10^9$$$). Each of the next $$$q$$$ lines contains $$$l$$$ and $$$r$$$ ($$$1 \le l \le r \le n$$$).""",
    r"""For each query print the sum on a separate line.""",
    ["5 3\n1 2 3 4 5\n1 5\n2 3\n4 4\n"],
    ["1 1\n-5\n1 1\n", "3 2\n1000000000 1000000000 1000000000\n1 3\n2 3\n", "4 3\n3 -1 -1 3\n1 4\n2 3\n1 1\n"],
    _range_sums,
    r"""Okay, standard prefix sums. p[0] = 0, p[i] = p[i-1] + a[i]; query answer is p[r] - p[l-1]. O(n + q).

Sums reach 2e14 so long long. With up to 2e5 queries I should use fast IO and build the output in one buffer rather than flushing with endl.

Example: 1..5, query 1 5 → 15; 2 3 → 5; 4 4 → 4.""",
    r"""Prefix sums, O(1) per query, 64-bit.""",
    r"""
#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, q;
    cin >> n >> q;
    vector<long long> p(n + 1, 0);
    for (int i = 1; i <= n; ++i) {
        long long x;
        cin >> x;
        p[i] = p[i - 1] + x;
    }
    string out;
    while (q--) {
        int l, r;
        cin >> l >> r;
        out += to_string(p[r] - p[l - 1]);
        out += '\n';
    }
    cout << out;
    return 0;
}
""", lang="cpp", editorial="Prefix sums.")

# ---------------------------------------------------------------- 9004A (WRONG: no dedup)
def _second(a):
    s = sorted(set(a))
    return str(s[-2]) if len(s) >= 2 else "-1"


add("9004A", "Runner-Up",
    r"""Given $$$n$$$ integers, print the second largest distinct value among them, or $$$-1$$$ if all values are equal.""",
    r"""The first line contains $$$t$$$ ($$$1 \le t \le 100$$$). Each test case has a line with $$$n$$$ ($$$1 \le n \le 100$$$) and a line with $$$n$$$ integers ($$$1 \le a_i \le 1000$$$).""",
    r"""For each test case print the answer.""",
    ["2\n4\n3 1 4 2\n3\n5 5 5\n"],
    ["1\n1\n9\n", "1\n5\n7 7 3 7 1\n", "2\n3\n2 9 9\n2\n4 6\n"],
    multi2(_second),
    r"""Okay, I need the second largest value. Sort the array; the second largest is a[-2]. If n is 1 there is no second value, so print -1.

Example: 3 1 4 2 → sorted 1 2 3 4 → 3. Good. And 5 5 5... sorted 5 5 5, a[-2] = 5. Hmm, the statement wants -1 when all are equal. Let me handle that: if a[-1] == a[0] print -1.

That covers the examples.""",
    r"""Sort and take the element before the last, printing -1 when all values coincide.""",
    r"""
import sys

def main():
    data = sys.stdin.read().split()
    t = int(data[0]); pos = 1
    out = []
    for _ in range(t):
        n = int(data[pos]); pos += 1
        a = sorted(map(int, data[pos:pos + n])); pos += n
        if n == 1 or a[0] == a[-1]:
            out.append("-1")
        else:
            out.append(str(a[-2]))
    print("\n".join(out))

main()
""", expect="tests_failed", enote="WA: ignores duplicates of the maximum (7 7 3 7 1 -> prints 7, expected 3)",
    editorial="Deduplicate, then take the second largest.")

# ---------------------------------------------------------------- 9004B (cpp)
def _primes(line):
    n = int(line)
    if n < 2:
        return "0"
    s = bytearray([1]) * (n + 1); s[0] = s[1] = 0
    i = 2
    while i * i <= n:
        if s[i]:
            s[i * i::i] = bytearray(len(range(i * i, n + 1, i)))
        i += 1
    return str(sum(s))


add("9004B", "Prime Census",
    r"""For each query $$$n$$$, count the prime numbers not exceeding $$$n$$$.""",
    r"""The first line contains $$$t$$$ ($$$1 \le t \le 10^5$$$). Each of the next $$$t$$$ lines contains $$$n$$$ ($$$1 \le n \le 10^6$$$).""",
    r"""For each query print the number of primes $$$p \le n$$$.""",
    ["3\n10\n1\n30\n"],
    ["1\n2\n", "2\n1000000\n100\n", "4\n1\n3\n4\n97\n"],
    multi(_primes),
    r"""Okay, t up to 1e5 queries with n up to 1e6. Sieve of Eratosthenes once up to 1e6 and prefix counts, then answer each query in O(1).

Sieve: vector<char> composite(N+1); for i from 2 while i*i <= N, if prime, mark from i*i step i. Then cnt[i] = cnt[i-1] + isPrime(i).

Checks: pi(10) = 4 (2,3,5,7), pi(1) = 0, pi(30) = 10 (2,3,5,7,11,13,17,19,23,29). pi(10^6) = 78498.

Memory: 1e6 chars plus 1e6 ints — about 5 MB, fine.""",
    r"""Sieve up to $$$10^6$$$ once, prefix counts, O(1) per query.""",
    r"""
#include <bits/stdc++.h>
using namespace std;

int main() {
    const int N = 1000000;
    vector<char> comp(N + 1, 0);
    vector<int> cnt(N + 1, 0);
    comp[0] = comp[1] = 1;
    for (long long i = 2; i * i <= N; ++i)
        if (!comp[i])
            for (long long j = i * i; j <= N; j += i) comp[j] = 1;
    for (int i = 1; i <= N; ++i) cnt[i] = cnt[i - 1] + (comp[i] ? 0 : 1);
    int t;
    scanf("%d", &t);
    while (t--) {
        int n;
        scanf("%d", &n);
        printf("%d\n", cnt[n]);
    }
    return 0;
}
""", lang="cpp", editorial="Sieve of Eratosthenes with prefix counts.")

# ---------------------------------------------------------------- 9004C
def _brackets(line):
    bal = 0
    for c in line.strip():
        bal += 1 if c == "(" else -1
        if bal < 0:
            return "NO"
    return "YES" if bal == 0 else "NO"


add("9004C", "Tidy Parentheses",
    r"""A string of round brackets is balanced if every opening bracket can be matched with a later closing bracket and vice versa. Check each given string.""",
    r"""The first line contains $$$t$$$ ($$$1 \le t \le 1000$$$). Each of the next $$$t$$$ lines contains a non-empty string of at most $$$10^4$$$ characters '(' and ')'.""",
    r"""For each string print YES if it is balanced, otherwise NO.""",
    ["3\n(())\n)(\n()()\n"],
    ["1\n(\n", "2\n((()))()\n())(()\n", "3\n)\n()\n(()\n"],
    multi(_brackets),
    r"""Okay, a counter is enough since there's only one bracket type. Walk left to right: +1 for '(', -1 for ')'. If the counter ever goes negative, there is a ')' with no match → NO. At the end it must be 0.

")(" → goes to -1 immediately → NO. "())(()" → 1, 0, -1 → NO. "(()" → ends at 1 → NO.""",
    r"""Running balance must never drop below zero and must end at zero.""",
    r"""
import sys

def balanced(s):
    bal = 0
    for c in s:
        if c == '(':
            bal += 1
        else:
            bal -= 1
            if bal < 0:
                return False
    return bal == 0

def main():
    data = sys.stdin.read().split()
    t = int(data[0])
    print("\n".join("YES" if balanced(s) else "NO" for s in data[1:1 + t]))

main()
""", editorial="Balance counter.")

# ---------------------------------------------------------------- 9005A
def _divcount(line):
    l, r, k = map(int, line.split())
    return str(r // k - (l - 1) // k)


add("9005A", "Multiples in Range",
    r"""Count the integers $$$x$$$ with $$$l \le x \le r$$$ that are divisible by $$$k$$$.""",
    r"""The first line contains $$$t$$$ ($$$1 \le t \le 10^4$$$). Each of the next $$$t$$$ lines contains $$$l$$$, $$$r$$$, $$$k$$$ ($$$1 \le l \le r \le 10^{18}$$$, $$$1 \le k \le 10^{18}$$$).""",
    r"""For each test case print the count.""",
    ["2\n1 10 3\n5 5 2\n"],
    ["1\n1 1 1\n", "2\n1 1000000000000000000 7\n6 12 6\n", "1\n10 19 20\n"],
    multi(_divcount),
    r"""Okay, the count of multiples of k in [1, r] is r // k. So in [l, r] it's r // k - (l - 1) // k.

Check: 1..10, k = 3 → 3 - 0 = 3 (3, 6, 9). 5..5, k = 2 → 2 - 2 = 0. 6..12, k = 6 → 2 - 0 = 2 (6, 12). Good, l itself is included because I subtract (l-1)//k.

Values up to 1e18 — Python ints are fine.""",
    r"""Answer is $$$\lfloor r/k \rfloor - \lfloor (l-1)/k \rfloor$$$.""",
    r"""
import sys

def main():
    data = sys.stdin.read().split()
    t = int(data[0])
    out = []
    for i in range(t):
        l, r, k = int(data[1 + 3 * i]), int(data[2 + 3 * i]), int(data[3 + 3 * i])
        out.append(str(r // k - (l - 1) // k))
    print("\n".join(out))

main()
""", editorial="Floor division.")

# ---------------------------------------------------------------- 9005B (text before think)
def _run(inp):
    s = inp.strip(); best = cur = 1
    for i in range(1, len(s)):
        cur = cur + 1 if s[i] == s[i - 1] else 1
        best = max(best, cur)
    return f"{best}\n"


add("9005B", "Longest Echo",
    r"""Find the length of the longest block of equal consecutive characters in the string $$$s$$$.""",
    r"""The only line contains $$$s$$$ ($$$1 \le |s| \le 2 \cdot 10^5$$$), lowercase letters.""",
    r"""Print one integer — the length of the longest block.""",
    ["aabbbcc\n"],
    ["z\n", "abcdef\n", "aaaaaaaaaa\n", "abbbbaaab\n"],
    _run,
    r"""Okay, one pass with a counter: if s[i] == s[i-1], extend the current run, otherwise reset to 1; track the max.

"aabbbcc" → runs 2, 3, 2 → 3. Single char → 1. "abbbbaaab" → 1, 4, 3, 1 → 4.

Could also use itertools.groupby: max(len(list(g)) for _, g in groupby(s)). Either is O(n).""",
    r"""Single pass tracking the current and best run lengths.""",
    r"""
s = input().strip()
best = cur = 1
for i in range(1, len(s)):
    if s[i] == s[i - 1]:
        cur += 1
        if cur > best:
            best = cur
    else:
        cur = 1
print(best)
""", expect="text_before_think", enote="prose before the <think> tag; program itself is correct",
    wrap="before", editorial="Linear scan.")

# ---------------------------------------------------------------- 9005C (cpp)
def _count_le(inp):
    import bisect
    ls = inp.split(); n, q = int(ls[0]), int(ls[1])
    a = sorted(map(int, ls[2:2 + n]))
    return "\n".join(str(bisect.bisect_right(a, int(x))) for x in ls[2 + n:2 + n + q]) + "\n"


add("9005C", "Price Check",
    r"""There are $$$n$$$ items with prices $$$a_i$$$. For each of $$$q$$$ budgets $$$x_j$$$, report how many items cost at most $$$x_j$$$.""",
    r"""The first line contains $$$n$$$ and $$$q$$$ ($$$1 \le n, q \le 2 \cdot 10^5$$$). The second line contains the prices ($$$1 \le a_i \le 10^9$$$), the third line contains the budgets ($$$0 \le x_j \le 10^9$$$).""",
    r"""Print $$$q$$$ integers, one per line.""",
    ["5 3\n4 1 7 3 4\n4 0 10\n"],
    ["1 2\n5\n4 5\n", "3 3\n2 2 2\n1 2 3\n", "6 4\n10 20 30 40 50 60\n35 60 9 1000000000\n"],
    _count_le,
    r"""Okay, sort the prices, then each query is upper_bound(x) - begin. O((n + q) log n).

Example: prices sorted 1 3 4 4 7. x = 4 → upper_bound points past the second 4 → index 4. x = 0 → 0. x = 10 → 5. Output 4, 0, 5.

Duplicates: upper_bound handles them since it returns the first element strictly greater than x.""",
    r"""Sort once and answer each budget with `upper_bound`.""",
    r"""
#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, q;
    cin >> n >> q;
    vector<int> a(n);
    for (auto &x : a) cin >> x;
    sort(a.begin(), a.end());
    while (q--) {
        int x;
        cin >> x;
        cout << (upper_bound(a.begin(), a.end(), x) - a.begin()) << '\n';
    }
    return 0;
}
""", lang="cpp", editorial="Binary search on sorted prices.")

# ---------------------------------------------------------------- 9006A
def _color(line):
    r, c = map(int, line.split())
    return "BLACK" if (r + c) % 2 == 0 else "WHITE"


add("9006A", "Checkered Cell",
    r"""On an infinite chessboard the cell $$$(1, 1)$$$ is black and colors alternate as usual. Output the color of the cell $$$(r, c)$$$.""",
    r"""The first line contains $$$t$$$ ($$$1 \le t \le 10^4$$$). Each of the next $$$t$$$ lines contains $$$r$$$ and $$$c$$$ ($$$1 \le r, c \le 10^9$$$).""",
    r"""For each test case print BLACK or WHITE.""",
    ["2\n1 1\n1 2\n"],
    ["1\n1000000000 1000000000\n", "2\n2 1\n3 5\n", "3\n7 8\n8 8\n1 1000000000\n"],
    multi(_color),
    r"""Okay, (1,1) is black and neighbours alternate, so the color depends on the parity of r + c: even → black (since 1 + 1 = 2 is even), odd → white.

(1,2) → 3 odd → WHITE. (3,5) → 8 → BLACK. (1, 1e9) → odd → WHITE.""",
    r"""Parity of $$$r + c$$$ decides the color.""",
    r"""
import sys

data = sys.stdin.read().split()
t = int(data[0])
res = []
for i in range(t):
    r, c = int(data[1 + 2 * i]), int(data[2 + 2 * i])
    res.append("BLACK" if (r + c) % 2 == 0 else "WHITE")
print("\n".join(res))
""", editorial="Parity.")

# ---------------------------------------------------------------- 9006B
add("9006B", "Level Up",
    r"""In one operation you may increase any element of the array by 1. Find the minimum number of operations to make all elements equal.""",
    r"""The first line contains $$$t$$$ ($$$1 \le t \le 10^4$$$). Each test case has $$$n$$$ ($$$1 \le n \le 2 \cdot 10^5$$$) and then $$$n$$$ integers $$$1 \le a_i \le 10^9$$$. The sum of $$$n$$$ does not exceed $$$2 \cdot 10^5$$$.""",
    r"""For each test case print the minimum number of operations.""",
    ["2\n3\n1 2 3\n2\n5 5\n"],
    ["1\n1\n42\n", "1\n4\n1 1 1 1000000000\n", "2\n5\n3 1 4 1 5\n2\n1000000000 1\n"],
    multi2(lambda a: str(max(a) * len(a) - sum(a))),
    r"""Okay, we can only increase, so every element must be raised to at least max(a); raising to exactly the max is optimal. Answer = sum(max - a_i) = n * max - sum.

Example: 1 2 3 → 3*3 - 6 = 3. 5 5 → 0.

Large values: 1 1 1 1e9 → 3 * (1e9 - 1) = 2999999997. Python ints, no overflow.""",
    r"""Raise everything to the maximum: $$$n \cdot \max - \sum a_i$$$.""",
    r"""
import sys

def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0]); pos = 1
    out = []
    for _ in range(t):
        n = int(data[pos]); pos += 1
        a = list(map(int, data[pos:pos + n])); pos += n
        out.append(str(max(a) * n - sum(a)))
    print("\n".join(out))

main()
""", editorial="Everything goes to the maximum.")

# ---------------------------------------------------------------- 9006C (cpp)
def _twosum(inp):
    ls = inp.split(); n, x = int(ls[0]), int(ls[1]); a = list(map(int, ls[2:2 + n]))
    seen = set()
    for v in a:
        if x - v in seen:
            return "YES\n"
        seen.add(v)
    return "NO\n"


add("9006C", "Exact Pair",
    r"""Is there a pair of different positions $$$i \ne j$$$ with $$$a_i + a_j = x$$$?""",
    r"""The first line contains $$$n$$$ ($$$1 \le n \le 2 \cdot 10^5$$$) and $$$x$$$ ($$$|x| \le 2 \cdot 10^9$$$). The second line contains $$$a_1, \ldots, a_n$$$ ($$$|a_i| \le 10^9$$$).""",
    r"""Print YES or NO.""",
    ["4 9\n2 7 11 15\n"],
    ["1 10\n5\n", "2 10\n5 5\n", "3 -3\n-1 -2 4\n", "3 100\n1 2 3\n"],
    _twosum,
    r"""Okay, sort and two pointers, or a hash set. Hash sets in C++ with adversarial input can be slow, so I'll sort and use two pointers: i = 0, j = n - 1; if a[i] + a[j] == x → YES; if smaller, i++; else j--.

Positions must differ, but two pointers with i < j guarantee that. "5 5" with x = 10 → i = 0, j = 1 → YES. Single element → loop doesn't run → NO.

x up to 2e9 doesn't fit in int, and a_i + a_j also can reach 2e9, so long long for both.""",
    r"""Sort and sweep with two pointers in O(n log n), 64-bit sums.""",
    r"""
#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    long long x;
    cin >> n >> x;
    vector<long long> a(n);
    for (auto &v : a) cin >> v;
    sort(a.begin(), a.end());
    int i = 0, j = n - 1;
    bool found = false;
    while (i < j) {
        long long s = a[i] + a[j];
        if (s == x) { found = true; break; }
        if (s < x) ++i; else --j;
    }
    cout << (found ? "YES" : "NO") << '\n';
    return 0;
}
""", lang="cpp", editorial="Two pointers.")

# ---------------------------------------------------------------- 9007A
def _droot(line):
    n = int(line)
    return str(0 if n == 0 else 1 + (n - 1) % 9)


add("9007A", "Digit Collapse",
    r"""Replace the number $$$n$$$ by the sum of its digits until it has a single digit. Output that digit.""",
    r"""The first line contains $$$t$$$ ($$$1 \le t \le 10^4$$$). Each of the next $$$t$$$ lines contains $$$n$$$ ($$$0 \le n \le 10^{18}$$$).""",
    r"""For each test case print the resulting digit.""",
    ["3\n38\n0\n999\n"],
    ["1\n9\n", "2\n1000000000000000000\n18\n", "3\n123456789\n10\n5\n"],
    multi(_droot),
    r"""Okay, this is the digital root. Closed form: 0 if n = 0, else 1 + (n - 1) % 9.

38 → 3 + 8 = 11 → 2; formula: 1 + 37 % 9 = 1 + 1 = 2. ✓. 999 → 27 → 9; formula 1 + 998 % 9 = 1 + 8 = 9 ✓. 0 → 0.

Simulating is also fine (at most a few iterations), but the formula is cleaner.""",
    r"""Digital root formula $$$1 + (n-1) \bmod 9$$$ for $$$n > 0$$$.""",
    r"""
import sys

data = sys.stdin.read().split()
t = int(data[0])
out = []
for s in data[1:1 + t]:
    n = int(s)
    out.append(str(0 if n == 0 else 1 + (n - 1) % 9))
print("\n".join(out))
""", editorial="Digital root.")

# ---------------------------------------------------------------- 9007B (no code block)
add("9007B", "Unique Stamps",
    r"""A collector has $$$n$$$ stamps, each with a catalogue number $$$a_i$$$. How many different catalogue numbers does the collection contain?""",
    r"""The first line contains $$$n$$$ ($$$1 \le n \le 2 \cdot 10^5$$$). The second line contains $$$a_1, \ldots, a_n$$$ ($$$1 \le a_i \le 10^9$$$).""",
    r"""Print the number of distinct values.""",
    ["6\n3 1 3 2 1 3\n"],
    ["1\n7\n", "4\n5 5 5 5\n", "5\n1 2 3 4 5\n"],
    lambda inp: str(len(set(inp.split()[1:]))) + "\n",
    r"""Okay, just put the numbers in a set and print its size. n up to 2e5, trivial.

3 1 3 2 1 3 → {1, 2, 3} → 3.""",
    r"""Read the numbers, insert them into a set and print the size of the set. In Python this is a two-liner: read n, then print len(set(input().split())). Comparing the tokens as strings is fine here because the input has no leading zeros.""",
    "", expect="no_code_block", enote="explanation only, no fenced code", editorial="Count distinct values.")

# ---------------------------------------------------------------- 9007C (cpp)
def _lis(inp):
    import bisect
    ls = inp.split(); n = int(ls[0]); a = list(map(int, ls[1:1 + n])); d = []
    for x in a:
        i = bisect.bisect_left(d, x)
        if i == len(d):
            d.append(x)
        else:
            d[i] = x
    return f"{len(d)}\n"


add("9007C", "Rising Chain",
    r"""Find the length of the longest strictly increasing subsequence of the array.""",
    r"""The first line contains $$$n$$$ ($$$1 \le n \le 2 \cdot 10^5$$$), the second line contains $$$a_1, \ldots, a_n$$$ ($$$1 \le a_i \le 10^9$$$).""",
    r"""Print the length of the longest strictly increasing subsequence.""",
    ["6\n5 1 4 2 3 6\n"],
    ["1\n1\n", "5\n2 2 2 2 2\n", "8\n1 3 2 4 3 5 4 6\n", "4\n9 7 5 3\n"],
    _lis,
    r"""Okay, n up to 2e5 rules out O(n^2). Patience sorting: keep d where d[k] is the smallest possible tail of an increasing subsequence of length k+1. For each x, find lower_bound(d, x): replace it, or append if x is bigger than all.

Strictly increasing → lower_bound (not upper_bound), so equal values don't extend. For 2 2 2 2 2 the answer must be 1: lower_bound finds position 0 each time → stays length 1. ✓

Example: 5 1 4 2 3 6 → d: [5], [1], [1,4], [1,2], [1,2,3], [1,2,3,6] → 4.""",
    r"""O(n log n) LIS with `lower_bound` (strict increase).""",
    r"""
#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    vector<int> d;
    d.reserve(n);
    for (int i = 0; i < n; ++i) {
        int x;
        cin >> x;
        auto it = lower_bound(d.begin(), d.end(), x);
        if (it == d.end()) d.push_back(x);
        else *it = x;
    }
    cout << d.size() << '\n';
    return 0;
}
""", lang="cpp", editorial="Patience sorting.")

# ---------------------------------------------------------------- 9008A
def _leap(line):
    y = int(line)
    return "YES" if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else "NO"


add("9008A", "Extra Day",
    r"""A year is a leap year if it is divisible by 400, or divisible by 4 but not by 100. Decide for each year whether it is a leap year.""",
    r"""The first line contains $$$t$$$ ($$$1 \le t \le 10^4$$$). Each of the next $$$t$$$ lines contains a year $$$y$$$ ($$$1 \le y \le 10^9$$$).""",
    r"""For each year print YES or NO.""",
    ["4\n2024\n1900\n2000\n2023\n"],
    ["1\n4\n", "2\n100\n400\n", "3\n1\n1996\n1000000000\n"],
    multi(_leap),
    r"""Okay, the Gregorian rule straight from the statement. 2024 → divisible by 4, not by 100 → YES. 1900 → divisible by 100 but not 400 → NO. 2000 → by 400 → YES. 2023 → NO.

10^9 is divisible by 400 (10^9 / 400 = 2500000) → YES.""",
    r"""Direct implementation of the rule.""",
    r"""
import sys

def leap(y):
    return y % 400 == 0 or (y % 4 == 0 and y % 100 != 0)

data = sys.stdin.read().split()
t = int(data[0])
print("\n".join("YES" if leap(int(y)) else "NO" for y in data[1:1 + t]))
""", editorial="Rule check.")

# ---------------------------------------------------------------- 9008B
def _rotate(inp):
    ls = inp.split(); n, k = int(ls[0]), int(ls[1]); a = ls[2:2 + n]; k %= n
    b = a[n - k:] + a[:n - k]
    return " ".join(b) + "\n"


add("9008B", "Carousel",
    r"""Rotate the array to the right by $$$k$$$ positions: the last element moves to the front, $$$k$$$ times.""",
    r"""The first line contains $$$n$$$ ($$$1 \le n \le 10^5$$$) and $$$k$$$ ($$$0 \le k \le 10^{18}$$$). The second line contains $$$n$$$ integers.""",
    r"""Print the rotated array.""",
    ["5 2\n1 2 3 4 5\n"],
    ["1 1000000000000000000\n7\n", "3 3\n1 2 3\n", "4 5\n10 20 30 40\n", "2 0\n-1 1\n"],
    _rotate,
    r"""Okay, k can be huge (1e18), so reduce k mod n first. Then the answer is a[n-k:] + a[:n-k].

Check: 1 2 3 4 5, k = 2 → 4 5 1 2 3. k = 3 with n = 3 → k = 0 → unchanged. n = 4, k = 5 → k = 1 → 40 10 20 30.

When k = 0, a[n:] is empty and a[:n] is everything, so that works.""",
    r"""Reduce $$$k$$$ modulo $$$n$$$ and slice.""",
    r"""
import sys

data = sys.stdin.read().split()
n, k = int(data[0]), int(data[1])
a = data[2:2 + n]
k %= n
print(" ".join(a[n - k:] + a[:n - k]))
""", editorial="Slicing.")

# ---------------------------------------------------------------- 9008C (cpp)
def _components(inp):
    ls = inp.split(); n, m = int(ls[0]), int(ls[1]); p = list(range(n + 1))

    def f(x):
        while p[x] != x:
            p[x] = p[p[x]]; x = p[x]
        return x
    c = n
    for i in range(m):
        u, v = f(int(ls[2 + 2 * i])), f(int(ls[3 + 2 * i]))
        if u != v:
            p[u] = v; c -= 1
    return f"{c}\n"


add("9008C", "Island Count",
    r"""There are $$$n$$$ islands and $$$m$$$ bridges, each connecting two islands. Find the number of groups of islands that are mutually reachable (connected components).""",
    r"""The first line contains $$$n$$$ and $$$m$$$ ($$$1 \le n \le 2 \cdot 10^5$$$, $$$0 \le m \le 2 \cdot 10^5$$$). Each of the next $$$m$$$ lines contains $$$u$$$ and $$$v$$$ ($$$1 \le u, v \le n$$$); self-loops and repeated bridges may occur.""",
    r"""Print the number of connected components.""",
    ["5 3\n1 2\n2 3\n4 5\n"],
    ["1 0\n", "3 3\n1 1\n2 3\n3 2\n", "6 2\n1 6\n6 1\n", "4 3\n1 2\n2 3\n3 4\n"],
    _components,
    r"""Okay, DSU (union-find). Start with n components; each union of two different roots decreases the count by one. Self-loops and repeated edges just find the same root and do nothing.

Path compression + union by size → near-linear.

Example: edges 1-2, 2-3, 4-5 → components {1,2,3}, {4,5} → 2.

m can be 0 → answer n.""",
    r"""Union-find with path halving and union by size; count successful unions.""",
    r"""
#include <bits/stdc++.h>
using namespace std;

vector<int> par, sz;

int find(int x) {
    while (par[x] != x) {
        par[x] = par[par[x]];
        x = par[x];
    }
    return x;
}

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, m;
    cin >> n >> m;
    par.resize(n + 1);
    sz.assign(n + 1, 1);
    iota(par.begin(), par.end(), 0);
    int comps = n;
    for (int i = 0; i < m; ++i) {
        int u, v;
        cin >> u >> v;
        u = find(u); v = find(v);
        if (u == v) continue;
        if (sz[u] < sz[v]) swap(u, v);
        par[v] = u;
        sz[u] += sz[v];
        --comps;
    }
    cout << comps << '\n';
    return 0;
}
""", lang="cpp", editorial="DSU.")

# ---------------------------------------------------------------- 9009A
def _evodd(a):
    return " ".join(str(x) for x in [y for y in a if y % 2 == 0] + [y for y in a if y % 2 != 0])


add("9009A", "Parity Queue",
    r"""Reorder the array so that all even numbers come first, followed by all odd numbers; within each group keep the original relative order.""",
    r"""The first line contains $$$t$$$ ($$$1 \le t \le 100$$$). Each test case has $$$n$$$ ($$$1 \le n \le 100$$$) and a line of $$$n$$$ integers ($$$-10^6 \le a_i \le 10^6$$$).""",
    r"""For each test case print the reordered array on one line.""",
    ["1\n5\n3 8 5 2 4\n"],
    ["1\n1\n-3\n", "2\n3\n1 3 5\n4\n-2 7 0 -9\n", "1\n6\n6 5 4 3 2 1\n"],
    multi2(_evodd),
    r"""Okay, stable partition: collect evens in order, then odds in order. In Python, x % 2 == 0 works for negatives too (-3 % 2 == 1, -2 % 2 == 0).

3 8 5 2 4 → evens 8 2 4, odds 3 5 → "8 2 4 3 5".

-2 7 0 -9 → evens -2 0, odds 7 -9 → "-2 0 7 -9".""",
    r"""Two list comprehensions: evens, then odds, both preserving order.""",
    r"""
import sys

data = sys.stdin.read().split()
t = int(data[0]); pos = 1
out = []
for _ in range(t):
    n = int(data[pos]); pos += 1
    a = list(map(int, data[pos:pos + n])); pos += n
    ev = [x for x in a if x % 2 == 0]
    od = [x for x in a if x % 2 != 0]
    out.append(" ".join(map(str, ev + od)))
print("\n".join(out))
""", editorial="Stable partition.")

# ---------------------------------------------------------------- 9009B (WRONG: ignores negatives)
def _maxprod(inp):
    ls = inp.split(); n = int(ls[0]); a = sorted(map(int, ls[1:1 + n]))
    return f"{max(a[0] * a[1], a[-1] * a[-2])}\n"


add("9009B", "Strong Pair",
    r"""Choose two elements at different positions so that their product is as large as possible. Print that product.""",
    r"""The first line contains $$$n$$$ ($$$2 \le n \le 2 \cdot 10^5$$$), the second line contains $$$a_1, \ldots, a_n$$$ ($$$-10^9 \le a_i \le 10^9$$$).""",
    r"""Print the maximum product.""",
    ["4\n3 -1 5 2\n"],
    ["2\n-4 -5\n", "5\n-10 -20 1 2 3\n", "3\n0 -1 7\n", "4\n1000000000 999999999 -1 0\n"],
    _maxprod,
    r"""Okay, I want the maximum product of two elements. The largest product comes from the two largest numbers, so sort and multiply the last two.

3 -1 5 2 → sorted -1 2 3 5 → 15. Good.

Products up to 1e18 — Python handles that.""",
    r"""Sort and multiply the two largest values.""",
    r"""
n = int(input())
a = sorted(map(int, input().split()))
print(a[-1] * a[-2])
""", expect="tests_failed", enote="WA: ignores the product of the two most negative values (-10 -20 1 2 3 -> 6, expected 200)",
    editorial="Answer is max(a1*a2, a(n-1)*an) after sorting.")

# ---------------------------------------------------------------- 9009C (cpp)
def _bfs(inp):
    from collections import deque
    ls = inp.split("\n"); n, m = map(int, ls[0].split()); g = ls[1:1 + n]
    dist = [[-1] * m for _ in range(n)]
    if g[0][0] == "#":
        return "-1\n"
    dist[0][0] = 0; dq = deque([(0, 0)])
    while dq:
        r, c = dq.popleft()
        for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            nr, nc = r + dr, c + dc
            if 0 <= nr < n and 0 <= nc < m and g[nr][nc] == "." and dist[nr][nc] < 0:
                dist[nr][nc] = dist[r][c] + 1; dq.append((nr, nc))
    return f"{dist[n - 1][m - 1]}\n"


add("9009C", "Maze Runner",
    r"""A maze is an $$$n \times m$$$ grid of free cells '.' and walls '#'. Starting in the top-left cell, you move to side-adjacent free cells. Find the minimum number of moves to reach the bottom-right cell, or $$$-1$$$ if impossible.""",
    r"""The first line contains $$$n$$$ and $$$m$$$ ($$$1 \le n, m \le 1000$$$). The next $$$n$$$ lines contain the grid. The top-left cell is always free.""",
    r"""Print the minimum number of moves or $$$-1$$$.""",
    ["3 4\n....\n.##.\n....\n"],
    ["1 1\n.\n", "2 2\n.#\n#.\n", "3 3\n..#\n#..\n##.\n", "2 5\n.....\n####.\n"],
    _bfs,
    r"""Okay, unweighted shortest path on a grid → BFS from (0,0). dist initialized to -1; push neighbours that are free and unvisited.

Grid up to 1000x1000 = 1e6 cells; BFS with a queue of pairs, fine. I'll store dist as a flat vector<int> to be cache-friendly.

Example: 3x4 with walls in the middle → go along the top row and down the right: 3 + 2 = 5 moves.

1x1 grid → 0 moves. Blocked diagonal 2x2 → -1.""",
    r"""Breadth-first search from the top-left cell; distance of the bottom-right cell (or -1).""",
    r"""
#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, m;
    cin >> n >> m;
    vector<string> g(n);
    for (auto &row : g) cin >> row;
    vector<int> dist(n * m, -1);
    queue<int> q;
    dist[0] = 0;
    q.push(0);
    const int dr[4] = {1, -1, 0, 0}, dc[4] = {0, 0, 1, -1};
    while (!q.empty()) {
        int cur = q.front(); q.pop();
        int r = cur / m, c = cur % m;
        for (int k = 0; k < 4; ++k) {
            int nr = r + dr[k], nc = c + dc[k];
            if (nr < 0 || nr >= n || nc < 0 || nc >= m) continue;
            if (g[nr][nc] != '.' || dist[nr * m + nc] != -1) continue;
            dist[nr * m + nc] = dist[cur] + 1;
            q.push(nr * m + nc);
        }
    }
    cout << dist[n * m - 1] << '\n';
    return 0;
}
""", lang="cpp", tl=2.0, editorial="BFS.")

# ---------------------------------------------------------------- 9010A
def _stairs(line):
    n = int(line); a, b = 1, 1
    for _ in range(n - 1):
        a, b = b, (a + b) % 1000000007
    return str(b if n >= 1 else 1)


add("9010A", "Stair Dance",
    r"""You climb a staircase of $$$n$$$ steps, taking 1 or 2 steps at a time. In how many ways can you reach the top? Output the answer modulo $$$10^9 + 7$$$.""",
    r"""The first line contains $$$t$$$ ($$$1 \le t \le 100$$$). Each of the next $$$t$$$ lines contains $$$n$$$ ($$$1 \le n \le 10^5$$$).""",
    r"""For each test case print the number of ways modulo $$$10^9+7$$$.""",
    ["3\n1\n2\n5\n"],
    ["1\n3\n", "2\n10\n100\n", "1\n100000\n"],
    multi(_stairs),
    r"""Okay, ways(n) = ways(n-1) + ways(n-2), with ways(1) = 1, ways(2) = 2 — Fibonacci shifted. ways(5) = 8.

t up to 100 and n up to 1e5: recomputing each time is 1e7 operations in Python, borderline. Better precompute up to max n once, then answer lookups.

ways(10) = 89, ways(100) mod 1e9+7 — the precomputation handles it.""",
    r"""Precompute the Fibonacci-like table up to the largest $$$n$$$ modulo $$$10^9+7$$$.""",
    r"""
import sys

MOD = 10**9 + 7
data = sys.stdin.read().split()
t = int(data[0])
qs = [int(x) for x in data[1:1 + t]]
mx = max(qs)
w = [1] * (mx + 1)
for i in range(2, mx + 1):
    w[i] = (w[i - 1] + w[i - 2]) % MOD
print("\n".join(str(w[n]) for n in qs))
""", editorial="Fibonacci DP.")

# ---------------------------------------------------------------- 9010B
def _caesar(inp):
    ls = inp.split("\n"); k = int(ls[0]) % 26; s = ls[1].strip()
    return "".join(chr((ord(c) - 97 + k) % 26 + 97) for c in s) + "\n"


add("9010B", "Secret Shift",
    r"""Encrypt the word by shifting every letter $$$k$$$ positions forward in the alphabet, wrapping around from 'z' to 'a'.""",
    r"""The first line contains $$$k$$$ ($$$0 \le k \le 10^9$$$). The second line contains a word of 1 to $$$10^5$$$ lowercase letters.""",
    r"""Print the encrypted word.""",
    ["3\nxyzabc\n"],
    ["0\nhello\n", "26\nabc\n", "1000000000\nz\n", "25\nbcd\n"],
    _caesar,
    r"""Okay, reduce k mod 26 first (k up to 1e9). Then each char c → chr((ord(c) - 97 + k) % 26 + 97).

xyzabc with k = 3 → abcdef. k = 26 → unchanged. 1e9 mod 26: 1e9 = 26 * 38461538 + 12 → shift 12: z → l.""",
    r"""Shift each letter by $$$k \bmod 26$$$.""",
    r"""
k = int(input()) % 26
s = input().strip()
print("".join(chr((ord(c) - 97 + k) % 26 + 97) for c in s))
""", editorial="Modular shift.")

# ---------------------------------------------------------------- 9010C (cpp)
def _inv(inp):
    ls = inp.split(); n = int(ls[0]); a = list(map(int, ls[1:1 + n]))

    def ms(v):
        if len(v) <= 1:
            return v, 0
        mid = len(v) // 2
        l, x = ms(v[:mid]); r, y = ms(v[mid:])
        res = []; i = j = 0; c = x + y
        while i < len(l) and j < len(r):
            if l[i] <= r[j]:
                res.append(l[i]); i += 1
            else:
                res.append(r[j]); j += 1; c += len(l) - i
        res += l[i:] + r[j:]
        return res, c
    return f"{ms(a)[1]}\n"


add("9010C", "Out of Order",
    r"""Count the pairs $$$i < j$$$ with $$$a_i > a_j$$$ (inversions).""",
    r"""The first line contains $$$n$$$ ($$$1 \le n \le 2 \cdot 10^5$$$), the second line contains $$$a_1, \ldots, a_n$$$ ($$$1 \le a_i \le 10^9$$$).""",
    r"""Print the number of inversions.""",
    ["5\n2 4 1 3 5\n"],
    ["1\n10\n", "4\n4 3 2 1\n", "5\n1 1 1 1 1\n", "6\n3 1 2 3 1 2\n"],
    _inv,
    r"""Okay, O(n^2) is too slow for 2e5. Merge sort counting: when an element from the right half is placed before remaining elements of the left half, it forms len(left) - i inversions.

Equal elements are not inversions, so use <= when taking from the left. Answer up to n(n-1)/2 ≈ 2e10 → long long.

Example 2 4 1 3 5: (2,1), (4,1), (4,3) → 3.""",
    r"""Merge sort with inversion counting, O(n log n), 64-bit counter.""",
    r"""
#include <bits/stdc++.h>
using namespace std;

long long sortCount(vector<int> &a, vector<int> &tmp, int lo, int hi) {
    if (hi - lo <= 1) return 0;
    int mid = (lo + hi) / 2;
    long long cnt = sortCount(a, tmp, lo, mid) + sortCount(a, tmp, mid, hi);
    int i = lo, j = mid, k = lo;
    while (i < mid && j < hi) {
        if (a[i] <= a[j]) tmp[k++] = a[i++];
        else { cnt += mid - i; tmp[k++] = a[j++]; }
    }
    while (i < mid) tmp[k++] = a[i++];
    while (j < hi) tmp[k++] = a[j++];
    for (int p = lo; p < hi; ++p) a[p] = tmp[p];
    return cnt;
}

int main() {
    int n;
    scanf("%d", &n);
    vector<int> a(n), tmp(n);
    for (auto &x : a) scanf("%d", &x);
    printf("%lld\n", sortCount(a, tmp, 0, n));
    return 0;
}
""", lang="cpp", editorial="Merge sort.")

# ---------------------------------------------------------------- 9011A (WRONG: >=)
def _tri(line):
    a, b, c = sorted(map(int, line.split()))
    return "YES" if a + b > c else "NO"


add("9011A", "Three Sticks",
    r"""Can three sticks of lengths $$$a$$$, $$$b$$$, $$$c$$$ form a triangle of positive area?""",
    r"""The first line contains $$$t$$$ ($$$1 \le t \le 10^4$$$). Each of the next $$$t$$$ lines contains $$$a$$$, $$$b$$$, $$$c$$$ ($$$1 \le a, b, c \le 10^9$$$).""",
    r"""For each test case print YES or NO.""",
    ["3\n3 4 5\n1 1 3\n2 2 2\n"],
    ["1\n1 1 1\n", "2\n1 2 3\n5 10 4\n", "3\n1000000000 1000000000 1\n2 3 5\n7 3 3\n"],
    multi(_tri),
    r"""Okay, triangle inequality: after sorting a <= b <= c, need a + b >= c.

3 4 5 → 7 >= 5 YES. 1 1 3 → 2 >= 3 NO. 2 2 2 YES.""",
    r"""Sort the sides and check the triangle inequality for the largest side.""",
    r"""
import sys

data = sys.stdin.read().split()
t = int(data[0])
out = []
for i in range(t):
    a, b, c = sorted(map(int, data[1 + 3 * i:4 + 3 * i]))
    out.append("YES" if a + b >= c else "NO")
print("\n".join(out))
""", expect="tests_failed", enote="WA: degenerate case a + b = c accepted (1 2 3 -> YES, expected NO)",
    editorial="Strict triangle inequality.")

# ---------------------------------------------------------------- 9011B (TLE on n = 0)
def _halve(line):
    n = int(line); s = 0
    while n:
        n = n // 2 if n % 2 == 0 else n - 1; s += 1
    return str(s)


add("9011B", "Halve or Trim",
    r"""Starting from $$$n$$$, repeatedly do the following until the number becomes $$$0$$$: if it is even, divide it by 2, otherwise subtract 1. How many operations are performed?""",
    r"""The first line contains $$$t$$$ ($$$1 \le t \le 10^4$$$). Each of the next $$$t$$$ lines contains $$$n$$$ ($$$0 \le n \le 10^{18}$$$).""",
    r"""For each test case print the number of operations.""",
    ["3\n14\n1\n8\n"],
    ["2\n0\n5\n", "1\n1000000000000000000\n", "3\n2\n3\n7\n"],
    multi(_halve),
    r"""Okay, just simulate: each step either halves or removes the last set bit, so it takes O(log n) steps, ~120 steps for 1e18. Fine even for 1e4 tests.

14 → 7 → 6 → 3 → 2 → 1 → 0: 6 operations. 1 → 0: 1. 8 → 4 → 2 → 1 → 0: 4.

I'll simulate down to 1 and then add the final step 1 → 0.""",
    r"""Simulate down to 1, then one last subtraction.""",
    r"""
import sys

def ops(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n //= 2
        else:
            n -= 1
        steps += 1
    return steps + 1

data = sys.stdin.read().split()
t = int(data[0])
print("\n".join(str(ops(int(x))) for x in data[1:1 + t]))
""", expect="tests_failed", enote="TLE: n = 0 never reaches 1 (infinite loop)", editorial="Simulation; handle n = 0.")

# ---------------------------------------------------------------- 9011C (cpp, CE)
def _tz(line):
    n = int(line); c = 0
    while n:
        n //= 5; c += n
    return str(c)


add("9011C", "Zero Tail",
    r"""How many trailing zeros does $$$n!$$$ have in decimal notation?""",
    r"""The first line contains $$$t$$$ ($$$1 \le t \le 10^5$$$). Each of the next $$$t$$$ lines contains $$$n$$$ ($$$0 \le n \le 10^{18}$$$).""",
    r"""For each test case print the number of trailing zeros of $$$n!$$$.""",
    ["3\n5\n10\n100\n"],
    ["1\n0\n", "2\n4\n25\n", "1\n1000000000000000000\n"],
    multi(_tz),
    r"""Okay, trailing zeros come from factors 10 = 2 * 5, and 2s are plentiful, so count factors of 5: n/5 + n/25 + n/125 + ...

n up to 1e18 → unsigned long long or long long is fine; the loop runs ~26 times.

5! = 120 → 1. 10! → 2. 100! → 20 + 4 = 24. 25! → 5 + 1 = 6.""",
    r"""Legendre's formula for the prime 5.""",
    r"""
#include <bits/stdc++.h>
using namespace std;

int main() {
    int t;
    scanf("%d", &t);
    while (t--) {
        long long n;
        scanf("%lld", &n);
        long long cnt = 0
        while (n > 0) {
            n /= 5;
            cnt += n;
        }
        printf("%lld\n", cnt);
    }
    return 0;
}
""", lang="cpp", expect="tests_failed", enote="CE: missing semicolon after `long long cnt = 0`",
    editorial="Count factors of 5.")

# ---------------------------------------------------------------- 9012A (RE on n = 1)
def _mingap(a):
    if len(a) == 1:
        return "0"
    s = sorted(a)
    return str(min(s[i + 1] - s[i] for i in range(len(s) - 1)))


add("9012A", "Closest Neighbours",
    r"""Given $$$n$$$ integers, find the minimum difference between two of them, that is, the minimum of $$$|a_i - a_j|$$$ over $$$i \ne j$$$. If $$$n = 1$$$, print $$$0$$$.""",
    r"""The first line contains $$$t$$$ ($$$1 \le t \le 100$$$). Each test case has $$$n$$$ ($$$1 \le n \le 1000$$$) and a line with $$$n$$$ integers ($$$|a_i| \le 10^9$$$).""",
    r"""For each test case print the answer.""",
    ["2\n4\n10 3 7 1\n2\n5 5\n"],
    ["1\n3\n-5 0 5\n", "2\n1\n42\n3\n1 100 50\n", "1\n5\n9 2 14 3 20\n"],
    multi2(_mingap),
    r"""Okay, after sorting, the closest pair is adjacent. So answer = min(s[i+1] - s[i]).

10 3 7 1 → sorted 1 3 7 10 → gaps 2, 4, 3 → 2. 5 5 → 0.

n up to 1000, t up to 100 — trivial.""",
    r"""Sort and take the minimum adjacent gap.""",
    r"""
import sys

data = sys.stdin.read().split()
t = int(data[0]); pos = 1
out = []
for _ in range(t):
    n = int(data[pos]); pos += 1
    s = sorted(map(int, data[pos:pos + n])); pos += n
    out.append(str(min(s[i + 1] - s[i] for i in range(n - 1))))
print("\n".join(out))
""", expect="tests_failed", enote="RE: min() of an empty sequence when n = 1 (ValueError)", editorial="Sort, adjacent gaps.")
