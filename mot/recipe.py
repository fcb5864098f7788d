"""Load and validate a recipe (``pipelines/*.yaml``) into typed, immutable objects.

A recipe names, per domain, the sources to ingest (local files or Hub datasets, each with the
adapter for its upstream shape) and the policies of the build. Paths are relative to the recipe
file. Every problem is reported as a :class:`RecipeError` naming the offending key.

Example recipe::

    name: sample
    seed: 42
    max_tokens: 32768
    domains:
      math:
        sources:
          - name: openr1_math
            adapter: openr1_math
            path: ../data/math/openr1_math.jsonl
          - name: openr1_math_hub
            adapter: openr1_math
            hub: {id: open-r1/OpenR1-Math-220k, config: default, split: train}
        verify: {timeout_s: 10}

Mixture keys (see :mod:`mot.mixture` for what they do to the pool)::

    domains:
      code:
        target: 83070                      # rows of this domain's mixture
        sources:
          - {name: cf_python, adapter: codeforces_cots, hub: {...}, weight: 2}  # shares the domain target
          - {name: cf_cpp, adapter: codeforces_cots, hub: {...}, cap: 30000, upsample: 2}
          - {name: nemotron, adapter: nemotron_science, hub: {...},
             where: {field: generator, not_contains: Qwen}}    # row filter(s) applied at ingest
    combine: {target_total: 350000, shares: {math: 0.27, code: 0.24, science: 0.49}}
    experiments:
      code/exp6:                           # an overlay on this recipe (see apply_overlay)
        domains: {code: {add_sources: [{name: cf_py_extra, adapter: codeforces_cots, path: extra.jsonl}]}}
"""

from __future__ import annotations

import copy
import glob
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from mot.filters import FILTERS
from mot.schema import DOMAINS
from mot.sources import ADAPTERS
from mot.tokenizer import DEFAULT_TOKENIZER


class RecipeError(ValueError):
    """The recipe is malformed; the message names the key at fault."""


@dataclass(frozen=True)
class HubSpec:
    """A dataset on the Hub (or any path ``datasets.load_dataset`` accepts)."""

    id: str
    config: str | None = None
    split: str = "train"
    revision: str | None = None


# Comparisons a ``where:`` row filter may make; ``contains`` is a substring test on strings and a
# membership test on lists, so it reads the same for ``generator: "A, B"`` and ``used_in: [A, B]``.
FILTER_OPS = ("equals", "not_equals", "in", "not_in", "contains", "not_contains")


@dataclass(frozen=True)
class RowFilter:
    """Keep an upstream row only when ``row[field] <op> value`` holds (a missing field is None)."""

    field: str
    op: str
    value: Any

    def keeps(self, row: dict[str, Any]) -> bool:
        """Whether ``row`` passes.

        >>> RowFilter("generator", "not_contains", "Qwen").keeps({"generator": "DeepSeek-R1, Qwen-2.5-72B-Instruct"})
        False
        >>> RowFilter("generator", "in", ["DeepSeek-R1"]).keeps({"generator": "DeepSeek-R1"})
        True
        """
        actual = row.get(self.field)
        if self.op in ("contains", "not_contains"):
            found = isinstance(actual, (str, list)) and self.value in actual
            return found == (self.op == "contains")
        if self.op in ("in", "not_in"):
            return (actual in self.value) == (self.op == "in")
        return (actual == self.value) == (self.op == "equals")

    def describe(self) -> str:
        return f"{self.field} {self.op.replace('_', ' ')} {self.value!r}"


@dataclass(frozen=True)
class SourceSpec:
    """One upstream source: where its rows live, which adapter turns them into traces, and how
    many of its pooled traces the domain's mixture takes (see :mod:`mot.mixture`)."""

    name: str
    domain: str
    adapter: str
    paths: tuple[Path, ...] = ()
    hub: HubSpec | None = None
    where: tuple[RowFilter, ...] = ()  # all must hold
    weight: float | None = None
    target: int | None = None
    cap: int | None = None
    upsample: float = 1.0

    @property
    def mixes(self) -> bool:
        """Whether the recipe asks the mixture to do anything with this source."""
        return self.weight is not None or self.target is not None or self.cap is not None or self.upsample != 1.0


