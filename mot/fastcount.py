"""Exact token counts of chat conversations, several times faster than HF for the default tokenizer.

HF ``tokenizers`` counts a rendered conversation in four steps: split the text on the added tokens
(one token each), NFC-normalize each segment between them, cut each segment into pieces with the
pre-tokenizer's regex (Oniguruma), and BPE-encode each piece. Almost all of its time goes to the
Oniguruma regex and to building ``Encoding`` objects. :class:`FastCounter` runs the same four steps
with HF's own code for three of them — the normalizer, the byte-level mapping and the BPE model,
called once per distinct piece and memoized — and only the regex step with other code: the same
pattern, run by the ``regex`` module.

Why the pieces are the same: both engines are backtracking engines running the same pattern (same
alternation order, greedy quantifiers, one-character lookahead), so they can only disagree where a
pattern element matches a different set of characters. The elements are the case-insensitive
letters of ``(?i:'s|'t|...)``, ``\\p{L}``, ``\\p{N}`` and ``\\s`` (Unicode versions differ:
``regex`` knows ~17k letters that Oniguruma in ``tokenizers`` calls unassigned). Both are settled by
asking HF's own engine about every code point (:func:`probe_class_table`): the letters become the
exact classes HF matches (``'[sSſ]``), and the code points where the classes disagree ("odd") never
reach a count: a piece containing one is never memoized, so it is always looked up as new, and
then its whole segment is counted by HF. The probe is cached in the user cache per pattern and engine versions
(:func:`class_table`). ``tests/test_fastcount_fuzz.py`` checks the result against
``apply_chat_template(..., tokenize=True)`` on generated conversations (every Unicode category,
controls, partial special tokens); ``bench/fuzz_fastcount.py`` runs it at scale.

The counter holds the bare ``tokenizers.Tokenizer`` (:func:`mot.tokenizer.load_qwen25_backend`) and
renders conversations with :func:`mot.tokenizer.chat_renderer`, so under the default ChatML template
no ``transformers`` is imported (a second per process); another template is rendered by HF. Any
other tokenizer counts with HF ``tokenizers`` (:func:`mot.tokenizer.count_chat_tokens`).

Example:
    >>> count = make_counter(None, "chatml")
    >>> count([[{"role": "user", "content": "hi"}]])
    [6]
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mot.atomic import write_atomic
from mot.tokenizer import (DEFAULT_TOKENIZER, Messages, chat_renderer, count_chat_tokens, load_qwen25_backend, load_tokenizer,
                           user_cache_dir)

if TYPE_CHECKING:
    from tokenizers import Tokenizer

Counter = Callable[[list[Messages]], list[int]]

# The Split pattern of the Qwen2/2.5/3 tokenizers (tokenizer.json), the one pattern the fast path runs.
QWEN_PATTERN = r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"""
_CASELESS = re.compile(r"\(\?i:([^()]*)\)")
_CLASSES = (r"\p{L}", r"\p{N}", r"\s")  # \S is the complement of \s in both engines
_TABLE_FORMAT = 2
_MAX_MEMOIZED = 1 << 18  # distinct pieces kept per process (~30 MB); past it the memo restarts


def _every_code_point() -> str:
    return "".join(map(chr, [*range(0xD800), *range(0xE000, 0x110000)]))  # all but surrogates


def _ranges(code_points: set[int]) -> list[list[int]]:
    """Sorted inclusive ``[first, last]`` runs of ``code_points``."""
    runs: list[list[int]] = []
    for cp in sorted(code_points):
        if runs and runs[-1][1] == cp - 1:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp])
    return runs


def _char_class(runs: list[list[int]]) -> str:
    return "[" + "".join(re.escape(chr(a)) + ("" if a == b else "-" + re.escape(chr(b))) for a, b in runs) + "]"


def probe_class_table(pattern: str) -> dict[str, Any]:
    """Ask HF's regex engine which code points each element of ``pattern`` matches (takes seconds).

    Returns ``{"format", "pattern", "odd"}``: ``pattern`` for the ``regex`` module, with each
    case-insensitive literal replaced by the class HF matches for it; ``odd``, the runs of code
    points on which HF and ``regex`` disagree about ``\\p{L}``, ``\\p{N}`` or ``\\s``.
    """
    import regex
    from tokenizers import Regex
    from tokenizers.pre_tokenizers import Split

    everything = _every_code_point()

    def hf_members(element: str) -> set[int]:
        outside = Split(Regex(element), behavior="removed").pre_tokenize_str(everything)
        inside = bytearray(b"\x01") * len(everything)
        for _, (start, end) in outside:  # offsets count characters
            inside[start:end] = bytes(end - start)
        return {ord(everything[i]) for i in range(len(everything)) if inside[i]}

    odd: set[int] = set()
    for element in _CLASSES:
        odd |= hf_members(element) ^ {ord(c) for c in regex.findall(element, everything)}
    # Every literal of a caseless group (QWEN_PATTERN's: apostrophe and letters) becomes the class of
    # characters HF matches for it: Unicode case folding is the engine's, so ask the engine.
    literals = {c for group in _CASELESS.findall(pattern) for c in group if c != "|"}
    folds = {c: _char_class(_ranges(hf_members(f"(?i:{re.escape(c)})"))) for c in sorted(literals)}

    def spell_out(group: re.Match[str]) -> str:
        return "(?:" + "".join(folds.get(c, c) for c in group[1]) + ")"

    return {"format": _TABLE_FORMAT, "pattern": _CASELESS.sub(spell_out, pattern), "odd": _ranges(odd)}


