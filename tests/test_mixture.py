"""Per-domain mixtures, the combine, experiment overlays and the dry-run plan."""

from __future__ import annotations

import re
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pytest

from mot.pool.finalize import MANIFEST_COLUMNS
from mot.pool.mixture import combine, largest_remainder, mix_domain
from mot.recipe.model import DomainSpec, HubSpec, RecipeError, SourceSpec
from mot.recipe.parse import load_recipe
from mot.stats import query

REPO = Path(__file__).resolve().parents[1]


def manifest(sizes: dict[tuple[str, str], int]) -> pa.Table:
    """A pool manifest with ``sizes[(domain, source)]`` traces each."""
    rows = [{"id": f"{source}:{i}", "domain": domain, "source": source, "num_tokens": 100 + i, "problem": f"p{i}",
             "variant": None, "verification": "verified", "verify_detail": None}
            for (domain, source), n in sizes.items() for i in range(n)]
    return pa.Table.from_pylist(rows).select(MANIFEST_COLUMNS)


def domain(name: str, *sources: dict, target: int | None = None) -> DomainSpec:
    hub = HubSpec(id=f"org/{name}")
    return DomainSpec(name=name, sources=tuple(SourceSpec(domain=name, adapter="messages", hub=hub, **s) for s in sources), target=target)


POOL = manifest({("code", "py"): 50, ("code", "cpp"): 30, ("math", "m"): 40})
CODE = domain("code", {"name": "py", "weight": 3}, {"name": "cpp", "weight": 1, "upsample": 2}, target=40)


def test_same_seed_same_rows_other_seed_other_rows_same_counts():
    kept, dropped, composition = mix_domain(POOL, CODE, seed=1)
    again, _, _ = mix_domain(POOL, CODE, seed=1)
    other, _, other_composition = mix_domain(POOL, CODE, seed=2)
    assert kept.column("id").to_pylist() == again.column("id").to_pylist()
    assert Counter(kept.column("source").to_pylist()) == Counter(other.column("source").to_pylist()) == {"py": 30, "cpp": 10}
    assert set(kept.column("id").to_pylist()) != set(other.column("id").to_pylist())
    assert composition == other_composition
    # every pooled code trace is either in the mixture or dropped, never both
    assert set(kept.column("id").to_pylist()) | set(dropped.column("id").to_pylist()) == {f"py:{i}" for i in range(50)} | {f"cpp:{i}" for i in range(30)}
    assert not set(kept.column("id").to_pylist()) & set(dropped.column("id").to_pylist())
    assert set(dropped.column("reason").to_pylist()) == {"not_sampled"}


def test_sampling_does_not_depend_on_pool_order():
    shuffled = POOL.take(pa.array(list(range(POOL.num_rows))[::-1]))
    assert sorted(mix_domain(shuffled, CODE, 5)[0].column("id").to_pylist()) == sorted(mix_domain(POOL, CODE, 5)[0].column("id").to_pylist())


def test_upsample_repeats_cap_drops_and_shortfall_is_reported():
    spec = domain("code", {"name": "py", "cap": 20}, {"name": "cpp", "target": 75, "upsample": 2})
    kept, dropped, composition = mix_domain(POOL, spec, seed=3)
    by_source = {c.source: c for c in composition}
    assert (by_source["py"].realised, by_source["py"].limit) == (20, "cap")
    assert (by_source["cpp"].realised, by_source["cpp"].unique, by_source["cpp"].limit, by_source["cpp"].shortfall) == (60, 30, "upsample", 15)
    copies = Counter(kept.column("id").to_pylist())
    assert {n for i, n in copies.items() if i.startswith("cpp:")} == {2}
    reasons = dict(zip(dropped.column("id").to_pylist(), dropped.column("reason").to_pylist()))
    assert len(reasons) == 30 and set(reasons.values()) == {"over_cap"}
    assert "cap 20" in dropped.column("detail")[0].as_py()


