"""Assistant-only labels located in the rendered text and mapped to tokens through offsets."""

from __future__ import annotations

import random

import pytest

from mot.packing.tokenize import IGNORE_INDEX, TokenizationError, TokenizeConfig, assistant_char_spans, tokenize_conversation
from mot.packing.templates import CHATML_GENERATION_TEMPLATE
from mot.tokenizer import CHATML_TEMPLATE, count_chat_tokens

from .conftest import make_conversation

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


def with_template(tokenizer, template: str):
    tok = type(tokenizer).__new__(type(tokenizer))
    tok.__dict__.update(tokenizer.__dict__)
    tok.chat_template = template
    return tok


def header_tokens_untrained(tok, ex) -> bool:
    """No ``<|im_start|>`` and no role name right after one is ever trained."""
    im_start = tok.convert_tokens_to_ids("<|im_start|>")
    for t in range(len(ex.input_ids)):
        if ex.input_ids[t] == im_start and (ex.labels[t] != IGNORE_INDEX or ex.labels[t + 1] != IGNORE_INDEX):
            return False
    return True


def transformers_mask(tokenizer, messages) -> tuple[list[int], list[int]]:
    """The independent reference: transformers' assistant mask from ``{% generation %}`` markers."""
    tok = with_template(tokenizer, CHATML_GENERATION_TEMPLATE)
    out = tok.apply_chat_template(messages, return_assistant_tokens_mask=True, return_dict=True)
    return list(out["input_ids"]), list(out["assistant_masks"])


ROLE_ORDERS = {
    "assistant first": [{"role": "assistant", "content": "Hello, how can I help?"}, {"role": "user", "content": "2+2?"},
                        {"role": "assistant", "content": "4"}],
    "assistant only": [{"role": "assistant", "content": "just me"}],
    "system then assistant": [{"role": "system", "content": "Be brief."}, {"role": "assistant", "content": "ok"}],
    "two users then assistant": [{"role": "user", "content": "a"}, {"role": "user", "content": "b"}, {"role": "assistant", "content": "c"}],
    "three assistant turns": [{"role": "user", "content": "q1"}, {"role": "assistant", "content": "a1"}, {"role": "user", "content": "q2"},
                              {"role": "assistant", "content": "a2"}, {"role": "user", "content": "q3"}, {"role": "assistant", "content": "a3"}],
    "content starts with newlines": [{"role": "user", "content": "\n\nq"}, {"role": "assistant", "content": "\n\n<think>\nx\n</think>\n\ny"}],
    "content is one newline": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "\n"}, {"role": "user", "content": "r"},
                               {"role": "assistant", "content": "\n\n\n"}],
    "empty assistant turn": [{"role": "user", "content": "q"}, {"role": "assistant", "content": ""}],
    "assistant repeats the user": [{"role": "user", "content": "same"}, {"role": "assistant", "content": "same"},
                                   {"role": "user", "content": "same"}, {"role": "assistant", "content": "same"}],
    "content looks like a header": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "assistant\n<think>assistant"}],
    "tool turn in between": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "call"}, {"role": "tool", "content": "6"},
                             {"role": "assistant", "content": "it is 6"}],
}


@pytest.mark.parametrize("name", sorted(ROLE_ORDERS))
def test_labels_equal_transformers_assistant_mask(tokenizer, name: str) -> None:
    messages = ROLE_ORDERS[name]
    ex = tokenize_conversation(tokenizer, messages)
    ref_ids, ref_mask = transformers_mask(tokenizer, messages)
    assert ex.input_ids == ref_ids
    assert [int(label != IGNORE_INDEX) for label in ex.labels] == ref_mask, name
    assert header_tokens_untrained(tokenizer, ex), name
    # every assistant character is covered by a trained token, and each turn's <|im_end|> is trained
    trained = trained_text(tokenizer, ex)
    for m in messages:
        if m["role"] == "assistant":
            assert m["content"] + "<|im_end|>" in trained, name
    assert trained.count("<|im_end|>") == sum(m["role"] == "assistant" for m in messages)


