"""Collate packed rows into padding-free batches (or padded batches, for comparison).

A feature is one packed row: ``input_ids``, ``labels`` and ``position_ids`` restarting at 0 at every
sequence start (that restart is the only boundary marker, so the feature survives HF Trainer's
column removal, which keeps only model-forward argument names). TRL's ``seq_lengths`` column is
accepted instead of ``position_ids``.

Padding-free output (one ``[1, T]`` row holding every sequence of the batch):

* ``labels`` has -100 at the first token of every sequence, so no position is trained to predict one
  sequence's first token from the previous sequence;
* ``position_ids`` restart at 0 per sequence: with no ``attention_mask``, transformers' sdpa/eager/
  flex masks are then block-diagonal (``find_packed_sequence_indices``);
* ``cu_seq_lens_q/k`` (int32), ``max_length_q/k`` (int) and ``seq_idx`` (int32) for flash-attention
  varlen kernels and for linear/conv-attention layers;
* deliberately **no** ``attention_mask``: an all-ones mask disables the packed-sequence detection and
  silently lets sequences attend to each other.

Example:
    >>> import torch
    >>> row = {"input_ids": [5, 6, 7, 8, 9], "labels": [5, 6, 7, 8, 9], "position_ids": [0, 1, 2, 0, 1]}
    >>> b = PackedCollator()([row])
    >>> b["labels"].tolist(), b["cu_seq_lens_q"].tolist(), b["max_length_q"]
    ([[-100, 6, 7, -100, 9]], [0, 3, 5], 3)
    >>> p = PackedCollator(CollatorConfig(mode="padded", pad_token_id=0))([row])
    >>> p["input_ids"].tolist(), p["attention_mask"].tolist()
    ([[5, 6, 7], [8, 9, 0]], [[1, 1, 1], [1, 1, 0]])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Mapping, Sequence

import numpy as np
import torch

from mot.packing.tokenize import IGNORE_INDEX


@dataclass(frozen=True)
class CollatorConfig:
    """Attributes:
    mode: ``"padding_free"`` (default) or ``"padded"`` (one sequence per row, right-padded).
    pad_token_id: used by the padded mode only.
    return_flash_attn_kwargs: emit ``cu_seq_lens_q/k`` and ``max_length_q/k``.
    return_seq_idx: emit ``seq_idx`` (needed by mamba/linear-attention layers).
    pad_to_multiple_of: padded mode: round the row length up (tensor-core friendly shapes).
    """

    mode: Literal["padding_free", "padded"] = "padding_free"
    pad_token_id: int = 0
    return_flash_attn_kwargs: bool = True
    return_seq_idx: bool = True
    pad_to_multiple_of: int | None = None


def _as_np(x: Any) -> np.ndarray:
    if isinstance(x, torch.Tensor):
        return x.numpy()
    return np.asarray(x, dtype=np.int64)


def sequence_starts(position_ids: np.ndarray) -> np.ndarray:
    """Indices where a new sequence starts (position restarts at 0; index 0 always starts one)."""
    starts = np.flatnonzero(position_ids == 0)
    if len(starts) == 0 or starts[0] != 0:
        starts = np.concatenate([[0], starts])
    return starts


class PackedCollator:
    """``data_collator`` for HF ``Trainer``/TRL ``SFTTrainer`` and ``collate_fn`` for a DataLoader.

    Features without ``position_ids`` are treated as one sequence each (so plain tokenized examples
    work too); features without ``labels`` train on every token.
    """

    def __init__(self, config: CollatorConfig = CollatorConfig()) -> None:
        self.config = config

    def __call__(self, features: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
        ids_parts, label_parts, pos_parts = [], [], []
        for f in features:
            ids = _as_np(f["input_ids"]).astype(np.int64, copy=False)
            if len(ids) == 0:
                continue
            labels = _as_np(f["labels"]).astype(np.int64, copy=False) if "labels" in f else ids
            if "position_ids" in f:
                pos = _as_np(f["position_ids"]).astype(np.int64, copy=False)
            elif "seq_lengths" in f:  # TRL's packed-row format
                lens = _as_np(f["seq_lengths"]).astype(np.int64, copy=False)
                pos = np.arange(len(ids), dtype=np.int64) - np.repeat(np.cumsum(lens) - lens, lens)
            else:
                pos = np.arange(len(ids), dtype=np.int64)
            ids_parts.append(ids)
            label_parts.append(labels)
            pos_parts.append(pos)
        if not ids_parts:
            raise ValueError("PackedCollator received a batch where every row is empty")
        ids = np.concatenate(ids_parts)
        labels = np.concatenate(label_parts)  # concatenate copies: editing it never touches the dataset
        pos = np.concatenate(pos_parts)
        # A row boundary is also a sequence boundary even if a feature's positions do not restart.
        row_starts = np.cumsum([0] + [len(p) for p in pos_parts[:-1]])
        starts = np.union1d(sequence_starts(pos), row_starts)
        if not np.array_equal(pos[row_starts], np.zeros(len(row_starts))):
            raise ValueError("every packed row must start with position_ids == 0")
        labels[starts] = IGNORE_INDEX
        if self.config.mode == "padded":
            return self._padded(ids, labels, starts)
        if self.config.mode != "padding_free":
            raise ValueError(f"unknown collator mode {self.config.mode!r}")
        batch: dict[str, Any] = {
            "input_ids": torch.from_numpy(ids).unsqueeze(0),
            "labels": torch.from_numpy(labels).unsqueeze(0),
            "position_ids": torch.from_numpy(pos).unsqueeze(0),
        }
        bounds = np.append(starts, len(ids))
        if self.config.return_flash_attn_kwargs:
            cu = torch.from_numpy(bounds.astype(np.int32))
            max_len = int(np.diff(bounds).max())
            batch.update(cu_seq_lens_q=cu, cu_seq_lens_k=cu.clone(), max_length_q=max_len, max_length_k=max_len)
        if self.config.return_seq_idx:
            seq_idx = np.repeat(np.arange(len(starts), dtype=np.int32), np.diff(bounds))
            batch["seq_idx"] = torch.from_numpy(seq_idx).unsqueeze(0)
        return batch

    def _padded(self, ids: np.ndarray, labels: np.ndarray, starts: np.ndarray) -> dict[str, Any]:
        bounds = np.append(starts, len(ids))
        lens = np.diff(bounds)
        width = int(lens.max())
        m = self.config.pad_to_multiple_of
        if m:
            width = -(-width // m) * m
        n = len(lens)
        out_ids = np.full((n, width), self.config.pad_token_id, dtype=np.int64)
        out_labels = np.full((n, width), IGNORE_INDEX, dtype=np.int64)
        mask = np.zeros((n, width), dtype=np.int64)
        for i, (lo, hi) in enumerate(zip(bounds[:-1], bounds[1:])):
            out_ids[i, : hi - lo] = ids[lo:hi]
            out_labels[i, : hi - lo] = labels[lo:hi]
            mask[i, : hi - lo] = 1
        return {
            "input_ids": torch.from_numpy(out_ids),
            "labels": torch.from_numpy(out_labels),
            "attention_mask": torch.from_numpy(mask),
        }
