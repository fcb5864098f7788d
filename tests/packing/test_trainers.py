"""The packed feed drives HF Trainer and TRL SFTTrainer (a couple of CPU steps each)."""

from __future__ import annotations

import math

import numpy as np
import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from mot.packing.collator import PackedCollator  # noqa: E402
from mot.packing.loader import PackedDataset, to_hf_dataset  # noqa: E402
from mot.packing.store import TokenizedStore  # noqa: E402


def setup():
    rng = np.random.default_rng(0)
    examples = []
    for _ in range(24):
        L = int(rng.integers(8, 60))
        ids = rng.integers(0, 128, L)
        examples.append((ids, np.where(np.arange(L) >= L // 2, ids, -100)))
    ds = PackedDataset(TokenizedStore.from_examples(examples), max_length=128)
    cfg = transformers.Qwen2Config(
        vocab_size=128, hidden_size=16, intermediate_size=32, num_hidden_layers=1, num_attention_heads=2,
        num_key_value_heads=1, attn_implementation="sdpa",
    )
    torch.manual_seed(0)
    return ds, transformers.Qwen2ForCausalLM(cfg)


def common_args(tmp_path):
    return dict(
        output_dir=str(tmp_path), max_steps=3, per_device_train_batch_size=1, learning_rate=1e-3, report_to=[],
        save_strategy="no", logging_steps=1, use_cpu=True, dataloader_num_workers=0,
    )


@pytest.mark.slow
def test_hf_trainer(tmp_path) -> None:
    ds, model = setup()
    trainer = transformers.Trainer(
        model=model, args=transformers.TrainingArguments(**common_args(tmp_path)), train_dataset=ds, data_collator=PackedCollator()
    )
    out = trainer.train()
    assert out.global_step == 3 and math.isfinite(out.training_loss)


@pytest.mark.slow
def test_trl_sft_trainer(tmp_path, tokenizer) -> None:
    trl = pytest.importorskip("trl")
    ds, model = setup()
    hf = to_hf_dataset(ds)
    row0 = PackedCollator()([hf[0]])
    ref = PackedCollator()([ds[0]])
    assert all(torch.equal(row0[k], ref[k]) for k in ("input_ids", "labels", "position_ids", "cu_seq_lens_q"))
    args = trl.SFTConfig(**common_args(tmp_path), dataset_kwargs={"skip_prepare_dataset": True}, max_length=None)
    # processing_class is required (else TRL loads one by model name); it is unused on pre-tokenized rows
    trainer = trl.SFTTrainer(model=model, args=args, train_dataset=hf, data_collator=PackedCollator(), processing_class=tokenizer)
    out = trainer.train()
    assert out.global_step == 3 and math.isfinite(out.training_loss)
