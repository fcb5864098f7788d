"""A build killed at any point (SIGKILL, Ctrl-C) and rerun gives exactly the uninterrupted build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from bench.corpus import write_corpus
from mot.layout import BuildLayout
from mot.stats import query
from tests.test_build import digest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def recipe(tmp_path_factory) -> Path:
    # Big enough that each of the 2 tasks runs for seconds: kills land mid-task.
    return write_corpus(tmp_path_factory.mktemp("corpus"), traces=3000, seed=1, length_scale=0.05)


def start_build(recipe: Path, output: Path) -> subprocess.Popen[str]:
    """``mot build`` in its own process group, as a terminal runs it."""
    command = [sys.executable, "-c", "from mot.cli import run; run()", "build", "--recipe", str(recipe), "-o", str(output), "--tasks", "2"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True, env=env)


def run_build(recipe: Path, output: Path) -> subprocess.CompletedProcess[str]:
    proc = start_build(recipe, output)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err[-3000:]
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def wait_for(condition: Callable[[], bool], proc: subprocess.Popen[str], timeout_s: float = 300) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert proc.poll() is None, f"the build ended before the kill point: {proc.communicate()[1][-2000:]}"
        assert time.monotonic() < deadline, "kill point never reached"
        time.sleep(0.02)


def outcome(output: Path) -> tuple[dict[str, str], list[tuple]]:
    """The dataset bytes and every trace's ledger record (one per trace, checked)."""
    for path in output.rglob("*.parquet"):
        pq.ParquetFile(path)  # raises on a footer-less file left by a killed writer
    records = sorted(query(output, "SELECT id, kept, stage, reason FROM ledger").rows)
    assert len(records) == len({r[0] for r in records}), "one ledger record per trace"
    return digest(output / "data"), records


@pytest.fixture(scope="module")
def clean(recipe, tmp_path_factory):
    output = tmp_path_factory.mktemp("clean") / "out"
    run_build(recipe, output)
    return outcome(output)


def task_started(layout: BuildLayout) -> bool:
    return any(layout.logs.glob("tasks-*/logs/task_*.log"))


KILL_POINTS = {
    "tasks just started": task_started,
    "first pool file": lambda layout: any(layout.pool.glob("*/*.parquet")),
    "one task completed": lambda layout: any(layout.logs.glob("tasks-*/completions/*")),
    "dataset being written": lambda layout: layout.data.exists(),
}


@pytest.mark.slow
@pytest.mark.parametrize("point", sorted(KILL_POINTS))
def test_sigkill_then_rerun_equals_a_clean_build(recipe, clean, tmp_path, point):
    output = tmp_path / "out"
    layout = BuildLayout(output)
    proc = start_build(recipe, output)
    wait_for(lambda: KILL_POINTS[point](layout), proc)
    os.killpg(proc.pid, signal.SIGKILL)  # the whole group: datatrove's pool workers and verifier children too
    proc.wait()
    run_build(recipe, output)
    assert outcome(output) == clean


@pytest.mark.slow
def test_ctrl_c_exits_cleanly_and_the_rerun_resumes(recipe, clean, tmp_path):
    output = tmp_path / "out"
    proc = start_build(recipe, output)
    wait_for(lambda: task_started(BuildLayout(output)), proc)
    time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends: every process of the group
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "interrupted: rerun the same command to resume" in err
    assert "Traceback" not in err + out, err[-3000:]
    run_build(recipe, output)
    assert outcome(output) == clean
