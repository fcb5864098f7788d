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

from mot.benchmarks import BenchmarkError, load_benchmark, resolve_benchmark
from mot.card import write_card
from mot.dataset import GlobalStage, finalize
from mot.decontam import DecontamConfig, NgramIndex
from mot.dedup import dedup_manifest
from mot.executors import ExecutorError, ExecutorOptions, connect_ray, make_executor, sbatch_script
from mot.layout import BuildLayout
from mot.mixture import composition_report, mixture_stages
from mot.recipe import DecontamPolicy, DomainSpec, Recipe, load_recipe
from mot.stats import stats
from mot.steps.checks import FormatChecks
from mot.steps.decontam import Decontaminate
from mot.steps.ingest import Ingest
from mot.steps.ledger import DecisionStep
from mot.steps.length import TokenLength
from mot.steps.policy import VerificationPolicy
from mot.steps.pool import PoolWriter
from mot.steps.verify_code import CodeVerify
from mot.steps.quality import Quality
from mot.steps.verify_math import MathVerify
from mot.steps.verify_science import ScienceVerify

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
    benchmarks: dict[str, Path] = field(default_factory=dict)  # benchmark name -> local file, overriding the recipe
    experiment: str | None = None  # a named overlay of the recipe (``experiments:``)
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
    composition: dict[str, object] = field(default_factory=dict)
    kept_traces: dict[str, int] = field(default_factory=dict)  # distinct traces kept; ``kept`` counts upsampled rows
    # Slurm runs the tasks asynchronously: the job id, and no dataset yet (rerun to finalize).
    submitted_job: str | None = None

    @property
    def balanced(self) -> bool:
        """Every trace read is either kept or dropped with a reason."""
        return all(self.read[d] == self.kept_traces.get(d, 0) + sum(self.dropped.get(d, {}).values()) for d in self.domains)


def build_pipeline(recipe: Recipe, domains: dict[str, DomainSpec], layout: BuildLayout, max_tokens: int, tokenizer: str,
                   chat_template: str) -> list[PipelineStep]:
    """The per-row stages, in order. Every stage records its drops in ``layout.ledger``."""
    ledger = str(layout.ledger)
    math_timeout = domains["math"].verify.timeout_s if "math" in domains else 10.0
    science_timeout = domains["science"].verify.timeout_s if "science" in domains else 10.0
    decontam = recipe.decontamination
    return [
        Ingest(tuple(s for d in domains.values() for s in d.sources), str(layout.root)),
        FormatChecks(ledger),
        *([Quality(ledger, recipe.filters)] if recipe.filters else []),
        *([Decontaminate(ledger, str(layout.decontam_index), decontam.check_responses)] if decontam else []),
        MathVerify(ledger, timeout_s=math_timeout),
        *([CodeVerify(ledger, min_pass_rate=domains["code"].verify.min_pass_rate)] if "code" in domains else []),
        ScienceVerify(ledger, timeout_s=science_timeout),
        TokenLength(ledger, max_tokens=max_tokens, tokenizer=tokenizer, chat_template=chat_template),
        VerificationPolicy(ledger, {name: d.verify.keep_unverified for name, d in domains.items()}),
        PoolWriter(str(layout.pool)),
    ]


def build_decontam_index(policy: DecontamPolicy, overrides: dict[str, Path], folder: Path) -> NgramIndex:
    """Load every benchmark the recipe names (local overrides first) and save their n-gram index."""
    benchmarks = {}
    for ref in policy.benchmarks:
        spec = resolve_benchmark(ref.name, overrides.get(ref.name, ref.path), ref.field, ref.id_field)
        try:
            benchmarks[spec.name] = load_benchmark(spec)
        except BenchmarkError as err:
            raise BuildError(f"{err}; decontamination cannot be skipped (point it at a local copy with --benchmark {spec.name}=PATH)") from err
    index = NgramIndex.build(benchmarks, DecontamConfig.from_options(policy.ngram, policy.thresholds))
    index.save(folder)
    return index