@dataclass(frozen=True)
class VerifyPolicy:
    """How a domain's traces are verified and what happens to those that cannot be."""

    timeout_s: float = 10.0
    keep_unverified: bool = True
    min_pass_rate: float = 1.0  # code: share of tests a program must pass


@dataclass(frozen=True)
class BenchmarkRef:
    """A benchmark to decontaminate against: a known name, optionally redirected to a local file."""

    name: str
    path: Path | None = None
    field: str | None = None
    id_field: str | None = None


@dataclass(frozen=True)
class DecontamPolicy:
    benchmarks: tuple[BenchmarkRef, ...]
    ngram: int = 5
    check_responses: bool = True
    thresholds: dict[str, dict[str, float]] = field(default_factory=dict)  # "default" or a benchmark → mot.decontam.Thresholds fields


@dataclass(frozen=True)
class DedupPolicy:
    exact: bool = True
    near: bool = True
    threshold: float = 0.5  # shingle Jaccard; identity is also checked word by word (mot.dedup)
    max_traces_per_problem: int = 1


@dataclass(frozen=True)
class DomainSpec:
    name: str
    sources: tuple[SourceSpec, ...]
    verify: VerifyPolicy = field(default_factory=VerifyPolicy)
    target: int | None = None


@dataclass(frozen=True)
class CombineSpec:
    """How the per-domain mixtures join: scaled to ``target_total`` rows in ``shares`` (None: as-is)."""

    target_total: int | None = None
    shares: dict[str, float] | None = None


@dataclass(frozen=True)
class Recipe:
    name: str
    path: Path
    domains: dict[str, DomainSpec]
    seed: int = 42
    max_tokens: int = 32768
    tokenizer: str = DEFAULT_TOKENIZER
    chat_template: str = "chatml"
    decontamination: DecontamPolicy | None = None
    dedup: DedupPolicy | None = None
    combine: CombineSpec = field(default_factory=CombineSpec)
    experiment: str | None = None
    experiments: tuple[str, ...] = ()
    filters: dict[str, Any] = field(default_factory=dict)  # enabled quality filter → its config (mot.filters)

    def select(self, domains: list[str] | None) -> dict[str, DomainSpec]:
        """The recipe's domains restricted to ``domains`` (all when None), in recipe order."""
        if domains is None:
            return dict(self.domains)
        unknown = [d for d in domains if d not in DOMAINS]
        if unknown:
            raise RecipeError(f"unknown domain(s) {', '.join(unknown)}; known: {', '.join(DOMAINS)}")
        missing = [d for d in domains if d not in self.domains]
        if missing:
            raise RecipeError(f"recipe {self.name!r} has no source for domain(s): {', '.join(missing)}")
        return {name: spec for name, spec in self.domains.items() if name in domains}


