"""Math answer checking with math-verify, configured like open-r1's accuracy reward.

The final answer (text after ``</think>``) is parsed boxed-first with LaTeX and plain-expression
extraction and compared with the gold answer. One departure from open-r1: malformed operators are
repaired (``\\frac14`` → ``\\frac{1}{4}``, ``\\sqrt3``), which R1 writes and open-r1 would mark wrong. math-verify's own ``signal.alarm`` timeouts are
disabled: the caller runs this in a :class:`~mot.deadline.DeadlineWorker` and kills it at a hard
wall-clock deadline, which also stops computations stuck inside C.

Example:
    >>> verify_answer(gold="\\\\frac{1}{2}", response="<think>…</think> So $\\\\boxed{0.5}$.")["correct"]
    True
"""

from __future__ import annotations

import logging
from typing import Any

from latex2sympy2_extended import NormalizationConfig
from math_verify import ExprExtractionConfig, LatexExtractionConfig, parse, verify

from mot.trace import split_response

# Disabling the alarm-based timeouts is deliberate (see above); do not warn about it per process.
logging.getLogger("math_verify").setLevel(logging.ERROR)

_GOLD_CONFIG = [LatexExtractionConfig(), ExprExtractionConfig()]
_ANSWER_CONFIG = [
    LatexExtractionConfig(
        normalization_config=NormalizationConfig(
            nits=False, malformed_operators=True, basic_latex=True, boxed="all", units=True
        ),
        boxed_match_priority=0,
        try_extract_without_anchor=False,
    ),
    ExprExtractionConfig(),
]


def verify_answer(gold: str, response: str) -> dict[str, Any]:
    """Compare the final answer of ``response`` with ``gold``.

    Returns ``{"correct": bool | None, "extracted": str, "detail": str}``; ``correct`` is None
    when the gold answer itself cannot be parsed (the trace is then unverifiable, not wrong).
    """
    gold_parsed = parse(f"\\boxed{{{gold}}}", extraction_config=_GOLD_CONFIG, parsing_timeout=None)
    if not gold_parsed:
        return {"correct": None, "extracted": "", "detail": f"gold answer {gold!r} is not parseable"}
    answer_parsed = parse(
        split_response(response).answer, extraction_config=_ANSWER_CONFIG, extraction_mode="first_match", parsing_timeout=None
    )
    extracted = str(answer_parsed[-1]) if answer_parsed else ""
    if not answer_parsed:
        return {"correct": False, "extracted": "", "detail": "no final answer could be extracted"}
    correct = verify(gold_parsed, answer_parsed, timeout_seconds=None)
    return {"correct": bool(correct), "extracted": extracted, "detail": f"gold {gold!r}, answer {extracted!r}"}
