"""The ledger: one Parquet record per input trace, saying where and why its fate was decided.

:class:`DecisionStep` is the base of every filtering stage, in the spirit of datatrove's
``BaseFilter``: a subclass says *whether* to drop (``decide`` returns ``None`` or a
:class:`~mot.decision.Drop`), the base does the batching, the stats and the ledger writing. Kept traces are
recorded by the pool writer at the end, so every trace leaves exactly one record.

With ``dropped_folder`` set (``mot build`` does, unless ``--no-keep-dropped``) each dropped trace
is also written whole to ``<dropped_folder>/<stage>-<rank>.parquet`` (``DROPPED_SCHEMA``), the
way datatrove's filters have an exclusion writer: a curator can read what was thrown away.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pyarrow as pa
from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.writers import ParquetWriter
from datatrove.utils.batching import batched

from mot.decision import Drop
from mot.schema import DROPPED_SCHEMA, LEDGER_SCHEMA


def ledger_record(doc: Document, *, kept: bool, stage: str, reason: str, detail: str = "", related_id: str | None = None) -> dict[str, Any]:
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
        "related_id": related_id,
        **verdict_fields(meta),
    }


def verdict_fields(meta: dict[str, Any]) -> dict[str, Any]:
    """The ``VERDICT_FIELDS`` of a trace's metadata (see ``mot.schema``)."""
    verified_by = meta.get("verified_by") or ("ours" if meta.get("verification") == "verified" else None)
    labels = [{"judge": judge, "correct": label} for judge, label in (meta.get("upstream") or {}).items()]
    return {"verified_by": verified_by, "our_verdict": meta.get("our_verdict"), "upstream": labels}


def dropped_record(doc: Document, record: dict[str, Any]) -> dict[str, Any]:
    """The ``DROPPED_SCHEMA`` row of ``doc``: its conversation as it was when ``record`` dropped it."""
    messages = [{"content": m.get("content"), "role": m.get("role")} for m in doc.metadata.get("messages") or []]
    return {"messages": messages, **{name: record[name] for name in DROPPED_SCHEMA.names if name in record}}


def _record_adapter(_writer: ParquetWriter, document: Document) -> dict[str, Any]:
    return document.metadata


class LedgerWriter:
    """Appends ledger records of one stage and one task to ``<folder>/<stage>-<rank>.parquet``."""

    def __init__(self, folder: str | Path, stage: str, schema: pa.Schema = LEDGER_SCHEMA):
        self._writer = ParquetWriter(
            str(folder),
            output_filename=f"{stage}-${{rank}}.parquet",
            adapter=_record_adapter,
            schema=schema,
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
    dropped_folder: str | None = None  # where dropped traces are kept whole; None: ledger records only

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
        dropped = LedgerWriter(self.dropped_folder, self.stage, DROPPED_SCHEMA) if self.dropped_folder else None
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
                        record = ledger_record(doc, kept=False, stage=self.stage, **vars(drop))
                        ledger.write(record, rank)
                        if dropped is not None:
                            dropped.write(dropped_record(doc, record), rank)
        finally:
            self.teardown()
            ledger.close()
            if dropped is not None:
                dropped.close()
