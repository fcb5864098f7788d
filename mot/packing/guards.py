"""Fail (or fix, loudly) where packed training would be silently wrong.

Measured on transformers 5.24 (CPU, fp32): a packed row with ``position_ids`` restarting at 0 and no
``attention_mask`` equals separate runs to 2e-7, but sequences silently attend to each other when

* a 2-D ``attention_mask`` is passed (transformers only detects packing when the mask is ``None``),
* ``use_cache`` is left True (packing detection is skipped when a cache exists),
* the attention implementation does not build its mask from ``position_ids``/``cu_seq_lens``,
* the model has linear/conv/mamba layers: their recurrent state crosses sequence boundaries unless
  the kernel receives ``seq_idx``/``cu_seq_lens`` (and uses them; CPU fallbacks often do not).

Example:
    >>> import torch  # doctest: +SKIP
    >>> check_packing_support(model)  # raises PackingError listing the problems  # doctest: +SKIP
    >>> install_packing_guard(model)  # per-forward checks; forces use_cache=False with a warning  # doctest: +SKIP
"""

from __future__ import annotations

import warnings
from typing import Any, Literal

import torch

from mot.packing.collator import CollatorConfig
from mot.packing.plan import PackingError

# Implementations that build a block-diagonal mask from position_ids (sdpa, eager, flex) or take
# varlen boundaries (flash-attention kernels, including hub kernels named "...flash...").
BOUNDARY_AWARE_ATTENTION = {"eager", "sdpa", "flex_attention", "flash_attention_2", "flash_attention_3"}
# Layer types whose state is carried token to token (transformers' ALLOWED_ATTN_LAYER_TYPES names).
STATEFUL_LAYER_TYPES = {"linear_attention", "conv", "hybrid", "hybrid_sliding", "mamba"}
STATEFUL_MODEL_TYPES = {
    "mamba", "mamba2", "falcon_mamba", "jamba", "bamba", "zamba", "zamba2", "falcon_h1", "granitemoehybrid",
    "nemotron_h", "lfm2", "lfm2_moe", "qwen3_next", "qwen3_5", "qwen3_5_moe", "minimax", "rwkv", "recurrent_gemma",
    "xlstm", "plamo2", "kimi_linear", "olmo_hybrid",
}


def _config(model: Any) -> Any:
    return getattr(model, "config", model)


def attention_implementation(model: Any) -> str | None:
    cfg = _config(model)
    return getattr(cfg, "_attn_implementation", None) or getattr(cfg, "attn_implementation", None)


def has_stateful_layers(model: Any) -> bool:
    """True when some layer is linear attention / conv / mamba rather than plain softmax attention."""
    cfg = _config(model)
    configs = [cfg] + [getattr(cfg, name) for name in ("text_config",) if getattr(cfg, name, None) is not None]
    for c in configs:
        if getattr(c, "model_type", None) in STATEFUL_MODEL_TYPES:
            return True
        if STATEFUL_LAYER_TYPES & set(getattr(c, "layer_types", None) or ()):
            return True
    return False


def packing_problems(model: Any, collator: CollatorConfig | Any | None = None) -> list[str]:
    """Everything that would make padding-free packing silently wrong for ``model`` (empty = fine)."""
    problems: list[str] = []
    impl = attention_implementation(model)
    if impl is not None and impl not in BOUNDARY_AWARE_ATTENTION and "flash" not in impl:
        problems.append(
            f"attention implementation {impl!r} does not isolate packed sequences by position_ids/cu_seq_lens; "
            f"use one of {sorted(BOUNDARY_AWARE_ATTENTION)}"
        )
    if has_stateful_layers(model):
        cfg = getattr(collator, "config", collator)
        varlen = cfg is not None and getattr(cfg, "return_seq_idx", False) and getattr(cfg, "return_flash_attn_kwargs", False)
        if not varlen:
            problems.append(
                "model has linear/conv/mamba layers whose state crosses sequence boundaries; they need the varlen "
                "fields (seq_idx, cu_seq_lens_q/k) from the collator and kernels that honour them (CUDA)"
            )
    return problems


def check_packing_support(model: Any, collator: CollatorConfig | Any | None = None, strict: bool = True) -> list[str]:
    """Raise :class:`PackingError` (``strict``) or warn for every problem in :func:`packing_problems`.

    With stateful layers and the varlen fields present, a warning remains: only the CUDA kernels of
    those layers read ``seq_idx``/``cu_seq_lens``.
    """
    problems = packing_problems(model, collator)
    if problems and strict:
        raise PackingError("packing would mix sequences: " + "; ".join(problems))
    for p in problems:
        warnings.warn(p, stacklevel=2)
    if not problems and has_stateful_layers(model):
        warnings.warn("linear/conv/mamba layers isolate packed sequences only in kernels that read seq_idx/cu_seq_lens", stacklevel=2)
    return problems


def is_packed(position_ids: torch.Tensor) -> bool:
    """True when some row of ``position_ids`` restarts (holds more than one sequence)."""
    if position_ids.dim() == 1:
        position_ids = position_ids.unsqueeze(0)
    return bool((position_ids[:, 1:] <= position_ids[:, :-1]).any())


def install_packing_guard(model: torch.nn.Module, on_use_cache: Literal["fix", "error"] = "fix", strict: bool = True) -> Any:
    """Check ``model`` once, then check every packed forward call. Returns the hook handle.

    * packed ``position_ids`` + any ``attention_mask`` → :class:`PackingError` (the mask disables isolation);
    * packed ``position_ids`` + ``use_cache`` on (explicitly or via ``config.use_cache``) → forced to
      False with a one-time warning (``on_use_cache="fix"``) or :class:`PackingError` (``"error"``).

    Example:
        >>> handle = install_packing_guard(model)  # doctest: +SKIP
        >>> model(**batch)  # use_cache forced off for packed batches  # doctest: +SKIP
    """
    check_packing_support(model, CollatorConfig(), strict=strict)
    warned: list[bool] = []

    def hook(module: torch.nn.Module, args: tuple, kwargs: dict) -> tuple[tuple, dict]:
        pos = kwargs.get("position_ids")
        if pos is None or not is_packed(pos):
            return args, kwargs
        if kwargs.get("attention_mask") is not None:
            raise PackingError(
                "packed position_ids with an attention_mask: transformers then ignores the sequence boundaries; "
                "drop the mask (padding-free batches need none)"
            )
        use_cache = kwargs.get("use_cache")
        if use_cache is None:
            use_cache = getattr(getattr(module, "config", None), "use_cache", False)
        if use_cache:
            if on_use_cache == "error":
                raise PackingError("use_cache=True with packed position_ids mixes sequences; pass use_cache=False")
            if not warned:
                warnings.warn("use_cache=True with packed sequences mixes them; forcing use_cache=False", stacklevel=2)
                warned.append(True)
            kwargs = {**kwargs, "use_cache": False}
        return args, kwargs

    return model.register_forward_pre_hook(hook, with_kwargs=True)
