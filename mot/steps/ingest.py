"""Read every recipe source of the build and emit one datatrove Document per trace.

Nothing is dropped here and nothing stops the build: rows that cannot be decoded, do not fit
their adapter, fail the shared checks (:mod:`mot.sources.validate`) or make the adapter fail
unexpectedly become documents carrying a ``reject`` (reason and detail), and rows the source's
``where:`` filter rejects become documents flagged likewise, so the checks stage records them.

Trace ids are unique by construction. In a source of several files every key starts with its
file's prefix (``part-0/<uuid>#0``), so files never collide; within a file, a key already seen (a
repeated upstream id, or an id equal to another row's line number) gets the stable suffix
``~dup-<row position>``, and the ledger detail says which id it repeats. Files are the unit because
every task that reads a row of a file decodes the whole file, so the first holder of a key is the
same whatever the task count. The build's identity check stays as the safety net.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep

from mot.layout import BuildLayout
from mot.progress import TaskProgress
from mot.recipe.model import SourceSpec
from mot.sources import ADAPTERS, AdapterError, Trace
from mot.sources.read import RawRow, file_prefixes, iter_source
from mot.sources.validate import check_trace
from mot.trace import first_user_message

# Adapters of datasets curated upstream (Mixture-of-Thoughts rows were filtered by open-r1): a trace
# no verifier of ours can check is ``upstream`` rather than ``unverified`` (the dataset's column says so).
CURATED_ADAPTERS = frozenset({"mot"})


def trace_document(source: SourceSpec, trace: Trace, origin: str = "", note: str = "") -> Document:
    """The pipeline's representation of a trace; ``text`` is the problem (for decontam and dedup)."""
    return Document(
        text=first_user_message(trace.messages),
        id=f"{source.name}:{trace.key}",
        metadata={
            "domain": source.domain,
            "source": source.name,
            "messages": trace.messages,
            "reference": trace.reference,
            "finish_reason": trace.finish_reason,
            "reasoning_complete": trace.reasoning_complete,
            "verification": "upstream" if source.adapter in CURATED_ADAPTERS else "unverified",
            "origin": origin,
            **({"note": note} if note else {}),
            "upstream": trace.upstream,
            "upstream_policy": source.upstream_labels,
        },
    )


def rejected_document(source: SourceSpec, raw: RawRow, reason: str, detail: str) -> Document:
    """A placeholder for a row that yields no trace; the checks stage records it as ``reason``."""
    return Document(
        text="",
        id=f"{source.name}:{raw.key}",
        metadata={"domain": source.domain, "source": source.name, "messages": [], "origin": raw.origin,
                  "reject": {"reason": reason, "detail": detail}},
    )


def _traces(source: SourceSpec, raw: RawRow) -> list[Trace] | tuple[str, str]:
    """The row's traces, or the (reason, detail) of why it has none."""
    if raw.error is not None:
        return raw.reason, raw.error
    if failed := next((f for f in source.where if not f.keeps(raw.row)), None):
        return "excluded_by_source_filter", f"row {raw.key} fails where: {failed.describe()}"
    try:
        traces = ADAPTERS[source.adapter](raw.row, raw.key)
        for trace in traces:
            check_trace(trace)
    except AdapterError as err:
        return "malformed_row", f"{source.adapter} row {raw.key}: {err}"
    except Exception as err:  # noqa: BLE001 — an adapter bug on one row must cost that row, not the build
        return "internal_error", f"{source.adapter} row {raw.key}: {type(err).__name__}: {err}"
    return traces


class _Keys:
    """Keys handed out in one file; a repeat gets ``~dup-<position>`` (position keys are unique)."""

    def __init__(self) -> None:
        self.file = ""
        self.seen: set[str] = set()

    def claim(self, raw: RawRow, key: str) -> tuple[str, str]:
        """(unique key, ledger note) for ``key`` of ``raw``."""
        if raw.file != self.file:
            self.file, self.seen = raw.file, set()
        unique = key
        while unique in self.seen:
            unique = f"{unique}~dup-{raw.key}"
        self.seen.add(unique)
        return unique, "" if unique == key else f"id {key!r} repeats an earlier row of the same file; recorded as {unique!r}"


def source_documents(source: SourceSpec, rank: int, world_size: int, limit: int | None = None,
                     streaming: bool = True) -> Iterator[Document]:
    """One document per trace (or rejected row) of this task's share of ``source`` (of its first ``limit`` rows)."""
    keys = _Keys()
    prefix_of = dict(zip(map(str, source.paths), file_prefixes(source.paths)))
    for raw in iter_source(source, rank, world_size, with_others=True, limit=limit, streaming=streaming):
        outcome = _traces(source, raw)
        if isinstance(outcome, tuple):
            key, note = keys.claim(raw, raw.key)
            if raw.mine:
                reason, detail = outcome
                yield rejected_document(source, RawRow(key, None, origin=raw.origin), reason, f"{detail}; {note}" if note else detail)
            continue
        prefix = prefix_of.get(raw.file, "")
        for trace in outcome:
            trace.key, note = keys.claim(raw, trace.key if trace.key.startswith(prefix) else f"{prefix}{trace.key}")
            if raw.mine:
                yield trace_document(source, trace, raw.origin, note)


class Ingest(PipelineStep):
    """Reader for the recipe's sources; task ``rank`` reads its deterministic share of each."""

    type = "📖 - READER"
    name = "ingest"

    def __init__(self, sources: tuple[SourceSpec, ...], output_dir: str, limit: int | None = None, streaming: bool = True):
        super().__init__()
        self.sources = sources
        self.output_dir = output_dir
        self.limit = limit  # the first N rows of each source (``mot build --limit``)
        self.streaming = streaming

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        layout = BuildLayout(Path(self.output_dir))
        layout.clear_task_outputs(rank)
        # Rows read, for the build's one progress line in the main process (mot.progress.BuildProgress).
        progress = TaskProgress(layout.progress_dir(world_size), rank)
        for source in self.sources:
            for doc in source_documents(source, rank, world_size, self.limit, self.streaming):
                self.stat_update(f"read:{source.domain}", f"source:{source.name}")
                progress.update()
                yield doc
        progress.close()
