"""Write the traces that passed every per-row stage to the per-domain pool.

Their ledger records are written later, once the global stages over the pool (dedup, mixture)
have decided whether each ends in the dataset.
"""

from __future__ import annotations

from typing import Any

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.writers import ParquetWriter

from mot.schema import POOL_SCHEMA
from mot.sandbox.extract import extract_final_code
from mot.trace import last_assistant_message


def pool_row(_writer: ParquetWriter, doc: Document) -> dict[str, Any]:
    """A document as a pool row (``mot.schema.POOL_SCHEMA``)."""
    meta = doc.metadata
    variant = None
    if meta["domain"] == "code" and (code := extract_final_code(last_assistant_message(meta["messages"]) or "")):
        variant = code.lang
    return {
        "messages": [{"content": m["content"], "role": m["role"]} for m in meta["messages"]],
        "num_tokens": meta["num_tokens"],
        "source": meta["source"],
        "domain": meta["domain"],
        "id": doc.id,
        "problem": doc.text,
        "variant": variant,
        "verification": meta.get("verification"),
        "verify_detail": meta.get("verify_detail"),
    }


class PoolWriter(PipelineStep):
    type = "💽 - WRITER"
    name = "pool"

    def __init__(self, pool_folder: str):
        super().__init__()
        self.pool_folder = pool_folder

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        pool = ParquetWriter(
            self.pool_folder,
            output_filename="${domain}/${rank}.parquet",
            adapter=pool_row,
            schema=POOL_SCHEMA,
            max_file_size=-1,
            use_content_defined_chunking=False,
        )
        try:
            for doc in data:
                pool.write(doc, rank)
                self.stat_update(f"pooled:{doc.metadata['domain']}")
                yield doc
        finally:
            pool.close()
