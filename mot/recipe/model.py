"""The typed recipe: immutable pydantic models, their defaults and the rules between fields.

The model imports nothing from the rest of ``mot`` but the bottom layer (schema names, defaults).
What only other layers know — the adapter and filter tables, the folder relative paths start
from — reaches the validators through the validation *context* (see :mod:`mot.recipe.parse`),
so ``Recipe.model_validate(raw, context=...)`` checks a recipe completely without this module
importing the stages that use it.

The YAML keys are the field names (``path`` is an alias of :attr:`SourceSpec.paths`); the JSON
Schema editors use is exported from these models (``schemas/recipe.schema.json``).
"""

from __future__ import annotations

import dataclasses
import glob
import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (BaseModel, ConfigDict, Field, TypeAdapter, ValidationInfo, WithJsonSchema, field_validator,
                      model_validator)
from pydantic.json_schema import SkipJsonSchema

from mot import defaults
from mot.recipe.errors import RecipeError, first_error
from mot.schema import DOMAINS

Domain = Literal["math", "code", "science"]
assert DOMAINS == Domain.__args__  # one vocabulary: the model's literal is the schema's tuple

# Comparisons a ``where:`` row filter may make; ``contains`` is a substring test on strings and a
# membership test on lists, so it reads the same for ``generator: "A, B"`` and ``used_in: [A, B]``.
FILTER_OPS = ("equals", "not_equals", "in", "not_in", "contains", "not_contains")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


def _context(info: ValidationInfo, key: str) -> Any:
    return (info.context or {}).get(key)


def resolve_paths(patterns: str | list[str], base: Path) -> tuple[Path, ...]:
    """Files named by ``patterns`` (globs allowed) relative to ``base``; each pattern must match a file."""
    paths: list[Path] = []
    for pattern in [patterns] if isinstance(patterns, str) else patterns:
        full = str(base / pattern)
        matches = sorted(glob.glob(full, recursive=True)) if glob.has_magic(full) else [full]
        matches = [m for m in matches if Path(m).is_file()]
        if not matches:
            raise ValueError(f"no file matches {pattern!r} (looked in {base})")
        paths.extend(Path(m).resolve() for m in matches)
    return tuple(paths)


# Local files as YAML gives them (one pattern or a list); resolved against the recipe's folder.
LocalFiles = Annotated[
    tuple[Path, ...],
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}],
                    "description": "file path or glob, relative to the recipe (or a list of them)"}),
]


def _local_files(value: Any, info: ValidationInfo) -> Any:
    if isinstance(value, (str, list)) and all(isinstance(v, str) for v in ([value] if isinstance(value, str) else value)):
        return resolve_paths(value, _context(info, "base") or Path.cwd())
    return value


class HubSpec(Model):
    """A dataset on the Hub (or any path ``datasets.load_dataset`` accepts)."""

    id: str
    config: str | None = None
    split: str = "train"
    revision: str | None = None

    @field_validator("id")
    @classmethod
    def _org_name(cls, value: str, info: ValidationInfo) -> str:
        from_recipe = info.context is not None  # code may name a local dataset folder; a recipe names a Hub repo
        if from_recipe and ("/" not in value or value.startswith("/") or value.endswith("/")):
            raise ValueError(f"expected 'org/name', got {value!r}")
        return value


class RowFilter(Model):
    """Keep an upstream row only when ``row[field] <op> value`` holds (a missing field is None).

    >>> RowFilter(field="generator", not_contains="Qwen").keeps({"generator": "DeepSeek-R1, Qwen-2.5-72B-Instruct"})
    False
    >>> RowFilter.model_validate({"field": "generator", "in": ["DeepSeek-R1"]}).keeps({"generator": "DeepSeek-R1"})
    True
    """

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True)

    field: str
    equals: Any = None
    not_equals: Any = None
    in_: list[Any] | None = Field(None, alias="in")
    not_in: list[Any] | None = None
    contains: Any = None
    not_contains: Any = None

    @model_validator(mode="after")
    def _one_op(self) -> RowFilter:
        given = [op for op in FILTER_OPS if op in self._given()]
        if len(given) != 1:
            raise ValueError(f"give 'field' and exactly one of {', '.join(FILTER_OPS)}")
        return self

    def _given(self) -> set[str]:
        return {"in" if name == "in_" else name for name in self.model_fields_set} - {"field"}

    @property
    def op(self) -> str:
        return next(iter(self._given()))

    @property
    def value(self) -> Any:
        return getattr(self, "in_" if self.op == "in" else self.op)

    def keeps(self, row: dict[str, Any]) -> bool:
        """Whether ``row`` passes."""
        actual, op, value = row.get(self.field), self.op, self.value
        if op in ("contains", "not_contains"):
            found = isinstance(actual, (str, list)) and value in actual
            return found == (op == "contains")
        if op in ("in", "not_in"):
            return (actual in value) == (op == "in")
        return (actual == value) == (op == "equals")

    def describe(self) -> str:
        return f"{self.field} {self.op.replace('_', ' ')} {self.value!r}"


PositiveCount = Annotated[int, Field(ge=0)]

