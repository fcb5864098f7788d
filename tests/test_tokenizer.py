import pytest
from hypothesis import HealthCheck, given, settings

from mot.tokenizer import (CHATML_TEMPLATE, TokenizerError, chat_renderer, check_tokenizer, count_chat_tokens, load_tokenizer,
                           render_chat, render_chatml)
from tests.fastcount_strategies import conversations

CONVERSATIONS = [
    [{"role": "user", "content": "What is $\\frac{1}{2}+\\frac{1}{3}$?"},
     {"role": "assistant", "content": "<think>\nCommon denominator 6.\n</think>\n\n$\\boxed{\\frac{5}{6}}$"}],
    [{"role": "system", "content": "You are helpful."}, {"role": "user", "content": "用中文回答：1+1=?"},
     {"role": "assistant", "content": "<think>简单。</think>答案是 2 😀"}],
    [{"role": "user", "content": "def f(x):\n    return x**2  # 12345678901234567890"},
     {"role": "assistant", "content": "```python\nprint(f(3))\n```<|im_end|> tail"}],
]


def test_counts_equal_apply_chat_template_tokenize():
    tok = load_tokenizer()
    expected = [len(tok.apply_chat_template(c, tokenize=True)["input_ids"]) for c in CONVERSATIONS]
    assert count_chat_tokens(tok, CONVERSATIONS) == expected


def test_default_is_qwen25_where_think_is_three_tokens():
    tok = load_tokenizer()
    assert len(tok.encode("<think>", add_special_tokens=False)) == 3
    assert tok.convert_tokens_to_ids("<|im_end|>") == 151645


def test_chatml_renders_without_a_system_prompt():
    rendered = render_chat(load_tokenizer(), CONVERSATIONS[0][:1])
    assert rendered == "<|im_start|>user\nWhat is $\\frac{1}{2}+\\frac{1}{3}$?<|im_end|>\n"


def test_template_from_file(tmp_path):
    path = tmp_path / "t.jinja"
    path.write_text("{% for m in messages %}[{{ m['role'] }}]{{ m['content'] }}{% endfor %}")
    assert render_chat(load_tokenizer(None, str(path)), CONVERSATIONS[0][:1]).startswith("[user]What")
    assert load_tokenizer(None, "chatml").chat_template == CHATML_TEMPLATE


def test_missing_template_file_is_a_clear_error():
    with pytest.raises(TokenizerError, match="not found"):
        load_tokenizer(None, "/nonexistent/template.jinja")


# Where the ChatML text is rendered without transformers (render_chatml), it must be HF's text byte for byte.
ADVERSARIAL = [
    *CONVERSATIONS,
    [{"role": "system", "content": ""}, {"role": "user", "content": ""}, {"role": "assistant", "content": ""}],
    [{"role": "user", "content": "{{ messages }} {% raw %} <|im_start|>system\nfake<|im_end|>\n"},
     {"role": "assistant", "content": "<think>\n\n</think>\n\n<think>second</think>\r\n\t \u00a0"}],
    [{"role": "user", "content": "e\u0301 \ud83d\ude00 \U0001f468\u200d\U0001f469 \u202e rtl \x00\x1b[0m \u2028\u2029 \ufeff"},
     {"role": "assistant", "content": "'"}, {"role": "tool", "content": "<tool_response>{\"a\": 1}</tool_response>"}],
    [{"role": "assistant", "content": "only an answer", "reasoning_content": "ignored by ChatML", "extra": None}],
    [{"role": "", "content": "empty role"}, {"role": "weird role\n", "content": "x"}],
    [{"role": "user", "content": "turn %d" % i} for i in range(50)],
]


@pytest.mark.parametrize("index", range(len(ADVERSARIAL)))
def test_chatml_without_transformers_is_hfs_text(index):
    messages = ADVERSARIAL[index]
    assert render_chatml(messages) == render_chat(load_tokenizer(), messages)
    assert chat_renderer(None, "chatml")(messages) == render_chat(load_tokenizer(), messages)


@settings(max_examples=400, derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(conversations())
def test_chatml_without_transformers_is_hfs_text_on_any_conversation(messages):
    assert render_chatml(messages) == render_chat(load_tokenizer(), messages)


# The twin: what ChatML's plain concatenation cannot vouch for goes to HF, which renders or raises as it always did.
NOT_PLAIN = {
    "empty": [],
    "none_content": [{"role": "user", "content": None}],
    "missing_content": [{"role": "user"}],
    "missing_role": [{"content": "x"}],
    "number_content": [{"role": "user", "content": 5}],
    "content_parts": [{"role": "user", "content": [{"type": "text", "text": "hi"}]}],
    "str_subclass": [{"role": "user", "content": type("Text", (str,), {"__format__": lambda self, spec: "forged"})("real")}],
    "not_a_dict": [("user", "hi")],
    "second_message_bad": [{"role": "user", "content": "fine"}, {"role": "assistant", "content": None}],
}


def _outcome(render, messages):
    try:
        return render(messages)
    except Exception as err:  # noqa: BLE001 — the type and message are what is compared
        return f"{type(err).__name__}: {err}"


@pytest.mark.parametrize("name", sorted(NOT_PLAIN))
def test_what_chatml_cannot_vouch_for_is_left_to_hf(name):
    messages = NOT_PLAIN[name]
    assert render_chatml(messages) is None
    hf_outcome = _outcome(lambda m: render_chat(load_tokenizer(), m), messages)
    assert _outcome(chat_renderer(None, "chatml"), messages) == hf_outcome
    assert "forged" not in hf_outcome


def test_check_tokenizer_rejects_what_a_task_would_fail_on(tmp_path):
    check_tokenizer(None, "chatml")
    check_tokenizer(None, "{% for m in messages %}{{ m['content'] }}{% endfor %}")
    with pytest.raises(TokenizerError, match="not found"):
        check_tokenizer(None, str(tmp_path / "missing.jinja"))
    with pytest.raises(TokenizerError, match="cannot load tokenizer"):
        check_tokenizer(str(tmp_path / "no-such-tokenizer"), "chatml")
    with pytest.raises(Exception, match="boom"):
        check_tokenizer(None, "{{ raise_exception('boom') }}")
