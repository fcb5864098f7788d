"""The structure of one R1 trace: the reasoning inside ``<think>…</think>`` and the final answer.

Pure functions over strings, shared by the checks, the verifiers and the quality filters.

Example:
    >>> r = split_response("<think>\\nAdd them.\\n</think>\\n\\nSo \\\\boxed{4}.")
    >>> (r.reasoning, r.answer)
    ('Add them.', 'So \\\\boxed{4}.')
"""

from __future__ import annotations

from dataclasses import dataclass

THINK_OPEN = "<think>"
THINK_CLOSE = "</think>"


@dataclass(frozen=True)
class Response:
    """An assistant turn split at its think block."""

    text_before_think: str
    reasoning: str | None  # None when there is no closed think block
    answer: str  # text after the last ``</think>``; the whole text when there is none
    think_opens: int
    think_closes: int


def split_response(text: str) -> Response:
    """Split an assistant message into (text before ``<think>``, reasoning, final answer)."""
    opens, closes = text.count(THINK_OPEN), text.count(THINK_CLOSE)
    start = text.find(THINK_OPEN)
    before = text[:start].strip() if start >= 0 else ""
    end = text.rfind(THINK_CLOSE)
    if end < 0:
        return Response(before, None, text.strip() if start < 0 else "", opens, closes)
    body_start = start + len(THINK_OPEN) if 0 <= start < end else 0
    reasoning = text[body_start:end].strip()
    answer = text[end + len(THINK_CLOSE) :].strip()
    return Response(before, reasoning, answer, opens, closes)


def last_assistant_message(messages: list[dict[str, str]]) -> str | None:
    """Content of the final assistant turn, or None when the conversation does not end with one."""
    if not messages or messages[-1].get("role") != "assistant":
        return None
    return messages[-1].get("content") or ""


def first_user_message(messages: list[dict[str, str]]) -> str:
    """Content of the first user turn (the problem), or an empty string."""
    return next((m.get("content") or "" for m in messages if m.get("role") == "user"), "")

