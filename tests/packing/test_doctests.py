"""The docstring examples stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize("name", ["mot.packing.plan", "mot.packing.store", "mot.packing.tokenize", "mot.packing.templates", "mot.packing.collator", "mot.packing.loader"])
def test_module_doctests(name: str) -> None:
    if name in ("mot.packing.collator", "mot.packing.loader"):
        pytest.importorskip("torch")
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0