def test_partial_upsample_takes_whole_copies_then_a_seeded_remainder():
    spec = domain("code", {"name": "cpp", "upsample": 1.5})
    kept, _, composition = mix_domain(POOL, spec, seed=3)
    assert composition[0].realised == 45 and sorted(Counter(Counter(kept.column("id").to_pylist()).values()).items()) == [(1, 15), (2, 15)]


def test_pooled_traces_of_a_source_the_recipe_dropped_are_recorded():
    _, dropped, _ = mix_domain(POOL, domain("code", {"name": "py"}), seed=3)
    assert len(dropped) == 30 and "not in the code mixture" in dropped.column("detail")[0].as_py()


def test_largest_remainder_is_exact_and_deterministic():
    assert sum(largest_remainder(350_000, {"math": 93733, "code": 83070, "science": 172514}).values()) == 350_000
    assert largest_remainder(7, {"a": 1, "b": 1}) == {"a": 4, "b": 3}
    with pytest.raises(ValueError):
        largest_remainder(5, {"a": 0})


@pytest.mark.parametrize("total", [100, 99, 7, 1000])
def test_combine_keeps_declared_proportions_exactly_at_the_target_total(total):
    mixtures = manifest({("math", "m"): 40, ("code", "py"): 30, ("science", "s"): 20})
    shares = {"math": 0.5, "code": 0.3, "science": 0.2}
    kept, dropped, counts = combine(mixtures, seed=9, target_total=total, shares=shares)
    assert counts == largest_remainder(total, shares) == dict(Counter(kept.column("domain").to_pylist()))
    assert kept.num_rows == total
    for name, share in shares.items():
        assert abs(counts[name] - total * share) < 1  # as close as whole rows allow
    assert not set(dropped.column("id").to_pylist()) & set(kept.column("id").to_pylist())
    again, _, _ = combine(mixtures, seed=9, target_total=total, shares=shares)
    assert again.column("id").to_pylist() == kept.column("id").to_pylist()


def test_combine_without_a_target_keeps_mixtures_as_they_are():
    kept, dropped, counts = combine(POOL, seed=1)
    assert kept is POOL and dropped.num_rows == 0 and counts == {"code": 80, "math": 40}


def test_experiment_overlay_changes_only_what_it_names():
    path = REPO / "pipelines" / "mixture-of-thoughts.yaml"
    base, exp = load_recipe(path), load_recipe(path, "code/exp6")
    assert exp.experiment == "code/exp6" and base.experiment is None
    for key in type(base).model_fields:
        if key not in ("domains", "experiment"):
            assert getattr(exp, key) == getattr(base, key), key
    assert exp.domains["math"] == base.domains["math"] and exp.domains["science"] == base.domains["science"]
    assert exp.domains["code"].sources[:2] == base.domains["code"].sources
    assert [s.name for s in exp.domains["code"].sources[2:]] == ["codeforces_cots_python_extra"]
    assert exp.domains["code"].model_copy(update={"sources": base.domains["code"].sources}) == base.domains["code"]
    patched = load_recipe(path, "code/python-only").domains["code"].sources
    assert [(s.name, s.upsample) for s in patched] == [("codeforces_cots_python", 2.0)]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("combine: {shares: {math: 1}}", "combine: shares only apply at a combine.target_total"),
        ("combine: {target_total: 10, shares: {code: 1}}", "give a share for each domain"),
        ("combine: {target_total: 0}", "combine.target_total: Input should be greater than or equal to 1"),
        ("experiments: {x: {domains: {math: {sources: {nope: {cap: 1}}}}}}", "no source named 'nope'"),
        ("experiments: {x: {domains: {math: {remove_sources: [nope]}}}}", "remove_sources: no source named nope"),
    ],
)
def test_bad_mixture_keys_name_the_key(tmp_path, body, message):
    (tmp_path / "a.jsonl").write_text("{}\n")
    path = tmp_path / "r.yaml"
    path.write_text("domains: {math: {sources: [{name: a, adapter: messages, path: a.jsonl}]}}\n" + body)
    with pytest.raises(RecipeError, match=re.escape(message)):
        load_recipe(path, "x" if "experiments" in body else None)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("weight: 2", "domains.math: source 'a': a weight shares out the domain target"),
        ("weight: 0", "domains.math.sources[0].weight: Input should be greater than 0"),
        ("upsample: 0.5", "domains.math.sources[0].upsample: Input should be greater than or equal to 1"),
        ("cap: -1", "domains.math.sources[0].cap: Input should be greater than or equal to 0"),
        ("where: {field: g}", "domains.math.sources[0].where[0]: give 'field' and exactly one of equals"),
        ("where: {field: g, in: x}", "domains.math.sources[0].where[0].in: Input should be a valid list"),
    ],
)
def test_bad_source_mixing_keys_name_the_key(tmp_path, source, message):
    (tmp_path / "a.jsonl").write_text("{}\n")
    path = tmp_path / "r.yaml"
    path.write_text(f"domains: {{math: {{sources: [{{name: a, adapter: messages, path: a.jsonl, {source}}}]}}}}")
    with pytest.raises(RecipeError, match=re.escape(message)):
        load_recipe(path)


