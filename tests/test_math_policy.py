"""The math answer policy on R1-style endings: wrong answers are never verified, right ones in many styles are.

Every response is ``<think>…</think>`` + the final-answer section; the reasoning always holds a boxed
*gold* value, so a verdict read from the reasoning would show up as a wrongly verified trace.
"""

import pytest

from mot.verifiers.final_answer import commitments
from mot.verifiers.math_answer import answers_equal, parse_answer, verify_answer


def response(gold: str, answer: str) -> str:
    return f"<think>\nLet me work it out. So the result is \\boxed{{{gold}}}. Let me double check.\n</think>\n\n{answer}"


# (gold, final-answer section): each states a wrong answer, no answer, or two answers.
WRONG = [
    # unboxed numbers inside LaTeX, in prose with no answer statement
    ("12", "Thus the area is $12\\sqrt{3}$ square units."),
    ("4", "The length of the diagonal is $4\\sqrt{2}$."),
    ("3", "Hence the ratio equals $\\frac{3}{4}$."),
    ("2", "So there are $2^{10}$ ways."),
    ("5", "The sum is $5\\pi$."),
    ("1", "We get $1 + \\sqrt{5}$ as the largest root."),
    ("10", "This gives $10!$ arrangements in total."),
    ("7", "The minimum is attained at $x = 7/2$."),
    ("2", "So the probability is \\(2/9\\)."),
    ("6", "Therefore the volume is $6\\sqrt[3]{2}$ cubic units."),
    ("12", "The area of the triangle is 12."),  # right value, but only in prose: unverified, not verified
    # explicit statements with a wrong value in LaTeX
    ("12", "The answer is $12\\sqrt{3}$."),
    ("12", "The final answer is $12\\sqrt{3}$."),
    ("3", "**Answer:** $3^{2}$"),
    ("2", "Final answer: $2\\pi$"),
    ("1", "The answer is $\\frac{1}{2}$."),
    ("8", "The answer is \\(8x\\)."),
    ("2", "the answer is $2^{2}$"),
    # units
    ("500", "The mass is $\\boxed{0.5\\text{ kg}}$."),
    ("60", "The speed is $\\boxed{1\\ \\text{km/min}}$."),
    ("90", "The angle is $\\boxed{\\frac{\\pi}{2}}$ radians."),
    ("15", "The answer is 150 mm^2."),
    ("20", "The discount is $\\boxed{\\$20.50}$."),
    ("3", "So $a = \\boxed{30\\ \\text{dm/s}^2}$."),
    # a correct intermediate value, then a wrong final one
    ("24", "First, $4! = 24$ orderings. Dividing by 2 for the symmetry, the answer is $\\boxed{12}$."),
    ("9", "We get $x^2 = 9$, so $x = \\boxed{3}$."),
    ("35", "$\\binom{7}{3} = 35$ ways to choose, each ordered in $3! = 6$ ways: $\\boxed{210}$."),
    ("7", "The remainder is 7 when divided by 9. Thus the answer is 16."),
    ("100", "The first ten odd numbers sum to $100$; adding the next one, the final answer: 121."),
    ("2", "$f(1) = 2$, and $f(f(1)) = f(2) = 5$.\n\n**Final Answer**\n\\[\n\\boxed{5}\n\\]"),
    ("1/2", "One coin gives 1/2; for two coins the answer is 1/4."),
    ("x=3", "Solving gives $x = 3$. Then $y = 2x = 6$, so the answer is $y = 6$."),
    ("60", "Angle $A$ is $60^\\circ$, so angle $B$ is $\\boxed{120^\\circ}$."),
    ("0.5", "One head has probability 0.5. The answer is $\\boxed{0.25}$"),
    ("12", "Thus $AB = 12$ and $BC = 13$, so the answer is $BC = 13$."),
    ("7", "The answer is 7 + 1 = 8."),
    # two boxed answers
    ("12", "The answer is $\\boxed{12}$ or $\\boxed{15}$."),
    ("12", "$\\boxed{12}$\n\nWait, the second case adds 3, so $\\boxed{15}$."),
    ("15", "So the answer is $\\boxed{12}$.\n\nHmm, alternatively it could be $\\boxed{15}$."),
    ("3", "$\\boxed{3}$ and $\\boxed{-3}$"),
    ("-2", "The roots are $\\boxed{-2}, \\boxed{5}$."),
    ("6", "(a) $\\boxed{6}$\n\n(b) $\\boxed{8}$"),
    ("8", "(a) $\\boxed{6}$\n\n(b) $\\boxed{8}$"),
    ("2", "\\boxed{2} is what I first thought, but the answer is 3."),
    ("5", "Answer: 5?? Let me recompute: the answer is 6."),
    ("10", "It is tempting to say the answer is 10, but the final answer is $\\boxed{11}$."),
    # empty \boxed{}
    ("4", "The answer is $\\boxed{}$."),
    ("4", "\\boxed{ }"),
    ("4", "We found 4 above, so: \\boxed{}"),
    ("4", "$\\boxed{4}$ in the first part. Final: \\boxed{}"),
    # the answer only in the reasoning, none after </think>
    ("42", "I have shown all the steps above."),
    ("42", "See the derivation in my reasoning."),
    ("42", ""),
    ("42", "The value we found is 42."),
    ("42", "Hence $n = 42$ satisfies every condition."),
    # negations and hedges
    ("10", "The answer is not 10; it is 12."),
    ("10", "Final answer: 10 is incorrect, the correct value is 11."),
    ("Yes", "The answer is no."),
    # wrong forms of the right kind of object
    ("1/3", "The answer is $\\frac{1}{3}x$."),
    ("\\frac{\\sqrt{3}}{2}", "The final answer is $\\boxed{\\frac{\\sqrt{2}}{2}}$."),
    ("(1, 2)", "$\\boxed{(2, 1)}$"),
    ("[0, 1)", "$\\boxed{[0, 1]}$"),
    ("\\{1, 2, 3\\}", "$\\boxed{\\{1, 2\\}}$"),
    ("x^2+1", "$\\boxed{x^2-1}$"),
    ("2.5", "\\boxed{2,6}"),
    ("1,22", "\\boxed{1.23}"),
    ("odd", "\\boxed{\\text{even}}"),
    ("12", "**Final Answer**\n12 is the number of edges; the number of vertices is $\\boxed{8}$."),
    ("3", "The answer is 3.5."),
    ("1000", "The answer is 1,000,000."),
]

