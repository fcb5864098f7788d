"""Read a source's raw rows for one task: local JSONL/Parquet files or a Hub dataset.

Rows are split across ``world_size`` tasks deterministically: by file when there are at least as
many files as tasks, else by row index. Nothing undecodable is lost: a line that is not UTF-8,
not JSON, nested too deeply or not an object is yielded as a :class:`RawRow` with an ``error``
(``malformed_row``), and a file whose stream breaks (corrupt or truncated gzip, a Parquet file
that is not one) yields the rows read before the fault, then one ``malformed_file`` RawRow naming
the file and the offset; reading goes on with the next file.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import zlib
from collections.abc import Iterator
from itertools import islice
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from mot.recipe.model import HubSpec, SourceSpec

LOCAL_SUFFIXES = (".jsonl", ".json", ".ndjson", ".parquet")
# What a broken compressed stream or a damaged file raises while being read.
_STREAM_ERRORS = (OSError, EOFError, zlib.error, pa.ArrowException)


def _describe(err: BaseException) -> str:
    kind = type(err)
    return f"{kind.__name__ if kind.__module__ == 'builtins' else kind.__module__ + '.' + kind.__name__}: {err}"


class SourceError(RuntimeError):
    """A source cannot be read at all (missing file, unreachable Hub dataset)."""


@dataclass(frozen=True)
class RawRow:
    """One upstream row (or the reason it could not be decoded) and its fallback key.

    ``reason`` is the ledger reason of an ``error``; ``origin`` says where the row is
    (``"math.jsonl line 7"``) and ``file`` which file, so duplicate ids can be told apart per file.
    ``mine`` is False for a row of another task, read only to see its id (:func:`iter_local`).
    """

    key: str
    row: dict[str, Any] | None
    error: str | None = None
    reason: str = "malformed_row"
    origin: str = ""
    file: str = ""
    mine: bool = True


@dataclass(frozen=True)
class _Unit:
    """What a file reader yields: a row, a row error, or (``fatal``) the fault that ends the file."""

    index: int
    row: dict[str, Any] | None
    error: str | None = None
    fatal: bool = False


def is_local_file_type(path: Path) -> bool:
    """True for the file types :func:`iter_local` reads (``.jsonl``/``.json``/``.ndjson``/``.parquet``, optionally ``.gz``)."""
    return path.name.removesuffix(".gz").endswith(LOCAL_SUFFIXES)


def _decode_line(line_no: int, raw: bytes) -> _Unit:
    if line_no == 0 and raw.startswith(codecs.BOM_UTF8):  # editors on Windows write one; it is no data
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return _Unit(line_no, None, f"line {line_no} is not valid UTF-8 ({err.reason} at byte {err.start})")
    try:
        row = json.loads(text)
    except json.JSONDecodeError as err:
        return _Unit(line_no, None, f"line {line_no} is not valid JSON ({err.msg} at column {err.colno})")
    except RecursionError:
        return _Unit(line_no, None, f"line {line_no} is nested too deeply to decode")
    except ValueError as err:  # e.g. an integer literal beyond Python's digit limit
        return _Unit(line_no, None, f"line {line_no} cannot be decoded ({err})")
    if not isinstance(row, dict):
        return _Unit(line_no, None, f"line {line_no} is a JSON {type(row).__name__}, not an object")
    return _Unit(line_no, row)


def _jsonl_units(path: Path) -> Iterator[_Unit]:
    line_no, offset = -1, 0
    try:
        with gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb") as handle:
            for line_no, raw in enumerate(handle):
                offset += len(raw)
                if raw.strip():
                    yield _decode_line(line_no, raw)
    except _STREAM_ERRORS as err:
        where = "uncompressed byte" if path.suffix == ".gz" else "byte"
        done = f"after line {line_no}" if line_no >= 0 else "nothing read"
        yield _Unit(line_no + 1, None, f"{path.name}: unreadable from {where} {offset} ({done}): {_describe(err)}", fatal=True)


def _parquet_units(path: Path) -> Iterator[_Unit]:
    index, group = 0, 0
    try:
        parquet = pq.ParquetFile(path)
        for group in range(parquet.num_row_groups):
            for batch in parquet.iter_batches(batch_size=512, row_groups=[group]):
                for row in batch.to_pylist():
                    yield _Unit(index, row)
                    index += 1
    except _STREAM_ERRORS as err:
        yield _Unit(index, None, f"{path.name}: unreadable from row group {group} (row {index}): {_describe(err)}", fatal=True)


def _file_units(path: Path) -> Iterator[_Unit]:
    if path.name.removesuffix(".gz").endswith(".parquet"):
        return _parquet_units(path)
    if is_local_file_type(path):
        return _jsonl_units(path)
    raise SourceError(f"{path}: unsupported file type (use .jsonl[.gz] or .parquet)")


def file_prefixes(paths: tuple[Path, ...]) -> list[str]:
    """Key prefix per file: its stem, or its full name where stems repeat, or its position where names do."""
    if len(paths) == 1:
        return [""]
    stems = [p.name.split(".")[0] for p in paths]
    names = [p.name for p in paths]
    return [f"{stem}/" if stems.count(stem) == 1 else f"{name}/" if names.count(name) == 1 else f"{i}:{name}/"
            for i, (stem, name) in enumerate(zip(stems, names))]


def iter_local(paths: tuple[Path, ...], rank: int, world_size: int, *, with_others: bool = False) -> Iterator[RawRow]:
    """This task's rows of ``paths``; keys are ``<index>`` (one file) or ``<file stem>/<index>``.

    With ``with_others``, rows of other tasks that this task decodes anyway (row-index split)
    are yielded too, with ``mine=False``: the ingest sees every id of a file to disambiguate repeats.
    """
    for path in paths:
        if not path.is_file():
            raise SourceError(f"source file not found: {path}")
    by_file = len(paths) >= world_size
    counter = 0
    for file_index, (path, prefix) in enumerate(zip(paths, file_prefixes(paths))):
        if by_file and file_index % world_size != rank:
            continue
        unit_name = "row" if path.name.removesuffix(".gz").endswith(".parquet") else "line"
        for unit in _file_units(path):
            mine = by_file or counter % world_size == rank
            counter += 1
            if mine or with_others:
                reason = "malformed_file" if unit.fatal else "malformed_row"
                origin = path.name if unit.fatal else f"{path.name} {unit_name} {unit.index}"
                yield RawRow(f"{prefix}{unit.index}", unit.row, unit.error, reason, origin, str(path), mine)


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


def iter_source(source: SourceSpec, rank: int, world_size: int, *, with_others: bool = False, limit: int | None = None,
                streaming: bool = True) -> Iterator[RawRow]:
    """This task's raw rows of one recipe source (``with_others``: see :func:`iter_local`); with ``limit``,
    only the source's first ``limit`` rows."""
    if source.hub is not None:
        return iter_hub(source.hub, rank, world_size, limit, streaming)
    if limit is None:
        return iter_local(source.paths, rank, world_size, with_others=with_others)
    return _first_rows(source.paths, rank, world_size, limit, with_others)


def _first_rows(paths: tuple[Path, ...], rank: int, world_size: int, limit: int, with_others: bool) -> Iterator[RawRow]:
    """The source's first ``limit`` rows dealt out among the tasks; keys do not depend on the task count."""
    for position, raw in enumerate(islice(iter_local(paths, 0, 1), limit)):
        mine = position % world_size == rank
        if mine or with_others:
            yield replace(raw, mine=mine)
