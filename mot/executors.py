"""Pick the datatrove executor that runs the build's per-row pipeline: local, Ray or Slurm.

The pipeline, task split and outputs are the same whichever runs it; only the scheduler differs.
datatrove's executors do the scheduling and skip tasks already marked completed in the logging
dir, which is what makes an interrupted build resumable everywhere.

Example (render the Slurm job without submitting it):
    >>> opts = ExecutorOptions(slurm_partition="cpu", slurm_time="02:00:00")
    >>> executor = make_executor("slurm", [], tasks=8, workers=None, logging_dir="/tmp/mot-logs", options=opts)
    >>> "#SBATCH --partition=cpu" in sbatch_script(executor)
    True
"""

from __future__ import annotations

import os
import re
import signal
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path

from datatrove.executor import LocalPipelineExecutor, RayPipelineExecutor, SlurmPipelineExecutor
from datatrove.executor.base import PipelineExecutor
from datatrove.pipeline.base import PipelineStep
from multiprocess import parent_process

from mot.deadline import allow_fork
from mot.defaults import EXECUTORS

# sbatch --time formats: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS
_SLURM_TIME = re.compile(r"^(\d+|\d+:\d{2}|\d+:\d{2}:\d{2}|\d+-\d+(:\d{2}){0,2})$")


class ExecutorError(ValueError):
    """The executor options are inconsistent or incomplete; the message names the option."""


@dataclass(frozen=True)
class ExecutorOptions:
    """What the non-local executors need; Slurm fields left ``None`` take the defaults below."""

    ray_address: str | None = None
    slurm_partition: str | None = None
    slurm_time: str | None = None
    slurm_cpus: int | None = None
    slurm_mem_gb: int | None = None
    slurm_job_name: str = "mot-build"
    slurm_sbatch_args: dict[str, str] = field(default_factory=dict)
    venv_path: str | None = None


SLURM_DEFAULTS = {"slurm_time": "04:00:00", "slurm_cpus": 1, "slurm_mem_gb": 4}


class QuietLocalExecutor(LocalPipelineExecutor):
    """datatrove's local executor, except that pool workers leave Ctrl-C to the main process.

    A terminal sends SIGINT to every process of the group; without this each worker prints a
    KeyboardInterrupt traceback while the main process is already tearing the pool down. Pool
    workers also fork their deadline workers (:func:`mot.deadline.allow_fork`).
    """

    def _launch_run_for_rank(self, rank: int, ranks_q, completed=None, completed_lock=None):  # noqa: ANN001 (datatrove's signature)
        if parent_process() is not None:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            # A pool worker, forked from a fresh server process: its only threads are the pipeline's
            # own, so the verifiers' deadline workers may be forked from it (milliseconds, nothing
            # imported again) instead of started as fresh interpreters.
            allow_fork()
        return super()._launch_run_for_rank(rank, ranks_q, completed, completed_lock)

    def _run_for_rank(self, rank: int, local_rank: int = 0, node_rank: int = -1):  # noqa: ANN201 (datatrove's signature)
        # datatrove logs every task to the console at INFO (its pipeline, its stats) unless
        # local_rank != 0, which keeps errors only; take that path when LOGURU_LEVEL is above INFO
        # (mot build sets WARNING unless -v), so the task log files keep everything either way.
        if _console_level() > _INFO:
            local_rank = max(local_rank, 1)
        return super()._run_for_rank(rank, local_rank, node_rank)


class RayExecutor(RayPipelineExecutor):
    """datatrove's Ray executor, except that the pool workers it forks die when told to.

    Each Ray worker runs its ranks in a ``multiprocess`` pool forked from itself and ends the pool
    with ``Pool.terminate()``, i.e. SIGTERM. A forked pool worker inherits Ray's SIGTERM handler,
    which starts a graceful shutdown of a Ray core worker that does not exist in the fork; when the
    signal lands in a garbage-collection callback, the handler's ``SystemExit`` is swallowed, the
    pool worker lives on and the Ray task waits for it forever (``mot build --executor ray`` hung
    after its tasks had finished). A pool worker takes the default action instead: it ends.
    """

    def _run_for_rank(self, rank: int, local_rank: int = 0, node_rank: int = -1):  # noqa: ANN201 (datatrove's signature)
        if parent_process() is not None:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
        return super()._run_for_rank(rank, local_rank, node_rank)


_INFO = 20