# (gold, final-answer section): right answers in the styles R1 and other models write them.
RIGHT = [
    ("12", "So the answer is $\\boxed{12}$."),
    ("\\frac{3}{4}", "**Final Answer**\n\\[\n\\boxed{\\dfrac{3}{4}}\n\\]"),
    ("0.75", "$\\boxed{\\frac34}$"),
    ("2\\sqrt{5}", "The length is $\\boxed{\\sqrt{20}}$."),
    ("(1, -2)", "The point is $\\boxed{(1,-2)}$."),
    ("12\\sqrt{3}", "Thus the area is $\\boxed{12\\sqrt{3}}$ square units."),
    ("12", "The final answer is 12."),
    ("12", "The answer is $12$."),
    ("12", "**Answer:** 12"),
    ("12", "Final Answer: The area is 12."),
    ("12", "$12$ is the answer."),
    ("-5", "$\\boxed{-5}$"),
    ("7425000", "The total is $\\boxed{7{,}425{,}000}$."),
    ("7425000", "The answer is 7,425,000."),
    ("1,22", "\\boxed{1.22}"),
    ("[0,1)", "The solution set is $\\boxed{[0, 1)}$."),
    ("(-\\infty, 2] \\cup [3, \\infty)", "$\\boxed{(-\\infty,2]\\cup[3,\\infty)}$"),
    ("\\{1, 2, 3\\}", "\\boxed{1, 2, 3}"),
    ("1, 2, 3", "The solutions are $\\boxed{1}$, $\\boxed{2}$, and $\\boxed{3}$."),
    ("3, 5", "(a) $\\boxed{3}$\n\n(b) $\\boxed{5}$"),
    ("x = 2", "$\\boxed{x=2}$"),
    ("2", "$\\boxed{x = 2}$"),
    ("odd", "$\\boxed{\\text{odd}}$"),
    ("Yes", "\\boxed{\\text{Yes}}"),
    ("Evelyn", "Therefore, $\\boxed{\\text{Evelyn}}$ is our answer."),
    ("28\\%", "\\boxed{28\\%}"),
    ("\\frac{1}{4}", "$\\boxed{\\frac14}$"),
    ("\\sqrt{3}", "\\boxed{\\sqrt3}"),
    ("90^\\circ", "The angle is $\\boxed{90^\\circ}$."),
    ("15", "The area is $\\boxed{15\\text{ cm}^2}$."),
    ("120", "The distance is $\\boxed{120 \\text{ miles}}$."),
    ("x^2 + 2x + 1", "$\\boxed{(x+1)^2}$"),
    ("\\frac{\\pi}{3}", "$\\boxed{\\pi/3}$"),
    ("0.5", "$\\boxed{\\frac{1}{2}}$"),
    ("\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}", "$\\boxed{\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}}$"),
    ("204_5", "The quotient is $\\boxed{204_5}$."),
    ("1 \\pm \\sqrt{19}", "By the quadratic formula, $x = \\boxed{1 \\pm \\sqrt{19}}$."),
    ("12", "The answer is \\(\\boxed{12}\\).\n\nThe answer is 12."),
    ("12", "We first get $\\boxed{12}$.\n\n**Final Answer**\n\\boxed{12}"),
    ("\\frac12", "The probability is $\\boxed{0.5}$, i.e. $\\boxed{\\frac{1}{2}}$."),
    ("5", "Answer: $5$"),
    ("5", "Answer $5$"),
    ("-1", "The final answer is $-1$. I hope it is correct."),
    ("3", "The answer is therefore $\\boxed{3}$."),
    ("10", "The answer is not 9; the final answer is 10."),
    ("1000", "$\\boxed{1000}$ dollars"),
    ("16386.17", "Paula's investment is worth $\\boxed{\\$16386.17}$."),
    ("6", "\\boxed{6}\n\nThe answer is 6 apples."),
    ("2", "Thus, there are $\\boxed{2}$ distinct values."),
    ("a=4", "$\\boxed{4}$"),
    ("\\left(3, \\frac{\\pi}{2}\\right)", "The polar coordinates are $\\boxed{\\left( 3, \\frac{\\pi}{2} \\right)}.$"),
    ("\\frac{14}{3}", "$f(-2)+f(-1)+f(0)=2+\\frac{5}{3}+1=\\boxed{\\frac{14}{3}}$"),
    ("34", "Final Answer: The largest $n$ is 34."),
    ("\\infty", "The limit is $\\boxed{\\infty}$."),
    ("\\dfrac{-1 + \\sqrt{5}}{2}", "\\boxed{\\frac{\\sqrt{5}-1}{2}}"),
    ("2^{10}", "\\boxed{1024}"),
    ("4", "The solutions: $x = \\boxed{4}$"),
    ("\\frac{1}{3}", "The final answer is \\(\\frac{1}{3}\\)."),
    ("30", "**Final Answer:** $30$"),
    ("4", "$$\\boxed{4}$$"),
    ("3", "the answer is: **3**"),
    ("0", "The answer is 0."),
    ("12", "12"),
    ("-\\frac{2}{3}", "$-\\frac{2}{3}$"),
    ("(2, 3)", "Final answer: $(2, 3)$"),
    ("x \\geq 5", "Therefore $x \\geq 5$ is the solution."),
    ("1, -2", "So the integers are $n = \\boxed{1,-2}$."),
]


