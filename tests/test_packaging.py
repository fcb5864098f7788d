"""The wheel ships the bundled sample and recipes, so `mot build` works outside the checkout."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest

from mot.plan import bundled_path, default_recipe
from mot.recipe.parse import load_recipe
from tests.conftest import REPO


def test_default_recipe_resolves_and_names_existing_files():
    recipe = load_recipe(default_recipe())
    assert {"math", "code", "science"} <= set(recipe.domains)
    assert all(p.is_file() for d in recipe.domains.values() for s in d.sources for p in s.paths)


@pytest.mark.slow
def test_wheel_contains_sample_data_and_recipes(tmp_path):
    pytest.importorskip("hatchling")
    source = tmp_path / "src"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".venv", ".git", "mot-out", "__pycache__", ".pytest_cache"))
    subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path / "dist")], cwd=source, check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    recipe = default_recipe().relative_to(REPO).as_posix()
    assert f"mot/_bundled/{recipe}" in names
    for domain in load_recipe(default_recipe()).domains.values():
        for source_spec in domain.sources:
            for path in source_spec.paths:
                assert f"mot/_bundled/{path.relative_to(REPO).as_posix()}" in names
    assert bundled_path("pipelines/sample.yaml") == default_recipe()
    assert {"mot/_vendor/chart.umd.js", "mot/_vendor/chart.js.LICENSE.md", "mot/__main__.py"} <= names  # mot report, python -m mot
