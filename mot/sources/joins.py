"""Tests joined from another dataset (a recipe source's ``tests_from:``), read once per build.

open-r1/codeforces-cots' C++ configs carry only the statement's examples; the problems' real tests
(``official_tests``, with ``\\r\\n`` line endings as Codeforces stores them), the checker of problems
that accept several answers (``generated_checker``) and the limits live in open-r1/codeforces, one
row per problem ``id``. The main process reads that dataset once into a SQLite file in the build
folder; every task opens it read-only and looks up only the problems it meets, like the
decontamination index.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from mot.recipe.model import SourceSpec, JoinSpec
from mot.sources.base import AdapterError
from mot.sources.codeforces_cots import judging, limits, test_records
from mot.sources.validate import check_reference
from mot.sources.read import iter_hub


def join_payload(row: dict[str, Any], join: JoinSpec) -> dict[str, Any]:
    """What a joined row gives a trace's reference: tests, judging flags, checker, limits, input mode."""
    tests: list[dict[str, str]] = []
    for column in join.tests:
        tests += test_records(row.get(column), column)
    checker = row.get(join.checker) if join.checker else None
    payload: dict[str, Any] = {"tests": tests, "tests_from": f"{join.hub.id}:{'+'.join(join.tests)}"}
    payload.update(judging(row.get("problem_type"), row.get("interaction_format"), checker if isinstance(checker, str) else None))
    if isinstance(row.get("input_mode"), str):
        payload["input_mode"] = row["input_mode"]
    payload.update(limits(row))
    check_reference(payload)  # joined data meets the same checks as a trace's own (limits, tests, text)
    return payload


def join_path(folder: Path, source: SourceSpec) -> Path:
    return folder / f"{source.name}.sqlite"


def build_join(source: SourceSpec, folder: Path) -> tuple[int, int]:
    """Read ``source.tests_from`` once into ``<folder>/<source>.sqlite``; returns (problems, bad rows).

    A joined row whose tests are malformed is stored without tests, with the reason, so the traces
    of that problem stay unverified saying why instead of failing the build.
    """
    join = source.tests_from
    assert join is not None
    folder.mkdir(parents=True, exist_ok=True)
    target = join_path(folder, source)
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    con = sqlite3.connect(partial)
    con.execute("CREATE TABLE problems (id TEXT PRIMARY KEY, payload TEXT NOT NULL)")
    problems = bad = 0
    for raw in iter_hub(join.hub, 0, 1):
        problem_id = (raw.row or {}).get(join.id_column)
        if problem_id in (None, ""):
            bad += 1
            continue
        try:
            payload = join_payload(raw.row, join)
        except AdapterError as err:
            payload, bad = {"tests": [], "no_tests": f"{join.hub.id} row {problem_id}: {err}"}, bad + 1
        con.execute("INSERT OR REPLACE INTO problems VALUES (?, ?)", (str(problem_id), json.dumps(payload)))
        problems += 1
    con.commit()
    con.close()
    partial.replace(target)
    return problems, bad


class JoinedTests:
    """Read-only lookups into a built join (one per task)."""

    def __init__(self, path: Path):
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    def get(self, problem_id: str) -> dict[str, Any] | None:
        found = self._con.execute("SELECT payload FROM problems WHERE id = ?", (problem_id,)).fetchone()
        return json.loads(found[0]) if found else None

    def close(self) -> None:
        self._con.close()


def attach(reference: dict[str, Any], join: JoinSpec, payload: dict[str, Any] | None) -> dict[str, Any]:
    """``reference`` completed from the joined problem: its tests when the row has none, always its
    checker and judging flags; limits and input mode where the row has none.

    >>> join = JoinSpec(hub={"id": "open-r1/codeforces"})
    >>> attach({"problem_id": "1A", "tests": []}, join, None)["no_tests"]
    'no row for problem 1A in open-r1/codeforces'
    """
    reference = dict(reference)
    problem_id = reference.get(join.key)
    if payload is None:
        if not reference.get("tests"):
            reference["no_tests"] = f"no row for problem {problem_id} in {join.hub.id}" if problem_id else f"no {join.key} to join on"
        return reference
    if not reference.get("tests"):
        reference["tests"], reference["tests_from"] = payload["tests"], payload["tests_from"]
        reference.pop("no_tests", None)
        if not payload["tests"]:
            reference["no_tests"] = payload.get("no_tests", f"problem {problem_id} has no tests in {join.hub.id}")
    for name in ("input_mode", "time_limit_s", "memory_limit_mb"):
        if name in payload and name not in reference:
            reference[name] = payload[name]
    for flag in ("interactive", "needs_checker", "checker"):  # the row's own word (problem_type) first
        if reference.get(flag) is None and payload.get(flag) is not None:
            reference[flag] = payload[flag]
    return reference
