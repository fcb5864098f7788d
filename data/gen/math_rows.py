"""Math sample rows (OpenR1-Math-220k shape). All problems and traces written for this project.

Each item: slug, problem, answer (gold), ptype, qtype, source, gens (list of Gen).
A Gen carries the trace text plus the metadata and the intended fate used for EXPECTED.json.
"""

from __future__ import annotations

from bench import BENCH


def T(think: str, sol: str) -> str:
    return "<think>\n" + think.strip() + "\n</think>\n\n" + sol.strip()


def G(text, expect="kept", note="", mv=True, finish="stop", complete=True, llama=None):
    return {"text": text, "expect": expect, "note": note, "mv": mv, "finish": finish,
            "complete": complete, "llama": llama}


ITEMS: list[dict] = []


def add(slug, problem, answer, ptype, source, gens, qtype="math-word-problem", solution=None):
    ITEMS.append({"slug": slug, "problem": problem, "answer": answer, "ptype": ptype, "qtype": qtype,
                  "source": source, "gens": gens, "solution": solution})


# ---------------------------------------------------------------- 1. linear system -> tuple
add("linear-system", r"Find the pair of real numbers $(x, y)$ that satisfies both $3x + 2y = -1$ and $x - 4y = 9$.",
    "(1, -2)", "Algebra", "olympiads", [G(T(r"""
Okay, so I need to solve the system $3x + 2y = -1$ and $x - 4y = 9$. Two linear equations, two unknowns, so there should be exactly one solution unless the lines are parallel. The slopes are $-3/2$ and $1/4$, definitely not parallel, so one intersection point.

Substitution looks easiest because the second equation has $x$ with coefficient 1. From $x - 4y = 9$ I get $x = 9 + 4y$.

Plug that into the first equation: $3(9 + 4y) + 2y = -1$. That's $27 + 12y + 2y = -1$, so $14y = -28$, which gives $y = -2$.

Then $x = 9 + 4(-2) = 9 - 8 = 1$.

Wait, let me check that again in both equations. First: $3(1) + 2(-2) = 3 - 4 = -1$. Yes. Second: $1 - 4(-2) = 1 + 8 = 9$. Yes, that works too.

Hmm, alternatively I could have used elimination: multiply the first equation by 2 to get $6x + 4y = -2$, and add to $x - 4y = 9$: $7x = 7$, so $x = 1$. Same thing. Then $y$ from $x - 4y = 9$: $-4y = 8$, $y = -2$. Consistent.

So the pair is $(1, -2)$.
""", r"""
From the second equation, $x = 9 + 4y$. Substituting into the first:
$$3(9 + 4y) + 2y = -1 \implies 14y = -28 \implies y = -2,$$
and then $x = 9 + 4(-2) = 1$.

Check: $3(1) + 2(-2) = -1$ and $1 - 4(-2) = 9$. ✓

$$\boxed{(1, -2)}$$
""")), G(T(r"""
Alright, let's solve $3x + 2y = -1$, $x - 4y = 9$ by elimination.

Multiply the first equation by 2: $6x + 4y = -2$. Add the second equation: $6x + x + 4y - 4y = -2 + 9$, so $7x = 7$ and $x = 1$.

Now $3(1) + 2y = -1$ means $2y = -4$, so $y = -2$.

Let me verify with the second equation: $1 - 4(-2) = 9$. Good.

So $(x, y) = (1, -2)$.
""", r"""
Doubling the first equation and adding the second gives $7x = 7$, so $x = 1$; then $2y = -1 - 3 = -4$, so $y = -2$.

**Answer:** $\boxed{(1,-2)}$
"""))])

# ---------------------------------------------------------------- 2. dice product -> 3/4
add("dice-product-even", "Two fair six-sided dice are rolled. What is the probability that the product of the two numbers shown is even?",
    r"\frac{3}{4}", "Combinatorics", "cn_contest", [G(T(r"""
Okay, so I need the probability that the product of two dice is even. A product is even as soon as at least one factor is even. So it's easier to compute the complement: the product is odd only when both numbers are odd.

Each die shows an odd number (1, 3, 5) with probability $3/6 = 1/2$. The dice are independent, so both odd has probability $\frac12 \cdot \frac12 = \frac14$.

So the probability the product is even is $1 - \frac14 = \frac34$.

Let me double-check by counting outcomes. There are 36 equally likely ordered outcomes. Odd-odd pairs: $3 \times 3 = 9$. So even products: $36 - 9 = 27$. And $27/36 = 3/4$. Yep.

Hmm, just to be careful, the question says "the product of the two numbers shown", not the sum — for the sum the answer would be $1/2$, but for the product it's $3/4$. Okay, I'm confident.
""", r"""
The product is odd only if both dice are odd, which happens in $3 \cdot 3 = 9$ of the $36$ outcomes. Hence
$$P(\text{even product}) = 1 - \frac{9}{36} = \frac{3}{4}.$$

$$\boxed{\dfrac{3}{4}}$$
""")), G(T(r"""
Let me think. Product even means at least one die is even. P(first even) = 1/2, P(second even) = 1/2. So P(at least one even) = 1/2 + 1/2 = 1.

Wait, that can't be right, I'm double counting the case where both are even. Inclusion–exclusion: $1/2 + 1/2 - 1/4 = 3/4$. Hmm, but actually let me recount directly... even numbers are 2, 4, 6, that's 3 of them. Pairs with at least one even: $3 \cdot 6 + 3 \cdot 6 = 36$... no. Let me just count pairs where both are even: $3 \cdot 3 = 9$, so the answer should be $9/36 = 1/4$.
""", r"""
Both numbers must be even for an even product, which happens in $3 \times 3 = 9$ of the 36 outcomes, so the probability is $\boxed{\frac{1}{4}}$.
"""), expect="wrong_answer", note="confuses 'at least one even' with 'both even'", mv=False, llama=False)])

# ---------------------------------------------------------------- 3. distance -> 2 sqrt 5
add("segment-length", r"Points $A(-1, 3)$ and $B(3, 1)$ lie in the coordinate plane. Find the length of segment $AB$.",
    r"2\sqrt{5}", "Geometry", "olympiads", [G(T(r"""
Okay, so I need the distance between $A(-1, 3)$ and $B(3, 1)$. Distance formula: $\sqrt{(x_2 - x_1)^2 + (y_2 - y_1)^2}$.

$x_2 - x_1 = 3 - (-1) = 4$. $y_2 - y_1 = 1 - 3 = -2$.

So $AB = \sqrt{16 + 4} = \sqrt{20}$.

Simplify: $20 = 4 \cdot 5$, so $\sqrt{20} = 2\sqrt5$.

Wait, let me check the sign handling: $(-2)^2 = 4$, fine, and $4^2 = 16$. Sum 20. So $2\sqrt5 \approx 4.47$. That seems reasonable — the horizontal gap is 4 and the vertical gap is 2, so the length should be a bit more than 4. Yes.
""", r"""
$$AB = \sqrt{(3-(-1))^2 + (1-3)^2} = \sqrt{16 + 4} = \sqrt{20} = 2\sqrt{5}.$$

$$\boxed{2\sqrt{5}}$$
"""))])

