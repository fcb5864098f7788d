"""Tests for LiveCodeBench problems, built from the examples in their statements (the hidden tests
are not in the shared data): stdin/stdout samples for AtCoder and Codeforces, call-based asserts
for LeetCode. Measurement helper for test_realdata.py; not part of mot."""
from __future__ import annotations

import ast
import json
import re

from mot.sandbox import TestCase

# What LiveCodeBench's grader puts in front of a LeetCode solution (typing and the usual modules).
LEETCODE_HEADER = ("from typing import *\nfrom collections import *\nfrom functools import *\nfrom itertools import *\n"
                   "from heapq import *\nfrom bisect import *\nfrom math import inf, gcd, lcm, comb, sqrt, isqrt, log2, ceil, floor\n"
                   "import math, string, re, collections, heapq, bisect, itertools, functools\n")
# Outputs compared like LiveCodeBench's grader: equal after JSON round trip, floats to 1e-5.
_EQUAL = ("def __mot_equal(got, want):\n"
          "    if isinstance(got, tuple): got = list(got)\n"
          "    if isinstance(want, float) or isinstance(got, float):\n"
          "        return isinstance(got, (int, float)) and abs(got - want) <= 1e-5 * max(1.0, abs(want))\n"
          "    if isinstance(want, list) and isinstance(got, list):\n"
          "        return len(got) == len(want) and all(__mot_equal(g, w) for g, w in zip(got, want))\n"
          "    return got == want\n")
_SAMPLE = re.compile(r"Sample (Input|Output) (\d+):?[ \t]*\n")


def _atcoder_block(text: str, gap: int = 1) -> str:
    """A sample block follows `gap` blank lines and ends at the next; its lines are CRLF-separated.
    One more blank line than the gap is an empty block (an empty expected output)."""
    body = text[gap:] if text.startswith("\n" * gap) else text
    if body.startswith("\n"):
        return ""
    return body.split("\n\n", 1)[0].replace("\r\n", "\n").replace("\r", "") + "\n"


def _codeforces_block(text: str) -> str:
    """LiveCodeBench's Codeforces statements put a blank line between sample lines."""
    text = re.split(r"\n\s*\nNote\b|Sample Input \d+", text)[0]
    lines = [line for line in text.replace("\r", "").split("\n") if line.strip()]
    return "\n".join(lines) + "\n"


def stdio_tests(problem: dict, gap: int = 1) -> list[TestCase]:
    text = problem["question_content"]
    marks = list(_SAMPLE.finditer(text))
    inputs, outputs = {}, {}
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        chunk = text[mark.end():end]
        body = _codeforces_block(chunk) if problem["platform"] == "codeforces" else _atcoder_block(chunk, gap)
        (inputs if mark.group(1) == "Input" else outputs)[mark.group(2)] = body
    if gap == 1 and any(not body for body in inputs.values()):
        return stdio_tests(problem, gap=2)  # some statements put two blank lines after each header
    return [TestCase.stdio(inputs[k], outputs[k], name=f"sample {k}") for k in inputs if k in outputs]


def _value(text: str):
    text = text.strip()
    try:
        return json.loads(text)
    except ValueError:
        return ast.literal_eval(text)


def _arguments(text: str) -> dict:
    parts = re.split(r",\s*(?=[A-Za-z_]\w*\s*=)", text.strip())
    args = {}
    for part in parts:
        name, _, value = part.partition("=")
        args[name.strip()] = _value(value)
    return args


def leetcode_tests(problem: dict) -> list[TestCase]:
    method = re.search(r"def (\w+)\(self", problem["starter_code"]).group(1)
    tests = []
    examples = re.findall(r"Input:?\s*(.*?)\s*\nOutput:?\s*(.*?)\s*(?:\n|$)", problem["question_content"])
    for i, (inputs, output) in enumerate(examples):
        try:
            args, want = _arguments(inputs), _value(output)
        except (ValueError, SyntaxError):
            continue  # an example in prose, not a literal
        call = f"Solution().{method}(**{args!r})"
        tests.append(TestCase.call(f"{_EQUAL}assert __mot_equal({call}, {want!r}), {call}", name=f"example {i + 1}"))
    return tests


def problem_tests(problem: dict) -> list[TestCase]:
    return leetcode_tests(problem) if problem["starter_code"].strip() else stdio_tests(problem)


def program(problem: dict, code: str) -> str:
    return LEETCODE_HEADER + code if problem["starter_code"].strip() else code
