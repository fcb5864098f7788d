"""A real 2-process launch (torchrun, gloo, 127.0.0.1): every sequence exactly once per epoch, per feed.

One launch runs every configuration (tests/packing/ddp_feed.py); the tests below read what each rank's
model was fed. Coverage: torchrun × {plain loop from docs/packing.md, HF Trainer (dataset built before
it, 1 row/step), HF Trainer via PackedDataset.for_trainer (2 rows/step), TRL SFTTrainer (2 rows/step)},
plus resume of the plain loop and of the loader at every step.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("trl")

from .feed_helpers import NUM_SEQUENCES  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
WORLD = 2
pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def ranks(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    out = tmp_path_factory.mktemp("ddp")
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}", "OMP_NUM_THREADS": "1"}
    for var in ("WORLD_SIZE", "RANK", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT"):
        env.pop(var, None)
    cmd = [
        sys.executable, "-m", "torch.distributed.run", "--nnodes=1", f"--nproc-per-node={WORLD}",
        "--master-addr=127.0.0.1", f"--master-port={free_port()}", str(Path(__file__).with_name("ddp_feed.py")), str(out),
    ]
    proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    log = proc.stdout + proc.stderr
    (out / "launch.log").write_text(log)
    causes = [line for line in log.splitlines() if any(w in line for w in ("Error", "terminate", "what()", "Exception"))]
    assert proc.returncode == 0, "\n".join(causes[:40]) + f"\n(full log: {out / 'launch.log'})"
    return [json.loads((out / f"rank{r}.json").read_text()) for r in range(WORLD)]


def epochs_of(batches: list[list[int]], steps_per_epoch: int) -> list[list[int]]:
    return [[s for b in batches[i : i + steps_per_epoch] for s in b] for i in range(0, len(batches), steps_per_epoch)]


def assert_exactly_once_per_epoch(ranks: list[dict], key: str, epochs: int) -> None:
    for r in ranks:
        assert key in r, r["errors"]
    steps = [len(r[key]) for r in ranks]
    assert len(set(steps)) == 1 and steps[0] % epochs == 0, f"{key}: unequal steps per rank {steps}"
    per_rank = [epochs_of(r[key], steps[0] // epochs) for r in ranks]
    for e in range(epochs):
        seen = sorted(s for rank_epochs in per_rank for s in rank_epochs[e])
        missing = sorted(set(range(NUM_SEQUENCES)) - set(seen))
        repeated = sorted({s for s in seen if seen.count(s) > 1})
        assert not missing and not repeated, f"{key} epoch {e}: missing {missing}, repeated {repeated}"


def test_dataset_built_before_the_process_group_plans_for_the_launch(ranks) -> None:
    assert all(r["planned_world_size"] == [WORLD, WORLD] for r in ranks)
    # the data is chosen so that an unbalanced single-process plan would not divide between 2 ranks
    assert ranks[0]["rows_single_process"] % WORLD != 0


def test_plain_loop_every_sequence_once_per_epoch(ranks) -> None:
    assert_exactly_once_per_epoch(ranks, "plain", epochs=2)


def test_plain_loop_resume_yields_exactly_the_remaining_batches(ranks) -> None:
    assert "loader_steps_per_epoch" in ranks[0], ranks[0]["errors"]
    steps = ranks[0]["loader_steps_per_epoch"]
    for r in ranks:
        assert r["loader_resume_every_step_ok"]
        for epoch, step in ((0, 3), (1, 5)):
            assert r[f"plain_resumed_{epoch}_{step}"] == r["plain"][epoch * steps + step :]


def test_hf_trainer_dataset_built_first_every_sequence_once(ranks) -> None:
    assert_exactly_once_per_epoch(ranks, "trainer", epochs=1)


def test_hf_trainer_two_rows_per_step_every_sequence_once(ranks) -> None:
    assert_exactly_once_per_epoch(ranks, "trainer_for_trainer_bs2", epochs=1)


def test_trl_sft_trainer_every_sequence_once(ranks) -> None:
    assert_exactly_once_per_epoch(ranks, "trl_sft_trainer_bs2", epochs=1)


def test_no_configuration_raised(ranks) -> None:
    assert not any(r["errors"] for r in ranks), [r["errors"] for r in ranks]
