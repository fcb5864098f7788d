"""Math answer checking: find the final answer a response commits to, then compare it with math-verify.

Policy (README "Math answer policy" says the same):

=====================================================  ===========================================
situation (in the text after ``</think>``)              verdict
=====================================================  ===========================================
the last ``\\boxed{}`` group equals the gold, and every  ``verified``
other commitment agrees with it
the last commitment differs from the gold               ``wrong_answer``
boxes disagree, but together they are the gold          ``verified`` (a multi-part answer,
(``(a) \\boxed{3} … (b) \\boxed{5}`` for gold ``3, 5``)    boxed part by part)
the last commitment equals the gold but an earlier      unverified ``ambiguous``
one does not (``\\boxed{12}`` … ``\\boxed{15}`` …)
no box, no explicit answer statement, not a lone value  unverified ``no_final_answer``
(the answer only in prose or only in the reasoning)
the last box is empty (``\\boxed{}``)                    unverified ``empty_boxed``
the answer or the gold cannot be parsed                 unverified ``unparseable_answer`` /
                                                        ``unparseable_gold``
=====================================================  ===========================================

Commitments are found by :mod:`mot.verifiers.final_answer`: boxed groups first, then explicit
statements ("the final answer is …", "answer: …", "… is the answer") after the last box, then a
lone expression; never the first number of arbitrary prose.

Equality is math-verify's, configured against open-r1's accuracy reward (``src/open_r1/rewards.py``)
setting by setting:

- where: only the text after ``</think>`` (open-r1 parses the whole completion, so a box in the
  reasoning can be read as the answer); and our own commitment finder instead of math-verify's
  ``answer.{0,50}?`` anchors, which read "the answer is not 10" as 10.
- ``LatexExtractionConfig(boxed_match_priority=0)``, ``boxed="all"``: as open-r1 (a box group is one
  answer, ``\\boxed{1}, \\boxed{2}`` is {1, 2}).
- ``try_extract_without_anchor=True``: open-r1 says False because it parses whole responses; we
  parse only a span already chosen as the answer, so the anchor has been checked before.
- ``ExprExtractionConfig`` only for plain numbers (``7,425,000``, ``1,22``, ``28 %``), never on LaTeX:
  on ``$12\\sqrt{3}$`` it reads 12 (the bug this module was rewritten for). open-r1 uses none.
- ``malformed_operators=True``: departs from open-r1 (False), because R1 writes ``\\frac14``,
  ``\\sqrt3``, which mean exactly one thing.
- ``nits=False``, ``basic_latex=True``, ``units=True``: as open-r1. ``equations=True`` is not set:
  latex2sympy2_extended deprecates it (the parser keeps the last side of ``a = b = c`` itself).
- ``verify(gold, answer, float_rounding=6, strict=True, allow_set_relation_comp=False)``: open-r1's
  defaults (gold first: the gold decides how e.g. ``x = 5`` vs ``5`` compares).
- timeouts: math-verify's ``signal.alarm`` is off (``parsing_timeout=None``, ``timeout_seconds=None``);
  the caller runs this in a :class:`~mot.deadline.DeadlineWorker` killed at a wall-clock deadline.
- gold not parseable: unverified ``unparseable_gold`` (open-r1 skips the example: reward None).

The gold is parsed in its own form by the same :func:`parse_answer`: a plain number keeps its decimal
comma (``1,22`` is 1.22, ``7,425,000`` is 7425000), LaTeX sets and intervals stay sets and
intervals (``$-2,1$``, ``[0,1)``), a word is a text answer (``odd`` ≡ ``\\text{odd}``).

Example:
    >>> verify_answer(gold="\\\\frac{1}{2}", response="<think>…</think> So $\\\\boxed{0.5}$.")["correct"]
    True
    >>> verify_answer(gold="12", response="<think>…</think> Thus the area is $12\\\\sqrt{3}$ square units.")["detail"]
    'no_final_answer: no \\\\boxed{} and no explicit answer statement after </think>'
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from latex2sympy2_extended import NormalizationConfig
from math_verify import ExprExtractionConfig, LatexExtractionConfig, parse, verify

from mot.trace import split_response
from mot.verifiers.final_answer import MATH_ENV as _MATH_ENV
from mot.verifiers.final_answer import Commitment, boxed_spans, commitments, is_empty_box

# Disabling the alarm-based timeouts is deliberate (see above); do not warn about it per process.
logging.getLogger("math_verify").setLevel(logging.ERROR)
logging.getLogger("latex2sympy2_extended").setLevel(logging.ERROR)

_LATEX = [
    LatexExtractionConfig(
        normalization_config=NormalizationConfig(
            nits=False, malformed_operators=True, basic_latex=True, boxed="all", units=True
        ),
        boxed_match_priority=0,
        try_extract_without_anchor=True,
    )
]
_NUMBER = [ExprExtractionConfig()]
# A plain number in any of its written forms: thousands separators, a decimal comma, a percent, a currency.
_PLAIN_NUMBER = re.compile(
    r"[-+]?\s*[$€£¥]?\s*(?:\d{1,3}(?:[ ,]\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?|\.\d+)\s*(?:%|percent|pct)?\s*[.$€]?"
)
_MULTILINE_INLINE = re.compile(r"(?<![$\\])\$(?!\$)[^$\\]*\n[^$\\]*\$|\\\((?:[^\\]|\\(?!\)))*\n(?:[^\\]|\\(?!\)))*\\\)")
_TEXT_ANSWER = re.compile(r"[A-Za-z][A-Za-z' -]*[A-Za-z]")
# Function names written without a backslash; any other word of two letters or more makes a text prose.
_MATH_WORDS = {"sqrt", "pi", "sin", "cos", "tan", "cot", "sec", "csc", "log", "ln", "exp", "mod"}


def parse_answer(text: str) -> list[Any]:
    """An answer text in its own form as math-verify values (``[]`` when nothing parses).

    Used for gold answers and for the spans a response commits to, so both sides are read alike.

    >>> [str(v) for v in parse_answer("1,22")], [str(v) for v in parse_answer("$-2,1$")]
    (['1.22000000000000', '1.22'], ['{-2, 1}', '-2,1'])
    >>> parse_answer("odd")
    [odd, '\\\\text{odd}']
    """
    text = text.strip()
    # Words of the text itself, not LaTeX: commands and their word arguments (\begin{pmatrix}, \text{cm}) removed.
    outside_math = _MATH_ENV.sub(" ", re.sub(r"\\[A-Za-z]+(?:\s*\{[A-Za-z* ]*\})?", " ", text))
    prose = [w for w in re.findall(r"(?<![\\A-Za-z])[A-Za-z]{2,}", outside_math) if w.lower() not in _MATH_WORDS]
    if prose and not _TEXT_ANSWER.fullmatch(text):
        # Prose (a gold solution): math-verify's own anchors and order. Inline math that spans lines is
        # still LaTeX, which math-verify's patterns skip; blank it so the number reader cannot see it.
        config, text = _LATEX + _NUMBER, _MULTILINE_INLINE.sub(lambda m: " " * len(m.group()), text)
    elif boxed_spans(text) or _MATH_ENV.search(text):
        config = _LATEX  # LaTeX: all of its boxes, else its math environments
    elif _PLAIN_NUMBER.fullmatch(text):
        config = _NUMBER
    elif prose:
        config, text = _LATEX, f"$\\text{{{text}}}$"  # a text answer: Yes, odd, Evelyn
    else:
        config, text = _LATEX, f"${text}$"  # bare math: x^2+1, [0,1), \\frac{1}{2}
    return parse(text, extraction_config=config, extraction_mode="first_match", parsing_timeout=None)


def _equal(gold: list[Any], answer: list[Any]) -> bool:
    return bool(verify(gold, answer, float_rounding=6, strict=True, allow_set_relation_comp=False, timeout_seconds=None))


def answers_equal(gold: str, answer: str) -> bool | None:
    """Whether two answer texts are equal; None when either cannot be parsed.

    >>> answers_equal("$[0,1)$", "$[0,1)$"), answers_equal("1000.99", "1,000.99"), answers_equal("2", "x^2")
    (True, True, False)
    """
    gold_parsed, answer_parsed = parse_answer(gold), parse_answer(answer)
    if not gold_parsed or not answer_parsed:
        return None
    return _equal(gold_parsed, answer_parsed)


def _parsed(values: list[Any]) -> bool:
    """Whether math-verify turned the text into a value (not only its fallback string)."""
    return any(not isinstance(value, str) for value in values)


def judge(gold: str, answer_section: str, clean: Callable[[str], str] = str) -> dict[str, Any]:
    """The verdict for the final-answer section of a response (text after ``</think>``).

    ``clean`` rewrites each committed span before parsing (science strips units with it).
    Returns ``{"correct": bool | None, "extracted": str, "detail": str}``; for ``None`` the detail
    starts with the reason (``no_final_answer: …``).
    """
    gold_parsed = parse_answer(gold)
    if not gold_parsed:
        return _unverified("unparseable_gold", f"gold answer {gold!r} is not parseable")
    found = commitments(answer_section)
    if not found:
        return _unverified("no_final_answer", "no \\boxed{} and no explicit answer statement after </think>")
    if is_empty_box(found[-1]):
        return _unverified("empty_boxed", "the last \\boxed{} is empty")
    found = [c for c in found if not is_empty_box(c)]
    parsed = [parse_answer(clean(c.text)) for c in found]
    if not parsed[-1]:
        return _unverified("unparseable_answer", f"final answer {found[-1].text[:80]!r} is not parseable", found[-1].text)
    extracted = str(parsed[-1][-1])
    right = [bool(p) and _equal(gold_parsed, p) for p in parsed]
    # One box per part may make up a multi-valued gold, but a statement against them still counts.
    statements_agree = all(ok for c, ok in zip(found, right) if c.kind != "boxed")
    if all(right) or (statements_agree and _parts_make_gold(gold_parsed, [c for c in found if c.kind == "boxed"], clean)):
        return {"correct": True, "extracted": extracted, "detail": f"gold {gold!r}, answer {extracted!r}"}
    if right[-1]:
        earlier = next(c.text for c, ok in zip(found, right) if not ok)
        return _unverified("ambiguous", f"final answer {extracted!r} equals the gold, but {earlier[:60]!r} was also given", extracted)
    # A text math-verify could not read is compared as a string: a mismatch is not evidence of a wrong answer.
    if not _parsed(gold_parsed):
        return _unverified("unparseable_gold", f"gold answer {gold!r} is not parseable (answer {extracted!r})", extracted)
    if not _parsed(parsed[-1]):
        return _unverified("unparseable_answer", f"final answer {extracted!r} is not parseable", extracted)
    return {"correct": False, "extracted": extracted, "detail": f"gold {gold!r}, answer {extracted!r}"}


def _parts_make_gold(gold_parsed: list[Any], boxes: list[Commitment], clean: Callable[[str], str]) -> bool:
    """Several boxed groups that together equal a multi-valued gold, e.g. one box per part."""
    if len(boxes) < 2:
        return False
    joined = parse_answer(", ".join(clean(b.text) for b in boxes))
    return bool(joined) and _equal(gold_parsed, joined)


def _unverified(reason: str, why: str, extracted: str = "") -> dict[str, Any]:
    return {"correct": None, "extracted": extracted, "detail": f"{reason}: {why}"}


def verify_answer(gold: str, response: str) -> dict[str, Any]:
    """Compare the final answer of ``response`` (after ``</think>``) with ``gold``; see the module policy."""
    split = split_response(response)
    if split.reasoning is None and split.think_opens:
        return _unverified("no_final_answer", "the reasoning never closes with </think>")
    return judge(gold, split.answer)
