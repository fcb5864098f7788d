"""The same build on Ray as locally; Slurm jobs rendered and validated (no cluster here)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from mot.build import BuildError, BuildOptions, build, slurm_script
from mot.cli import main
from mot.executors import ExecutorError, ExecutorOptions, make_executor, validate
from tests.corpus import write_corpus
from tests.test_build import digest


@pytest.fixture(scope="module")
def recipe(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.mark.slow
def test_ray_build_equals_local_build(recipe, tmp_path):
    ray = pytest.importorskip("ray")
    local = build(BuildOptions(recipe=recipe, output=tmp_path / "local", tasks=2, max_tokens=300))
    ray.init(num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1")
    try:
        on_ray = build(BuildOptions(recipe=recipe, output=tmp_path / "ray", tasks=2, max_tokens=300, executor="ray"))
    finally:
        ray.shutdown()
    assert on_ray.balanced and on_ray.read == local.read and on_ray.kept == local.kept
    assert digest(on_ray.output / "data") == digest(local.output / "data")
    assert digest(on_ray.output / "ledger") == digest(local.output / "ledger")


def test_sbatch_script_renders_the_options(recipe, tmp_path):
    options = ExecutorOptions(slurm_partition="cpu-long", slurm_time="1-12:00:00", slurm_cpus=4, slurm_mem_gb=8)
    script = slurm_script(BuildOptions(recipe=recipe, output=tmp_path / "out", tasks=64, workers=16, executor="slurm", executor_options=options))
    assert script.startswith("#!/bin/bash\n")
    for directive in ["--partition=cpu-long", "--time=1-12:00:00", "--cpus-per-task=4", "--mem-per-cpu=8G", "--array=0-63%16", "--job-name=mot-build"]:
        assert f"#SBATCH {directive}\n" in script
    assert f"launch_pickled_pipeline {tmp_path / 'out' / 'logs' / 'tasks-64' / 'executor.pik'}" in script


def test_print_sbatch_from_the_cli(recipe, tmp_path):
    args = ["build", "--recipe", str(recipe), "-o", str(tmp_path / "out"), "--executor", "slurm", "--slurm-partition", "p", "--print-sbatch"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "#SBATCH --partition=p" in result.output and "#SBATCH --time=04:00:00" in result.output
    assert not (tmp_path / "out" / "data").exists(), "a dry run builds nothing"


@pytest.mark.parametrize(
    ("kind", "options", "message"),
    [
        ("slurm", ExecutorOptions(), "needs --slurm-partition"),
        ("slurm", ExecutorOptions(slurm_partition="p", slurm_time="4 hours"), "is not a Slurm time"),
        ("slurm", ExecutorOptions(slurm_partition="p", slurm_cpus=0), "--slurm-cpus must be at least 1"),
        ("local", ExecutorOptions(slurm_partition="p"), "--slurm-partition needs --executor slurm"),
        ("local", ExecutorOptions(ray_address="auto"), "--ray-address needs --executor ray"),
        ("dask", ExecutorOptions(), "--executor must be one of local, ray, slurm"),
    ],
)
def test_bad_executor_options_are_named(kind, options, message):
    with pytest.raises(ExecutorError, match=message):
        validate(kind, options)


def test_bad_options_are_build_errors(recipe, tmp_path):
    with pytest.raises(BuildError, match="needs --slurm-partition"):
        build(BuildOptions(recipe=recipe, output=tmp_path / "out", executor="slurm"))
    with pytest.raises(BuildError, match="--print-sbatch needs --executor slurm"):
        slurm_script(BuildOptions(recipe=recipe, output=tmp_path / "out"))


def test_local_executor_bounds_workers(tmp_path):
    executor = make_executor("local", [], tasks=8, workers=3, logging_dir=tmp_path, options=ExecutorOptions())
    assert (executor.tasks, executor.workers) == (8, 3)
