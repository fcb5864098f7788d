"""Science verification: option parsing, MCQ extraction over many answer phrasings, numeric references."""

import pytest

from mot.verifiers.science import extract_choice, parse_options, verify_science

OPTIONS = {"A": "68 N", "B": "21 N", "C": "136 N", "D": "4.2 N"}
TEN = {letter: f"option text {letter.lower()}" for letter in "ABCDEFGHIJ"}

# (final answer after </think>, options, expected letter): phrasings seen in R1 / Nemotron science outputs.
PHRASINGS = [
    ("**Answer: B**", OPTIONS, "B"),
    ("Answer: C", OPTIONS, "C"),
    ("Answer: (D)", OPTIONS, "D"),
    ("**Answer:** A", OPTIONS, "A"),
    ("Final Answer: B", OPTIONS, "B"),
    ("**Final Answer**\n\\boxed{C}", OPTIONS, "C"),
    ("The final answer is $\\boxed{D}$.", OPTIONS, "D"),
    ("\\[\n\\boxed{A}\n\\]", OPTIONS, "A"),
    ("$\\boxed{\\text{B}}$", OPTIONS, "B"),
    ("\\boxed{\\textbf{(C)}}", OPTIONS, "C"),
    ("\\boxed{(D)}", OPTIONS, "D"),
    ("\\boxed{A) 68 N}", OPTIONS, "A"),
    ("So the net force is \\boxed{136 N}.", OPTIONS, "C"),
    ("The answer is (A).", OPTIONS, "A"),
    ("The answer is B.", OPTIONS, "B"),
    ("Therefore, the answer is C) 136 N.", OPTIONS, "C"),
    ("Thus, the correct answer is **(D)**.", OPTIONS, "D"),
    ("The correct answer is option B.", OPTIONS, "B"),
    ("The correct option is (C) 136 N.", OPTIONS, "C"),
    ("The correct choice is A.", OPTIONS, "A"),
    ("The best answer is D", OPTIONS, "D"),
    ("So the answer should be B.", OPTIONS, "B"),
    ("The answer would be (C)", OPTIONS, "C"),
    ("The answer is therefore A.", OPTIONS, "A"),
    ("Option B is correct.", OPTIONS, "B"),
    ("Option (D) is the correct answer.", OPTIONS, "D"),
    ("(C) is correct: F = ma gives 136 N.", OPTIONS, "C"),
    ("A is the correct answer because F = ma.", OPTIONS, "A"),
    ("I choose B.", OPTIONS, "B"),
    ("I'd go with option D.", OPTIONS, "D"),
    ("We select C.", OPTIONS, "C"),
    ("F = ma = 17 kg × 4 m/s² = 68 N.\n\nTherefore, the answer is A) 68 N.", OPTIONS, "A"),
    ("F = ma = 17 × 4 = 68 N.\n\n**A**", OPTIONS, "A"),
    ("The net force is 68 N.\n\n(A)", OPTIONS, "A"),
    ("B", OPTIONS, "B"),
    ("D) 4.2 N", OPTIONS, "D"),
    ("The net force is 136 N.", OPTIONS, "C"),
    ("It is not 68 N (that ignores nothing); the force is 136 N.", OPTIONS, "C"),
    ("The answer is not B; the answer is (C).", OPTIONS, "C"),
    ("Answer: C\n\nOption B would require a = 1.2 m/s², which is wrong.", OPTIONS, "C"),
    ("**The correct answer is: B**", OPTIONS, "B"),
    ("The answer is: **D**", OPTIONS, "D"),
    ("answer: (b)", None, "B"),  # letters are case-insensitive
    ("The answer is I.", TEN, "I"),
    ("The answer is (J).", TEN, "J"),
    ("The correct answer is H: option text h.", TEN, "H"),
    ("\\boxed{G}", TEN, "G"),
    ("I think the mechanism involves option text e, so \\boxed{E}.", TEN, "E"),
    ("So the answer, I believe, is B.", OPTIONS, "B"),
    ("The answer is B.", None, "B"),
    ("Answer: (E)", None, "E"),
    ("The correlation is strong, so nothing can be concluded.", None, None),
    ("A good approach is to use F = ma, which gives 68 N.", OPTIONS, "A"),  # by option text, not the article "A"
    ("A good approach is to use Newton's law.", OPTIONS, None),
]


