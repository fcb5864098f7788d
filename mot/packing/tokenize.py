"""Tokenize a conversation for training: ``input_ids`` plus ``labels`` (assistant-only by default).

No torch here. Assistant spans are derived generically, for any chat template, from the rendered text
and the token offsets, never by hard-coding ChatML offsets and never by rendering an empty history:

* where assistant message ``i``'s content starts: render the conversation once more with that
  content replaced by a sentinel; the text before the sentinel must equal the full rendering's
  (true for any role order, a first assistant turn, system prompts and content that starts with
  newlines, since the content itself is what was replaced);
* where its turn ends: ``render(messages[:i + 1])``, which must be a *string prefix* of the full
  rendering (templates that rewrite history, e.g. Qwen3's ``<think>`` stripping, break this and
  are rejected).

Character spans are mapped to tokens with the fast tokenizer's offset mapping: a token is trained
when it overlaps the span, so a token that BPE merged across the content's start (the header's
``\n`` with the content's leading ``\n\n``) is trained, exactly as transformers' assistant mask
(``{% generation %}``, TRL's ``assistant_only_loss``) does; the header's own tokens never are.
Trained tokens stop at the last end-of-turn (``eos``) token of each span, so template whitespace
after ``<|im_end|>`` is not trained while ``<|im_end|>`` itself is.

Example:
    >>> from mot.tokenizer import load_tokenizer
    >>> tok = load_tokenizer()
    >>> ex = tokenize_conversation(tok, [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}])
    >>> tok.decode([t for t, l in zip(ex.input_ids, ex.labels) if l != -100])
    'yo<|im_end|>'
"""

from __future__ import annotations

import bisect
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


def _render(tokenizer: Any, messages: Sequence[Message]) -> str:
    return tokenizer.apply_chat_template(list(messages), tokenize=False)


# Stands in for one message's content to locate where the template puts it (private-use code points,
# which no template emits).
_SENTINEL = "\ue000mot-content\ue001"


def assistant_char_spans(tokenizer: Any, messages: Sequence[Message], roles: Sequence[str] = ("assistant",)) -> tuple[str, list[tuple[int, int]]]:
    """The full rendering and the ``[content start, turn end)`` character span of every assistant turn.

    Raises :class:`TokenizationError` when the template's rendering of a turn depends on what follows
    it, or its frame around a message depends on that message's content.

    Example:
        >>> from mot.tokenizer import load_tokenizer
        >>> text, spans = assistant_char_spans(load_tokenizer(), [{"role": "assistant", "content": "b"}, {"role": "user", "content": "a"}])
        >>> [text[s:e] for s, e in spans]
        ['b<|im_end|>\\n']
    """
    for i, message in enumerate(messages):
        if message.get("role") in roles and not isinstance(message.get("content"), str):
            raise TokenizationError(f"message {i}: content must be a string to locate its tokens")
    full = _render(tokenizer, messages)
    if _SENTINEL in full:
        raise TokenizationError("conversation contains mot's private content sentinel; cannot locate assistant spans")
    spans: list[tuple[int, int]] = []
    for i, message in enumerate(messages):
        if message.get("role") not in roles:
            continue
        start = _content_start(tokenizer, messages, i, full)
        upto = full if i == len(messages) - 1 else _render(tokenizer, messages[: i + 1])
        if not full.startswith(upto) or len(upto) < start:
            raise TokenizationError(
                f"chat template lacks the prefix property at message {i} (role {message.get('role')!r}): "
                "rendering a prefix of the conversation is not a prefix of the full rendering, so assistant "
                "tokens cannot be located; use a template that does not rewrite earlier turns, or loss='all'"
            )
        spans.append((start, len(upto)))
    return full, spans


def _content_start(tokenizer: Any, messages: Sequence[Message], i: int, full: str) -> int:
    """Character offset in ``full`` where the template renders message ``i``'s content.

    The conversation is rendered again with that content replaced by a sentinel: the text around the
    sentinel (the template's frame) must equal the full rendering's, and what the full rendering holds
    in its place must come from the content (verbatim, or trimmed as some templates do).
    """
    marked = _render(tokenizer, [*messages[:i], {**messages[i], "content": _SENTINEL}, *messages[i + 1 :]])
    start = marked.find(_SENTINEL)
    after = marked[start + len(_SENTINEL) :] if start >= 0 else ""
    end = len(full) - len(after)
    frame_kept = start >= 0 and _SENTINEL not in after and marked[:start] == full[:start] and full.endswith(after)
    if not (frame_kept and start <= end and full[start:end] in messages[i]["content"]):
        raise TokenizationError(
            f"chat template renders message {i} (role {messages[i].get('role')!r}) in a frame that depends on its "
            "content, so its tokens cannot be located; use a template that inserts content verbatim, or loss='all'"
        )
    return start


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
    token_starts = [lo for lo, _ in enc["offset_mapping"]]
    token_ends = [hi for _, hi in enc["offset_mapping"]]  # non-decreasing, like the starts
    labels = [IGNORE_INDEX] * len(ids)
    eos = tokenizer.eos_token_id if config.train_end_of_turn_only_up_to_eos else None
    for start, end in spans:
        # the tokens overlapping [start, end): from the first ending after start to the first starting at end
        first = bisect.bisect_right(token_ends, start)
        last = bisect.bisect_left(token_starts, end)
        if eos is not None:
            for t in range(last - 1, first - 1, -1):
                if ids[t] == eos:
                    last = t + 1
                    break
        labels[first:last] = ids[first:last]
    return TokenizedExample(ids, labels)
