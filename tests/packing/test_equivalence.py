"""A packed batch equals the same sequences run separately — and provably fails without boundaries."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from mot.packing.collator import CollatorConfig, PackedCollator  # noqa: E402
from mot.packing.loader import PackedDataset  # noqa: E402
from mot.packing.store import TokenizedStore  # noqa: E402
from mot.packing.tokenize import TokenizedExample, tokenize_conversation  # noqa: E402

from .conftest import make_conversation  # noqa: E402

LOSS_TOL, LOGIT_TOL = 1e-5, 1e-4


def tiny_qwen2(impl: str, vocab_size: int):
    torch.manual_seed(0)
    # initializer_range 0.2 (not 0.02) so random logits are far from uniform and mixing shows up in the loss
    cfg = transformers.Qwen2Config(
        vocab_size=vocab_size, hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=4,
        num_key_value_heads=2, max_position_embeddings=1024, use_cache=False, attn_implementation=impl,
        initializer_range=0.2,
    )
    return transformers.Qwen2ForCausalLM(cfg).eval()


@pytest.fixture(scope="module")
def packed_row(tokenizer):
    import random

    rng = random.Random(1)
    real = [tokenize_conversation(tokenizer, make_conversation(rng, 30)) for _ in range(5)]
    # Real assistant-only labels, with token ids remapped to a compact vocab so the tiny model is
    # small (the model never cares which ids they are).
    vocab = {t: i for i, t in enumerate(sorted({t for e in real for t in e.input_ids}))}
    examples = [
        TokenizedExample([vocab[t] for t in e.input_ids], [vocab[t] if t != -100 else -100 for t in e.labels]) for e in real
    ]
    store = TokenizedStore.from_examples([(e.input_ids, e.labels) for e in examples])
    ds = PackedDataset(store, max_length=int(store.lengths.sum()))  # all five in one row
    assert len(ds) == 1 and ds.plan.num_items == 5
    in_row_order = [examples[i] for i in ds.plan.seq.tolist()]  # BFD puts longest first
    return ds[0], in_row_order, len(vocab)


def separate(model, examples):
    logits, loss_sum, n = [], 0.0, 0
    with torch.no_grad():
        for e in examples:
            ids = torch.tensor([e.input_ids])
            out = model(input_ids=ids)
            logits.append(out.logits[0])
            labels = torch.tensor(e.labels[1:])
            loss_sum += torch.nn.functional.cross_entropy(out.logits[0, :-1], labels, ignore_index=-100, reduction="sum").item()
            n += int((labels != -100).sum())
    return torch.cat(logits), loss_sum / n


@pytest.mark.parametrize("impl", ["sdpa", "eager"])
def test_packed_equals_separate(impl, packed_row, tokenizer) -> None:
    row, examples, vocab_size = packed_row
    model = tiny_qwen2(impl, vocab_size)
    batch = PackedCollator()([row])
    ref_logits, ref_loss = separate(model, examples)
    with torch.no_grad():
        out = model(**batch)
    logit_err = (out.logits[0] - ref_logits).abs().max().item()
    loss_err = abs(out.loss.item() - ref_loss)
    print(f"{impl}: max |logit diff| {logit_err:.2e}, |loss diff| {loss_err:.2e}")
    assert logit_err <= LOGIT_TOL and loss_err <= LOSS_TOL
    # the same sequences in padded mode give the same loss too
    with torch.no_grad():
        padded = model(**PackedCollator(CollatorConfig(mode="padded", pad_token_id=0))([row]))
    assert abs(padded.loss.item() - ref_loss) <= LOSS_TOL


@pytest.mark.parametrize("impl", ["sdpa", "eager"])
def test_equivalence_check_fails_without_boundaries(impl, packed_row, tokenizer) -> None:
    row, examples, vocab_size = packed_row
    model = tiny_qwen2(impl, vocab_size)
    batch = PackedCollator()([row])
    ref_logits, ref_loss = separate(model, examples)
    ids = batch["input_ids"]
    broken = {
        "positions do not restart": dict(input_ids=ids, labels=batch["labels"], position_ids=torch.arange(ids.shape[1])[None]),
        "all-ones attention mask": dict(input_ids=ids, labels=batch["labels"], position_ids=batch["position_ids"], attention_mask=torch.ones_like(ids)),
        "use_cache left on": dict(input_ids=ids, labels=batch["labels"], position_ids=batch["position_ids"], use_cache=True),
    }
    for name, kwargs in broken.items():
        with torch.no_grad():
            out = model(**kwargs)
        assert (out.logits[0] - ref_logits).abs().max().item() > 100 * LOGIT_TOL, name
        assert abs(out.loss.item() - ref_loss) > 100 * LOSS_TOL, name
