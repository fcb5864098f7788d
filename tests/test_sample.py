"""The bundled sample, built exactly as `mot build --domains math,code,science` builds it."""

from __future__ import annotations

import json

import datasets
import pytest

from mot.build import build, remix
from mot.plan import BuildOptions, resolve
from mot.stats import query
from tests.conftest import REPO

EXPECTED = json.loads((REPO / "data" / "EXPECTED.json").read_text())
# Intents named more loosely in EXPECTED.json than the ledger's reasons.
LEDGER_REASON = {"duplicate": "duplicate_of", "near_duplicate": "duplicate_of"}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return build(BuildOptions(output=tmp_path_factory.mktemp("sample") / "sample-build", domains=["math", "code", "science"]))


def test_sample_has_thirty_traces_per_domain(sample):
    assert all(sample.read[d] >= 30 for d in ("math", "code", "science"))


def test_every_trace_meets_its_intended_fate(sample):
    ledger = {row[0]: row[1] for row in query(sample.output, "SELECT id, reason FROM ledger").rows}
    assert set(ledger) == set(EXPECTED)
    mismatches = {trace_id: (intent["expect"], ledger[trace_id]) for trace_id, intent in EXPECTED.items()
                  if ledger[trace_id] != LEDGER_REASON.get(intent["expect"], intent["expect"])}
    assert not mismatches


def test_funnel_balances_per_domain(sample):
    assert sample.balanced
    rows = query(sample.output, "SELECT domain, count(*), count(*) FILTER (kept) FROM ledger GROUP BY domain").rows
    assert {d: n for d, n, _ in rows} == sample.read
    assert {d: k for d, _, k in rows} == sample.kept


def test_every_config_loads(sample):
    for config in ("all", "math", "code", "science"):
        rows = datasets.load_dataset(str(sample.output), config, split="train")
        assert len(rows) == (sum(sample.kept.values()) if config == "all" else sample.kept[config])
        if config != "all":
            assert set(rows["domain"]) == {config}


def test_code_traces_are_run_and_verified(sample):
    rows = query(sample.output, "SELECT verification, count(*) FROM ledger WHERE domain = 'code' AND kept GROUP BY ALL").rows
    assert dict(rows).get("verified", 0) >= 25


def test_mot_mix_runs_dedup_before_the_mixture(sample, tmp_path):
    """`mot mix` resolves the same plan as the build: the sample's duplicates stay out of its output."""
    plan = resolve(BuildOptions(domains=["math"]))
    report = remix(sample.output, tmp_path / "mix", plan)
    mixed = {row[0] for row in query(tmp_path / "mix", "SELECT id FROM dataset").rows}
    duplicates = {row[0] for row in query(sample.output, "SELECT id FROM ledger WHERE reason = 'duplicate_of'").rows}
    built = {row[0] for row in query(sample.output, "SELECT id FROM dataset WHERE domain = 'math'").rows}
    assert len(duplicates) == 3 and not duplicates & mixed  # the reordered-clause paraphrase is kept (EXPECTED.json)
    assert mixed == built and report["rows"] == {"math": len(built)}


def test_verification_column_tells_upstream_from_unverified(sample):
    rows = query(sample.output, "SELECT source, verification, count(*) FROM dataset GROUP BY ALL").rows
    by_source = {}
    for source, verification, _ in rows:
        by_source.setdefault(source, set()).add(verification)
    assert all(v == {"upstream"} for s, v in by_source.items() if s.startswith("mot_"))  # curated upstream, not re-checked
    assert "unverified" in by_source["generic_science"] and "upstream" not in by_source["generic_science"]
