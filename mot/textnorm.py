"""Text normalisation shared by decontamination and dedup: tokens that survive formatting edits.

:func:`normalise` maps unicode math to LaTeX-like text (``≤`` → ``\\leq``, ``x²`` → ``x^2``,
``π`` → ``\\pi``), lowercases, drops math delimiters (``$``, ``\\(``, ``\\[``), sizing and spacing
commands (``\\left``, ``\\,``, ``\\displaystyle``), presentational wrappers (``\\text``,
``\\mathrm``), markdown quote markers and digit grouping (``1,000``, ``1\\,000``, ``1{,}000`` →
``1000``), and unifies command variants (``\\dfrac`` → ``\\frac``, ``\\le`` and ``<=`` → ``\\leq``).

:func:`tokens` splits the result into words, numbers and LaTeX commands (kept with their backslash:
a command name is not a word). Letters and digits are separate tokens, so ``3x`` and ``3 x`` agree,
and number words become digits (``twenty-four`` → ``24``). With ``symbols=True`` operators and
brackets are tokens too (dedup needs them: ``(a+b)^2`` is not ``(a-b)^2``).

Example:
    >>> tokens("Compute $\\\\dfrac{1}{2} + \\\\left( 3x \\\\right)$ for two hundred and one thousand values ≤ 1,000!")
    ['compute', '\\\\frac', '1', '2', '3', 'x', 'for', '200', 'and', '1000', 'values', '\\\\leq', '1000']
    >>> tokens("(a+b)^2", symbols=True)
    ['(', 'a', '+', 'b', ')', '^', '2']
"""

from __future__ import annotations

import re
import zlib

import numpy as np

_GREEK = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega".split()
_UNICODE: dict[int, str] = {
    **{ord(c): f" \\{name} " for c, name in zip("αβγδεζηθικλμνξοπρστυφχψω", _GREEK)},
    **{ord(c): f" \\{name} " for c, name in zip("ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ", _GREEK)},
    **{ord(c): s for c, s in {
        "≤": " \\leq ", "⩽": " \\leq ", "≥": " \\geq ", "⩾": " \\geq ", "≠": " \\neq ", "×": " \\cdot ", "·": " \\cdot ",
        "⋅": " \\cdot ", "∙": " \\cdot ", "÷": " \\div ", "−": "-", "–": "-", "‐": "-", "—": " ", "√": " \\sqrt ", "∞": " \\infty ",
        "∑": " \\sum ", "∏": " \\prod ", "∫": " \\int ", "…": " \\ldots ", "⋯": " \\cdots ", "∈": " \\in ", "∪": " \\cup ",
        "∩": " \\cap ", "⊆": " \\subseteq ", "⊂": " \\subset ", "→": " \\to ", "∠": " \\angle ", "△": " \\triangle ", "°": " \\circ ",
        "≈": " \\approx ", "≡": " \\equiv ", "±": " \\pm ", "∣": "|", "′": "'", "“": '"', "”": '"', "‘": "'", "’": "'", "⁻": "^-",
        "½": " 1/2 ", "⅓": " 1/3 ", "⅔": " 2/3 ", "¼": " 1/4 ", "¾": " 3/4 ", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2002": " ",
        "\u2003": " ", "\u200b": "", "⌊": " \\lfloor ", "⌋": " \\rfloor ", "⌈": " \\lceil ", "⌉": " \\rceil ",
    }.items()},
}
_SUPERSCRIPTS, _SUBSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹", "₀₁₂₃₄₅₆₇₈₉"
_SCRIPT_DIGITS = str.maketrans(_SUPERSCRIPTS + _SUBSCRIPTS, "0123456789" * 2)
_SCRIPT_RUN = re.compile(f"[{_SUPERSCRIPTS}]+|[{_SUBSCRIPTS}]+")
_DIGIT_GROUP = re.compile(r"(?<=\d)(?:,|\{,\}|\\,|\\ |\\!|\u2009|\u202f)(?=\d{3}(?!\d))")
_DROP = re.compile(
    r"\\(?:left|right|[bB]igg?[lr]?|displaystyle|textstyle|scriptstyle|quad|qquad|limits|nolimits)(?![a-zA-Z])"
    r"|\\(?:text|textbf|textit|textrm|texttt|mathrm|mathbf|mathit|mathsf|mathtt|boldsymbol|operatorname|mbox|hbox|emph)(?![a-zA-Z])"
    r"|\\[,;!: $()\[\]]|^[ \t]*>+|\$"
    # a hyphen that joins words ("non-negative", "2-digit"), not a minus ("ab-cd", "3-ab", "x^2-abc")
    r"|(?<=[^\W\d_]{3})-(?=[^\W\d_]{3})|(?<=\d)-(?=[^\W\d_]{4})",
    re.MULTILINE,
)
_COMPARE = re.compile(r"<=|\\leqslant|\\le(?![a-zA-Z])|>=|\\geqslant|\\ge(?![a-zA-Z])|!=|\\ne(?![a-zA-Z])|<|>|\\lt|\\gt")
_COMPARE_NAMES = {"<=": r"\leq", r"\leqslant": r"\leq", r"\le": r"\leq", ">=": r"\geq",
                  r"\geqslant": r"\geq", r"\ge": r"\geq", "!=": r"\neq", r"\ne": r"\neq", "<": r"\lt", ">": r"\gt",
                  r"\lt": r"\lt", r"\gt": r"\gt"}