# ---------------------------------------------------------------- 4. quadratic inequality -> union of intervals
add("quadratic-inequality", r"Solve the inequality $x^2 - 7x + 10 \ge 0$ over the real numbers. Write the answer in interval notation.",
    r"(-\infty, 2] \cup [5, \infty)", "Inequalities", "cn_contest", [G(T(r"""
Okay, let's see. I need to solve $x^2 - 7x + 10 \ge 0$. First factor the quadratic: I need two numbers multiplying to 10 and adding to $-7$, which are $-2$ and $-5$. So $x^2 - 7x + 10 = (x - 2)(x - 5)$.

The roots are $x = 2$ and $x = 5$. The parabola opens upward (leading coefficient positive), so it's negative strictly between the roots and nonnegative outside, including at the roots themselves since the inequality is non-strict.

Let me test a point in each region to be safe.
- $x = 0$: $0 - 0 + 10 = 10 \ge 0$. ✓.
- $x = 3$: $9 - 21 + 10 = -2 < 0$. ✗.
- $x = 6$: $36 - 42 + 10 = 4 \ge 0$. ✓.

And at $x = 2$ and $x = 5$ the expression is exactly 0, which satisfies $\ge 0$, so both endpoints are included.

So the solution set is $(-\infty, 2] \cup [5, \infty)$.
""", r"""
Factor: $x^2 - 7x + 10 = (x-2)(x-5)$. The product is nonnegative when both factors have the same sign or one is zero, i.e. for $x \le 2$ or $x \ge 5$.

$$\boxed{(-\infty, 2] \cup [5, \infty)}$$
"""))])

# ---------------------------------------------------------------- 5. triangle angle -> 75 degrees
add("triangle-angles", r"In triangle $ABC$, angle $A$ is twice angle $B$, and angle $C$ is $30^\circ$ larger than angle $B$. Find the measure of angle $A$.",
    r"75^\circ", "Geometry", "olympiads", [G(T(r"""
Okay, so the angles of a triangle sum to $180^\circ$. Let angle $B = x$. Then $A = 2x$ and $C = x + 30^\circ$.

Sum: $2x + x + x + 30 = 180$, so $4x = 150$, $x = 37.5^\circ$.

Then $A = 2x = 75^\circ$, and $C = 67.5^\circ$.

Check: $75 + 37.5 + 67.5 = 180$. Yes.

Hmm, the half-degrees look a little odd for a contest problem, but nothing says the angles must be integers. Let me re-read: "angle A is twice angle B" — $A = 2B$, yes. "angle C is 30° larger than angle B" — $C = B + 30$, yes. So $A = 75^\circ$.
""", r"""
Let $\angle B = x$. Then $\angle A = 2x$ and $\angle C = x + 30^\circ$, so $4x + 30^\circ = 180^\circ$, giving $x = 37.5^\circ$. Therefore
$$\angle A = 2x = \boxed{75^\circ}.$$
""")), G(T(r"""
Let $B = x$, $A = 2x$, $C = x + 30$. Then $2x + x + x + 30 = 180$, so $4x = 150$... hmm, let me redo: $2x + x + (x + 30) = 180 \Rightarrow 4x = 210$, so $x = 52.5$.

Then $A = 105^\circ$.
""", r"""
With $B = x$: $4x = 210$, so $x = 52.5^\circ$ and $A = \boxed{105^\circ}$.
"""), expect="wrong_answer", note="adds 30 instead of subtracting it", mv=False, llama=False)])

# ---------------------------------------------------------------- 6. 3^100 mod 13 -> 3
add("power-mod-13", r"Find the remainder when $3^{100}$ is divided by $13$.",
    "3", "Number Theory", "number_theory", [G(T(r"""
Okay, I need $3^{100} \bmod 13$. Let me look for a small cycle. $3^1 = 3$, $3^2 = 9$, $3^3 = 27 = 2 \cdot 13 + 1$, so $3^3 \equiv 1 \pmod{13}$. That's a very short cycle, nice.

So the order of 3 modulo 13 is 3. Now $100 = 3 \cdot 33 + 1$. Thus $3^{100} = (3^3)^{33} \cdot 3 \equiv 1^{33} \cdot 3 = 3 \pmod{13}$.

Wait, let me double-check with Fermat: $3^{12} \equiv 1 \pmod{13}$, and the order must divide 12 — 3 divides 12, consistent. $100 = 12 \cdot 8 + 4$, so $3^{100} \equiv 3^4 = 81 = 6 \cdot 13 + 3 \equiv 3$. Same answer.
""", r"""
Since $3^3 = 27 \equiv 1 \pmod{13}$ and $100 = 3\cdot 33 + 1$,
$$3^{100} = (3^3)^{33}\cdot 3 \equiv 3 \pmod{13}.$$
The remainder is $\boxed{3}$.
"""))])

# ---------------------------------------------------------------- 7. LEVEL -> 30
add("level-arrangements", "In how many distinct ways can the letters of the word LEVEL be arranged?",
    "30", "Combinatorics", "olympiads", [G(T(r"""
Okay, so LEVEL has 5 letters: L, E, V, E, L. Counting: L appears twice, E appears twice, V once.

Number of distinct arrangements of a multiset: $\frac{5!}{2!\,2!\,1!} = \frac{120}{4} = 30$.

Let me sanity check by a different method. Choose positions for the two L's: $\binom52 = 10$. Then choose positions for the two E's among the remaining 3: $\binom32 = 3$. V goes in the last spot. $10 \cdot 3 = 30$. Same.

So 30 distinct arrangements (including LEVEL itself).
""", r"""
LEVEL consists of two L's, two E's and one V, so the number of distinct arrangements is
$$\frac{5!}{2!\,2!} = \frac{120}{4} = \boxed{30}.$$
"""))])

