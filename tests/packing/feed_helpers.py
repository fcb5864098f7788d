"""Shared by the feed tests and the torchrun worker: a store whose sequences carry their own id.

Sequence ``k`` starts with token ``k`` (and no other sequence's token is below ``NUM_SEQUENCES``), so the
first token of every packed sequence a model receives names it: counting what a trainer feeds the model
needs no access to the trainer's sampler.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import torch
import transformers

from mot.packing.store import TokenizedStore

NUM_SEQUENCES = 99
VOCAB = 512
MAX_LENGTH = 256
DOCS = Path(__file__).resolve().parents[2] / "docs" / "packing.md"


def tagged_store(n: int = NUM_SEQUENCES, seed: int = 0) -> TokenizedStore:
    rng = np.random.default_rng(seed)
    examples = []
    for k in range(n):
        length = int(rng.integers(8, 120))
        ids = np.concatenate([[k], rng.integers(n, VOCAB, length - 1)])
        examples.append((ids, np.where(np.arange(length) >= length // 2, ids, -100)))
    return TokenizedStore.from_examples(examples)


def tiny_model(seed: int = 0) -> transformers.PreTrainedModel:
    torch.manual_seed(seed)
    cfg = transformers.Qwen2Config(
        vocab_size=VOCAB, hidden_size=16, intermediate_size=32, num_hidden_layers=1, num_attention_heads=2,
        num_key_value_heads=1, attn_implementation="sdpa", use_cache=False,
    )
    return transformers.Qwen2ForCausalLM(cfg)


def sequence_ids(input_ids: torch.Tensor, position_ids: torch.Tensor) -> list[int]:
    """The ids of the packed sequences in one padding-free batch (first token at every position 0)."""
    return input_ids.reshape(-1)[position_ids.reshape(-1) == 0].tolist()


def record_batches(model: torch.nn.Module) -> list[list[int]]:
    """Attach a forward pre-hook that appends the sequence ids of every batch ``model`` is called on."""
    batches: list[list[int]] = []

    def hook(module: torch.nn.Module, args: tuple, kwargs: dict[str, Any]) -> None:
        batches.append(sequence_ids(kwargs["input_ids"], kwargs["position_ids"]))

    model.register_forward_pre_hook(hook, with_kwargs=True)
    return batches


def docs_block(heading: str) -> str:
    """The first ```python block under ``## heading`` in docs/packing.md."""
    text = DOCS.read_text()
    section = text[text.index(f"## {heading}") :]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, f"no python block under {heading!r}"
    return match.group(1)


def run_docs_loop(model: torch.nn.Module, dataset: Any, *, epochs: int, start_epoch: int = 0, resume_step: int = 0) -> dict[str, Any]:
    """Execute the docs' plain-loop block as written; returns its globals (``resume_state`` etc.)."""
    scope = {
        "model": model, "dataset": dataset, "epochs": epochs, "start_epoch": start_epoch, "resume_step": resume_step,
        "opt": torch.optim.SGD(model.parameters(), lr=1e-3),
    }
    exec(compile(docs_block("Plain PyTorch loop"), str(DOCS), "exec"), scope)
    return scope
