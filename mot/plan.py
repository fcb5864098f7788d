"""Resolve a build's options once: ``resolve(options) -> BuildPlan``, then run it (or describe it: :mod:`mot.dry_run`).

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
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from datatrove.pipeline.base import PipelineStep

from mot import defaults
from mot.executors import ExecutorOptions
from mot.layout import BuildLayout
from mot.pool.dedup import dedup_manifest
from mot.pool.finalize import GlobalStage
from mot.pool.mixture import mixture_stages
from mot.recipe.model import DomainSpec, Recipe, RecipeError, SourceSpec
from mot.recipe.parse import load_recipe
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
    for name, value in (("--tasks", options.tasks), ("--workers", options.workers), ("--max-tokens", options.max_tokens),
                        ("--limit", options.limit)):
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
