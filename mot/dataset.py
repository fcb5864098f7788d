"""Turn the per-domain pools into the dataset folder: deterministic order, sharded Parquet.

The order of pool rows depends on how many tasks wrote them; the dataset's does not: rows are
sorted by a seeded hash of their id, so the same inputs and seed give byte-identical shards.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from mot.layout import BuildLayout
from mot.schema import ROW_SCHEMA

SHARD_ROWS = 20_000


def shuffle_key(seed: int, row_id: str) -> bytes:
    """Position of a row in the seeded global order (independent of all other rows)."""
    return hashlib.blake2b(f"{seed}:{row_id}".encode(), digest_size=8).digest()


def read_rows(files: list[Path]) -> pa.Table:
    """Concatenate Parquet files with the row schema (an empty table when there are none)."""
    if not files:
        return ROW_SCHEMA.empty_table()
    return pa.concat_tables(pq.read_table(f, schema=ROW_SCHEMA) for f in files)


def seeded_order(table: pa.Table, seed: int) -> pa.Table:
    keys = [shuffle_key(seed, row_id) for row_id in table.column("id").to_pylist()]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return table.take(pa.array(order, type=pa.int64()))


def write_shards(table: pa.Table, folder: Path, shard_rows: int = SHARD_ROWS) -> list[Path]:
    """Write ``table`` as ``train-XXXXX-of-YYYYY.parquet`` shards (at least one, even when empty)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    count = max(1, -(-table.num_rows // shard_rows))
    paths = []
    for index in range(count):
        path = folder / f"train-{index:05d}-of-{count:05d}.parquet"
        pq.write_table(table.slice(index * shard_rows, shard_rows), path, compression="zstd")
        paths.append(path)
    return paths


def write_domain_datasets(layout: BuildLayout, domains: list[str], seed: int) -> dict[str, int]:
    """Write ``data/<domain>/`` from the pool for each domain; returns rows per domain."""
    counts = {}
    for domain in domains:
        table = seeded_order(read_rows(layout.pool_files(domain)), seed)
        write_shards(table, layout.data / domain)
        counts[domain] = table.num_rows
    return counts
