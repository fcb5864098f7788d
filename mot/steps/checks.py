"""R1 format checks: the row decoded, there is a problem, the reasoning is complete and closed, there is a final answer."""

from __future__ import annotations

from datatrove.data import Document

from mot.decision import Drop
from mot.steps.ledger import DecisionStep
from mot.trace import last_assistant_message, split_response


def check_format(doc: Document) -> Drop | None:
    """The first format defect of a trace, or None when it is well formed.

    Order matters for the ledger: a generation cut at the length limit is ``truncated`` even
    though it also lacks ``</think>``.
    """
    meta = doc.metadata
    if reject := meta.get("reject"):  # set at ingest: malformed_row/_file, excluded_by_source_filter, internal_error
        return Drop(reject["reason"], reject["detail"])
    if not doc.text.strip():
        has_user = any(m["role"] == "user" for m in meta["messages"])
        return Drop("empty_problem", "the first user turn is empty" if has_user else "there is no user turn")
    response = last_assistant_message(meta["messages"])
    if response is None:
        return Drop("no_assistant_turn", "the conversation does not end with an assistant message")
    if not response.strip():
        return Drop("empty_response", "the assistant turn is empty")
    if meta.get("finish_reason") == "length" or meta.get("reasoning_complete") is False:
        return Drop("truncated", f"finish_reason={meta.get('finish_reason')}, reasoning_complete={meta.get('reasoning_complete')}")
    parts = split_response(response)
    if parts.think_opens == 0 and parts.think_closes == 0:
        return Drop("no_think_block", "no <think> block in the assistant turn")
    if parts.reasoning is None:
        return Drop("no_think_close", "<think> is never closed")
    if not parts.answer:
        return Drop("empty_answer", "nothing after </think>")
    return None


class FormatChecks(DecisionStep):
    name = "format checks"
    stage = "checks"

    def decide(self, doc: Document) -> Drop | None:
        return check_format(doc)
