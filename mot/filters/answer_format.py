"""The final answer must be in the form its domain asks for: ``\\boxed{}`` for math, a fenced program for code.

Only the text after ``</think>`` counts: a boxed value or a code block inside the reasoning is a
draft, not the answer a trained model learns to give.

Example:
    >>> from mot.trace import split_response
    >>> check(split_response("<think>\\nx\\n</think>\\n\\n```python\\nprint(1)\\n```"), "code", AnswerFormatConfig()) is None
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mot.decision import Drop
from mot.trace import Response
from mot.verifiers.final_answer import boxed_groups, is_empty_box

# An opening fence at the start of a line, a body, and a closing fence at the start of a line.
_FENCED_BLOCK = re.compile(r"^[ \t]*(```|~~~)[^\n]*\n.*?^[ \t]*\1", re.DOTALL | re.MULTILINE)


@dataclass(frozen=True)
class AnswerFormatConfig:
    math_boxed: bool = True
    code_fence: bool = True


def check(response: Response, domain: str, config: AnswerFormatConfig) -> Drop | None:
    """``no_boxed_answer`` / ``no_code_block`` when the answer lacks its domain's form, else None."""
    # The same notion of a boxed final answer as the math verifier's: the last box group, not empty.
    if domain == "math" and config.math_boxed and (not (boxes := boxed_groups(response.answer)) or is_empty_box(boxes[-1])):
        return Drop("no_boxed_answer", f"no (non-empty) \\boxed{{}} in the final answer: {response.answer[-80:]!r}")
    if domain == "code" and config.code_fence and not _FENCED_BLOCK.search(response.answer):
        return Drop("no_code_block", f"no fenced code block in the final answer: {response.answer[:80]!r}")
    return None
