"""The fast counter must give exactly HF's ``apply_chat_template(..., tokenize=True)`` lengths."""

from __future__ import annotations

import random

import pytest

from mot.fastcount import BpeQwenCounter, make_counter
from mot.tokenizer import load_tokenizer, offline_tokenizer_dir

pytest.importorskip("bpe_qwen")

TEXTS = {
    "ascii": "Let me think step by step. The answer is 42.",
    "cjk": "设函数 f(x)=x²，求 f(3) 的值。答案：九。日本語のテキスト、한국어 텍스트도。",
    "emoji": "🙂👍🏽 family: 👨‍👩‍👧‍👦 flags 🇫🇷🇯🇵 keycap 1️⃣ ✔️",
    "code": "def f(xs):\n    return [x**2 for x in xs if x % 2 == 0]\n\n\tif (a && b) { return -1; }\r\n#include <bits/stdc++.h>",
    "latex": "$$\\int_0^1 x^2\\,dx = \\frac{1}{3}$$ and \\(\\sqrt{2}\\) so \\boxed{\\dfrac{\\pi}{4}}",
    "digits": "1234567890" * 30 + " 3.14159265358979323846 -0.000001 1e-10 1,000,000",
    "special_tokens": "text <|im_end|> more <|im_start|>assistant\n <|endoftext|><tool_call>x</tool_call><|fim_prefix|>",
    "almost_special": "<|im_end| <im_end|> <|im_star|> <think> </think> <tool_response> <|im_end|><|im_end|>",
    "whitespace": "a  b   c    \n\n\n\t\t  \u00a0\u3000 end   \n \r\n\r\n  ",
    "combining": "e\u0301 cafe\u0301 \u212b \ufb01 \u0041\u030a ñ n\u0303 ①②",
    "rtl_and_controls": "مرحبا بالعالم עברית \u200b\u200d\u200e\u2028\u2029\x00\x07\x1b[0m",
    "contractions": "I'm you're it's we'll they've he'd DON'T Can'T",
    "empty": "",
    # Where bpe-qwen 0.1.5 alone splits differently from HF (see mot.fastcount): must still be exact.
    "space_run_before_number": "  ٩ x ² + y ³ = ① Ⅻ",
    "space_run_before_mark": "a  ͤ  中  ั  ≤",
    "trailing_whitespace_run": "end  \t",
}


def test_the_hard_cases_are_hard_for_bpe_qwen_alone(hf):
    """Guards the guard: without mot.fastcount's fallback these cases would be miscounted."""
    from bpe_qwen import QwenTokenizer

    bpe = QwenTokenizer(str(offline_tokenizer_dir()))
    for name in ("space_run_before_number", "space_run_before_mark", "trailing_whitespace_run"):
        text = TEXTS[name]
        assert bpe.count_tokens(text) != len(hf(text, add_special_tokens=False)["input_ids"]), name


@pytest.fixture(scope="module")
def hf():
    return load_tokenizer(None, "chatml")


@pytest.fixture(scope="module")
def fast():
    counter = make_counter(None, "chatml")
    assert isinstance(counter, BpeQwenCounter), "bpe-qwen is installed: the default tokenizer must use it"
    return counter


def reference(hf, messages) -> int:
    return len(hf.apply_chat_template(messages, tokenize=True)["input_ids"])


def conversation(text: str) -> list[dict[str, str]]:
    return [{"role": "user", "content": text}, {"role": "assistant", "content": f"<think>\n{text}\n</think>\n\n{text}"}]


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_identical_counts_on_diverse_text(hf, fast, name):
    messages = conversation(TEXTS[name])
    assert fast([messages]) == [reference(hf, messages)]


def test_identical_counts_on_long_and_random_text(hf, fast):
    rng = random.Random(0)
    alphabet = [chr(c) for r in [(32, 127), (0xA0, 0x250), (0x370, 0x400), (0x4E00, 0x4F00), (0x1F600, 0x1F650), (0x300, 0x370)] for c in range(*r)]
    alphabet += [" ", "  ", "\n", "\t", "<|im_end|>", "<|endoftext|>", "<think>", "\\frac", "0", "00000"]
    conversations = [conversation("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 3000)))) for _ in range(150)]
    conversations.append(conversation(" ".join(TEXTS.values()) * 200))  # ~100k tokens in one message
    assert fast(conversations) == [reference(hf, m) for m in conversations]


def test_identical_counts_on_prose_with_odd_characters_anywhere(hf, fast):
    """Odd spots inside long prose are counted by HF in small regions, the rest by bpe-qwen."""
    rng = random.Random(1)
    words = "the answer is x so we check each case again and again then sum".split() + ["ab", "Q", "z"]
    odd = ["  ✅", " ²", "\u3000", "\x07", "  ͤ", "\n\n٩", "  \t", " \n ", "é", "中文", "  ั", "\u00a0", "  ", "\t"]
    conversations = []
    for _ in range(200):
        parts = [rng.choice(odd) if rng.random() < 0.08 else rng.choice(words) for _ in range(rng.randint(1, 1500))]
        conversations.append(conversation(rng.choice(["", " ", "  "]).join(parts) if rng.random() < 0.2 else " ".join(parts)))
    assert fast(conversations) == [reference(hf, m) for m in conversations]


def test_any_template_and_system_prompt(hf):
    template = "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}<|endoftext|>"
    fast, slow = make_counter(None, template), load_tokenizer(None, template)
    messages = [{"role": "system", "content": "You are helpful."}, *conversation(TEXTS["latex"])]
    assert fast([messages]) == [reference(slow, messages)]


def test_invalid_unicode_is_left_to_hf(hf, fast):
    """Lone surrogates (valid JSON escapes, invalid Unicode) take the HF path, which rejects them."""
    messages = conversation("broken \ud800 surrogate \udfff")
    with pytest.raises(Exception) as hf_error:
        reference(hf, messages)
    with pytest.raises(type(hf_error.value)):
        fast([messages])