def mot(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from mot.cli import run; run()", *args], capture_output=True, text=True, cwd=cwd, env=env)


def test_dry_run_of_the_real_recipe_prints_the_plan_offline(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1",
           "HF_HOME": str(tmp_path / "hf"), "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"}
    result = mot("build", "--recipe", str(REPO / "pipelines/mixture-of-thoughts.yaml"), "--dry-run", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "hub open-r1/OpenR1-Math-220k config=default split=train" in out
    assert "config=solutions_py_decontaminated" in out and "config=solutions_decontaminated" in out
    assert "generator not contains 'Qwen'" in out and "excluded_by_source_filter" in out
    assert "combine: 349,317 rows → math 93,733, code 83,070, science 172,514" in out
    assert list(tmp_path.iterdir()) == [], "a dry run writes nothing"
    bad = mot("build", "--recipe", str(REPO / "pipelines/mixture-of-thoughts.yaml"), "--dry-run", "--experiment", "nope", cwd=tmp_path, env=env)
    assert bad.returncode == 2 and "no experiment 'nope'" in bad.stderr


def test_build_applies_mixture_and_combine_and_accounts_for_every_trace(mixed_build):
    summary, _ = mixed_build
    assert summary.balanced
    assert summary.kept == {"math": 6, "code": 3, "science": 3}  # 12 in shares 2:1:1
    composition = json.loads((summary.output / "composition.json").read_text())
    assert composition["combine"]["counts"] == {"math": 6, "code": 3, "science": 3}
    assert {(c["source"], c["realised"], c["limit"]) for c in composition["sources"]} >= {("m", 4, "target"), ("c", 2, "cap"), ("s", 2, "all")}
    reasons = dict(query(summary.output, "SELECT id, reason FROM ledger").rows)
    assert reasons["s:2"] == "excluded_by_source_filter"
    assert Counter(reasons.values())["over_cap"] == 1
    rows = query(summary.output, "SELECT domain, count(*), count(DISTINCT id) FROM dataset GROUP BY domain ORDER BY domain").rows
    assert rows == [("code", 3, 2), ("math", 6, 6), ("science", 3, 2)]  # code and science upsampled by the combine


def test_mot_mix_builds_one_domain_side_by_side(mixed_build, tmp_path):
    summary, _ = mixed_build
    result = mot("mix", str(summary.output), "--domain", "code", "--experiment", "more", "--output", str(tmp_path / "mix"))
    assert result.returncode == 0, result.stderr
    assert "code     c" in result.stdout and "dataset rows: code 3" in result.stdout
    report = json.loads((tmp_path / "mix" / "composition.json").read_text())
    assert report["experiment"] == "code/more" and report["rows"] == {"code": 3}
    assert len(query(tmp_path / "mix", "SELECT * FROM dataset").rows) == 3
