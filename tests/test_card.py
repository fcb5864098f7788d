"""The dataset card of a mixed build: Hub YAML, histogram, funnel, composition, shard hashes."""

from __future__ import annotations

import hashlib
import re

import datasets
import yaml

from mot.card import HISTOGRAM, filter_funnel, plot_token_lengths
from mot.layout import BuildLayout


def card(summary) -> str:
    return (summary.output / "README.md").read_text()


def test_yaml_header_declares_every_config_and_load_dataset_reads_each(mixed_build, tmp_path):
    summary, _ = mixed_build
    header = yaml.safe_load(card(summary).split("---\n")[1])
    assert [c["config_name"] for c in header["configs"]] == ["all", "math", "code", "science"]
    for config in ("math", "code", "science"):
        rows = datasets.load_dataset(str(summary.output), config, split="train", cache_dir=str(tmp_path))
        assert len(rows) == summary.kept[config] and set(rows["domain"]) == {config}
    assert len(datasets.load_dataset(str(summary.output), "all", split="train", cache_dir=str(tmp_path))) == sum(summary.kept.values())


def test_histogram_png_is_plotted_from_the_dataset_and_linked(mixed_build, tmp_path):
    summary, _ = mixed_build
    png = summary.output / HISTOGRAM
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5_000
    assert f"![num_tokens per domain]({HISTOGRAM.as_posix()})" in card(summary)
    assert plot_token_lengths(BuildLayout(tmp_path)) is None  # nothing to plot, no file


def test_funnel_balances_and_is_in_the_card(mixed_build):
    summary, _ = mixed_build
    funnel = filter_funnel(BuildLayout(summary.output), ["checks", "verify_math", "length", "policy", "mixture", "combine"])
    rows = {r[0]: r[1:] for r in funnel.rows}
    for i, domain in enumerate(funnel.columns[1:]):
        dropped = sum(v[i] for k, v in rows.items() if k.startswith("− "))
        assert rows["read"][i] == dropped + rows["kept (distinct traces)"][i] == summary.read[domain]
        assert rows["dataset rows (with repeats)"][i] == summary.kept[domain]
    assert [k for k in rows if k.startswith("− ")] == ["− checks", "− verify_math", "− length", "− mixture"]
    text = card(summary)
    assert "## Filter funnel (from the ledger)" in text and "| − mixture | 1 | 8 | 0 |" in text


def test_card_names_recipe_composition_and_shard_hashes(mixed_build):
    summary, recipe = mixed_build
    text = card(summary)
    assert "Recipe `mixed-corpus`, no experiment, seed 3." in text and recipe.read_text().strip() in text
    assert "| code | c | 3 | all | 2 | 2 | cap |" in text
    assert "Combined at 12 rows" in text and "from trl import SFTConfig, SFTTrainer" in text
    listed = dict(re.findall(r"\| `(data/[^`]+)` \| [\d,]+ \| `([0-9a-f]{64})` \|", text))
    files = BuildLayout(summary.output).data_files()
    assert listed == {p.relative_to(summary.output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def test_card_carries_the_hub_metadata_fields(mixed_build):
    summary, _ = mixed_build
    header = yaml.safe_load(card(summary).split("---\n")[1])
    assert header["pretty_name"] == "mixed-corpus" and header["language"] == ["en"]
    assert header["task_categories"] == ["text-generation"] and header["size_categories"] == ["n<1K"]
    assert header["license"] == "other"  # local files of unknown licence: never claimed to be open


def test_card_lists_sources_with_licences_and_repeats_no_table(mixed_build):
    text = card(summary := mixed_build[0])
    assert "## Sources" in text and "| m | math | local files: `math.jsonl` | unknown |" in text
    assert "check the source's own terms" in text
    for heading in ("rows per domain and source", "funnel (read = kept + dropped)"):  # shown once, in their own sections
        assert f"### {heading}" not in text
    tables = re.findall(r"(?ms)^\|.*?(?=\n\n|\Z)", text)
    assert len(tables) == len(set(tables)), "a table appears twice"
    assert summary.output.joinpath("README.md").is_file()


def test_hub_sources_get_their_upstream_licences():
    from mot.card import dataset_licenses, size_category, source_license
    from mot.recipe.model import HubSpec, SourceSpec

    math = SourceSpec(name="m", adapter="openr1_math", hub=HubSpec(id="open-r1/OpenR1-Math-220k"))
    science = SourceSpec(name="s", adapter="nemotron_science", hub=HubSpec(id="nvidia/Llama-Nemotron-Post-Training-Dataset"))
    other = SourceSpec(name="x", adapter="messages", hub=HubSpec(id="someone/unknown-set"))
    assert source_license(math) == "apache-2.0" and source_license(science) == "cc-by-4.0" and source_license(other) == "unknown"
    assert dataset_licenses([math, science]) == ["apache-2.0", "cc-by-4.0"]
    assert dataset_licenses([math, other]) == ["apache-2.0", "other"]
    assert [size_category(n) for n in (0, 999, 1_000, 349_317, 20_000_000)] == ["n<1K", "n<1K", "1K<n<10K", "100K<n<1M", "n>10M"]


def test_dataset_has_a_verification_column(mixed_build, tmp_path):
    summary, _ = mixed_build
    rows = datasets.load_dataset(str(summary.output), "all", split="train", cache_dir=str(tmp_path))
    from mot.schema import VERIFICATION_VALUES

    assert "verification" in rows.column_names and set(rows["verification"]) <= set(VERIFICATION_VALUES)
    assert "verified" in set(rows["verification"])
