"""Resolve a build's options once: ``resolve(options) -> BuildPlan``, then describe or run it.

Everything that decides what a build does — the recipe (with its experiment), the domains, the
tokenizer, chat template and length limit, the seed, the executor, the per-row pipeline and the
ordered global stages — is settled here, and only here. ``mot build``, ``mot build --dry-run``,
the Slurm script and ``mot mix`` all start from the same :class:`BuildPlan`, so a dry run shows
exactly the stages a build runs and a side-by-side mixture sees exactly the build's dedup.

Nothing here touches the network or writes a file.

Example:
    >>> plan = resolve(BuildOptions(recipe=bundled_path("pipelines/mixture-of-thoughts.yaml")))
    >>> [name for name, _ in plan.global_stages()]
    ['dedup', 'mixture', 'combine']
    >>> print(describe(plan))  # doctest: +ELLIPSIS
    recipe 'mixture-of-thoughts' (...)
    ...
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from datatrove.pipeline.base import PipelineStep

from mot import defaults
from mot.benchmarks import BenchmarkError, BenchmarkSpec, resolve_benchmark
from mot.executors import ExecutorOptions
from mot.layout import BuildLayout
from mot.pool.dedup import dedup_manifest
from mot.pool.finalize import GlobalStage
from mot.pool.mixture import largest_remainder, mixture_stages, source_wants
from mot.recipe.model import DomainSpec, HubSpec, Recipe, RecipeError, SourceSpec
from mot.recipe.parse import load_recipe
from mot.sources import ADAPTER_COLUMNS
from mot.steps.attach import AttachTests
from mot.sources.read import is_local_file_type
from mot.steps.checks import FormatChecks
from mot.steps.decontam import Decontaminate
from mot.steps.ingest import Ingest
from mot.steps.ledger import DecisionStep
from mot.steps.length import TokenLength
from mot.steps.policy import VerificationPolicy
from mot.steps.write_pool import PoolWriter
from mot.steps.quality import Quality
from mot.steps.verify_code import CodeVerify
from mot.steps.verify_math import MathVerify
from mot.steps.verify_science import ScienceVerify


def bundled_path(relative: str) -> Path:
    """A file shipped with mot (sample data, recipes): inside the wheel, or in the source checkout."""
    for root in (Path(__file__).parent / "_bundled", Path(__file__).resolve().parents[1]):
        if (root / relative).exists():
            return root / relative
    raise RecipeError(f"bundled file {relative!r} is missing from this installation")


def default_recipe() -> Path:
    return bundled_path("pipelines/sample.yaml")


def bundled_recipes() -> dict[str, Path]:
    """The recipes shipped with mot, by name (the file name without ``.yaml``): ``mot recipes``."""
    folder = bundled_path("pipelines/sample.yaml").parent
    return {path.stem: path for path in sorted(folder.glob("*.yaml"))}


def find_recipe(name_or_path: str | Path) -> Path:
    """A recipe file: an existing path as given, else a bundled recipe's name (``mixture-of-thoughts``).

    >>> find_recipe("sample").name
    'sample.yaml'
    """
    path = Path(name_or_path)
    if path.exists() or path.suffix or len(path.parts) > 1:
        return path  # a path the user meant; the loader reports it if it is missing
    recipes = bundled_recipes()
    if str(name_or_path) not in recipes:
        raise RecipeError(f"no recipe file {str(name_or_path)!r} and no bundled recipe of that name (bundled: {', '.join(recipes)})")
    return recipes[str(name_or_path)]


@dataclass
class BuildOptions:
    """What ``mot build`` is asked; ``None`` means "as the recipe says"."""

    recipe: str | Path | None = None
    output: str | Path = defaults.OUTPUT
    domains: list[str] | None = None
    tasks: int = defaults.TASKS
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
    keep_dropped: bool = True  # keep dropped traces whole under dropped/ (``mot show``)
    limit: int | None = None  # read only the first N rows of every source (a quick try of a recipe)
    streaming: bool = True  # Hub sources: stream rows (False: download and prepare each split first)


@dataclass(frozen=True)
class BuildPlan:
    """A build with every option settled: what runs, in which order, with which settings."""

    recipe: Recipe
    domains: dict[str, DomainSpec]
    layout: BuildLayout
    seed: int
    max_tokens: int
    tokenizer: str
    chat_template: str
    benchmark_files: dict[str, Path]
    tasks: int
    workers: int | None
    executor: str
    executor_options: ExecutorOptions
    force: bool
    keep_dropped: bool = True
    limit: int | None = None
    streaming: bool = True

    def pipeline(self) -> list[PipelineStep]:
        """The per-row stages, in order. Every stage records its drops in ``layout.ledger``."""
        recipe, domains, layout = self.recipe, self.domains, self.layout
        ledger = str(layout.ledger)
        timeout = {name: spec.verify.timeout_s for name, spec in domains.items()}
        decontam = recipe.decontamination
        sources = tuple(s for d in domains.values() for s in d.sources)
        steps = [
            Ingest(sources, str(layout.root), limit=self.limit, streaming=self.streaming),
            *([AttachTests(sources, str(layout.joins))] if any(s.tests_from for s in sources) else []),
            FormatChecks(ledger),
            *([Quality(ledger, recipe.filters)] if recipe.filters else []),
            *([Decontaminate(ledger, str(layout.decontam_index), decontam.check_responses)] if decontam else []),
            MathVerify(ledger, timeout_s=timeout.get("math", defaults.VERIFY_TIMEOUT_S)),
            *([CodeVerify(ledger, min_pass_rate=domains["code"].verify.min_pass_rate, timeout_s=timeout["code"])] if "code" in domains else []),
            ScienceVerify(ledger, timeout_s=timeout.get("science", defaults.VERIFY_TIMEOUT_S)),
            TokenLength(ledger, max_tokens=self.max_tokens, tokenizer=self.tokenizer, chat_template=self.chat_template),
            VerificationPolicy(ledger, {name: d.verify.keep_unverified for name, d in domains.items()}),
            PoolWriter(str(layout.pool)),
        ]
        for step in steps:
            if isinstance(step, DecisionStep) and self.keep_dropped:
                step.dropped_folder = str(layout.dropped)
        return steps

    def global_stages(self, *, with_combine: bool = True) -> list[tuple[str, GlobalStage]]:
        """The stages over the whole pool, in order: dedup, the per-domain mixtures, the combine."""
        stages: list[tuple[str, GlobalStage]] = []
        if (dedup := self.recipe.dedup) is not None:
            seed = self.seed
            stages.append(("dedup", lambda manifest: dedup_manifest(manifest, dedup, seed)))
        # A --limit build is a trial: the combine would repeat its few rows up to the full total.
        return stages + mixture_stages(self.recipe, self.domains, self.seed, with_combine=with_combine and self.limit is None)

    def fingerprint(self) -> dict[str, object]:
        """What must match for an existing output folder to be resumed rather than rebuilt."""
        recipe = self.recipe
        files = sorted({p for s in self.sources for p in s.paths} | set(self.benchmark_files.values()))
        digest = hashlib.sha256(recipe.path.read_bytes())
        for path in files:
            stat = path.stat()
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        return {
            "recipe": str(recipe.path),
            "experiment": recipe.experiment,
            "inputs_sha256": digest.hexdigest(),
            "domains": list(self.domains),
            "max_tokens": self.max_tokens,
            "tokenizer": self.tokenizer,
            "chat_template": self.chat_template,
            "seed": self.seed,
            "benchmarks": {name: str(path) for name, path in sorted(self.benchmark_files.items())},
            "limit": self.limit,
        }

    @property
    def sources(self) -> list[SourceSpec]:
        return [s for d in self.domains.values() for s in d.sources]


class OptionError(ValueError):
    """A build option is out of range or does not fit the recipe; the message names the option."""


def _check_options(options: BuildOptions, recipe: Recipe, domains: dict[str, DomainSpec]) -> None:
    """Every option a task would otherwise trip over, checked before anything runs."""
    for name, value in (("--tasks", options.tasks), ("--workers", options.workers), ("--max-tokens", options.max_tokens)):
        if value is not None and value < 1:
            raise OptionError(f"{name} must be at least 1, not {value}")
    used = [b.name for b in recipe.decontamination.benchmarks] if recipe.decontamination else []
    if unused := sorted(set(options.benchmarks) - set(used)):
        raise OptionError(f"--benchmark {unused[0]}: the recipe does not decontaminate against it (it uses: {', '.join(used) or 'none'})")
    for spec in domains.values():
        for source in spec.sources:
            if bad := next((p for p in source.paths if not is_local_file_type(p)), None):
                raise OptionError(f"source {source.name}: {bad} is not a file type mot reads (.jsonl, .json, .ndjson, .parquet, optionally .gz)")


def resolve(options: BuildOptions) -> BuildPlan:
    """Settle every option of a build: the recipe's values unless ``options`` overrides them."""
    recipe = load_recipe(find_recipe(options.recipe) if options.recipe else default_recipe(), options.experiment)
    domains = recipe.select(options.domains)
    _check_options(options, recipe, domains)
    if options.limit is not None and options.limit < 1:
        raise OptionError(f"--limit must be at least 1, not {options.limit}")
    return BuildPlan(
        recipe=recipe,
        domains=domains,
        layout=BuildLayout(Path(options.output).resolve()),
        seed=recipe.seed if options.seed is None else options.seed,
        max_tokens=recipe.max_tokens if options.max_tokens is None else options.max_tokens,
        tokenizer=options.tokenizer or recipe.tokenizer,
        chat_template=options.chat_template or recipe.chat_template,
        benchmark_files={name: Path(path).resolve() for name, path in options.benchmarks.items()},
        tasks=options.tasks,
        workers=options.workers,
        executor=options.executor,
        executor_options=options.executor_options,
        force=options.force,
        keep_dropped=options.keep_dropped,
        limit=options.limit,
        streaming=options.streaming,
    )


