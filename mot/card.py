"""The dataset card (``README.md``): Hub YAML (configs, features, licence, language, size) and what the build did.

Besides the YAML the Hub reads, the card carries everything needed to judge and reproduce the
dataset: the upstream sources with their licences, rows per domain and source, the mixture's
composition, a token-length histogram (``assets/num_tokens.png``, plotted from the dataset
itself), the filter funnel from the ledger, the recipe and experiment, the sha256 of every shard,
and how to load and train on it. Each table appears once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from mot.atomic import atomic_path, write_atomic
from mot.layout import BuildLayout
from mot.recipe.model import SourceSpec
from mot.schema import ROW_SCHEMA
from mot.stats import QueryResult, connect, format_table, title

HISTOGRAM = Path("assets") / "num_tokens.png"

# Licences of the upstream datasets mot has adapters for, as their Hub cards declare them.
UPSTREAM_LICENSES: dict[str, str] = {
    "open-r1/OpenR1-Math-220k": "apache-2.0",
    "open-r1/codeforces-cots": "cc-by-4.0",
    "open-r1/codeforces": "cc-by-4.0",
    "open-r1/Mixture-of-Thoughts": "apache-2.0",
    "nvidia/Llama-Nemotron-Post-Training-Dataset": "cc-by-4.0",
}
UNKNOWN_LICENSE = "unknown"
# The Hub's size_categories buckets, by their upper bound.
_SIZES = [(1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M")]
# Reports of ``mot stats`` the card shows in their own sections, so the build report does not repeat them.
_OWN_SECTIONS = {"rows_per_source", "funnel"}


def size_category(rows: int) -> str:
    """The Hub's ``size_categories`` value for a dataset of ``rows`` rows.

    >>> size_category(99), size_category(349_317)
    ('n<1K', '100K<n<1M')
    """
    return next((name for bound, name in _SIZES if rows < bound), "n>10M")


def source_license(source: SourceSpec) -> str:
    """The licence of a recipe source: known for the upstream Hub datasets, else ``unknown``."""
    return UPSTREAM_LICENSES.get(source.hub.id, UNKNOWN_LICENSE) if source.hub is not None else UNKNOWN_LICENSE


def dataset_licenses(sources: Sequence[SourceSpec]) -> list[str]:
    """The Hub ``license`` field: every upstream licence; ``other`` stands for an unknown one."""
    return sorted({lic if lic != UNKNOWN_LICENSE else "other" for lic in map(source_license, sources)}) or ["other"]


def _sources_table(sources: Sequence[SourceSpec]) -> str:
    if not sources:
        return "(the recipe names no sources)"
    head = "| source | domain | upstream | licence |\n|---|---|---|---|"
    rows = []
    for source in sources:
        if source.hub is not None:
            where = f"[{source.hub.id}](https://huggingface.co/datasets/{source.hub.id}) `{source.hub.config or 'default'}`/`{source.hub.split}`"
        else:
            where = "local files: " + ", ".join(f"`{p.name}`" for p in source.paths)
        rows.append(f"| {source.name} | {source.domain} | {where} | {source_license(source)} |")
    note = ("\n\nA licence marked `unknown` is not known to mot: check the source's own terms before redistributing."
            if any(source_license(s) == UNKNOWN_LICENSE for s in sources) else "")
    return head + "\n" + "\n".join(rows) + note


def _feature(field: pa.Field) -> dict[str, Any]:
    if pa.types.is_list(field.type):
        inner = field.type.value_type
        return {"name": field.name, "list": [_feature(inner.field(i)) for i in range(inner.num_fields)]}
    return {"name": field.name, "dtype": str(field.type)}


def card_metadata(files: dict[str, list[str]], *, pretty_name: str = "mot dataset", licenses: Sequence[str] = ("other",),
                  rows: int = 0) -> dict[str, Any]:
    """Hub YAML header: licence, language, task, size, name, then config ``all`` plus one per built domain.

    ``files`` maps each domain to its shard paths relative to the card. Exact file lists (whose
    names carry a content hash) rather than globs keep ``datasets``' cache from serving a
    previous build of the same folder.
    """
    every = [path for domain in files for path in files[domain]]
    configs = [{"config_name": "all", "data_files": [{"split": "train", "path": every}], "default": True}]
    configs += [{"config_name": d, "data_files": [{"split": "train", "path": paths}]} for d, paths in files.items()]
    features = [_feature(f) for f in ROW_SCHEMA]
    return {
        "pretty_name": pretty_name,
        "license": list(licenses) if len(licenses) > 1 else licenses[0],
        "language": ["en"],
        "task_categories": ["text-generation"],
        "size_categories": [size_category(rows)],
        "configs": configs,
        "dataset_info": [{"config_name": c["config_name"], "features": features} for c in configs],
        "tags": ["reasoning", "sft", "mot"],
    }


class _NoAliasDumper(yaml.SafeDumper):
    """The Hub's YAML reader is strict: write repeated feature lists out instead of as anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def plot_token_lengths(layout: BuildLayout) -> Path | None:
    """Histogram of ``num_tokens`` per domain, read from the dataset shards; None when empty."""
    import matplotlib

    matplotlib.use("Agg")  # no display; also keeps a user's interactive backend out of builds
    import matplotlib.pyplot as plt

    parts: dict[str, list[Any]] = {}
    for path in layout.data_files():
        parts.setdefault(path.parent.name, []).append(pq.read_table(path, columns=["num_tokens"]).column(0).to_numpy())
    by_domain = {domain: np.concatenate(arrays) for domain, arrays in parts.items() if sum(map(len, arrays))}
    if not by_domain:
        return None
    figure, axes = plt.subplots(figsize=(7, 3.5), dpi=100)
    top = max(int(v.max()) for v in by_domain.values())
    bins = [i * max(1, top // 50 + 1) for i in range(52)]
    axes.hist(list(by_domain.values()), bins=bins, label=list(by_domain), stacked=True)
    axes.set_xlabel("num_tokens (chat template applied)")
    axes.set_ylabel("rows")
    axes.set_title("Token lengths per domain")
    axes.legend()
    figure.tight_layout()
    path = layout.root / HISTOGRAM
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as staging:
        figure.savefig(staging, format="png", metadata={"Software": None})  # no version stamp: same data, same bytes
    plt.close(figure)
    return path


def shard_digests(layout: BuildLayout) -> list[tuple[str, int, str]]:
    """(path relative to the card, rows, sha256) of every dataset shard."""
    return [
        (p.relative_to(layout.root).as_posix(), pq.ParquetFile(p).metadata.num_rows, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in layout.data_files()
    ]


def filter_funnel(layout: BuildLayout, stage_order: Sequence[str]) -> QueryResult:
    """Traces per domain: read, what each stage dropped (in pipeline order), kept, and dataset rows."""
    con = connect(layout.root)
    rows = con.execute("SELECT domain, stage, kept, count(*) FROM ledger GROUP BY ALL").fetchall()
    domains = sorted({r[0] for r in rows})
    counts = {(d, s, k): n for d, s, k, n in rows}
    stages = [s for s in stage_order if any((d, s, False) in counts for d in domains)]
    stages += sorted({s for _, s, k in counts if not k and s not in stages})
    table = [("read", *(sum(n for (dd, _, _), n in counts.items() if dd == d) for d in domains))]
    table += [(f"− {s}", *(counts.get((d, s, False), 0) for d in domains)) for s in stages]
    table.append(("kept (distinct traces)", *(sum(n for (dd, _, k), n in counts.items() if dd == d and k) for d in domains)))
    rows = dict(con.execute("SELECT domain, count(*) FROM dataset GROUP BY domain").fetchall()) if layout.data_files() else {}
    table.append(("dataset rows (with repeats)", *(rows.get(d, 0) for d in domains)))
    return QueryResult(["", *domains], table)


def _markdown(result: QueryResult) -> str:
    head = "| " + " | ".join(result.columns) + " |\n|" + "---|" * len(result.columns)
    return head + "".join("\n| " + " | ".join("" if v is None else f"{v}" for v in row) + " |" for row in result.rows)


def _composition(composition: dict[str, Any]) -> str:
    sources = composition.get("sources", [])
    table = QueryResult(
        ["domain", "source", "pooled", "wanted", "rows", "distinct", "bound by"],
        [(c["domain"], c["source"], c["available"], "all" if c["wanted"] is None else c["wanted"], c["realised"], c["unique"], c["limit"]) for c in sources],
    )
    text = _markdown(table) if sources else "No mixture keys: every pooled trace is in the dataset."
    if combine := composition.get("combine"):
        counts = ", ".join(f"{d} {n:,}" for d, n in combine["counts"].items())
        text += f"\n\nCombined at {combine['target_total']:,} rows (shares {combine['shares'] or 'by mixture size'}): {counts}."
    return text


def render_card(layout: BuildLayout, recipe_name: str, domains: list[str], reports: dict[str, QueryResult], *,
                recipe_text: str = "", experiment: str | None = None, seed: int | None = None,
                composition: dict[str, Any] | None = None, stage_order: Sequence[str] = (),
                sources: Sequence[SourceSpec] = ()) -> str:
    """The whole card as Markdown; ``layout`` supplies the shards, the ledger and the histogram."""
    files = {d: [p.relative_to(layout.root).as_posix() for p in layout.data_files(d)] for d in domains}
    digests = shard_digests(layout)
    metadata = card_metadata(files, pretty_name=recipe_name, licenses=dataset_licenses(sources), rows=sum(n for _, n, _ in digests))
    header = yaml.dump(metadata, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True)
    first = domains[0] if domains else "all"
    histogram = plot_token_lengths(layout)
    shards = "\n".join(f"| `{path}` | {rows:,} | `{digest}` |" for path, rows, digest in digests)
    reports_text = "\n\n".join(f"### {title(key)}\n\n```\n{format_table(result)}\n```"
                                 for key, result in reports.items() if key not in _OWN_SECTIONS)
    rows = reports.get("rows_per_source")
    sections = [
        f"# {recipe_name}",
        "Reasoning traces built by `mot`: ingested, format-checked, verified, token-counted with the\n"
        "target chat template, length-filtered, then mixed per domain and combined. Every input trace\n"
        "is accounted for in `ledger/` (kept, or dropped with a machine-readable reason). The `verification`\n"
        "column says whether a verifier of mot checked the row (`verified`), the row is taken as published by\n"
        "a curated upstream dataset (`upstream`), or neither (`unverified`).",
        "## Sources\n\n" + _sources_table(sources),
        f"Recipe `{recipe_name}`" + (f", experiment `{experiment}`" if experiment else ", no experiment") + (f", seed {seed}." if seed is not None else "."),
        "## Load it\n\n```python\nfrom datasets import load_dataset\n\n"
        f'ds = load_dataset("<this repo or folder>", "{first}", split="train")  # configs: all, {", ".join(domains)}\n```',
        "## Train on it with TRL\n\n```python\nfrom datasets import load_dataset\nfrom trl import SFTConfig, SFTTrainer\n\n"
        'dataset = load_dataset("<this repo or folder>", "all", split="train").select_columns(["messages"])\n'
        'trainer = SFTTrainer(\n    model="Qwen/Qwen2.5-Math-7B",\n    train_dataset=dataset,\n'
        '    args=SFTConfig(output_dir="out", max_length=32768, packing=True, bf16=True),\n)\ntrainer.train()\n```',
        "## Rows per domain and source\n\n" + (_markdown(rows) if rows else "(no rows)"),
        "## Mixture composition\n\n" + _composition(composition or {}),
        "## Token lengths\n\n" + (f"![num_tokens per domain]({HISTOGRAM.as_posix()})" if histogram else "(empty dataset)"),
        "## Filter funnel (from the ledger)\n\n" + _markdown(filter_funnel(layout, stage_order)),
        "## Shards\n\n| file | rows | sha256 |\n|---|---|---|\n" + shards,
        f"## Recipe\n\n```yaml\n{recipe_text.strip()}\n```" if recipe_text else "",
        f"## Build report\n\n{reports_text}",
    ]
    return f"---\n{header}---\n\n" + "\n\n".join(s for s in sections if s) + "\n"


def write_card(layout: BuildLayout, recipe_name: str, domains: list[str], reports: dict[str, QueryResult], **details: Any) -> None:
    """Write ``README.md`` (and ``assets/num_tokens.png``); ``details`` as in :func:`render_card`."""
    write_atomic(layout.card, render_card(layout, recipe_name, domains, reports, **details))
