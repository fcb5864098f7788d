"""Evaluation benchmarks to decontaminate against: named Hub datasets or local files.

No benchmark text ships with mot. The five named sets load from the Hub at build time; any of
them can be pointed at a local JSONL/Parquet copy instead (recipe ``path:`` or
``mot build --benchmark NAME=PATH``). A benchmark that cannot be loaded stops the build; a gated
one (GPQA) says to accept its terms and set ``HF_TOKEN``.

LiveCodeBench (``livecodebench/code_generation_lite``) is a loading script, which ``datasets`` ≥ 4
refuses; its data are plain ``test*.jsonl`` files in the repo, one per release, so mot downloads the
files of the requested release window with ``huggingface_hub`` (``version_tag`` as the script named
them: ``release_v5`` = releases 1–5, ``v5`` = release 5 only, ``v4_v5`` = releases 4–5 as open-r1
used; ``release_latest`` = every file) and keeps the problems whose ``contest_date`` lies in
``[start_date, end_date]`` when given.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

from mot.recipe.model import BenchmarkRef, HubSpec


class BenchmarkError(RuntimeError):
    """A named benchmark cannot be loaded; decontamination is never silently skipped."""


@dataclass(frozen=True)
class BenchmarkSpec:
    """Where a benchmark's problems live and which fields hold the text and the item id."""

    name: str
    field: str = "problem"
    id_field: str | None = "id"
    hub: HubSpec | None = None
    path: Path | None = None
    release_files: bool = False  # read the repo's per-release JSONL files (LiveCodeBench), not load_dataset
    version_tag: str | None = None
    start_date: str | None = None
    end_date: str | None = None


KNOWN_BENCHMARKS: dict[str, BenchmarkSpec] = {
    "aime_2024": BenchmarkSpec("aime_2024", "problem", "id", HubSpec(id="HuggingFaceH4/aime_2024", split="train")),
    "aime_2025": BenchmarkSpec("aime_2025", "problem", "id", HubSpec(id="yentinglin/aime_2025", split="train")),
    "math_500": BenchmarkSpec("math_500", "problem", "unique_id", HubSpec(id="HuggingFaceH4/MATH-500", split="test")),
    "gpqa_diamond": BenchmarkSpec("gpqa_diamond", "Question", "Record ID", HubSpec(id="Idavidrein/gpqa", config="gpqa_diamond", split="train")),
    "livecodebench": BenchmarkSpec("livecodebench", "question_content", "question_id", HubSpec(id="livecodebench/code_generation_lite", split="test"),
                                   release_files=True, version_tag="release_latest"),
}

# LiveCodeBench's release files, in release order (release 1 is ``test.jsonl``).
LCB_RELEASE_FILE = re.compile(r"^test(\d*)\.jsonl$")


def release_files(version_tag: str, files: list[str]) -> list[str]:
    """The JSONL files of a LiveCodeBench ``version_tag`` among the repo's ``files``.

    >>> have = ["README.md", "test.jsonl", "test2.jsonl", "test3.jsonl", "test4.jsonl", "test5.jsonl"]
    >>> release_files("v4_v5", have), release_files("release_v2", have), release_files("v1", have)
    (['test4.jsonl', 'test5.jsonl'], ['test.jsonl', 'test2.jsonl'], ['test.jsonl'])
    """
    releases = {int(m.group(1) or 1): name for name in files if (m := LCB_RELEASE_FILE.match(name))}
    if version_tag == "release_latest":
        wanted = sorted(releases)
    elif m := re.fullmatch(r"release_v(\d+)", version_tag):
        wanted = list(range(1, int(m.group(1)) + 1))
    elif m := re.fullmatch(r"v(\d+)(?:_v(\d+))?", version_tag):
        wanted = list(range(int(m.group(1)), int(m.group(2) or m.group(1)) + 1))
    else:
        raise BenchmarkError(f"livecodebench: unknown version_tag {version_tag!r} (release_vN, vN, vA_vB or release_latest)")
    missing = [n for n in wanted if n not in releases]
    if missing or not wanted:
        raise BenchmarkError(f"livecodebench: version_tag {version_tag!r} needs release file(s) {missing or wanted} "
                             f"the repo does not have (it has {', '.join(releases[n] for n in sorted(releases)) or 'none'})")
    return [releases[n] for n in wanted]


