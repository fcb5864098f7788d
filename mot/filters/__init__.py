"""Quality filters for R1 traces: pure functions, one module per defect family.

Each module exposes a frozen config dataclass and ``check(response, domain, config) -> Drop | None``
over the :class:`~mot.trace.Response` of the trace's final assistant turn. :data:`FILTERS` lists
them in the order :class:`~mot.steps.quality.Quality` runs them: structure first (cheapest, and a
malformed trace says nothing about its language), then format, language, repetition.

Example:
    >>> from mot.trace import split_response
    >>> config = FILTERS["answer_format"].config()
    >>> FILTERS["answer_format"].check(split_response("<think>\\nx\\n</think>\\n\\n4"), "math", config).reason
    'no_boxed_answer'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mot.filters import answer_format, language, repetition, think_structure
from mot.decision import Drop
from mot.trace import Response


@dataclass(frozen=True)
class Filter:
    """A named filter: its config class (the recipe's options) and its check."""

    config: type
    check: Callable[[Response, str, Any], Drop | None]


FILTERS: dict[str, Filter] = {
    "think_structure": Filter(think_structure.ThinkStructureConfig, think_structure.check),
    "answer_format": Filter(answer_format.AnswerFormatConfig, answer_format.check),
    "language": Filter(language.LanguageConfig, language.check),
    "repetition": Filter(repetition.RepetitionConfig, repetition.check),
}