# How a source's upstream correctness labels (e.g. OpenR1-Math's correctness_llama) count:
# ignore — recorded only; require_ours — only our verifier can keep a trace as verified, even where the
# domain keeps unverified traces; ours_or_theirs — verified when we or an upstream judge accepted it
# (MoT's rule for math), the ledger's ``verified_by`` saying whose verdict kept the row.
UpstreamPolicy = Literal["ignore", "require_ours", "ours_or_theirs"]


class JoinSpec(Model):
    """Tests (and checkers) for a source's traces from another dataset, joined on a problem id.

    ``key`` is the trace reference's field holding the problem id (``problem_id`` for
    codeforces-cots), ``id_column`` the other dataset's id column; ``tests`` its test columns (lists of
    ``{input, output}`` or dicts of two lists), ``checker`` its checker-source column. The join is
    read once per build and shared by the tasks; traces without a match stay unverified, saying so.
    """

    hub: HubSpec
    key: str = "problem_id"
    id_column: str = "id"
    tests: Annotated[tuple[str, ...], Field(min_length=1, strict=False)] = ("official_tests",)
    checker: str | None = "generated_checker"


class SourceSpec(Model):
    """One upstream source: where its rows live, which adapter turns them into traces, and how
    many of its pooled traces the domain's mixture takes (see :mod:`mot.pool.mixture`)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True)

    name: str
    domain: SkipJsonSchema[Domain] = Field("math", description="set from the enclosing domain")
    adapter: str
    paths: LocalFiles = Field((), alias="path", strict=False)
    hub: HubSpec | None = None
    where: tuple[RowFilter, ...] = Field((), strict=False)  # all must hold
    weight: Annotated[float, Field(gt=0)] | None = None
    target: PositiveCount | None = None
    cap: PositiveCount | None = None
    upsample: Annotated[float, Field(ge=1, description="the most times a trace may repeat; 1 = never")] = 1.0
    tests_from: JoinSpec | None = None
    upstream_labels: UpstreamPolicy = "ignore"

    _files = field_validator("paths", mode="before")(_local_files)

    @field_validator("where", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, dict) else value

    @field_validator("adapter")
    @classmethod
    def _known_adapter(cls, value: str, info: ValidationInfo) -> str:
        known = _context(info, "adapters")
        if known is not None and value not in known:
            raise ValueError(f"unknown adapter {value!r}; known: {', '.join(sorted(known))}")
        return value

    @model_validator(mode="after")
    def _one_location(self) -> SourceSpec:
        if bool(self.paths) == (self.hub is not None):
            raise ValueError("give exactly one of 'path' (local files) or 'hub' (a Hub dataset)")
        return self

    @property
    def mixes(self) -> bool:
        """Whether the recipe asks the mixture to do anything with this source."""
        return self.weight is not None or self.target is not None or self.cap is not None or self.upsample != 1.0


class VerifyPolicy(Model):
    """How a domain's traces are verified and what happens to those that cannot be."""

    timeout_s: Annotated[float, Field(gt=0)] = defaults.VERIFY_TIMEOUT_S
    keep_unverified: bool = True
    min_pass_rate: Annotated[float, Field(gt=0, le=1)] = 1.0  # code: share of tests a program must pass


class BenchmarkRef(Model):
    """A benchmark to decontaminate against: a known name, optionally redirected to a local file."""

    name: str
    path: Annotated[Path, WithJsonSchema({"type": "string", "description": "a local copy, relative to the recipe"})] | None = None
    field: str | None = None
    id_field: str | None = None
    # LiveCodeBench only: the release window open-r1 used (e.g. v4_v5) and/or a contest_date window.
    version_tag: str | None = None
    start_date: Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")] | None = None
    end_date: Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")] | None = None

    @field_validator("path", mode="before")
    @classmethod
    def _one_file(cls, value: Any, info: ValidationInfo) -> Any:
        return _local_files(value, info)[0] if isinstance(value, str) else value


class ContaminationThresholds(Model):
    """When a text copies a benchmark item (see ``mot.decontam.Thresholds``); unset fields keep the defaults."""

    min_coverage: Annotated[float, Field(gt=0, le=1, strict=False)] = 0.25
    min_span: Annotated[int, Field(ge=1)] = 12
    min_share: Annotated[float, Field(gt=0, le=1, strict=False)] = 0.5


class DecontamPolicy(Model):
    benchmarks: Annotated[tuple[BenchmarkRef, ...], Field(min_length=1, strict=False)]
    ngram: Annotated[int, Field(ge=3, le=64)] = 5
    check_responses: bool = True
    background_rows: Annotated[int, Field(ge=0, description="rows read from the start of every source to learn the pool's stock phrases (0: none)")] = 1000
    thresholds: dict[str, ContaminationThresholds] = Field(
        default_factory=dict, description='"default" or a benchmark name → its contamination thresholds')

    @field_validator("benchmarks", mode="before")
    @classmethod
    def _names(cls, value: Any) -> Any:
        return [{"name": b} if isinstance(b, str) else b for b in value] if isinstance(value, list) else value