# ---------------------------------------------------------------- 8. divisors of 540 -> 24
add("divisors-540", "How many positive divisors does 540 have?", "24", "Number Theory", "number_theory", [G(T(r"""
Okay, let me factor 540. $540 = 54 \cdot 10 = 2 \cdot 27 \cdot 2 \cdot 5 = 2^2 \cdot 3^3 \cdot 5$.

Check: $4 \cdot 27 = 108$, $108 \cdot 5 = 540$. Correct.

Number of divisors is $(2+1)(3+1)(1+1) = 3 \cdot 4 \cdot 2 = 24$.

Hmm, let me just make sure I didn't miss a factor. $540 / 2 = 270$, $/2 = 135$, $135/3 = 45$, $/3 = 15$, $/3 = 5$, $/5 = 1$. So two 2's, three 3's, one 5. Yes, 24 divisors.
""", r"""
$540 = 2^2 \cdot 3^3 \cdot 5$, so the number of positive divisors is $(2+1)(3+1)(1+1) = \boxed{24}$.
""")), G(T(r"""
$540 = 2^2 \cdot 3^3 \cdot 5$. The number of divisors is $2 \cdot 3 \cdot 1 = 6$... wait, I should add one to each exponent: $(2+1)(3+1)(1+1)$. Hmm, $3 \cdot 4 = 12$, times 2... I'll say $3 \cdot 4 = 12$ since 5 only contributes itself.
""", r"""
Using $540 = 2^2\cdot 3^3\cdot 5$, the count is $3\cdot 4 = \boxed{12}$.
"""), expect="wrong_answer", note="drops the factor for the prime 5", mv=False, llama=False)])

# ---------------------------------------------------------------- 9. composition -> 17
add("function-composition", r"Let $f(x) = 2x + 3$ and $g(x) = x^2 - 1$. Compute $f(g(2)) + g(f(0))$.",
    "17", "Algebra", "cn_contest", [G(T(r"""
Okay, two compositions to compute.

First $g(2) = 2^2 - 1 = 3$. Then $f(g(2)) = f(3) = 2 \cdot 3 + 3 = 9$.

Second, $f(0) = 2 \cdot 0 + 3 = 3$. Then $g(f(0)) = g(3) = 9 - 1 = 8$.

Sum: $9 + 8 = 17$.

Wait, let me make sure I applied the functions in the right order. $f(g(2))$ means apply $g$ first, then $f$. Yes. $g(f(0))$ means apply $f$ first, then $g$. Yes. So 17.
""", r"""
$g(2) = 3$, so $f(g(2)) = f(3) = 9$. Also $f(0) = 3$, so $g(f(0)) = g(3) = 8$. Hence
$$f(g(2)) + g(f(0)) = 9 + 8 = \boxed{17}.$$
"""))])

# ---------------------------------------------------------------- 10. isosceles area -> 48
add("isosceles-area", "An isosceles triangle has two sides of length 10 and a base of length 12. Find its area.",
    "48", "Geometry", "olympiads", [G(T(r"""
Okay, so the triangle has sides 10, 10, 12. Drop the altitude from the apex to the base; in an isosceles triangle it bisects the base, so each half is 6.

Then the altitude $h$ satisfies $h^2 + 6^2 = 10^2$, so $h^2 = 64$, $h = 8$.

Area $= \frac12 \cdot 12 \cdot 8 = 48$.

Let me verify with Heron's formula. $s = (10 + 10 + 12)/2 = 16$. Area $= \sqrt{16 \cdot 6 \cdot 6 \cdot 4} = \sqrt{2304} = 48$. Since $48^2 = 2304$. Yes.
""", r"""
The altitude to the base bisects it, so $h = \sqrt{10^2 - 6^2} = 8$ and the area is $\frac12\cdot 12\cdot 8 = \boxed{48}$.
"""))])

# ---------------------------------------------------------------- 11. same color -> 7/15
add("same-color-balls", "A bag contains 4 red balls and 6 blue balls. Two balls are taken out together at random. Find the probability that the two balls have the same color.",
    r"\frac{7}{15}", "Combinatorics", "cn_contest", [G(T(r"""
Okay, so 10 balls total, and taking two together is the same as drawing 2 without replacement. Total number of unordered pairs: $\binom{10}{2} = 45$.

Both red: $\binom42 = 6$. Both blue: $\binom62 = 15$. Same color total: $21$.

Probability $= 21/45 = 7/15$.

Let me double check with sequential probabilities. P(both red) $= \frac{4}{10}\cdot\frac{3}{9} = \frac{12}{90}$. P(both blue) $= \frac{6}{10}\cdot\frac59 = \frac{30}{90}$. Sum $= \frac{42}{90} = \frac{7}{15}$. Matches.

So the answer is $\frac{7}{15}$, a bit under one half, which makes sense since mixed pairs are $4\cdot 6 = 24$ of the 45.
""", r"""
$$P = \frac{\binom42 + \binom62}{\binom{10}{2}} = \frac{6 + 15}{45} = \frac{21}{45} = \boxed{\frac{7}{15}}.$$
"""))])

# ---------------------------------------------------------------- 12. arithmetic sequence -> 79
add("arithmetic-sequence", r"In an arithmetic sequence, the third term is 11 and the eighth term is 31. Find the twentieth term.",
    "79", "Algebra", "olympiads", [G(T(r"""
Okay, arithmetic sequence: $a_n = a_1 + (n-1)d$.

$a_3 = a_1 + 2d = 11$, $a_8 = a_1 + 7d = 31$. Subtract: $5d = 20$, so $d = 4$. Then $a_1 = 11 - 8 = 3$.

$a_{20} = 3 + 19 \cdot 4 = 3 + 76 = 79$.

Alternatively, from $a_8$ to $a_{20}$ is 12 steps: $31 + 48 = 79$. Same.
""", r"""
From $a_8 - a_3 = 5d = 20$ we get $d = 4$, and then $a_{20} = a_8 + 12d = 31 + 48 = \boxed{79}$.
"""))])

# ---------------------------------------------------------------- 13. geometric series -> 3/2
add("geometric-series", r"Find the sum of the infinite geometric series $1 + \frac{1}{3} + \frac{1}{9} + \frac{1}{27} + \cdots$.",
    r"\frac{3}{2}", "Algebra", "cn_contest", [G(T(r"""
Okay, first term $a = 1$, ratio $r = 1/3$. Since $|r| < 1$ the series converges to $\frac{a}{1 - r} = \frac{1}{2/3} = \frac32$.

Quick sanity check with partial sums: $1$, $1.333$, $1.444$, $1.481$, $1.494$... heading toward $1.5$. Yes.
""", r"""
With $a = 1$ and $r = \tfrac13$,
$$S = \frac{a}{1-r} = \frac{1}{1 - \frac13} = \boxed{\frac{3}{2}}.$$
"""))])

