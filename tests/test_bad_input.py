"""Bad input never stops a build, never loses a row: every bad row or file is recorded with its reason.

One build reads a corpus written here with one input of each bad class next to good rows in the
same files; every trace read must end in the ledger exactly once, the good rows kept.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from mot.build import BuildError, BuildOptions, build
from mot.output import check_identity
from mot.layout import BuildLayout
from mot.recipe.parse import load_recipe
from mot.schema import LEDGER_SCHEMA, POOL_SCHEMA
from mot.sources.validate import check_reference, check_tests, text_defect
from mot.stats import query
from mot.steps.ingest import source_documents
from tests.corpus import good, math_row, write_jsonl

LOOP = "<think>\nLoop.\n</think>\n\n```python\nwhile True:\n    pass\n```"
CPP = "<think>\nC++.\n</think>\n\n```cpp\n#include <cstdio>\nint f(int x) { return x; }\nint main() {}\n```"


def line(row: dict) -> str:
    return json.dumps(row)


def program(value: str) -> str:
    return f"<think>\nEasy.\n</think>\n\n```python\nprint({value})\n```"


def code_row(key: str, generation: str = program("input()"), **limits) -> dict:
    return {"id": key, "prompt": "Echo the input.", "generation": generation, "finish_reason": "stop",
            "official_tests": [{"input": "7\n", "output": "7"}], **limits}


def write_bad_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True)
    lines = [
        line(math_row(1, [good(1)])),
        line(math_row(2, [good(2)])).replace("Compute 2", "Compute \\ud800 2"),  # lone surrogate in the problem
        line(math_row(3, [good(3).replace("Okay", "Ok\x00ay")])),  # NUL in the response
        '{"uuid": "deep", "problem": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"uuid": "bigint", "n": ' + "9" * 5000 + "}",
        line(math_row(4, [good(4)], uuid="bad\\udfffid")).replace("\\\\udfff", "\\udfff"),  # lone surrogate in the id
        line(math_row(5, [good(5)], problem="")),
        line(math_row(6, [good(6)], problem="Compute 6 + 6 😀, exactly.")).replace("😀", "\\ud83d\\ude00"),  # a valid pair
        line(math_row(7, [good(7)])),
        line(math_row(7, [good(7, words=21)])),  # the same uuid again
    ]
    (folder / "text.jsonl").write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode() + b"\n")
    stream = gzip.compress("".join(line(math_row(i, [good(i)], uuid=f"g{i}")) + "\n" for i in range(40)).encode(), mtime=0)
    (folder / "cut.jsonl.gz").write_bytes(stream[: len(stream) // 2])
    (folder / "corrupt.jsonl.gz").write_bytes(stream[:20] + random.Random(0).randbytes(400))
    (folder / "plain.jsonl.gz").write_text(line(math_row(8, [good(8)])) + "\n")
    (folder / "again.jsonl").write_text(line(math_row(7, [good(7, words=24)])) + "\n")  # uuid p7 repeats text.jsonl's
    pq.write_table(pa.Table.from_pylist([math_row(i, [good(i)], uuid=f"q{i}") for i in (10, 11)]), folder / "good.parquet")
    whole = (folder / "good.parquet").read_bytes()
    (folder / "half.parquet").write_bytes(whole[: len(whole) // 2])
    (folder / "random.parquet").write_bytes(random.Random(1).randbytes(3000))
    (folder / "empty.parquet").write_bytes(b"")
    # One file whose ids repeat, read by two tasks that split it by row.
    dups = [math_row(1, [good(1)], uuid="u"), math_row(1, [good(1, words=22)], uuid="u"), math_row(3, [good(3)], uuid=None),
            math_row(3, [good(3, words=23)], uuid="2")]
    (folder / "dups.jsonl").write_text("".join(line(r) + "\n" for r in dups))

    code = [
        code_row("ok", time_limit=1, memory_limit=256),
        code_row("mem-inf", memory_limit=float("inf")), code_row("mem-nan", memory_limit=float("nan")),
        code_row("mem-0", memory_limit=0), code_row("mem-neg", memory_limit=-5),
        code_row("tl-0", time_limit=0), code_row("tl-neg", time_limit=-1),
        code_row("tl-huge", LOOP, time_limit=1e6),
    ]
    write_jsonl(folder / "code.jsonl", code)  # json writes Infinity / NaN literals
    chat = [
        ("t-int", [1], program("1")), ("t-keys", [{"input": "1"}], program("1")),
        ("t-mixed", ["assert f(1) == 1", {"input": "", "output": "1"}], "def f(x):\n    return x"),
        ("t-cpp", ["assert f(1) == 1"], CPP), ("t-py", ["assert f(1) == 1"], "def f(x):\n    return x"),
    ]
    messages = []
    for key, tests, answer in chat:
        body = answer if answer.startswith("<think>") else f"<think>\nIdentity.\n</think>\n\n```python\n{answer}\n```"
        messages.append({"id": key, "tests": tests, "messages": [{"role": "user", "content": "Write f(x) returning x."},
                                                               {"role": "assistant", "content": body}]})
    write_jsonl(folder / "chat.jsonl", messages)
    recipe = folder / "recipe.yaml"
    recipe.write_text("""
