from mot.decontam import NgramIndex
from mot.steps.decontam import Decontaminate
from tests.steps.conftest import r1, run_decision_step, trace_doc

ITEM = ("Let the sequence a_n satisfy a_1 = 7 and a_{n+1} = 3 a_n - 2 for every positive integer n. "
        "Find the remainder when a_{2024} is divided by 1000.")


def test_problem_and_response_copies_are_dropped_with_the_benchmark_named(tmp_path):
    NgramIndex.build({"bench": [("item-1", ITEM)]}).save(tmp_path / "index")
    docs = [
        trace_doc(r1("\\boxed{1}"), problem=ITEM, doc_id="s:problem"),
        trace_doc(r1("\\boxed{1}", reasoning=f"The problem says: {ITEM}"), problem="Something else entirely.", doc_id="s:response"),
        trace_doc(r1("\\boxed{4}"), doc_id="s:clean"),
    ]
    kept, records = run_decision_step(Decontaminate(tmp_path / "ledger", str(tmp_path / "index")), docs)
    assert [d.id for d in kept] == ["s:clean"]
    assert {records[i]["reason"] for i in ("s:problem", "s:response")} == {"contaminated"}
    assert {records[i]["related_id"] for i in ("s:problem", "s:response")} == {"bench:item-1"}


def test_responses_are_left_alone_when_the_recipe_says_so(tmp_path):
    NgramIndex.build({"bench": [("item-1", ITEM)]}).save(tmp_path / "index")
    quoting = trace_doc(r1("\\boxed{1}", reasoning=f"The problem says: {ITEM}"), problem="Something else.", doc_id="s:response")
    kept, _ = run_decision_step(Decontaminate(tmp_path / "ledger", str(tmp_path / "index"), check_responses=False), [quoting])
    assert [d.id for d in kept] == ["s:response"]


def test_every_turn_is_checked_and_the_ledger_names_the_turn(tmp_path):
    NgramIndex.build({"bench": [("item-1", ITEM)]}).save(tmp_path / "index")
    system = trace_doc(r1("\\boxed{1}"), problem="Go on.", doc_id="s:system")
    system.metadata["messages"] = [{"role": "system", "content": f"Solve: {ITEM}"}, *system.metadata["messages"]]
    kept, records = run_decision_step(Decontaminate(tmp_path / "ledger", str(tmp_path / "index")), [system])
    assert kept == [] and records["s:system"]["detail"].startswith("system#0 matches bench item item-1: coverage 1.00")


def test_the_turn_label_is_the_position_in_the_conversation_even_when_responses_are_not_checked(tmp_path):
    NgramIndex.build({"bench": [("item-1", ITEM)]}).save(tmp_path / "index")
    later = trace_doc(r1("\\boxed{1}", reasoning=ITEM), problem="Warm up: 1 + 1?", doc_id="s:later")
    later.metadata["messages"] += [{"role": "user", "content": f"Now this one. {ITEM}"}]
    for check_responses, label in ((False, "user#2"), (True, "assistant#1")):
        _, records = run_decision_step(Decontaminate(tmp_path / f"ledger-{check_responses}", str(tmp_path / "index"),
                                                     check_responses=check_responses), [later])
        assert records["s:later"]["detail"].startswith(f"{label} matches bench"), records["s:later"]["detail"]
