"""Write the traces that passed every stage to the per-domain pool, and their ``kept`` ledger records."""

from __future__ import annotations

from typing import Any

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.writers import ParquetWriter

from mot.schema import ROW_SCHEMA
from mot.steps.ledger import LedgerWriter, ledger_record


def dataset_row(_writer: ParquetWriter, doc: Document) -> dict[str, Any]:
    """A document as a dataset row (``mot.schema.ROW_SCHEMA``)."""
    meta = doc.metadata
    return {
        "messages": [{"content": m["content"], "role": m["role"]} for m in meta["messages"]],
        "num_tokens": meta["num_tokens"],
        "source": meta["source"],
        "domain": meta["domain"],
        "id": doc.id,
    }


class PoolWriter(PipelineStep):
    type = "💽 - WRITER"
    name = "pool"
    stage = "pool"

    def __init__(self, pool_folder: str, ledger_folder: str):
        super().__init__()
        self.pool_folder = pool_folder
        self.ledger_folder = ledger_folder

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        pool = ParquetWriter(
            self.pool_folder,
            output_filename="${domain}/${rank}.parquet",
            adapter=dataset_row,
            schema=ROW_SCHEMA,
            max_file_size=-1,
            use_content_defined_chunking=False,
        )
        ledger = LedgerWriter(self.ledger_folder, self.stage)
        try:
            for doc in data:
                pool.write(doc, rank)
                ledger.write(ledger_record(doc, kept=True, stage=self.stage, reason="kept", detail=doc.metadata.get("verify_detail", "")), rank)
                self.stat_update(f"kept:{doc.metadata['domain']}")
                yield doc
        finally:
            pool.close()
            ledger.close()
