from mot.sandbox import CompareRule, compare_output, extract_final_code
from mot.sandbox.statement import accepts_several_answers, float_tolerance, is_interactive

F = "`" * 3


def test_last_block_after_think():
    text = f"<think>\n{F}python\nprint('draft')\n{F}\n</think>\nAnswer:\n{F}python\nprint(1)\n{F}\nthen\n{F}python\nprint(2)\n{F}\n"
    e = extract_final_code(text)
    assert e.code == "print(2)\n" and e.lang == "python"


def test_unclosed_think_has_no_answer():
    assert extract_final_code(f"<think>\n{F}python\nprint(1)\n{F}\n") is None


def test_non_code_fence_skipped_and_lang_from_fence_or_default():
    text = f"</think>\n{F}cpp\nint main(){{}}\n{F}\nOutput:\n{F}text\n3\n{F}\n"
    e = extract_final_code(text)
    assert e.lang == "cpp" and "main" in e.code
    e = extract_final_code(f"x\n{F}\nfoo()\n{F}\n", default_lang="python")
    assert e.lang == "python"
    e = extract_final_code(f"x\n{F}\n#include <cstdio>\nint main(){{}}\n{F}\n")
    assert e.lang == "cpp"
    assert extract_final_code("no code here") is None


def test_compare_default_tokens():
    assert compare_output("1 2\n3\n", "1  2 3")[0]
    assert not compare_output("1 2", "1 2 3")[0]  # missing token
    assert not compare_output("1 2 3 4", "1 2 3")[0]  # extra token
    assert compare_output("Yes", "YES")[0] and compare_output("nO", "NO")[0]  # yes/no in any case
    assert not compare_output("YES", "NO")[0] and not compare_output("Yess", "YES")[0]
    assert not compare_output("Alice", "alice")[0]  # other words keep their case
    assert not compare_output("0.3333333", "0.333333333")[0]  # floats exact unless a tolerance is given
    assert not compare_output("1.0", "1")[0]


def test_compare_options():
    assert not compare_output("YES", "yes", CompareRule(yes_no_case_insensitive=False))[0]
    assert not compare_output("Maybe", "maybe", CompareRule(yes_no_case_insensitive=True))[0]
    assert compare_output("1", "1.000000", CompareRule(float_tol=1e-6))[0]
    assert not compare_output("1_000", "1000", CompareRule(float_tol=1e-6))[0]  # Python-only number syntax
    assert not compare_output("inf", "inf1", CompareRule(float_tol=1e-6))[0]
    assert compare_output("0.3333333", "0.333333333", CompareRule(float_tol=1e-6))[0]
    assert compare_output("1000000.5", "1000000.4", CompareRule(float_tol=1e-6))[0]  # relative
    assert not compare_output("1000000.5", "1000000.4", CompareRule(float_tol=1e-6, float_relative=False))[0]
    assert not compare_output("0.34", "0.33", CompareRule(float_tol=1e-6))[0]
    assert not compare_output("nan", "nan1", CompareRule(float_tol=1e-6))[0]


def test_first_differing_token_is_the_evidence():
    assert compare_output("1 2 4 9", "1 2 3 9") == (False, "token 2: expected '3', got '4'")
    ok, detail = compare_output("1 2", "1 2 3")
    assert not ok and "token 2: expected '3', got nothing" in detail


def test_cpp20_fence_asks_for_cpp20():
    assert extract_final_code(f"</think>\n{F}cpp20\nint main(){{}}\n{F}\n").cpp_standard == "c++20"
    assert extract_final_code(f"</think>\n{F}cpp\nint main(){{}}\n{F}\n").cpp_standard is None


def test_float_tolerance_from_statement_text():
    said = {
        "Your answer will be considered correct if its absolute or relative error does not exceed $$$10^{-6}$$$.": 1e-6,
        "The answer is accepted if the absolute or relative error doesn't exceed 10^-9.": 1e-9,
        "Your output is considered correct if the absolute or relative error from the true answer is at most 10^{−5}.": 1e-5,
        "Print with relative error at most 1e-4.": 1e-4,
        "absolute error not exceeding 5 \\cdot 10^{-3}": 5e-3,
    }
    for text, tolerance in said.items():
        assert float_tolerance(text).value == tolerance, text
    assert float_tolerance("absolute error not exceeding 10^{-3}").relative is False
    for text in ("Print the answer modulo 10^9+7.", "1 <= n <= 10^{5}", "Output the error count."):
        assert float_tolerance(text) is None, text


def test_several_answers_and_interactive_from_statement_text():
    assert accepts_several_answers("If there are multiple answers, you may print any of them.")
    assert accepts_several_answers("Print the elements in any order.")
    assert not accepts_several_answers("Print the minimum number of moves.")
    assert is_interactive("This is an interactive problem. After printing a query do not forget to flush the output.")
    assert not is_interactive("Read n and print the sum.")


def test_counting_problems_are_not_several_answer_problems():
    assert not accepts_several_answers("Count the number of ways; there are many ways, print it modulo 998244353.")
    assert not accepts_several_answers("Answer multiple queries. There are multiple test cases.")


def test_interaction_as_a_heading_is_interactive_as_a_word_is_not():
    assert is_interactive("Guess the hidden number.\n\nInteraction\n\nPrint '? x' to ask.")
    assert is_interactive("Input\n...\n**Interaction:**\nAfter each query read the answer.")
    assert not is_interactive("The interaction between two particles is repulsive. Output the total energy.")
    assert not is_interactive("Print the strength of each interaction in the input order.")
