"""Cheap structural checks on the bundled sample under data/ (no sample program is ever executed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FILES = [
    "math/openr1_math.jsonl",
    "code/codeforces_cots.jsonl",
    "science/nemotron_science.jsonl",
    "generic/math.jsonl",
    "generic/science.jsonl",
    "mot/math.parquet",
    "mot/code.parquet",
    "mot/science.parquet",
    "benchmarks/sample_benchmark.jsonl",
    "EXPECTED.json",
    "README.md",
]
MATH_FIELDS = ["problem", "solution", "answer", "problem_type", "question_type", "source", "uuid",
               "is_reasoning_complete", "generations", "correctness_math_verify", "correctness_llama",
               "finish_reasons", "correctness_count", "messages"]
CODE_FIELDS = ["id", "contest_id", "index", "title", "time_limit", "memory_limit", "description", "input_format",
               "output_format", "examples", "note", "editorial", "prompt", "generation", "finish_reason",
               "api_metadata", "messages", "official_tests"]
SCIENCE_FIELDS = ["input", "output", "category", "license", "reasoning", "generator", "used_in_training", "version",
                  "system_prompt", "reference_answer"]


def read_lines(rel: str) -> list[tuple[int, dict | None]]:
    """(line number, parsed row or None when the line is malformed)."""
    out = []
    for i, raw in enumerate((DATA / rel).read_bytes().splitlines()):
        try:
            out.append((i, json.loads(raw.decode("utf-8"))))
        except (UnicodeDecodeError, json.JSONDecodeError):
            out.append((i, None))
    return out


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads((DATA / "EXPECTED.json").read_text(encoding="utf-8"))


def test_row_counts():
    for rel in ["math/openr1_math.jsonl", "code/codeforces_cots.jsonl", "science/nemotron_science.jsonl"]:
        assert sum(1 for _, r in read_lines(rel) if r is not None) >= 30, rel
    assert len(read_lines("benchmarks/sample_benchmark.jsonl")) == 8


def test_kept_per_domain(expected):
    for dom in ["math", "code", "science"]:
        assert sum(1 for v in expected.values() if v["domain"] == dom and v["expect"] == "kept") >= 18, dom


def test_math_shape():
    for _, row in read_lines("math/openr1_math.jsonl"):
        if row is None:
            continue
        assert list(row) == MATH_FIELDS
        n = len(row["generations"])
        assert 1 <= n <= 2
        for f in ["is_reasoning_complete", "correctness_math_verify", "correctness_llama", "finish_reasons"]:
            assert len(row[f]) == n, f
        assert row["correctness_count"] == sum(row["correctness_math_verify"])
        assert row["messages"] == [{"role": "user", "content": row["problem"]},
                                   {"role": "assistant", "content": row["generations"][0]}]


def test_code_shape():
    rows = [r for _, r in read_lines("code/codeforces_cots.jsonl")]
    n_cpp = 0
    for row in rows:
        assert list(row) == CODE_FIELDS
        assert isinstance(row["time_limit"], float) and isinstance(row["memory_limit"], int)
        assert 3 <= len(row["official_tests"]) <= 6
        assert all(set(t) == {"input", "output"} for t in row["official_tests"] + row["examples"])
        assert row["messages"] == [{"role": "user", "content": row["prompt"]},
                                   {"role": "assistant", "content": row["generation"]}]
        n_cpp += "```cpp\n" in row["generation"]
    assert n_cpp >= 8


def test_science_shape():
    for _, row in read_lines("science/nemotron_science.jsonl"):
        assert list(row) == SCIENCE_FIELDS
        assert row["category"] == "science" and row["generator"] == "DeepSeek-R1"
        assert row["system_prompt"] == "detailed thinking on"
        assert row["input"][0]["role"] == "user"


def test_mot_parquet_schema():
    import pyarrow as pa
    import pyarrow.parquet as pq

    msg = pa.struct([("content", pa.string()), ("role", pa.string())])
    for domain in ("math", "code", "science"):
        t = pq.read_table(DATA / f"mot/{domain}.parquet")
        assert t.schema.equals(pa.schema([("messages", pa.list_(msg)), ("num_tokens", pa.int64()), ("source", pa.string())]))
        assert t.num_rows == 2


def _long_conversations(expected):
    for _, row in read_lines("math/openr1_math.jsonl"):
        if row is None:
            continue
        for g, text in enumerate(row["generations"]):
            if expected[f"openr1_math:{row['uuid']}#{g}"]["expect"] == "too_long":
                yield [{"role": "user", "content": row["problem"]}, {"role": "assistant", "content": text}]


def test_too_long_trace_exceeds_32k(expected):
    from mot.tokenizer import count_chat_tokens, load_tokenizer

    convs = list(_long_conversations(expected))
    assert len(convs) == 1
    assert count_chat_tokens(load_tokenizer(), convs)[0] > 32768


def test_generator_is_deterministic(tmp_path):
    subprocess.run([sys.executable, str(DATA / "make_sample.py"), "--out", str(tmp_path)], check=True,
                   capture_output=True, cwd=ROOT)
    for rel in FILES:
        assert (tmp_path / rel).read_bytes() == (DATA / rel).read_bytes(), rel


def test_data_size_under_2mb():
    total = sum(p.stat().st_size for p in DATA.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert total < 2 * 1024 * 1024
