import pytest
from datatrove.data import Document

from mot.steps.checks import check_format


def doc(answer: str | None, problem: str = "Q", **meta) -> Document:
    messages = [{"role": "user", "content": problem}] + ([{"role": "assistant", "content": answer}] if answer is not None else [])
    return Document(text=problem, id="s:1", metadata={"domain": "math", "source": "s", "messages": messages, **meta})


@pytest.mark.parametrize(
    ("answer", "meta", "reason"),
    [
        ("<think>\nReason.\n</think>\n\n\\boxed{1}", {}, None),
        ("x", {"reject": {"reason": "malformed_row", "detail": "line 3 is not valid JSON"}}, "malformed_row"),
        ("x", {"reject": {"reason": "malformed_file", "detail": "a.jsonl.gz: unreadable from byte 9"}}, "malformed_file"),
        (None, {}, "no_assistant_turn"),
        ("   \n", {}, "empty_response"),
        ("<think>\nStill going", {"finish_reason": "length"}, "truncated"),
        ("<think>\nStill going", {"reasoning_complete": False}, "truncated"),
        ("The answer is 4.", {}, "no_think_block"),
        ("<think>\nI think it is 4 and then", {}, "no_think_close"),
        ("<think>\nDone.\n</think>\n\n  ", {}, "empty_answer"),
    ],
)
def test_format_defects_get_their_reason(answer, meta, reason):
    drop = check_format(doc(answer, **meta))
    assert (drop.reason if drop else None) == reason


@pytest.mark.parametrize(("problem", "reason"), [("", "empty_problem"), (" \n\t", "empty_problem"), ("2 + 2?", None)])
def test_an_empty_problem_is_never_kept(problem, reason):
    drop = check_format(doc("<think>\nReason.\n</think>\n\n\\boxed{4}", problem=problem))
    assert (drop.reason if drop else None) == reason
