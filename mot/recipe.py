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
"""

from __future__ import annotations

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


@dataclass(frozen=True)
class SourceSpec:
    """One upstream source: where its rows live and which adapter turns them into traces."""

    name: str
    domain: str
    adapter: str
    paths: tuple[Path, ...] = ()
    hub: HubSpec | None = None


@dataclass(frozen=True)
class VerifyPolicy:
    """How a domain's traces are verified and what happens to those that cannot be."""

    timeout_s: float = 10.0
    keep_unverified: bool = True


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
    ngram: int = 8
    check_responses: bool = True


@dataclass(frozen=True)
class DedupPolicy:
    exact: bool = True
    near: bool = True
    threshold: float = 0.7
    max_traces_per_problem: int = 1


@dataclass(frozen=True)
class DomainSpec:
    name: str
    sources: tuple[SourceSpec, ...]
    verify: VerifyPolicy = field(default_factory=VerifyPolicy)


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


def _parse_source(raw: Any, domain: str, base: Path, where: str) -> SourceSpec:
    raw = _expect(raw, dict, where)
    _no_unknown_keys(raw, {"name", "adapter", "path", "hub"}, where)
    name = _expect(raw.get("name"), str, f"{where}.name")
    adapter = _expect(raw.get("adapter"), str, f"{where}.adapter")
    if adapter not in ADAPTERS:
        raise RecipeError(f"{where}.adapter: unknown adapter {adapter!r}; known: {', '.join(sorted(ADAPTERS))}")
    if ("path" in raw) == ("hub" in raw):
        raise RecipeError(f"{where}: give exactly one of 'path' (local files) or 'hub' (a Hub dataset)")
    if "path" in raw:
        return SourceSpec(name, domain, adapter, paths=_resolve_paths(raw["path"], base, f"{where}.path"))
    hub = _expect(raw["hub"], dict, f"{where}.hub")
    _no_unknown_keys(hub, {"id", "config", "split", "revision"}, f"{where}.hub")
    spec = HubSpec(
        id=_expect(hub.get("id"), str, f"{where}.hub.id"),
        config=_expect(hub.get("config"), (str, type(None)), f"{where}.hub.config"),
        split=_expect(hub.get("split", "train"), str, f"{where}.hub.split"),
        revision=_expect(hub.get("revision"), (str, type(None)), f"{where}.hub.revision"),
    )
    return SourceSpec(name, domain, adapter, hub=spec)


def _parse_domain(name: str, raw: Any, base: Path) -> DomainSpec:
    where = f"domains.{name}"
    if name not in DOMAINS:
        raise RecipeError(f"{where}: unknown domain; known: {', '.join(DOMAINS)}")
    raw = _expect(raw, dict, where)
    _no_unknown_keys(raw, {"sources", "verify"}, where)
    sources_raw = _expect(raw.get("sources"), list, f"{where}.sources")
    if not sources_raw:
        raise RecipeError(f"{where}.sources: at least one source is needed")
    sources = tuple(_parse_source(s, name, base, f"{where}.sources[{i}]") for i, s in enumerate(sources_raw))
    names = [s.name for s in sources]
    if len(set(names)) != len(names):
        raise RecipeError(f"{where}.sources: source names must be unique, got {names}")
    verify_raw = _expect(raw.get("verify", {}), dict, f"{where}.verify")
    _no_unknown_keys(verify_raw, {"timeout_s", "keep_unverified"}, f"{where}.verify")
    verify = VerifyPolicy(
        timeout_s=float(_expect(verify_raw.get("timeout_s", 10.0), (int, float), f"{where}.verify.timeout_s")),
        keep_unverified=_expect(verify_raw.get("keep_unverified", True), bool, f"{where}.verify.keep_unverified"),
    )
    return DomainSpec(name, sources, verify)


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
    _no_unknown_keys(raw, {"benchmarks", "ngram", "check_responses"}, where)
    benchmarks = _expect(raw.get("benchmarks"), list, f"{where}.benchmarks")
    if not benchmarks:
        raise RecipeError(f"{where}.benchmarks: name at least one benchmark (or remove the section)")
    ngram = _expect(raw.get("ngram", 8), int, f"{where}.ngram")
    if not 3 <= ngram <= 64:
        raise RecipeError(f"{where}.ngram: must be between 3 and 64")
    return DecontamPolicy(
        benchmarks=tuple(_parse_benchmark(b, base, f"{where}.benchmarks[{i}]") for i, b in enumerate(benchmarks)),
        ngram=ngram,
        check_responses=_expect(raw.get("check_responses", True), bool, f"{where}.check_responses"),
    )


def _parse_dedup(raw: Any) -> DedupPolicy | None:
    if raw is None:
        return None
    raw = _expect(raw, dict, "dedup")
    _no_unknown_keys(raw, {"exact", "near", "threshold", "max_traces_per_problem"}, "dedup")
    threshold = float(_expect(raw.get("threshold", 0.7), (int, float), "dedup.threshold"))
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


def parse_recipe(raw: Any, path: Path) -> Recipe:
    """Validate an already-loaded YAML mapping; relative paths resolve against ``path``'s folder."""
    raw = _expect(raw, dict, "recipe")
    _no_unknown_keys(raw, {"name", "seed", "max_tokens", "tokenizer", "chat_template", "domains", "decontamination", "dedup", "filters"},
                     "recipe")
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
        filters=_parse_filters(raw.get("filters")),
    )


def load_recipe(path: str | Path) -> Recipe:
    """Read and validate a recipe file."""
    path = Path(path).resolve()
    if not path.is_file():
        raise RecipeError(f"recipe file not found: {path}")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise RecipeError(f"{path}: not valid YAML: {err}") from err
    try:
        return parse_recipe(raw, path)
    except RecipeError as err:
        raise RecipeError(f"{path.name}: {err}") from None
