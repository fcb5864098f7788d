"""What a problem statement says about judging: the float tolerance, whether several answers are
accepted, whether it is interactive. Used when the data does not say it explicitly.

Example:
    >>> float_tolerance("Your answer is accepted if its absolute or relative error does not exceed $10^{-6}$.")
    FloatTolerance(value=1e-06, relative=True)
    >>> float_tolerance("Print the answer with absolute error at most 10^{-4}.")
    FloatTolerance(value=0.0001, relative=False)
    >>> float_tolerance("Print the answer modulo 10^9+7.") is None
    True
    >>> accepts_several_answers("If there are multiple answers, print any of them.")
    True
"""
from __future__ import annotations

import re
from typing import NamedTuple

_ERROR_PHRASE = re.compile(r"(absolute|relative)\s+(or\s+relative\s+|or\s+absolute\s+|and\s+relative\s+)?error"
                           r"|(precision|accuracy)\s+of|error\s+(of|less|at\s+most|not\s+exceeding)", re.I)
# 10^{-6}, 10^-6, 10^(-6), 10^{−6} (unicode minus), 1e-6, 1E-06, \cdot 10^{-6} forms
_POWER = re.compile(r"(?:(\d+(?:\.\d+)?)\s*(?:\\cdot|\\times|·|\*|×)\s*)?10\s*\^\s*\{?\(?\s*[-−–]\s*(\d+)\s*\)?\}?"
                    r"|\b(\d(?:\.\d+)?)\s*[eE]\s*[-−]\s*(\d+)\b")
_WINDOW = 250  # characters after the error phrase where the bound must appear

_SEVERAL = re.compile(
    r"(print|output|write|find|return)\s+any(\s+(one|of|valid|such|correct|possible|optimal|suitable))?"
    r"|any\s+of\s+them|(several|multiple|many|more\s+than\s+one)\s+(possible\s+|valid\s+|correct\s+|optimal\s+)?"
    r"(answers|solutions)\b"
    r"|in\s+any\s+order|any\s+(valid|correct)\s+(answer|solution)", re.I)

# "Interaction" as a section heading, not "the interaction between particles".
_INTERACTIVE = re.compile(r"\binteractive\s+problem\b|^[ \t#*]*interaction[ \t*:]*$|\bflush\s+the\s+output\b|\bfflush\s*\(", re.I | re.M)


class FloatTolerance(NamedTuple):
    value: float
    relative: bool  # False when the statement speaks of absolute error only


def float_tolerance(statement: str) -> FloatTolerance | None:
    """The error the statement allows for floats ("absolute or relative error does not exceed
    10^{-6}"), or None when it states none."""
    for phrase in _ERROR_PHRASE.finditer(statement):
        window = statement[phrase.start(): phrase.end() + _WINDOW]
        bound = _POWER.search(window)
        if bound is None:
            continue
        absolute_only = "absolute" in phrase.group(0).lower() and "relative" not in phrase.group(0).lower()
        if bound.group(2) is not None:
            mantissa = float(bound.group(1)) if bound.group(1) else 1.0
            value = mantissa * 10.0 ** -int(bound.group(2))
        else:
            value = float(f"{bound.group(3)}e-{bound.group(4)}")
        return FloatTolerance(value, relative=not absolute_only)
    return None


def accepts_several_answers(statement: str) -> bool:
    """Whether the statement allows more than one right output ("print any of them", "in any
    order"), so that comparing with the one expected output cannot reject."""
    return _SEVERAL.search(statement) is not None


def is_interactive(statement: str) -> bool:
    """Whether the statement describes an interactive protocol (flushing, an interactor)."""
    return _INTERACTIVE.search(statement) is not None
