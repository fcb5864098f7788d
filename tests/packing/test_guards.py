"""Guards against silently wrong packing."""

from __future__ import annotations

import types
import warnings

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from mot.packing.collator import CollatorConfig, PackedCollator  # noqa: E402
from mot.packing.guards import check_packing_support, install_packing_guard, packing_problems  # noqa: E402
from mot.packing.plan import PackingError  # noqa: E402


def tiny(use_cache: bool = True):
    cfg = transformers.Qwen2Config(
        vocab_size=100, hidden_size=16, intermediate_size=32, num_hidden_layers=1, num_attention_heads=2,
        num_key_value_heads=1, use_cache=use_cache, attn_implementation="sdpa",
    )
    return transformers.Qwen2ForCausalLM(cfg).eval()


def batch():
    return PackedCollator()([{"input_ids": list(range(1, 9)), "position_ids": [0, 1, 2, 0, 1, 2, 3, 4]}])


def test_use_cache_forced_off_with_warning() -> None:
    model = tiny(use_cache=True)
    b = batch()
    with torch.no_grad():
        ref = model(**b, use_cache=False).logits
        install_packing_guard(model)
        with pytest.warns(UserWarning, match="use_cache"):
            out = model(**b)  # config.use_cache=True would mix sequences
    assert torch.allclose(out.logits, ref)


def test_use_cache_error_mode_and_mask_rejected() -> None:
    model = tiny(use_cache=False)
    install_packing_guard(model, on_use_cache="error")
    b = batch()
    with pytest.raises(PackingError, match="use_cache"):
        model(**b, use_cache=True)
    with pytest.raises(PackingError, match="attention_mask"):
        model(input_ids=b["input_ids"], position_ids=b["position_ids"], attention_mask=torch.ones_like(b["input_ids"]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model(input_ids=b["input_ids"], attention_mask=torch.ones_like(b["input_ids"]))  # not packed: fine


def test_unsupported_attention_implementation() -> None:
    fake = types.SimpleNamespace(config=types.SimpleNamespace(_attn_implementation="paged_attention", model_type="qwen2"))
    with pytest.raises(PackingError, match="paged_attention"):
        check_packing_support(fake)
    ok = types.SimpleNamespace(config=types.SimpleNamespace(_attn_implementation="kernels-community/flash-attn2", model_type="qwen2"))
    assert packing_problems(ok) == []


def test_linear_attention_needs_varlen_fields() -> None:
    hybrid = types.SimpleNamespace(
        config=types.SimpleNamespace(_attn_implementation="sdpa", model_type="x", layer_types=["linear_attention", "full_attention"])
    )
    assert packing_problems(hybrid, CollatorConfig(return_seq_idx=False))
    with pytest.raises(PackingError, match="linear/conv/mamba"):
        check_packing_support(hybrid, None)
    with pytest.warns(UserWarning, match="kernels"):
        assert check_packing_support(hybrid, CollatorConfig()) == []
    mamba = types.SimpleNamespace(config=types.SimpleNamespace(_attn_implementation="eager", model_type="mamba2"))
    assert packing_problems(mamba, None)
