"""Packed-sequence training feed: tokenize → plan (BFD) → load (DDP-aware) → collate (padding-free).

Only :mod:`mot.packing.plan`, :mod:`mot.packing.tokenize` and :mod:`mot.packing.templates` are importable without torch; the
torch parts are imported lazily so ``import mot.packing`` (and ``mot pack``) stay torch-free.
"""

from __future__ import annotations

from typing import Any

from mot.packing.plan import PackingError, PackPlan, balance_rows, epoch_row_order, pack_summary, plan_packing, rank_steps
from mot.packing.templates import CHATML_GENERATION_TEMPLATE

_LAZY = {
    "PackedCollator": "mot.packing.collator",
    "CollatorConfig": "mot.packing.collator",
    "PackedDataset": "mot.packing.loader",
    "PackedBatchSampler": "mot.packing.loader",
    "build_dataloader": "mot.packing.loader",
    "to_hf_dataset": "mot.packing.loader",
    "TokenizedStore": "mot.packing.store",
    "build_store": "mot.packing.store",
    "TokenizeConfig": "mot.packing.tokenize",
    "tokenize_conversation": "mot.packing.tokenize",
    "check_packing_support": "mot.packing.guards",
    "install_packing_guard": "mot.packing.guards",
}

__all__ = ["CHATML_GENERATION_TEMPLATE", "PackingError", "PackPlan", "balance_rows", "epoch_row_order", "pack_summary", "plan_packing", "rank_steps", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'mot.packing' has no attribute {name!r}")
