"""torchrun worker for tests/packing/test_ddp_launch.py: what each rank trains, per feed configuration.

Run as ``python -m torch.distributed.run --nproc-per-node 2 ... ddp_feed.py OUT_DIR`` (gloo, CPU). Every
configuration builds its dataset the way docs/packing.md does (before the process group or the
Trainer exists) and records, through a forward pre-hook on the model, the ids of the sequences each
training step feeds it. Writes ``OUT_DIR/rank<R>.json``.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import timedelta
from pathlib import Path

import torch

from feed_helpers import MAX_LENGTH, record_batches, run_docs_loop, tagged_store, tiny_model
from mot.packing.collator import PackedCollator
from mot.packing.loader import PackedDataset, build_dataloader, to_hf_dataset

EPOCHS = 2


def trainer_args(cls: type, out: Path, batch_size: int, **extra: object) -> object:
    return cls(
        output_dir=str(out), per_device_train_batch_size=batch_size, num_train_epochs=1, learning_rate=1e-3, report_to=[],
        save_strategy="no", logging_strategy="no", use_cpu=True, ddp_backend="gloo", dataloader_num_workers=0,
        disable_tqdm=True, bf16=False, seed=0, **extra,
    )


def main(out_dir: Path) -> None:
    import transformers
    import trl

    rank = int(os.environ["RANK"])
    store = tagged_store()
    results: dict[str, object] = {}

    # Plain loop, in the docs' order: the dataset exists before the process group does.
    dataset = PackedDataset(store, max_length=MAX_LENGTH)
    torch.distributed.init_process_group("gloo", timeout=timedelta(seconds=120))
    results["planned_world_size"] = dataset.world_size
    results["rows_single_process"] = PackedDataset(store, max_length=MAX_LENGTH, world_size=1).plan.num_rows
    model = tiny_model()
    batches = record_batches(model)
    run_docs_loop(torch.nn.parallel.DistributedDataParallel(model), dataset, epochs=EPOCHS)
    results["plain"] = batches
    # resumed runs of the same loop (a fresh model each: only the feed is compared)
    for epoch, step in ((0, 3), (1, 5)):
        model = tiny_model()
        batches = record_batches(model)
        run_docs_loop(torch.nn.parallel.DistributedDataParallel(model), dataset, epochs=EPOCHS, start_epoch=epoch, resume_step=step)
        results[f"plain_resumed_{epoch}_{step}"] = batches
    # the loader alone, resumed at every step of both epochs
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
    results["loader_resume_every_step_ok"] = resume_ok
    results["loader_steps_per_epoch"] = len(full[0])

    # HF Trainer, the dataset built first with defaults (1 row per device step).
    model = tiny_model()
    batches = record_batches(model)
    dataset = PackedDataset(store, max_length=MAX_LENGTH)
    args = trainer_args(transformers.TrainingArguments, out_dir / "hf", 1)
    transformers.Trainer(model=model, args=args, train_dataset=dataset, data_collator=PackedCollator()).train()
    results["trainer"] = batches

    # HF Trainer with 2 rows per device step: PackedDataset.for_trainer(store, args).
    model = tiny_model()
    batches = record_batches(model)
    args = trainer_args(transformers.TrainingArguments, out_dir / "hf2", 2)
    dataset = PackedDataset.for_trainer(store, args, max_length=MAX_LENGTH)
    transformers.Trainer(model=model, args=args, train_dataset=dataset, data_collator=PackedCollator()).train()
    results["trainer_for_trainer_bs2"] = batches

    # TRL SFTTrainer on the same rows as a datasets.Dataset, 2 rows per device step.
    from mot.tokenizer import load_tokenizer

    model = tiny_model()
    batches = record_batches(model)
    args = trainer_args(trl.SFTConfig, out_dir / "trl", 2, max_length=None, dataset_kwargs={"skip_prepare_dataset": True})
    dataset = PackedDataset.for_trainer(store, args, max_length=MAX_LENGTH)
    trl.SFTTrainer(
        model=model, args=args, train_dataset=to_hf_dataset(dataset), data_collator=PackedCollator(), processing_class=load_tokenizer()
    ).train()
    results["trl_sft_trainer_bs2"] = batches

    (out_dir / f"rank{rank}.json").write_text(json.dumps(results))
    torch.distributed.destroy_process_group()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
