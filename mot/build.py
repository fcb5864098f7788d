"""``mot build`` as a library call: run the datatrove pipeline, then write the dataset and its card.

Example (a notebook):
    >>> from mot.build import BuildOptions, build
    >>> summary = build(BuildOptions(domains=["math"], output="out"))  # doctest: +SKIP
    >>> summary.kept["math"]  # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from datatrove.executor import SlurmPipelineExecutor
from datatrove.executor.base import PipelineExecutor

from mot.atomic import write_atomic
from mot.benchmarks import BenchmarkError, load_benchmark, resolve_ref
from mot.card import write_card
from mot.decontam import DecontamConfig, NgramIndex
from mot.executors import ExecutorError, connect_ray, make_executor, sbatch_script
from mot.layout import BuildLayout
from mot.output import BuildError, check_identity, check_output_folder, exclusive, prepare_output
from mot.plan import BuildOptions, BuildPlan, resolve
from mot.pool.finalize import finalize
from mot.pool.mixture import MixtureError, composition_report
from mot.progress import BuildProgress, input_rows
from mot.recipe.model import DecontamPolicy, JoinSpec
from mot.sources.joins import build_join, join_path
from mot.sources.read import SourceError
from mot.sources.sample import problem_sample
from mot.stats import QueryResult, stats
from mot.steps.ledger import DecisionStep
from mot.tokenizer import TokenizerError, check_tokenizer


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
    already_built: bool = False  # the output folder held this finished build: nothing was done

    @property
    def balanced(self) -> bool:
        """Every trace read is either kept or dropped with a reason."""
        return all(self.read[d] == self.kept_traces.get(d, 0) + sum(self.dropped.get(d, {}).values()) for d in self.domains)


def build_decontam_index(policy: DecontamPolicy, overrides: dict[str, Path], folder: Path, background: Sequence[str] = ()) -> NgramIndex:
    """Load every benchmark the recipe names (local overrides first) and save their n-gram index;
    ``background`` (problems of the training pool) teaches it the pool's stock phrases."""
    benchmarks = {}
    for ref in policy.benchmarks:
        spec = resolve_ref(ref, overrides.get(ref.name))
        try:
            benchmarks[spec.name] = load_benchmark(spec)
        except BenchmarkError as err:
            raise BuildError(f"{err}; decontamination cannot be skipped (point it at a local copy with --benchmark {spec.name}=PATH)") from err
    thresholds = {name: limits.model_dump(exclude_unset=True) for name, limits in policy.thresholds.items()}
    index = NgramIndex.build(benchmarks, DecontamConfig.from_options(policy.ngram, thresholds), background)
    index.save(folder)
    return index


def _check_tokenizer(plan: BuildPlan) -> None:
    """Load the counting tokenizer and render one chat with the template, as every task will."""
    try:
        check_tokenizer(plan.tokenizer, plan.chat_template)
    except TokenizerError:
        raise
    except Exception as err:  # noqa: BLE001 — Jinja and tokenizer libraries raise many types
        raise BuildError(f"tokenizer {plan.tokenizer!r} with chat template {plan.chat_template!r} cannot render a chat: "
                         f"{type(err).__name__}: {err}".splitlines()[0]) from None


def _read_counts(logging_dir: Path, prefix: str = "read:") -> dict[str, int]:
    """Traces read per domain (``read:``) or per source (``source:``), summed over the per-task datatrove stats files."""
    counts: dict[str, int] = {}
    for stats_file in sorted((logging_dir / "stats").glob("*.json")):
        for step in json.loads(stats_file.read_text()):
            for label, value in step.get("stats", {}).items():
                if label.startswith(prefix):
                    total = value["total"] if isinstance(value, dict) else value
                    name = label[len(prefix):]
                    counts[name] = counts.get(name, 0) + int(total)
    return counts


def _executor(plan: BuildPlan) -> PipelineExecutor:
    local_workers = min(plan.tasks, os.cpu_count() or 1) if plan.executor == "local" else None
    try:
        return make_executor(plan.executor, plan.pipeline(), plan.tasks, plan.workers or local_workers,
                             plan.layout.logging_dir(plan.tasks), plan.executor_options)
    except ExecutorError as err:
        raise BuildError(str(err)) from None


