"""docs/packing.md is tested: its plain loop resumes exactly, and its trainer examples state their precision."""

from __future__ import annotations

import re

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from mot.packing.collator import PackedCollator  # noqa: E402
from mot.packing.loader import PackedDataset, build_dataloader  # noqa: E402

from .feed_helpers import DOCS, MAX_LENGTH, NUM_SEQUENCES, record_batches, run_docs_loop, tagged_store, tiny_model  # noqa: E402

EPOCHS = 2


@pytest.fixture(scope="module")
def dataset() -> PackedDataset:
    return PackedDataset(tagged_store(), max_length=MAX_LENGTH, world_size=1)


@pytest.fixture(scope="module")
def full_run(dataset) -> list[list[int]]:
    model = tiny_model()
    batches = record_batches(model)
    scope = run_docs_loop(model, dataset, epochs=EPOCHS)
    steps = len(dataset)
    assert len(batches) == EPOCHS * steps
    assert scope["resume_state"]["epoch"] == EPOCHS - 1 and scope["resume_state"]["step"] == steps
    for e in range(EPOCHS):  # every sequence exactly once per epoch
        assert sorted(s for b in batches[e * steps : (e + 1) * steps] for s in b) == list(range(NUM_SEQUENCES))
    return batches


@pytest.mark.slow  # trains a tiny model through the docs' loop 5 times (~10 s idle, a minute on a loaded CI box)
@pytest.mark.parametrize("epoch, step", [(0, 8), (0, "end"), (1, 1), (1, "last")])
def test_docs_loop_resumed_yields_exactly_the_remaining_batches(dataset, full_run, epoch, step) -> None:
    steps = len(dataset)
    step = {"end": steps, "last": steps - 1}.get(step, step)
    model = tiny_model()
    batches = record_batches(model)
    run_docs_loop(model, dataset, epochs=EPOCHS, start_epoch=epoch, resume_step=step)
    assert batches == full_run[epoch * steps + step :]


def test_loader_resumed_at_every_step_of_every_epoch(dataset) -> None:
    loader = build_dataloader(dataset, seed=0)
    full = []
    for epoch in range(EPOCHS):
        loader.batch_sampler.set_epoch(epoch)
        full.append(list(loader.batch_sampler))
    for epoch in range(EPOCHS):
        for step in range(len(dataset) + 1):
            resumed = build_dataloader(dataset, seed=0, epoch=epoch, start_step=step).batch_sampler
            got = []
            for e in range(epoch, EPOCHS):
                resumed.set_epoch(e)
                assert len(resumed) == len(full[e]) - (step if e == epoch else 0)
                got.extend(resumed)
            assert got == full[epoch][step:] + [b for later in full[epoch + 1 :] for b in later]


def test_set_epoch_keeps_the_resume_step_of_its_epoch(dataset) -> None:
    # the case: build_dataloader(..., start_step=8) then set_epoch(0) replayed all batches
    loader = build_dataloader(dataset, PackedCollator(), seed=0, start_step=8)
    loader.batch_sampler.set_epoch(0)
    assert len(loader) == len(list(loader)) == len(dataset) - 8
    loader.batch_sampler.set_epoch(1)
    assert len(loader) == len(list(loader)) == len(dataset)


def test_resume_state_round_trip(dataset) -> None:
    loader = build_dataloader(dataset, seed=0)
    full = list(loader.batch_sampler)
    state = loader.batch_sampler.state_dict(5)
    resumed = build_dataloader(dataset, seed=0)
    resumed.batch_sampler.load_state_dict(state)
    resumed.batch_sampler.set_epoch(state["epoch"])
    assert list(resumed.batch_sampler) == full[5:]


def trainer_configs() -> list[str]:
    """Every ``SFTConfig(...)``/``TrainingArguments(...)`` call in the docs' python blocks, as text."""
    calls = []
    for block in re.findall(r"```python\n(.*?)```", DOCS.read_text(), re.S):
        for line in block.splitlines():
            if re.search(r"\b(SFTConfig|TrainingArguments)\(", line):
                calls.append(line)
    return calls


def test_docs_trainer_examples_state_their_precision() -> None:
    calls = trainer_configs()
    assert len(calls) >= 3
    for line in calls:
        assert re.search(r"\bbf16=(True|False)", line), f"no explicit precision in: {line.strip()}"
        assert re.search(r"# precision: (bf16|fp32)", line), f"no precision comment in: {line.strip()}"
        stated = "bf16" if "bf16=True" in line else "fp32"
        assert f"# precision: {stated}" in line, line


def test_sftconfig_defaults_to_bf16_on_cpu(tmp_path) -> None:
    # the fact the precision note relies on (trl 1.16): SFTConfig trains in bf16 unless told otherwise
    trl = pytest.importorskip("trl")
    import transformers

    assert trl.SFTConfig(str(tmp_path), use_cpu=True, report_to=[]).bf16 is True
    assert transformers.TrainingArguments(str(tmp_path), use_cpu=True, report_to=[]).bf16 is False
