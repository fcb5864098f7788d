"""Language mixing: reasoning or answer written (partly) in a script the expected language does not use.

R1 drifts into Chinese mid-reasoning. Both the share of foreign letters and the longest foreign
run matter: a 200-character Chinese passage in a 20,000-character English trace is a small share
but still teaches the model to switch languages.

Only letters of scripts count. Greek is deliberately not a script here (α, π, Ω are notation in
math and science), LaTeX commands and code blocks are removed before Latin letters are counted,
and digits and symbols never count. Latin is always allowed: variables and code are Latin in
every language.

Example:
    >>> from mot.trace import split_response
    >>> text = "<think>\\nLet me compute. 所以我们需要先计算这个表达式的值然后再把它代入原来的方程中检验一下是否满足所有条件。\\n</think>\\n\\n\\\\boxed{3}"
    >>> check(split_response(text), "math", LanguageConfig(max_foreign_run=20)).reason
    'language_mix'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mot.decision import Drop
from mot.trace import Response

SCRIPTS: dict[str, str] = {
    "han": "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
    "kana": "\u3040-\u30ff",
    "hangul": "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af",
    "cyrillic": "\u0400-\u04ff",
    "arabic": "\u0600-\u06ff",
    "hebrew": "\u0590-\u05ff",
    "thai": "\u0e00-\u0e7f",
    "devanagari": "\u0900-\u097f",
}
# Non-Latin scripts each expected language legitimately uses (Latin is always allowed).
LANGUAGE_SCRIPTS: dict[str, tuple[str, ...]] = {
    "en": (), "fr": (), "de": (), "es": (), "it": (), "pt": (),
    "zh": ("han",), "ja": ("han", "kana"), "ko": ("hangul", "han"), "ru": ("cyrillic",),
}
# Latin letters in Latin-1 (A-Z, a-z, À-ÿ except × and ÷): everything else is deleted before counting.
_NOT_LATIN_LETTER = bytes(b for b in range(256) if not (chr(b).isalpha() and chr(b) not in "ªºµ"))
_MARKUP = re.compile(r"```.*?```|`[^`\n]*`|\\[A-Za-z]+", re.DOTALL)


@dataclass(frozen=True)
class LanguageConfig:
    """``expected`` language (a key of LANGUAGE_SCRIPTS); a part is dropped when its foreign letters
    exceed ``max_foreign_ratio`` of all letters, or one run holds ``max_foreign_run`` foreign letters."""

    expected: str = "en"
    max_foreign_ratio: float = 0.05
    max_foreign_run: int = 50

    def __post_init__(self) -> None:
        if self.expected not in LANGUAGE_SCRIPTS:
            raise ValueError(f"unknown language {self.expected!r}; known: {', '.join(LANGUAGE_SCRIPTS)}")


class _Matcher:
    """Compiled patterns for one expected language (built once per language, then cached)."""

    def __init__(self, expected: str):
        foreign = "".join(ranges for name, ranges in SCRIPTS.items() if name not in LANGUAGE_SCRIPTS[expected])
        self.letter = re.compile(f"[{foreign}]")
        # A run: foreign letters joined by short gaps of digits, spaces, punctuation or 1-2 letter
        # Latin tokens ("当 n = 3 时"), never across a line break. Gap characters exclude foreign
        # letters, so each character has one way to match and the pattern cannot backtrack badly.
        gap = f"(?:[^A-Za-z\\n{foreign}]|(?<![A-Za-z])[A-Za-z]{{1,2}}(?![A-Za-z]))"
        self.run = re.compile(f"[{foreign}]+(?:{gap}{{1,12}}[{foreign}]+)*")


_MATCHERS: dict[str, _Matcher] = {}


def foreign_stats(text: str, expected: str = "en") -> tuple[int, int, int]:
    """(foreign letters, Latin letters outside markup, foreign letters in the longest run) of ``text``.

    >>> foreign_stats("The value is 5. 答案是五。")
    (4, 10, 4)
    """
    if text.isascii():  # the common case, decided in C
        return 0, 0, 0
    matcher = _MATCHERS.get(expected) or _MATCHERS.setdefault(expected, _Matcher(expected))
    foreign = len(matcher.letter.findall(text))
    if not foreign:
        return 0, 0, 0
    latin = len(_MARKUP.sub(" ", text).encode("latin-1", "ignore").translate(None, _NOT_LATIN_LETTER))
    longest = max(len(matcher.letter.findall(run)) for run in matcher.run.findall(text))
    return foreign, latin, longest


def check(response: Response, domain: str, config: LanguageConfig) -> Drop | None:
    """``language_mix`` when the reasoning or the answer is not (only) in the expected language."""
    for part, text in (("reasoning", response.reasoning or ""), ("answer", response.answer)):
        foreign, latin, longest = foreign_stats(text, config.expected)
        if not foreign:
            continue
        ratio = foreign / (foreign + latin)
        if ratio > config.max_foreign_ratio or longest >= config.max_foreign_run:
            return Drop("language_mix", f"{part}: {ratio:.1%} of letters not {config.expected}, longest run {longest}")
    return None
