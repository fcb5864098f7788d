"""Evaluation benchmarks to decontaminate against: named Hub datasets or local files.

No benchmark text ships with mot. The five named sets load from the Hub at build time; any of
them can be pointed at a local JSONL/Parquet copy instead (recipe ``path:`` or
``mot build --benchmark NAME=PATH``). A benchmark that cannot be loaded stops the build.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from mot.recipe.model import HubSpec


class BenchmarkError(RuntimeError):
    """A named benchmark cannot be loaded; decontamination is never silently skipped."""


@dataclass(frozen=True)
class BenchmarkSpec:
    """Where a benchmark's problems live and which fields hold the text and the item id."""

    name: str
    field: str = "problem"
    id_field: str | None = "id"
    hub: HubSpec | None = None
    path: Path | None = None


KNOWN_BENCHMARKS: dict[str, BenchmarkSpec] = {
    "aime_2024": BenchmarkSpec("aime_2024", "problem", "id", HubSpec(id="HuggingFaceH4/aime_2024", split="train")),
    "aime_2025": BenchmarkSpec("aime_2025", "problem", "id", HubSpec(id="yentinglin/aime_2025", split="train")),
    "math_500": BenchmarkSpec("math_500", "problem", "unique_id", HubSpec(id="HuggingFaceH4/MATH-500", split="test")),
    "gpqa_diamond": BenchmarkSpec("gpqa_diamond", "Question", "Record ID", HubSpec(id="Idavidrein/gpqa", config="gpqa_diamond", split="train")),
    "livecodebench": BenchmarkSpec("livecodebench", "question_content", "question_id", HubSpec(id="livecodebench/code_generation_lite", split="test")),
}


def resolve_benchmark(name: str, path: Path | None = None, field: str | None = None, id_field: str | None = None) -> BenchmarkSpec:
    """A known benchmark (optionally redirected to a local file) or a custom one given by ``path``."""
    base = KNOWN_BENCHMARKS.get(name)
    if base is None:
        if path is None:
            raise BenchmarkError(f"unknown benchmark {name!r}: give a path, or use one of {', '.join(KNOWN_BENCHMARKS)}")
        base = BenchmarkSpec(name)
    spec = replace(base, path=path, hub=None) if path is not None else base
    if field:
        spec = replace(spec, field=field)
    if id_field:
        spec = replace(spec, id_field=id_field)
    return spec


def load_benchmark(spec: BenchmarkSpec) -> list[tuple[str, str]]:
    """``(item id, problem text)`` for every item; raises BenchmarkError when it cannot be read."""
    from mot.sources.read import SourceError, iter_hub, iter_local

    try:
        raws = iter_local((spec.path,), 0, 1) if spec.path is not None else iter_hub(spec.hub, 0, 1)  # type: ignore[arg-type]
        items = []
        for index, raw in enumerate(raws):
            if raw.error is not None:
                raise BenchmarkError(f"benchmark {spec.name}: {raw.error}")
            text = raw.row.get(spec.field) if raw.row else None
            if not isinstance(text, str) or not text.strip():
                raise BenchmarkError(f"benchmark {spec.name}: item {index} has no text in field {spec.field!r}")
            item_id = raw.row.get(spec.id_field) if spec.id_field else None
            items.append((str(item_id) if item_id not in (None, "") else str(index), text))
    except SourceError as err:
        raise BenchmarkError(f"benchmark {spec.name} cannot be loaded: {err}") from err
    if not items:
        raise BenchmarkError(f"benchmark {spec.name} is empty")
    return items
