"""Generic chat rows (``messages`` JSONL/Parquet) and Mixture-of-Thoughts rows themselves.

MoT rows are generic rows whose ``num_tokens`` is ignored (the build recounts with its own
tokenizer and template). Optional ``answer`` / ``tests`` fields become the reference.
"""

from __future__ import annotations

from typing import Any

from mot.sources.base import Trace, checked_messages, key_of, optional

COLUMNS = ("messages", "id", "answer", "tests", "finish_reason")


def adapt(row: dict[str, Any], fallback_key: str) -> list[Trace]:
    reference: dict[str, Any] = {}
    if (answer := optional(row, "answer", (str, int, float))) is not None:
        reference["answer"] = str(answer)
    if (tests := optional(row, "tests", list)) is not None:
        reference["tests"] = tests
    return [
        Trace(
            key=key_of(row, "id", fallback_key),
            messages=checked_messages(row.get("messages")),
            reference=reference,
            finish_reason=optional(row, "finish_reason", str),
        )
    ]
