"""Turn the pool into the dataset: run the global stages, then write ordered, sharded Parquet.

Global stages (dedup, mixture) see a light *manifest* of the pool (ids, sources, token counts,
problems; no conversations) and return the rows they keep plus the ones they drop with a
reason. Only the final write touches the conversations, one shard at a time, so memory grows
with the shard size, not the corpus.

The order of pool rows depends on how many tasks wrote them; the dataset's does not: rows are
sorted by a seeded hash of (id, copy), so the same inputs and seed give byte-identical shards.
"""

from __future__ import annotations

import hashlib
import shutil
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from mot.layout import BuildLayout
from mot.schema import DROPPED_SCHEMA, DROPS_SCHEMA, LEDGER_SCHEMA, POOL_SCHEMA, ROW_SCHEMA

SHARD_ROWS = 20_000
MANIFEST_COLUMNS = ["id", "domain", "source", "num_tokens", "problem", "variant", "verification", "verify_detail"]

# A global stage maps the manifest to (kept manifest rows, dropped rows as DROPS_SCHEMA).
# Kept rows may repeat an id (upsampling); every dropped id must come from the input.
GlobalStage = Callable[[pa.Table], tuple[pa.Table, pa.Table]]


def read_manifest(layout: BuildLayout, domains: Sequence[str]) -> pa.Table:
    files = [f for d in domains for f in layout.pool_files(d)]
    if not files:
        return POOL_SCHEMA.empty_table().select(MANIFEST_COLUMNS)
    return pa.concat_tables(pq.read_table(f, columns=MANIFEST_COLUMNS, schema=POOL_SCHEMA) for f in files)


def shuffle_key(seed: int, row_id: str, copy: int = 0) -> bytes:
    """Position of a row in the seeded global order (independent of all other rows)."""
    return hashlib.blake2b(f"{seed}:{row_id}:{copy}".encode(), digest_size=8).digest()


def seeded_order(ids: list[str], seed: int) -> list[str]:
    """``ids`` (repeats allowed) in the seeded order; the k-th copy of an id gets its own place."""
    seen: Counter[str] = Counter()
    keyed = []
    for row_id in ids:
        keyed.append((shuffle_key(seed, row_id, seen[row_id]), row_id))
        seen[row_id] += 1
    return [row_id for _, row_id in sorted(keyed)]


def _ledger_records(manifest: pa.Table, ids_reasons: pa.Table, stage: str, kept: bool) -> pa.Table:
    """Ledger rows for ``ids_reasons`` (id, reason, detail), completed from the manifest."""
    info = {row["id"]: row for row in manifest.select(["id", "domain", "source", "num_tokens", "verification"]).to_pylist()}
    rows = []
    for decision in ids_reasons.to_pylist():
        row = info[decision["id"]]
        rows.append({**row, "kept": kept, "stage": stage, "reason": decision["reason"], "detail": decision["detail"],
                     "related_id": decision.get("related_id")})
    return pa.Table.from_pylist(rows, schema=LEDGER_SCHEMA)


def write_dropped(pool_files: list[Path], drops: pa.Table, path: Path) -> None:
    """Keep the conversations of the pool rows the global stages dropped (``drops``: ledger rows) in ``path``.

    One pool file at a time, so memory grows with a pool file, not with everything dropped.
    """
    decisions = {row["id"]: row for row in drops.select(["stage", "reason", "detail", "related_id", "id"]).to_pylist()}
    wanted = pa.array(sorted(decisions), type=pa.string())
    with pq.ParquetWriter(path, DROPPED_SCHEMA, compression="zstd") as writer:
        for pool_file in pool_files:
            rows = pq.read_table(pool_file, columns=ROW_SCHEMA.names, schema=POOL_SCHEMA, filters=pc.field("id").isin(wanted))
            if rows.num_rows:
                extra = {name: [decisions[i][name] for i in rows.column("id").to_pylist()] for name in ("stage", "reason", "detail", "related_id")}
                writer.write_table(pa.Table.from_pydict({**rows.to_pydict(), **extra}, schema=DROPPED_SCHEMA))


def write_shards(pool_files: list[Path], ordered_ids: list[str], folder: Path, shard_rows: int = SHARD_ROWS) -> list[Path]:
    """Write the pool rows named by ``ordered_ids`` as ``train-XXXXX-of-YYYYY-<sha256[:12]>.parquet`` (≥ 1).

    The content hash in the name matters: ``datasets`` caches a local folder by its name and the
    card's data_files, so a rebuilt dataset whose card listed unchanged names would load stale rows.
    """
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    pool = ds.dataset([str(f) for f in pool_files], schema=POOL_SCHEMA, format="parquet") if pool_files else None
    count = max(1, -(-len(ordered_ids) // shard_rows))
    paths = []
    for index in range(count):
        shard_ids = ordered_ids[index * shard_rows : (index + 1) * shard_rows]
        table = ROW_SCHEMA.empty_table()
        if shard_ids and pool is not None:
            rows = pool.to_table(columns=ROW_SCHEMA.names, filter=pc.field("id").isin(sorted(set(shard_ids))))
            position = {row_id: i for i, row_id in enumerate(rows.column("id").to_pylist())}
            table = rows.take(pa.array([position[i] for i in shard_ids], type=pa.int64())).cast(ROW_SCHEMA)
        staging = folder / f".train-{index:05d}.parquet"
        pq.write_table(table, staging, compression="zstd")
        digest = hashlib.sha256(staging.read_bytes()).hexdigest()[:12]
        path = folder / f"train-{index:05d}-of-{count:05d}-{digest}.parquet"
        staging.rename(path)
        paths.append(path)
    return paths


def finalize(layout: BuildLayout, domains: Sequence[str], seed: int, stages: Sequence[tuple[str, GlobalStage]] = (),
             keep_dropped: bool = True) -> dict[str, int]:
    """Apply the global stages to the pool and write ``data/<domain>/`` plus the global ledger.

    With ``keep_dropped`` the rows the global stages drop are kept whole in ``dropped/global.parquet``.
    Idempotent: the global ledger file, the global dropped file and the data folders are rewritten each time.
    Returns the number of dataset rows per domain.
    """
    manifest = read_manifest(layout, domains)
    original = manifest
    ledger_parts = []
    for stage_name, stage in stages:
        manifest, dropped = stage(manifest)
        ledger_parts.append(_ledger_records(original, dropped, stage_name, kept=False))
    final_ids = sorted(set(manifest.column("id").to_pylist()))
    details = dict(zip(original.column("id").to_pylist(), original.column("verify_detail").to_pylist()))
    kept = pa.table({"id": final_ids, "reason": ["kept"] * len(final_ids), "detail": [details[i] for i in final_ids],
                     "related_id": [None] * len(final_ids)}, schema=DROPS_SCHEMA)
    if keep_dropped:
        layout.dropped.mkdir(parents=True, exist_ok=True)
        pool_files = [f for d in domains for f in layout.pool_files(d)]
        write_dropped(pool_files, pa.concat_tables([LEDGER_SCHEMA.empty_table(), *ledger_parts]), layout.dropped / "global.parquet")
    ledger_parts.append(_ledger_records(original, kept, "dataset", kept=True))
    layout.ledger.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.concat_tables(ledger_parts), layout.ledger / "global.parquet", compression="zstd")

    counts = {}
    for domain in domains:
        ids = [i for i, d in zip(manifest.column("id").to_pylist(), manifest.column("domain").to_pylist()) if d == domain]
        write_shards(layout.pool_files(domain), seeded_order(ids, seed), layout.data / domain)
        counts[domain] = len(ids)
    return counts
