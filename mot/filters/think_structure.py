"""Think-block structure beyond what the format checks enforce.

The format checks already drop traces without a closed think block or without an answer. This
filter drops traces that have one but are still malformed for SFT: several think blocks (the model
re-opened its reasoning inside the answer), prose before ``<think>`` (the template's generation
prompt ends with ``<think>``, so a trained model would never see that text), and an empty block.

Example:
    >>> from mot.trace import split_response
    >>> check(split_response("<think>\\n\\n</think>\\n\\n\\\\boxed{2}"), "math", ThinkStructureConfig()).reason
    'empty_reasoning'
"""

from __future__ import annotations

from dataclasses import dataclass

from mot.decision import Drop
from mot.trace import Response


@dataclass(frozen=True)
class ThinkStructureConfig:
    """Which structural defects drop a trace; ``min_reasoning_chars`` of stripped reasoning are required."""

    multiple_blocks: bool = True
    text_before: bool = True
    min_reasoning_chars: int = 1


def check(response: Response, domain: str, config: ThinkStructureConfig) -> Drop | None:
    """The first think-structure defect of ``response``, or None."""
    if config.multiple_blocks and (response.think_opens > 1 or response.think_closes > 1):
        return Drop("multiple_think_blocks", f"{response.think_opens} <think> and {response.think_closes} </think> tags")
    if config.text_before and response.text_before_think:
        return Drop("text_before_think", f"{len(response.text_before_think)} chars before <think>: {response.text_before_think[:80]!r}")
    reasoning = response.reasoning or ""
    if len(reasoning) < config.min_reasoning_chars:
        return Drop("empty_reasoning", f"{len(reasoning)} chars of reasoning (minimum {config.min_reasoning_chars})")
    return None
