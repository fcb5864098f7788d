"""The CLI a new user meets: fast help, quiet honest builds, one-line errors, names, JSON keys, python -m."""

from __future__ import annotations

import io
import json
import os
import re
import socket
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from mot.cli import main
from mot.progress import BuildProgress, TaskProgress, input_rows, quiet_logs, rows_read
from mot.stats import CANNED
from tests.conftest import REPO
from tests.curator_corpus import write_curator_corpus

HEAVY = ("transformers", "torch", "datasets", "datatrove", "duckdb", "pyarrow", "polars", "huggingface_hub", "pydantic")


@pytest.fixture(autouse=True)
def restore_environment():
    """In-process `mot build` sets LOGURU_LEVEL for its workers; keep that out of the other tests."""
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


def mot(*args: str, env: dict[str, str] | None = None, cwd=None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mot", *args], capture_output=True, text=True, env=env, cwd=cwd)


def one_line_exit_2(result: subprocess.CompletedProcess[str], message: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1 and message in result.stderr, result.stderr


def test_importing_the_cli_loads_no_heavy_library():
    code = f"import sys, mot.cli; print([m for m in {HEAVY!r} if m in sys.modules])"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


def test_python_dash_m_mot_is_the_mot_command():
    result = mot("--help")
    assert result.returncode == 0 and "mot show" in result.stdout
    for command in ("build", "show", "report", "recipes", "stats", "query", "pack", "mix", "push", "sandbox"):
        assert re.search(rf"^\s+{command}\s", result.stdout, re.M), command


@pytest.mark.parametrize(("command", "expected"), [
    ("build", ["Examples:", "[default: mot-out]", f"[default: the recipe's, {32768}]", "chatml", "--no-keep-dropped"]),
    ("show", ["Examples:", "--reason", "[default: 5]"]),
    ("stats", ["Example:", "./mot-out"]),
    ("pack", ["Example:", "./mot-out", "--allow-drop", "[default: 32768]"]),
    ("mix", ["Example:", "./mot-out"]),
    ("report", ["Example:", "[default: DIRECTORY/report.html]"]),
])
def test_help_texts_have_examples_and_defaults(command, expected):
    result = CliRunner().invoke(main, [command, "--help"], terminal_width=200)
    assert result.exit_code == 0
    for text in expected:
        assert text in result.output, (command, text)


def test_sandbox_run_options_have_help():
    result = CliRunner().invoke(main, ["sandbox", "run", "--help"], terminal_width=200)
    for option in ("--lang", "--stdin", "--expected"):
        line = next(line for line in result.output.splitlines() if line.strip().startswith(option))
        assert len(line.split(None, 2)) == 3, line  # the option, its metavar, and a help text


def test_bundled_recipes_are_listed_and_addressable_by_name():
    listed = CliRunner().invoke(main, ["recipes"])
    assert listed.exit_code == 0 and "mixture-of-thoughts" in listed.output and "sample" in listed.output
    plan = CliRunner().invoke(main, ["build", "--recipe", "mixture-of-thoughts", "--dry-run"])
    assert plan.exit_code == 0 and "recipe 'mixture-of-thoughts'" in plan.output


def test_an_unknown_recipe_name_is_a_one_line_error(tmp_path):
    one_line_exit_2(mot("build", "--recipe", "mixture-of-thought", "--dry-run", cwd=tmp_path), "no bundled recipe of that name")


def test_stats_json_keys_are_stable_snake_case_and_documented():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for key in CANNED:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", key) and f"`{key}`" in readme, key


def test_mix_of_a_folder_that_is_not_a_build(tmp_path):
    one_line_exit_2(mot("mix", str(tmp_path), "--domain", "math"), "not a mot build (no build.json)")


def test_push_without_network_is_one_line(curator_build, tmp_path):
    with socket.socket() as sock:  # a port nobody listens on: connection refused, as offline
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "HF_ENDPOINT": f"http://127.0.0.1:{port}", "HF_TOKEN": "hf_x", "HF_HOME": str(tmp_path), "HF_HUB_DISABLE_XET": "1",
           "NO_PROXY": "127.0.0.1"}
    one_line_exit_2(mot("push", str(curator_build), "--repo-id", "me/data", env=env), "cannot reach http://127.0.0.1")


def test_pack_refuses_to_drop_sequences_silently(curator_build):
    one_line_exit_2(mot("pack", str(curator_build), "--max-length", "10"), "would be dropped")
    allowed = mot("pack", str(curator_build), "--max-length", "10", "--allow-drop")
    assert allowed.returncode == 0 and "WARNING" in allowed.stderr
    assert json.loads(allowed.stdout)["dropped_sequences"] > 0
    fits = mot("pack", str(curator_build), "--max-length", "32768")
    assert fits.returncode == 0 and fits.stderr == "" and json.loads(fits.stdout)["dropped_sequences"] == 0
    one_line_exit_2(mot("pack", str(curator_build), "--max-length", "0"), "--max-length must be at least 1")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_curator_corpus(tmp_path_factory.mktemp("quiet") / "corpus")


def build_args(recipe, out) -> list[str]:
    return ["build", "--recipe", str(recipe), "-o", str(out), "--domains", "science", "--tasks", "1"]


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("LOGURU_LEVEL", "MOT_QUIETED_LOGURU")}


