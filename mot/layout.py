"""Where a build keeps what: one object so the pipeline, stats and card agree on paths.

    DIR/data/<domain>/*.parquet     the dataset (configs all/math/code/science)
    DIR/ledger/<stage>-<rank>.parquet   one record per input trace
    DIR/pool/<domain>/<rank>.parquet    traces that passed every stage (input to the dataset)
    DIR/dropped/<stage>-<rank>.parquet  dropped traces whole, with stage/reason/detail (``mot show``)
    DIR/index/decontam/             the benchmark n-gram index the tasks memory-map
    DIR/logs/tasks-<N>/             datatrove logging dir, tied to the task count
    DIR/README.md                   the dataset card
    DIR/composition.json            what the mixture and combine took from each source
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BuildLayout:
    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def ledger(self) -> Path:
        return self.root / "ledger"

    @property
    def pool(self) -> Path:
        return self.root / "pool"

    @property
    def dropped(self) -> Path:
        return self.root / "dropped"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def decontam_index(self) -> Path:
        return self.root / "index" / "decontam"

    @property
    def card(self) -> Path:
        return self.root / "README.md"

    @property
    def composition(self) -> Path:
        return self.root / "composition.json"

    def logging_dir(self, tasks: int) -> Path:
        return self.logs / f"tasks-{tasks}"

    def progress_dir(self, tasks: int) -> Path:
        """Where each task reports the rows it has read (``mot.progress``)."""
        return self.logging_dir(tasks) / "progress"

    def started_task_counts(self) -> list[int]:
        """Task counts of earlier (possibly unfinished) runs into this folder."""
        if not self.logs.is_dir():
            return []
        return sorted(int(p.name.split("-", 1)[1]) for p in self.logs.glob("tasks-*") if p.name.split("-", 1)[1].isdigit())

    def ledger_files(self) -> list[Path]:
        return sorted(self.ledger.glob("*.parquet"))

    def data_files(self, domain: str | None = None) -> list[Path]:
        return sorted(self.data.glob(f"{domain or '*'}/*.parquet"))

    def dropped_files(self) -> list[Path]:
        return sorted(self.dropped.glob("*.parquet"))

    def pool_files(self, domain: str) -> list[Path]:
        return sorted((self.pool / domain).glob("*.parquet"))

    def clear_task_outputs(self, rank: int) -> None:
        """Delete what task ``rank`` may have left half-written, so a rerun never duplicates rows."""
        for path in [*self.ledger.glob(f"*-{rank:05d}.parquet"), *self.dropped.glob(f"*-{rank:05d}.parquet"),
                     *self.pool.glob(f"*/{rank:05d}.parquet")]:
            path.unlink()
