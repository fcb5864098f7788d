"""Probes for decontamination: edited copies of benchmark items, and clean traces that share only stock text.

``EDITS`` maps an edit class to a function ``(problem, rng) -> conversation`` that hides a benchmark
item in a chat the way copies reach training corpora. :func:`clean_traces` writes long R1-style
conversations in Codeforces, AtCoder, LeetCode, AIME and MATH formats: new problems assembled from
each format's stock phrases and random content, and reasoning that restates them, so the only text
they share with a benchmark is the boilerplate every problem of that format has.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

Conversation = list[dict[str, str]]

_SMALL = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()


def _chat(user: str, assistant: str = "<think>\nLet me work through this.\n</think>\n\nThe answer is $\\boxed{7}$.", system: str | None = None) -> Conversation:
    return ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": user}, {"role": "assistant", "content": assistant}]


def embedded(problem: str, rng: random.Random) -> Conversation:
    intro = rng.choice(["Solve the following math problem. Make sure to put the answer (and only answer) inside \\boxed{}.\n\n",
                        "Here is a problem from my homework, I am stuck:\n", "You will be given a competitive programming problem.\n\n# Problem\n\n"])
    outro = rng.choice(["\n\nPlease reason step by step, and put your final answer within \\boxed{}.", "\n\nThanks a lot!", "\n\n## Output\nWrite Python code."])
    return _chat(intro + problem + outro)


def redelimited(problem: str, rng: random.Random) -> Conversation:
    text = re.sub(r"\$\$(.+?)\$\$", r"\\[\1\\]", problem, flags=re.S)
    text = re.sub(r"\$(.+?)\$", (lambda m: f"\\({m.group(1)}\\)") if rng.random() < 0.5 else (lambda m: m.group(1)), text, flags=re.S)
    text = text.replace("\\frac", "\\dfrac").replace("\\le ", "\\leqslant ").replace("\\cdot", "\\times")
    return _chat(text)


def number_words_and_spacing(problem: str, rng: random.Random) -> Conversation:
    def spell(m: re.Match[str]) -> str:
        value = int(m.group())
        return _SMALL[value] if value < len(_SMALL) and rng.random() < 0.7 else m.group()

    text = re.sub(r"(?<![\d.,^_{])\d+(?![\d.,])", spell, problem)
    text = re.sub(r"(\d)(\d{3})(?!\d)", r"\1,\2", text)  # digit grouping
    text = re.sub(r"(\d)([a-z])", r"\1 \2", text)  # 3x -> 3 x
    text = re.sub(r"\s*([=+])\s*", r"\1", text)
    return _chat(text)


def unicode_math(problem: str, rng: random.Random) -> Conversation:
    text = problem
    for latex, char in [("\\leq", "≤"), ("\\le", "≤"), ("\\geq", "≥"), ("\\ge", "≥"), ("\\times", "×"), ("\\cdot", "·"), ("\\pi", "π"),
                        ("\\theta", "θ"), ("\\alpha", "α"), ("\\neq", "≠"), ("^2", "²"), ("^3", "³"), ("\\infty", "∞"), ("\\ldots", "…")]:
        text = text.replace(latex + " ", char + " ").replace(latex + "$", char + "$").replace(latex, char) if latex[0] == "\\" else text.replace(latex, char)
    return _chat(text.replace("$", "").replace("-", "−"))


def wrapped(problem: str, rng: random.Random) -> Conversation:
    width = rng.choice([40, 60, 72])
    lines, line = [], ""
    for word in problem.split():
        if len(line) + len(word) > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    lines.append(line)
    prefix = rng.choice(["    ", "> ", ""])
    body = "\n".join(prefix + x for x in lines)
    return _chat(f"Problem:\n```\n{body}\n```" if not prefix else f"Problem:\n{body}")


def first_half(problem: str, rng: random.Random) -> Conversation:
    words = problem.split()
    return _chat(" ".join(words[: (len(words) + 1) // 2]) + " ... (rest omitted)")


def quoted_in_response(problem: str, rng: random.Random) -> Conversation:
    quote = "\n".join("> " + line for line in problem.splitlines()) if rng.random() < 0.5 else f'"{problem}"'
    before = " ".join(rng.choice(MUSINGS) for _ in range(rng.randint(0, 60)))
    after = " ".join(rng.choice(MUSINGS) for _ in range(rng.randint(60, 200)))  # a long response: the anchor filter's path
    response = f"<think>\nOkay, let me restate the task first. {before}\n\n{quote}\n\nSo we need to find it. {after}\n</think>\n\nThe answer is $\\boxed{{7}}$."
    return _chat("Solve the problem from the contest we discussed.", response)


def system_prompt(problem: str, rng: random.Random) -> Conversation:
    return _chat("Go ahead and solve it.", system=f"You are a careful solver. The problem for this session:\n{problem}")


def later_turn(problem: str, rng: random.Random) -> Conversation:
    return [{"role": "user", "content": "Hi! Can you help me with a few problems?"},
            {"role": "assistant", "content": "Of course, send the first one."},
            {"role": "user", "content": "Thanks. What is 2+2?"},
            {"role": "assistant", "content": "<think>\nSimple.\n</think>\n\n4"},
            {"role": "user", "content": problem},
            {"role": "assistant", "content": "<think>\nLet me see.\n</think>\n\nDone."}]


EDITS: dict[str, Callable[[str, random.Random], Conversation]] = {
    "embedded": embedded, "re-delimited": redelimited, "number words/spacing": number_words_and_spacing, "unicode": unicode_math,
    "wrapped": wrapped, "first half": first_half, "quoted in response": quoted_in_response, "system prompt": system_prompt,
    "later turn": later_turn,
}

# --- clean traces -------------------------------------------------------------------------------------

NAMES = ["Alice", "Bob", "Monocarp", "Polycarp", "Vasya", "Takahashi", "Aoki", "Snuke", "Masha", "Petya", "Luna", "Kirill"]
OBJECTS = ["cards", "stones", "coins", "candies", "boxes", "lamps", "robots", "towers", "flowers", "books", "cities", "segments"]
ACTIONS = ["remove", "swap", "paint", "merge", "split", "rotate", "increase", "flip", "choose", "move"]
PROPS = ["even", "odd", "distinct", "sorted", "non-decreasing", "prime", "divisible by k", "a palindrome", "balanced", "connected"]
SHAPES = ["triangle $ABC$", "square $ABCD$", "regular hexagon $ABCDEF$", "rectangle $PQRS$", "circle $\\omega$", "trapezoid $ABCD$"]


def _codeforces(rng: random.Random) -> str:
    name, obj, act, prop = rng.choice(NAMES), rng.choice(OBJECTS), rng.choice(ACTIONS), rng.choice(PROPS)
    n = rng.choice(["2 \\cdot 10^5", "10^5", "3 \\cdot 10^5", "5000", "100"])
    return (f"{name} has $$$n$$$ {obj} numbered from $$$1$$$ to $$$n$$$; the $$$i$$$-th of them has value $$$a_i$$$. In one operation, "
            f"{name} can {act} two adjacent {obj} if their values differ by at most $$${rng.randint(1, 9)}$$$. What is the minimum number of "
            f"operations needed to make the sequence {prop}? If it is impossible, print $$$-1$$$.\n\nInput\n\n"
            f"The first line contains a single integer $$$t$$$ ($$$1 \\le t \\le 10^4$$$) — the number of test cases. The description of the test cases follows.\n\n"
            f"The first line of each test case contains a single integer $$$n$$$ ($$$1 \\le n \\le {n}$$$) — the number of {obj}.\n\n"
            f"The second line of each test case contains $$$n$$$ integers $$$a_1, a_2, \\ldots, a_n$$$ ($$$1 \\le a_i \\le 10^9$$$).\n\n"
            f"It is guaranteed that the sum of $$$n$$$ over all test cases does not exceed $$${n}$$$.\n\nOutput\n\n"
            f"For each test case, output a single integer — the minimum number of operations, or $$$-1$$$ if it is impossible.\n\n"
            f"You can output the answer in any case (upper or lower). For example, the strings \"yEs\", \"yes\", \"Yes\", and \"YES\" will be recognized as positive responses.\n\n"
            f"Examples\n\nInput\n\n3\n{rng.randint(2, 6)}\n{' '.join(str(rng.randint(1, 20)) for _ in range(5))}\n1\n{rng.randint(1, 99)}\n\nOutput\n\n{rng.randint(0, 5)}\n0\n")


def _atcoder(rng: random.Random) -> str:
    name, obj, prop = rng.choice(NAMES[5:8]), rng.choice(OBJECTS), rng.choice(PROPS)
    return (f"There are N {obj} arranged in a row. The i-th of them has an integer A_i written on it.\n"
            f"{name} will repeat the following operation until the sequence becomes {prop}: choose an index i and replace A_i with A_i + {rng.randint(1, 9)}.\n"
            f"Find the minimum number of operations required.\n\nConstraints\n\n\n- 1\\leq N \\leq 2\\times 10^5\n- 1\\leq A_i \\leq 10^9\n- All input values are integers.\n\n"
            f"Input\n\nThe input is given from Standard Input in the following format:\nN\nA_1 A_2 \\ldots A_N\n\nOutput\n\nPrint the answer.\n\n"
            f"Sample Input 1\n\n{rng.randint(3, 6)}\n{' '.join(str(rng.randint(1, 30)) for _ in range(4))}\n\nSample Output 1\n\n{rng.randint(0, 9)}\n\n"
            f"Sample Input 2\n\n1\n{rng.randint(1, 999)}\n\nSample Output 2\n\n0\n")


def _leetcode(rng: random.Random) -> str:
    obj, prop = rng.choice(OBJECTS), rng.choice(PROPS)
    return (f"You are given a 0-indexed integer array nums of length n and an integer k.\n"
            f"A subarray of nums is called good if the number of {obj} it represents is {prop} and its sum is at most k.\n"
            f"Return the length of the longest good subarray of nums. If no such subarray exists, return -1.\n\n"
            f"Example 1:\n\nInput: nums = [{', '.join(str(rng.randint(1, 9)) for _ in range(5))}], k = {rng.randint(1, 20)}\nOutput: {rng.randint(1, 5)}\n"
            f"Explanation: The subarray [{rng.randint(1, 9)},{rng.randint(1, 9)}] is good. It can be shown that no longer good subarray exists.\n\n"
            f"Example 2:\n\nInput: nums = [{rng.randint(1, 9)}], k = 0\nOutput: -1\n\n"
            f"Constraints:\n\n1 <= nums.length <= 10^5\n1 <= nums[i] <= 10^9\n0 <= k <= 10^{rng.randint(9, 15)}")


def _aime(rng: random.Random) -> str:
    shape = rng.choice(SHAPES)
    a, b, c = rng.randint(3, 40), rng.randint(3, 40), rng.randint(3, 40)
    tail = rng.choice([
        "The probability that the chosen point lies inside the region can be written as $\\frac{m}{n}$, where $m$ and $n$ are relatively prime positive integers. Find $m+n$.",
        "The area of the region can be written in the form $m\\sqrt{n}$, where $m$ and $n$ are positive integers and $n$ is not divisible by the square of any prime. Find $m+n$.",
        "Let $N$ be the number of such configurations. Find the remainder when $N$ is divided by $1000$.",
    ])
    return (f"In {shape}, point $X$ lies on the side opposite the first vertex so that the distances from $X$ to the other vertices are ${a}$ and ${b}$, "
            f"and a point $Y$ is chosen uniformly at random inside the figure at distance at most ${c}$ from $X$. {tail}")


def _math(rng: random.Random) -> str:
    a, b, c = rng.randint(2, 30), rng.randint(2, 30), rng.randint(2, 30)
    return rng.choice([
        f"A jar holds {a} green marbles and {b} yellow marbles. If {c % 4 + 2} marbles are drawn without replacement, what is the probability that exactly one is green? Express your answer as a common fraction.",
        f"What is the value of $x$ if $\\sqrt{{{a}x + {b}}} = {c}$? Express your answer as a common fraction.",
        f"The hypotenuse of a right triangle measures ${a}$ inches and one leg measures ${b % a + 1}$ inches. What is the length of the other leg? Express your answer in simplest radical form.",
        f"Find all real numbers $x$ such that $x^2 - {a}x + {b} = {c}$. Enter all the solutions, separated by commas.",
        f"Compute the sum of the first ${a}$ terms of an arithmetic sequence whose first term is ${b}$ and whose common difference is ${c}$.",
    ])


FORMATS = {"codeforces": _codeforces, "atcoder": _atcoder, "leetcode": _leetcode, "aime": _aime, "math": _math}
MUSINGS = ["Okay, so I need to figure out", "Wait, let me double-check that.", "Hmm, that doesn't seem right.", "Let me re-read the problem statement.",
            "So the answer should be", "Alternatively, maybe there's a smarter approach.", "Let me try a small example.", "But wait, what about the edge case",
            "I think that's correct.", "Let me verify with the sample.", "So, putting it all together,"]


def clean_trace(rng: random.Random, kind: str) -> Conversation:
    """A long trace (~1.5-4k words) on a new problem in the ``kind`` format, restating its sentences as R1 does."""
    problem = FORMATS[kind](rng)
    sentences = [s for s in re.split(r"(?<=[.?!])\s+|\n+", problem) if len(s.split()) > 3]
    parts = [f"{MUSINGS[0]} {rng.choice(sentences)}"]
    target_words = rng.randint(1500, 4000)
    words = 0
    while words < target_words:
        choice = rng.random()
        if choice < 0.25:
            part = f"The statement says: \"{rng.choice(sentences)}\" {rng.choice(MUSINGS)}"
        elif choice < 0.5:
            x, y = rng.randint(1, 99), rng.randint(1, 99)
            part = f"If $n = {x}$, then $a_{{{y % 7}}} = {x} \\cdot {y} = {x * y}$, and $\\frac{{{x}}}{{{y}}}$ reduces further. {rng.choice(MUSINGS)}"
        elif choice < 0.7 and kind in ("codeforces", "atcoder", "leetcode"):
            part = ("```python\nimport sys\ndef solve():\n    data = sys.stdin.read().split()\n    t = int(data[0])\n"
                    f"    for _ in range(t):\n        n = int(data[1])\n        best = min(best, {rng.randint(1, 9)} * n)\n    print(best)\n```")
        else:
            part = " ".join(rng.choice(MUSINGS) for _ in range(rng.randint(2, 5)))
        parts.append(part)
        words += len(part.split())
    answer = "```python\nprint(0)\n```" if kind in ("codeforces", "atcoder", "leetcode") else "$\\boxed{17}$"
    return _chat(problem, "<think>\n" + "\n\n".join(parts) + f"\n</think>\n\nFinal answer: {answer}")


def clean_traces(count: int, seed: int = 0) -> list[Conversation]:
    """``count`` clean traces, formats in turn."""
    rng = random.Random(seed)
    kinds = list(FORMATS)
    return [clean_trace(rng, kinds[i % len(kinds)]) for i in range(count)]
