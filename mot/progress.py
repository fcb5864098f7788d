"""One honest progress display per build, and quiet logs unless asked for.

The per-row stages run in datatrove tasks (other processes, maybe other machines); each task's
reader counts the input rows it has read into ``<logging dir>/progress/<rank>.json`` (at most a
few writes a second). The main process sums those files into one tqdm line: rows read, rows/s,
and an ETA when the total is known (every source a local JSONL/Parquet file, counted upfront).
On a non-terminal stderr the bar is off (tqdm's ``disable=None``), so logs and CI stay clean.

Before any of that, :func:`start_task_server` starts the process the local executor's tasks fork
from, so the modules every task needs are imported once, while the main process imports its own.

Example:
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> task = TaskProgress(folder, rank=0)
    >>> task.update(3); task.close()
    >>> rows_read(folder)
    3
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from mot.atomic import write_atomic

if TYPE_CHECKING:
    from mot.recipe.model import SourceSpec

WRITE_EVERY_S = 0.5
_QUIETED = "MOT_QUIETED_LOGURU"  # marks a LOGURU_LEVEL set by us, not by the user


class TaskProgress:
    """A task's count of rows read, written to ``<folder>/<rank>.json`` every ``WRITE_EVERY_S``."""

    def __init__(self, folder: str | Path, rank: int):
        self.path = Path(folder) / f"{rank:05d}.json"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.rows = 0
        self._written_at = 0.0

    def update(self, rows: int = 1) -> None:
        self.rows += rows
        if time.monotonic() - self._written_at >= WRITE_EVERY_S:
            self._write(done=False)

    def close(self) -> None:
        self._write(done=True)

    def _write(self, done: bool) -> None:
        write_atomic(self.path, json.dumps({"rows": self.rows, "done": done}))  # a reader never sees half a file
        self._written_at = time.monotonic()


def rows_read(folder: str | Path) -> int:
    """Rows read so far by all tasks reporting into ``folder``."""
    total = 0
    for path in Path(folder).glob("*.json"):
        try:
            total += int(json.loads(path.read_text())["rows"])
        except (OSError, ValueError, KeyError):
            continue  # replaced between glob and read; counted on the next poll
    return total


def _count_rows(path: Path) -> int | None:
    name = path.name
    if name.endswith(".parquet"):
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).metadata.num_rows
    if name.endswith((".jsonl", ".json", ".ndjson")):
        with path.open("rb") as handle:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    return None  # compressed or unknown: no total, no ETA


def input_rows(sources: Iterable[SourceSpec]) -> int | None:
    """Rows the build will read, when every source is an uncompressed local file; else None."""
    total = 0
    for source in sources:
        if source.hub is not None or not source.paths:
            return None
        for path in source.paths:
            count = _count_rows(path)
            if count is None:
                return None
            total += count
    return total


class BuildProgress:
    """The main process's progress line over the per-row stages (a context manager).

    ``folder`` is where the tasks write their :class:`TaskProgress`; ``total`` the input rows if known.
    """

    def __init__(self, folder: Path, total: int | None):
        self.folder = folder
        self.total = total
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> BuildProgress:
        from tqdm import tqdm

        self._bar = tqdm(total=self.total, desc="per-row stages", unit=" rows", disable=None, dynamic_ncols=True,
                         mininterval=0.5, file=sys.stderr, leave=False)
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()
        return self

    def _poll(self) -> None:
        while not self._stop.wait(WRITE_EVERY_S):
            self._refresh()

    def _refresh(self) -> None:
        read = rows_read(self.folder)
        if read > self._bar.n:
            self._bar.update(read - self._bar.n)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self._refresh()
        self._bar.close()


def quiet_logs(verbose: bool) -> bool:
    """Quiet datatrove unless ``verbose`` or the user set ``LOGURU_LEVEL``; returns whether task logs go to the console.

    Must run before datatrove is imported: loguru reads ``LOGURU_LEVEL`` once, at import, and
    worker processes inherit the environment.
    """
    os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")  # "PyTorch was not found…" on every command
    user_level = "LOGURU_LEVEL" in os.environ and _QUIETED not in os.environ
    chatty = verbose or user_level
    if not chatty:
        os.environ["LOGURU_LEVEL"] = "WARNING"
        os.environ[_QUIETED] = "1"
        if "loguru" in sys.modules:  # imported already (a notebook, an in-process test): reconfigure it
            from loguru import logger

            logger.remove()
            logger.add(sys.stderr, level="WARNING")
    return chatty


def start_task_server(modules: Sequence[str]) -> None:
    """Start, now and in the background, the server the local executor's tasks fork from, importing ``modules``.

    datatrove's local executor starts its pool with multiprocess's ``forkserver`` method: every
    task is forked from one server process, which is started at the first task and imports only
    ``__main__``; each task then imports the whole pipeline itself (about a second, on every
    task). Started here with ``modules`` preloaded, the server imports them once, in parallel with
    the main process's own imports and set-up, and every task forks with them loaded. The server
    is the one multiprocess keeps per process, so the pool finds it running and uses it; if it is
    already running this does nothing. It exits with the main process. Its only other threads are
    the idle native pools of numpy (OpenBLAS) and pyarrow (jemalloc), both fork-safe by their own
    fork handlers, as in any process that forks with them loaded.
    """
    from multiprocess import forkserver

    forkserver.set_forkserver_preload(["__main__", *modules])
    forkserver.ensure_running()
