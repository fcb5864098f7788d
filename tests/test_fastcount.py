"""The fast counter must give exactly HF's ``apply_chat_template(..., tokenize=True)`` lengths."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import pytest
import regex

from mot.fastcount import QWEN_PATTERN, FastCounter, class_table, class_table_path, make_counter
from mot.tokenizer import load_tokenizer

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
    # Where bpe-qwen 0.1.5 pre-tokenized unlike HF (the counter before issue 19).
    "space_run_before_number": "  ٩ x ² + y ³ = ① Ⅻ",
    "space_run_before_mark": "a  ͤ  中  ั  ≤",
    "trailing_whitespace_run": "end  \t",
    "vertical_tab_then_symbol": "\x0b$x🨬",
    "caseless_contractions": "it'ſ IT'S we'LL you'Re",
}


@pytest.fixture(scope="module")
def hf():
    return load_tokenizer(None, "chatml")


@pytest.fixture(scope="module")
def fast():
    counter = make_counter(None, "chatml")
    assert isinstance(counter, FastCounter), "the default tokenizer must take the fast path"
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
    """Odd spots inside long prose (where bpe-qwen used to differ from HF) change nothing."""
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


def test_issue_19_minimal_case(hf, fast):
    """bpe-qwen counted 11 here (it merged "$x" differently after a vertical tab); HF counts 10."""
    messages = [{"role": "user", "content": "\x0b$x🨬"}]
    assert reference(hf, messages) == 10
    assert fast([messages]) == [10]


def hf_pieces(hf, text: str) -> list[str]:
    return [hf.backend_tokenizer.decoder.decode([p]) for p, _ in hf.backend_tokenizer.pre_tokenizer.pre_tokenize_str(text)]


def test_odd_code_points_would_split_wrongly_but_are_counted_by_hf(hf, fast):
    """U+0558 is a letter to the ``regex`` module, unassigned to HF's engine: the pattern alone would
    keep "x\u0558y" as one piece where HF cuts "x" | "\u0558y", so such text must go to HF, and does."""
    table = class_table(QWEN_PATTERN)
    assert any(first <= 0x558 <= last for first, last in table["odd"])
    text = "x\u0558y"
    assert regex.findall(table["pattern"], text) == [text]  # the twin: what the regex alone would do
    assert hf_pieces(hf, text) == ["x", "\u0558y"]
    messages = conversation(f"{text} and \u0558\u0301 and \U000107bb")
    assert fast([messages]) == [reference(hf, messages)]


def test_caseless_contractions_use_the_letters_hf_folds(hf):
    """HF's ``(?i:'s)`` also matches the long s (U+017F); ``'ſx`` is two pieces for HF, one for a plain ``'s``."""
    table = class_table(QWEN_PATTERN)
    assert "[Ssſ]" in table["pattern"]
    assert hf_pieces(hf, "'ſx") == ["'ſ", "x"]
    assert regex.findall(table["pattern"], "'ſx") == ["'ſ", "x"]
    assert regex.findall(QWEN_PATTERN.replace("(?i:", "(?:"), "'ſx") == ["'ſx"]


def test_class_table_is_read_from_the_cache(tmp_path, monkeypatch):
    """A valid cached table is used as is: no probe."""
    import mot.fastcount

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cached = {"format": 2, "pattern": r"\S+|\s+", "odd": [[0x558, 0x558]]}
    path = class_table_path(QWEN_PATTERN)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(cached))
    monkeypatch.setattr(mot.fastcount, "probe_class_table", lambda pattern: pytest.fail("probed despite a valid cache"))
    assert class_table(QWEN_PATTERN) == cached


@pytest.mark.parametrize("damage", ["", "{not json", '{"format": 1, "pattern": "x", "odd": [[1]]}', '{"format": 0, "pattern": "x", "odd": []}'])
def test_class_table_is_probed_again_when_the_cache_is_damaged(tmp_path, monkeypatch, damage):
    import mot.fastcount

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = class_table_path(QWEN_PATTERN)
    path.parent.mkdir(parents=True)
    path.write_text(damage)
    fresh = {"format": 2, "pattern": r"\S+|\s+", "odd": []}
    monkeypatch.setattr(mot.fastcount, "probe_class_table", lambda pattern: fresh)
    assert class_table(QWEN_PATTERN) == fresh
    assert json.loads(path.read_text()) == fresh  # rewritten, whole
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left behind


@pytest.mark.slow  # probes (seconds): nothing can be cached
def test_an_unwritable_cache_still_counts(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file, so no folder can be made under it
    load_tokenizer.cache_clear()
    try:
        messages = conversation(TEXTS["cjk"])
        assert make_counter(None, "chatml")([messages]) == [reference(load_tokenizer(None, "chatml"), messages)]
    finally:
        load_tokenizer.cache_clear()


@pytest.mark.slow
def test_probe_matches_the_cached_table(tmp_path, monkeypatch):
    """A cold probe (seconds) gives the table the warm path reads."""
    from mot.fastcount import probe_class_table

    assert probe_class_table(QWEN_PATTERN) == class_table(QWEN_PATTERN)


def _modules_loaded_after(code: str) -> list[str]:
    """Which of transformers and torch a fresh process has imported after ``import mot.fastcount, mot.tokenizer`` and ``code``."""
    script = f"import sys, mot.fastcount, mot.tokenizer; {code}; print(sorted(m for m in ('transformers', 'torch') if m in sys.modules))"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return eval(subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True).stdout)


def test_counting_under_the_defaults_does_not_import_transformers():
    """Importing costs a second per build task: the default tokenizer and ChatML count without it."""
    assert _modules_loaded_after("pass") == []
    assert _modules_loaded_after("mot.fastcount.make_counter(None, 'chatml')([[{'role': 'user', 'content': 'hi'}]])") == []
    assert _modules_loaded_after("mot.tokenizer.check_tokenizer(None, 'chatml')") == []
    # The twin: another template is rendered by HF, which imports transformers (torch stays out).
    other = "'{% for m in messages %}{{ m.content }}{% endfor %}'"
    assert _modules_loaded_after(f"mot.fastcount.make_counter(None, {other})([[{{'role': 'user', 'content': 'hi'}}]])") == ["transformers"]
    assert _modules_loaded_after(f"mot.tokenizer.check_tokenizer(None, {other})") == ["transformers"]
