"""Read a source's raw rows for one task: local JSONL/Parquet files or a Hub dataset.

Rows are split across ``world_size`` tasks deterministically: by file when there are at least as
many files as tasks, else by row index. A line that is not valid UTF-8 or not a JSON object is
yielded as a :class:`RawRow` with an ``error`` so the build records it instead of losing it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pyarrow.parquet as pq

from mot.recipe.model import HubSpec, SourceSpec


class SourceError(RuntimeError):
    """A source cannot be read at all (missing file, unreachable Hub dataset)."""


@dataclass(frozen=True)
class RawRow:
    """One upstream row (or the reason it could not be decoded) and its fallback key."""

    key: str
    row: dict[str, Any] | None
    error: str | None = None


def _open(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")


def _jsonl_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    with _open(path) as handle:
        for line_no, raw in enumerate(handle):
            if not raw.strip():
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                yield line_no, None, f"line {line_no} is not valid UTF-8 ({err.reason} at byte {err.start})"
                continue
            try:
                row = json.loads(text)
            except json.JSONDecodeError as err:
                yield line_no, None, f"line {line_no} is not valid JSON ({err.msg} at column {err.colno})"
                continue
            if not isinstance(row, dict):
                yield line_no, None, f"line {line_no} is a JSON {type(row).__name__}, not an object"
                continue
            yield line_no, row, None


def _parquet_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    index = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=512):
        for row in batch.to_pylist():
            yield index, row, None
            index += 1


def _file_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    name = path.name.removesuffix(".gz")
    if name.endswith(".parquet"):
        return _parquet_rows(path)
    if name.endswith((".jsonl", ".json", ".ndjson")):
        return _jsonl_rows(path)
    raise SourceError(f"{path}: unsupported file type (use .jsonl[.gz] or .parquet)")


def iter_local(paths: tuple[Path, ...], rank: int, world_size: int) -> Iterator[RawRow]:
    """This task's rows of ``paths``; keys are ``<index>`` (one file) or ``<file stem>/<index>``."""
    for path in paths:
        if not path.is_file():
            raise SourceError(f"source file not found: {path}")
    by_file = len(paths) >= world_size
    counter = 0
    for file_index, path in enumerate(paths):
        if by_file and file_index % world_size != rank:
            continue
        prefix = "" if len(paths) == 1 else f"{path.name.split('.')[0]}/"
        for index, row, error in _file_rows(path):
            mine = by_file or counter % world_size == rank
            counter += 1
            if mine:
                yield RawRow(f"{prefix}{index}", row, error)


def _content_key(row: dict[str, Any]) -> str:
    blob = json.dumps(row, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    return hashlib.blake2b(blob, digest_size=8).hexdigest()


def iter_hub(hub: HubSpec, rank: int, world_size: int) -> Iterator[RawRow]:
    """Stream this task's share of a Hub dataset (or any ``load_dataset`` path).

    Rows without an id get a content-hash key, which does not depend on the task count.
    """
    from datasets import load_dataset
    from datasets.distributed import split_dataset_by_node

    try:
        dataset = load_dataset(hub.id, hub.config, split=hub.split, revision=hub.revision, streaming=True)
    except Exception as err:  # datasets raises many types (network, missing config, auth)
        raise SourceError(f"cannot load Hub dataset {hub.id!r} (config={hub.config}, split={hub.split}): {err}") from err
    for row in split_dataset_by_node(dataset, rank=rank, world_size=world_size):
        yield RawRow(_content_key(row), row)


def iter_source(source: SourceSpec, rank: int, world_size: int) -> Iterator[RawRow]:
    """This task's raw rows of one recipe source."""
    if source.hub is not None:
        return iter_hub(source.hub, rank, world_size)
    return iter_local(source.paths, rank, world_size)
