"""``mot build`` as a library call: run the datatrove pipeline, then write the dataset and its card.

Example (a notebook):
    >>> from mot.build import BuildOptions, build
    >>> summary = build(BuildOptions(domains=["math"], output="out"))  # doctest: +SKIP
    >>> summary.kept["math"]  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from datatrove.executor import SlurmPipelineExecutor
from datatrove.executor.base import PipelineExecutor
from datatrove.pipeline.base import PipelineStep

from mot.card import write_card
from mot.dataset import finalize
from mot.executors import ExecutorError, ExecutorOptions, connect_ray, make_executor, sbatch_script
from mot.layout import BuildLayout
from mot.recipe import DomainSpec, Recipe, load_recipe
from mot.stats import stats
from mot.steps.checks import FormatChecks
from mot.steps.ingest import Ingest
from mot.steps.length import TokenLength
from mot.steps.policy import VerificationPolicy
from mot.steps.pool import PoolWriter
from mot.steps.verify_math import MathVerify

DEFAULT_OUTPUT = Path("mot-out")
_CONFIG_FILE = "build.json"


class BuildError(RuntimeError):
    """The build cannot start or did not finish; the message says what to do."""


def bundled_path(relative: str) -> Path:
    """A file shipped with mot (sample data, recipes): inside the wheel, or in the source checkout."""
    for root in (Path(__file__).parent / "_bundled", Path(__file__).resolve().parents[1]):
        if (root / relative).exists():
            return root / relative
    raise BuildError(f"bundled file {relative!r} is missing from this installation")


def default_recipe() -> Path:
    return bundled_path("pipelines/sample.yaml")


@dataclass
class BuildOptions:
    """What ``mot build`` needs; ``None`` means "as the recipe says"."""

    recipe: str | Path | None = None
    output: str | Path = DEFAULT_OUTPUT
    domains: list[str] | None = None
    tasks: int = 2
    workers: int | None = None
    force: bool = False
    max_tokens: int | None = None
    tokenizer: str | None = None
    chat_template: str | None = None
    seed: int | None = None
    executor: str = "local"
    executor_options: ExecutorOptions = field(default_factory=ExecutorOptions)


@dataclass
class BuildSummary:
    output: Path
    recipe: str
    domains: list[str]
    read: dict[str, int]
    kept: dict[str, int]
    dropped: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds: float = 0.0
    # Slurm runs the tasks asynchronously: the job id, and no dataset yet (rerun to finalize).
    submitted_job: str | None = None

    @property
    def balanced(self) -> bool:
        """Every trace read is either kept or dropped with a reason."""
        return all(self.read[d] == self.kept[d] + sum(self.dropped.get(d, {}).values()) for d in self.domains)


def build_pipeline(domains: dict[str, DomainSpec], layout: BuildLayout, max_tokens: int, tokenizer: str, chat_template: str) -> list[PipelineStep]:
    """The per-row stages, in order. Every stage records its drops in ``layout.ledger``."""
    ledger = str(layout.ledger)
    math_timeout = domains["math"].verify.timeout_s if "math" in domains else 10.0
    return [
        Ingest(tuple(s for d in domains.values() for s in d.sources), str(layout.root)),
        FormatChecks(ledger),
        MathVerify(ledger, timeout_s=math_timeout),
        TokenLength(ledger, max_tokens=max_tokens, tokenizer=tokenizer, chat_template=chat_template),
        VerificationPolicy(ledger, {name: d.verify.keep_unverified for name, d in domains.items()}),
        PoolWriter(str(layout.pool)),
    ]


def _fingerprint(recipe: Recipe, domains: list[str], max_tokens: int, tokenizer: str, chat_template: str, seed: int) -> dict[str, object]:
    """What must match for an existing output folder to be resumed rather than rebuilt."""
    files = sorted({p for d in domains for s in recipe.domains[d].sources for p in s.paths})
    digest = hashlib.sha256(recipe.path.read_bytes())
    for path in files:
        stat = path.stat()
        digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return {
        "recipe": str(recipe.path),
        "inputs_sha256": digest.hexdigest(),
        "domains": domains,
        "max_tokens": max_tokens,
        "tokenizer": tokenizer,
        "chat_template": chat_template,
        "seed": seed,
    }


def _prepare_output(layout: BuildLayout, fingerprint: dict[str, object], tasks: int, force: bool) -> None:
    config_path = layout.root / _CONFIG_FILE
    if force and layout.root.exists():
        shutil.rmtree(layout.root)
    if config_path.exists():
        previous = json.loads(config_path.read_text())
        if previous != fingerprint:
            changed = sorted(k for k in fingerprint if previous.get(k) != fingerprint[k])
            raise BuildError(f"{layout.root} holds a build with different {', '.join(changed)}; use --force to rebuild it or choose another --output")
        other = [n for n in layout.started_task_counts() if n != tasks]
        if other:
            raise BuildError(
                f"{layout.root} was started with --tasks {other[0]}; resume with the same count or use --force "
                "(a different task count would split the input differently and duplicate rows)"
            )
    elif layout.root.exists() and any(layout.root.iterdir()):
        raise BuildError(f"{layout.root} exists and is not a mot build; choose another --output or use --force")
    layout.root.mkdir(parents=True, exist_ok=True)
    config_path.write_text(json.dumps(fingerprint, indent=2) + "\n")


def _read_counts(logging_dir: Path) -> dict[str, int]:
    """Traces read per domain, summed over the per-task datatrove stats files."""
    counts: dict[str, int] = {}
    for stats_file in sorted((logging_dir / "stats").glob("*.json")):
        for step in json.loads(stats_file.read_text()):
            for label, value in step.get("stats", {}).items():
                if label.startswith("read:"):
                    total = value["total"] if isinstance(value, dict) else value
                    counts[label[5:]] = counts.get(label[5:], 0) + int(total)
    return counts


def _pipeline_executor(options: BuildOptions, pipeline: list[PipelineStep], layout: BuildLayout) -> PipelineExecutor:
    local_workers = min(options.tasks, os.cpu_count() or 1) if options.executor == "local" else None
    try:
        return make_executor(options.executor, pipeline, options.tasks, options.workers or local_workers,
                             layout.logging_dir(options.tasks), options.executor_options)
    except ExecutorError as err:
        raise BuildError(str(err)) from None


def slurm_script(options: BuildOptions) -> str:
    """The sbatch script ``build(options)`` would submit (``--executor slurm``); nothing is written or run."""
    if options.executor != "slurm":
        raise BuildError("--print-sbatch needs --executor slurm")
    recipe = load_recipe(options.recipe or default_recipe())
    domains = recipe.select(options.domains)
    layout = BuildLayout(Path(options.output).resolve())
    pipeline = build_pipeline(domains, layout, options.max_tokens or recipe.max_tokens, options.tokenizer or recipe.tokenizer,
                              options.chat_template or recipe.chat_template)
    executor = _pipeline_executor(options, pipeline, layout)
    assert isinstance(executor, SlurmPipelineExecutor)
    return sbatch_script(executor)


def build(options: BuildOptions) -> BuildSummary:
    """Run the whole build; resumes an interrupted one in the same output folder.

    With ``executor="slurm"`` the tasks are submitted as a job array and the call returns with
    ``submitted_job`` set; rerunning the same build once the jobs finish writes the dataset.
    """
    started = time.monotonic()
    recipe = load_recipe(options.recipe or default_recipe())
    domains = recipe.select(options.domains)
    if options.tasks < 1:
        raise BuildError("--tasks must be at least 1")
    max_tokens = options.max_tokens or recipe.max_tokens
    tokenizer = options.tokenizer or recipe.tokenizer
    chat_template = options.chat_template or recipe.chat_template
    seed = recipe.seed if options.seed is None else options.seed
    layout = BuildLayout(Path(options.output).resolve())
    _prepare_output(layout, _fingerprint(recipe, list(domains), max_tokens, tokenizer, chat_template, seed), options.tasks, options.force)

    executor = _pipeline_executor(options, build_pipeline(domains, layout, max_tokens, tokenizer, chat_template), layout)
    if options.executor == "ray":
        connect_ray(options.executor_options.ray_address)
    logs = layout.logging_dir(options.tasks) / "logs"
    try:
        executor.run()
    except Exception as err:
        raise BuildError(f"a build task failed: {err} (task logs in {logs})") from err
    if isinstance(executor, SlurmPipelineExecutor) and executor.job_id not in (None, -1):
        return BuildSummary(output=layout.root, recipe=recipe.name, domains=list(domains), read={}, kept={},
                            seconds=time.monotonic() - started, submitted_job=str(executor.job_id))
    unfinished = executor.get_incomplete_ranks(range(options.tasks))
    if unfinished:  # Ray logs failed tasks instead of raising
        raise BuildError(f"{len(unfinished)} of {options.tasks} build tasks did not finish (task logs in {logs}); rerun to retry them")

    kept = finalize(layout, list(domains), seed)
    reports = stats(layout.root)
    write_card(layout, recipe.name, list(domains), reports)
    dropped: dict[str, dict[str, int]] = {}
    for domain, _stage, reason, rows in reports["ledger reasons"].rows:
        if reason != "kept":
            dropped.setdefault(domain, {})[reason] = rows
    read = _read_counts(layout.logging_dir(options.tasks))
    return BuildSummary(
        output=layout.root,
        recipe=recipe.name,
        domains=list(domains),
        read={d: read.get(d, 0) for d in domains},
        kept=kept,
        dropped=dropped,
        seconds=time.monotonic() - started,
    )