def global_stages(recipe: Recipe, domains: dict[str, DomainSpec], seed: int) -> list[tuple[str, GlobalStage]]:
    """The stages over the whole pool, in order: dedup, then the per-domain mixtures and the combine."""
    stages: list[tuple[str, GlobalStage]] = []
    if (dedup := recipe.dedup) is not None:
        stages.append(("dedup", lambda manifest: dedup_manifest(manifest, dedup, seed)))
    return stages + mixture_stages(recipe, domains, seed)


def _fingerprint(recipe: Recipe, domains: list[str], max_tokens: int, tokenizer: str, chat_template: str, seed: int,
                 benchmarks: dict[str, Path]) -> dict[str, object]:
    """What must match for an existing output folder to be resumed rather than rebuilt."""
    files = sorted({p for d in domains for s in recipe.domains[d].sources for p in s.paths} | set(benchmarks.values()))
    digest = hashlib.sha256(recipe.path.read_bytes())
    for path in files:
        stat = path.stat()
        digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return {
        "recipe": str(recipe.path),
        "experiment": recipe.experiment,
        "inputs_sha256": digest.hexdigest(),
        "domains": domains,
        "max_tokens": max_tokens,
        "tokenizer": tokenizer,
        "chat_template": chat_template,
        "seed": seed,
        "benchmarks": {name: str(path) for name, path in sorted(benchmarks.items())},
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
    recipe = load_recipe(options.recipe or default_recipe(), options.experiment)
    domains = recipe.select(options.domains)
    layout = BuildLayout(Path(options.output).resolve())
    pipeline = build_pipeline(recipe, domains, layout, options.max_tokens or recipe.max_tokens, options.tokenizer or recipe.tokenizer,
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
    recipe = load_recipe(options.recipe or default_recipe(), options.experiment)
    domains = recipe.select(options.domains)
    if options.tasks < 1:
        raise BuildError("--tasks must be at least 1")
    max_tokens = options.max_tokens or recipe.max_tokens
    tokenizer = options.tokenizer or recipe.tokenizer
    chat_template = options.chat_template or recipe.chat_template
    seed = recipe.seed if options.seed is None else options.seed
    layout = BuildLayout(Path(options.output).resolve())
    benchmark_files = {name: Path(path).resolve() for name, path in options.benchmarks.items()}
    fingerprint = _fingerprint(recipe, list(domains), max_tokens, tokenizer, chat_template, seed, benchmark_files)
    _prepare_output(layout, fingerprint, options.tasks, options.force)
    if recipe.decontamination is not None:
        build_decontam_index(recipe.decontamination, benchmark_files, layout.decontam_index)

    pipeline = build_pipeline(recipe, domains, layout, max_tokens, tokenizer, chat_template)
    executor = _pipeline_executor(options, pipeline, layout)
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

    stages = global_stages(recipe, domains, seed)
    kept = finalize(layout, list(domains), seed, stages)
    composition = composition_report(recipe, seed, stages, kept)
    layout.composition.write_text(json.dumps(composition, indent=2) + "\n")
    reports = stats(layout.root)
    stage_order = [step.stage for step in pipeline if isinstance(step, DecisionStep)] + [name for name, _ in stages]
    write_card(layout, recipe.name, list(domains), reports, recipe_text=recipe.path.read_text(encoding="utf-8"),
               experiment=recipe.experiment, seed=seed, composition=composition, stage_order=stage_order)
    dropped: dict[str, dict[str, int]] = {}
    kept_traces: dict[str, int] = {}
    for domain, _stage, reason, rows in reports["ledger reasons"].rows:
        if reason != "kept":
            dropped.setdefault(domain, {})[reason] = rows
        else:
            kept_traces[domain] = rows
    read = _read_counts(layout.logging_dir(options.tasks))
    return BuildSummary(
        output=layout.root,
        recipe=recipe.name,
        domains=list(domains),
        read={d: read.get(d, 0) for d in domains},
        kept=kept,
        dropped=dropped,
        seconds=time.monotonic() - started,
        composition=composition,
        kept_traces=kept_traces,
    )