def test_a_build_is_quiet_and_a_rerun_says_it_is_already_built(corpus, tmp_path):
    env = clean_env()
    first = mot(*build_args(corpus, tmp_path / "out"), env=env)
    assert first.returncode == 0, first.stderr
    assert "📉" not in first.stderr and "PIPELINE" not in first.stderr and "INFO" not in first.stderr
    assert all(line.startswith("mot build: ") for line in first.stderr.splitlines()), first.stderr
    assert "per-row stages done in" in first.stderr and "traces/s" in first.stdout
    again = mot(*build_args(corpus, tmp_path / "out"), env=env)
    assert again.returncode == 0 and "already built, nothing to do (use --force" in again.stdout
    assert "traces/s" not in again.stdout and "per-row stages" not in again.stderr


@pytest.mark.parametrize("how", ["-v", "LOGURU_LEVEL=INFO"])
def test_datatrove_logs_only_when_asked(corpus, tmp_path, how):
    env = clean_env()
    args = build_args(corpus, tmp_path / "out")
    if how == "-v":
        args.append("-v")
    else:
        env["LOGURU_LEVEL"] = "INFO"
    result = mot(*args, env=env)
    assert result.returncode == 0, result.stderr
    assert "📉" in result.stderr and "PIPELINE" in result.stderr


def test_optional_import_advice_is_silenced():
    """transformers prints "PyTorch was not found…" through ``warning_advice``; mot's CLI turns that channel off."""
    code = ("import sys; from mot.progress import quiet_logs; quiet_logs(False) if sys.argv[1] == 'quiet' else None; "
            "from transformers.utils import logging; logging.get_logger('transformers').warning_advice('PyTorch was not found.')")
    env = {k: v for k, v in os.environ.items() if k not in ("TRANSFORMERS_NO_ADVISORY_WARNINGS", "LOGURU_LEVEL")}
    loud = subprocess.run([sys.executable, "-c", code, "loud"], capture_output=True, text=True, env=env)
    quiet = subprocess.run([sys.executable, "-c", code, "quiet"], capture_output=True, text=True, env=env)
    assert "PyTorch was not found" in loud.stderr and "PyTorch was not found" not in quiet.stderr


def test_task_progress_is_summed_across_tasks(tmp_path):
    first, second = TaskProgress(tmp_path, 0), TaskProgress(tmp_path, 1)
    first.update(5)
    second.update(7)
    first.close()
    second.close()
    assert rows_read(tmp_path) == 12


def test_input_rows_known_for_local_files_only(corpus):
    from mot.plan import BuildOptions, resolve

    plan = resolve(BuildOptions(recipe=corpus))
    assert input_rows(plan.sources) == 5 + 2 + 2
    hub = resolve(BuildOptions(recipe="mixture-of-thoughts"))
    assert input_rows(hub.sources) is None  # Hub sources: no total, no ETA


def test_quiet_logs_respects_a_user_level(monkeypatch):
    monkeypatch.setenv("LOGURU_LEVEL", "DEBUG")
    monkeypatch.delenv("MOT_QUIETED_LOGURU", raising=False)
    assert quiet_logs(False) is True and os.environ["LOGURU_LEVEL"] == "DEBUG"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_one_progress_line_with_rate_and_eta(tmp_path, monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with BuildProgress(tmp_path, total=100):
        for rank in range(2):  # two tasks report into the folder, as datatrove's workers do
            task = TaskProgress(tmp_path, rank)
            task.update(25)
            task.close()
        time.sleep(1.2)
    shown = terminal.getvalue()
    assert "per-row stages" in shown and "50/100" in shown and "rows/s" in shown and "<" in shown  # count, rate, ETA
    assert "task 0" not in shown and "task 1" not in shown  # one line for the build, not one per task


def test_no_progress_line_off_a_terminal(tmp_path, monkeypatch):
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    with BuildProgress(tmp_path, total=None):
        TaskProgress(tmp_path, 0).close()
    assert pipe.getvalue() == ""
