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


def messages_dataset(dataset_dir):
    import datasets

    from mot.packing.store import read_conversations

    conversations, _ = read_conversations(dataset_dir)
    return datasets.Dataset.from_dict({"messages": conversations[:24]}), conversations[:24]


@pytest.mark.slow
def test_trl_assistant_only_loss_on_mot_output(tmp_path, tokenizer, dataset_dir) -> None:
    """TRL tokenizes and masks mot's conversations itself, with mot's generation-marked ChatML: the tokens
    it trains are exactly the ones mot's tokenizer trains, with TRL's packing on, and training runs."""
    trl = pytest.importorskip("trl")
    from mot.packing.templates import CHATML_GENERATION_TEMPLATE
    from mot.packing.tokenize import IGNORE_INDEX, tokenize_conversation
    from mot.tokenizer import load_tokenizer

    tok = load_tokenizer(chat_template=CHATML_GENERATION_TEMPLATE)
    hf, conversations = messages_dataset(dataset_dir)
    cfg = transformers.Qwen2Config(
        vocab_size=len(tok), hidden_size=16, intermediate_size=32, num_hidden_layers=1, num_attention_heads=2,
        num_key_value_heads=1, attn_implementation="sdpa",
    )
    torch.manual_seed(0)
    args = trl.SFTConfig(
        **common_args(tmp_path), assistant_only_loss=True, packing=False, max_length=None, bf16=False, dataset_num_proc=None
    )
    trainer = trl.SFTTrainer(model=transformers.Qwen2ForCausalLM(cfg), args=args, train_dataset=hf, processing_class=tok)
    for row, messages in zip(trainer.train_dataset, conversations):
        ours = tokenize_conversation(tokenizer, messages)  # mot's counting template, mot's own labels
        assert row["input_ids"] == ours.input_ids
        assert row["labels"] == ours.labels
    packed_args = trl.SFTConfig(**common_args(tmp_path), assistant_only_loss=True, packing=True, max_length=512, bf16=False)
    packed = trl.SFTTrainer(model=transformers.Qwen2ForCausalLM(cfg), args=packed_args, train_dataset=hf, processing_class=tok)
    assert sum(label != IGNORE_INDEX for row in packed.train_dataset["labels"] for label in row) == sum(
        sum(label != IGNORE_INDEX for label in tokenize_conversation(tokenizer, m).labels) for m in conversations
    )
    out = packed.train()
    assert out.global_step == 3 and math.isfinite(out.training_loss)


def test_trl_refuses_assistant_only_loss_with_the_counting_template(tmp_path, tokenizer, dataset_dir) -> None:
    """The twin: mot's counting ChatML has no generation markers and TRL cannot patch it."""
    trl = pytest.importorskip("trl")
    hf, _ = messages_dataset(dataset_dir)
    cfg = transformers.Qwen2Config(
        vocab_size=len(tokenizer), hidden_size=16, intermediate_size=32, num_hidden_layers=1, num_attention_heads=2,
        num_key_value_heads=1,
    )
    args = trl.SFTConfig(**common_args(tmp_path), assistant_only_loss=True, max_length=None, bf16=False)
    with pytest.raises(ValueError, match="generation"):
        trl.SFTTrainer(model=transformers.Qwen2ForCausalLM(cfg), args=args, train_dataset=hf, processing_class=tokenizer)


def test_for_trainer_balances_for_the_trainer_batch(tmp_path) -> None:
    ds, _ = setup()
    args = transformers.TrainingArguments(str(tmp_path), per_device_train_batch_size=3, use_cpu=True, report_to=[])
    balanced = PackedDataset.for_trainer(ds.store, args, max_length=128)
    assert (balanced.world_size, balanced.rows_per_step) == (1, 3)
    assert len(balanced) % 3 == 0 and len(ds) % 3 != 0  # the unbalanced plan would make accelerate repeat rows
    assert sorted(balanced.plan.seq.tolist()) == list(range(24))
