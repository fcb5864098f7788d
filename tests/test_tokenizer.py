import pytest

from mot.tokenizer import CHATML_TEMPLATE, TokenizerError, count_chat_tokens, load_tokenizer, render_chat

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