class DedupPolicy(Model):
    exact: bool = True
    near: bool = True
    threshold: Annotated[float, Field(gt=0, le=1)] = 0.5  # shingle Jaccard; identity is also checked word by word (mot.pool.dedup)
    max_traces_per_problem: Annotated[int, Field(ge=1)] = 1


class DomainSpec(Model):
    name: SkipJsonSchema[Domain] = Field("math", description="set from the key under domains:")
    sources: Annotated[tuple[SourceSpec, ...], Field(min_length=1, strict=False)]
    verify: VerifyPolicy = VerifyPolicy()
    target: PositiveCount | None = None

    @model_validator(mode="after")
    def _targets_add_up(self) -> DomainSpec:
        names = [s.name for s in self.sources]
        if len(set(names)) != len(names):
            raise ValueError(f"source names must be unique, got {names}")
        for source in self.sources:
            if source.weight is not None and (self.target is None or source.target is not None):
                raise ValueError(f"source {source.name!r}: a weight shares out the domain target among the sources "
                                 "without their own target; set the domain target or drop the weight")
        explicit = sum(s.target for s in self.sources if s.target is not None)
        if self.target is not None and explicit > self.target:
            raise ValueError(f"target {self.target} is less than the sources' own targets ({explicit})")
        return self


class CombineSpec(Model):
    """How the per-domain mixtures join: scaled to ``target_total`` rows in ``shares`` (None: as-is)."""

    target_total: Annotated[int, Field(ge=1)] | None = None
    shares: dict[Domain, Annotated[float, Field(gt=0)]] | None = None

    @model_validator(mode="after")
    def _shares_need_total(self) -> CombineSpec:
        if self.shares is not None and self.target_total is None:
            raise ValueError("shares only apply at a combine.target_total (null keeps the mixtures as they are)")
        return self


class Recipe(Model):
    """A whole recipe; ``path``, ``experiment`` and ``experiments`` are set by the loader, not the YAML."""

    name: str
    path: SkipJsonSchema[Path] = Path("recipe.yaml")
    domains: dict[Domain, DomainSpec]
    seed: int = defaults.SEED
    max_tokens: Annotated[int, Field(ge=1)] = defaults.MAX_TOKENS
    tokenizer: str = defaults.TOKENIZER
    chat_template: str = defaults.CHAT_TEMPLATE
    decontamination: DecontamPolicy | None = None
    dedup: DedupPolicy | None = None
    combine: CombineSpec = CombineSpec()
    experiment: SkipJsonSchema[str | None] = None
    experiments: dict[str, dict[str, Any]] = Field(default_factory=dict, description="named overlays (see mot.recipe.overlay)")
    filters: dict[str, Any] = Field(default_factory=dict, description="enabled quality filter → its options (mot.filters)")

    @model_validator(mode="before")
    @classmethod
    def _names_from_keys(cls, raw: Any) -> Any:
        """Each domain learns its name, each source its domain, from where they sit in the YAML."""
        if not isinstance(raw, dict) or not isinstance(raw.get("domains"), dict):
            return raw
        domains = {}
        for name, spec in raw["domains"].items():
            if isinstance(spec, dict):
                sources = spec.get("sources")
                if isinstance(sources, list):
                    sources = [{**s, "domain": name} if isinstance(s, dict) else s for s in sources]
                spec = {**spec, "name": name, **({"sources": sources} if sources is not None else {})}
            domains[name] = spec
        return {**raw, "domains": domains}

    @field_validator("filters", mode="before")
    @classmethod
    def _filter_configs(cls, value: Any, info: ValidationInfo) -> Any:
        """``{language: {expected: en}, repetition: null}`` → each named filter's typed config."""
        table = _context(info, "filters")
        if table is None or not isinstance(value, dict):
            return value
        unknown = sorted(set(value) - set(table))
        if unknown:
            raise ValueError(f"unknown filter(s) {', '.join(unknown)}; known: {', '.join(table)}")
        configs = {}
        for name, options in value.items():
            config = table[name].config
            if isinstance(options, config):
                configs[name] = options
                continue
            options = options if options is not None else {}
            if not isinstance(options, dict):
                raise ValueError(f"{name}: expected a mapping of options, got {options!r}")
            allowed = {f.name for f in dataclasses.fields(config)}
            if unknown := sorted(set(options) - allowed):
                raise ValueError(f"{name}: unknown option(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}")
            try:  # strict JSON validation: YAML true is not a number, nor 1 a boolean
                configs[name] = TypeAdapter(config).validate_json(json.dumps(options), strict=True)
            except ValueError as err:  # pydantic's ValidationError is a ValueError; keep its location
                raise ValueError(first_error(err, prefix=name)) from None
        return configs

    @model_validator(mode="after")
    def _consistent(self) -> Recipe:
        names = [s.name for d in self.domains.values() for s in d.sources]
        if len(set(names)) != len(names):
            raise ValueError(f"source names must be unique across domains, got {names}")
        if self.combine.shares is not None and set(self.combine.shares) != set(self.domains):
            raise ValueError(f"combine.shares: give a share for each domain of the recipe ({', '.join(self.domains)}), "
                             f"got {', '.join(self.combine.shares) or 'none'}")
        return self

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