def slurm_script(options: BuildOptions) -> str:
    """The sbatch script ``build(options)`` would submit (``--executor slurm``); nothing is written or run."""
    if options.executor != "slurm":
        raise BuildError("--print-sbatch needs --executor slurm")
    executor = _executor(resolve(options))
    assert isinstance(executor, SlurmPipelineExecutor)
    return sbatch_script(executor)


def build(options: BuildOptions, report: Callable[[str], None] | None = None) -> BuildSummary:
    """Run the whole build; resumes an interrupted one in the same output folder.

    A finished build in the output folder (same settings) is not redone: the summary comes back
    with ``already_built`` set. With ``executor="slurm"`` the tasks are submitted as a job array
    and the call returns with ``submitted_job`` set; rerunning the same build once the jobs
    finish writes the dataset. ``report`` receives one line per stage and turns on a progress
    line over the per-row stages (``mot build`` passes it; a notebook may leave it out).
    """
    started = time.monotonic()
    plan = resolve(options)
    check_output_folder(plan.layout.root, plan.force)
    _check_tokenizer(plan)
    with exclusive(plan.layout.root):
        prepare_output(plan.layout, plan.fingerprint(), plan.tasks, plan.force)
        try:
            return _run(plan, started, report)
        except OSError as err:  # disk full, permissions: one line, not a traceback
            raise BuildError(f"cannot write {err.filename or plan.layout.root}: {err.strerror or err}") from None


def _run(plan: BuildPlan, started: float, report: Callable[[str], None] | None) -> BuildSummary:
    say = report or (lambda _line: None)
    recipe, layout, domains = plan.recipe, plan.layout, list(plan.domains)
    if layout.card.is_file():  # the card is written last: this exact build has finished
        composition = json.loads(layout.composition.read_text()) if layout.composition.is_file() else {}
        reports = stats(layout.root)
        kept: dict[str, int] = {}
        for domain, _source, rows, _tokens in reports["rows_per_source"].rows:
            kept[domain] = kept.get(domain, 0) + rows
        return _summary(plan, reports, {d: kept.get(d, 0) for d in domains}, composition, time.monotonic() - started, already_built=True)
    if (decontam := recipe.decontamination) is not None:
        rows = min(decontam.background_rows, plan.limit or decontam.background_rows)
        try:
            background = problem_sample(plan.sources, rows, plan.streaming) if rows else []
        except SourceError as err:
            raise BuildError(f"reading the pool's first rows for decontamination: {err}") from err
        say(f"indexing benchmarks for decontamination: {', '.join(b.name for b in decontam.benchmarks)} "
            f"(stock phrases learnt from {len(background)} pool problems)")
        build_decontam_index(decontam, plan.benchmark_files, layout.decontam_index, background)
    built: dict[JoinSpec, Path] = {}  # sources joining the same dataset share one read of it
    for source in plan.sources:
        if source.tests_from is None:
            continue
        if source.tests_from in built:
            shutil.copyfile(built[source.tests_from], join_path(layout.joins, source))
            continue
        try:
            build_join(source, layout.joins)
        except SourceError as err:
            raise BuildError(f"tests_from of source {source.name}: {err}") from err
        built[source.tests_from] = join_path(layout.joins, source)

    executor = _executor(plan)
    if plan.executor == "ray":
        connect_ray(plan.executor_options.ray_address)
    logs = layout.logging_dir(plan.tasks) / "logs"
    say(f"per-row stages: {plan.tasks} task(s), {plan.executor} executor (task logs in {logs})")
    stage_started = time.monotonic()
    try:
        if report is not None and plan.executor == "local":
            with BuildProgress(layout.progress_dir(plan.tasks), input_rows(plan.sources)):
                executor.run()
        else:
            executor.run()
    except Exception as err:
        raise BuildError(f"a build task failed: {err} (task logs in {logs})") from err
    if isinstance(executor, SlurmPipelineExecutor) and executor.job_id not in (None, -1):
        return BuildSummary(output=layout.root, recipe=recipe.name, domains=domains, read={}, kept={},
                            seconds=time.monotonic() - started, submitted_job=str(executor.job_id))
    unfinished = executor.get_incomplete_ranks(range(plan.tasks))
    if unfinished:  # Ray logs failed tasks instead of raising
        raise BuildError(f"{len(unfinished)} of {plan.tasks} build tasks did not finish (task logs in {logs}); rerun to retry them")
    say(f"per-row stages done in {time.monotonic() - stage_started:.1f}s")

    check_identity(layout, _read_counts(layout.logging_dir(plan.tasks), "source:"))
    stages = plan.global_stages()
    stage_started = time.monotonic()
    kept = finalize(layout, domains, plan.seed, stages, keep_dropped=plan.keep_dropped)
    composition = composition_report(recipe, plan.seed, stages, kept)
    write_atomic(layout.composition, json.dumps(composition, indent=2) + "\n")
    say(f"global stages ({', '.join(name for name, _ in stages) or 'none'}) and shards done in {time.monotonic() - stage_started:.1f}s")
    stage_started = time.monotonic()
    reports = stats(layout.root)
    stage_order = [step.stage for step in executor.pipeline if isinstance(step, DecisionStep)] + [name for name, _ in stages]
    write_card(layout, recipe.name, domains, reports, recipe_text=recipe.path.read_text(encoding="utf-8"),
               experiment=recipe.experiment, seed=plan.seed, composition=composition, stage_order=stage_order,
               sources=plan.sources)
    say(f"stats and card done in {time.monotonic() - stage_started:.1f}s")
    return _summary(plan, reports, kept, composition, time.monotonic() - started)


