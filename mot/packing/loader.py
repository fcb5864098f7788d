"""Torch Dataset/Sampler pair over a planned, tokenized dataset.

* :class:`PackedDataset` — item ``r`` is packed row ``r`` of the plan (``input_ids``, ``labels``,
  ``position_ids``), so it works as ``Trainer(train_dataset=...)`` / ``SFTTrainer`` (one item = one
  row; build it with :meth:`PackedDataset.for_trainer`) and :class:`~mot.packing.collator.PackedCollator`.
* :class:`PackedBatchSampler` — for plain loops: per-epoch row shuffle deterministic for
  ``(seed, epoch)``, DDP sharding (disjoint rows, equal step count on every rank) and resume at a step.

The dataset balances its plan to a multiple of ``world_size * rows_per_step`` rows by splitting a few
multi-sequence rows (world size from the process group or, before it is up, the launcher's
environment), so no rank ever repeats or misses a row: not in the sampler, which refuses a row count
it cannot split evenly, and not under HF Trainer/accelerate, whose sampler would otherwise complete
the last step by repeating rows.

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

import os
from typing import Any, Iterator

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, Sampler

from mot.packing.collator import CollatorConfig, PackedCollator
from mot.packing.plan import DEFAULT_MAX_LENGTH, Overflow, PackingError, PackPlan, balance_rows, plan_packing, rank_steps
from mot.packing.store import TokenizedStore
from mot.packing.tokenize import IGNORE_INDEX


def dist_info() -> tuple[int, int]:
    """``(rank, world_size)`` of this process.

    From torch.distributed when the process group is up; otherwise from the launcher's environment
    (``RANK``/``WORLD_SIZE``, set by torchrun, accelerate and deepspeed; ``LOCAL_RANK`` when ``RANK`` is
    absent), so a dataset built *before* ``init_process_group`` (or before HF ``Trainer`` starts it)
    is still planned for the real world size; ``(0, 1)`` when neither is there.
    """
    if torch.distributed.is_available() and torch.distributed.is_initialized():
        return torch.distributed.get_rank(), torch.distributed.get_world_size()
    env = os.environ
    try:
        world_size = int(env.get("WORLD_SIZE", "1"))
        rank = int(env.get("RANK", env.get("LOCAL_RANK", "0")))
    except ValueError as e:
        raise PackingError(f"launcher environment is not numeric: WORLD_SIZE/RANK/LOCAL_RANK ({e})") from None
    if world_size < 1 or not 0 <= rank < world_size:
        raise PackingError(f"launcher environment is inconsistent: RANK={rank} not in [0, WORLD_SIZE={world_size})")
    return rank, world_size


class PackedDataset(Dataset):
    """Packed rows of ``store`` planned with global BFD, balanced so every rank gets the same steps.

    Args:
        store: tokenized sequences (see :func:`mot.packing.store.build_store`).
        max_length: tokens per row (default 32768).
        seed: tie-break seed of the plan (row *order* is the sampler's business).
        overflow: ``"error"`` (default), ``"drop"`` or ``"split"`` for sequences over ``max_length``.
        world_size: ranks that share the rows; default: :func:`dist_info` (process group, else the
            launcher's ``WORLD_SIZE``).
        rows_per_step: rows each rank takes per step (= ``per_device_train_batch_size`` under HF
            ``Trainer``/TRL; see :meth:`for_trainer`). The plan is balanced to a multiple of
            ``world_size * rows_per_step`` rows, or refused with :class:`PackingError`.
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
        self.world_size = dist_info()[1] if world_size is None else world_size
        self.rows_per_step = rows_per_step
        if plan is None:
            plan = plan_packing(store.lengths, max_length=max_length, seed=seed, overflow=overflow)
        self.plan = balance_rows(plan, self.world_size * rows_per_step)
        # absolute token offsets of every planned item, precomputed so __getitem__ is pure slicing
        self._item_lo = store.offsets[self.plan.seq] + self.plan.start

    @classmethod
    def for_trainer(cls, store: TokenizedStore, args: Any, **kwargs: Any) -> "PackedDataset":
        """A dataset balanced for HF ``TrainingArguments``/TRL ``SFTConfig`` ``args``.

        accelerate gives each rank ``per_device_train_batch_size`` rows per step and completes a short
        last step by *repeating* rows from the start of the epoch; a plan of a multiple of
        ``args.world_size * args.per_device_train_batch_size`` rows never needs that.

        Example:
            >>> args = SFTConfig("out/run", per_device_train_batch_size=2)  # doctest: +SKIP
            >>> dataset = PackedDataset.for_trainer(store, args, max_length=32768)  # doctest: +SKIP
        """
        return cls(store, world_size=args.world_size, rows_per_step=args.per_device_train_batch_size, **kwargs)

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

    Equal step count on every rank, disjoint rows across ranks, and the union over ranks is every row;
    ``num_rows`` must be a multiple of ``world_size * rows_per_step`` (PackedDataset balances its plan
    to one), else :class:`PackingError`: no row is ever silently left out.

    Resume: ``start_step`` (steps already taken in ``epoch``) or :meth:`load_state_dict` skips those
    steps of *that* epoch only; :meth:`set_epoch` for a later epoch starts it at step 0.

    Example:
        >>> s = PackedBatchSampler(8, seed=1, world_size=2, rank=1, rows_per_step=2, epoch=1, start_step=1)
        >>> s.set_epoch(1); len(s), len(list(s))  # resumed epoch: step 0 of 2 already done
        (1, 1)
        >>> s.set_epoch(2); len(s)  # the next epoch is whole
        2
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
        self.steps_per_epoch = len(rank_steps(num_rows, seed=seed, epoch=0, rank=self.rank, world_size=self.world_size, rows_per_step=rows_per_step))
        self.epoch = epoch
        self._resume_at(epoch, start_step)

    def _resume_at(self, epoch: int, step: int) -> None:
        if not 0 <= step <= self.steps_per_epoch:
            raise ValueError(f"start_step {step} not in [0, {self.steps_per_epoch}] (steps per epoch)")
        self.resume_epoch, self.resume_step = epoch, step

    @property
    def start_step(self) -> int:
        """Steps of the current epoch to skip: the resume point when this is its epoch, else 0."""
        return self.resume_step if self.epoch == self.resume_epoch else 0

    def set_epoch(self, epoch: int) -> None:
        """Reshuffle rows for ``epoch``; the resume offset applies only to the epoch it was taken in."""
        self.epoch = epoch

    def steps(self) -> list[list[int]]:
        return rank_steps(
            self.num_rows, seed=self.seed, epoch=self.epoch, rank=self.rank, world_size=self.world_size, rows_per_step=self.rows_per_step
        )

    def __iter__(self) -> Iterator[list[int]]:
        yield from self.steps()[self.start_step :]

    def __len__(self) -> int:
        return self.steps_per_epoch - self.start_step

    def state_dict(self, steps_done: int) -> dict[str, int]:
        """State to resume after ``steps_done`` steps of the current epoch (counted from its step 0)."""
        return {"seed": self.seed, "epoch": self.epoch, "step": steps_done, "world_size": self.world_size, "rows_per_step": self.rows_per_step}

    def load_state_dict(self, state: dict[str, int]) -> None:
        """Resume from :meth:`state_dict`; refuses a state saved under another world size or rows per step
        (its step count would point at different rows)."""
        for key in ("world_size", "rows_per_step"):
            if key in state and state[key] != getattr(self, key):
                raise PackingError(f"resume state was saved with {key}={state[key]}, this run has {getattr(self, key)}")
        self.seed, self.epoch = state["seed"], state["epoch"]
        self._resume_at(state["epoch"], state["step"])


def build_dataloader(
    dataset: PackedDataset,
    collator: PackedCollator | None = None,
    *,
    seed: int = 0,
    epoch: int = 0,
    start_step: int = 0,
    rows_per_step: int | None = None,
    rank: int | None = None,
    world_size: int | None = None,
    num_workers: int = 0,
    **kwargs: Any,
) -> DataLoader:
    """A DataLoader for a plain training loop (DDP-aware, resumable).

    ``rows_per_step`` defaults to the one the dataset was balanced for; rank and world size to
    :func:`dist_info`. ``epoch``/``start_step`` are the resume point (see :class:`PackedBatchSampler`).

    Example:
        >>> loader = build_dataloader(ds, epoch=start_epoch, start_step=resume_step)  # doctest: +SKIP
        >>> for epoch in range(start_epoch, 2):  # doctest: +SKIP
        ...     loader.batch_sampler.set_epoch(epoch)
        ...     for batch in loader: loss = model(**batch, use_cache=False).loss
    """
    sampler = PackedBatchSampler(
        len(dataset),
        seed=seed,
        rank=rank,
        world_size=world_size,
        rows_per_step=dataset.rows_per_step if rows_per_step is None else rows_per_step,
        epoch=epoch,
        start_step=start_step,
    )
    return DataLoader(dataset, batch_sampler=sampler, collate_fn=collator or PackedCollator(CollatorConfig()), num_workers=num_workers, **kwargs)


def to_hf_dataset(dataset: PackedDataset) -> Any:
    """The packed rows as a ``datasets.Dataset`` (columns ``input_ids``, ``labels``, ``seq_lengths``).

    TRL's ``SFTTrainer`` only accepts ``datasets`` datasets. ``seq_lengths`` is the column TRL's own
    BFD packing emits and keeps through column removal; :class:`PackedCollator` turns it into
    ``position_ids`` and varlen fields. Built with vectorised Arrow list arrays (no Python loop over
    rows); like TRL's ``pack_dataset`` it materialises the packed tokens in memory.

    Example:
        >>> args = SFTConfig("out/run", bf16=False, max_length=None, dataset_kwargs={"skip_prepare_dataset": True})  # doctest: +SKIP
        >>> hf = to_hf_dataset(PackedDataset.for_trainer(store, args, max_length=4096))  # doctest: +SKIP
        >>> SFTTrainer(model, args=args, train_dataset=hf, data_collator=PackedCollator())  # doctest: +SKIP
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