def spec_release_files(spec: BenchmarkSpec) -> list[str]:
    """The files of ``spec``'s release window in its Hub repo (one listing request)."""
    from huggingface_hub import HfApi

    hub = spec.hub
    assert hub is not None
    return release_files(spec.version_tag or "release_latest", HfApi().list_repo_files(hub.id, repo_type="dataset", revision=hub.revision))


def _release_rows(spec: BenchmarkSpec) -> list[dict]:
    """LiveCodeBench rows of ``spec``'s release window, downloaded file by file with huggingface_hub."""
    from huggingface_hub import hf_hub_download

    from mot.sources.read import SourceError, hub_error

    hub = spec.hub
    assert hub is not None
    try:
        files = spec_release_files(spec)
        local = [hf_hub_download(hub.id, name, repo_type="dataset", revision=hub.revision) for name in files]
    except BenchmarkError:
        raise
    except Exception as err:  # network, auth, missing repo
        raise SourceError(hub_error(hub, err)) from err
    rows = []
    for path in local:
        with open(path, encoding="utf-8") as handle:
            for line_no, line in enumerate(handle):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as err:
                    raise BenchmarkError(f"benchmark {spec.name}: {Path(path).name} line {line_no} is not JSON ({err.msg})") from None
                day = str(row.get("contest_date") or "")[:10]
                if (spec.start_date and day < spec.start_date) or (spec.end_date and day > spec.end_date):
                    continue
                rows.append(row)
    return rows


def resolve_benchmark(name: str, path: Path | None = None, field: str | None = None, id_field: str | None = None,
                      version_tag: str | None = None, start_date: str | None = None, end_date: str | None = None) -> BenchmarkSpec:
    """A known benchmark (optionally redirected to a local file) or a custom one given by ``path``;
    ``version_tag`` and the dates select LiveCodeBench's release window."""
    base = KNOWN_BENCHMARKS.get(name)
    if base is None:
        if path is None:
            raise BenchmarkError(f"unknown benchmark {name!r}: give a path, or use one of {', '.join(KNOWN_BENCHMARKS)}")
        base = BenchmarkSpec(name)
    spec = replace(base, path=path, hub=None) if path is not None else base
    if field:
        spec = replace(spec, field=field)
    if id_field:
        spec = replace(spec, id_field=id_field)
    if (version_tag or start_date or end_date) and not spec.release_files:
        raise BenchmarkError(f"benchmark {name}: version_tag/start_date/end_date apply to livecodebench only")
    return replace(spec, version_tag=version_tag or spec.version_tag, start_date=start_date, end_date=end_date)


def resolve_ref(ref: BenchmarkRef, path: Path | None = None) -> BenchmarkSpec:
    """:func:`resolve_benchmark` for a recipe's benchmark entry (``path``: a local override, else the recipe's)."""
    return resolve_benchmark(ref.name, path or ref.path, ref.field, ref.id_field, ref.version_tag, ref.start_date, ref.end_date)


def load_benchmark(spec: BenchmarkSpec) -> list[tuple[str, str]]:
    """``(item id, problem text)`` for every item; raises BenchmarkError when it cannot be read."""
    from mot.sources.read import RawRow, SourceError, iter_hub, iter_local

    try:
        if spec.path is not None:
            raws = iter_local((spec.path,), 0, 1)
        elif spec.release_files:
            raws = (RawRow(str(index), row) for index, row in enumerate(_release_rows(spec)))
        else:
            raws = iter_hub(spec.hub, 0, 1)  # type: ignore[arg-type]
        items = []
        for index, raw in enumerate(raws):
            if raw.error is not None:
                raise BenchmarkError(f"benchmark {spec.name}: {raw.error}")
            text = raw.row.get(spec.field) if raw.row else None
            if not isinstance(text, str) or not text.strip():
                raise BenchmarkError(f"benchmark {spec.name}: item {index} has no text in field {spec.field!r}")
            item_id = raw.row.get(spec.id_field) if spec.id_field else None
            items.append((str(item_id) if item_id not in (None, "") else str(index), text))
    except SourceError as err:
        raise BenchmarkError(f"benchmark {spec.name} cannot be loaded: {err}") from err
    if not items:
        raise BenchmarkError(f"benchmark {spec.name} is empty")
    return items
