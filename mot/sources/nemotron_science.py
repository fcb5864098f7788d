"""nvidia/Llama-Nemotron-Post-Training-Dataset ``science`` rows: ``input`` chat + ``output`` trace."""

from __future__ import annotations

from typing import Any

from mot.sources.base import Trace, checked_messages, optional, require


def adapt(row: dict[str, Any], fallback_key: str) -> list[Trace]:
    """The user turns of ``input`` plus ``output`` as the assistant turn.

    Nemotron's ``system_prompt`` ("detailed thinking on/off") is a reasoning switch for their
    models, not content, so it is not carried into the conversation. ``reference_answer`` is
    optional (the upstream set has none; ours and curated variants may).
    """
    raw_input = require(row, "input", (list, str))
    prompt = [{"role": "user", "content": raw_input}] if isinstance(raw_input, str) else checked_messages(raw_input, "input")
    messages = [m for m in prompt if m["role"] != "system"]
    messages.append({"role": "assistant", "content": require(row, "output", str)})
    answer = optional(row, "reference_answer", (str, int, float))
    return [Trace(key=fallback_key, messages=messages, reference={"answer": str(answer)} if answer is not None else {})]
