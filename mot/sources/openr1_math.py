"""open-r1/OpenR1-Math-220k rows: one problem with several R1 generations → one trace per generation.

Real columns (configs ``default`` 93,733 rows, ``extended`` 131,396, ``all``): ``problem``, ``answer``,
``uuid``, ``generations`` (list of strings) and, per generation, ``is_reasoning_complete``,
``finish_reasons`` (null in most rows), ``correctness_math_verify`` and ``correctness_llama`` (null
in most rows: the Llama judge only saw ~12% of problems).
"""

from __future__ import annotations

from typing import Any

from mot.sources.base import AdapterError, Trace, key_of, optional, require

COLUMNS = ("uuid", "problem", "answer", "generations", "finish_reasons", "is_reasoning_complete",
           "correctness_math_verify", "correctness_llama")
# The upstream judges whose per-generation labels are recorded next to our verdict.
UPSTREAM_JUDGES = ("correctness_math_verify", "correctness_llama")


def _per_generation(row: dict[str, Any], name: str, kind: type, count: int) -> list[Any]:
    """``row[name]`` as a list of ``count`` values (None where the column is null, short, or holds a null)."""
    values = optional(row, name, list, [])
    for value in values:
        if value is not None and not isinstance(value, kind):
            raise AdapterError(f"field {name!r} holds a {type(value).__name__}, not {kind.__name__}")
    return [values[i] if i < len(values) else None for i in range(count)]


def adapt(row: dict[str, Any], fallback_key: str) -> list[Trace]:
    """Turn every generation of a problem into its own trace, keyed ``<uuid>#<index>``.

    The upstream correctness labels are carried in ``Trace.upstream`` (recorded, and used only as
    the recipe's ``upstream_labels`` policy says); the build verifies each generation itself.
    """
    problem = require(row, "problem", str)
    generations = require(row, "generations", list)
    if not generations:
        raise AdapterError("field 'generations' is empty")
    count = len(generations)
    finish_reasons = _per_generation(row, "finish_reasons", str, count)
    complete = _per_generation(row, "is_reasoning_complete", bool, count)
    labels = {judge: _per_generation(row, judge, bool, count) for judge in UPSTREAM_JUDGES}
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
                finish_reason=finish_reasons[index],
                reasoning_complete=complete[index],
                upstream={judge: values[index] for judge, values in labels.items()},
            )
        )
    return traces
