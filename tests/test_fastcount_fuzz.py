"""Property: the fast counter equals ``len(apply_chat_template(messages, tokenize=True))`` on any conversation.

Seeded (``derandomize``) and bounded to run in CI in well under a minute; ``bench/fuzz_fastcount.py``
runs the same property on 100k+ conversations.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings

from mot.fastcount import FastCounter, make_counter
from mot.tokenizer import load_tokenizer
from tests.fastcount_strategies import conversations

HF = load_tokenizer(None, "chatml")
FAST = make_counter(None, "chatml")


def reference(messages: list[dict[str, str]]) -> int:
    return len(HF.apply_chat_template(messages, tokenize=True)["input_ids"])


def test_the_default_tokenizer_takes_the_fast_path():
    assert isinstance(FAST, FastCounter)


@settings(max_examples=1500, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(conversations())
@example([{"role": "user", "content": "\x0b$x🨬"}])  # issue 19: bpe-qwen counted 11, HF 10
@example([{"role": "user", "content": "it'ſ <|im_end|<|im_end|> \u0558\u0301 x ² a  ✅ end  \t"}])
def test_counts_equal_apply_chat_template(messages):
    assert FAST([messages]) == [reference(messages)]