def _expect(value: Any, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(value, kind):
        names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
        raise RecipeError(f"{where}: expected {names}, got {type(value).__name__} ({value!r})")
    return value


def _no_unknown_keys(mapping: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(mapping) - allowed)
    if unknown:
        raise RecipeError(f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}")


def _resolve_paths(patterns: Any, base: Path, where: str) -> tuple[Path, ...]:
    patterns = [patterns] if isinstance(patterns, str) else _expect(patterns, list, where)
    paths: list[Path] = []
    for pattern in patterns:
        full = str(base / _expect(pattern, str, where))
        matches = sorted(glob.glob(full, recursive=True)) if glob.has_magic(full) else [full]
        matches = [m for m in matches if Path(m).is_file()]
        if not matches:
            raise RecipeError(f"{where}: no file matches {pattern!r} (looked in {base})")
        paths.extend(Path(m).resolve() for m in matches)
    return tuple(paths)


def _parse_where(raw: Any, where: str) -> tuple[RowFilter, ...]:
    """One condition (a mapping) or several (a list of mappings, all of which must hold)."""
    if isinstance(raw, list):
        return tuple(f for i, item in enumerate(raw) for f in _parse_where(item, f"{where}[{i}]"))
    raw = _expect(raw, dict, where)
    _no_unknown_keys(raw, {"field", *FILTER_OPS}, where)
    ops = [op for op in FILTER_OPS if op in raw]
    if len(ops) != 1:
        raise RecipeError(f"{where}: give 'field' and exactly one of {', '.join(FILTER_OPS)}")
    value = raw[ops[0]]
    if ops[0] in ("in", "not_in"):
        value = _expect(value, list, f"{where}.{ops[0]}")
    return (RowFilter(_expect(raw.get("field"), str, f"{where}.field"), ops[0], value),)


def _count(raw: dict[str, Any], key: str, where: str, minimum: int = 0) -> int | None:
    if raw.get(key) is None:
        return None
    value = _expect(raw[key], int, f"{where}.{key}")
    if isinstance(value, bool) or value < minimum:
        raise RecipeError(f"{where}.{key}: must be an integer ≥ {minimum}")
    return value


def _parse_source(raw: Any, domain: str, base: Path, where: str) -> SourceSpec:
    raw = _expect(raw, dict, where)
    _no_unknown_keys(raw, {"name", "adapter", "path", "hub", "where", "weight", "target", "cap", "upsample"}, where)
    name = _expect(raw.get("name"), str, f"{where}.name")
    adapter = _expect(raw.get("adapter"), str, f"{where}.adapter")
    if adapter not in ADAPTERS:
        raise RecipeError(f"{where}.adapter: unknown adapter {adapter!r}; known: {', '.join(sorted(ADAPTERS))}")
    if ("path" in raw) == ("hub" in raw):
        raise RecipeError(f"{where}: give exactly one of 'path' (local files) or 'hub' (a Hub dataset)")
    weight = raw.get("weight")
    if weight is not None and (isinstance(_expect(weight, (int, float), f"{where}.weight"), bool) or weight <= 0):
        raise RecipeError(f"{where}.weight: must be a positive number")
    upsample = float(_expect(raw.get("upsample", 1.0), (int, float), f"{where}.upsample"))
    if upsample < 1:
        raise RecipeError(f"{where}.upsample: must be ≥ 1 (the most times a trace may repeat; 1 = never)")
    mixing = {
        "where": _parse_where(raw["where"], f"{where}.where") if "where" in raw else (),
        "weight": None if weight is None else float(weight),
        "target": _count(raw, "target", where),
        "cap": _count(raw, "cap", where),
        "upsample": upsample,
    }
    if "path" in raw:
        return SourceSpec(name, domain, adapter, paths=_resolve_paths(raw["path"], base, f"{where}.path"), **mixing)
    hub = _expect(raw["hub"], dict, f"{where}.hub")
    _no_unknown_keys(hub, {"id", "config", "split", "revision"}, f"{where}.hub")
    spec = HubSpec(
        id=_expect(hub.get("id"), str, f"{where}.hub.id"),
        config=_expect(hub.get("config"), (str, type(None)), f"{where}.hub.config"),
        split=_expect(hub.get("split", "train"), str, f"{where}.hub.split"),
        revision=_expect(hub.get("revision"), (str, type(None)), f"{where}.hub.revision"),
    )
    if "/" not in spec.id or spec.id.startswith("/") or spec.id.endswith("/"):
        raise RecipeError(f"{where}.hub.id: expected 'org/name', got {spec.id!r}")
    return SourceSpec(name, domain, adapter, hub=spec, **mixing)


def _parse_domain(name: str, raw: Any, base: Path) -> DomainSpec:
    where = f"domains.{name}"
    if name not in DOMAINS:
        raise RecipeError(f"{where}: unknown domain; known: {', '.join(DOMAINS)}")
    raw = _expect(raw, dict, where)
    _no_unknown_keys(raw, {"sources", "verify", "target"}, where)
    sources_raw = _expect(raw.get("sources"), list, f"{where}.sources")
    if not sources_raw:
        raise RecipeError(f"{where}.sources: at least one source is needed")
    sources = tuple(_parse_source(s, name, base, f"{where}.sources[{i}]") for i, s in enumerate(sources_raw))
    names = [s.name for s in sources]
    if len(set(names)) != len(names):
        raise RecipeError(f"{where}.sources: source names must be unique, got {names}")
    verify_raw = _expect(raw.get("verify", {}), dict, f"{where}.verify")
    _no_unknown_keys(verify_raw, {"timeout_s", "keep_unverified", "min_pass_rate"}, f"{where}.verify")
    min_pass_rate = float(_expect(verify_raw.get("min_pass_rate", 1.0), (int, float), f"{where}.verify.min_pass_rate"))
    if not 0 < min_pass_rate <= 1:
        raise RecipeError(f"{where}.verify.min_pass_rate: must be in (0, 1]")
    verify = VerifyPolicy(
        timeout_s=float(_expect(verify_raw.get("timeout_s", 10.0), (int, float), f"{where}.verify.timeout_s")),
        keep_unverified=_expect(verify_raw.get("keep_unverified", True), bool, f"{where}.verify.keep_unverified"),
        min_pass_rate=min_pass_rate,
    )
    target = _count(raw, "target", where)
    for i, source in enumerate(sources):
        if source.weight is not None and (target is None or source.target is not None):
            raise RecipeError(f"{where}.sources[{i}].weight: a weight shares out {where}.target among the sources "
                              "without their own target; set the domain target or drop the weight")
    explicit = sum(s.target for s in sources if s.target is not None)
    if target is not None and explicit > target:
        raise RecipeError(f"{where}.target: {target} is less than the sources' own targets ({explicit})")
    return DomainSpec(name, sources, verify, target)


def _parse_benchmark(raw: Any, base: Path, where: str) -> BenchmarkRef:
    if isinstance(raw, str):
        return BenchmarkRef(raw)
    raw = _expect(raw, dict, where)
    _no_unknown_keys(raw, {"name", "path", "field", "id_field"}, where)
    path = _resolve_paths(raw["path"], base, f"{where}.path")[0] if "path" in raw else None
    return BenchmarkRef(
        name=_expect(raw.get("name"), str, f"{where}.name"),
        path=path,
        field=_expect(raw.get("field"), (str, type(None)), f"{where}.field"),
        id_field=_expect(raw.get("id_field"), (str, type(None)), f"{where}.id_field"),
    )


def _parse_decontamination(raw: Any, base: Path) -> DecontamPolicy | None:
    if raw is None:
        return None
    where = "decontamination"
    raw = _expect(raw, dict, where)
    _no_unknown_keys(raw, {"benchmarks", "ngram", "check_responses", "thresholds"}, where)
    benchmarks = _expect(raw.get("benchmarks"), list, f"{where}.benchmarks")
    if not benchmarks:
        raise RecipeError(f"{where}.benchmarks: name at least one benchmark (or remove the section)")
    ngram = _expect(raw.get("ngram", 5), int, f"{where}.ngram")
    thresholds = _expect(raw.get("thresholds", {}), dict, f"{where}.thresholds")
    for name, limits in thresholds.items():
        _no_unknown_keys(_expect(limits, dict, f"{where}.thresholds.{name}"), {"min_coverage", "min_span", "min_share"}, f"{where}.thresholds.{name}")
    if not 3 <= ngram <= 64:
        raise RecipeError(f"{where}.ngram: must be between 3 and 64")
    return DecontamPolicy(
        benchmarks=tuple(_parse_benchmark(b, base, f"{where}.benchmarks[{i}]") for i, b in enumerate(benchmarks)),
        ngram=ngram,
        check_responses=_expect(raw.get("check_responses", True), bool, f"{where}.check_responses"),
        thresholds=thresholds,
    )


def _parse_dedup(raw: Any) -> DedupPolicy | None:
    if raw is None:
        return None
    raw = _expect(raw, dict, "dedup")
    _no_unknown_keys(raw, {"exact", "near", "threshold", "max_traces_per_problem"}, "dedup")
    threshold = float(_expect(raw.get("threshold", 0.5), (int, float), "dedup.threshold"))
    if not 0 < threshold <= 1:
        raise RecipeError("dedup.threshold: must be in (0, 1]")
    keep = _expect(raw.get("max_traces_per_problem", 1), int, "dedup.max_traces_per_problem")
    if keep < 1:
        raise RecipeError("dedup.max_traces_per_problem: must be at least 1")
    return DedupPolicy(
        exact=_expect(raw.get("exact", True), bool, "dedup.exact"),
        near=_expect(raw.get("near", True), bool, "dedup.near"),
        threshold=threshold,
        max_traces_per_problem=keep,
    )


def _parse_filters(raw: Any) -> dict[str, Any]:
    """``filters: {language: {expected: en}, repetition: {}}``: each named filter enabled with its options."""
    raw = _expect(raw if raw is not None else {}, dict, "filters")
    _no_unknown_keys(raw, set(FILTERS), "filters")
    configs = {}
    for name, options in raw.items():
        where = f"filters.{name}"
        options = _expect(options if options is not None else {}, dict, where)
        config_fields = {f.name: f.default for f in fields(FILTERS[name].config)}
        _no_unknown_keys(options, set(config_fields), where)
        for key, value in options.items():
            default = config_fields[key]
            kind = (int, float) if type(default) is float else type(default)
            # YAML true is not a number, nor 1 a boolean (bool is an int to isinstance).
            if isinstance(value, bool) is not isinstance(default, bool) or not isinstance(value, kind):
                raise RecipeError(f"{where}.{key}: expected {type(default).__name__}, got {type(value).__name__} ({value!r})")
        try:
            configs[name] = FILTERS[name].config(**options)
        except ValueError as err:
            raise RecipeError(f"{where}: {err}") from None
    return configs


def _parse_combine(raw: Any, domains: dict[str, DomainSpec]) -> CombineSpec:
    raw = _expect(raw if raw is not None else {}, dict, "combine")
    _no_unknown_keys(raw, {"target_total", "shares"}, "combine")
    target_total = _count(raw, "target_total", "combine", minimum=1)
    if raw.get("shares") is None:
        return CombineSpec(target_total)
    if target_total is None:
        raise RecipeError("combine.shares: shares only apply at a combine.target_total (null keeps the mixtures as they are)")
    shares = _expect(raw["shares"], dict, "combine.shares")
    if set(shares) != set(domains):
        raise RecipeError(f"combine.shares: give a share for each domain of the recipe ({', '.join(domains)}), got {', '.join(shares) or 'none'}")
    for name, share in shares.items():
        if isinstance(_expect(share, (int, float), f"combine.shares.{name}"), bool) or share <= 0:
            raise RecipeError(f"combine.shares.{name}: must be a positive number")
    return CombineSpec(target_total, {name: float(shares[name]) for name in domains})


_OVERLAY_LIST_KEYS = ("add_sources", "remove_sources")


def apply_overlay(base: dict[str, Any], overlay: dict[str, Any], where: str = "overlay") -> dict[str, Any]:
    """``base`` (a raw recipe mapping) with ``overlay`` applied; neither argument is modified.

    Semantics: mappings merge key by key, recursively; any other value replaces the base value.
    Under ``domains.<d>``, three keys edit the source list instead of replacing it:
    ``sources`` given as a *mapping* ``{source name: partial source}`` merges into the named
    sources; ``add_sources: [...]`` appends sources; ``remove_sources: [names]`` removes them.
    (``sources`` given as a list replaces the whole list.) Nothing the overlay does not name changes.

    >>> base = {"seed": 1, "domains": {"code": {"target": 10, "sources": [{"name": "py", "cap": 5}]}}}
    >>> apply_overlay(base, {"domains": {"code": {"sources": {"py": {"cap": 8}}, "add_sources": [{"name": "cpp"}]}}})
    {'seed': 1, 'domains': {'code': {'target': 10, 'sources': [{'name': 'py', 'cap': 8}, {'name': 'cpp'}]}}}
    """
    merged = copy.deepcopy(base)
    for key, value in overlay.items():
        here = f"{where}.{key}"
        if key in _OVERLAY_LIST_KEYS:
            continue
        if key == "sources" and isinstance(value, dict):
            by_name = {s.get("name"): i for i, s in enumerate(merged.get("sources", [])) if isinstance(s, dict)}
            for name, patch in value.items():
                if name not in by_name:
                    raise RecipeError(f"{here}.{name}: no source named {name!r} to change; known: {', '.join(map(str, by_name))}")
                i = by_name[name]
                merged["sources"][i] = apply_overlay(merged["sources"][i], _expect(patch, dict, f"{here}.{name}"), f"{here}.{name}")
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = apply_overlay(merged[key], value, here)
        else:
            merged[key] = copy.deepcopy(value)
    if "remove_sources" in overlay:
        names = _expect(overlay["remove_sources"], list, f"{where}.remove_sources")
        known = {s.get("name") for s in merged.get("sources", []) if isinstance(s, dict)}
        if missing := [n for n in names if n not in known]:
            raise RecipeError(f"{where}.remove_sources: no source named {', '.join(map(str, missing))}")
        merged["sources"] = [s for s in merged["sources"] if s.get("name") not in names]
    if "add_sources" in overlay:
        merged["sources"] = [*merged.get("sources", []), *copy.deepcopy(_expect(overlay["add_sources"], list, f"{where}.add_sources"))]
    return merged


def parse_recipe(raw: Any, path: Path, experiment: str | None = None) -> Recipe:
    """Validate an already-loaded YAML mapping; relative paths resolve against ``path``'s folder.

    With ``experiment``, the overlay ``experiments[experiment]`` is applied (:func:`apply_overlay`)
    before validation, so an experiment is checked exactly like the recipe it modifies.
    """
    raw = _expect(raw, dict, "recipe")
    experiments = _expect(raw.get("experiments") or {}, dict, "experiments")
    if experiment is not None:
        if experiment not in experiments:
            raise RecipeError(f"experiments: no experiment {experiment!r}; defined: {', '.join(experiments) or 'none'}")
        overlay = _expect(experiments[experiment], dict, f"experiments.{experiment}")
        if "experiments" in overlay:
            raise RecipeError(f"experiments.{experiment}: an experiment cannot define experiments")
        raw = apply_overlay({k: v for k, v in raw.items() if k != "experiments"}, overlay, f"experiments.{experiment}")
    _no_unknown_keys(raw, {"name", "seed", "max_tokens", "tokenizer", "chat_template", "domains", "combine", "experiments",
                          "decontamination", "dedup", "filters"}, "recipe")
    domains_raw = _expect(raw.get("domains"), dict, "domains")
    domains = {name: _parse_domain(name, spec, path.parent) for name, spec in domains_raw.items()}
    all_names = [s.name for d in domains.values() for s in d.sources]
    if len(set(all_names)) != len(all_names):
        raise RecipeError(f"source names must be unique across domains, got {all_names}")
    max_tokens = _expect(raw.get("max_tokens", 32768), int, "max_tokens")
    if max_tokens <= 0:
        raise RecipeError("max_tokens: must be positive")
    return Recipe(
        name=_expect(raw.get("name", path.stem), str, "name"),
        path=path,
        domains=domains,
        seed=_expect(raw.get("seed", 42), int, "seed"),
        max_tokens=max_tokens,
        tokenizer=_expect(raw.get("tokenizer", DEFAULT_TOKENIZER), str, "tokenizer"),
        chat_template=_expect(raw.get("chat_template", "chatml"), str, "chat_template"),
        decontamination=_parse_decontamination(raw.get("decontamination"), path.parent),
        dedup=_parse_dedup(raw.get("dedup")),
        combine=_parse_combine(raw.get("combine"), domains),
        experiment=experiment,
        experiments=tuple(experiments),
        filters=_parse_filters(raw.get("filters")),
    )


def load_recipe(path: str | Path, experiment: str | None = None) -> Recipe:
    """Read and validate a recipe file, with the named experiment's overlay applied."""
    path = Path(path).resolve()
    if not path.is_file():
        raise RecipeError(f"recipe file not found: {path}")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise RecipeError(f"{path}: not valid YAML: {err}") from err
    try:
        return parse_recipe(raw, path, experiment)
    except RecipeError as err:
        raise RecipeError(f"{path.name}: {err}") from None
