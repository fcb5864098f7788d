from mot.sandbox import CompareRule, compare_output, extract_final_code

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
    assert not compare_output("YES", "yes")[0]
    assert not compare_output("0.3333333", "0.333333333")[0]


def test_compare_options():
    assert compare_output("YES", "yes", CompareRule(yes_no_case_insensitive=True))[0]
    assert not compare_output("Maybe", "maybe", CompareRule(yes_no_case_insensitive=True))[0]
    assert compare_output("0.3333333", "0.333333333", CompareRule(float_tol=1e-6))[0]
    assert compare_output("1000000.5", "1000000.4", CompareRule(float_tol=1e-6))[0]  # relative
    assert not compare_output("0.34", "0.33", CompareRule(float_tol=1e-6))[0]
    assert not compare_output("nan", "nan1", CompareRule(float_tol=1e-6))[0]
