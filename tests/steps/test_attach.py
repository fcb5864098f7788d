"""AttachTests: a source's traces get the joined problem's tests and checker; nothing is dropped."""

import json
import sqlite3

from mot.recipe.model import HubSpec, JoinSpec, SourceSpec
from mot.sources.joins import join_path
from mot.steps.attach import AttachTests
from tests.steps.conftest import r1, trace_doc


def test_traces_get_the_joined_tests_or_say_why_they_have_none(tmp_path):
    source = SourceSpec(name="s", domain="code", adapter="codeforces_cots", hub=HubSpec(id="org/cots"),
                        tests_from=JoinSpec(hub=HubSpec(id="org/problems")))
    db = sqlite3.connect(join_path(tmp_path, source))
    db.execute("CREATE TABLE problems (id TEXT PRIMARY KEY, payload TEXT NOT NULL)")
    payload = {"tests": [{"input": "1\n", "output": "2\n"}], "tests_from": "org/problems:official_tests", "interactive": False,
               "needs_checker": True, "checker": "print(1)"}
    db.execute("INSERT INTO problems VALUES (?, ?)", ("1A", json.dumps(payload)))
    db.commit()
    db.close()
    docs = [trace_doc(r1("x"), domain="code", doc_id=f"s:{pid}", reference={"problem_id": pid, "tests": []}) for pid in ("1A", "9Z")]
    out = list(AttachTests((source,), str(tmp_path)).run(iter(docs)))
    assert [d.id for d in out] == ["s:1A", "s:9Z"]
    joined, missing = (d.metadata["reference"] for d in out)
    assert joined["tests"] == payload["tests"] and joined["needs_checker"] and joined["checker"] == "print(1)"
    assert missing["tests"] == [] and missing["no_tests"] == "no row for problem 9Z in org/problems"


def test_sources_without_a_join_pass_untouched(tmp_path):
    source = SourceSpec(name="s", domain="code", adapter="codeforces_cots", hub=HubSpec(id="org/cots"))
    doc = trace_doc(r1("x"), domain="code", reference={"problem_id": "1A", "tests": []})
    (out,) = AttachTests((source,), str(tmp_path)).run(iter([doc]))
    assert out.metadata["reference"] == {"problem_id": "1A", "tests": []}


def test_a_joined_row_is_checked_like_a_trace_and_its_input_mode_reaches_the_trace():
    """join_payload validates limits and tests (a bad joined row becomes no_tests, never a crash or a
    bad limit in the sandbox); a good row's input_mode is not masked by an adapter default."""
    import pytest

    from mot.sources.base import AdapterError
    from mot.sources.codeforces_cots import adapt
    from mot.sources.joins import join_payload

    join = JoinSpec(hub=HubSpec(id="org/problems"))
    good = {"official_tests": [{"input": "1\n", "output": "2\n"}], "input_mode": "file", "time_limit": 2, "memory_limit": 256}
    payload = join_payload(good, join)
    assert payload["input_mode"] == "file" and payload["time_limit_s"] == 2 and payload["memory_limit_mb"] == 256
    for bad in ({**good, "time_limit": 0}, {**good, "memory_limit": float("nan")}, {**good, "time_limit": True}):
        with pytest.raises(AdapterError):
            join_payload(bad, join)
    row = {"id": "1A", "prompt": "Read input.txt.", "generation": r1("```cpp\nint main(){}\n```")}
    assert "input_mode" not in adapt(row, "0")[0].reference
    assert adapt({**row, "input_mode": "file"}, "0")[0].reference["input_mode"] == "file"
