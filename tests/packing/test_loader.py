"""PackedDataset / PackedBatchSampler: coverage, determinism, resume, DDP sharding (gloo, 2 ranks)."""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from mot.packing.collator import PackedCollator  # noqa: E402
from mot.packing.loader import PackedBatchSampler, PackedDataset, build_dataloader  # noqa: E402
from mot.packing.plan import PackingError  # noqa: E402
from mot.packing.store import TokenizedStore, build_store  # noqa: E402


def synthetic_store(n: int = 200, seed: int = 0, max_len: int = 300) -> TokenizedStore:
    rng = np.random.default_rng(seed)
    examples = []
    for i in range(n):
        L = int(rng.integers(2, max_len))
        ids = rng.integers(0, 1000, L)
        labels = np.where(np.arange(L) > L // 3, ids, -100)
        examples.append((ids, labels))
    return TokenizedStore.from_examples(examples)


def test_rows_reassemble_the_store() -> None:
    store = synthetic_store()
    ds = PackedDataset(store, max_length=512)
    seen = []
    for r in range(len(ds)):
        row = ds[r]
        pos = row["position_ids"].numpy()
        assert len(pos) <= 512
        starts = np.flatnonzero(pos == 0).tolist() + [len(pos)]
        for k, (lo, hi) in zip(ds.plan.seq[ds.plan.items_of_row(r)], zip(starts[:-1], starts[1:])):
            assert np.array_equal(row["input_ids"].numpy()[lo:hi], store.ids(k))
            assert np.array_equal(row["labels"].numpy()[lo:hi], store.labels(k))
            seen.append(int(k))
    assert sorted(seen) == list(range(store.num_sequences))


def test_overflow_is_explicit() -> None:
    store = synthetic_store(max_len=300)
    with pytest.raises(PackingError):
        PackedDataset(store, max_length=100)
    split = PackedDataset(store, max_length=100, overflow="split")
    assert split.plan.tokens == store.lengths.sum()
    assert all(len(split[r]["input_ids"]) <= 100 for r in range(len(split)))


def test_build_store_from_parquet(dataset_dir, tokenizer, tmp_path) -> None:
    store = build_store(dataset_dir, tokenizer, cache_dir=tmp_path / "cache")
    assert store.num_sequences == 60 and store.meta["num_tokens_mismatch"] == 0
    again = build_store(dataset_dir, tokenizer, cache_dir=tmp_path / "cache")  # memory-mapped reload
    assert np.array_equal(np.asarray(again.input_ids), np.asarray(store.input_ids))
    batch = next(iter(build_dataloader(PackedDataset(again, max_length=2048), PackedCollator())))
    assert batch["input_ids"].shape[1] <= 2048


def test_sampler_epochs_and_resume() -> None:
    s = PackedBatchSampler(40, seed=3, rows_per_step=2, rank=0, world_size=1)
    e0 = list(s)
    assert len(e0) == 20 and sorted(r for b in e0 for r in b) == list(range(40))
    assert e0 == list(PackedBatchSampler(40, seed=3, rows_per_step=2, rank=0, world_size=1))
    s.set_epoch(1)
    assert list(s) != e0
    resumed = PackedBatchSampler(40, seed=3, rows_per_step=2, rank=0, world_size=1)
    resumed.load_state_dict({"seed": 3, "epoch": 0, "step": 7})
    assert list(resumed) == e0[7:] and len(resumed) == 13


def _ddp_worker(rank: int, world: int, init_file: str, out_dir: str) -> None:
    import json
    import os

    torch.distributed.init_process_group("gloo", init_method=f"file://{init_file}", rank=rank, world_size=world)
    try:
        store = synthetic_store(n=203, seed=5)
        ds = PackedDataset(store, max_length=700, rows_per_step=2)  # world size from torch.distributed
        loader = build_dataloader(ds, PackedCollator(), seed=11, rows_per_step=2)
        rows, steps, tokens = [], 0, 0
        for epoch in range(2):
            loader.batch_sampler.set_epoch(epoch)
            for batch_rows in loader.batch_sampler:
                if epoch == 0:
                    rows.extend(batch_rows)
            for batch in loader:
                steps += 1
                tokens += batch["input_ids"].shape[1]
        # every rank must reach the same collective count: this all_reduce would hang otherwise
        t = torch.tensor([steps])
        torch.distributed.all_reduce(t)
        with open(os.path.join(out_dir, f"rank{rank}.json"), "w") as f:
            json.dump({"rows": rows, "steps": steps, "num_rows": len(ds), "sum_steps": int(t)}, f)
    finally:
        torch.distributed.destroy_process_group()


@pytest.mark.slow
def test_ddp_two_ranks_disjoint_equal_steps(tmp_path) -> None:
    import json

    import torch.multiprocessing as mp

    mp.spawn(_ddp_worker, args=(2, str(tmp_path / "init"), str(tmp_path)), nprocs=2, join=True)
    r0, r1 = (json.loads((tmp_path / f"rank{r}.json").read_text()) for r in range(2))
    assert r0["steps"] == r1["steps"] > 0 and r0["sum_steps"] == 2 * r0["steps"]
    assert not set(r0["rows"]) & set(r1["rows"])
    assert sorted(r0["rows"] + r1["rows"]) == list(range(r0["num_rows"]))


def odd_rows_store() -> TokenizedStore:
    store = synthetic_store(n=203, seed=5)
    assert PackedDataset(store, max_length=700, world_size=1).plan.num_rows % 2 == 1
    return store


def test_world_size_from_launcher_env_before_process_group(monkeypatch) -> None:
    from mot.packing.loader import dist_info

    store = odd_rows_store()
    monkeypatch.setenv("WORLD_SIZE", "2")
    monkeypatch.setenv("RANK", "1")
    assert dist_info() == (1, 2)
    ds = PackedDataset(store, max_length=700)  # torchrun order: dataset first, process group later
    assert ds.world_size == 2 and len(ds) % 2 == 0
    steps = [list(build_dataloader(ds, rank=r).batch_sampler) for r in range(2)]
    assert len(steps[0]) == len(steps[1])
    assert sorted(int(s) for rank in steps for step in rank for r in step for s in ds.plan.seq[ds.plan.items_of_row(r)]) == list(range(203))
    monkeypatch.delenv("RANK")
    monkeypatch.setenv("LOCAL_RANK", "1")
    assert dist_info() == (1, 2)


def test_no_launcher_env_means_one_process(monkeypatch) -> None:
    from mot.packing.loader import dist_info

    for var in ("WORLD_SIZE", "RANK", "LOCAL_RANK"):
        monkeypatch.delenv(var, raising=False)
    assert dist_info() == (0, 1)
    assert PackedDataset(odd_rows_store(), max_length=700).world_size == 1


@pytest.mark.parametrize("env", [{"WORLD_SIZE": "2", "RANK": "2"}, {"WORLD_SIZE": "two"}, {"WORLD_SIZE": "0"}])
def test_inconsistent_launcher_env_is_refused(monkeypatch, env) -> None:
    from mot.packing.loader import dist_info

    for var in ("WORLD_SIZE", "RANK", "LOCAL_RANK"):
        monkeypatch.delenv(var, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    with pytest.raises(PackingError, match="launcher environment"):
        dist_info()


def test_loader_refuses_rows_it_cannot_split_evenly() -> None:
    # planned for 1 row per step on 1 rank (odd row count), loaded with 2 rows per step: the old sampler
    # silently left a row out of every epoch
    ds = PackedDataset(odd_rows_store(), max_length=700, world_size=1)
    with pytest.raises(PackingError, match="would never be trained"):
        build_dataloader(ds, rows_per_step=2, rank=0, world_size=1)
    with pytest.raises(PackingError, match="would never be trained"):
        build_dataloader(ds, rank=0, world_size=2)
    # the twin: the loader's defaults follow the dataset's balance, and every row is used
    balanced = PackedDataset(odd_rows_store(), max_length=700, world_size=1, rows_per_step=2)
    loader = build_dataloader(balanced, rank=0, world_size=1)
    assert sorted(r for step in loader.batch_sampler for r in step) == list(range(len(balanced)))
    assert all(len(step) == 2 for step in loader.batch_sampler)


def test_resume_state_from_another_world_size_is_refused() -> None:
    state = PackedBatchSampler(40, seed=3, rank=0, world_size=2).state_dict(5)
    with pytest.raises(PackingError, match="world_size=2"):
        PackedBatchSampler(40, seed=3, rank=0, world_size=4).load_state_dict(state)
    same = PackedBatchSampler(40, seed=3, rank=0, world_size=2)
    same.load_state_dict(state)
    assert len(same) == 20 - 5
    with pytest.raises(ValueError, match="start_step 21"):
        PackedBatchSampler(40, seed=3, rank=0, world_size=2, start_step=21)
