"""``mot push`` against a Hub stand-in on 127.0.0.1, with the real, unpatched huggingface_hub client.

The client reads HF_ENDPOINT and friends at import, so every client runs in a subprocess with
that environment (Xet off: it has no fallback and the stand-in does not speak it).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mot.hub import files_to_push
from tests.hub_server import HubStandIn

REPO = Path(__file__).resolve().parents[1]
TOKEN = "hf_standin_secret"


def client_env(hub: HubStandIn, home: Path, token: str = TOKEN) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "HF_ENDPOINT": hub.endpoint, "HF_TOKEN": token, "HF_HUB_DISABLE_XET": "1",
            "HF_UPDATE_DOWNLOAD_COUNTS": "0", "HF_HOME": str(home), "HF_HUB_DISABLE_TELEMETRY": "1", "NO_PROXY": "127.0.0.1"}


def mot(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from mot.cli import run; run()", *args], capture_output=True, text=True, env=env)


DOWNLOAD = """
import hashlib, json, sys
import datasets
from huggingface_hub import snapshot_download
datasets.config.USE_PARQUET_EXPORT = False
repo, target = sys.argv[1], sys.argv[2]
folder = snapshot_download(repo, repo_type="dataset", local_dir=target)
math = datasets.load_dataset(repo, "math", split="train")
print(json.dumps({"math_ids": sorted(math["id"]), "domains": sorted(set(math["domain"]))}))
"""


@pytest.fixture(scope="module")
def hub():
    with HubStandIn(token=TOKEN) as server:
        yield server


def test_push_round_trip_is_byte_identical_and_loads(mixed_build, hub, tmp_path):
    summary, _ = mixed_build
    env = client_env(hub, tmp_path / "hf")
    pushed = mot(env, "push", str(summary.output), "--repo-id", "mot-org/mixed")
    assert pushed.returncode == 0, pushed.stderr
    assert "uploaded in commit" in pushed.stdout
    repo = hub.repo("mot-org/mixed")
    assert len(repo.commits) == 1 and repo.lfs, "one commit; binary shards went through LFS"
    expected = {path for path, _ in files_to_push(summary.output)}
    assert set(repo.files) == expected and "pool" not in str(expected) and "assets/num_tokens.png" in expected

    result = subprocess.run([sys.executable, "-c", DOWNLOAD, "mot-org/mixed", str(tmp_path / "down")], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    for path in expected:
        assert hashlib.sha256((tmp_path / "down" / path).read_bytes()).digest() == hashlib.sha256((summary.output / path).read_bytes()).digest(), path
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    import pyarrow.parquet as pq

    math_ids = sorted(pq.read_table(sorted((summary.output / "data" / "math").glob("*.parquet"))[0]).column("id").to_pylist())
    assert loaded == {"math_ids": math_ids, "domains": ["math"]}


def test_bad_token_is_a_clear_error(mixed_build, hub, tmp_path):
    result = mot(client_env(hub, tmp_path / "hf", token="hf_wrong"), "push", str(mixed_build[0].output), "--repo-id", "mot-org/other")
    assert result.returncode == 2
    assert "authentication failed" in result.stderr and "Traceback" not in result.stderr


def test_dry_run_lists_files_and_touches_nothing(mixed_build, hub, tmp_path):
    result = mot(client_env(hub, tmp_path / "hf"), "push", str(mixed_build[0].output), "--repo-id", "mot-org/dry", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "would upload" in result.stdout and "data/math/" in result.stdout
    assert "mot-org/dry" not in hub.server.repos


def test_not_a_build_and_bad_repo_id(tmp_path, hub):
    env = client_env(hub, tmp_path / "hf")
    assert "not a built dataset" in mot(env, "push", str(tmp_path), "--repo-id", "a/b").stderr
    (tmp_path / "README.md").write_text("x")
    (tmp_path / "data" / "math").mkdir(parents=True)
    (tmp_path / "data" / "math" / "x.parquet").write_bytes(b"")
    result = mot(env, "push", str(tmp_path), "--repo-id", "no-slash")
    assert result.returncode == 2 and "expected ORG/NAME" in result.stderr
