"""Read every recipe source of the build and emit one datatrove Document per trace.

Nothing is dropped here: rows that cannot be decoded or do not fit their adapter become
documents flagged ``malformed``, and rows the source's ``where:`` filter rejects become documents
flagged ``excluded``, so the checks stage records them in the ledger.
"""

from __future__ import annotations

from pathlib import Path

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep

from mot.layout import BuildLayout
from mot.progress import TaskProgress
from mot.recipe.model import SourceSpec
from mot.sources import ADAPTERS, AdapterError, Trace
from mot.sources.read import RawRow, iter_source
from mot.trace import first_user_message

# Adapters of datasets curated upstream (Mixture-of-Thoughts rows were filtered by open-r1): a trace
# no verifier of ours can check is ``upstream`` rather than ``unverified`` (the dataset's column says so).
CURATED_ADAPTERS = frozenset({"mot"})


def trace_document(source: SourceSpec, trace: Trace) -> Document:
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
            "upstream": trace.upstream,
            "upstream_policy": source.upstream_labels,
        },
    )


def malformed_document(source: SourceSpec, raw: RawRow, error: str, flag: str = "malformed") -> Document:
    """A placeholder for a row that yields no trace; ``flag`` (malformed | excluded) tells the checks why."""
    return Document(
        text="",
        id=f"{source.name}:{raw.key}",
        metadata={"domain": source.domain, "source": source.name, "messages": [], flag: error},
    )


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
            adapter = ADAPTERS[source.adapter]
            for raw in iter_source(source, rank, world_size, self.limit, self.streaming):
                progress.update()
                if raw.error is not None:
                    docs = [malformed_document(source, raw, raw.error)]
                elif failed := next((f for f in source.where if not f.keeps(raw.row)), None):
                    docs = [malformed_document(source, raw, f"row {raw.key} fails where: {failed.describe()}", flag="excluded")]
                else:
                    try:
                        docs = [trace_document(source, t) for t in adapter(raw.row, raw.key)]
                    except AdapterError as err:
                        docs = [malformed_document(source, raw, f"{source.adapter} row {raw.key}: {err}")]
                for doc in docs:
                    self.stat_update(f"read:{source.domain}")
                    yield doc
        progress.close()
