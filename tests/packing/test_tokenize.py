"""Assistant-only labels derived generically from prefix renderings."""

from __future__ import annotations

import pytest

from mot.packing.tokenize import IGNORE_INDEX, TokenizationError, TokenizeConfig, assistant_char_spans, tokenize_conversation
from mot.tokenizer import count_chat_tokens

CONV = [
    {"role": "system", "content": "Be brief."},
    {"role": "user", "content": "What is 2+2?"},
    {"role": "assistant", "content": "<think>\nadd them\n</think>\n\n4"},
    {"role": "user", "content": "And 3+3?"},
    {"role": "assistant", "content": "6"},
]

LLAMA_LIKE = (
    "{{ bos_token }}{% for m in messages %}<|start_header_id|>{{ m['role'] }}<|end_header_id|>\n\n"
    "{{ m['content'] }}<|im_end|>{% endfor %}"
    "{% if add_generation_prompt %}<|start_header_id|>assistant<|end_header_id|>\n\n{% endif %}"
)


def trained_text(tok, ex) -> str:
    return tok.decode([t for t, l in zip(ex.input_ids, ex.labels) if l != IGNORE_INDEX])


def test_assistant_only_labels(tokenizer) -> None:
    ex = tokenize_conversation(tokenizer, CONV)
    assert ex.input_ids == list(tokenizer.apply_chat_template(CONV, tokenize=True)["input_ids"])
    assert len(ex) == count_chat_tokens(tokenizer, [CONV])[0]
    assert trained_text(tokenizer, ex) == "<think>\nadd them\n</think>\n\n4<|im_end|>6<|im_end|>"
    # the end-of-turn token is trained, prompts/system are not
    im_end = tokenizer.convert_tokens_to_ids("<|im_end|>")
    assert sum(1 for t, l in zip(ex.input_ids, ex.labels) if t == im_end and l != IGNORE_INDEX) == 2
    assert all(l in (IGNORE_INDEX, t) for t, l in zip(ex.input_ids, ex.labels))


def test_full_sequence_loss_option(tokenizer) -> None:
    ex = tokenize_conversation(tokenizer, CONV, TokenizeConfig(loss="all"))
    assert ex.labels == ex.input_ids


def test_other_template_works_generically(tokenizer) -> None:
    tok = type(tokenizer).__new__(type(tokenizer))
    tok.__dict__.update(tokenizer.__dict__)
    tok.chat_template = LLAMA_LIKE
    tok.bos_token = "<|endoftext|>"
    ex = tokenize_conversation(tok, CONV)
    assert trained_text(tok, ex) == "<think>\nadd them\n</think>\n\n4<|im_end|>6<|im_end|>"


def test_template_without_prefix_property_is_rejected(tokenizer) -> None:
    # rewrites earlier assistant turns (like Qwen3 dropping <think> from history)
    rewriting = (
        "{% for m in messages %}{% if m['role'] == 'assistant' and not loop.last %}<|im_start|>assistant\n"
        "{{ m['content'].split('</think>')[-1] }}<|im_end|>\n{% else %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}"
        "<|im_end|>\n{% endif %}{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
    )
    tok = type(tokenizer).__new__(type(tokenizer))
    tok.__dict__.update(tokenizer.__dict__)
    tok.chat_template = rewriting
    with pytest.raises(TokenizationError, match="prefix property"):
        assistant_char_spans(tok, CONV)
