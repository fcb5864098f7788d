"""Per-domain mixtures and the Phi-4-style combine, as global stages over the pool manifest.

Phi-4-reasoning (and Mixture-of-Thoughts after it) tune each domain's mixture on its own, then
join the chosen mixtures. Here that is two stages:

1. **mixture** (:func:`mix_domain`), per domain, per source, from the recipe:
   - ``wanted``: the source's ``target``; or, when the domain has a ``target``, that target minus
     the sources' own targets shared out by ``weight`` (default 1) with largest-remainder rounding;
     or, with neither, every pooled trace.
   - ``ceiling``: ``floor(available × upsample)``; ``upsample`` (default 1) is the most times a
     trace may repeat, so without it a source never yields more rows than it has.
   - realised rows = ``min(wanted, ceiling, cap)``. Rows are drawn in a seeded order that depends
     only on (seed, source, id): whole copies of the source while the count exceeds it, then the
     first traces of that order. Same seed → same rows; another seed → other rows, same counts.
   - traces not drawn are dropped with reason ``over_cap`` (when ``cap`` was the binding limit)
     or ``not_sampled``; a shortfall (wanted > realised) is reported, never silently filled.
2. **combine** (:func:`combine`): with ``combine.target_total``, each domain's mixture is scaled
   to exactly its declared share of the total (largest remainder; shares default to the mixture
   sizes), by the same seeded draw (repeating whole mixtures where a domain must grow). Without a
   target the mixtures are joined as they are.

Both are pure functions over pyarrow tables; :class:`MixtureStage` and :class:`CombineStage`
wrap them as ``mot.pool.finalize.GlobalStage`` callables that remember what they did for the card.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from mot.pool.finalize import GlobalStage, shuffle_key
from mot.schema import DROPS_SCHEMA
from mot.recipe.model import CombineSpec, DomainSpec, Recipe


class MixtureError(ValueError):
    """The recipe asks for rows the pool cannot give (e.g. a share of a domain with no rows)."""


@dataclass(frozen=True)
class SourceComposition:
    """What the mixture took from one source: ``realised`` counts repeats, ``unique`` does not."""

    domain: str
    source: str
    available: int
    wanted: int | None
    realised: int
    unique: int
    limit: str  # what bounded ``realised``: "all", "target", "upsample", "available" or "cap"

    @property
    def shortfall(self) -> int:
        return self.wanted - self.realised if self.limit in ("upsample", "available") else 0


def largest_remainder(total: int, weights: dict[str, float]) -> dict[str, int]:
    """Split ``total`` in proportion to ``weights``, integer parts summing exactly to ``total``.

    Each key gets the floor of its quota; the leftover units go to the largest fractional
    parts, ties to the earlier key, so the split is deterministic.

    >>> largest_remainder(10, {"math": 1, "code": 1, "science": 1})
    {'math': 4, 'code': 3, 'science': 3}
    >>> largest_remainder(349317, {"math": 93733, "code": 83070, "science": 172514})
    {'math': 93733, 'code': 83070, 'science': 172514}
    """
    if total < 0 or not weights or any(w < 0 for w in weights.values()) or sum(weights.values()) <= 0:
        raise ValueError(f"cannot split {total} by weights {weights}")
    scale = sum(weights.values())
    quotas = {k: total * w / scale for k, w in weights.items()}
    parts = {k: math.floor(q) for k, q in quotas.items()}
    order = sorted(weights, key=lambda k: (-(quotas[k] - parts[k]), list(weights).index(k)))
    for key in order[: total - sum(parts.values())]:
        parts[key] += 1
    return parts


def seeded_draw(ids: Sequence[str], count: int, seed: int, salt: str) -> list[int]:
    """Indices of ``count`` rows of ``ids`` (repeats allowed), in a seeded order.

    Whole passes over the seeded order while ``count`` exceeds ``len(ids)``, then its first
    ``count % len(ids)`` rows. A row's place depends only on (seed, salt, id, occurrence), so
    the draw does not depend on the order of ``ids``.

    >>> ids = ["a", "b", "c"]
    >>> [ids[i] for i in seeded_draw(ids, 2, 1, "s")] == [ids[::-1][i] for i in seeded_draw(ids[::-1], 2, 1, "s")]
    True
    >>> len(seeded_draw(["a", "b"], 5, seed=1, salt="s"))
    5
    """
    if count and not ids:
        raise MixtureError(f"cannot draw {count} rows from none ({salt})")
    seen: Counter[str] = Counter()
    keyed = []
    for index, row_id in enumerate(ids):
        keyed.append((shuffle_key(seed, f"{salt}:{row_id}", seen[row_id]), index))
        seen[row_id] += 1
    ranked = [index for _, index in sorted(keyed)]
    full, rest = divmod(count, len(ids)) if ids else (0, 0)
    return ranked * full + ranked[:rest]


def source_wants(spec: DomainSpec) -> dict[str, int | None]:
    """Rows each source of the domain should contribute (None: all it has, times ``upsample``)."""
    wants: dict[str, int | None] = {s.name: s.target for s in spec.sources}
    if spec.target is not None:
        shared = [s for s in spec.sources if s.target is None]
        if shared:
            left = spec.target - sum(s.target for s in spec.sources if s.target is not None)
            wants.update(largest_remainder(left, {s.name: s.weight or 1.0 for s in shared}))
    return wants


def _drops(ids: list[str], reason: str, detail: str) -> pa.Table:
    return pa.table({"id": ids, "reason": [reason] * len(ids), "detail": [detail] * len(ids), "related_id": [None] * len(ids)},
                    schema=DROPS_SCHEMA)


def mix_domain(manifest: pa.Table, spec: DomainSpec, seed: int) -> tuple[pa.Table, pa.Table, list[SourceComposition]]:
    """One domain's mixture: (kept manifest rows, repeats included; dropped ids; composition).

    ``manifest`` may hold other domains; only ``spec.name``'s rows are considered. Pooled
    traces of a source the recipe no longer names (an experiment removed it) are dropped.
    """
    rows = manifest.filter(pc.equal(manifest.column("domain"), spec.name))
    sources = rows.column("source").to_pylist()
    ids = rows.column("id").to_pylist()
    wants = source_wants(spec)
    taken: list[int] = []
    dropped = [DROPS_SCHEMA.empty_table()]
    composition = []
    for source in spec.sources:
        indices = [i for i, s in enumerate(sources) if s == source.name]
        source_ids = [ids[i] for i in indices]
        available, wanted = len(indices), wants[source.name]
        ceiling = math.floor(available * source.upsample)
        if wanted is None:
            realised, limit = ceiling, "all"
        elif wanted <= ceiling:
            realised, limit = wanted, "target"
        else:
            realised, limit = ceiling, "upsample" if source.upsample > 1 else "available"
        if source.cap is not None and source.cap < realised:
            realised, limit = source.cap, "cap"
        draw = seeded_draw(source_ids, realised, seed, f"mix:{source.name}")
        taken.extend(indices[i] for i in draw)
        chosen = {source_ids[i] for i in draw}
        left = sorted(i for i in source_ids if i not in chosen)
        reason = "over_cap" if limit == "cap" else "not_sampled"
        detail = f"mixture took {realised} rows of {available} pooled from {source.name} (wanted {wanted if wanted is not None else 'all'}, cap {source.cap}, upsample {source.upsample:g})"
        dropped.append(_drops(left, reason, detail))
        composition.append(SourceComposition(spec.name, source.name, available, wanted, realised, len(chosen), limit))
    named = {s.name for s in spec.sources}
    orphans = sorted(i for i, s in zip(ids, sources) if s not in named)
    dropped.append(_drops(orphans, "not_sampled", f"source not in the {spec.name} mixture of this recipe"))
    return rows.take(pa.array(taken, type=pa.int64())), pa.concat_tables(dropped), composition


def combine(mixtures: pa.Table, seed: int, target_total: int | None = None, shares: dict[str, float] | None = None) -> tuple[pa.Table, pa.Table, dict[str, int]]:
    """Join per-domain mixtures: (kept rows, dropped ids, rows per domain).

    With ``target_total``, domain ``d`` gets exactly ``largest_remainder(target_total, shares)[d]``
    rows (``shares`` default to the mixture sizes; domains of ``shares`` absent from
    ``mixtures`` are left out, so a build of a subset keeps each built domain's count).
    """
    domains = mixtures.column("domain").to_pylist()
    sizes = Counter(domains)
    if target_total is None:
        return mixtures, DROPS_SCHEMA.empty_table(), dict(sizes)
    counts = largest_remainder(target_total, shares or dict(sizes))
    ids = mixtures.column("id").to_pylist()
    taken: list[int] = []
    dropped = [DROPS_SCHEMA.empty_table()]
    result = {}
    for domain, count in counts.items():
        if domain not in sizes:
            continue
        indices = [i for i, d in enumerate(domains) if d == domain]
        domain_ids = [ids[i] for i in indices]
        draw = seeded_draw(domain_ids, count, seed, f"combine:{domain}")
        taken.extend(indices[i] for i in draw)
        chosen = {domain_ids[i] for i in draw}
        share = f"share {shares[domain]:g}" if shares else "share by mixture size"
        detail = f"combine scaled {domain} from {len(indices)} to {count} rows ({share} of {target_total})"
        dropped.append(_drops(sorted(set(domain_ids) - chosen), "not_sampled", detail))
        result[domain] = count
    return mixtures.take(pa.array(taken, type=pa.int64())), pa.concat_tables(dropped), result


class MixtureStage:
    """Global stage: every recipe domain's mixture, independently; other domains pass through."""

    def __init__(self, domains: dict[str, DomainSpec], seed: int):
        self.domains = domains
        self.seed = seed
        self.composition: list[SourceComposition] = []

    def __call__(self, manifest: pa.Table) -> tuple[pa.Table, pa.Table]:
        kept = [manifest.filter(pc.invert(pc.is_in(manifest.column("domain"), pa.array(list(self.domains)))))]
        dropped = [DROPS_SCHEMA.empty_table()]
        self.composition = []
        for spec in self.domains.values():
            rows, drops, composition = mix_domain(manifest, spec, self.seed)
            kept.append(rows)
            dropped.append(drops)
            self.composition.extend(composition)
        return pa.concat_tables(kept), pa.concat_tables(dropped)


class CombineStage:
    """Global stage: :func:`combine` with the recipe's ``combine:`` section."""

    def __init__(self, spec: CombineSpec, seed: int):
        self.spec = spec
        self.seed = seed
        self.counts: dict[str, int] = {}

    def __call__(self, manifest: pa.Table) -> tuple[pa.Table, pa.Table]:
        kept, dropped, self.counts = combine(manifest, self.seed, self.spec.target_total, self.spec.shares)
        return kept, dropped


def mixture_stages(recipe: Recipe, domains: dict[str, DomainSpec], seed: int, *, with_combine: bool = True) -> list[tuple[str, GlobalStage]]:
    """The global stages this module adds after any earlier ones (e.g. dedup): mixture, then combine."""
    stages: list[tuple[str, GlobalStage]] = [("mixture", MixtureStage(domains, seed))]
    if with_combine and recipe.combine.target_total is not None:
        stages.append(("combine", CombineStage(recipe.combine, seed)))
    return stages


def composition_report(recipe: Recipe, seed: int, stages: Sequence[tuple[str, GlobalStage]], rows: dict[str, int]) -> dict[str, Any]:
    """A JSON-able record of what the mixture stages did (written as ``composition.json``)."""
    report: dict[str, Any] = {"recipe": recipe.name, "experiment": recipe.experiment, "seed": seed, "rows": rows}
    for _name, stage in stages:
        if isinstance(stage, MixtureStage):
            report["sources"] = [{**asdict(c), "shortfall": c.shortfall} for c in stage.composition]
        elif isinstance(stage, CombineStage):
            report["combine"] = {"target_total": stage.spec.target_total, "shares": stage.spec.shares, "counts": stage.counts}
    return report


def format_composition(report: dict[str, Any]) -> str:
    """The composition as a plain-text table (what ``mot mix`` and ``mot build`` print)."""
    lines = [f"{'domain':<9}{'source':<24}{'available':>10}{'wanted':>9}{'rows':>9}{'unique':>9}  limit"]
    for c in report.get("sources", []):
        wanted = "all" if c["wanted"] is None else c["wanted"]
        short = f" (short by {c['shortfall']})" if c["shortfall"] else ""
        lines.append(f"{c['domain']:<9}{c['source']:<24}{c['available']:>10}{wanted:>9}{c['realised']:>9}{c['unique']:>9}  {c['limit']}{short}")
    if "combine" in report:
        counts = ", ".join(f"{d} {n}" for d, n in report["combine"]["counts"].items())
        lines.append(f"combine → {report['combine']['target_total']} rows: {counts}")
    lines.append("dataset rows: " + ", ".join(f"{d} {n}" for d, n in report["rows"].items()))
    return "\n".join(lines)

