"""Hypothesis strategies for conversations that stress token counting (shared by the fuzz test and bench/).

Text is a run of fragments drawn from: characters of every Unicode general category (surrogates
aside: not valid Unicode, tested apart), whitespace and control characters, the tokenizer's added
tokens and their prefixes/suffixes, near-miss lookalikes, contractions with case variants (``'ſ``
folds to ``'s``), digits and combining marks, and the code points whose class the ``regex`` module and
HF disagree on (``mot.fastcount``'s "odd" set).
"""

from __future__ import annotations

from hypothesis import strategies as st

from mot.fastcount import QWEN_PATTERN, class_table

CATEGORIES = ["Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po",
              "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Co", "Cn"]
WHITESPACE_AND_CONTROLS = [" ", "  ", "   ", "\t", "\n", "\n\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\xa0",
                           "\u1680", "\u2000", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\x00", "\x07",
                           "\x1b", "\x7f", "\u200b", "\u200d", "\u200e", "\ufeff", "\ufffd"]
ADDED_TOKENS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|object_ref_start|>", "<|object_ref_end|>", "<|box_start|>",
                "<|box_end|>", "<|quad_start|>", "<|quad_end|>", "<|vision_start|>", "<|vision_end|>", "<|vision_pad|>",
                "<|image_pad|>", "<|video_pad|>", "<tool_call>", "</tool_call>", "<|fim_prefix|>", "<|fim_middle|>",
                "<|fim_suffix|>", "<|fim_pad|>", "<|repo_name|>", "<|file_sep|>"]
LOOKALIKES = ["<think>", "</think>", "<tool_response>", "<|im_end|", "<im_end|>", "<| im_end |>", "<|IM_END|>", "<||>",
              "<|im_start|>assistant\n", "<|<|im_end|>|>", "＜|im_end|＞", "<|im_end|>\u0301", "<|endoftext|>" * 2]
WORDLIKE = ["'s", "'S", "'ſ", "'t", "'re", "'RE", "'ve", "'m", "'ll", "'Ll", "'d", "'", "x", "the", "42", "3.14", "１２３",
            "\u0301", "e\u0301", "\u1100\u1161", "ñ", "ß", "İ", "\\frac{1}{2}", "$$", "```", "👍🏽", "🇫🇷", "😀" * 3, "中文"]


def _odd_code_points() -> list[str]:
    """A few code points from each run of the counter's odd set (classes differ between the engines)."""
    runs = class_table(QWEN_PATTERN)["odd"]
    return sorted({chr(cp) for first, last in runs for cp in (first, (first + last) // 2, last)})


def _partial(token: str) -> st.SearchStrategy[str]:
    return st.integers(1, len(token) - 1).flatmap(lambda cut: st.sampled_from([token[:cut], token[cut:]]))


def fragments() -> st.SearchStrategy[str]:
    categories = st.sampled_from(CATEGORIES).flatmap(
        lambda category: st.text(st.characters(categories=[category]), min_size=1, max_size=4)
    )
    return st.one_of(
        categories,
        st.text(st.characters(codec="utf-8"), min_size=1, max_size=6),
        st.sampled_from(WHITESPACE_AND_CONTROLS),
        st.sampled_from(ADDED_TOKENS),
        st.sampled_from(ADDED_TOKENS).flatmap(_partial),
        st.sampled_from(LOOKALIKES),
        st.sampled_from(WORDLIKE),
        st.sampled_from(_odd_code_points()),
    )


def texts(max_fragments: int = 24) -> st.SearchStrategy[str]:
    return st.lists(fragments(), max_size=max_fragments).map("".join)


def conversations(max_turns: int = 4) -> st.SearchStrategy[list[dict[str, str]]]:
    roles = st.sampled_from(["system", "user", "assistant"])
    turns = st.lists(st.tuples(roles, texts()), min_size=1, max_size=max_turns)
    return turns.map(lambda pairs: [{"role": role, "content": content} for role, content in pairs])