name: bad-input
domains:
  math:
    sources:
      - {name: m, adapter: openr1_math, path: [text.jsonl, again.jsonl, cut.jsonl.gz, corrupt.jsonl.gz, plain.jsonl.gz,
                                                good.parquet, half.parquet, random.parquet, empty.parquet]}
      - {name: d, adapter: openr1_math, path: dups.jsonl}
    verify: {timeout_s: 5}
  code:
    sources:
      - {name: c, adapter: codeforces_cots, path: code.jsonl}
      - {name: g, adapter: messages, path: chat.jsonl}
    verify: {timeout_s: 2, keep_unverified: true}
""")
    return recipe


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    recipe = write_bad_corpus(root / "corpus")
    summary = build(BuildOptions(recipe=recipe, output=root / "out", tasks=2))
    rows = query(summary.output, "SELECT id, kept, reason, detail FROM ledger").rows
    assert len(rows) == len({r[0] for r in rows}), "one ledger record per trace"
    return summary, {r[0]: (r[1], r[2], r[3] or "") for r in rows}


def test_every_trace_read_is_recorded_once_and_the_build_balances(bad_build):
    summary, fates = bad_build
    assert summary.balanced
    assert sum(summary.read.values()) == len(fates)
    kept_ids = {r[0] for r in query(summary.output, "SELECT id FROM dataset").rows}
    assert kept_ids == {i for i, (kept, _, _) in fates.items() if kept}


@pytest.mark.parametrize(
    ("trace_id", "reason", "detail"),
    [
        ("m:text/1", "malformed_row", "messages[0].content contains a lone surrogate (U+D800"),
        ("m:text/2", "malformed_row", "messages[1].content contains a NUL character"),
        ("m:text/3", "malformed_row", "line 3 is nested too deeply"),
        ("m:text/4", "malformed_row", "line 4 cannot be decoded"),
        ("m:text/5", "malformed_row", "id contains a lone surrogate (U+DFFF"),
        ("m:text/p5#0", "empty_problem", "the first user turn is empty"),
        ("m:corrupt/0", "malformed_file", "corrupt.jsonl.gz: unreadable from uncompressed byte 0 (nothing read)"),
        ("m:plain/0", "malformed_file", "plain.jsonl.gz: unreadable from uncompressed byte 0 (nothing read): gzip.BadGzipFile: Not a gzipped file"),
        ("m:half/0", "malformed_file", "half.parquet: unreadable from row group 0 (row 0)"),
        ("m:random/0", "malformed_file", "random.parquet: unreadable"),
        ("m:empty/0", "malformed_file", "empty.parquet: unreadable"),
        ("c:1", "malformed_row", "memory_limit is inf; expected a finite number > 0"),
        ("c:2", "malformed_row", "memory_limit is nan"),
        ("c:3", "malformed_row", "memory_limit is 0"),
        ("c:4", "malformed_row", "memory_limit is -5"),
        ("c:5", "malformed_row", "time_limit is 0"),
        ("c:6", "malformed_row", "time_limit is -1"),
        ("c:tl-huge", "verify_timeout", "within verify.timeout_s 2s"),
        ("g:0", "malformed_row", "tests[0] is int"),
        ("g:1", "malformed_row", "tests[0] is dict; expected an assert string or a mapping with string 'input' and 'output'"),
        ("g:2", "malformed_row", "tests mixes assert (call) tests and stdio tests"),
    ],
)
def test_each_bad_row_or_file_is_recorded_with_its_reason(bad_build, trace_id, reason, detail):
    # A row that yields no trace is recorded under its position in the source (``c:1`` = code.jsonl line 1);
    # a codeforces trace under <problem id>#<generation hash>.
    kept, recorded, recorded_detail = _fate(bad_build[1], trace_id)
    assert (kept, recorded) == (False, reason)
    assert detail in recorded_detail


def _fate(fates: dict, trace_id: str) -> tuple:
    if trace_id in fates:
        return fates[trace_id]
    (key,) = [k for k in fates if k.startswith(f"{trace_id}#")]
    return fates[key]


def test_good_rows_in_the_same_files_are_kept(bad_build):
    fates = bad_build[1]
    for trace_id in ("m:text/p1#0", "m:text/p6#0", "m:good/q10#0", "m:good/q11#0", "c:ok", "g:t-py"):
        assert _fate(fates, trace_id)[:2] == (True, "kept"), trace_id
    assert fates["m:text/p1#0"][0], "the first row after a UTF-8 BOM is read"
    cut_rows = [i for i in fates if i.startswith("m:cut/g")]
    assert cut_rows and all(fates[i][0] for i in cut_rows), "rows before the cut of a truncated .gz are kept"
    (fault,) = [i for i in fates if i.startswith("m:cut/") and i not in cut_rows]
    assert fault == f"m:cut/{len(cut_rows)}" and fates[fault][1] == "malformed_file"
    assert "cut.jsonl.gz: unreadable from uncompressed byte" in fates[fault][2] and f"(after line {len(cut_rows) - 1})" in fates[fault][2]


def test_assert_tests_for_a_cpp_answer_leave_the_trace_unverified_with_a_reason(bad_build):
    summary, fates = bad_build
    assert fates["g:t-cpp"][:2] == (True, "kept")
    assert "assert tests need a Python program; the final answer is cpp" in fates["g:t-cpp"][2]
    verification = dict(query(summary.output, "SELECT id, verification FROM ledger WHERE id IN ('g:t-cpp', 'g:t-py')").rows)
    assert verification == {"g:t-cpp": "unverified", "g:t-py": "verified"}


def test_repeated_ids_get_a_stable_disambiguator_and_the_ledger_says_so(bad_build):
    fates = bad_build[1]
    assert {"m:text/p7#0", "m:text/p7#0~dup-text/9", "d:u#0", "d:u#0~dup-1", "d:2#0", "d:2#0~dup-3"} <= set(fates)
    assert "id 'text/p7#0' repeats an earlier row of the same file" in fates["m:text/p7#0~dup-text/9"][2] or fates["m:text/p7#0~dup-text/9"][0]
    # The same uuid in another file of the source: its own id by the file prefix, nothing lost.
    assert fates["m:again/p7#0"][0] and fates["m:text/p7#0"][0]
    dataset = dict(query(bad_build[0].output, "SELECT id, messages[2].content FROM dataset WHERE id LIKE 'd:u#0%'").rows)
    assert len(dataset) == 2 and len(set(dataset.values())) == 2, "both traces of a repeated id are in the dataset, each once"


@pytest.mark.parametrize("world_size", [1, 2, 3])
def test_disambiguated_keys_do_not_depend_on_the_task_count(tmp_path, world_size):
    recipe = load_recipe(write_bad_corpus(tmp_path / "corpus"))
    (source,) = [s for s in recipe.domains["math"].sources if s.name == "d"]
    ids = sorted(doc.id for rank in range(world_size) for doc in source_documents(source, rank, world_size))
    assert ids == ["d:2#0", "d:2#0~dup-3", "d:u#0", "d:u#0~dup-1"]


@pytest.mark.parametrize(
    ("reference", "field"),
    [
        ({"time_limit_s": float("inf")}, "time_limit_s"), ({"memory_limit_mb": float("nan")}, "memory_limit_mb"),
        ({"memory_limit_mb": 2.0**40}, "memory_limit_mb"), ({"time_limit_s": True}, "time_limit_s"),
        ({"tests": "assert x"}, "tests is str"), ({"tests": [{"input": 1, "output": "1"}]}, "tests[0]"),
        ({"tests": [{"input": "\x00", "output": "1"}]}, "tests[0].input contains a NUL"), ({"answer": "\udc80"}, "answer"),
    ],
)
def test_reference_data_is_rejected_naming_the_field(reference, field):
    with pytest.raises(ValueError, match=field.replace("[", r"\[").replace("]", r"\]")):
        check_reference(reference)


@pytest.mark.parametrize(
    "reference",
    [{"time_limit_s": 1e6, "memory_limit_mb": 256.0}, {"tests": []}, {"tests": ["assert f(1) == 1"]},
     {"tests": [{"input": "", "output": "😀"}]}, {"answer": "π ≈ 3.14"}],
)
def test_well_formed_reference_data_is_accepted(reference):
    check_reference(reference)
    check_tests(reference.get("tests", []))


@pytest.mark.parametrize(("text", "defect"), [("a\ud800", "lone surrogate"), ("a\x00", "NUL"), ("😀 ok", None), ("", None)])
def test_text_defects(text, defect):
    found = text_defect(text, "x")
    assert (found is None) if defect is None else (defect in found)


def write_records(layout: BuildLayout, dropped: list[str], pooled: list[str]) -> None:
    layout.ledger.mkdir(parents=True)
    (layout.pool / "math").mkdir(parents=True)
    ledger = [{"id": i, "domain": "math", "source": i.split(":")[0], "kept": False, "stage": "checks", "reason": "malformed_row"} for i in dropped]
    pq.write_table(pa.Table.from_pylist(ledger, schema=LEDGER_SCHEMA), layout.ledger / "checks-00000.parquet")
    pool = [{"id": i, "domain": "math", "source": i.split(":")[0], "messages": [], "num_tokens": 1} for i in pooled]
    pq.write_table(pa.Table.from_pylist(pool, schema=POOL_SCHEMA), layout.pool / "math" / "00000.parquet")


@pytest.mark.parametrize(
    ("read", "dropped", "pooled", "error"),
    [
        ({"m": 3}, ["m:0"], ["m:1", "m:2"], None),
        ({"m": 3}, ["m:0"], ["m:1"], "source m read 3 traces but recorded 2"),
        ({"m": 2}, ["m:0"], ["m:0"], "source m has 2 records for id 'm:0'"),
        ({"m": 1}, ["m:0"], ["x:1"], "source x read 0 traces but recorded 1"),
    ],
)
def test_the_identity_check_fails_loudly_before_the_dataset_is_written(tmp_path, read, dropped, pooled, error):
    layout = BuildLayout(tmp_path)
    write_records(layout, dropped, pooled)
    if error is None:
        check_identity(layout, read)
    else:
        with pytest.raises(BuildError, match=re.escape(error)):
            check_identity(layout, read)
