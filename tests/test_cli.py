"""The CLI as a user runs it: a real subprocess, exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.corpus import write_corpus


def mot(*args: str, cwd=None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from mot.cli import run; run()", *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    recipe = write_corpus(root / "corpus")
    result = mot("build", "--recipe", str(recipe), "--output", str(root / "out"), "--domains", "math,code", "--tasks", "1")
    assert result.returncode == 0, result.stderr
    return root / "out", result


def test_build_prints_a_funnel_summary(built):
    _, result = built
    lines = result.stdout.splitlines()
    assert any(line.startswith("math") and "wrong_answer 1" in line for line in lines)
    assert any(line.startswith("total") and "traces/s" in line for line in lines)


def test_stats_and_query(built):
    out, _ = built
    stats = mot("stats", str(out))
    assert stats.returncode == 0 and "funnel (read = kept + dropped)" in stats.stdout and "wrong_answer" in stats.stdout
    report = json.loads(mot("stats", str(out), "--json").stdout)
    funnel = {r["domain"]: r for r in report["funnel"]}
    assert all(r["read"] == r["kept"] + r["dropped"] for r in funnel.values())
    result = mot("query", str(out), "SELECT reason, count(*) AS n FROM ledger WHERE NOT kept GROUP BY reason ORDER BY reason")
    assert result.returncode == 0 and "malformed_row" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["build", "--domains", "physics"], "unknown domain"),
        (["build", "--recipe", "/nonexistent/recipe.yaml"], "recipe file not found"),
        (["query", ".", "SELECT 1"], "no dataset here"),
    ],
)
def test_user_errors_are_one_line_and_exit_2(tmp_path, args, message):
    result = mot(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr


def test_bad_sql_is_a_clear_error(built):
    result = mot("query", str(built[0]), "SELEC nonsense")
    assert result.returncode == 2 and "query failed" in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1


def test_pack_prints_the_plan_as_json(built):
    out, _ = built
    result = mot("pack", str(out), "--max-length", "4096")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    rows = mot("query", str(out), "SELECT count(*) AS n FROM dataset").stdout.split()[-1]
    assert report["sequences"] == int(rows) and report["longest_row"] <= 4096 and 0 < report["fill_ratio"] <= 1