def _console_level() -> int:
    """The severity LOGURU_LEVEL asks for (a name or a number; INFO when unset or unknown)."""
    from loguru import logger

    value = os.environ.get("LOGURU_LEVEL", "INFO")
    try:
        return int(value) if value.isdigit() else logger.level(value.upper()).no
    except ValueError:
        return _INFO


def _current_venv_activate() -> str | None:
    """The ``activate`` script of the running virtual environment (the Slurm job sources it)."""
    activate = Path(sys.prefix) / "bin" / "activate"
    return str(activate) if sys.prefix != sys.base_prefix and activate.is_file() else None


def validate(kind: str, options: ExecutorOptions) -> None:
    """Raise :class:`ExecutorError` naming the first bad or misplaced option."""
    if kind not in EXECUTORS:
        raise ExecutorError(f"--executor must be one of {', '.join(EXECUTORS)}, not {kind!r}")
    slurm_set = [f.name for f in fields(options) if f.name.startswith("slurm_") and f.name not in ("slurm_job_name", "slurm_sbatch_args") and getattr(options, f.name) is not None]
    if kind != "slurm" and slurm_set:
        raise ExecutorError(f"--{slurm_set[0].replace('_', '-')} needs --executor slurm")
    if kind != "ray" and options.ray_address:
        raise ExecutorError("--ray-address needs --executor ray")
    if kind == "slurm":
        if not options.slurm_partition:
            raise ExecutorError("--executor slurm needs --slurm-partition")
        time = options.slurm_time or SLURM_DEFAULTS["slurm_time"]
        if not _SLURM_TIME.match(time):
            raise ExecutorError(f"--slurm-time {time!r} is not a Slurm time (e.g. 04:00:00 or 1-12:00:00)")
        for name in ("slurm_cpus", "slurm_mem_gb"):
            value = getattr(options, name)
            if value is not None and value < 1:
                raise ExecutorError(f"--{name.replace('_', '-')} must be at least 1")
    if kind == "ray":
        try:
            import ray  # noqa: F401
        except ImportError as err:
            raise ExecutorError("--executor ray needs Ray: pip install 'mot[ray]'") from err


def make_executor(kind: str, pipeline: list[PipelineStep], tasks: int, workers: int | None, logging_dir: str | Path,
                  options: ExecutorOptions) -> PipelineExecutor:
    """The datatrove executor of ``kind`` for ``pipeline`` split into ``tasks`` tasks.

    ``workers`` bounds how many tasks run at once (``None``: local → one per core, Ray/Slurm → no bound).
    Nothing is started or submitted here.
    """
    validate(kind, options)
    if kind == "local":
        return QuietLocalExecutor(pipeline=pipeline, tasks=tasks, workers=workers or -1, logging_dir=str(logging_dir))
    if kind == "ray":
        return RayExecutor(pipeline=pipeline, tasks=tasks, workers=workers or -1, logging_dir=str(logging_dir))
    return SlurmPipelineExecutor(
        pipeline=pipeline,
        tasks=tasks,
        workers=workers or -1,
        logging_dir=str(logging_dir),
        partition=options.slurm_partition,
        time=options.slurm_time or SLURM_DEFAULTS["slurm_time"],
        cpus_per_task=options.slurm_cpus or SLURM_DEFAULTS["slurm_cpus"],
        mem_per_cpu_gb=options.slurm_mem_gb or SLURM_DEFAULTS["slurm_mem_gb"],
        job_name=options.slurm_job_name,
        sbatch_args=dict(options.slurm_sbatch_args),
        venv_path=options.venv_path or _current_venv_activate(),
    )


def connect_ray(address: str | None) -> None:
    """Join the Ray cluster at ``address`` (``None``: start a local one) unless already connected."""
    import ray

    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False)


def sbatch_script(executor: SlurmPipelineExecutor) -> str:
    """The sbatch script ``executor.run()`` would submit for all its tasks, without submitting it.

    datatrove builds it in ``launch_job`` from ``get_sbatch_args`` and ``get_launch_file_contents``;
    this calls the same two with the array size and run command ``launch_job`` uses.
    """
    array = min(executor.tasks, executor.max_array_size) if executor.max_array_size != -1 else executor.tasks
    run = f"srun -l -n {executor.nodes_per_task} launch_pickled_pipeline {executor.logging_dir.resolve_paths('executor.pik')}"
    return executor.get_launch_file_contents(executor.get_sbatch_args(array), run)
