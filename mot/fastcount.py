"""Exact token counts of chat conversations, fast for the default Qwen2.5 tokenizer.

Counting tokens dominates the build. For the bundled Qwen2.5 tokenizer, PyPI ``bpe-qwen`` counts
byte-level BPE tokens over the same ``vocab.json``/``merges.txt`` several times faster than HF
``tokenizers``. Its ``count_tokens`` knows no added tokens, so the counter reproduces what HF does
around the BPE: render the conversation with the same chat template, split the text on the
tokenizer's added tokens (each is one token), NFC-normalize each piece (the Qwen normalizer) and
count the piece's BPE tokens. ``tests/test_fastcount.py`` checks the result equals
``len(apply_chat_template(messages, tokenize=True)["input_ids"])`` on diverse text.

bpe-qwen 0.1.5's pre-tokenizer is not exact everywhere: a scan of every code point after every
short whitespace run found it splitting differently from HF when whitespace is followed by a
non-ASCII number (``x ²``), when a whitespace run of two or more is followed by any non-ASCII
character, around non-ASCII whitespace and control characters, and in whitespace runs at the end
of a piece. Pieces with such a pattern
(:func:`unsafe_spans`) are counted by HF, within the smallest region around them that starts and
ends where HF's pre-tokenizer always splits (:func:`hf_regions`); the rest by bpe-qwen.

Any other tokenizer, or an environment without ``bpe-qwen``, counts with HF ``tokenizers``
(:func:`mot.tokenizer.count_chat_tokens`).

Example:
    >>> count = make_counter(None, "chatml")
    >>> count([[{"role": "user", "content": "hi"}]])
    [6]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import partial

import regex
from transformers import PreTrainedTokenizerBase

from mot.tokenizer import DEFAULT_TOKENIZER, count_chat_tokens, load_tokenizer, offline_tokenizer_dir, render_chat

Messages = list[dict[str, str]]
Counter = Callable[[list[Messages]], list[int]]

# HF's pre-tokenizer always splits between an ASCII letter and " word"; NFC cannot compose across it.
_CUT = re.compile(r"[A-Za-z](?= [A-Za-z])")
_LAST_CUT = re.compile(r".*[A-Za-z](?= [A-Za-z])", re.DOTALL)
_LOOK_BACK = 256

# Every unsafe match ends in a non-ASCII or control character, at most two characters after the
# start of a run of such characters: only windows around these runs need the exact (slower) pattern.
_ODD_RUN = re.compile(r"[^\t\n\r\x0b\x0c\x20-\x7e]+")
_BPE_QWEN_UNSAFE = regex.compile(
    r"[^\S\x00-\x7f]|[\x00-\x08\x0e-\x1f\x7f-\x9f]"  # non-ASCII whitespace, control characters
    r"|\s(?=[^\x00-\x7f])\p{N}"  # whitespace, then a non-ASCII number
    r"|\s\s(?=[^\x00-\x7f])[\p{M}\p{So}\p{C}\p{Z}]"  # a whitespace run, then a mark, other symbol or unassigned
)


def unsafe_spans(piece: str) -> list[tuple[int, int]]:
    """Spans of ``piece`` (no added tokens in it) where bpe-qwen 0.1.5 may pre-tokenize unlike HF.

    >>> unsafe_spans("x ≤ 3\\n\\n因此"), unsafe_spans("so x ²"), unsafe_spans("a  ✅")
    ([], [(3, 6)], [(1, 4)])
    """
    spans = []
    for run in _ODD_RUN.finditer(piece):
        lo, hi = max(0, run.start() - 2), run.end()
        if _BPE_QWEN_UNSAFE.search(piece, lo, hi):
            spans.append((lo, hi))
    if piece[-2:].isspace():  # a whitespace run at the very end
        spans.append((len(piece) - 2, len(piece)))
    return spans


def bpe_qwen_exact(piece: str) -> bool:
    """Whether bpe-qwen 0.1.5 pre-tokenizes all of ``piece`` (no added tokens in it) exactly like HF.

    >>> bpe_qwen_exact("x ≤ 3\\n\\n因此"), bpe_qwen_exact("x ²"), bpe_qwen_exact("a  ✅"), bpe_qwen_exact("a \\t ")
    (True, False, False, False)
    """
    return not unsafe_spans(piece)


def hf_regions(piece: str) -> list[tuple[int, int]]:
    """Disjoint regions covering every unsafe span, each cut where HF's pre-tokenizer always splits.

    Counting the regions with HF and the text between them with bpe-qwen then sums to HF's count
    of the whole piece, while one odd character costs a short HF call, not the whole message.
    """
    regions: list[tuple[int, int]] = []
    for lo, hi in unsafe_spans(piece):
        if regions and lo < regions[-1][1]:
            lo = regions[-1][0]
            regions.pop()
        floor = regions[-1][1] if regions else 0
        before = _LAST_CUT.match(piece, max(floor, lo - _LOOK_BACK), lo) or _LAST_CUT.match(piece, floor, lo)
        after = _CUT.search(piece, hi)
        regions.append((before.end() if before else floor, after.end() if after else len(piece)))
    return regions


class BpeQwenCounter:
    """Counts with ``bpe-qwen`` what ``tokenizer`` (a Qwen byte-level BPE) would produce."""

    def __init__(self, tokenizer: PreTrainedTokenizerBase, bpe: object):
        self._tokenizer = tokenizer
        self._bpe = bpe
        added = sorted((t.content for t in tokenizer.added_tokens_decoder.values()), key=len, reverse=True)
        # Longest first: at one position the regex then matches what HF's leftmost-longest matcher does.
        self._split = re.compile("(" + "|".join(map(re.escape, added)) + ")")

    def count_text(self, text: str) -> int:
        """Tokens of an already rendered text; raises ``UnicodeEncodeError`` on lone surrogates."""
        pieces = self._split.split(text)  # even indices: text between added tokens; odd: added tokens
        return len(pieces) // 2 + sum(self._count_piece(unicodedata.normalize("NFC", p)) for p in pieces[::2] if p)

    def _count_piece(self, piece: str) -> int:
        total, done = 0, 0
        for lo, hi in hf_regions(piece):
            total += self._bpe.count_tokens(piece[done:lo]) if lo > done else 0
            total += len(self._tokenizer.backend_tokenizer.encode(piece[lo:hi], add_special_tokens=False).ids)
            done = hi
        return total + (self._bpe.count_tokens(piece[done:]) if done < len(piece) else 0)

    def __call__(self, conversations: list[Messages]) -> list[int]:
        counts = []
        for messages in conversations:
            try:
                counts.append(self.count_text(render_chat(self._tokenizer, messages)))
            except UnicodeEncodeError:
                # Text that is not valid Unicode (lone surrogates): HF decides, exactly as without bpe-qwen.
                counts.extend(count_chat_tokens(self._tokenizer, [messages]))
        return counts


def _plain_added_tokens(tokenizer: PreTrainedTokenizerBase) -> bool:
    """True when every added token matches verbatim (no stripping, word bounds or normalization)."""
    return all(
        not (t.lstrip or t.rstrip or t.single_word or t.normalized) for t in tokenizer.added_tokens_decoder.values()
    )


def make_counter(tokenizer_name: str | None, chat_template: str | None) -> Counter:
    """A function mapping conversations to their exact token counts under ``tokenizer_name`` + template.

    Uses ``bpe-qwen`` for the default offline Qwen2.5 tokenizer (any chat template), HF otherwise.
    """
    tokenizer = load_tokenizer(tokenizer_name, chat_template)
    if tokenizer_name in (None, DEFAULT_TOKENIZER) and _plain_added_tokens(tokenizer):
        try:
            from bpe_qwen import QwenTokenizer
        except ImportError:
            pass
        else:
            return BpeQwenCounter(tokenizer, QwenTokenizer(str(offline_tokenizer_dir())))
    return partial(count_chat_tokens, tokenizer)
