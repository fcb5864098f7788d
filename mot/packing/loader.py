"""Torch Dataset/Sampler pair over a planned, tokenized dataset.

* :class:`PackedDataset` — item ``r`` is packed row ``r`` of the plan (``input_ids``, ``labels``,
  ``position_ids``), so it works as ``Trainer(train_dataset=...)`` / ``SFTTrainer`` with
  ``per_device_train_batch_size=1`` and :class:`~mot.packing.collator.PackedCollator`.
* :class:`PackedBatchSampler` — for plain loops: per-epoch row shuffle deterministic for
  ``(seed, epoch)``, DDP sharding (disjoint rows, equal step count on every rank) and resume at a step.

The dataset balances its plan to a multiple of ``world_size * rows_per_step`` rows by splitting a few
multi-sequence rows, so no rank ever repeats or misses a row (also under HF Trainer/accelerate, whose
sampler would otherwise pad by repeating rows).

Example:
    >>> from mot.packing.store import TokenizedStore
    >>> store = TokenizedStore.from_examples([([1, 2, 3], [1, 2, 3]), ([4, 5], [4, 5]), ([6], [6])])
    >>> ds = PackedDataset(store, max_length=4)
    >>> len(ds), ds[0]["position_ids"].tolist()
    (2, [0, 1, 2, 0])
    >>> list(PackedBatchSampler(len(ds), seed=0, rank=0, world_size=2))
    [[0]]
"""

from __future__ import annotations

from typing import Any, Iterator

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, Sampler

from mot.packing.collator import CollatorConfig, PackedCollator
from mot.packing.plan import DEFAULT_MAX_LENGTH, Overflow, PackPlan, balance_rows, plan_packing, rank_steps
from mot.packing.store import TokenizedStore
from mot.packing.tokenize import IGNORE_INDEX


def dist_info() -> tuple[int, int]:
    """``(rank, world_size)`` from torch.distributed when initialised, else ``(0, 1)``."""
    if torch.distributed.is_available() and torch.distributed.is_initialized():
        return torch.distributed.get_rank(), torch.distributed.get_world_size()
    return 0, 1


