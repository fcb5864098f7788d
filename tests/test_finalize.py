"""Sharding the dataset: every row named lands once per mention, in the seeded order, across shards."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq

from mot.pool.finalize import seeded_order, write_shards
from mot.schema import POOL_SCHEMA, ROW_SCHEMA


def _pool_file(path, ids):
    rows = [{"messages": [{"role": "user", "content": f"problem {i}"}, {"role": "assistant", "content": f"answer {i}"}],
             "num_tokens": len(i), "source": "s", "domain": "math", "id": i, "verification": "verified"} for i in ids]
    pq.write_table(pa.Table.from_pylist(rows, schema=POOL_SCHEMA), path)
    return path


def test_shards_hold_the_named_rows_in_order_with_repeats_and_nothing_else(tmp_path):
    pool = [_pool_file(tmp_path / "a.parquet", [f"a{i}" for i in range(7)]), _pool_file(tmp_path / "b.parquet", [f"b{i}" for i in range(6)])]
    wanted = seeded_order(["a1", "a3", "b0", "b5", "a3", "a6", "b2", "b2", "b2", "a0"], seed=7)  # a3 and b2 upsampled
    paths = write_shards(pool, wanted, tmp_path / "data", shard_rows=3)
    assert [p.name.split("-")[1:4] for p in paths] == [[f"{i:05d}", "of", "00004"] for i in range(4)]
    tables = [pq.read_table(p) for p in paths]
    assert [t.num_rows for t in tables] == [3, 3, 3, 1]
    written = pa.concat_tables(tables)
    assert written.column("id").to_pylist() == wanted and written.schema == ROW_SCHEMA
    assert [m[0]["content"] for m in written.column("messages").to_pylist()] == [f"problem {i}" for i in wanted]
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == sorted(p.name for p in paths), "no bucket or staging file left"


def test_no_rows_named_gives_one_empty_shard(tmp_path):
    (path,) = write_shards([_pool_file(tmp_path / "a.parquet", ["a0"])], [], tmp_path / "data")
    assert pq.read_table(path).num_rows == 0 and pq.read_table(path).schema == ROW_SCHEMA
