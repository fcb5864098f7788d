"""User errors of ``mot build`` are found before any task starts: one line, exit code 2, no traceback.

The CLI entry point runs in-process (the same ``run()`` the ``mot`` script calls); the concurrent
build test starts a real second process.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mot.build import BuildError, BuildOptions, build
from mot.cli import run
from tests.corpus import write_corpus

DECONTAM = "\ndecontamination: {benchmarks: [aime_2024], ngram: 8}\n"


def mot(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    """Run the CLI in-process; (exit code, stderr)."""
    monkeypatch.setattr(sys, "argv", ["mot", *args])
    with pytest.raises(SystemExit) as exited:
        run()
    return exited.value.code, capsys.readouterr().err


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "c")


def with_recipe(folder: Path, text: str | bytes, name: str = "r.yaml") -> Path:
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def user_error_cases(corpus: Path, tmp: Path) -> dict[str, tuple[list[str], str]]:
    base = corpus.read_text()
    (tmp / "a-file").write_text("x")
    (tmp / "notes.csv").write_text("a,b\n")
    (tmp / "old").mkdir()
    (tmp / "old" / "build.json").write_text('{"recipe": "/x", "se')
    stream = gzip.compress(b"".join(json.dumps({"problem": f"p{i} " * 50, "id": i}).encode() + b"\n" for i in range(200)), mtime=0)
    (tmp / "aime.jsonl.gz").write_bytes(stream[: len(stream) // 2])
    recipe = ["--recipe", str(corpus)]
    return {
        "recipe not UTF-8": (["--recipe", str(with_recipe(tmp, b"name: caf\xe9\n", "latin1.yaml"))], "not UTF-8 text (byte 9"),
        "YAML syntax error": (["--recipe", str(with_recipe(tmp, "name: x\ndomains: [math,\n  code: {", "broken.yaml"))],
                              "not valid YAML at line "),
        "output under a regular file": ([*recipe, "--output", str(tmp / "a-file" / "out")], "is a file, not a folder"),
        "output on a read-only file system": ([*recipe, "--output", "/sys/mot-build"], "cannot write the output folder /sys/mot-build"),
        "output is a foreign folder": ([*recipe, "--output", str(corpus.parent)], "exists and is not a mot build"),
        "truncated build.json": ([*recipe, "--output", str(tmp / "old")], "build.json is damaged"),
        "--max-tokens 0": ([*recipe, "--max-tokens", "0"], "--max-tokens must be at least 1, not 0"),
        "--max-tokens -5": ([*recipe, "--max-tokens", "-5"], "--max-tokens must be at least 1, not -5"),
        "--tasks 0": ([*recipe, "--tasks", "0"], "--tasks must be at least 1"),
        "unknown tokenizer": ([*recipe, "--tokenizer", str(tmp / "no-such-tokenizer")], "cannot load tokenizer"),
        "invalid chat template": ([*recipe, "--chat-template", "{% for m in messages %}{{ m.content }"], "cannot render a chat: TemplateSyntaxError"),
        "missing chat template file": ([*recipe, "--chat-template", str(tmp / "nope.jinja")], "chat template file not found"),
        "tokenizer without a template": ([*recipe, "--chat-template", "tokenizer"], "ships no chat template"),
        "unsupported source file type": (["--recipe", str(with_recipe(corpus.parent, base.replace("science.jsonl", str(tmp / "notes.csv")), "csv.yaml"))],
                                         "notes.csv is not a file type mot reads"),
        "--benchmark the recipe does not use": ([*recipe, "--benchmark", f"gpqa_diamond={tmp / 'aime.jsonl.gz'}"],
                                                "--benchmark gpqa_diamond: the recipe does not decontaminate against it"),
        "corrupt --benchmark file": (["--recipe", str(with_recipe(corpus.parent, base + DECONTAM, "decontam.yaml")),
                                      "--benchmark", f"aime_2024={tmp / 'aime.jsonl.gz'}"], "aime.jsonl.gz: unreadable from uncompressed byte"),
    }


CASES = ["recipe not UTF-8", "YAML syntax error", "output under a regular file", "output on a read-only file system",
         "output is a foreign folder", "truncated build.json", "--max-tokens 0", "--max-tokens -5", "--tasks 0", "unknown tokenizer",
         "invalid chat template", "missing chat template file", "tokenizer without a template", "unsupported source file type",
         "--benchmark the recipe does not use", "corrupt --benchmark file"]


@pytest.mark.parametrize("case", CASES)
def test_user_errors_are_one_line_exit_2_before_any_task(case, corpus, tmp_path, monkeypatch, capsys):
    args, message = user_error_cases(corpus, tmp_path)[case]
    monkeypatch.chdir(tmp_path)
    code, err = mot(monkeypatch, capsys, "build", *args)
    assert code == 2, err
    errors = [line for line in err.splitlines() if not line.startswith("mot build: ")]  # progress lines may precede it
    assert len(errors) == 1 and errors[0].startswith("error: ") and message in errors[0], err
    assert not list(tmp_path.glob("**/logs/tasks-*")), "no task ran"


def test_a_valid_command_line_passes_the_same_checks(corpus, tmp_path):
    """The twin of the rejections: the same options in range start a build that finishes."""
    summary = build(BuildOptions(recipe=corpus, output=tmp_path / "out", domains=["science"], tasks=1, max_tokens=1, chat_template="chatml"))
    assert summary.balanced and summary.dropped["science"] == {"too_long": 3}


def test_a_second_concurrent_build_into_one_folder_is_refused(corpus, tmp_path):
    out = tmp_path / "out"
    first = subprocess.Popen([sys.executable, "-c", "from mot.cli import run; run()", "build", "--recipe", str(corpus), "--output", str(out),
                              "--domains", "math", "--tasks", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lock = out / ".mot.lock"
        deadline = time.monotonic() + 120
        while not (lock.exists() and lock.read_text().strip()) and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert first.poll() is None, first.communicate()
        with pytest.raises(BuildError, match=rf"another mot build \(pid {first.pid}\) is writing {out}"):
            build(BuildOptions(recipe=corpus, output=out, domains=["math"], tasks=1))
    finally:
        _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    again = build(BuildOptions(recipe=corpus, output=out, domains=["math"], tasks=1))  # the lock went with the first build
    assert again.balanced
