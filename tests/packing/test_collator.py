"""Padding-free batches: boundaries, labels, varlen fields, no attention mask."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from mot.packing.collator import CollatorConfig, PackedCollator  # noqa: E402


def rows():
    a = {"input_ids": [11, 12, 13, 21, 22], "labels": [-100, 12, 13, 21, 22], "position_ids": [0, 1, 2, 0, 1]}
    b = {"input_ids": [31, 32, 33, 34], "labels": [31, 32, 33, 34], "position_ids": [0, 1, 2, 3]}
    return [a, b]


def test_padding_free_fields() -> None:
    batch = PackedCollator()(rows())
    assert "attention_mask" not in batch
    assert batch["input_ids"].shape == (1, 9)
    assert batch["position_ids"].tolist() == [[0, 1, 2, 0, 1, 0, 1, 2, 3]]
    assert batch["cu_seq_lens_q"].tolist() == batch["cu_seq_lens_k"].tolist() == [0, 3, 5, 9]
    assert batch["cu_seq_lens_q"].dtype == torch.int32 and batch["seq_idx"].dtype == torch.int32
    assert batch["max_length_q"] == batch["max_length_k"] == 4
    assert batch["seq_idx"].tolist() == [[0, 0, 0, 1, 1, 2, 2, 2, 2]]


def test_no_position_predicts_next_sequence_first_token() -> None:
    batch = PackedCollator()(rows())
    labels, pos = batch["labels"][0], batch["position_ids"][0]
    # HF shifts: position t is trained on labels[t + 1]; a sequence start must never be a target
    for t in range(len(labels) - 1):
        if pos[t + 1] == 0:
            assert labels[t + 1] == -100
    assert labels.tolist() == [-100, 12, 13, -100, 22, -100, 32, 33, 34]


def test_inputs_not_modified() -> None:
    feats = [{k: torch.tensor(v) for k, v in r.items()} for r in rows()]
    PackedCollator()(feats)
    assert feats[0]["labels"].tolist() == [-100, 12, 13, 21, 22]


def test_padded_mode_same_sequences() -> None:
    batch = PackedCollator(CollatorConfig(mode="padded", pad_token_id=0))(rows())
    assert batch["input_ids"].tolist() == [[11, 12, 13, 0], [21, 22, 0, 0], [31, 32, 33, 34]]
    assert batch["attention_mask"].sum().item() == 9
    assert batch["labels"].tolist() == [[-100, 12, 13, -100], [-100, 22, -100, -100], [-100, 32, 33, 34]]


def test_features_without_positions_are_single_sequences() -> None:
    batch = PackedCollator()([{"input_ids": [1, 2, 3]}, {"input_ids": [4, 5]}])
    assert batch["position_ids"].tolist() == [[0, 1, 2, 0, 1]]
    assert batch["labels"].tolist() == [[-100, 2, 3, -100, 5]]