def test_the_sets_are_large():
    assert len(WRONG) >= 60 and len(RIGHT) >= 60


@pytest.mark.parametrize(("gold", "answer"), WRONG)
def test_a_wrong_or_missing_final_answer_is_never_verified(gold, answer):
    verdict = verify_answer(gold, response(gold, answer))
    assert verdict["correct"] is not True, verdict


@pytest.mark.parametrize(("gold", "answer"), RIGHT)
def test_a_right_final_answer_is_verified(gold, answer):
    verdict = verify_answer(gold, response("999", answer))
    assert verdict["correct"] is True, verdict


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ("Thus the area is $12\\sqrt{3}$ square units.", "no_final_answer"),
        ("", "no_final_answer"),
        ("The answer is $\\boxed{}$.", "empty_boxed"),
        ("So the answer is $\\boxed{12}$.\n\nHmm, alternatively it could be $\\boxed{15}$.", "ambiguous"),
    ],
)
def test_unverified_verdicts_say_why(answer, reason):
    verdict = verify_answer("15", response("15", answer))
    assert verdict["correct"] is None and verdict["detail"].startswith(f"{reason}: "), verdict


def test_a_wrong_final_answer_is_wrong_not_unverified():
    assert verify_answer("12", response("12", "The final answer is $12\\sqrt{3}$."))["correct"] is False
    assert verify_answer("12", response("12", "$\\boxed{12}$\n\nWait: $\\boxed{15}$."))["correct"] is False


