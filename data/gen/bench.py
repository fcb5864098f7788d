"""Eight benchmark-style problems written for this project (used to test decontamination).

Exactly one of them (``BENCH[0]``) is reused verbatim as a math sample row.
"""

BENCH = [
    {
        "id": "mot-bench-001",
        "problem": r"Find the number of ordered pairs $(a, b)$ of positive integers such that $\operatorname{lcm}(a, b) = 72$.",
        "answer": "35",
    },
    {
        "id": "mot-bench-002",
        "problem": r"A sequence satisfies $u_1 = 2$ and $u_{n+1} = 3u_n - 2$ for every $n \ge 1$. Compute $u_6$.",
        "answer": "244",
    },
    {
        "id": "mot-bench-003",
        "problem": "How many four-digit positive integers have digits whose sum is 9 and whose last digit is even?",
        "answer": "95",
    },
    {
        "id": "mot-bench-004",
        "problem": "A triangle has side lengths 7, 8 and 9. Find the length of the altitude drawn to the side of length 8.",
        "answer": r"3\sqrt{5}",
    },
    {
        "id": "mot-bench-005",
        "problem": "Find the smallest positive integer $k$ for which the decimal representation of $2^k$ ends in the two digits 76.",
        "answer": "20",
    },
    {
        "id": "mot-bench-006",
        "problem": "A jar holds 5 green marbles and 3 yellow marbles. Three marbles are drawn at random without replacement. What is the probability that exactly two of them are green?",
        "answer": r"\frac{15}{28}",
    },
    {
        "id": "mot-bench-007",
        "problem": r"Evaluate $\frac{1}{1\cdot 3} + \frac{1}{3\cdot 5} + \frac{1}{5\cdot 7} + \cdots + \frac{1}{19\cdot 21}$.",
        "answer": r"\frac{10}{21}",
    },
    {
        "id": "mot-bench-008",
        "problem": r"Determine the set of all real numbers $x$ satisfying $|2x - 3| < 5$.",
        "answer": "(-1, 4)",
    },
]
