"""nvidia/Llama-Nemotron-Post-Training-Dataset ``SFT``/``science`` rows: ``input`` prompt + ``output`` trace.

``input`` is a list of messages in v1.1 but, in the older v1 files, one string in Llama 3 chat format
(``<|start_header_id|>user<|end_header_id|>\\n\\n…<|eot_id|>``); both give the same conversation.
Rows have no id: the reader's content-hash key is the trace key. ``generator``, ``reasoning`` and
``used_in_training`` (a string in some rows, a list in others) are for the recipe's ``where:``.
"""

from __future__ import annotations

import re
from typing import Any

from mot.sources.base import AdapterError, Trace, checked_messages, optional, require

COLUMNS = ("input", "output", "reference_answer")  # + the recipe's where: columns (reasoning, generator)

_HEADER = re.compile(r"<\|start_header_id\|>(\w+)<\|end_header_id\|>\n*")
_SPECIAL = re.compile(r"<\|(?:begin_of_text|end_of_text|eot_id)\|>")


def llama_chat(text: str) -> list[dict[str, str]]:
    """Messages of a Llama-3-format prompt string; a string without header tokens is one user turn.

    >>> llama_chat("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\\n\\ndetailed thinking on<|eot_id|>"
    ...            "<|start_header_id|>user<|end_header_id|>\\n\\nWhy?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\\n\\n")
    [{'role': 'system', 'content': 'detailed thinking on'}, {'role': 'user', 'content': 'Why?'}]
    """
    pieces = _HEADER.split(text)
    if len(pieces) == 1:
        return [{"role": "user", "content": _SPECIAL.sub("", text).strip()}]
    if _SPECIAL.sub("", pieces[0]).strip():
        raise AdapterError("input: text before the first Llama header")
    messages = []
    for role, content in zip(pieces[1::2], pieces[2::2]):
        content = _SPECIAL.sub("", content).strip()
        if role == "assistant" and not content:
            continue  # the generation prompt's open assistant header
        messages.append({"role": role, "content": content})
    return checked_messages(messages, "input")


def adapt(row: dict[str, Any], fallback_key: str) -> list[Trace]:
    """The user turns of ``input`` plus ``output`` as the assistant turn.

    Nemotron's ``system_prompt`` ("detailed thinking on/off") is a reasoning switch for their
    models, not content, so it is not carried into the conversation. ``reference_answer`` is
    optional (the upstream set has none; ours and curated variants may).
    """
    raw_input = require(row, "input", (list, str))
    prompt = llama_chat(raw_input) if isinstance(raw_input, str) else checked_messages(raw_input, "input")
    messages = [m for m in prompt if m["role"] != "system"]
    output = require(row, "output", str)
    if "<|eot_id|>" in output:
        output = _SPECIAL.sub("", output).rstrip()
    messages.append({"role": "assistant", "content": output})
    answer = optional(row, "reference_answer", (str, int, float))
    return [Trace(key=fallback_key, messages=messages, reference={"answer": str(answer)} if answer is not None else {})]
