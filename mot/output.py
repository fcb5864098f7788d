"""The output folder of a build: what may be written there, by whom, and what must hold before the dataset is.

- a folder that is a file, under a file, or a foreign non-empty folder is refused (unless ``--force``);
- one build at a time: a lock held for the whole build refuses a second one, never interleaves;
- a folder resumes only the build that started it (same fingerprint, same task count);
- before the dataset is written, every trace read has exactly one record (:func:`check_identity`).
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow.parquet as pq

from mot.atomic import write_atomic
from mot.layout import BuildLayout

CONFIG_FILE = "build.json"
LOCK_FILE = ".mot.lock"  # held (flock) by the build writing the folder; released when its process ends


class BuildError(RuntimeError):
    """The build cannot start or did not finish; the message says what to do."""


def check_output_folder(root: Path, force: bool) -> None:
    """The folder can hold a build: not a file, not under one, and (unless ``force``) not a foreign non-empty folder."""
    for parent in [root, *root.parents]:
        if parent.exists() and not parent.is_dir():
            raise BuildError(f"--output {root}: {parent} is a file, not a folder")
    if not force and root.is_dir() and not (root / CONFIG_FILE).exists() and any(p.name != LOCK_FILE for p in root.iterdir()):
        raise BuildError(f"{root} exists and is not a mot build; choose another --output or use --force")


@contextmanager
def exclusive(root: Path) -> Iterator[None]:
    """Hold the folder's lock for the whole build; a second build into it is refused, not interleaved."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        handle = (root / LOCK_FILE).open("a+")
    except OSError as err:
        raise BuildError(f"cannot write the output folder {root}: {err.strerror or err}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise BuildError(f"another mot build (pid {holder}) is writing {root}; wait for it or choose another --output") from None
        handle.truncate(0)
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield


def prepare_output(layout: BuildLayout, fingerprint: dict[str, object], tasks: int, force: bool) -> None:
    config_path = layout.root / CONFIG_FILE
    if force:
        for path in layout.root.iterdir():
            if path.name != LOCK_FILE:
                shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    if config_path.exists():
        try:
            previous = json.loads(config_path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as err:
            raise BuildError(f"{config_path} is damaged ({err}); use --force to rebuild the folder") from None
        if previous != fingerprint:
            changed = sorted(k for k in fingerprint if not isinstance(previous, dict) or previous.get(k) != fingerprint[k])
            raise BuildError(f"{layout.root} holds a build with different {', '.join(changed)}; use --force to rebuild it or choose another --output")
        other = [n for n in layout.started_task_counts() if n != tasks]
        if other:
            raise BuildError(
                f"{layout.root} was started with --tasks {other[0]}; resume with the same count or use --force "
                "(a different task count would split the input differently and duplicate rows)"
            )
    write_atomic(config_path, json.dumps(fingerprint, indent=2) + "\n")


def check_identity(layout: BuildLayout, read: dict[str, int]) -> None:
    """Before the dataset is written: per source, every trace read has exactly one record so far
    (a per-row drop in the ledger, or a row in the pool) and no id is recorded twice.

    A failure is a bug (ingest makes ids unique: file prefixes across files, suffixes within one):
    the build stops without writing a dataset rather than lose or duplicate a trace.
    """
    files = [p for p in layout.ledger_files() if p.name != "global.parquet"] + sorted(layout.pool.glob("*/*.parquet"))
    ids: dict[str, Counter[str]] = {}
    for path in files:
        table = pq.read_table(path, columns=["id", "source"])
        for row_id, source in zip(table.column("id").to_pylist(), table.column("source").to_pylist()):
            ids.setdefault(source, Counter())[row_id] += 1
    for source in sorted(set(read) | set(ids)):
        recorded = ids.get(source, Counter())
        if repeated := next((i for i, n in recorded.items() if n > 1), None):
            raise BuildError(f"identity check failed: source {source} has {recorded[repeated]} records for id {repeated!r}; "
                             "the dataset was not written (a bug: ingest makes ids unique)")
        if read.get(source, 0) != sum(recorded.values()):
            raise BuildError(f"identity check failed: source {source} read {read.get(source, 0)} traces but recorded "
                             f"{sum(recorded.values())}; the dataset was not written (task logs in {layout.logs})")
