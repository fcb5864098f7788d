"""Science answer checking: the chosen option of a multiple-choice question, or a short numeric answer.

Multiple-choice references (a letter A–J) are compared with the option the final answer picks
(:func:`extract_choices`: the last committed choice wins, "not (B)" never counts, "A or C" is
ambiguous); short numeric or symbolic references go through the math answer policy
(:func:`mot.verifiers.math_answer.judge`, units dropped); anything else cannot be checked and is
reported as unverifiable (``correct`` None) with the extracted answer, for the recipe's policy.

Example:
    >>> question = "Which gas do plants absorb?\\nA) Oxygen\\nB) Carbon dioxide\\nC) Helium"
    >>> verify_science("B", question, "<think>\\nPhotosynthesis.\\n</think>\\n\\n**Answer: B**")
    {'correct': True, 'extracted': 'B', 'detail': 'reference=B extracted=B'}
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from mot.trace import split_response
from mot.verifiers.final_answer import boxed_spans
from mot.verifiers.math_answer import judge

LETTERS = "ABCDEFGHIJ"
_LINE_MARKER = re.compile(r"^[ \t]*\(?([A-J])[).:][ \t]+", re.MULTILINE)
_INLINE_MARKER = re.compile(r"(?:^|(?<=\s))\(?([A-J])[).:][ \t]+")
# Formatting that wraps a chosen letter: markdown emphasis, LaTeX text commands, math delimiters.
_WRAPPERS = re.compile(r"\*\*|__|\\(?:text|textbf|mathrm|mathbf|bf)\s*\{([^{}]*)\}|\$|\\[()\[\]]")
_WORDS = r"(?i:final\s+answer|correct\s+(?:answer|option|choice|response)|right\s+(?:answer|option|choice)|best\s+(?:answer|option|choice)|answer)"
_FILLER = r"(?i:(?:,[^,\n]{1,30},)?\s*(?:is|would\s+be|should\s+be|must\s+be|will\s+be|=|:|-)?\s*(?:therefore|thus|then|clearly|definitely|likely|probably)?\s*:?\s*(?:the\s+)?(?:option|choice)?\s*)"
# A letter counts as a choice in parentheses, as an upper-case letter standing alone, or as a lower-case
# one closed by punctuation or the end of the line ("answer: c", "(e)"), never "a" in "a good idea".
_LETTER = r"(?:\(([{u}{l}])\)|\b([{u}])\b(?![\'’]\w)|\b([{l}])(?=[).:,;!?*]|[ \t]*(?:\n|$)))"
# After a bare "A" or "I": a lower-case word other than a verb of judgement makes it an article or a pronoun.
_ARTICLE_NEXT = re.compile(r"\s+(?!(?:is|are|was|seems|would|should|must|looks|appears|and|or)\b)[a-z]")
# "not (B)", "isn't B", "rather than B": a letter named only to be rejected.
_NEGATED = re.compile(r"(?i:\b(?:not|n[\'’]t|rather\s+than|instead\s+of|except|eliminat\w*|rule\s+out|exclud\w*)\s+(?:(?:option|choice|answer)\s+)?\W{0,2}$)")
# After the chosen letter: another letter joined by "and"/"or"/","/"/" makes the statement ambiguous.
_ANOTHER_LETTER = r"\s*\)?\s*(?:,|&|/|\band\b|\bor\b)\s*(?:(?:option|choice)\s+)?"


@lru_cache(maxsize=64)
def _choice_patterns(letters: str) -> list[tuple[bool, re.Pattern[str]]]:
    """Phrasings that commit to a letter, each with whether it is an explicit answer statement
    (``strong``); the letter is in one of groups 1-3 of the ``_LETTER`` part."""
    letter = _LETTER.format(u=letters, l=letters.lower())
    strong = [
        re.compile(f"{_WORDS}{_FILLER}{letter}"),
        # Self-corrections: "…but actually it's C", "no wait, it must be (D)".
        re.compile(f"(?i:\\b(?:it[\\'’]s|it\\s+is|it\\s+must\\s+be|it\\s+should\\s+be))\\s+(?i:option\\s+)?{letter}"),
    ]
    weak = [
        re.compile(f"(?i:\\b(?:option|choice))\\s*{letter}\\s*(?i:is|would\\s+be|seems)\\s+(?i:the\\s+)?(?i:correct|right|best|answer)"),
        re.compile(f"(?:^|[\\n(*:,.;]\\s*|\\s)\\(?{letter}\\)?\\s*(?i:(?:is|are)\\s+(?:the\\s+|both\\s+)?(?:correct|right|best)|is\\s+the\\s+(?:final\\s+)?answer)"),
        re.compile(f"(?i:\\b(?:I\\s+(?:would\\s+|will\\s+|'d\\s+)?(?:choose|pick|select|go\\s+with)|choose|select|pick|go\\s+with))\\s+(?i:option\\s+)?{letter}"),
        # The answer's last line is just a letter marker, as in "(B)" or "B) 120 N" or "**C**".
        re.compile(f"(?:^|\\n)[ \\t]*{letter}(?:[.)]?[ \\t]*$|[).:][ \\t]+[^\\n]*$)"),
    ]
    return [(True, p) for p in strong] + [(False, p) for p in weak]


def parse_options(question: str) -> dict[str, str]:
    """The lettered options of a multiple-choice question (``A) …``, ``(A) …``, ``A. …``, ``A: …``).

    Options must run A, B, C, … in order; one-per-line options are preferred over inline ones.
    Returns {} when fewer than two are found.

    >>> parse_options("Pick one.\\nA) 4 N\\nB) 8 N\\n\\nExplain.")
    {'A': '4 N', 'B': '8 N'}
    >>> parse_options("Which is largest? (A) 1 (B) 2 (C) 3")
    {'A': '1', 'B': '2', 'C': '3'}
    """
    for marker in (_LINE_MARKER, _INLINE_MARKER):
        chosen: list[re.Match[str]] = []
        for match in marker.finditer(question):
            if len(chosen) < len(LETTERS) and match.group(1) == LETTERS[len(chosen)]:
                chosen.append(match)
        if len(chosen) >= 2:
            ends = [m.start() for m in chosen[1:]] + [len(question)]
            options = {m.group(1): question[m.end() : end] for m, end in zip(chosen, ends)}
            last = chosen[-1].group(1)
            options[last] = options[last].split("\n", 1)[0]
            return {k: v.strip() for k, v in options.items()}
    return {}


def _unwrap(text: str) -> str:
    return _WRAPPERS.sub(lambda m: m.group(1) or "", text)


def _option_by_text(text: str, options: dict[str, str]) -> str | None:
    """The option whose text the answer states last (longest on ties), matched on word boundaries."""
    best: tuple[int, int, str] | None = None
    lowered = text.lower()
    for letter, option in options.items():
        option = _unwrap(option).strip().rstrip(".").lower()
        if len(option) < 2:
            continue
        for match in re.finditer(f"(?<![\\w.]){re.escape(option)}(?![\\w])", lowered):
            candidate = (match.end(), len(option), letter)
            best = max(best, candidate) if best else candidate
    return best[2] if best else None


def extract_choices(answer_text: str, options: dict[str, str] | None) -> str:
    """The option letters the final committed choice names: ``""`` (none), one letter, or several (ambiguous).

    Sorted: "C or A" gives ``"AC"``.

    Every commitment is found ("Answer: X", "the correct answer is (X)", "option X is correct", "I
    choose X", "…actually it's X", ``\\boxed{X}``, a last line that is just the letter), letters named
    only to be rejected ("not (B)") are skipped, and the **last** explicit statement wins (answer
    statements, boxes and self-corrections; other mentions only when there is none). A final statement naming
    several letters ("A and C") returns them all. Without any letter, the option whose text the answer
    states last. With ``options`` only their letters count, which rules out the pronoun "I".

    >>> extract_choices("I think the answer is A, but actually it's C.", None)
    'C'
    >>> extract_choices("The answer is not (B); it is (d).", None)
    'D'
    >>> extract_choices("Answer: B or C", None)
    'BC'
    >>> extract_choices("The answer is B. Option A would be correct only if the field reversed.", None)
    'B'
    """
    letters = "".join(options) if options else LETTERS
    text = _unwrap(answer_text)
    found: list[tuple[bool, int, int, str]] = []  # (strong, position, end, letter)
    for strong, pattern in _choice_patterns(letters):
        for match in pattern.finditer(text):
            group = next(g for g in (1, 2, 3) if match.group(g))
            start, end = match.start(group), match.end(group)
            article = group == 2 and match.group(group) in "AI" and _ARTICLE_NEXT.match(text, end)  # "A good …", "I think"
            if not article and not _NEGATED.search(text[max(0, start - 30) : start]):
                found.append((strong, start, end, match.group(group).upper()))
    for start, end, content in boxed_spans(text):
        letter = re.fullmatch(f"\\(?([{letters}{letters.lower()}])\\)?(?:[).:]?\\s.*)?", content.strip(), re.DOTALL)
        by_text = _option_by_text(content, options) if options and not letter else None
        if letter or by_text:
            found.append((True, start, end, letter.group(1).upper() if letter else by_text))
    if not found:
        by_text = _option_by_text(text, options) if options else None
        return by_text or ""
    # An explicit statement ("the answer is B", \\boxed{B}, "…actually it's B") outranks a letter
    # mentioned in passing afterwards ("option A would be correct only if …"); the last one wins.
    _strong, start, end, letter = max(found)
    other = _LETTER.format(u=letters, l=letters.lower())
    after = re.match(_ANOTHER_LETTER + other, text[end:])
    before = re.search(other + r"\)?\s*(?:,|&|/|\band|\bor)$", text[max(0, start - 25) : start].rstrip("( "))
    named = {letter} | {next(g for g in m.groups() if g).upper() for m in (after, before) if m}
    return "".join(sorted(named))


def extract_choice(answer_text: str, options: dict[str, str] | None) -> str | None:
    """The one option letter a final answer chooses, or None (no choice, or an ambiguous one).

    >>> extract_choice("Thus, the correct answer is **(C)**.", None)
    'C'
    >>> extract_choice("$\\\\boxed{\\\\text{B}}$", {"A": "up", "B": "down"})
    'B'
    >>> extract_choice("The force points down.", {"A": "up", "B": "down"})
    'B'
    """
    choices = extract_choices(answer_text, options)
    return choices if len(choices) == 1 else None


# A trailing unit after a number: "120 N", "9.8 m/s^2", "6\\ \\Omega", "5\\,\\text{kg}", "300~\\mathrm{K}".
# Only unit commands count (``\\Omega``, ``\\mu``…): ``2\\sqrt{3}`` or ``2\\pi`` is a value, not 2 with a unit.
_TRAILING_UNIT = re.compile(
    r"(?:\\[ ,;!:]|~|\s)+(?:\\(?:text|mathrm|operatorname)\s*\{[^{}]*\}|\\(?:Omega|ohm|mu[A-Za-z]*|AA|circ|degree)\b[A-Za-z/^0-9·.\-]*"
    r"|[A-Za-zµΩ°%][A-Za-zµΩ°%/^0-9·.\-]*)"
    r"(?:\s*\^?\{?-?\d*\}?)\s*$"
)


def _strip_unit(text: str) -> str:
    """``text`` without a trailing unit, when what is left is a number: a value with variables in it
    (``x + 2 y``) keeps its last letter, which is part of the value, not a unit.

    >>> _strip_unit("120 N"), _strip_unit("9.8 m/s^2"), _strip_unit("6\\ \\Omega"), _strip_unit("x")
    ('120', '9.8', '6', 'x')
    >>> _strip_unit("2 \\sqrt{3}"), _strip_unit("x + 2 y")
    ('2 \\\\sqrt{3}', 'x + 2 y')
    """
    value = _TRAILING_UNIT.sub("", text.strip())
    variables = re.search(r"[A-Za-z]", re.sub(r"\\[A-Za-z]+", "", value))
    return value if re.search(r"\d", value) and not variables else text.strip()


def _numeric_gold(reference: str) -> str | None:
    """The reference as math-verify's gold when it is a short numeric or symbolic answer, else None.

    A trailing unit is dropped ("120 N" → "120"): math-verify reads "N" as a variable.

    >>> (_numeric_gold("9.8 m/s^2"), _numeric_gold("\\\\frac{1}{2}"), _numeric_gold("Mitochondria"))
    ('9.8', '\\\\frac{1}{2}', None)
    """
    reference = reference.strip()
    if len(reference) > 40 or not re.search(r"[\d\\]", reference):
        return None
    return _strip_unit(reference)


def _reference_letter(reference: str) -> str | None:
    match = re.fullmatch(r"\s*(?i:option\s+)?\(?([A-Ja-j])\)?[.)]?\s*", reference)
    return match.group(1).upper() if match else None


def _without_units(span: str) -> str:
    """A committed answer span with units dropped from its value(s): math-verify reads "N" or "\\Omega" as a factor."""
    boxes = boxed_spans(span)
    if not boxes:
        return _strip_unit(_unwrap(span))
    return ", ".join(f"\\boxed{{{_strip_unit(_unwrap(content))}}}" for _, _, content in boxes)


def verify_science(reference: str | None, question: str, response: str) -> dict[str, Any]:
    """Check a science trace's final answer against ``reference``.

    Returns ``{"correct": bool | None, "extracted": str, "detail": str}``; ``correct`` is None when
    there is no reference, it is free-form text, or the answer commits to no single choice (the
    detail then starts with the reason: ``no_final_answer: …``, ``ambiguous: …``).
    """
    answer = split_response(response).answer
    options = parse_options(question)
    letter = _reference_letter(reference) if reference else None
    if letter:
        extracted = extract_choices(answer, options or None)
        detail = f"reference={letter} extracted={extracted or 'nothing'}"
        if len(extracted) != 1:
            return {"correct": None, "extracted": extracted, "detail": f"{'ambiguous' if extracted else 'no_final_answer'}: {detail}"}
        return {"correct": extracted == letter, "extracted": extracted, "detail": detail}
    gold = _numeric_gold(reference) if reference else None
    if gold is not None:
        verdict = judge(gold, answer, clean=_without_units)
        if verdict["correct"] is None:
            return verdict
        return {**verdict, "detail": f"reference={reference} extracted={verdict['extracted'] or 'nothing'}"}
    if options:
        extracted = extract_choices(answer, options)
    else:
        boxed = boxed_spans(answer)
        extracted = _unwrap(boxed[-1][2]).strip() if boxed else answer.strip().split("\n")[-1][:200]
    why = "no reference" if not reference else f"free-form reference {reference[:80]!r} not checked"
    return {"correct": None, "extracted": extracted, "detail": f"{why}; extracted={extracted or 'nothing'}"}