@pytest.mark.parametrize(("answer", "options", "expected"), PHRASINGS)
def test_extract_choice_over_answer_phrasings(answer, options, expected):
    assert extract_choice(answer, options) == expected


def test_the_phrasing_set_is_large():
    assert len(PHRASINGS) >= 40


@pytest.mark.parametrize(
    ("question", "options"),
    [
        ("Which?\nA) 1 N\nB) 2 N\nC) 3 N\n\nChoose the correct option.", {"A": "1 N", "B": "2 N", "C": "3 N"}),
        ("Which?\n(A) red\n(B) blue", {"A": "red", "B": "blue"}),
        ("Which?\nA. Vitamin C. deficiency\nB. iron", {"A": "Vitamin C. deficiency", "B": "iron"}),
        ("Which of the following is a noble gas?\nA: Neon\nB: Sodium\nC: Iron\nD: Chlorine", {"A": "Neon", "B": "Sodium", "C": "Iron", "D": "Chlorine"}),
        ("Which option is B? A) a B) b C) c", {"A": "a", "B": "b", "C": "c"}),
        ("Explain why ice floats. A. Wegener proposed drift.", {}),
        ("\n".join(f"{c}) choice {c}" for c in "ABCDEFGHIJ"), {c: f"choice {c}" for c in "ABCDEFGHIJ"}),
    ],
)
def test_parse_options(question, options):
    assert parse_options(question) == options


QUESTION = "A 40 V battery drives a 2 Ω resistor. What current flows?\n\nA) 80 A\nB) 20 A\nC) 22 A\nD) 0.05 A\n\nChoose the correct option."


def trace(answer: str) -> str:
    return f"<think>\nI = V/R = 20 A. Maybe \\boxed{{C}}? No.\n</think>\n\n{answer}"


def test_mcq_reference_right_wrong_and_missing_choice():
    assert verify_science("B", QUESTION, trace("I = 20 A.\n\n**Answer: B**"))["correct"] is True
    wrong = verify_science("B", QUESTION, trace("**Answer: C**"))
    assert wrong == {"correct": False, "extracted": "C", "detail": "reference=B extracted=C"}
    assert verify_science("(B)", QUESTION, trace("The current is 20 A."))["correct"] is True  # by option text
    undecided = verify_science("B", QUESTION, trace("I cannot decide."))
    assert undecided == {"correct": None, "extracted": "", "detail": "no_final_answer: reference=B extracted=nothing"}


def test_numeric_reference_goes_through_math_verify():
    question = "A 15 kg cart accelerates at 8 m/s². What is the net force in newtons?"
    assert verify_science("120 N", question, trace("F = ma, so $\\boxed{120\\ \\text{N}}$."))["correct"] is True
    assert verify_science("120", question, trace("F = $\\boxed{1.2 \\times 10^{2}}$ N"))["correct"] is True
    wrong = verify_science("120 N", question, trace("$\\boxed{23}$ N"))
    assert wrong["correct"] is False and wrong["detail"] == "reference=120 N extracted=23"


def test_without_reference_the_extracted_answer_is_recorded_unverified():
    mcq = verify_science(None, QUESTION, trace("The answer is (B)."))
    assert mcq == {"correct": None, "extracted": "B", "detail": "no reference; extracted=B"}
    free = verify_science(None, "Explain why ice floats on water.", trace("Ice is less dense than liquid water."))
    assert free["correct"] is None and free["extracted"] == "Ice is less dense than liquid water."
    assert verify_science("Hydrogen bonding", "Why does ice float?", trace("Hydrogen bonds."))["correct"] is None


def test_units_in_the_boxed_answer_do_not_make_it_wrong():
    assert verify_science("6", "q", "<think>x</think> So $\\boxed{6\\ \\Omega}$.")["correct"] is True
    assert verify_science("2.5", "q", "<think>x</think> $a = \\boxed{2.5\\ \\text{m/s}^2}$")["correct"] is True
    assert verify_science("7", "q", "<think>x</think> So $\\boxed{6\\ \\Omega}$.")["correct"] is False
