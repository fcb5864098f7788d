"""Shared fixtures: paths to the checkout's sample and to ../shared/data (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present")
    return SHARED_DATA


@pytest.fixture(scope="session")
def mixed_build(tmp_path_factory):
    """One build of the mixed corpus (mixture, combine, where: filter), shared by the tests that read it."""
    from mot.build import BuildOptions, build
    from tests.corpus import write_mixed_corpus

    root = tmp_path_factory.mktemp("mixed")
    recipe = write_mixed_corpus(root / "corpus")
    return build(BuildOptions(recipe=recipe, output=root / "out", tasks=1, max_tokens=300)), recipe


@pytest.fixture(scope="session")
def curator_build(tmp_path_factory):
    """A build where every kind of drop evidence occurs (see tests/curator_corpus.py); returns its folder."""
    from mot.build import BuildOptions, build
    from tests.curator_corpus import write_curator_corpus

    root = tmp_path_factory.mktemp("curator")
    recipe = write_curator_corpus(root / "corpus")
    return build(BuildOptions(recipe=recipe, output=root / "out", tasks=1)).output