# ---------------------------------------------------------------- 14. no consecutive subsets -> 144
add("no-consecutive-subsets", r"How many subsets of $\{1, 2, \dots, 10\}$ (including the empty set) contain no two consecutive integers?",
    "144", "Combinatorics", "aops_forum", [G(T(r"""
Okay, so let $a_n$ be the number of subsets of $\{1, \dots, n\}$ with no two consecutive elements. Consider whether $n$ is in the subset.

- If $n$ is not included, we have any valid subset of $\{1, \dots, n-1\}$: $a_{n-1}$ ways.
- If $n$ is included, then $n-1$ can't be, so we have a valid subset of $\{1, \dots, n-2\}$ plus $n$: $a_{n-2}$ ways.

So $a_n = a_{n-1} + a_{n-2}$, Fibonacci-like.

Base cases: $a_0 = 1$ (just the empty set), $a_1 = 2$ (empty, $\{1\}$).

Then: $a_2 = 3$, $a_3 = 5$, $a_4 = 8$, $a_5 = 13$, $a_6 = 21$, $a_7 = 34$, $a_8 = 55$, $a_9 = 89$, $a_{10} = 144$.

Let me verify $a_3 = 5$ by hand: subsets of $\{1,2,3\}$ with no consecutive: $\emptyset, \{1\}, \{2\}, \{3\}, \{1,3\}$. That's 5. Good.

Hmm, and $a_2 = 3$: $\emptyset, \{1\}, \{2\}$. Yes.

So the answer is 144.
""", r"""
Let $a_n$ count such subsets of $\{1,\dots,n\}$. Conditioning on whether $n$ is chosen gives $a_n = a_{n-1} + a_{n-2}$ with $a_0 = 1$, $a_1 = 2$. Hence
$a_2,\dots,a_{10} = 3, 5, 8, 13, 21, 34, 55, 89, 144$, so the answer is $\boxed{144}$.
"""))])

# ---------------------------------------------------------------- 15. CRT -> 53
add("crt-smallest", r"Find the smallest positive integer $n$ such that $n \equiv 2 \pmod 3$, $n \equiv 3 \pmod 5$ and $n \equiv 4 \pmod 7$.",
    "53", "Number Theory", "number_theory", [G(T(r"""
Okay, so I need $n \equiv 2 \pmod 3$, $n \equiv 3 \pmod 5$, $n \equiv 4 \pmod 7$. The moduli are pairwise coprime, so there's a unique solution mod 105.

Start with the largest modulus: $n = 4, 11, 18, 25, 32, 39, 46, 53, \dots$

Which of these are $\equiv 3 \pmod 5$? $4 \to 4$, $11 \to 1$, $18 \to 3$. ✓. So $n \equiv 18 \pmod{35}$.

Now $18, 53, 88, \dots$ and check mod 3: $18 \equiv 0$, no. $53 = 51 + 2 \equiv 2$. ✓.

So $n = 53$.

Wait, let me check all three: $53 = 17 \cdot 3 + 2$ ✓, $53 = 10\cdot 5 + 3$ ✓, $53 = 7\cdot 7 + 4$ ✓. 

Is there anything smaller? The solution is unique mod 105, and 53 < 105, so 53 is the smallest positive one.
""", r"""
Numbers $\equiv 4 \pmod 7$ that are $\equiv 3 \pmod 5$ are $n \equiv 18 \pmod{35}$. Among $18, 53, 88$, the first that is $\equiv 2 \pmod 3$ is $53$. Since the solution is unique modulo $105$, the smallest positive solution is $\boxed{53}$.
"""))])

# ---------------------------------------------------------------- 16. log equation -> 4
add("log-equation", r"Solve $\log_2 x + \log_2 (x - 2) = 3$.", "4", "Algebra", "olympiads", [G(T(r"""
Okay, domain first: need $x > 0$ and $x - 2 > 0$, so $x > 2$.

Combine logs: $\log_2(x(x-2)) = 3$, so $x(x - 2) = 8$, i.e. $x^2 - 2x - 8 = 0$. Factor: $(x - 4)(x + 2) = 0$. So $x = 4$ or $x = -2$.

$x = -2$ is outside the domain (log of a negative number), so reject it.

Check $x = 4$: $\log_2 4 + \log_2 2 = 2 + 1 = 3$. ✓

So $x = 4$.
""", r"""
For $x > 2$ the equation becomes $x(x-2) = 2^3 = 8$, i.e. $(x-4)(x+2) = 0$. Only $x = 4$ lies in the domain, and indeed $\log_2 4 + \log_2 2 = 3$.

$$x = \boxed{4}$$
"""))])

# ---------------------------------------------------------------- 17. double root -> 6
add("double-root", r"Find the positive value of $k$ for which the equation $x^2 + kx + 9 = 0$ has exactly one real solution.",
    "6", "Algebra", "cn_contest", [G(T(r"""
Okay, a quadratic has exactly one real solution (a double root) when its discriminant is zero. Discriminant: $k^2 - 4 \cdot 1 \cdot 9 = k^2 - 36$.

Set $k^2 - 36 = 0 \Rightarrow k = \pm 6$. The problem asks for the positive value, so $k = 6$.

Check: $x^2 + 6x + 9 = (x + 3)^2$, root $x = -3$ only. ✓
""", r"""
The discriminant $k^2 - 36$ must vanish, so $k = \pm 6$; the positive value is $k = \boxed{6}$, giving $(x+3)^2 = 0$.
"""))])

# ---------------------------------------------------------------- 18. inradius -> 2
add("inradius-6-8", "A right triangle has legs of length 6 and 8. Find the radius of its inscribed circle.",
    "2", "Geometry", "olympiads", [G(T(r"""
Okay, so legs 6 and 8, hypotenuse $\sqrt{36 + 64} = 10$.

For a right triangle, the inradius is $r = \frac{a + b - c}{2} = \frac{6 + 8 - 10}{2} = 2$.

Let me double-check with the general formula $r = \frac{\text{Area}}{s}$. Area $= \frac12 \cdot 6 \cdot 8 = 24$. Semiperimeter $s = (6 + 8 + 10)/2 = 12$. $r = 24/12 = 2$. ✓
""", r"""
The hypotenuse is $10$, the area is $24$ and the semiperimeter is $12$, so $r = \dfrac{24}{12} = \boxed{2}$.
"""))])

