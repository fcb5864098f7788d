"""The ledger: one Parquet record per input trace, saying where and why its fate was decided.

:class:`DecisionStep` is the base of every filtering stage, in the spirit of datatrove's
``BaseFilter``: a subclass says *whether* to drop (``decide`` returns ``None`` or a
:class:`~mot.decision.Drop`), the base does the batching, the stats and the ledger writing. Kept traces are
recorded by the pool writer at the end, so every trace leaves exactly one record.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.writers import ParquetWriter
from datatrove.utils.batching import batched

from mot.decision import Drop
from mot.schema import LEDGER_SCHEMA


def ledger_record(doc: Document, *, kept: bool, stage: str, reason: str, detail: str = "") -> dict[str, Any]:
    """The ledger row of ``doc`` (see ``mot.schema.LEDGER_SCHEMA``)."""
    meta = doc.metadata
    return {
        "id": doc.id,
        "domain": meta["domain"],
        "source": meta["source"],
        "kept": kept,
        "stage": stage,
        "reason": reason,
        "detail": detail or None,
        "num_tokens": meta.get("num_tokens"),
        "verification": meta.get("verification"),
    }


def _record_adapter(_writer: ParquetWriter, document: Document) -> dict[str, Any]:
    return document.metadata


class LedgerWriter:
    """Appends ledger records of one stage and one task to ``<folder>/<stage>-<rank>.parquet``."""

    def __init__(self, folder: str | Path, stage: str):
        self._writer = ParquetWriter(
            str(folder),
            output_filename=f"{stage}-${{rank}}.parquet",
            adapter=_record_adapter,
            schema=LEDGER_SCHEMA,
            max_file_size=-1,
            use_content_defined_chunking=False,
        )

    def write(self, record: dict[str, Any], rank: int) -> None:
        self._writer.write(Document(text="", id=record["id"], metadata=record), rank)

    def close(self) -> None:
        self._writer.close()


class DecisionStep(PipelineStep):
    """A stage that keeps or drops each trace and records every drop in the ledger.

    Subclasses set ``stage`` and implement ``decide`` (or ``decide_batch`` when batching pays,
    e.g. tokenization); ``setup``/``teardown`` hold per-task resources such as worker processes.
    """

    type = "🧾 MOT"
    stage: ClassVar[str] = ""
    batch_size: int = 1
    rank: int = 0  # the task being run, for resources that must differ per task (sandbox uids)

    def __init__(self, ledger_folder: str | Path):
        super().__init__()
        self.ledger_folder = str(ledger_folder)

    def decide(self, doc: Document) -> Drop | None:
        raise NotImplementedError

    def decide_batch(self, docs: list[Document]) -> list[Drop | None]:
        return [self.decide(doc) for doc in docs]

    def setup(self) -> None:
        """Acquire per-task resources (called in the worker process, before the first batch)."""

    def teardown(self) -> None:
        """Release what ``setup`` acquired (always called)."""

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        ledger = LedgerWriter(self.ledger_folder, self.stage)
        self.rank = rank
        self.setup()
        try:
            for batch in batched(data, self.batch_size):
                with self.track_time("batch" if self.batch_size > 1 else None):
                    drops = self.decide_batch(batch)
                for doc, drop in zip(batch, drops, strict=True):
                    if drop is None:
                        self.stat_update("kept")
                        yield doc
                    else:
                        self.stat_update(f"dropped:{drop.reason}")
                        ledger.write(ledger_record(doc, kept=False, stage=self.stage, **vars(drop)), rank)
        finally:
            self.teardown()
            ledger.close()
