"""Text normalisation shared by decontamination and dedup: words that survive light edits.

Lowercase; LaTeX spacing and sizing commands (``\\,``, ``\\quad``, ``\\left``, ``\\right``), dollar
signs and punctuation vanish; variants of one command are unified (``\\dfrac`` → ``frac``); a
LaTeX command counts as a word, so formula-heavy problems still have enough n-grams.

Example:
    >>> words("Compute $\\\\dfrac{1}{2} + \\\\left( 3 \\\\right)$, please!")
    ['compute', 'frac', '1', '2', '3', 'please']
"""

from __future__ import annotations

import re
import zlib

import numpy as np

_DROP_COMMANDS = re.compile(r"\\(?:left|right|big|bigg|Big|Bigg|displaystyle|textstyle|quad|qquad|,|;|!|:| )(?![a-zA-Z])")
_ALIASES = {"dfrac": "frac", "tfrac": "frac", "dbinom": "binom", "tbinom": "binom", "le": "leq", "ge": "geq", "textbf": "text", "mathrm": "text", "textit": "text"}
_WORD = re.compile(r"\\[a-z]+|[^\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    """The normalised word sequence of ``text`` (see module docstring)."""
    text = _DROP_COMMANDS.sub(" ", text).lower()
    out = []
    for token in _WORD.findall(text):
        token = token.lstrip("\\")
        out.append(_ALIASES.get(token, token))
    return out


# Random odd 64-bit multipliers: an n-gram hash is a weighted sum of its word hashes mod 2**64,
# computed for all windows of a text at once with numpy.
_MULTIPLIERS = np.random.default_rng(20261124).integers(1, 2**62, size=64, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


def word_hashes(sequence: list[str]) -> np.ndarray:
    """A stable 64-bit hash per word (two independent 32-bit checksums)."""
    return np.fromiter(
        ((zlib.crc32(w.encode()) << 32) | zlib.adler32(w.encode()) for w in sequence), dtype=np.uint64, count=len(sequence)
    )


def ngram_hashes(sequence: list[str], n: int) -> np.ndarray:
    """Hashes of every contiguous n-word window of ``sequence`` (empty when it is shorter than n).

    Stable across processes and runs, so an index built once can be shared by every worker.
    """
    if n > len(_MULTIPLIERS):
        raise ValueError(f"n-grams longer than {len(_MULTIPLIERS)} words are not supported")
    per_word = word_hashes(sequence)
    count = len(sequence) - n + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint64)
    total = np.zeros(count, dtype=np.uint64)
    for offset in range(n):
        total += per_word[offset : offset + count] * _MULTIPLIERS[offset]
    return total
