"""End-to-end builds of a small known corpus through the real datatrove executor."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import datasets
import pyarrow.parquet as pq
import pytest

from mot.build import BuildError, BuildOptions, build
from mot.layout import BuildLayout
from mot.stats import query, stats
from mot.tokenizer import load_tokenizer
from tests.corpus import QUALITY_DEFECTS, good, math_row, write_corpus, write_jsonl, write_quality_corpus


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*.parquet"))}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("build")
    recipe = write_corpus(root / "corpus", hang=True)
    summary = build(BuildOptions(recipe=recipe, output=root / "corpus-build", tasks=2, max_tokens=300))
    return summary, recipe


def ledger(summary) -> dict[str, tuple[bool, str]]:
    rows = query(summary.output, "SELECT id, kept, reason FROM ledger").rows
    assert len(rows) == len({r[0] for r in rows}), "one ledger record per trace"
    return {r[0]: (r[1], r[2]) for r in rows}


def test_every_trace_read_is_kept_or_dropped_with_a_reason(built):
    summary, _ = built
    assert summary.read == {"math": 12, "code": 3, "science": 3}
    assert summary.balanced
    rows = query(summary.output, "SELECT domain, count(*), count(*) FILTER (kept) FROM ledger GROUP BY domain").rows
    assert {d: (n, k) for d, n, k in rows} == {d: (summary.read[d], summary.kept[d]) for d in summary.domains}
    kept_ids = {r[0] for r in query(summary.output, "SELECT id FROM dataset").rows}
    assert kept_ids == {i for i, (kept, _) in ledger(summary).items() if kept}


def test_fates(built):
    fates = ledger(built[0])
    assert fates["m:p6#0"] == (True, "kept")
    assert fates["m:p6#1"] == (False, "wrong_answer")
    assert fates["m:p7#0"] == (False, "too_long")
    assert fates["m:p8#0"] == (False, "truncated") and fates["m:p8#1"][0]
    assert fates["m:9"] == (False, "malformed_row")
    assert fates["m:p9#0"] == (False, "verify_timeout")
    (c0,) = [fate for key, fate in fates.items() if key.startswith("c:C0#")]  # <problem id>#<generation hash>
    assert c0 == (True, "kept")


def test_num_tokens_equal_apply_chat_template(built):
    tokenizer = load_tokenizer()
    table = pq.read_table(BuildLayout(built[0].output).data_files("math")).to_pylist()
    assert table
    for row in table:
        messages = [{"role": m["role"], "content": m["content"]} for m in row["messages"]]
        assert row["num_tokens"] == len(tokenizer.apply_chat_template(messages, tokenize=True)["input_ids"])


def test_load_dataset_per_config(built):
    out = str(built[0].output)
    math = datasets.load_dataset(out, "math", split="train")
    assert set(math["domain"]) == {"math"} and len(math) == built[0].kept["math"]
    assert math.column_names[:3] == ["messages", "num_tokens", "source"]
    assert len(datasets.load_dataset(out, "all", split="train")) == sum(built[0].kept.values())


def test_same_input_and_seed_give_identical_bytes_whatever_the_task_count(built, tmp_path):
    summary, recipe = built
    other = build(BuildOptions(recipe=recipe, output=tmp_path / "again", tasks=3, workers=2, max_tokens=300))
    assert digest(other.output / "data") == digest(summary.output / "data")


def test_rerun_resumes_and_refuses_a_different_task_count(built):
    summary, recipe = built
    before = digest(summary.output / "data")
    again = build(BuildOptions(recipe=recipe, output=summary.output, tasks=2, max_tokens=300))
    assert digest(again.output / "data") == before and again.read == summary.read
    with pytest.raises(BuildError, match="--tasks 2"):
        build(BuildOptions(recipe=recipe, output=summary.output, tasks=3, max_tokens=300))
    with pytest.raises(BuildError, match="different max_tokens"):
        build(BuildOptions(recipe=recipe, output=summary.output, tasks=2, max_tokens=400))


def test_domain_subset_and_force(tmp_path, built):
    _, recipe = built
    out = tmp_path / "subset"
    summary = build(BuildOptions(recipe=recipe, output=out, domains=["code"], tasks=1))
    assert summary.domains == ["code"] and not BuildLayout(out).data_files("math")
    summary = build(BuildOptions(recipe=recipe, output=out, domains=["science"], tasks=1, force=True))
    assert summary.kept == {"science": 3} and not BuildLayout(out).data_files("code")


def test_load_dataset_after_a_rebuild_of_the_same_folder_is_not_stale(built, tmp_path):
    _, recipe = built
    out = tmp_path / "rebuilt"
    first = build(BuildOptions(recipe=recipe, output=out, domains=["math"], tasks=1, max_tokens=300))
    assert len(datasets.load_dataset(str(out), "math", split="train")) == first.kept["math"]
    second = build(BuildOptions(recipe=recipe, output=out, domains=["math"], tasks=1, max_tokens=32768, force=True))
    assert second.kept["math"] != first.kept["math"]
    assert len(datasets.load_dataset(str(out), "math", split="train")) == second.kept["math"]


def test_quality_filters_and_science_verdicts_reach_the_ledger(tmp_path):
    summary = build(BuildOptions(recipe=write_quality_corpus(tmp_path / "corpus"), output=tmp_path / "out", tasks=1))
    assert summary.balanced
    rows = query(summary.output, "SELECT id, stage, reason, detail, verification FROM ledger").rows
    fates = {i: (stage, reason, detail, verification) for i, stage, reason, detail, verification in rows}
    assert len(fates) == len(rows) == sum(summary.read.values())
    for reason in QUALITY_DEFECTS:
        assert fates[f"m:{reason}#0"][:2] == ("quality", reason)
    (nofence,) = [fate for key, fate in fates.items() if key.startswith("c:nofence#")]
    assert nofence[:2] == ("quality", "no_code_block")
    assert fates["m:clean#0"][1:] == ("kept", None, "verified")
    assert fates["s:0"][1:] == ("kept", None, "verified")
    assert fates["s:1"][:3] == ("verify_science", "wrong_answer", "reference=B extracted=C")
    assert fates["s:2"][1:] == ("kept", "no reference; extracted=Ice is less dense than water.", "unverified")
    reported = {reason for _, _, reason, _ in stats(summary.output)["ledger_reasons"].rows}
    assert set(QUALITY_DEFECTS) | {"no_code_block", "wrong_answer"} <= reported


STOCK = "The probability can be written as m/n, where m and n are relatively prime positive integers. Find m+n."


@pytest.mark.parametrize("background_rows, stock_kept", [(1000, True), (0, False)])
def test_the_pools_stock_phrases_do_not_count_as_contamination(tmp_path, background_rows, stock_kept):
    """A benchmark item ends in a phrase the pool's problems share; with the pool's first rows as background
    that phrase is boilerplate (problems that only share it are kept, a copy of the item is still dropped)."""
    item = f"A frog hops along the grid from the corner and must reach the pond before either heron wakes. {STOCK}"
    (tmp_path / "bench.jsonl").write_text(json.dumps({"problem": item}) + "\n")
    rows = [{**math_row(i, [good(i)]), "problem": f"Draw {i} marbles from a box of {i + 3} colours. {STOCK}"} for i in range(1, 6)]
    rows.append({**math_row(6, [good(6)]), "problem": item})
    write_jsonl(tmp_path / "math.jsonl", rows)
    recipe = tmp_path / "recipe.yaml"
    recipe.write_text(f"""
name: stock-phrases
domains:
  math: {{sources: [{{name: m, adapter: openr1_math, path: math.jsonl}}]}}
decontamination:
  background_rows: {background_rows}
  benchmarks: [{{name: bench, path: bench.jsonl, field: problem}}]
""")
    summary = build(BuildOptions(recipe=recipe, output=tmp_path / "out", tasks=1))
    fates = dict(query(summary.output, "SELECT id, reason FROM ledger").rows)
    assert fates["m:p6#0"] == "contaminated"
    stock = [fates[f"m:p{i}#0"] for i in range(1, 6)]
    assert stock == (["kept"] * 5 if stock_kept else ["contaminated"] * 5)
