"""``mot build --dry-run``: validate the recipe and describe the build without running it.

Nothing here touches the network or writes a file: Hub sources are described from the recipe
alone (their row counts are unknown until ingest), local sources by their files' sizes.

Example:
    >>> from mot.plan import plan
    >>> print(plan(BuildOptions(recipe="pipelines/mixture-of-thoughts.yaml")))  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

from mot.build import BuildOptions, build_pipeline, default_recipe, global_stages
from mot.layout import BuildLayout
from mot.mixture import largest_remainder, source_wants
from mot.recipe import SourceSpec, load_recipe


def _location(source: SourceSpec) -> str:
    if source.hub is not None:
        hub = source.hub
        revision = f"@{hub.revision}" if hub.revision else ""
        return f"hub {hub.id}{revision} config={hub.config or 'default'} split={hub.split}"
    size = sum(p.stat().st_size for p in source.paths)
    return f"{len(source.paths)} local file(s), {size / 1e6:.1f} MB: {', '.join(p.name for p in source.paths[:3])}{' …' if len(source.paths) > 3 else ''}"


def _mixing(source: SourceSpec, wanted: int | None) -> str:
    parts = [f"wants {wanted:,}" if wanted is not None else "wants all pooled"]
    parts += [f"{key} {value:g}" for key, value in (("weight", source.weight), ("cap", source.cap)) if value is not None]
    if source.upsample != 1:
        parts.append(f"upsample ≤{source.upsample:g}×")
    return ", ".join(parts)


def plan(options: BuildOptions) -> str:
    """The build ``options`` would run, as text: sources, adapters, filters, stages, expected rows."""
    recipe = load_recipe(options.recipe or default_recipe(), options.experiment)
    domains = recipe.select(options.domains)
    seed = recipe.seed if options.seed is None else options.seed
    max_tokens = options.max_tokens or recipe.max_tokens
    tokenizer = options.tokenizer or recipe.tokenizer
    chat_template = options.chat_template or recipe.chat_template
    lines = [
        f"recipe {recipe.name!r} ({recipe.path})" + (f", experiment {recipe.experiment!r}" if recipe.experiment else ""),
        f"seed {seed}, max_tokens {max_tokens:,}, tokenizer {tokenizer}, chat template {chat_template}",
        f"output {Path(options.output).resolve()} (dry run: nothing read from the Hub, nothing written)",
    ]
    if recipe.experiments:
        lines.append(f"experiments defined: {', '.join(recipe.experiments)}")
    expected: dict[str, int | None] = {}
    for name, spec in domains.items():
        wants = source_wants(spec)
        known = [w for w in wants.values() if w is not None]
        expected[name] = spec.target if spec.target is not None else (sum(known) if len(known) == len(wants) else None)
        target = f"{expected[name]:,} rows" if expected[name] is not None else "all pooled rows"
        lines.append(f"\n[{name}] mixture: {target}; verify timeout {spec.verify.timeout_s:g}s, keep_unverified {spec.verify.keep_unverified}")
        for source in spec.sources:
            lines.append(f"  - {source.name}: adapter {source.adapter}; {_location(source)}")
            if source.where:
                conditions = " and ".join(f.describe() for f in source.where)
                lines.append(f"      keep rows where {conditions} (others: excluded_by_source_filter)")
            lines.append(f"      {_mixing(source, wants[source.name])}")
    steps = build_pipeline(recipe, domains, BuildLayout(Path(options.output).resolve()), max_tokens, tokenizer, chat_template)
    lines.append("\nper-row stages: " + " → ".join(step.name for step in steps))
    if recipe.decontamination is not None:
        lines.append("decontamination: " + ", ".join(b.name for b in recipe.decontamination.benchmarks) + f" (token {recipe.decontamination.ngram}-grams, coverage of each item)")
    combine = recipe.combine
    stage_names = [name for name, _ in global_stages(recipe, domains, recipe.seed)]
    lines.append("global stages: " + " → ".join([*stage_names, "seeded shuffle", "shards"]))
    if combine.target_total is not None:
        shares = combine.shares or ({d: n for d, n in expected.items() if n} if all(expected.values()) else None)
        if shares is None:
            lines.append(f"combine: {combine.target_total:,} rows in proportion to the realised mixtures (sizes known after the build)")
        else:
            counts = largest_remainder(combine.target_total, shares)
            lines.append(f"combine: {combine.target_total:,} rows → " + ", ".join(f"{d} {counts[d]:,}" for d in domains))
    elif all(n is not None for n in expected.values()):
        lines.append(f"expected rows: {sum(expected.values()):,} (" + ", ".join(f"{d} {n:,}" for d, n in expected.items()) + "), if the pool has them")
    return "\n".join(lines)