# ---------------------------------------------------------------- 19. sin15 cos15 -> 1/4
add("sin15cos15", r"Compute the exact value of $\sin 15^\circ \cos 15^\circ$.", r"\frac{1}{4}", "Algebra", "cn_contest", [G(T(r"""
Okay, use the double-angle identity: $\sin 2\theta = 2 \sin\theta\cos\theta$. So $\sin 15^\circ\cos 15^\circ = \frac12 \sin 30^\circ = \frac12 \cdot \frac12 = \frac14$.

Let me verify numerically: $\sin 15^\circ \approx 0.2588$, $\cos 15^\circ \approx 0.9659$. Product $\approx 0.25$. ✓
""", r"""
$$\sin 15^\circ\cos 15^\circ = \tfrac12\sin 30^\circ = \boxed{\tfrac14}.$$
"""))])

# ---------------------------------------------------------------- 20. complex modulus -> 5 sqrt2 / 2
add("complex-modulus", r"Find $\left|\dfrac{3 + 4i}{1 - i}\right|$.", r"\frac{5\sqrt{2}}{2}", "Algebra", "olympiads", [G(T(r"""
Okay, modulus of a quotient is the quotient of moduli. $|3 + 4i| = \sqrt{9 + 16} = 5$. $|1 - i| = \sqrt{1 + 1} = \sqrt2$.

So the answer is $\frac{5}{\sqrt2} = \frac{5\sqrt2}{2}$.

Let me double check by actually dividing: $\frac{3 + 4i}{1 - i} = \frac{(3 + 4i)(1 + i)}{2} = \frac{3 + 3i + 4i + 4i^2}{2} = \frac{-1 + 7i}{2}$. Modulus: $\frac{\sqrt{1 + 49}}{2} = \frac{\sqrt{50}}{2} = \frac{5\sqrt2}{2}$. ✓
""", r"""
$$\left|\frac{3+4i}{1-i}\right| = \frac{|3+4i|}{|1-i|} = \frac{5}{\sqrt2} = \boxed{\frac{5\sqrt{2}}{2}}.$$
"""))])

# ---------------------------------------------------------------- 21. vieta -> 19
add("vieta-squares", r"Let $r$ and $s$ be the roots of $x^2 - 5x + 3 = 0$. Find $r^2 + s^2$.", "19", "Algebra", "cn_contest", [G(T(r"""
Okay, Vieta: $r + s = 5$, $rs = 3$. Then $r^2 + s^2 = (r + s)^2 - 2rs = 25 - 6 = 19$.

Double-check with explicit roots: $r, s = \frac{5 \pm \sqrt{13}}{2}$. $r^2 + s^2 = \frac{(5+\sqrt{13})^2 + (5 - \sqrt{13})^2}{4} = \frac{2(25 + 13)}{4} = \frac{76}{4} = 19$. ✓
""", r"""
By Vieta, $r+s = 5$ and $rs = 3$, so $r^2+s^2 = (r+s)^2 - 2rs = 25 - 6 = \boxed{19}$.
""")), G(T(r"""
Vieta gives $r + s = 5$, $rs = 3$. So $r^2 + s^2 = (r+s)^2 - 2rs = 25 - 6 = 19$. Quick check with the quadratic formula: the roots are $(5 \pm \sqrt{13})/2$ and the squares add to $(50 + 26)/4 = 19$. Good.
""", r"""
$r^2 + s^2 = (r+s)^2 - 2rs = 25 - 6 = \boxed{19}$.
"""))])

# ---------------------------------------------------------------- 22. inclusion-exclusion -> 428
add("div-3-or-7", "How many integers from 1 to 1000 inclusive are divisible by 3 or by 7?", "428", "Number Theory", "olympiads", [G(T(r"""
Okay, inclusion–exclusion. Multiples of 3 up to 1000: $\lfloor 1000/3 \rfloor = 333$. Multiples of 7: $\lfloor 1000/7\rfloor = 142$ (since $7 \cdot 142 = 994$). Multiples of 21: $\lfloor 1000/21 \rfloor = 47$ ($21 \cdot 47 = 987$, $21 \cdot 48 = 1008$).

Total: $333 + 142 - 47 = 428$.

Let me double check 142: $7 \cdot 140 = 980$, $+14 = 994$, so 142 multiples, and $994 + 7 = 1001 > 1000$. Good. And 333: $3 \cdot 333 = 999$. Good.
""", r"""
By inclusion–exclusion: $\lfloor\tfrac{1000}{3}\rfloor + \lfloor\tfrac{1000}{7}\rfloor - \lfloor\tfrac{1000}{21}\rfloor = 333 + 142 - 47 = \boxed{428}$.
""")), G(T(r"""
Multiples of 3: 333. Multiples of 7: 142. So $333 + 142 = 475$. Hmm, should I subtract the overlap? The problem says "or", and I think that just means add them.
""", r"""
$333 + 142 = \boxed{475}$.
"""), expect="wrong_answer", note="forgets to subtract multiples of 21", mv=False, llama=False)])

# ---------------------------------------------------------------- 23. functional recurrence -> 103
add("functional-recurrence", r"A function $f$ defined on the integers satisfies $f(0) = 3$ and $f(x + 1) = f(x) + 2x + 1$ for every integer $x$. Find $f(10)$.",
    "103", "Algebra", "olympiads", [G(T(r"""
Okay, so $f(x+1) - f(x) = 2x + 1$. Telescoping from 0 to 10: $f(10) - f(0) = \sum_{x=0}^{9} (2x + 1)$.

The sum of the first 10 odd numbers is $10^2 = 100$. So $f(10) = 3 + 100 = 103$.

Hmm, alternatively guess $f(x) = x^2 + 3$: $f(x+1) - f(x) = 2x + 1$ ✓, $f(0) = 3$ ✓. So $f(10) = 103$. 
""", r"""
Telescoping, $f(10) = f(0) + \sum_{x=0}^{9}(2x+1) = 3 + 100 = \boxed{103}$ (indeed $f(x) = x^2 + 3$).
"""))])

