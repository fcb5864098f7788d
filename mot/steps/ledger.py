"""The ledger: one Parquet record per input trace, saying where and why its fate was decided.

:class:`DecisionStep` is the base of every filtering stage, in the spirit of datatrove's
``BaseFilter``: a subclass says *whether* to drop (``decide`` returns ``None`` or a
:class:`~mot.decision.Drop`), the base does the batching, the stats and the ledger writing. Kept traces are
recorded by the pool writer at the end, so every trace leaves exactly one record.

A row on which a stage fails unexpectedly is quarantined (``internal_error``, the exception in the
detail) and the task goes on; only a record that cannot be written stops it
(:class:`UnrecordedRow`, naming the source, file and row).

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


class UnrecordedRow(RuntimeError):
    """A trace's fate could not be written to the ledger: the build must not claim it was decided."""


def _storable(text: str) -> str:
    # An exception message may quote the row; lone surrogates in it would make the record unwritable.
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def ledger_record(doc: Document, *, kept: bool, stage: str, reason: str, detail: str = "", related_id: str | None = None) -> dict[str, Any]:
    """The ledger row of ``doc`` (see ``mot.schema.LEDGER_SCHEMA``); an ingest note (a repeated id) joins the detail."""
    meta = doc.metadata
    if note := meta.get("note"):
        detail = f"{detail}; {note}" if detail else note
    return {
        "id": doc.id,
        "domain": meta["domain"],
        "source": meta["source"],
        "kept": kept,
        "stage": stage,
        "reason": reason,
        "detail": _storable(detail) if detail else None,
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
        self.schema = schema
        self._writer = ParquetWriter(
            str(folder),
            output_filename=f"{stage}-${{rank}}.parquet",
            adapter=_record_adapter,
            schema=schema,
            max_file_size=-1,
            use_content_defined_chunking=False,
        )

    def write(self, record: dict[str, Any], rank: int, origin: str = "") -> None:
        """Buffer ``record``; it is checked against the schema now, because the buffer is written later in bulk."""
        try:
            pa.Table.from_pylist([record], schema=self.schema)
        except (pa.ArrowException, UnicodeError, TypeError) as err:
            where = f", {origin}" if origin else ""
            raise UnrecordedRow(f"cannot record {record['id']!r} (source {record.get('source')}{where}): {type(err).__name__}: {err}") from None
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

    def _decide_quarantined(self, docs: list[Document]) -> list[Drop | None]:
        """``decide_batch``, except that a row it fails on is dropped as ``internal_error``.

        After a failure the batch is retried one row at a time, so the common path stays batched.
        """
        try:
            return self.decide_batch(docs)
        except Exception as err:  # noqa: BLE001 — one row's failure costs that row, not the build
            if len(docs) == 1:
                return [self.internal_error(err)]
        return [drop for doc in docs for drop in self._decide_quarantined([doc])]

    def internal_error(self, err: Exception) -> Drop:
        """The drop of a row this stage failed on (for steps that decide rows in their own workers)."""
        return Drop("internal_error", f"{self.stage}: {type(err).__name__}: {err}")

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
                    drops = self._decide_quarantined(list(batch))
                for doc, drop in zip(batch, drops, strict=True):
                    if drop is None:
                        self.stat_update("kept")
                        yield doc
                    else:
                        self.stat_update(f"dropped:{drop.reason}")
                        record = ledger_record(doc, kept=False, stage=self.stage, **vars(drop))
                        ledger.write(record, rank, doc.metadata.get("origin", ""))
                        if dropped is not None:
                            dropped.write(dropped_record(doc, record), rank)
        finally:
            self.teardown()
            ledger.close()
            if dropped is not None:
                dropped.close()