def class_table_path(pattern: str) -> Path:
    """Where :func:`class_table` caches the probe of ``pattern``: keyed by the pattern and the versions
    of both engines, whose Unicode tables the probe records."""
    import regex
    import tokenizers

    key = f"{pattern}\0tokenizers {tokenizers.__version__}\0regex {regex.__version__}"
    return user_cache_dir() / "fastcount" / f"{hashlib.sha256(key.encode()).hexdigest()[:16]}.json"


def _valid(table: object) -> bool:
    return (
        isinstance(table, dict)
        and table.get("format") == _TABLE_FORMAT
        and isinstance(table.get("pattern"), str)
        and isinstance(table.get("odd"), list)
        and all(isinstance(r, list) and len(r) == 2 and all(isinstance(cp, int) for cp in r) for r in table["odd"])
    )


def class_table(pattern: str) -> dict[str, Any]:
    """:func:`probe_class_table`, cached at :func:`class_table_path` (written atomically; probed again
    when missing, unreadable or malformed; kept in memory only when the cache cannot be written)."""
    path = class_table_path(pattern)
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
        if _valid(table):
            return table
    except (OSError, ValueError):
        pass
    table = probe_class_table(pattern)
    try:
        write_atomic(path, json.dumps(table))
    except OSError:
        pass  # a read-only cache: the next process probes again
    return table


class _OddPiece(Exception):
    """A piece holds a code point where the ``regex`` module's classes differ from HF's."""


class _PieceCounts(dict):
    """piece → BPE token count, computed by HF's byte-level mapping and BPE model on first sight."""

    def __init__(self, model: Any, byte_level: Any, odd: re.Pattern[str] | None):
        super().__init__()
        self._model, self._byte_level, self._odd = model, byte_level, odd

    def __missing__(self, piece: str) -> int:
        if self._odd is not None and self._odd.search(piece):
            raise _OddPiece(piece)
        if len(self) >= _MAX_MEMOIZED:
            self.clear()
        mapped = self._byte_level.pre_tokenize_str(piece)[0][0]  # one piece: use_regex=False does not split
        count = self[piece] = len(self._model.tokenize(mapped))
        return count


class FastCounter:
    """Counts what ``backend`` (byte-level BPE, NFC, ``QWEN_PATTERN``) counts on what ``render`` renders, with ``table``'s pattern."""

    def __init__(self, backend: Tokenizer, render: Callable[[Messages], str], table: dict[str, Any]):
        import regex
        from tokenizers.pre_tokenizers import ByteLevel

        self._backend = backend
        self._render = render
        self._normalize = backend.normalizer.normalize_str
        self._pieces = regex.compile(table["pattern"])
        odd = re.compile(_char_class(table["odd"])) if table["odd"] else None
        self._counts = _PieceCounts(backend.model, ByteLevel(add_prefix_space=False, use_regex=False), odd)
        added = sorted((t.content for t in backend.get_added_tokens_decoder().values()), key=len, reverse=True)
        # Longest first: at each position the regex then takes what HF's leftmost-longest matcher takes.
        self._added = re.compile("(" + "|".join(map(re.escape, added)) + ")")

    def count_text(self, text: str) -> int:
        """Tokens of an already rendered text; raises ``UnicodeEncodeError`` on lone surrogates."""
        parts = self._added.split(text)  # even indices: text between added tokens; odd: added tokens
        return len(parts) // 2 + sum(self._count_segment(part) for part in parts[::2] if part)

    def _count_segment(self, segment: str) -> int:
        try:
            normalized = segment if segment.isascii() else self._normalize(segment)  # ASCII is always NFC
            return sum(map(self._counts.__getitem__, self._pieces.findall(normalized)))
        except _OddPiece:
            return len(self._backend.encode(segment, add_special_tokens=False).ids)

    def __call__(self, conversations: list[Messages]) -> list[int]:
        counts = []
        for messages in conversations:
            text = self._render(messages)
            try:
                counts.append(self.count_text(text))
            except UnicodeEncodeError:
                # Not valid Unicode (lone surrogates): HF's tokenizer decides (it rejects such text), exactly as
                # count_chat_tokens would call it.
                counts.append(len(self._backend.encode_batch([text], add_special_tokens=False)[0].ids))
        return counts


def _fast_path_applies(backend: Tokenizer) -> bool:
    """The tokenizer is NFC + ``QWEN_PATTERN`` split + byte-level BPE, with plain added tokens."""
    steps = json.loads(backend.pre_tokenizer.__getstate__()) if backend.pre_tokenizer else {}
    expected = [
        {"type": "Split", "pattern": {"Regex": QWEN_PATTERN}, "behavior": "Isolated", "invert": False},
        {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False},
    ]
    return (
        steps == {"type": "Sequence", "pretokenizers": expected}
        and backend.normalizer is not None
        and json.loads(backend.normalizer.__getstate__()) == {"type": "NFC"}
        and type(backend.model).__name__ == "BPE"
        and backend.model.dropout is None
        and all(not (t.lstrip or t.rstrip or t.single_word or t.normalized) for t in backend.get_added_tokens_decoder().values())
    )


def make_counter(tokenizer_name: str | None, chat_template: str | None) -> Counter:
    """A function mapping conversations to their exact token counts under ``tokenizer_name`` + template.

    :class:`FastCounter` for the default offline Qwen2.5 tokenizer (any chat template), HF otherwise.
    """
    if tokenizer_name in (None, DEFAULT_TOKENIZER) and _fast_path_applies(backend := load_qwen25_backend()):
        return FastCounter(backend, chat_renderer(tokenizer_name, chat_template), class_table(QWEN_PATTERN))
    return partial(count_chat_tokens, load_tokenizer(tokenizer_name, chat_template))