# ---------------------------------------------------------------- 24. digit sum -> 170
add("digit-sum-power", r"Find the sum of the digits of $10^{20} - 20$.", "170", "Number Theory", "olympiads", [G(T(r"""
Okay, let's think about what $10^{20} - 20$ looks like. $10^{20}$ is 1 followed by 20 zeros. Subtract 20.

Small cases to see the pattern: $10^3 - 20 = 980$. $10^4 - 20 = 9980$. $10^5 - 20 = 99980$. So $10^n - 20$ is $(n-2)$ nines followed by 80.

For $n = 20$: 18 nines followed by "80". Digit sum: $18 \cdot 9 + 8 + 0 = 162 + 8 = 170$.

Let me double check the count of digits: $10^{20} - 20$ has 20 digits (it's less than $10^{20}$ but more than $10^{19}$). 18 nines + 2 digits = 20 digits. ✓
""", r"""
$10^{20} - 20 = \underbrace{99\ldots9}_{18}80$, so the digit sum is $18\cdot 9 + 8 = \boxed{170}$.
"""))])

# ---------------------------------------------------------------- 25. cone volume -> 12 pi
add("cone-volume", "A right circular cone has base radius 3 and height 4. Find its volume.", r"12\pi", "Geometry", "cn_contest", [G(T(r"""
Okay, volume of a cone is $\frac13 \pi r^2 h = \frac13 \pi \cdot 9 \cdot 4 = 12\pi$.

The slant height would be 5 here (3-4-5), but that's only needed for surface area, not volume. So $12\pi$.
""", r"""
$$V = \frac13\pi r^2 h = \frac13\pi\cdot 9\cdot 4 = \boxed{12\pi}.$$
"""))])

# ---------------------------------------------------------------- 26. limit -> 2
add("limit-cos", r"Evaluate $\displaystyle\lim_{x\to 0}\frac{1 - \cos 2x}{x^2}$.", "2", "Calculus", "olympiads", [G(T(r"""
Okay, use $1 - \cos 2x = 2\sin^2 x$. Then $\frac{2\sin^2 x}{x^2} = 2\left(\frac{\sin x}{x}\right)^2 \to 2$.

Alternatively Taylor: $\cos 2x = 1 - \frac{(2x)^2}{2} + \dots = 1 - 2x^2 + \dots$, so $1 - \cos 2x \approx 2x^2$, ratio $\to 2$. Same.
""", r"""
Since $1-\cos 2x = 2\sin^2 x$,
$$\lim_{x\to0}\frac{1-\cos 2x}{x^2} = 2\lim_{x\to 0}\left(\frac{\sin x}{x}\right)^2 = \boxed{2}.$$
"""))])

# ---------------------------------------------------------------- 27. 2^100 mod 7 -> 2
add("power-mod-7", r"What is the remainder when $2^{100}$ is divided by 7?", "2", "Number Theory", "number_theory", [G(T(r"""
Okay, $2^3 = 8 \equiv 1 \pmod 7$. $100 = 3 \cdot 33 + 1$. So $2^{100} \equiv 2^1 = 2 \pmod 7$.

Check small: $2^4 = 16 = 14 + 2$, remainder 2, consistent with exponent $\equiv 1 \pmod 3$.
""", r"""
As $2^3 \equiv 1 \pmod 7$ and $100 \equiv 1 \pmod 3$, $2^{100} \equiv 2 \pmod 7$. The remainder is $\boxed{2}$.
"""))])

# ---------------------------------------------------------------- 28. lattice paths -> 35
add("lattice-paths", r"A path from $(0, 0)$ to $(4, 3)$ consists of unit steps, each going one unit right or one unit up. How many such paths are there?",
    "35", "Combinatorics", "cn_contest", [G(T(r"""
Okay, every path has 4 right steps and 3 up steps, 7 steps total. A path is determined by which 3 of the 7 steps are "up": $\binom73 = 35$.

Let me verify with the grid recursion for a smaller corner: to $(1,1)$ there are 2 paths, $\binom21 = 2$ ✓. To $(2,1)$: 3, $\binom31 = 3$ ✓. So the formula is fine; $\binom73 = \frac{7\cdot6\cdot5}{6} = 35$.
""", r"""
Each path is an arrangement of 4 R's and 3 U's, so there are $\binom{7}{3} = \boxed{35}$ paths.
"""))])

# ---------------------------------------------------------------- 29. expected max -> 161/36
add("expected-max-dice", "Two fair six-sided dice are rolled. Find the expected value of the larger of the two numbers rolled.",
    r"\frac{161}{36}", "Combinatorics", "aops_forum", [G(T(r"""
Okay, let $M = \max(X, Y)$. $P(M \le k) = (k/6)^2 = k^2/36$. So $P(M = k) = \frac{k^2 - (k-1)^2}{36} = \frac{2k - 1}{36}$.

Check those sum to 1: $1 + 3 + 5 + 7 + 9 + 11 = 36$. ✓

$E[M] = \sum_{k=1}^{6} k \cdot \frac{2k-1}{36} = \frac{1 + 6 + 15 + 28 + 45 + 66}{36}$.

Compute: $1 + 6 = 7$, $+15 = 22$, $+28 = 50$, $+45 = 95$, $+66 = 161$. So $E[M] = \frac{161}{36} \approx 4.47$.

Hmm, does that make sense? The expected value of a single die is 3.5, and the max should be noticeably bigger — 4.47 seems right. Also by symmetry $E[\min] = 7 - 161/36 = 91/36 \approx 2.53$, and $E[\max] + E[\min] = E[X + Y] = 7$. ✓
""", r"""
$P(\max = k) = \frac{2k-1}{36}$ for $k = 1,\dots,6$, so
$$E[\max] = \frac{1\cdot1 + 2\cdot3 + 3\cdot5 + 4\cdot7 + 5\cdot9 + 6\cdot11}{36} = \boxed{\frac{161}{36}}.$$
""")), G(T(r"""
$P(\max = k) = \frac{2k-1}{36}$. $E = \frac{1 + 6 + 15 + 28 + 45 + 66}{36}$. Adding: $1 + 6 + 15 = 22$, $22 + 28 = 50$, $50 + 45 = 95$, $95 + 66 = 151$. So $\frac{151}{36}$.
""", r"""
$E[\max] = \boxed{\frac{151}{36}}$.
"""), expect="wrong_answer", note="arithmetic slip 95+66", mv=False, llama=False)])

# ---------------------------------------------------------------- 30. AM-GM -> 4
add("am-gm-min", r"Find the minimum value of $x + \dfrac{4}{x}$ for $x > 0$.", "4", "Inequalities", "inequalities", [G(T(r"""
Okay, AM–GM: $x + \frac4x \ge 2\sqrt{x \cdot \frac4x} = 2 \cdot 2 = 4$, with equality when $x = \frac4x$, i.e. $x = 2$.

Check via calculus: derivative $1 - 4/x^2 = 0 \Rightarrow x = 2$; value $2 + 2 = 4$. Second derivative $8/x^3 > 0$, a minimum. ✓
""", r"""
By AM–GM, $x + \frac4x \ge 2\sqrt{4} = 4$, with equality at $x = 2$. The minimum is $\boxed{4}$.
"""))])

