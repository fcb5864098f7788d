"""Science endings written for the choice extractor: self-corrections, case, E–J, negations, markdown, ambiguity.

Each ending is the text after ``</think>``; the expected value is the letter the final committed choice
names, "" when it names none, or several letters when the final statement is ambiguous.
"""

import pytest

from mot.verifiers.science import extract_choices, verify_science

FOUR = "A 17 kg crate accelerates at 4 m/s². What is the net force?\nA) 68 N\nB) 21 N\nC) 136 N\nD) 4.2 N"
TEN = "Which enzyme is described?\n" + "\n".join(f"({c}) enzyme {c.lower()}{c.lower()}" for c in "ABCDEFGHIJ")

ENDINGS = [
    # self-corrections: the last committed choice wins
    ("I think the answer is A, but actually it's C.", FOUR, "C"),
    ("The answer is (B)... wait, no, it's (D).", FOUR, "D"),
    ("Initially I picked B. On reflection, the correct answer is A.", FOUR, "A"),
    ("Answer: C\n\nHmm, let me recheck the units. Actually, the answer is D.", FOUR, "D"),
    ("My first instinct was option B, but it must be (C).", FOUR, "C"),
    ("\\boxed{A}\n\nCorrection: the friction term cancels, so the answer is B.", FOUR, "B"),
    ("So (D)? No. Going back over it, I choose A.", FOUR, "A"),
    ("It seemed like C. However, it is (B).", FOUR, "B"),
    ("The answer is A. Wait, I misread the mass; the final answer is C.", FOUR, "C"),
    ("Answer: D. Rechecking gives the same: Answer: D.", FOUR, "D"),
    # lower-case letters
    ("The answer is (e).", TEN, "E"),
    ("answer: c", FOUR, "C"),
    ("the correct option is b.", FOUR, "B"),
    ("final answer: (d)", FOUR, "D"),
    ("So I'd go with option a.", FOUR, "A"),
    ("\\boxed{c}", FOUR, "C"),
    ("the answer is a", FOUR, "A"),
    ("(b) is correct.", FOUR, "B"),
    # E–J
    ("The answer is I.", TEN, "I"),
    ("The answer is (J).", TEN, "J"),
    ("Answer: F", TEN, "F"),
    ("**Answer: G**", TEN, "G"),
    ("\\boxed{H}", TEN, "H"),
    ("The correct choice is E.", TEN, "E"),
    ("(f) enzyme ff fits the kinetics, so the answer is (F).", TEN, "F"),
    ("Option J is the best answer.", TEN, "J"),
    ("I select (h).", TEN, "H"),
    ("So the final answer is \\(\\boxed{\\text{(E)}}\\).", TEN, "E"),
    # negations never count
    ("The answer is not (B); it is (C).", FOUR, "C"),
    ("It is not B. The correct answer is D.", FOUR, "D"),
    ("The answer isn't A, so the answer is C.", FOUR, "C"),
    ("Eliminating (A) and (B), the answer is D.", FOUR, "D"),
    ("Not (C): that double counts. Answer: A", FOUR, "A"),
    ("The answer is not (B).", FOUR, ""),
    ("Rather than B, I choose C.", FOUR, "C"),
    ("B is incorrect because the mass is 17 kg.", FOUR, ""),
    ("We can rule out D, so it is A.", FOUR, "A"),
    ("Option B is wrong; option C is correct.", FOUR, "C"),
    # markdown and LaTeX wrappers
    ("**C**", FOUR, "C"),
    ("**Answer:** (A)", FOUR, "A"),
    ("### Final Answer\n\\boxed{D}", FOUR, "D"),
    ("$\\boxed{\\text{(C)}}$", FOUR, "C"),
    ("\\[\\boxed{\\textbf{B}}\\]", FOUR, "B"),
    ("Answer: C) 136 N", FOUR, "C"),
    ("The correct answer is **(B) 21 N**.", FOUR, "B"),
    ("__Answer: D__", FOUR, "D"),
    ("F = ma = 68 N.\n\n(A)", FOUR, "A"),
    ("F = ma = 68 N.\n\nA) 68 N", FOUR, "A"),
    ("\\boxed{C) 136 N}", FOUR, "C"),
    ("- **Answer**: B", FOUR, "B"),
    # several letters in one final statement: ambiguous
    ("The answer is A and C.", FOUR, "AC"),
    ("Answer: B or D", FOUR, "BD"),
    ("Both (A) and (C) are correct.", FOUR, "AC"),
    ("The answer is C, D.", FOUR, "CD"),
    ("The answer is (e) or (g).", TEN, "EG"),
    # answers by option text or none at all
    ("The net force is 136 N.", FOUR, "C"),
    ("A good approach is F = ma, which gives 68 N.", FOUR, "A"),
    ("I cannot determine the answer.", FOUR, ""),
    ("A good approach is to use Newton's law.", FOUR, ""),
    ("It is a common mistake to forget units.", FOUR, ""),
    ("I think the data are insufficient.", FOUR, ""),
    # explanations after the answer do not override it
    ("Answer: C\n\nOption B would need a = 1.2 m/s², which is wrong.", FOUR, "C"),
    ("The answer is (A). Options B, C and D use the wrong mass.", FOUR, "A"),
    ("D is the correct answer; (A) forgets the factor of 2 and (B) the sign.", FOUR, "D"),
    ("Therefore, the answer is C) 136 N.", FOUR, "C"),
    ("So the answer, I believe, is B.", FOUR, "B"),
    ("The answer would be (C)", FOUR, "C"),
    ("The best answer is D", FOUR, "D"),
    ("Thus, the correct answer is **(D)**.", FOUR, "D"),
]


