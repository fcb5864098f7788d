from mot.steps.length import TokenLength
from mot.tokenizer import count_chat_tokens, load_tokenizer
from tests.steps.conftest import run_decision_step, trace_doc


def test_counts_the_templated_conversation_and_drops_only_what_exceeds_the_window(tmp_path):
    short, long = trace_doc("<think>\nok\n</think>\n\n4", doc_id="s:short"), trace_doc("word " * 400, doc_id="s:long")
    exact = count_chat_tokens(load_tokenizer(), [short.metadata["messages"]])[0]
    kept, records = run_decision_step(TokenLength(tmp_path, max_tokens=exact, tokenizer="qwen2.5-offline", chat_template="chatml"),
                                      [short, long])
    assert [d.id for d in kept] == ["s:short"] and kept[0].metadata["num_tokens"] == exact  # == the limit: kept
    assert records["s:long"]["reason"] == "too_long" and records["s:long"]["num_tokens"] > exact