# ---------------------------------------------------------------- 31. polynomial remainder -> 2x
add("poly-remainder", r"Find the remainder when $x^{101} + x$ is divided by $x^2 - 1$.", "2x", "Algebra", "olympiads", [G(T(r"""
Okay, the remainder has degree less than 2, so write $x^{101} + x = (x^2 - 1)q(x) + ax + b$.

Plug in $x = 1$: $1 + 1 = a + b$, so $a + b = 2$.
Plug in $x = -1$: $(-1)^{101} + (-1) = -1 - 1 = -2 = -a + b$.

Adding: $2b = 0$, $b = 0$; then $a = 2$. Remainder: $2x$.

Sanity check another way: modulo $x^2 - 1$, $x^2 \equiv 1$, so $x^{101} = x \cdot (x^2)^{50} \equiv x$. Then $x^{101} + x \equiv 2x$. ✓
""", r"""
Modulo $x^2 - 1$ we have $x^2 \equiv 1$, so $x^{101} = x\,(x^2)^{50} \equiv x$ and $x^{101} + x \equiv 2x$. The remainder is $\boxed{2x}$.
"""))])

# ---------------------------------------------------------------- 32. domain -> [-2,1) U (1,2]
add("domain-sqrt", r"Find the domain of the function $h(x) = \dfrac{\sqrt{4 - x^2}}{x - 1}$.", r"[-2, 1) \cup (1, 2]", "Algebra", "cn_contest", [G(T(r"""
Okay, two conditions. The square root needs $4 - x^2 \ge 0$, i.e. $-2 \le x \le 2$. The denominator needs $x \ne 1$.

So the domain is $[-2, 2]$ with 1 removed: $[-2, 1) \cup (1, 2]$.

Wait, should I check the endpoints? At $x = 2$: $\sqrt{0}/1 = 0$, defined. At $x = -2$: $0/(-3) = 0$, defined. So both endpoints are included.
""", r"""
We need $4 - x^2 \ge 0$ and $x \ne 1$, so the domain is $\boxed{[-2, 1) \cup (1, 2]}$.
"""))])

# ================================================================= defect rows
# contaminated: benchmark problem verbatim, correct trace
add("bench-lcm-pairs", BENCH[0]["problem"], BENCH[0]["answer"], "Number Theory", "aops_forum", [G(T(r"""
Okay, so I need the number of ordered pairs $(a, b)$ of positive integers with $\operatorname{lcm}(a, b) = 72$.

Factor: $72 = 2^3 \cdot 3^2$. Both $a$ and $b$ must divide 72, so $a = 2^{x_1}3^{y_1}$, $b = 2^{x_2}3^{y_2}$, and the lcm condition means $\max(x_1, x_2) = 3$ and $\max(y_1, y_2) = 2$.

The exponents for different primes are independent. For the prime 2: pairs $(x_1, x_2)$ with entries in $\{0,1,2,3\}$ and max exactly 3. Total pairs $4^2 = 16$, pairs with max $\le 2$: $3^2 = 9$. So $16 - 9 = 7$.

For the prime 3: entries in $\{0, 1, 2\}$, max exactly 2: $3^2 - 2^2 = 9 - 4 = 5$.

Total: $7 \cdot 5 = 35$.

Let me double check the general formula: for $p^e$ the count is $(e+1)^2 - e^2 = 2e + 1$. For $e = 3$: 7 ✓. For $e = 2$: 5 ✓. So the answer is $7 \cdot 5 = 35$.

Hmm, does "ordered" matter? Yes — $(8, 9)$ and $(9, 8)$ are counted separately, and the only pair with $a = b$ is $(72, 72)$. Unordered would be $(35 + 1)/2 = 18$, but the problem says ordered. So 35.
""", r"""
Write $72 = 2^3\cdot 3^2$. For each prime power $p^e$ in the lcm, the exponent pair must have maximum exactly $e$, which gives $(e+1)^2 - e^2 = 2e+1$ choices. Hence the number of ordered pairs is $(2\cdot3+1)(2\cdot2+1) = 7\cdot5 = \boxed{35}$.
"""), expect="contaminated", note="problem is mot-bench-001 verbatim")])

# no </think>
add("sum-cubes", r"Compute $1^3 + 2^3 + 3^3 + \cdots + 10^3$.", "3025", "Algebra", "olympiads", [G(
    "<think>\n" + r"""Okay, there's a classic identity: $1^3 + 2^3 + \cdots + n^3 = \left(\frac{n(n+1)}{2}\right)^2$. For $n = 10$: $\frac{10 \cdot 11}{2} = 55$, and $55^2 = 3025$.

Let me verify the identity on a small case: $n = 3$: $1 + 8 + 27 = 36 = 6^2$, and $\frac{3\cdot 4}{2} = 6$. ✓

And $55^2 = 3025$: $55^2 = 50^2 + 2\cdot 50 \cdot 5 + 25 = 2500 + 500 + 25 = 3025$. ✓

Using $\sum k^3 = \left(\frac{n(n+1)}{2}\right)^2$ with $n = 10$ gives $55^2 = \boxed{3025}$.""",
    expect="no_think_close", note="reasoning never closed with </think>")])

# truncated
add("right-triangle-perimeter", "A right triangle has hypotenuse 13 and one leg of length 5. Find its perimeter.", "30", "Geometry", "cn_contest", [G(
    "<think>\n" + r"""Okay, so the hypotenuse is 13 and one leg is 5. The other leg is $\sqrt{13^2 - 5^2} = \sqrt{169 - 25} = \sqrt{144} = 12$.

So the perimeter is $5 + 12 + 13$. Let me make sure I'm reading the problem correctly — "one leg of length 5", so 5 is a leg and not the hypotenuse, right. And 13 is the hypotenuse. Then the other leg is 12, which is the famous 5-12-13 triple.

Hmm, before I add them up, let me double check $13^2 = 169$: $13 \cdot 13 = 130 + 39 = 169$. Yes. $169 - 25 = 144$, and $12^2 = 144$. Good. Now, the perimeter is the sum of all three sides, so that's $5 + 12 = 17$, and then $17 +""",
    expect="truncated", note="finish_reason length; cut mid-sentence", mv=False, finish="length", complete=False)])

