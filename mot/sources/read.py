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
from itertools import islice
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


def hub_error(hub: HubSpec, err: Exception) -> str:
    """One line for a Hub dataset that cannot be read; a gated one names HF_TOKEN and the terms page."""
    text = f"{type(err).__name__}: {err}"
    if "gated" in text.lower() or type(err).__name__ == "GatedRepoError":
        return (f"Hub dataset {hub.id!r} is gated: accept its terms at https://huggingface.co/datasets/{hub.id} "
                "and set HF_TOKEN to a token of that account")
    first_line = next((line for line in str(err).splitlines() if line.strip()), type(err).__name__)
    return f"cannot load Hub dataset {hub.id!r} (config={hub.config}, split={hub.split}): {first_line}"


def iter_hub(hub: HubSpec, rank: int, world_size: int, limit: int | None = None, streaming: bool = True) -> Iterator[RawRow]:
    """This task's share of a Hub dataset (or any ``load_dataset`` path), through ``datasets.load_dataset``.

    ``streaming`` (the default) reads rows as they download, so ``limit`` (the first N rows of the
    source, shared out among the tasks) costs only those rows; without it the whole split is
    downloaded and prepared in the ``datasets`` cache first. Rows without an id get a content-hash
    key, which does not depend on the task count.
    """
    from datasets import load_dataset
    from datasets.distributed import split_dataset_by_node

    try:
        dataset = load_dataset(hub.id, hub.config, split=hub.split, revision=hub.revision, streaming=streaming)
        if limit is not None:
            dataset = dataset.take(limit) if streaming else dataset.select(range(min(limit, len(dataset))))
        rows = iter(split_dataset_by_node(dataset, rank=rank, world_size=world_size))
        first = next(rows, None)  # streaming defers errors (auth, missing files) to the first row
    except Exception as err:  # datasets raises many types (network, missing config, auth)
        raise SourceError(hub_error(hub, err)) from err
    if first is None:
        return
    yield RawRow(_content_key(first), first)
    for row in rows:
        yield RawRow(_content_key(row), row)


def iter_source(source: SourceSpec, rank: int, world_size: int, limit: int | None = None, streaming: bool = True) -> Iterator[RawRow]:
    """This task's raw rows of one recipe source (the first ``limit`` rows of it, when given)."""
    if source.hub is not None:
        return iter_hub(source.hub, rank, world_size, limit, streaming)
    rows = iter_local(source.paths, rank, world_size)
    if limit is None:
        return rows
    return _first_rows(source.paths, rank, world_size, limit)


def _first_rows(paths: tuple[Path, ...], rank: int, world_size: int, limit: int) -> Iterator[RawRow]:
    """The source's first ``limit`` rows dealt out among the tasks; keys do not depend on the task count."""
    for position, raw in enumerate(islice(iter_local(paths, 0, 1), limit)):
        if position % world_size == rank:
            yield raw