def _hub_location(hub: HubSpec) -> str:
    revision = f"@{hub.revision}" if hub.revision else ""
    return f"hub {hub.id}{revision} config={hub.config or 'default'} split={hub.split}"


def _columns(source: SourceSpec) -> list[str]:
    """The upstream columns a source's adapter and its ``where:`` filters read."""
    columns = list(ADAPTER_COLUMNS.get(source.adapter, ()))
    return columns + [f.field for f in source.where if f.field not in columns]


def _location(source: SourceSpec) -> str:
    if source.hub is not None:
        return _hub_location(source.hub)
    size = sum(p.stat().st_size for p in source.paths)
    names = ", ".join(p.name for p in source.paths[:3]) + (" …" if len(source.paths) > 3 else "")
    return f"{len(source.paths)} local file(s), {size / 1e6:.1f} MB: {names}"


def _mixing(source: SourceSpec, wanted: int | None) -> str:
    parts = [f"wants {wanted:,}" if wanted is not None else "wants all pooled"]
    parts += [f"{key} {value:g}" for key, value in (("weight", source.weight), ("cap", source.cap)) if value is not None]
    if source.upsample != 1:
        parts.append(f"upsample ≤{source.upsample:g}×")
    return ", ".join(parts)


def hub_datasets(plan: BuildPlan) -> tuple[list[HubSpec], list[BenchmarkSpec]]:
    """Every Hub dataset the build would read (sources, their joins, benchmarks), and the benchmarks
    read as release files; local overrides (``--benchmark NAME=PATH``) are not Hub reads."""
    datasets = [hub for s in plan.sources for hub in (s.hub, s.tests_from.hub if s.tests_from else None) if hub is not None]
    release: list[BenchmarkSpec] = []
    if (decontam := plan.recipe.decontamination) is not None:
        for ref in decontam.benchmarks:
            path = plan.benchmark_files.get(ref.name, ref.path)
            try:
                spec = resolve_benchmark(ref.name, path, ref.field, ref.id_field, ref.version_tag, ref.start_date, ref.end_date)
            except BenchmarkError as err:
                raise RecipeError(str(err)) from None
            if spec.hub is not None:
                (release if spec.release_files else datasets).append(spec.hub if not spec.release_files else spec)  # type: ignore[arg-type]
    return datasets, release