_ALIASES = {r"\times": r"\cdot", r"\dfrac": r"\frac", r"\tfrac": r"\frac", r"\dbinom": r"\binom", r"\tbinom": r"\binom", r"\leftarrow": r"\gets",
            r"\rightarrow": r"\to", r"\ldots": r"\dots", r"\cdots": r"\dots", r"\dotsb": r"\dots", r"\dotsc": r"\dots",
            r"\varepsilon": r"\epsilon", r"\varphi": r"\phi", r"\vartheta": r"\theta"}
_TOKEN = re.compile(r"\\[a-z]+|[^\W\d_]+|\d+")
_TOKEN_SYMBOLS = re.compile(r"\\[a-z]+|[^\W\d_]+|\d+|[-+*/=^!%|()\[\]{}]")

_UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                                     "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_SCALES = {"thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
NUMBER_WORDS = frozenset([*_UNITS, *_TENS, "hundred", *_SCALES])


def normalise(text: str) -> str:
    """Lowercased text with unicode math, delimiters, spacing and digit grouping normalised (module docstring)."""
    text = _DIGIT_GROUP.sub("", text)
    if not text.isascii():
        text = _SCRIPT_RUN.sub(lambda m: ("^" if m.group()[0] in _SUPERSCRIPTS else "_") + m.group().translate(_SCRIPT_DIGITS), text)
        text = text.translate(_UNICODE)
    text = _DROP.sub(" ", text)
    return _COMPARE.sub(lambda m: f" {_COMPARE_NAMES[m.group()]} ", text).lower()


def _join_number_words(sequence: list[str]) -> list[str]:
    """``['twenty', 'four', 'apples']`` → ``['24', 'apples']``; ``['two', 'three']`` stays two numbers."""
    out: list[str] = []
    total = current = 0
    last = None  # kind of the previous number word in the current number
    for token in [*sequence, ""]:
        kind = "unit" if token in _UNITS else "ten" if token in _TENS else "hundred" if token == "hundred" else "scale" if token in _SCALES else None
        continues = last is not None and (
            (kind == "unit" and (last in ("hundred", "scale") or (last == "ten" and token in _UNITS and _UNITS[token] < 10)))
            or (kind == "ten" and last in ("hundred", "scale"))
            or (kind == "hundred" and last in ("unit", "ten") and current < 100)
            or (kind == "scale" and last != "scale")
        )
        if last is not None and not continues:
            out.append(str(total + current))
            total = current = 0
            last = None
        if kind is None:
            out.append(token)
            continue
        if kind == "unit":
            current += _UNITS[token]
        elif kind == "ten":
            current += _TENS[token]
        elif kind == "hundred":
            current = max(current, 1) * 100
        else:
            total += max(current, 1) * _SCALES[token]
            current = 0
        last = kind
    out.pop()  # the sentinel
    return out


def _unbrace_single_tokens(found: list[str]) -> list[str]:
    """Braces group (``2^{10+1}`` is not ``2^{10}+1``), but around one token they are formatting
    (``x^{2}`` is ``x^2``): those are dropped, the others kept as tokens.

    >>> _unbrace_single_tokens(["2", "^", "{", "10", "}", "+", "1"]), _unbrace_single_tokens(["2", "^", "{", "10", "+", "1", "}"])
    (['2', '^', '10', '+', '1'], ['2', '^', '{', '10', '+', '1', '}'])
    """
    out: list[str] = []
    i = 0
    while i < len(found):
        if found[i] == "{" and i + 2 < len(found) and found[i + 2] == "}" and found[i + 1] not in "{}":
            out.append(found[i + 1])
            i += 3
        else:
            out.append(found[i])
            i += 1
    return out


def tokens(text: str, symbols: bool = False) -> list[str]:
    """The normalised token sequence of ``text`` (module docstring)."""
    text = normalise(text)
    found = (_TOKEN_SYMBOLS if symbols else _TOKEN).findall(text)
    if symbols and "{" in found:
        found = _unbrace_single_tokens(found)
    if not NUMBER_WORDS.isdisjoint(found):
        found = _join_number_words(found)
    return [_ALIASES.get(t, t) for t in found] if "\\" in text else found


# Random odd 64-bit multipliers: an n-gram hash is a weighted sum of its token ids mod 2**64,
# computed for all windows of a text at once with numpy.
_MULTIPLIERS = np.random.default_rng(20261124).integers(1, 2**62, size=64, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


def word_hashes(sequence: list[str]) -> np.ndarray:
    """A stable 64-bit hash per token (two independent 32-bit checksums)."""
    return np.fromiter(
        ((zlib.crc32(w.encode()) << 32) | zlib.adler32(w.encode()) for w in sequence), dtype=np.uint64, count=len(sequence)
    )


def window_hashes(values: np.ndarray, n: int) -> np.ndarray:
    """Hashes of every contiguous window of ``n`` values (uint64; empty when there are fewer than n).

    Stable across processes and runs, so an index built once can be shared by every worker.
    """
    if n > len(_MULTIPLIERS):
        raise ValueError(f"n-grams longer than {len(_MULTIPLIERS)} tokens are not supported")
    count = len(values) - n + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint64)
    values = values.astype(np.uint64, copy=False)
    total = values[:count] * _MULTIPLIERS[0]
    for offset in range(1, n):
        total += values[offset : offset + count] * _MULTIPLIERS[offset]
    return total