def test_there_are_many_endings():
    assert len(ENDINGS) >= 60


def test_endings_are_read_at_97_percent_or_better():
    misses = [(ending, expected, got) for ending, question, expected in ENDINGS
              if (got := extract_choices(ending, _options(question))) != expected]
    assert 1 - len(misses) / len(ENDINGS) >= 0.97, misses


def _options(question: str) -> dict[str, str]:
    from mot.verifiers.science import parse_options

    return parse_options(question)


def trace(answer: str) -> str:
    return f"<think>\nThe force is 68 N, so maybe \\boxed{{A}}? Or B.\n</think>\n\n{answer}"


@pytest.mark.parametrize(
    ("reference", "ending", "correct", "detail"),
    [
        ("A", "I think the answer is A, but actually it's C.", False, "reference=A extracted=C"),
        ("C", "I think the answer is A, but actually it's C.", True, "reference=C extracted=C"),
        ("C", "The answer is A and C.", None, "ambiguous: reference=C extracted=AC"),
        ("B", "The answer is not (B).", None, "no_final_answer: reference=B extracted=nothing"),
        ("b", "answer: (b)", True, "reference=B extracted=B"),
        # An explicit answer outranks a letter mentioned afterwards in passing (and its twin: the passing
        # mention is never the answer when the reference is that letter).
        ("B", "The answer is B. Option A would be correct only if the field reversed.", True, "reference=B extracted=B"),
        ("A", "The answer is B. Option A would be correct only if the field reversed.", False, "reference=A extracted=B"),
        ("C", "The correct answer is C. It is a common mistake to pick A.", True, "reference=C extracted=C"),
        ("B", "**Answer: B**\n\nExplanation: choice A is the best only for small angles.", True, "reference=B extracted=B"),
    ],
)
def test_mcq_verdicts(reference, ending, correct, detail):
    verdict = verify_science(reference, FOUR, trace(ending))
    assert (verdict["correct"], verdict["detail"]) == (correct, detail)


@pytest.mark.parametrize(
    ("reference", "ending", "correct"),
    [
        ("136 N", "So $F = \\boxed{136\\ \\text{N}}$.", True),
        ("136", "The answer is 136 N.", True),
        ("136", "The net force is $136$ N.", None),  # prose only: the math policy finds no final answer
        ("136", "$\\boxed{68}$ N", False),
        ("9.8 m/s^2", "\\boxed{9.8\\,\\mathrm{m/s^2}}", True),
        ("0.5", "The final answer is $\\frac{1}{2}$.", True),
        ("2.5", "\\boxed{25}", False),
        # Only units are stripped: a LaTeX value or a variable is part of the answer.
        ("2\\sqrt{3}", "$\\boxed{2 \\sqrt{3}}$", True),
        ("2", "$\\boxed{2 \\sqrt{3}}$", False),
        ("2\\pi", "The answer is $2\\pi$.", True),
        ("2", "The answer is $2\\pi$.", False),
    ],
)
def test_numeric_science_answers_follow_the_math_policy(reference, ending, correct):
    assert verify_science(reference, "What is the net force?", trace(ending))["correct"] is correct