class PackedDataset(Dataset):
    """Packed rows of ``store`` planned with global BFD.

    Args:
        store: tokenized sequences (see :func:`mot.packing.store.build_store`).
        max_length: tokens per row (default 32768).
        seed: tie-break seed of the plan (row *order* is the sampler's business).
        overflow: ``"error"`` (default), ``"drop"`` or ``"split"`` for sequences over ``max_length``.
        world_size, rows_per_step: the plan is balanced to a multiple of their product.
        plan: a precomputed plan (skips planning).
    """

    def __init__(
        self,
        store: TokenizedStore,
        max_length: int = DEFAULT_MAX_LENGTH,
        seed: int = 0,
        overflow: Overflow = "error",
        world_size: int | None = None,
        rows_per_step: int = 1,
        plan: PackPlan | None = None,
    ) -> None:
        self.store = store
        if world_size is None:
            world_size = dist_info()[1]
        if plan is None:
            plan = plan_packing(store.lengths, max_length=max_length, seed=seed, overflow=overflow)
        self.plan = balance_rows(plan, world_size * rows_per_step)
        # absolute token offsets of every planned item, precomputed so __getitem__ is pure slicing
        self._item_lo = store.offsets[self.plan.seq] + self.plan.start

    def __len__(self) -> int:
        return self.plan.num_rows

    def row_arrays(self, row: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(input_ids, labels, position_ids)`` of one row as int64 numpy arrays."""
        items = self.plan.items_of_row(row)
        lo = self._item_lo[items]
        lens = self.plan.length[items]
        if len(lo) == 1:
            idx = np.arange(lo[0], lo[0] + lens[0])
        else:
            # gather indices of all items at once: lo repeated + within-item position
            pos_start = np.repeat(np.cumsum(lens) - lens, lens)
            within = np.arange(int(lens.sum())) - pos_start
            idx = np.repeat(lo, lens) + within
        ids = self.store.input_ids[idx].astype(np.int64)
        mask = self.store.train_mask[idx].astype(bool)
        labels = np.where(mask, ids, IGNORE_INDEX)
        pos = idx - np.repeat(lo, lens) if len(lo) > 1 else np.arange(len(idx))
        return ids, labels, pos.astype(np.int64)

    def __getitem__(self, row: int) -> dict[str, torch.Tensor]:
        ids, labels, pos = self.row_arrays(int(row))
        return {"input_ids": torch.from_numpy(ids), "labels": torch.from_numpy(labels), "position_ids": torch.from_numpy(pos)}


class PackedBatchSampler(Sampler[list[int]]):
    """Yields, per step, the row indices this rank trains on.

    Equal step count on every rank, disjoint rows across ranks, and the union over ranks is every row
    when ``num_rows`` is a multiple of ``world_size * rows_per_step`` (PackedDataset guarantees it).
    Resume with ``start_step`` (steps already taken in ``epoch``) or ``load_state_dict``.

    Example:
        >>> s = PackedBatchSampler(8, seed=1, world_size=2, rank=1, rows_per_step=2)
        >>> len(s), len(list(s))
        (2, 2)
    """

    def __init__(
        self,
        num_rows: int,
        seed: int = 0,
        rank: int | None = None,
        world_size: int | None = None,
        rows_per_step: int = 1,
        epoch: int = 0,
        start_step: int = 0,
    ) -> None:
        r, w = dist_info()
        self.num_rows = num_rows
        self.seed = seed
        self.rank = r if rank is None else rank
        self.world_size = w if world_size is None else world_size
        self.rows_per_step = rows_per_step
        self.epoch = epoch
        self.start_step = start_step

    def set_epoch(self, epoch: int) -> None:
        """Reshuffle rows for ``epoch`` (and forget any resume offset)."""
        self.epoch = epoch
        self.start_step = 0

    def steps(self) -> list[list[int]]:
        return rank_steps(
            self.num_rows, seed=self.seed, epoch=self.epoch, rank=self.rank, world_size=self.world_size, rows_per_step=self.rows_per_step
        )

    def __iter__(self) -> Iterator[list[int]]:
        yield from self.steps()[self.start_step :]

    def __len__(self) -> int:
        return self.num_rows // (self.world_size * self.rows_per_step) - self.start_step

    def state_dict(self, steps_done: int) -> dict[str, int]:
        """State to resume after ``steps_done`` steps of the current epoch."""
        return {"seed": self.seed, "epoch": self.epoch, "step": steps_done}

    def load_state_dict(self, state: dict[str, int]) -> None:
        self.seed, self.epoch, self.start_step = state["seed"], state["epoch"], state["step"]


def build_dataloader(
    dataset: PackedDataset,
    collator: PackedCollator | None = None,
    *,
    seed: int = 0,
    epoch: int = 0,
    start_step: int = 0,
    rows_per_step: int = 1,
    rank: int | None = None,
    world_size: int | None = None,
    num_workers: int = 0,
    **kwargs: Any,
) -> DataLoader:
    """A DataLoader for a plain training loop (DDP-aware, resumable).

    Example:
        >>> loader = build_dataloader(ds, seed=0, start_step=100)  # doctest: +SKIP
        >>> for epoch in range(2):  # doctest: +SKIP
        ...     loader.batch_sampler.set_epoch(epoch)
        ...     for batch in loader: loss = model(**batch, use_cache=False).loss
    """
    sampler = PackedBatchSampler(
        len(dataset), seed=seed, rank=rank, world_size=world_size, rows_per_step=rows_per_step, epoch=epoch, start_step=start_step
    )
    return DataLoader(dataset, batch_sampler=sampler, collate_fn=collator or PackedCollator(CollatorConfig()), num_workers=num_workers, **kwargs)


def to_hf_dataset(dataset: PackedDataset) -> Any:
    """The packed rows as a ``datasets.Dataset`` (columns ``input_ids``, ``labels``, ``seq_lengths``).

    TRL's ``SFTTrainer`` only accepts ``datasets`` datasets. ``seq_lengths`` is the column TRL's own
    BFD packing emits and keeps through column removal; :class:`PackedCollator` turns it into
    ``position_ids`` and varlen fields. Built with vectorised Arrow list arrays (no Python loop over
    rows); like TRL's ``pack_dataset`` it materialises the packed tokens in memory.

    Example:
        >>> hf = to_hf_dataset(PackedDataset(store, max_length=4096))  # doctest: +SKIP
        >>> SFTTrainer(model, args=SFTConfig(dataset_kwargs={"skip_prepare_dataset": True}),
        ...            train_dataset=hf, data_collator=PackedCollator())  # doctest: +SKIP
    """
    import datasets
    import pyarrow as pa

    plan = dataset.plan
    lo = dataset._item_lo
    lens = plan.length
    starts_in_flat = np.repeat(np.cumsum(lens) - lens, lens)
    idx = np.repeat(lo, lens) + (np.arange(int(lens.sum())) - starts_in_flat)
    ids = dataset.store.input_ids[idx].astype(np.int64)
    labels = np.where(dataset.store.train_mask[idx].astype(bool), ids, IGNORE_INDEX)
    token_offsets = np.concatenate([[0], np.cumsum(plan.row_lengths())]).astype(np.int32)
    table = pa.table(
        {
            "input_ids": pa.ListArray.from_arrays(token_offsets, pa.array(ids)),
            "labels": pa.ListArray.from_arrays(token_offsets, pa.array(labels)),
            "seq_lengths": pa.ListArray.from_arrays(plan.row_offsets.astype(np.int32), pa.array(lens.astype(np.int64))),
        }
    )
    return datasets.Dataset(table)
