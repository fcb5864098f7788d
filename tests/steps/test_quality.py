import pytest

from mot.filters.answer_format import AnswerFormatConfig
from mot.filters.think_structure import ThinkStructureConfig
from mot.steps.quality import Quality
from tests.steps.conftest import r1, run_decision_step, trace_doc


def test_enabled_filters_run_in_their_fixed_order_and_the_first_objection_names_the_drop(tmp_path):
    filters = {"answer_format": AnswerFormatConfig(), "think_structure": ThinkStructureConfig()}
    docs = [
        trace_doc(r1("\\boxed{4}"), doc_id="s:ok"),
        trace_doc(r1("4"), doc_id="s:unboxed"),
        trace_doc("Preamble " + r1("4"), doc_id="s:both"),  # think_structure runs first
    ]
    kept, records = run_decision_step(Quality(tmp_path, filters), docs)
    assert [d.id for d in kept] == ["s:ok"]
    assert records["s:unboxed"]["reason"] == "no_boxed_answer" and records["s:both"]["reason"] == "text_before_think"


def test_unknown_filter_is_refused():
    with pytest.raises(ValueError, match="unknown filter"):
        Quality("ledger", {"toxicity": object()})