def test_reasoning_that_never_closes_has_no_final_answer():
    verdict = verify_answer("4", "<think>\nSo it is \\boxed{4}")
    assert verdict["correct"] is None and verdict["detail"].startswith("no_final_answer: ")


def test_unparseable_gold_is_unverifiable_not_wrong():
    assert verify_answer("\\text{}", response("1", "\\boxed{1}"))["detail"].startswith("unparseable_gold: ")


@pytest.mark.parametrize(
    ("gold", "equal", "different"),
    [
        ("1,22", "1.22", "{1, 22}"),  # a decimal comma in a plain number
        ("0,111", "0.111", "111"),
        ("7,425,000", "7425000", "7.425"),  # thousands separators
        ("$-2,1$", "$\\{1, -2\\}$", "-2.1"),  # a LaTeX list is a set
        ("[0, 1)", "$[0,1)$", "$[0,1]$"),  # an interval
        ("\\{2, 3\\}", "$\\{3, 2\\}$", "$\\{2, 3, 4\\}$"),  # a set, in any order
        ("odd", "$\\text{odd}$", "$\\text{even}$"),  # a text answer
        ("Yes", "\\boxed{\\text{yes}}", "\\boxed{\\text{no}}"),
        ("28\\%", "$28\\%$", "$2.8$"),
    ],
)
def test_gold_is_parsed_in_its_own_form(gold, equal, different):
    assert answers_equal(gold, equal) is True
    assert answers_equal(gold, different) is not True


def test_expressions_in_latex_are_never_read_as_their_leading_number():
    assert [str(v) for v in parse_answer("$12\\sqrt{3}$")][0] == "12*sqrt(3)"
    assert [c.text for c in commitments("The answer is 12\\sqrt{3} square units.")] == ["12\\sqrt{3}"]


@pytest.mark.parametrize(
    ("section", "committed"),
    [
        ("The answer is $\\frac{1}{2}$, i.e. $\\boxed{0.5}$.", ["\\boxed{0.5}"]),
        ("$\\boxed{1} \\quad \\text{and} \\quad \\boxed{2}$", ["\\boxed{1} \\quad \\text{and} \\quad \\boxed{2}"]),
        ("\\boxed{1}. Later: \\boxed{2}", ["\\boxed{1}", "\\boxed{2}"]),
        ("\\boxed{12}\n\nActually, the final answer is 15.", ["\\boxed{12}", "15"]),
        ("Final Answer: The volume is 120. I hope it is correct.", ["120"]),
        ("The answer is not 10.", []),
        ("We find that $x = 3$.", []),
        ("**-5**", ["-5"]),
    ],
)
def test_what_counts_as_a_commitment(section, committed):
    assert [c.text for c in commitments(section)] == committed


@pytest.mark.parametrize(
    ("answer", "dropped"),
    [("So the sum is $\\boxed{4}$.", False), ("So the sum is $\\boxed{}$.", True), ("So the sum is $4$.", True)],
)
def test_answer_format_filter_reads_the_same_boxed_final_answer(answer, dropped):
    from mot.filters.answer_format import AnswerFormatConfig, check
    from mot.trace import split_response

    drop = check(split_response(f"<think>\nx\n</think>\n\n{answer}"), "math", AnswerFormatConfig())
    assert (drop is not None and drop.reason == "no_boxed_answer") is dropped


def test_an_article_after_the_box_is_not_an_answer_and_a_later_statement_overrides_boxed_parts():
    """"a whole number" is prose, not the value "a"; boxes per part are right only if nothing later contradicts them."""
    right = "<think>x</think> So $\\boxed{12}$.\n\nThe answer is a whole number."
    assert verify_answer("12", right)["correct"] is True
    assert verify_answer("13", right)["correct"] is False
    parts = "<think>x</think> (a) $\\boxed{3}$ (b) $\\boxed{5}$."
    assert verify_answer("3, 5", parts)["correct"] is True
    assert verify_answer("3, 5", parts + " So the answer is 7.")["correct"] is False
