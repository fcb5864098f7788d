"""``mot build --dry-run``: a resolved :class:`~mot.plan.BuildPlan` described as text, and the Hub
datasets it would read (so the CLI can check they exist before a day-long build).

Example:
    >>> from mot.plan import BuildOptions, bundled_path, resolve
    >>> print(describe(resolve(BuildOptions(recipe=bundled_path("pipelines/mixture-of-thoughts.yaml")))))  # doctest: +ELLIPSIS
    recipe 'mixture-of-thoughts' (...)
    ...
"""

from __future__ import annotations

from mot.benchmarks import BenchmarkError, BenchmarkSpec, resolve_ref
from mot.plan import BuildPlan
from mot.pool.mixture import largest_remainder, source_wants
from mot.recipe.model import HubSpec, RecipeError, SourceSpec
from mot.sources import ADAPTER_COLUMNS


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
            try:
                spec = resolve_ref(ref, plan.benchmark_files.get(ref.name))
            except BenchmarkError as err:
                raise RecipeError(str(err)) from None
            if spec.hub is not None and spec.release_files:
                release.append(spec)
            elif spec.hub is not None:
                datasets.append(spec.hub)
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
        lines.append("decontamination: " + ", ".join(b.name for b in recipe.decontamination.benchmarks) + f" (token {recipe.decontamination.ngram}-grams, coverage of each item; stock phrases from the first"
                     f" {recipe.decontamination.background_rows} rows of every source)")
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