def describe(plan: BuildPlan) -> str:
    """``mot build --dry-run``: the plan as text — sources, adapters, filters, stages, expected rows.

    Hub sources are described from the recipe alone (their row counts are unknown until ingest),
    local sources by their files' sizes.
    """
    recipe = plan.recipe
    lines = [
        f"recipe {recipe.name!r} ({recipe.path})" + (f", experiment {recipe.experiment!r}" if recipe.experiment else ""),
        f"seed {plan.seed}, max_tokens {plan.max_tokens:,}, tokenizer {plan.tokenizer}, chat template {plan.chat_template}",
        f"output {plan.layout.root} (dry run: no rows read, nothing written)",
    ]
    if plan.limit is not None:
        lines.append(f"limit: the first {plan.limit:,} rows of every source, no combine" + ("" if plan.streaming else " (not streamed: whole splits download first)"))
    if recipe.experiments:
        lines.append(f"experiments defined: {', '.join(recipe.experiments)}")
    expected: dict[str, int | None] = {}
    for name, spec in plan.domains.items():
        wants = source_wants(spec)
        known = [w for w in wants.values() if w is not None]
        expected[name] = spec.target if spec.target is not None else (sum(known) if len(known) == len(wants) else None)
        target = f"{expected[name]:,} rows" if expected[name] is not None else "all pooled rows"
        lines.append(f"\n[{name}] mixture: {target}; verify timeout {spec.verify.timeout_s:g}s, keep_unverified {spec.verify.keep_unverified}")
        for source in spec.sources:
            lines.append(f"  - {source.name}: adapter {source.adapter}; {_location(source)}")
            lines.append(f"      reads columns: {', '.join(_columns(source))}")
            if (join := source.tests_from) is not None:
                lines.append(f"      tests from {_hub_location(join.hub)}: {', '.join(join.tests)}"
                             + (f" + checker {join.checker}" if join.checker else "") + f", joined on trace {join.key} = {join.id_column}")
            if source.upstream_labels != "ignore":
                lines.append(f"      upstream labels: {source.upstream_labels}")
            if source.where:
                conditions = " and ".join(f.describe() for f in source.where)
                lines.append(f"      keep rows where {conditions} (others: excluded_by_source_filter)")
            lines.append(f"      {_mixing(source, wants[source.name])}")
    lines.append("\nper-row stages: " + " → ".join(step.name for step in plan.pipeline()))
    if recipe.decontamination is not None:
        lines.append("decontamination: " + ", ".join(b.name for b in recipe.decontamination.benchmarks) + f" (token {recipe.decontamination.ngram}-grams, coverage of each item)")
    lines.append("global stages: " + " → ".join([*(name for name, _ in plan.global_stages()), "seeded shuffle", "shards"]))
    combine = recipe.combine
    if combine.target_total is not None:
        shares = combine.shares or ({d: n for d, n in expected.items() if n} if all(expected.values()) else None)
        if shares is None:
            lines.append(f"combine: {combine.target_total:,} rows in proportion to the realised mixtures (sizes known after the build)")
        else:
            counts = largest_remainder(combine.target_total, shares)
            lines.append(f"combine: {combine.target_total:,} rows → " + ", ".join(f"{d} {counts[d]:,}" for d in plan.domains))
    elif all(n is not None for n in expected.values()):
        lines.append(f"expected rows: {sum(expected.values()):,} (" + ", ".join(f"{d} {n:,}" for d, n in expected.items()) + "), if the pool has them")
    return "\n".join(lines)
