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