def _summary(plan: BuildPlan, reports: dict[str, QueryResult], kept: dict[str, int], composition: dict[str, Any],
             seconds: float, already_built: bool = False) -> BuildSummary:
    dropped: dict[str, dict[str, int]] = {}
    kept_traces: dict[str, int] = {}
    for domain, _stage, reason, rows in reports["ledger_reasons"].rows:
        if reason != "kept":
            dropped.setdefault(domain, {})[reason] = dropped.get(domain, {}).get(reason, 0) + rows
        else:
            kept_traces[domain] = rows
    read = _read_counts(plan.layout.logging_dir(plan.tasks))
    domains = list(plan.domains)
    return BuildSummary(
        output=plan.layout.root,
        recipe=plan.recipe.name,
        domains=domains,
        read={d: read.get(d, 0) for d in domains},
        kept=kept,
        dropped=dropped,
        seconds=seconds,
        composition=composition,
        kept_traces=kept_traces,
        already_built=already_built,
    )


def remix(build_dir: Path, output: Path, plan: BuildPlan) -> dict[str, Any]:
    """One domain's mixture from an existing build's pool, written to ``output`` (``mot mix``).

    ``plan`` names the domain (exactly one) and the recipe variant; its global stages run as in a
    build — dedup, then the mixture — without the combine, so the composition is comparable with
    the build's. ``output`` gets ``data/<domain>/``, ``ledger/global.parquet`` and
    ``composition.json``; its ``pool`` links to the build's, which is read, never written.
    Returns the composition report.
    """
    (domain,) = plan.domains
    source = BuildLayout(build_dir.resolve())
    if not source.pool_files(domain):
        raise MixtureError(f"{build_dir}: no pooled {domain} traces (run `mot build` with that domain first)")
    layout = BuildLayout(output.resolve())
    if layout.root.exists() and any(layout.root.iterdir()) and not layout.pool.is_symlink():
        raise MixtureError(f"{output} exists and is not a `mot mix` output; choose another --output")
    layout.root.mkdir(parents=True, exist_ok=True)
    if not layout.pool.is_symlink():
        layout.pool.symlink_to(source.pool, target_is_directory=True)
    stages = plan.global_stages(with_combine=False)
    rows = finalize(layout, [domain], plan.seed, stages, keep_dropped=plan.keep_dropped)
    report = composition_report(plan.recipe, plan.seed, stages, rows)
    layout.composition.write_text(json.dumps(report, indent=2) + "\n")
    return report
