"""Every module's docstring examples run and stay true (one test per module of ``mot``)."""

from __future__ import annotations

import doctest
import importlib

import pytest

from tests.conftest import REPO

MODULES = sorted(
    ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
    for path in (REPO / "mot").rglob("*.py")
    if "_bundled" not in path.parts and path.name != "__main__.py"
)


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests(name: str, tmp_path, monkeypatch) -> None:
    if name.startswith("mot.packing.") and name.rsplit(".", 1)[1] in ("collator", "loader", "guards", "tokenize"):
        pytest.importorskip("torch")
    monkeypatch.chdir(tmp_path)  # examples that write files write them here
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
