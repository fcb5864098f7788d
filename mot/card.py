"""The dataset card (``README.md``): Hub YAML (configs, features) and what the build did."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import yaml

from mot.layout import BuildLayout
from mot.schema import ROW_SCHEMA
from mot.stats import QueryResult, format_table


def _feature(field: pa.Field) -> dict[str, Any]:
    if pa.types.is_list(field.type):
        inner = field.type.value_type
        return {"name": field.name, "list": [_feature(inner.field(i)) for i in range(inner.num_fields)]}
    return {"name": field.name, "dtype": str(field.type)}


def card_metadata(domains: list[str]) -> dict[str, Any]:
    """Hub YAML header: config ``all`` plus one per built domain, each a ``train`` split."""
    configs = [{"config_name": "all", "data_files": [{"split": "train", "path": "data/*/*.parquet"}], "default": True}]
    configs += [{"config_name": d, "data_files": [{"split": "train", "path": f"data/{d}/*.parquet"}]} for d in domains]
    features = [_feature(f) for f in ROW_SCHEMA]
    return {
        "configs": configs,
        "dataset_info": [{"config_name": c["config_name"], "features": features} for c in configs],
        "tags": ["reasoning", "sft", "mot"],
    }


def render_card(recipe_name: str, domains: list[str], reports: dict[str, QueryResult]) -> str:
    header = yaml.safe_dump(card_metadata(domains), sort_keys=False)
    sections = "\n\n".join(f"### {title}\n\n```\n{format_table(result)}\n```" for title, result in reports.items())
    return (
        f"---\n{header}---\n\n"
        f"# {recipe_name}\n\n"
        "Reasoning traces built by `mot`: ingested, format-checked, verified, token-counted with the\n"
        "target chat template and length-filtered. Every input trace is accounted for in `ledger/`.\n\n"
        "```python\nfrom datasets import load_dataset\n"
        f'ds = load_dataset("<this repo or folder>", "{domains[0] if domains else "all"}", split="train")\n```\n\n'
        f"## Build report\n\n{sections}\n"
    )


def write_card(layout: BuildLayout, recipe_name: str, domains: list[str], reports: dict[str, QueryResult]) -> None:
    layout.card.write_text(render_card(recipe_name, domains, reports), encoding="utf-8")
