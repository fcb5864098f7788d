"""torchrun worker for tests/packing/test_ddp_launch.py: what each rank trains, per feed configuration.

Run as ``python -m torch.distributed.run --nproc-per-node 2 ... ddp_feed.py OUT_DIR`` (gloo, CPU). Every
configuration builds its dataset the way docs/packing.md does (before the process group or the
Trainer exists) and records, through a forward pre-hook on the model, the ids of the sequences each
training step feeds it. Writes ``OUT_DIR/rank<R>.json``; a configuration that raises records its
traceback under ``errors`` and the others still run.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from datetime import timedelta
from pathlib import Path
from typing import Any, Callable

import torch
import transformers
import trl

from feed_helpers import MAX_LENGTH, record_batches, run_docs_loop, tagged_store, tiny_model
from mot.packing.collator import PackedCollator
from mot.packing.loader import PackedDataset, build_dataloader, to_hf_dataset
from mot.packing.store import TokenizedStore

EPOCHS = 2
RESUME_POINTS = ((0, 3), (1, 5))


def trainer_args(cls: type, out: Path, batch_size: int, **extra: Any) -> Any:
    return cls(
        output_dir=str(out), per_device_train_batch_size=batch_size, num_train_epochs=1, learning_rate=1e-3, report_to=[],
        save_strategy="no", logging_strategy="no", use_cpu=True, ddp_backend="gloo", dataloader_num_workers=0,
        disable_tqdm=True, bf16=False, seed=0, **extra,
    )


def plain_loop(dataset: PackedDataset) -> dict[str, Any]:
    """The docs' loop under DDP, from the start and resumed; the loader alone resumed at every step."""
    out: dict[str, Any] = {}
    for epoch, step in ((0, 0), *RESUME_POINTS):
        model = tiny_model()
        batches = record_batches(model)
        run_docs_loop(torch.nn.parallel.DistributedDataParallel(model), dataset, epochs=EPOCHS, start_epoch=epoch, resume_step=step)
        out["plain" if step == 0 else f"plain_resumed_{epoch}_{step}"] = batches
    sampler = build_dataloader(dataset, PackedCollator()).batch_sampler
    full = []
    for epoch in range(EPOCHS):
        sampler.set_epoch(epoch)
        full.append(list(sampler))
    resume_ok = True
    for epoch in range(EPOCHS):
        for step in range(len(full[epoch]) + 1):
            resumed = build_dataloader(dataset, PackedCollator(), epoch=epoch, start_step=step).batch_sampler
            got = []
            for e in range(epoch, EPOCHS):
                resumed.set_epoch(e)
                got.extend(resumed)
            resume_ok &= got == full[epoch][step:] + [b for later in full[epoch + 1 :] for b in later]
    out["loader_resume_every_step_ok"] = resume_ok
    out["loader_steps_per_epoch"] = len(full[0])
    return out


def hf_trainer_dataset_first(dataset: PackedDataset, out_dir: Path) -> dict[str, Any]:
    """The dataset built with defaults before anything else, then the Trainer (its arguments start the
    process group)."""
    model = tiny_model()
    batches = record_batches(model)
    args = trainer_args(transformers.TrainingArguments, out_dir / "hf", 1)
    transformers.Trainer(model=model, args=args, train_dataset=dataset, data_collator=PackedCollator()).train()
    return {"trainer": batches}


def hf_trainer_two_rows(store: TokenizedStore, out_dir: Path) -> dict[str, Any]:
    model = tiny_model()
    batches = record_batches(model)
    args = trainer_args(transformers.TrainingArguments, out_dir / "hf2", 2)
    dataset = PackedDataset.for_trainer(store, args, max_length=MAX_LENGTH)
    transformers.Trainer(model=model, args=args, train_dataset=dataset, data_collator=PackedCollator()).train()
    return {"trainer_for_trainer_bs2": batches}


def trl_sft_trainer_two_rows(store: TokenizedStore, out_dir: Path) -> dict[str, Any]:
    from mot.tokenizer import load_tokenizer

    model = tiny_model()
    batches = record_batches(model)
    args = trainer_args(trl.SFTConfig, out_dir / "trl", 2, max_length=None, dataset_kwargs={"skip_prepare_dataset": True})
    dataset = PackedDataset.for_trainer(store, args, max_length=MAX_LENGTH)
    trl.SFTTrainer(
        model=model, args=args, train_dataset=to_hf_dataset(dataset), data_collator=PackedCollator(), processing_class=load_tokenizer()
    ).train()
    return {"trl_sft_trainer_bs2": batches}


def main(out_dir: Path) -> None:
    rank = int(os.environ["RANK"])
    store = tagged_store()
    results: dict[str, Any] = {"errors": {}}
    # the docs' order: the datasets exist before the process group does (HF Trainer's arguments start it)
    loop_dataset = PackedDataset(store, max_length=MAX_LENGTH)
    trainer_dataset = PackedDataset(store, max_length=MAX_LENGTH)
    results["planned_world_size"] = [getattr(d, "world_size", None) for d in (loop_dataset, trainer_dataset)]
    results["rows_single_process"] = PackedDataset(store, max_length=MAX_LENGTH, world_size=1).plan.num_rows

    def plain_loop_in_process_group() -> dict[str, Any]:
        if not torch.distributed.is_initialized():
            torch.distributed.init_process_group("gloo", timeout=timedelta(seconds=120))
        return plain_loop(loop_dataset)

    scenarios: list[tuple[str, Callable[[], dict[str, Any]]]] = [
        ("hf trainer", lambda: hf_trainer_dataset_first(trainer_dataset, out_dir)),
        ("plain loop", plain_loop_in_process_group),
        ("hf trainer bs2", lambda: hf_trainer_two_rows(store, out_dir)),
        ("trl sft trainer bs2", lambda: trl_sft_trainer_two_rows(store, out_dir)),
    ]
    for name, run in scenarios:
        try:
            results.update(run())
        except Exception:  # noqa: BLE001 - recorded for the test to report; the other scenarios still run
            results["errors"][name] = traceback.format_exc()[-2000:]
    (out_dir / f"rank{rank}.json").write_text(json.dumps(results))
    if torch.distributed.is_initialized():
        torch.distributed.destroy_process_group()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
