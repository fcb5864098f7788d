"""The real Mixture-of-Thoughts recipe on the real upstream schemas, through the Hub code path, offline.

Every upstream dataset and benchmark the recipe names is served by the loopback Hub stand-in
(``tests/hub_server.py``) from schema-exact replicas written for this project (``tests/replicas.py``);
``mot build --recipe pipelines/mixture-of-thoughts.yaml --limit N`` runs unchanged in a subprocess
with ``HF_ENDPOINT`` pointed at it. The unit tests below each pin one mismatch between the old
adapters and the real schemas.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from mot.benchmarks import BenchmarkError, release_files
from mot.decision import Drop
from mot.recipe.model import JoinSpec
from mot.sources import ADAPTERS
from mot.sources.joins import attach, join_payload
from mot.steps.upstream import settle
from mot.sandbox import problem_from_reference
from tests.hub_server import HubStandIn
from tests.replicas import CF_PROBLEMS, MATH_PROBLEMS, SCIENCE, codeforces_repos, replica_repos, science_rows

REPO = Path(__file__).resolve().parents[1]
RECIPE = REPO / "pipelines" / "mixture-of-thoughts.yaml"
TOKEN = "hf_replica_token"
LIMIT = 8  # rows per source: cuts the math replica (9 problems), not the others


def client_env(hub: HubStandIn, home: Path, token: str | None = TOKEN) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "HF_ENDPOINT": hub.endpoint, "HF_HUB_DISABLE_XET": "1", "HF_HOME": str(home),
           "HF_HUB_DISABLE_TELEMETRY": "1", "HF_UPDATE_DOWNLOAD_COUNTS": "0", "NO_PROXY": "127.0.0.1", "TQDM_DISABLE": "1"}
    env.pop("HF_HUB_OFFLINE", None)
    env.pop("HF_TOKEN", None)
    if token is not None:
        env["HF_TOKEN"] = token
    return env


def mot(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from mot.cli import run; run()", *args], capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def hub():
    with HubStandIn(token=TOKEN) as server:
        for repo_id, files in replica_repos().items():
            server.seed(repo_id, files, gated=repo_id == "Idavidrein/gpqa")
        yield server


# ---------------------------------------------------------------------------------- the adapters
def _cots(config: str) -> list[dict]:
    table = pq.read_table(io.BytesIO(codeforces_repos()["open-r1/codeforces-cots"][f"{config}/train-00000-of-00001.parquet"]))
    return table.to_pylist()


def test_codeforces_traces_of_one_problem_get_distinct_stable_keys():
    rows = [r for r in _cots("solutions_decontaminated") if r["id"] == "2101A"]
    assert len(rows) == 2
    keys = [ADAPTERS["codeforces_cots"](row, str(i))[0].key for i, row in enumerate(rows)]
    assert len(set(keys)) == 2 and all(k.startswith("2101A#") for k in keys)
    assert keys == [ADAPTERS["codeforces_cots"](row, "other")[0].key for row in rows], "keys do not depend on the reader's position"


def test_python_config_traces_carry_public_private_and_generated_tests():
    row = next(r for r in _cots("solutions_py_decontaminated") if r["id"] == "2102A")
    (trace,) = ADAPTERS["codeforces_cots"](row, "0")
    assert trace.reference["tests"] == [{"input": "3\n5 1 2\n", "output": "5\n"}, {"input": "2\n7 7\n", "output": "7\n"},
                                        {"input": "3\n1 9 4\n", "output": "9\n"}, {"input": "1\n5\n", "output": "5\n"}]
    assert trace.reference["tests_from"] == "row:public_tests+private_tests+generated_tests"
    assert not trace.reference["needs_checker"] and not trace.reference["interactive"]


def test_cpp_config_rows_have_no_tests_of_their_own_and_examples_are_not_tests():
    row = next(r for r in _cots("solutions_decontaminated") if r["id"] == "2101A")
    (trace,) = ADAPTERS["codeforces_cots"](row, "0")
    assert trace.reference["tests"] == [] and "examples are not the tests" in trace.reference["no_tests"]


@pytest.mark.parametrize(("problem_type", "interaction", "needs_checker", "interactive"), [
    ("checker", None, True, None),
    ("interactive", None, False, "interactive"),
    (None, "Print '? x' and read the reply.", False, "interactive"),
])
def test_problems_a_plain_compare_cannot_judge_are_flagged_for_the_judge(problem_type, interaction, needs_checker, interactive):
    row = {"id": "1A", "prompt": "p", "generation": "g", "public_tests": {"input": ["1\n"], "output": ["1\n"]},
           "problem_type": problem_type, "interaction_format": interaction}
    (trace,) = ADAPTERS["codeforces_cots"](row, "0")
    problem = problem_from_reference(trace.reference)
    assert (problem.compare.needs_checker, problem.unverified_reason) == (needs_checker, interactive)


def test_diff_problems_are_judged_by_compare():
    row = {"id": "1A", "prompt": "p", "generation": "g", "public_tests": {"input": ["1\n"], "output": ["1\n"]}, "problem_type": "diff"}
    (trace,) = ADAPTERS["codeforces_cots"](row, "0")
    problem = problem_from_reference(trace.reference, "Print any answer.")  # the data's word beats the statement's
    assert not problem.compare.needs_checker and problem.unverified_reason is None


def test_joined_official_tests_lose_their_carriage_returns_and_bring_the_checker():
    join = JoinSpec(hub={"id": "open-r1/codeforces"})
    problems = pq.read_table(io.BytesIO(codeforces_repos()["open-r1/codeforces"]["data/train-00000-of-00001.parquet"])).to_pylist()
    payloads = {row["id"]: join_payload(row, join) for row in problems}
    assert payloads["2101A"]["tests"][0] == {"input": "2 0\n", "output": "2\n"}
    joined = attach({"problem_id": "2101B", "tests": [], "no_tests": "x"}, join, payloads["2101B"])
    assert joined["needs_checker"] and joined["checker"] and "no_tests" not in joined
    assert attach({"problem_id": "2101C", "tests": []}, join, payloads["2101C"])["interactive"]
    plain = attach({"problem_id": "2101A", "tests": []}, join, payloads["2101A"])
    assert "needs_checker" not in plain and "interactive" not in plain and plain["time_limit_s"] == 1.0
    missing = attach({"problem_id": "2101D", "tests": []}, join, None)
    assert missing["no_tests"] == "no row for problem 2101D in open-r1/codeforces"


def test_nemotron_v1_string_inputs_become_the_same_conversation_as_v1_1_lists():
    for old, new in zip(science_rows(string_input=True), science_rows()):
        (from_string,) = ADAPTERS["nemotron_science"](old, "0")
        (from_list,) = ADAPTERS["nemotron_science"](new, "0")
        assert from_string.messages == from_list.messages
        assert "<|" not in str(from_string.messages)


def test_openr1_math_null_heavy_rows_and_upstream_labels():
    row = {"problem": "p", "answer": "1", "uuid": "u", "generations": ["a", "b"], "correctness_math_verify": [True, False],
           "correctness_llama": None, "finish_reasons": None, "is_reasoning_complete": [True, None]}
    first, second = ADAPTERS["openr1_math"](row, "0")
    assert first.upstream == {"correctness_math_verify": True, "correctness_llama": None}
    assert second.upstream == {"correctness_math_verify": False, "correctness_llama": None}
    assert second.finish_reason is None and second.reasoning_complete is None


@pytest.mark.parametrize(("policy", "ours", "labels", "kept", "by"), [
    ("ignore", "wrong", {"correctness_llama": True}, False, None),
    ("ours_or_theirs", "wrong", {"correctness_llama": True}, True, "upstream:correctness_llama"),
    ("ours_or_theirs", "wrong", {"correctness_llama": False, "correctness_math_verify": None}, False, None),
    ("ours_or_theirs", "unverified", {"correctness_math_verify": True}, True, "upstream:correctness_math_verify"),
    ("require_ours", "unverified", {"correctness_llama": True}, False, None),
    ("require_ours", "correct", {"correctness_llama": False}, True, None),
])
def test_upstream_label_policy(policy, ours, labels, kept, by):
    meta = {"upstream": labels, "upstream_policy": policy}
    ours_drop = Drop("wrong_answer") if ours == "wrong" else None
    assert (settle(meta, ours, ours_drop) is None) == kept
    assert meta.get("verified_by") == by and meta["our_verdict"] == ours


def test_livecodebench_release_window():
    files = ["README.md", "code_generation_lite.py", "test.jsonl", "test2.jsonl", "test3.jsonl", "test4.jsonl", "test5.jsonl", "test6.jsonl"]
    assert release_files("v4_v5", files) == ["test4.jsonl", "test5.jsonl"]
    assert release_files("release_latest", files) == ["test.jsonl"] + [f"test{i}.jsonl" for i in range(2, 7)]
    with pytest.raises(BenchmarkError, match="release file"):
        release_files("v7", files)
    with pytest.raises(BenchmarkError, match="unknown version_tag"):
        release_files("latest", files)


# ---------------------------------------------------------------------------------- through the Hub
def test_gated_benchmark_without_a_token_fails_with_one_line_naming_hf_token(hub, tmp_path):
    result = mot(client_env(hub, tmp_path / "hf", token=None), "build", "--recipe", str(RECIPE), "--limit", "2",
                 "--output", str(tmp_path / "out"))
    assert result.returncode == 2, result.stderr[-2000:]
    (error,) = [line for line in result.stderr.splitlines() if "gpqa" in line.lower() and "indexing" not in line]
    assert "Traceback" not in result.stderr and error == result.stderr.strip().splitlines()[-1], result.stderr
    assert "HF_TOKEN" in error and "https://huggingface.co/datasets/Idavidrein/gpqa" in error


def test_dry_run_checks_every_hub_dataset_config_and_split(hub, tmp_path):
    result = mot(client_env(hub, tmp_path / "hf"), "build", "--recipe", str(RECIPE), "--dry-run", "--limit", "3")
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    for repo in ("open-r1/OpenR1-Math-220k config=default split=train", "open-r1/codeforces config=default split=train",
                 "open-r1/codeforces-cots config=solutions_decontaminated split=train", "Idavidrein/gpqa config=gpqa_diamond split=train"):
        assert f"ok      {repo}" in out, out
    assert "ok      livecodebench/code_generation_lite files test4.jsonl, test5.jsonl" in out
    assert "reads columns: uuid, problem, answer, generations" in out and "tests from hub open-r1/codeforces" in out
    missing = mot(client_env(hub, tmp_path / "hf"), "build", "--recipe", str(RECIPE), "--dry-run", "--experiment", "code/exp6")
    assert "ok      open-r1/codeforces-cots config=solutions_py split=train" in missing.stdout


def test_dry_run_offline_says_it_cannot_check(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1"}
    result = mot(env, "build", "--recipe", str(RECIPE), "--dry-run")
    assert result.returncode == 0 and "not checked (offline" in result.stdout


@pytest.fixture(scope="module")
def real_build(hub, tmp_path_factory):
    root = tmp_path_factory.mktemp("realdata")
    hub.server.downloads.clear()
    # MoT's label rule (an experiment of the real recipe) so that upstream-kept rows exist to check.
    result = mot(client_env(hub, root / "hf"), "build", "--recipe", str(RECIPE), "--experiment", "math/mot-labels",
                 "--limit", str(LIMIT), "--output", str(root / "out"))
    return result, root / "out", list(hub.server.downloads)


def _ledger(out: Path) -> list[dict]:
    return [row for f in sorted((out / "ledger").glob("*.parquet")) for row in pq.read_table(f).to_pylist()]


@pytest.mark.slow
def test_real_recipe_builds_end_to_end_through_the_hub(real_build):
    result, out, downloads = real_build
    assert result.returncode == 0, result.stderr[-4000:]
    assert "WARNING" not in result.stderr
    read_repos = {repo for repo, _ in downloads}
    assert read_repos == set(replica_repos()), f"not read through the Hub: {set(replica_repos()) - read_repos}"
    ledger = _ledger(out)
    ids = [row["id"] for row in ledger]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    # read = kept + dropped, per source: one ledger record per trace read.
    expected_read = {"openr1_math_220k": sum(len(p[2]) for p in MATH_PROBLEMS[:LIMIT]),
                     "codeforces_cots_cpp": sum(len(p[-1]) for p in CF_PROBLEMS), "codeforces_cots_python": 4, "nemotron_science": len(SCIENCE)}
    assert Counter(row["source"] for row in ledger) == expected_read


@pytest.mark.slow
def test_real_build_judges_code_on_full_and_joined_tests(real_build):
    result, out, _ = real_build
    assert result.returncode == 0, result.stderr[-4000:]
    by_problem: dict[str, list[dict]] = {}
    for row in _ledger(out):
        if row["domain"] == "code":
            by_problem.setdefault(row["id"].split(":")[1].split("#")[0], []).append(row)
    fates = {pid: sorted((r["reason"], r["verification"]) for r in rows) for pid, rows in by_problem.items()}
    # Python config, full tests: the first-element program passes the public test, fails a private one.
    assert ("tests_failed", "unverified") in fates["2102A"] and any(v == "verified" for _, v in fates["2102A"])
    # C++ config, joined tests: the a-b program passes the statement's example, fails the official tests.
    assert ("tests_failed", "unverified") in fates["2101A"] and any(v == "verified" for _, v in fates["2101A"])
    assert fates["2101E"][0][1] == "verified", "\\r\\n official tests judged as lines"
    # A problem with several right answers is judged by its joined checker, never by a plain compare.
    assert fates["2101B"] == [("kept", "verified")]
    # Problems nothing here can judge, and problems without tests: never tests_failed, unverified.
    for pid in ("2101C", "2102B", "2101D"):
        assert all(reason != "tests_failed" and verification == "unverified" for reason, verification in fates[pid]), (pid, fates[pid])
    # LiveCodeBench, release window v4_v5: release 5 statement contaminated, release 1 statement not.
    (f_row,) = by_problem["2101F"]
    assert f_row["reason"] == "contaminated" and f_row["related_id"].startswith("livecodebench:")
    assert fates["2101G"][0][0] != "contaminated"
    pool = [r for f in sorted((out / "pool" / "code").glob("*.parquet")) for r in pq.read_table(f).to_pylist()]
    details = {r["id"].split(":")[1].split("#")[0]: r["verify_detail"] for r in pool}
    assert details["2101D"] == "no_tests: no row for problem 2101D in open-r1/codeforces"
    assert "checker" in details["2102B"] and "interactor" in details["2101C"]


@pytest.mark.slow
def test_real_build_records_upstream_labels_and_who_kept_each_row(real_build):
    result, out, _ = real_build
    assert result.returncode == 0, result.stderr[-4000:]
    math = [row for row in _ledger(out) if row["source"] == "openr1_math_220k"]
    assert {r["reason"] for r in math} >= {"contaminated", "truncated", "wrong_answer"}
    assert [r["related_id"].split(":")[0] for r in math if r["reason"] == "contaminated"] == ["aime_2024"]
    upstream_kept = [r for r in math if r["verified_by"] == "upstream:correctness_llama"]
    assert upstream_kept and all(r["our_verdict"] in ("wrong", "unverified") for r in upstream_kept)
    assert all(r["verified_by"] == "ours" for r in math if r["kept"] and r["our_verdict"] == "correct")
    assert all({label["judge"] for label in r["upstream"]} == {"correctness_math_verify", "correctness_llama"}
               for r in math if r["stage"] not in ("checks",))
    science = [row for row in _ledger(out) if row["source"] == "nemotron_science"]
    assert Counter(r["reason"] for r in science)["excluded_by_source_filter"] == 3  # two Qwen-touched, one reasoning off
    stats = mot({**os.environ, "PYTHONPATH": str(REPO)}, "stats", str(out))
    assert stats.returncode == 0, stats.stderr
    assert "agreement with upstream labels (ours × theirs)" in stats.stdout and "upstream:correctness_llama" in stats.stdout


# ---------------------------------------------------------------------------------- --limit, --streaming
def test_limit_takes_the_first_rows_of_a_local_source_whatever_the_task_count(tmp_path):
    from mot.recipe.model import SourceSpec
    from mot.sources.read import iter_source

    path = tmp_path / "rows.jsonl"
    path.write_text("".join(f'{{"i": {i}}}\n' for i in range(5)), encoding="utf-8")
    source = SourceSpec(name="s", adapter="messages", paths=(path,))
    for tasks in (1, 2, 3):
        shares = [[raw.key for raw in iter_source(source, rank, tasks, limit=3)] for rank in range(tasks)]
        assert sorted(k for share in shares for k in share) == ["0", "1", "2"]


@pytest.mark.parametrize("streaming", [True, False])
def test_limit_on_a_load_dataset_source_streamed_or_not(tmp_path, streaming):
    from mot.recipe.model import HubSpec
    from mot.sources.read import iter_hub

    folder = tmp_path / "ds"
    folder.mkdir()
    pq.write_table(pa.table({"i": list(range(10))}), folder / "train-00000-of-00001.parquet")
    rows = [raw.row["i"] for rank in range(2) for raw in iter_hub(HubSpec(id=str(folder)), rank, 2, limit=4, streaming=streaming)]
    assert sorted(rows) == [0, 1, 2, 3]