def test_assistant_first_turn_does_not_train_its_header(tokenizer) -> None:
    ex = tokenize_conversation(tokenizer, ROLE_ORDERS["assistant first"])
    assert trained_text(tokenizer, ex) == "Hello, how can I help?<|im_end|>4<|im_end|>"
    assert ex.labels[:2] == [IGNORE_INDEX, IGNORE_INDEX]  # <|im_start|> assistant


def test_content_starting_with_newlines_is_trained(tokenizer) -> None:
    # "assistant\n" + "\n\n<think>" tokenizes as [assistant, "\n\n\n", <think>]: the merged newline token
    # carries the content's first characters, so it is trained (as transformers' mask does)
    ex = tokenize_conversation(tokenizer, ROLE_ORDERS["content starts with newlines"])
    assert trained_text(tokenizer, ex) == "\n\n\n<think>\nx\n</think>\n\ny<|im_end|>"
    assert header_tokens_untrained(tokenizer, ex)


def test_random_conversations_equal_transformers_mask(tokenizer) -> None:
    rng = random.Random(7)
    for _ in range(40):
        messages = make_conversation(rng, 20)
        if rng.random() < 0.3:
            messages = [{"role": "assistant", "content": "\n" * rng.randint(0, 3) + "hi"}, *messages]
        ex = tokenize_conversation(tokenizer, messages)
        ref_ids, ref_mask = transformers_mask(tokenizer, messages)
        assert ex.input_ids == ref_ids and [int(label != IGNORE_INDEX) for label in ex.labels] == ref_mask


def test_generation_template_renders_exactly_the_counting_template(tokenizer) -> None:
    rng = random.Random(3)
    conversations = [make_conversation(rng, 20) for _ in range(30)] + list(ROLE_ORDERS.values())
    plain, marked = with_template(tokenizer, CHATML_TEMPLATE), with_template(tokenizer, CHATML_GENERATION_TEMPLATE)
    for messages in conversations:
        for gen in (False, True):
            assert plain.apply_chat_template(messages, tokenize=False, add_generation_prompt=gen) == marked.apply_chat_template(
                messages, tokenize=False, add_generation_prompt=gen
            )
    # the labels do not depend on which of the two renders them
    assert all(tokenize_conversation(plain, m) == tokenize_conversation(marked, m) for m in conversations)


def test_template_whose_frame_depends_on_content_is_rejected(tokenizer) -> None:
    # wraps an assistant turn differently when it holds <think>: the content cannot be located by substitution
    frame = (
        "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{% if '<think>' in m['content'] %}[R]{% endif %}"
        "{{ m['content'] }}<|im_end|>\n{% endfor %}"
    )
    with pytest.raises(TokenizationError, match="frame that depends on its content"):
        assistant_char_spans(with_template(tokenizer, frame), CONV)
    # the same template on a conversation without <think> is fine (must-accept twin)
    plain_conv = [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]
    assert trained_text(with_template(tokenizer, frame), tokenize_conversation(with_template(tokenizer, frame), plain_conv)) == "a<|im_end|>"


def test_non_string_content_is_rejected(tokenizer) -> None:
    with pytest.raises(TokenizationError, match="must be a string"):
        assistant_char_spans(tokenizer, [{"role": "user", "content": "q"}, {"role": "assistant", "content": None}])


def test_template_that_trims_content(tokenizer) -> None:
    trimming = LLAMA_LIKE.replace("{{ m['content'] }}", "{{ m['content'] | trim }}")
    tok = with_template(tokenizer, trimming)
    messages = [{"role": "assistant", "content": "\n\nhi  "}, {"role": "user", "content": " q "}, {"role": "assistant", "content": "\nok"}]
    ex = tokenize_conversation(tok, messages)
    assert trained_text(tok, ex) == "hi<|im_end|>ok<|im_end|>"
