"""open-r1/OpenR1-Math-220k rows: one problem with several R1 generations → one trace per generation."""

from __future__ import annotations

from typing import Any

from mot.sources.base import AdapterError, Trace, key_of, optional, require


def adapt(row: dict[str, Any], fallback_key: str) -> list[Trace]:
    """Turn every generation of a problem into its own trace, keyed ``<uuid>#<index>``.

    ``correctness_math_verify`` / ``correctness_llama`` are upstream opinions and are not trusted:
    the build verifies each generation itself. ``finish_reasons`` and ``is_reasoning_complete``
    are carried so the checks can drop truncated generations.
    """
    problem = require(row, "problem", str)
    generations = require(row, "generations", list)
    if not generations:
        raise AdapterError("field 'generations' is empty")
    finish_reasons = optional(row, "finish_reasons", list, [])
    complete = optional(row, "is_reasoning_complete", list, [])
    answer = optional(row, "answer", str)
    key = key_of(row, "uuid", fallback_key)
    traces = []
    for index, generation in enumerate(generations):
        if not isinstance(generation, str):
            raise AdapterError(f"generations[{index}] is not a string")
        traces.append(
            Trace(
                key=f"{key}#{index}",
                messages=[{"role": "user", "content": problem}, {"role": "assistant", "content": generation}],
                reference={"answer": answer} if answer else {},
                finish_reason=finish_reasons[index] if index < len(finish_reasons) else None,
                reasoning_complete=complete[index] if index < len(complete) else None,
            )
        )
    return traces
