"""Every decision inspectable: dropped traces kept whole, a fixed reason vocabulary, `mot show` with evidence."""

from __future__ import annotations

import json
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from mot.layout import BuildLayout
from mot.schema import DROPPED_SCHEMA
from mot.show import render, render_detail, select, spans
from mot.stats import query
from tests.curator_corpus import BENCHMARK_PROBLEM


def mot(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mot", *args], capture_output=True, text=True)


def test_every_dropped_trace_is_kept_whole_with_its_decision(curator_build):
    files = BuildLayout(curator_build).dropped_files()
    assert files and all(pq.read_schema(f).names == DROPPED_SCHEMA.names for f in files)
    rows = query(curator_build, "SELECT d.id, d.stage, d.reason, l.stage, l.reason, len(d.messages) FROM dropped d JOIN ledger l USING (id)").rows
    ledger_drops = {r[0] for r in query(curator_build, "SELECT id FROM ledger WHERE NOT kept").rows}
    assert {r[0] for r in rows} == ledger_drops and len(rows) == len(ledger_drops)  # one dropped row per dropped trace
    assert all(r[1] == r[3] and r[2] == r[4] and r[5] >= 2 for r in rows)  # same decision, whole conversation
    kept = {r[0] for r in query(curator_build, "SELECT id FROM ledger WHERE kept").rows}
    assert not kept & {r[0] for r in rows}  # a kept trace is never in dropped/


def test_reasons_are_a_fixed_vocabulary_with_ids_in_their_own_column(curator_build):
    rows = dict(query(curator_build, "SELECT reason, any_value(related_id) FROM ledger WHERE related_id IS NOT NULL GROUP BY reason").rows)
    assert rows.keys() == {"duplicate_of", "contaminated"}
    assert rows["contaminated"] == "bench:bench-7"
    kept_ids = {r[0] for r in query(curator_build, "SELECT id FROM ledger WHERE kept").rows}
    assert rows["duplicate_of"] in kept_ids  # the duplicate names the trace that was kept
    reasons = {r[0] for r in query(curator_build, "SELECT DISTINCT reason FROM ledger").rows}
    assert all(":" not in reason for reason in reasons)  # no ids folded into reasons: GROUP BY reason groups


def test_show_prints_gold_vs_extracted_answer(curator_build):
    result = mot("show", str(curator_build), "--reason", "wrong_answer", "--source", "m")
    assert result.returncode == 0, result.stderr
    assert "dropped at verify_math: wrong_answer" in result.stdout
    assert "gold '4'" in result.stdout and "'5'" in result.stdout and "Two and two make five" in result.stdout


def test_show_prints_the_failing_test(curator_build):
    result = mot("show", str(curator_build), "--reason", "tests_failed")
    assert result.returncode == 0, result.stderr
    assert "expected '2', got '3'" in result.stdout and "print(3)" in result.stdout


def test_show_highlights_the_matched_benchmark_span(curator_build):
    result = mot("show", str(curator_build), "--reason", "contaminated")
    assert result.returncode == 0, result.stderr
    assert "(related: bench:bench-7)" in result.stdout
    marked = [part.split("»")[0] for part in result.stdout.split("«")[1:]]
    assert marked and all(m.lower() in BENCHMARK_PROBLEM.lower() for m in marked)  # only benchmark text is marked


def test_show_names_the_duplicate_it_was_merged_with(curator_build):
    [trace] = select(curator_build, trace_id="m:p3-copy#0")
    assert trace["reason"] == "duplicate_of" and trace["related_id"] == "m:p3#0"
    text = render(trace, color=False)
    assert f"(related: {trace['related_id']})" in text and "related trace" in text and "Compute 3 + 3" in text


def test_show_a_kept_trace_by_id_and_filters_that_match_nothing(curator_build):
    kept_id = query(curator_build, "SELECT id FROM ledger WHERE kept AND domain = 'science'").rows[0][0]
    result = mot("show", str(curator_build), "--id", kept_id)
    assert result.returncode == 0 and " kept" in result.stdout and "verification: verified" in result.stdout
    nothing = mot("show", str(curator_build), "--reason", "no_such_reason")
    assert nothing.returncode == 2 and nothing.stderr.count("\n") == 1 and "no trace matches" in nothing.stderr


def test_no_keep_dropped_keeps_the_ledger_but_not_the_text(tmp_path):
    from mot.build import BuildOptions, build
    from tests.curator_corpus import write_curator_corpus

    recipe = write_curator_corpus(tmp_path / "corpus")
    out = build(BuildOptions(recipe=recipe, output=tmp_path / "out", tasks=1, domains=["science"], keep_dropped=False)).output
    assert not BuildLayout(out).dropped_files()
    [trace] = select(out, reason="wrong_answer")
    assert "text not kept" in render(trace, color=False)


@pytest.mark.parametrize(("detail", "expected"), [
    ('{"test": 2, "input": "1 2\\n", "expected": "3", "got": "4"}', ["  test: 2", "  input: '1 2\\n'", "  expected: 3", "  got: 4"]),
    ('{"similarity": 0.93, "other": {"id": "x#1", "source": "m"}}', ["  similarity: 0.93", "  other:", "    id: x#1", "    source: m"]),
])
def test_json_details_render_as_key_value_lines(detail, expected):
    assert render_detail(detail).splitlines()[1:] == expected


@pytest.mark.parametrize("detail", ["plain words", "{not json", '["a list"]', "", None])
def test_other_details_render_as_they_are(detail):
    assert render_detail(detail) == (detail or "(no detail recorded)")


def test_spans_come_only_from_match_fields():
    assert spans('problem match: benchmark=b item=1 ngram="a b c d"') == ["a b c d"]
    assert spans('user#0 matches b item 1: coverage 1.00 of its specific n-grams, run of 9 tokens "a b c"') == ["a b c"]
    assert spans('tests_failed: expected "2", got "3"') == []  # quotes alone are not a match
    assert spans(json.dumps({"span": "x y", "detail": "z"})) == ["x y"]
    assert spans("gold '4', answer '5'") == [] and spans(json.dumps({"other": "x y"})) == []
