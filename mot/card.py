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


def card_metadata(files: dict[str, list[str]]) -> dict[str, Any]:
    """Hub YAML header: config ``all`` plus one per built domain, each a ``train`` split.

    ``files`` maps each domain to its shard paths relative to the card. Exact file lists (whose
    names carry a content hash) rather than globs keep ``datasets``' cache from serving a
    previous build of the same folder.
    """
    every = [path for domain in files for path in files[domain]]
    configs = [{"config_name": "all", "data_files": [{"split": "train", "path": every}], "default": True}]
    configs += [{"config_name": d, "data_files": [{"split": "train", "path": paths}]} for d, paths in files.items()]
    features = [_feature(f) for f in ROW_SCHEMA]
    return {
        "configs": configs,
        "dataset_info": [{"config_name": c["config_name"], "features": features} for c in configs],
        "tags": ["reasoning", "sft", "mot"],
    }


class _NoAliasDumper(yaml.SafeDumper):
    """The Hub's YAML reader is strict: write repeated feature lists out instead of as anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def render_card(recipe_name: str, files: dict[str, list[str]], reports: dict[str, QueryResult]) -> str:
    domains = list(files)
    header = yaml.dump(card_metadata(files), Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True)
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
    files = {d: [p.relative_to(layout.root).as_posix() for p in layout.data_files(d)] for d in domains}
    layout.card.write_text(render_card(recipe_name, files, reports), encoding="utf-8")