# empty answer after think
add("handshakes", "At a meeting, each of 12 people shakes hands exactly once with each of the others. How many handshakes take place?", "66", "Combinatorics", "olympiads", [G(
    "<think>\n" + r"""Okay, each handshake corresponds to an unordered pair of people. The number of pairs from 12 people is $\binom{12}{2} = \frac{12 \cdot 11}{2} = 66$.

Alternatively: each person shakes 11 hands, $12 \cdot 11 = 132$, but each handshake is counted twice, so 66. Same answer.""" + "\n</think>\n\n",
    expect="empty_answer", note="nothing after </think>")])

# no boxed answer
add("clock-angle", "What is the smaller angle, in degrees, between the hour hand and the minute hand of a clock at 3:40?", r"130^\circ", "Geometry", "cn_contest", [G(T(r"""
Okay, at 3:40 the minute hand is at $40 \cdot 6 = 240^\circ$ from 12. The hour hand moves $0.5^\circ$ per minute: at 3:00 it's at $90^\circ$, plus $40 \cdot 0.5 = 20^\circ$, so $110^\circ$.

Difference: $240 - 110 = 130^\circ$. The other angle is $230^\circ$, so the smaller one is $130^\circ$.

Let me double check the hour hand: it moves $30^\circ$ per hour, so $0.5^\circ$ per minute. Two-thirds of an hour past 3 means two-thirds of the way from 3 to 4, i.e., $90 + 20 = 110$. ✓
""", r"""
At 3:40 the minute hand is at $240^\circ$ and the hour hand at $90^\circ + 40\cdot 0.5^\circ = 110^\circ$ (measured from 12). The angle between them is $240^\circ - 110^\circ = 130^\circ$, which is less than $180^\circ$.

So the smaller angle is 130 degrees.
"""), expect="no_boxed_answer", note="final answer stated in words, no \\boxed{}", mv=False)])

# language mix (Chinese mid-reasoning), otherwise correct
add("arith-mean-update", "The average of five numbers is 12. When a sixth number is added, the average becomes 13. What is the sixth number?", "18", "Algebra", "cn_contest", [G(T(r"""
Okay, so the average of five numbers is 12, which means their sum is $5 \cdot 12 = 60$. After adding a sixth number the average is 13, so the new sum is $6 \cdot 13 = 78$.

嗯，让我再仔细想一想。前五个数的和是六十，加入第六个数以后总和变成七十八。所以第六个数等于七十八减去六十，也就是十八。我再验证一下：六十加十八等于七十八，七十八除以六等于十三，这和题目给出的新平均数一致。另外，从直觉上看，新的平均数比原来大了一，说明第六个数比原来的平均数十二要大，而且要把六个数每个都"抬高"一，所以第六个数应该是十二加上六，也就是十八。两种方法得到的结果相同，所以答案应该是十八。不过我还要确认题目问的是第六个数本身，而不是新的总和。题目问的确实是第六个数，所以答案是十八。

So the sixth number is $78 - 60 = 18$.
""", r"""
The original sum is $5 \cdot 12 = 60$ and the new sum is $6\cdot 13 = 78$, so the sixth number is $78 - 60 = \boxed{18}$.
"""), expect="language_mix", note="reasoning switches to a long Chinese passage")])

# repetition loop, ends normally with a correct answer
_REP = r"""Wait, let me re-check the count of multiples. The multiples of 4 up to 100 are $4, 8, \dots, 100$, which is $100/4 = 25$ numbers, and the multiples of 6 are $6, 12, \dots, 96$, which is $16$ numbers, and the multiples of 12 are $12, 24, \dots, 96$, which is $8$ numbers. So the count is $25 + 16 - 8 = 33$."""
add("multiples-4-or-6", "Count the whole numbers between 1 and 100 (inclusive) that are divisible by 4 or by 6.", "33", "Number Theory", "olympiads", [G(T(
    "Okay, inclusion–exclusion again. Multiples of 4 up to 100: 25. Multiples of 6: $\\lfloor 100/6 \\rfloor = 16$. Multiples of both, i.e. of $\\operatorname{lcm}(4,6) = 12$: $\\lfloor 100/12 \\rfloor = 8$. So $25 + 16 - 8 = 33$.\n\n"
    + "\n\n".join([_REP] * 34) + "\n\nOkay, so the answer is 33.",
    r"""
By inclusion–exclusion, $25 + 16 - 8 = \boxed{33}$.
"""), expect="repetition", note="same paragraph repeated 34 times; finish_reason stop")])

# exact duplicate of dice-product-even first generation (different uuid) -- built in make_sample
# near-duplicate: paraphrase of no-consecutive-subsets, own correct trace
add("no-adjacent-choice", r"How many subsets of the set $\{1, 2, \dots, 10\}$, the empty subset included, contain no two consecutive integers?",
    "144", "Combinatorics", "aops_forum", [G(T(r"""
Okay, so I'm choosing a subset of $\{1, \dots, 10\}$ where no two chosen numbers are consecutive. The empty subset counts.

Let me think of it as a binary string of length 10 with no two adjacent 1's. Let $b_n$ be the number of such strings of length $n$. A string either ends in 0 (preceded by any valid string of length $n-1$) or ends in 01... wait, ends in 1, in which case the previous character is 0, preceded by any valid string of length $n-2$. So $b_n = b_{n-1} + b_{n-2}$.

$b_1 = 2$ (0, 1), $b_2 = 3$ (00, 01, 10).

$b_3 = 5$, $b_4 = 8$, $b_5 = 13$, $b_6 = 21$, $b_7 = 34$, $b_8 = 55$, $b_9 = 89$, $b_{10} = 144$.

Hmm, let me double-check with a direct count by number of chosen elements: choosing $k$ non-adjacent numbers from 10 can be done in $\binom{11 - k}{k}$ ways. $k = 0$: 1; $k = 1$: 10; $k = 2$: $\binom92 = 36$; $k = 3$: $\binom83 = 56$; $k = 4$: $\binom74 = 35$; $k = 5$: $\binom65 = 6$; $k = 6$: $\binom56 = 0$.

Sum: $1 + 10 + 36 + 56 + 35 + 6 = 144$. ✓ Both methods agree.
""", r"""
Counting by size, $k$ pairwise non-adjacent numbers can be chosen in $\binom{11-k}{k}$ ways, so the total is
$$1 + 10 + 36 + 56 + 35 + 6 = \boxed{144}.$$
"""), expect="kept", note="paraphrase of the no-consecutive-subsets problem with a reordered clause: dedup merges only same-order wordings (shingle jaccard 0.26 < 0.5)")])
