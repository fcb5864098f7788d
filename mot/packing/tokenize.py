"""Tokenize a conversation for training: ``input_ids`` plus ``labels`` (assistant-only by default).

No torch here. Assistant spans are derived generically, for any chat template, by rendering
prefixes of the conversation (not by hard-coding ChatML offsets):

* ``render(messages[:i], add_generation_prompt=True)`` ends where assistant turn ``i`` starts;
* ``render(messages[:i + 1])`` ends where it stops.

Both must be *string prefixes* of the full rendering (templates that rewrite history, e.g. Qwen3's
``<think>`` stripping, break this and are rejected). Character spans are then mapped to tokens with
the fast tokenizer's offset mapping, which stays correct even when BPE merges across the boundary
(a token straddling a span start counts as prompt). Trained tokens stop at the last end-of-turn
(``eos``) token inside each span, so template whitespace after ``<|im_end|>`` is not trained while
``<|im_end|>`` itself is.

Example:
    >>> from mot.tokenizer import load_tokenizer
    >>> tok = load_tokenizer()
    >>> ex = tokenize_conversation(tok, [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}])
    >>> tok.decode([t for t, l in zip(ex.input_ids, ex.labels) if l != -100])
    'yo<|im_end|>'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Sequence

IGNORE_INDEX = -100

Message = dict[str, Any]


class TokenizationError(ValueError):
    """The chat template does not have the prefix property, so assistant spans cannot be derived."""


@dataclass(frozen=True)
class TokenizeConfig:
    """How conversations become training sequences.

    Attributes:
        loss: ``"assistant"`` (default) trains only assistant turns, end-of-turn token included;
            ``"all"`` trains every token (the first label of every packed sequence is still -100).
        assistant_roles: roles whose turns are trained under ``loss="assistant"``.
        train_end_of_turn_only_up_to_eos: stop each trained span at its last ``eos`` token.
    """

    loss: Literal["assistant", "all"] = "assistant"
    assistant_roles: tuple[str, ...] = ("assistant",)
    train_end_of_turn_only_up_to_eos: bool = True


@dataclass(frozen=True)
class TokenizedExample:
    input_ids: list[int]
    labels: list[int]

    def __len__(self) -> int:
        return len(self.input_ids)


def _render(tokenizer: Any, messages: Sequence[Message], add_generation_prompt: bool = False) -> str:
    return tokenizer.apply_chat_template(list(messages), tokenize=False, add_generation_prompt=add_generation_prompt)


def assistant_char_spans(tokenizer: Any, messages: Sequence[Message], roles: Sequence[str] = ("assistant",)) -> tuple[str, list[tuple[int, int]]]:
    """The full rendering and the ``[start, end)`` character span of every assistant turn.

    Raises :class:`TokenizationError` when a prefix rendering is not a prefix of the full text.

    Example:
        >>> from mot.tokenizer import load_tokenizer
        >>> text, spans = assistant_char_spans(load_tokenizer(), [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}])
        >>> [text[s:e] for s, e in spans]
        ['b<|im_end|>\\n']
    """
    full = _render(tokenizer, messages)
    spans: list[tuple[int, int]] = []
    for i, message in enumerate(messages):
        if message.get("role") not in roles:
            continue
        head = _render(tokenizer, messages[:i], add_generation_prompt=True) if i else _generation_prompt_only(tokenizer)
        upto = _render(tokenizer, messages[: i + 1])
        if not (full.startswith(head) and full.startswith(upto) and len(head) <= len(upto)):
            raise TokenizationError(
                f"chat template lacks the prefix property at message {i} (role {message.get('role')!r}): "
                "rendering a prefix of the conversation is not a prefix of the full rendering, so assistant "
                "tokens cannot be located; use a template that does not rewrite earlier turns, or loss='all'"
            )
        spans.append((len(head), len(upto)))
    return full, spans


def _generation_prompt_only(tokenizer: Any) -> str:
    # An assistant turn first in the conversation: its header is what the template emits for an
    # empty history plus the generation prompt; some templates reject empty input, so fall back to "".
    try:
        return _render(tokenizer, [], add_generation_prompt=True)
    except Exception:  # noqa: BLE001 - template-specific failures on empty input
        return ""


def tokenize_conversation(tokenizer: Any, messages: Sequence[Message], config: TokenizeConfig = TokenizeConfig()) -> TokenizedExample:
    """Render ``messages`` with the tokenizer's chat template and build ``input_ids``/``labels``.

    ``input_ids`` equal ``tokenizer.apply_chat_template(messages, tokenize=True)`` (special tokens come
    from the template, none are added). No truncation happens here: over-long sequences are handled
    by the planner's explicit ``overflow`` policy.

    Example:
        >>> from mot.tokenizer import load_tokenizer
        >>> tok = load_tokenizer()
        >>> msgs = [{"role": "system", "content": "s"}, {"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]
        >>> ex = tokenize_conversation(tok, msgs)
        >>> sum(l != -100 for l in ex.labels)  # "a" and <|im_end|>
        2
        >>> sum(l != -100 for l in tokenize_conversation(tok, msgs, TokenizeConfig(loss="all")).labels) == len(ex)
        True
    """
    if config.loss == "all":
        text = _render(tokenizer, messages)
        ids = tokenizer(text, add_special_tokens=False)["input_ids"]
        return TokenizedExample(list(ids), list(ids))
    if config.loss != "assistant":
        raise ValueError(f"loss must be 'assistant' or 'all', got {config.loss!r}")
    text, spans = assistant_char_spans(tokenizer, messages, config.assistant_roles)
    enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    ids: list[int] = list(enc["input_ids"])
    offsets = enc["offset_mapping"]
    labels = [IGNORE_INDEX] * len(ids)
    eos = tokenizer.eos_token_id if config.train_end_of_turn_only_up_to_eos else None
    j = 0
    for start, end in spans:
        # tokens whose first character lies inside the span
        while j < len(ids) and offsets[j][0] < start:
            j += 1
        first = j
        while j < len(ids) and offsets[j][0] < end:
            j += 1
        last = j
        if eos is not None:
            for t in range(last - 1, first - 1, -1):
                if ids[t] == eos:
                    last = t + 1
                    break
        labels[first:last] = ids[first:last]
    return TokenizedExample(ids, labels)
