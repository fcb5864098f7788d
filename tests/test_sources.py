import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from mot.recipe.model import HubSpec
from mot.sources import ADAPTERS, AdapterError
from mot.sources.read import SourceError, iter_hub, iter_local

MATH_ROW = {
    "problem": "Find $x$ if $2x = 6$.", "answer": "3", "uuid": "abc",
    "generations": ["<think>\nDivide.\n</think>\n\n$\\boxed{3}$", "<think>\nHmm"],
    "finish_reasons": ["stop", "length"], "is_reasoning_complete": [True, False],
    "correctness_math_verify": [True, False],
}


def test_openr1_math_gives_one_trace_per_generation():
    traces = ADAPTERS["openr1_math"](MATH_ROW, "0")
    assert [t.key for t in traces] == ["abc#0", "abc#1"]
    assert traces[1].finish_reason == "length" and traces[1].reasoning_complete is False
    assert traces[0].reference == {"answer": "3"}
    assert traces[0].messages[0] == {"role": "user", "content": MATH_ROW["problem"]}


def test_codeforces_prefers_official_tests_and_keeps_limits():
    row = {"id": "1A", "prompt": "p", "generation": "g", "time_limit": 2, "memory_limit": 256,
           "examples": [{"input": "1", "output": "2"}], "official_tests": [{"input": "3", "output": "4"}]}
    (trace,) = ADAPTERS["codeforces_cots"](row, "9")
    assert trace.key.startswith("1A#") and trace.reference["tests"] == [{"input": "3", "output": "4"}]
    assert trace.reference["time_limit_s"] == 2.0 and trace.reference["memory_limit_mb"] == 256


def test_nemotron_drops_the_reasoning_switch_system_prompt():
    row = {"input": [{"role": "system", "content": "detailed thinking on"}, {"role": "user", "content": "Q?"}],
           "output": "<think>t</think>A", "reference_answer": "B"}
    (trace,) = ADAPTERS["nemotron_science"](row, "4")
    assert [m["role"] for m in trace.messages] == ["user", "assistant"] and trace.reference == {"answer": "B"}


@pytest.mark.parametrize(
    ("adapter", "row", "message"),
    [
        ("openr1_math", {"generations": ["x"]}, "missing field 'problem'"),
        ("openr1_math", {"problem": "p", "generations": []}, "empty"),
        ("openr1_math", {"problem": "p", "generations": [3]}, "not a string"),
        ("messages", {"messages": [{"role": "robot", "content": "x"}]}, "role"),
        ("messages", {"messages": "hi"}, "non-empty list"),
        ("codeforces_cots", {"prompt": "p", "generation": "g", "official_tests": [{"input": 1}]}, "test case 0"),
        ("codeforces_cots", {"prompt": "p", "generation": "g", "public_tests": {"input": ["1"], "output": []}}, "equal lengths"),
        ("openr1_math", {"problem": "p", "generations": ["g"], "correctness_llama": ["yes"]}, "not bool"),
    ],
)
def test_adapters_reject_wrong_shapes_with_a_reason(adapter, row, message):
    with pytest.raises(AdapterError, match=message):
        ADAPTERS[adapter](row, "0")


def test_jsonl_reader_reports_bad_lines_instead_of_dropping_them(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"a": 1}\n\n{"a": "\xff\xfe"}\n{"a": \n[1, 2]\n{"a": 2}\n')
    rows = list(iter_local((path,), 0, 1))
    assert [r.key for r in rows] == ["0", "2", "3", "4", "5"]
    assert [r.error is None for r in rows] == [True, False, False, False, True]
    assert "UTF-8" in rows[1].error and "JSON" in rows[2].error and "list" in rows[3].error


def _write_files(tmp_path: Path, n_files: int, rows_per_file: int) -> tuple[Path, ...]:
    paths = []
    for f in range(n_files):
        path = tmp_path / f"part{f}.jsonl"
        path.write_text("".join(json.dumps({"i": f * 100 + i}) + "\n" for i in range(rows_per_file)))
        paths.append(path)
    return tuple(paths)


@pytest.mark.parametrize(("n_files", "world_size"), [(1, 3), (2, 3), (4, 2), (3, 1)])
def test_task_shares_are_disjoint_and_cover_every_row(tmp_path, n_files, world_size):
    paths = _write_files(tmp_path, n_files, 7)
    shares = [[r.row["i"] for r in iter_local(paths, rank, world_size)] for rank in range(world_size)]
    flat = [i for share in shares for i in share]
    assert sorted(flat) == sorted(f * 100 + i for f in range(n_files) for i in range(7))
    assert len(flat) == len(set(flat))


def test_keys_do_not_depend_on_the_task_count(tmp_path):
    paths = _write_files(tmp_path, 2, 5)
    one = {r.key: r.row["i"] for r in iter_local(paths, 0, 1)}
    three = {r.key: r.row["i"] for rank in range(3) for r in iter_local(paths, rank, 3)}
    assert one == three and "part1/4" in one


def test_parquet_files_are_read(tmp_path):
    path = tmp_path / "rows.parquet"
    pq.write_table(pa.table({"messages": [[{"content": "q", "role": "user"}]], "num_tokens": [5], "source": ["s"]}), path)
    (row,) = [r.row for r in iter_local((path,), 0, 1)]
    assert row["messages"][0]["role"] == "user"


def test_hub_source_loads_a_local_dataset_folder_offline(tmp_path):
    folder = tmp_path / "hub_dataset"
    folder.mkdir()
    (folder / "train.jsonl").write_text("".join(json.dumps({"id": i, "messages": [{"role": "user", "content": str(i)}]}) + "\n" for i in range(6)))
    shares = [list(iter_hub(HubSpec(id=str(folder)), rank, 2)) for rank in range(2)]
    ids = sorted(r.row["id"] for share in shares for r in share)
    assert ids == list(range(6))
    keys = [r.key for share in shares for r in share]
    assert len(set(keys)) == 6


def test_missing_files_and_hub_datasets_are_clear_errors(tmp_path):
    with pytest.raises(SourceError, match="not found"):
        list(iter_local((tmp_path / "gone.jsonl",), 0, 1))
    with pytest.raises(SourceError, match="cannot load Hub dataset"):
        list(iter_hub(HubSpec(id=str(tmp_path / "no_such_dataset")), 0, 1))


def test_nemotron_rows_without_an_output_string_are_malformed_not_internal_errors():
    from mot.sources.base import AdapterError
    from mot.sources.nemotron_science import adapt

    row = {"input": [{"role": "user", "content": "Q?"}], "output": "<think>\nx\n</think>\n\nA<|eot_id|>"}
    assert adapt(row, "0")[0].messages[-1]["content"] == "<think>\nx\n</think>\n\nA"
    for bad in ({"input": row["input"]}, {**row, "output": 3}):
        with pytest.raises(AdapterError, match="output"):
            adapt(bad, "0")
