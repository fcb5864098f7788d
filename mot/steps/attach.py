"""Attach joined tests (a source's ``tests_from:``) to each trace's reference; drops nothing."""

from __future__ import annotations

from pathlib import Path

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep

from mot.recipe.model import SourceSpec
from mot.sources.joins import JoinedTests, attach, join_path


class AttachTests(PipelineStep):
    type = "🔗 - JOIN"
    name = "attach tests"

    def __init__(self, sources: tuple[SourceSpec, ...], joins_folder: str):
        super().__init__()
        self.joins = {s.name: s.tests_from for s in sources if s.tests_from is not None}
        self.paths = {s.name: str(join_path(Path(joins_folder), s)) for s in sources if s.tests_from is not None}

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        tables = {name: JoinedTests(Path(path)) for name, path in self.paths.items()}
        try:
            for doc in data:
                meta = doc.metadata
                join = self.joins.get(meta["source"])
                if join is not None and meta.get("messages"):
                    problem_id = meta["reference"].get(join.key)
                    payload = tables[meta["source"]].get(str(problem_id)) if problem_id is not None else None
                    meta["reference"] = attach(meta["reference"], join, payload)
                    self.stat_update("joined" if payload is not None else "not_joined")
                yield doc
        finally:
            for table in tables.values():
                table.close()
