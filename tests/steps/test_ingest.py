import json

from mot.recipe.model import RowFilter, SourceSpec
from mot.steps.ingest import Ingest


def test_every_row_becomes_a_document_and_nothing_is_dropped_here(tmp_path):
    rows = [
        {"messages": [{"role": "user", "content": "Q1"}, {"role": "assistant", "content": "<think>\nA\n</think>\n\nA"}], "lang": "en"},
        {"messages": [{"role": "user", "content": "Q2"}, {"role": "assistant", "content": "<think>\nB\n</think>\n\nB"}], "lang": "fr"},
        {"messages": "not a list", "lang": "en"},
    ]
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + "{broken\n", encoding="utf-8")
    source = SourceSpec(name="src", domain="math", adapter="messages", paths=(path,), where=(RowFilter(field="lang", equals="en"),))
    step = Ingest((source,), str(tmp_path / "out"))
    docs = list(step.run(None, rank=0, world_size=1))
    assert [d.id for d in docs] == ["src:0", "src:1", "src:2", "src:3"]
    assert docs[0].text == "Q1" and docs[0].metadata["domain"] == "math"
    rejects = [d.metadata.get("reject") for d in docs]
    assert rejects[0] is None and rejects[1]["reason"] == "excluded_by_source_filter" and "fails where" in rejects[1]["detail"]
    assert rejects[2]["reason"] == "malformed_row" and "messages" in rejects[2]["detail"]
    assert rejects[3]["reason"] == "malformed_row" and "not valid JSON" in rejects[3]["detail"]
    assert step.stats["read:math"].total == 4


def test_tasks_split_a_source_without_overlap(tmp_path):
    path = tmp_path / "rows.jsonl"
    row = {"messages": [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "<think>\nA\n</think>\n\nA"}]}
    path.write_text((json.dumps(row) + "\n") * 5, encoding="utf-8")
    source = SourceSpec(name="src", domain="math", adapter="messages", paths=(path,))
    shares = [[d.id for d in Ingest((source,), str(tmp_path / "out")).run(None, rank=r, world_size=2)] for r in range(2)]
    assert sorted(shares[0] + shares[1]) == [f"src:{i}" for i in range(5)] and not set(shares[0]) & set(shares[1])
