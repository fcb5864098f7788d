"""A background sample of the training pool: the problems of each source's first rows.

Decontamination uses it to tell a benchmark item's own n-grams from the stock phrases every
problem of its kind shares ("Let $z$ be a complex number such that"): an n-gram that several pool
problems hold without copying the item is boilerplate (:meth:`mot.decontam.NgramIndex.build`).
"""

from __future__ import annotations

from collections.abc import Iterable

from mot.recipe.model import SourceSpec
from mot.sources import ADAPTERS
from mot.sources.read import iter_source
from mot.trace import first_user_message


def problem_sample(sources: Iterable[SourceSpec], rows_per_source: int, streaming: bool = True) -> list[str]:
    """The non-empty problems of the first ``rows_per_source`` rows of every source, in recipe order.

    Rows that cannot be decoded or adapted are skipped: this is a sample, and ingest records them.
    Raises :class:`~mot.sources.read.SourceError` when a source cannot be read at all.
    """
    problems: list[str] = []
    for source in sources:
        for raw in iter_source(source, 0, 1, limit=rows_per_source, streaming=streaming):
            if raw.row is None:
                continue
            try:
                traces = ADAPTERS[source.adapter](raw.row, raw.key)
            except Exception:  # noqa: BLE001 — a sample skips what ingest will record as malformed
                continue
            problems.extend(problem for trace in traces[:1] if (problem := first_user_message(trace.messages)))
    return problems
