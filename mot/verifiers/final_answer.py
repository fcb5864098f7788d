"""Where a response states its final answer: boxed values and explicit answer statements after ``</think>``.

Pure string functions, shared by the math and science checkers and the ``answer_format`` filter, so
"the final answer" means one thing everywhere. Nothing here judges correctness; it only finds the
spans a response *commits to* as its answer (:class:`Commitment`), or says why there is none.

A commitment is one of:

- ``boxed``: the last ``\\boxed{}``/``\\fbox{}`` together with the boxes joined to it only by
  separators (``,``, "and", "or", ``\\quad``, ``\\text{…}`` inside math, ``y_2 =`` labels), as in
  ``\\boxed{1}, \\boxed{2}``; every other group of boxes is a commitment of its own.
- ``statement``: the value right after an explicit phrase ("final answer", "the answer is",
  "answer:", "the solution is") or right before one ("… is the answer"); for "Final answer: the
  largest $n$ is 34." the value after the sentence's last "is"/"=" when it ends the sentence.
  "The answer is not 10" states nothing.
- ``lone``: the whole answer section is one math expression (``$12$``, ``**-5**``).

The first number of arbitrary prose is never an answer: "Thus the area is $12\\sqrt{3}$." has no
commitment at all.

Example:
    >>> [c.text for c in commitments("The answer is $\\\\frac{1}{2}$, i.e. $\\\\boxed{0.5}$.")]
    ['\\\\boxed{0.5}']
    >>> [c.text for c in commitments("So the final answer is 12 cm.")]
    ['12']
    >>> commitments("Thus the area is $12\\\\sqrt{3}$ square units.")
    []
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BOX_OPEN = re.compile(r"\\(?:boxed|fbox)\s*\{")
# Math environments, as math-verify delimits them (inline ones stay on one line).
MATH_ENV = re.compile(
    r"\$\$(?:[^$]|\$(?!\$))+?\$\$|\\\[(?:[^\\]|\\(?!\]))+?\\\]|(?<![\\\d])\$(?:\\\$|[^\n$])+?\$|\\\((?:[^\\\n]|\\(?!\)))+?\\\)"
)
# What may stand between two boxes of one answer: separators, math delimiters, spacing, \text{…}, labels.
_CONNECTOR = re.compile(
    r"(?:\s|[,;&]|\$|\\[()\[\]]|\\q?quad\b|\\[,;:! ]|~|\b(?:and|or)\b|"
    r"\\(?:text|textnormal|mathrm|mbox)\s*\{[^{}]*\}|\(?[A-Za-z](?:_\{?\w+\}?)?\)?\s*=)*"
)
# An explicit phrase after which the answer follows, e.g. "The final answer is", "Answer:", "solutions are".
_LEAD_PHRASE = re.compile(
    r"(?i:\bfinal\s+answer\b(?:\s*\*\*)?(?:\s*(?:is|would\s+be|should\s+be|=|:))?"
    r"|\b(?:answers?|solutions?)\b(?:\s*\*\*)?\s*(?:is|are|would\s+be|should\s+be|must\s+be|=|:))"
    r"|(?im:^[ \t#*]*answer\b)"  # "Answer $9$" as a line of its own
)
# A phrase that names the value before it: "$x \geq 5$ is the solution", "12 is our answer".
_TRAIL_PHRASE = re.compile(r"(?i:^\s*(?:\*\*)?\s*(?:is|are)\s+(?:the|our|my)\s+(?:final\s+)?(?:answer|solution)s?\b)")
_FILLER = re.compile(r"(?:\s|\*\*|:|#)*")
# A value written without math delimiters: numbers, single letters, operators, LaTeX commands, a few
# function names, joined by "and"/"or". Any other word ends it ("12 cm because …" → "12"); a single
# letter followed by a word is an article or a pronoun ("a whole number"), not a value.
_BARE_TOKEN = r"(?:\d[\d,.]*\d|\d|\.\d+|[$€£¥](?=\d)|(?<=\d)[$€£¥]|(?i:percent|pct)\b|\\[A-Za-z]+|(?<![A-Za-z])[A-Za-z](?![A-Za-z])(?!\s+(?!(?:and|or)\b)[a-z]{2,})|(?i:sqrt|pi|sin|cos|tan|log|ln|exp|infty)\b|[-+*/^=()\[\]{}<>|%√π·×÷_!'°]|(?<=\S),(?=\s*\S)|\s+(?:(?:and|or)\s+)?)"
_BARE_VALUE = re.compile(f"{_BARE_TOKEN}+")
_SENTENCE_END = re.compile(r"\.(?=\s|$)|[!?;](?=\s|$)|\n\s*\n|$")
_PERCENT = re.compile(r"(?:\s*(?:\\?%|(?i:percent|pct)\b))?")
# "Final answer: 10 is incorrect, …": a value named only to be rejected.
_REJECTED = re.compile(r"(?i:\s*(?:is|was|are)\s+(?:not|incorrect|wrong)\b|\s*(?:isn|wasn|aren)[\'’]t\b)")
_COPULA = re.compile(r"(?i:\b(?:is|are|equals|was)\b|=)")


@dataclass(frozen=True)
class Commitment:
    """A span of the answer section the response commits to as its answer."""

    kind: str  # "boxed" | "statement" | "lone"
    text: str  # the span itself: boxes with their separators, a math environment, or a bare value
    start: int
    end: int


def boxed_spans(text: str) -> list[tuple[int, int, str]]:
    """Every ``\\boxed{…}`` / ``\\fbox{…}`` as (start, end, content), braces balanced.

    >>> boxed_spans("a \\\\boxed{\\\\frac{1}{2}} b \\\\fbox{}")
    [(2, 21, '\\\\frac{1}{2}'), (24, 31, '')]
    """
    spans = []
    for match in _BOX_OPEN.finditer(text):
        depth, i = 1, match.end()
        while i < len(text) and depth:
            if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in "{}":
                i += 2
                continue
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        if depth == 0:
            spans.append((match.start(), i, text[match.end() : i - 1]))
    return spans


def boxed_groups(text: str) -> list[Commitment]:
    """Boxes grouped into answers: neighbours joined only by separators form one (multi-valued) answer."""
    groups: list[Commitment] = []
    for start, end, _ in boxed_spans(text):
        if groups and start >= groups[-1].end and _CONNECTOR.fullmatch(text[groups[-1].end : start]):
            last = groups.pop()
            start = last.start
        elif groups and start < groups[-1].end:
            continue  # a box nested in the previous one
        groups.append(Commitment("boxed", text[start:end], start, end))
    return groups


def _value_at(text: str, position: int) -> tuple[int, int] | None:
    """The span of the value that starts right at ``position`` (after filler), or None."""
    start = _FILLER.match(text, position).end()
    env = MATH_ENV.match(text, start)
    if env:
        end = env.end() + len(_PERCENT.match(text, env.end()).group())
        while more := re.match(r"\s*(?:,\s*(?:and|or)?|and|or)\s*", text[end:]):
            following = MATH_ENV.match(text, end + more.end())
            if not following:
                break
            end = following.end()
        return start, end
    bare = _BARE_VALUE.match(text, start)
    if not bare:
        return None
    value = bare.group().rstrip(" \t\n,.=*")
    value = re.sub(r"\s+(?:and|or)$", "", value)
    if not re.search(r"[\dA-Za-z\\√π]", value):
        return None
    return start, start + len(value)


def _value_before(text: str, position: int) -> tuple[int, int] | None:
    """The math environment or bare value that ends right before ``position``."""
    head = text[:position].rstrip()
    for env in MATH_ENV.finditer(head):
        if env.end() == len(head):
            return env.start(), env.end()
    bare = re.search(r"(?:\d[\d,.]*\d|\d)$", head)
    return (bare.start(), bare.end()) if bare else None


def _sentence_end(text: str, position: int) -> int:
    """Where the sentence containing ``position`` ends, skipping math environments."""
    envs = [(m.start(), m.end()) for m in MATH_ENV.finditer(text)]
    for match in _SENTENCE_END.finditer(text, position):
        if not any(s < match.start() < e for s, e in envs):
            return match.start()
    return len(text)


def statements(text: str) -> list[Commitment]:
    """Explicit answer statements with the value each one names, in order of appearance."""
    found: list[Commitment] = []
    for phrase in _LEAD_PHRASE.finditer(text):
        span = _value_at(text, phrase.end())
        if span is None and re.match(r"(?i)final|answer\s*\**\s*:", phrase.group()):
            # "Final Answer: The largest $n$ is 34." names the value at the end of its sentence.
            end = _sentence_end(text, phrase.end())
            in_math = [(m.start(), m.end()) for m in MATH_ENV.finditer(text)]
            copulas = [c for c in _COPULA.finditer(text, phrase.end(), end) if not any(s <= c.start() < e for s, e in in_math)]
            if copulas:
                span = _value_at(text, copulas[-1].end())
                if span and text[span[1] : end].strip(" *$.") != "":
                    span = None
        if span and not text[span[0] :].startswith(("\\boxed", "\\fbox")) and not _REJECTED.match(text, span[1]):
            found.append(Commitment("statement", text[span[0] : span[1]], *span))
    for phrase in re.finditer(r"(?i)(?:is|are)\s+(?:the|our|my)\s+(?:final\s+)?(?:answer|solution)", text):
        trail = _TRAIL_PHRASE.match(text[phrase.start() - 1 :]) if phrase.start() else None
        span = _value_before(text, phrase.start()) if trail else None
        if span and "\\boxed" not in text[span[0] : span[1]]:
            found.append(Commitment("statement", text[span[0] : span[1]], *span))
    return sorted(found, key=lambda c: c.start)


def _lone_value(text: str) -> Commitment | None:
    """The whole answer section as one value, when it is nothing but one expression."""
    core = re.sub(r"^[\s*#]+|[\s*.]+$", "", text)
    if not core:
        return None
    offset = text.find(core)
    span = _value_at(core, 0)
    if span and span == (0, len(core)):
        return Commitment("lone", core, offset, offset + len(core))
    return None


def commitments(answer: str) -> list[Commitment]:
    """All answers a final-answer section commits to, in order: boxed groups, statements, or a lone value.

    Statements inside or before a box add nothing (the box is the answer); statements after the last
    box are kept, so a later "the answer is 15" can contradict an earlier ``\\boxed{12}``.
    """
    boxes = boxed_groups(answer)
    after = boxes[-1].end if boxes else 0
    found = boxes + [s for s in statements(answer) if s.start >= after]
    if not found and (lone := _lone_value(answer)):
        found = [lone]
    return sorted(found, key=lambda c: c.start)


def is_empty_box(commitment: Commitment) -> bool:
    """True for ``\\boxed{}`` with nothing (or only spacing) inside."""
    return commitment.kind == "boxed" and all(not c.strip(" \\,;!~") for _, _, c in boxed_spans(commitment.text))
