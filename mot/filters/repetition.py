"""Repetition loops: the same paragraph over and over, or a trace whose end cycles through the same words.

R1 falls into loops that run to the length limit or that it escapes only after many copies.
Two cheap signals, each catching one shape of loop:

- a line of at least ``min_line_chars`` characters occurring ``max_line_repeats`` times or more
  (a paragraph pasted 30 times). Short lines never count, so R1's habitual "Wait," or
  "Let me check." lines, ``\\]`` in LaTeX and ``}`` in code are safe;
- the last ``tail_words`` words of the reasoning or the answer having fewer than
  ``min_tail_distinct`` distinct ``ngram``-word n-grams per n-gram: a tail made of k copies of one
  block scores about 1/k, ordinary prose, derivations and code close to 1.

Example:
    >>> from mot.trace import split_response
    >>> loop = "Wait, so the total is 12 apples and 7 oranges, which means the answer should be 19. " * 40
    >>> check(split_response(f"<think>\\nLet me count.\\n{loop}\\n</think>\\n\\n\\\\boxed{{19}}"), "math", RepetitionConfig()).reason
    'repetition'
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from mot.decision import Drop
from mot.trace import Response


@dataclass(frozen=True)
class RepetitionConfig:
    min_line_chars: int = 40
    max_line_repeats: int = 10
    tail_words: int = 200
    ngram: int = 8
    min_tail_distinct: float = 0.3


def most_repeated_line(text: str, min_chars: int) -> tuple[str, int]:
    """The most frequent stripped line of at least ``min_chars`` characters, and its count.

    >>> most_repeated_line("Wait,\\nThe sum is 12 so far.\\nWait,\\nThe sum is 12 so far.", min_chars=10)
    ('The sum is 12 so far.', 2)
    """
    counts = Counter(line for raw in text.split("\n") if len(line := raw.strip()) >= min_chars)
    return counts.most_common(1)[0] if counts else ("", 0)


def tail_distinct_ratio(text: str, words: int, n: int) -> float:
    """Distinct n-grams per n-gram over the last ``words`` words of ``text`` (1.0 when too short to tell).

    >>> tail_distinct_ratio("a b c d " * 10, words=40, n=4)
    0.108...
    """
    tail = text[-words * 12 :].split()[-words:]  # a word is rarely over 12 characters: no full split of long traces
    total = len(tail) - n + 1
    if total < 2 * n:
        return 1.0
    return len(set(zip(*(tail[i:] for i in range(n))))) / total


def check(response: Response, domain: str, config: RepetitionConfig) -> Drop | None:
    """``repetition`` when the reasoning or the answer loops, else None."""
    for part, text in (("reasoning", response.reasoning or ""), ("answer", response.answer)):
        line, count = most_repeated_line(text, config.min_line_chars)
        if count >= config.max_line_repeats:
            return Drop("repetition", f"{part}: a line repeated {count} times: {line[:80]!r}")
        ratio = tail_distinct_ratio(text, config.tail_words, config.ngram)
        if ratio < config.min_tail_distinct:
            return Drop("repetition", f"{part}: last {config.tail_words} words have {ratio:.0%} distinct {config.ngram}-grams")
    return None
