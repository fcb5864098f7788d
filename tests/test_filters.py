"""Quality filters: positive and negative cases written like real DeepSeek-R1 output."""

from __future__ import annotations

import json

import pytest
from datatrove.data import Document

from mot.filters import FILTERS
from mot.filters.answer_format import AnswerFormatConfig
from mot.filters.answer_format import check as answer_format
from mot.filters.language import LanguageConfig
from mot.filters.language import check as language
from mot.filters.repetition import RepetitionConfig
from mot.filters.repetition import check as repetition
from mot.filters.think_structure import ThinkStructureConfig
from mot.filters.think_structure import check as think_structure
from mot.steps.quality import Quality
from mot.trace import split_response

OPENING = (
    "Okay, so I need to find the sum of all positive integers n such that n^2 - 19n + 99 is a perfect square. "
    "Hmm, let me think about how to approach this.\n\n"
    "First, let me set n^2 - 19n + 99 = k^2 for some integer k. Completing the square on the left: "
    "4n^2 - 76n + 396 = 4k^2, so (2n - 19)^2 - 361 + 396 = 4k^2, which gives (2n - 19)^2 + 35 = (2k)^2.\n\n"
    "So (2k - 2n + 19)(2k + 2n - 19) = 35. The factor pairs of 35 are (1, 35) and (5, 7).\n\n"
    "Wait, let me check that again. (2k)^2 - (2n - 19)^2 = 35, yes.\n\n"
    "Case 1: 2k - (2n - 19) = 1 and 2k + (2n - 19) = 35. Adding: 4k = 36, so k = 9, and 2n - 19 = 17, n = 18.\n\n"
    "Case 2: 2k - (2n - 19) = 5 and 2k + (2n - 19) = 7. Then k = 3 and 2n - 19 = 1, n = 10.\n\n"
    "Wait, but 2n - 19 could also be negative. Then n = 1 and n = 9 as well. Let me check n = 1: 1 - 19 + 99 = 81 = 9^2. Yes.\n\n"
    "Let me double-check n = 9: 81 - 171 + 99 = 9 = 3^2. Yes.\n\n"
    "So the values are 1, 9, 10, 18 and the sum is 38."
)
MATH = f"<think>\n{OPENING}\n</think>\n\nThe integers are $n = 1, 9, 10, 18$, so the sum is $\\boxed{{38}}$."
CODE = (
    "<think>\nOkay, let's see. The problem asks for the longest common subsequence of two strings.\n\n"
    "I'll use the standard DP. Let me write it:\n\n```python\ns, t = input().split()\nn, m = len(s), len(t)\n"
    "dp = [[0] * (m + 1) for _ in range(n + 1)]\nfor i in range(1, n + 1):\n    for j in range(1, m + 1):\n"
    "        if s[i - 1] == t[j - 1]:\n            dp[i][j] = dp[i - 1][j - 1] + 1\n        else:\n"
    "            dp[i][j] = max(dp[i - 1][j], dp[i][j - 1])\nprint(dp[n][m])\n```\n\n"
    "Wait, the input has the strings on separate lines. Let me fix that.\n\n```python\ns = input().strip()\nt = input().strip()\n"
    "n, m = len(s), len(t)\ndp = [[0] * (m + 1) for _ in range(n + 1)]\nfor i in range(1, n + 1):\n    for j in range(1, m + 1):\n"
    "        if s[i - 1] == t[j - 1]:\n            dp[i][j] = dp[i - 1][j - 1] + 1\n        else:\n"
    "            dp[i][j] = max(dp[i - 1][j], dp[i][j - 1])\nprint(dp[n][m])\n```\n\nThat should work.\n</think>\n\n"
    "```python\ns = input().strip()\nt = input().strip()\nn, m = len(s), len(t)\ndp = [[0] * (m + 1) for _ in range(n + 1)]\n"
    "for i in range(1, n + 1):\n    for j in range(1, m + 1):\n        if s[i - 1] == t[j - 1]:\n"
    "            dp[i][j] = dp[i - 1][j - 1] + 1\n        else:\n            dp[i][j] = max(dp[i - 1][j], dp[i][j - 1])\n"
    "print(dp[n][m])\n```"
)
LATEX = (
    "<think>\nLet me expand step by step.\n\n" + "".join(
        f"\\[\n\\begin{{aligned}}\nS_{{{k}}} &= \\sum_{{i=1}}^{{{k}}} i^2 \\\\\n&= \\frac{{{k}({k}+1)(2\\cdot {k}+1)}}{{6}} \\\\\n"
        f"&= {k * (k + 1) * (2 * k + 1) // 6}\n\\end{{aligned}}\n\\]\n\nWait, let me check the next one.\n\n" for k in range(1, 25)
    ) + "So the pattern holds.\n</think>\n\nHence $S_{24} = \\boxed{4900}$."
)
WAITS = "<think>\n" + "\n\n".join(f"Wait, let me check.\nIf n = {n}, the expression is {n * n - 19 * n + 99}." for n in range(1, 40)) + "\n</think>\n\n\\boxed{38}"
NORMAL = {"math": MATH, "code": CODE, "latex": LATEX, "waits": WAITS}


def parts(text: str):
    return split_response(text)


def real_traces(shared_data):
    return [json.loads(line)["response"] for line in (shared_data / "r1_traces" / "thoughtology_r1_sample.jsonl").open()]


@pytest.mark.parametrize("name", NORMAL)
def test_normal_r1_traces_pass_every_filter(name):
    domain = "code" if name == "code" else "math"
    for filter_name, spec in FILTERS.items():
        assert spec.check(parts(NORMAL[name]), domain, spec.config()) is None, (name, filter_name)


def test_real_r1_traces_pass_every_filter(shared_data):
    for text in real_traces(shared_data):
        for filter_name, spec in FILTERS.items():
            assert spec.check(parts(text), "math", spec.config()) is None, filter_name


# --- think structure -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (MATH, None),
        ("<think>\nFirst try: 12.\n</think>\n\nSo 12.\n<think>\nWait, recheck: 13.\n</think>\n\n\\boxed{13}", "multiple_think_blocks"),
        ("<think>\n<think>\nOkay, so the sum is 4.\n</think>\n\n\\boxed{4}", "multiple_think_blocks"),
        ("Sure! Let me solve this step by step.\n<think>\nOkay, 2 + 2 = 4.\n</think>\n\n\\boxed{4}", "text_before_think"),
        ("<think>\n\n</think>\n\nThe sum is $\\boxed{4}$.", "empty_reasoning"),
    ],
)
def test_think_structure(text, reason):
    drop = think_structure(parts(text), "math", ThinkStructureConfig())
    assert (drop.reason if drop else None) == reason


def test_think_structure_checks_can_be_switched_off():
    loose = ThinkStructureConfig(multiple_blocks=False, text_before=False, min_reasoning_chars=0)
    for text in ("Sure!\n<think>\n\n</think>\n\n4", "<think>\na\n</think>\nb\n<think>\nc\n</think>\n\nd"):
        assert think_structure(parts(text), "math", loose) is None


# --- answer format ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "domain", "reason"),
    [
        (MATH, "math", None),
        ("<think>\nSo it is \\boxed{38}.\n</think>\n\nThe integers are 1, 9, 10, 18, so the sum is 38.", "math", "no_boxed_answer"),
        ("<think>\nx\n</think>\n\n**Final Answer**\nThe sum is $38$.", "math", "no_boxed_answer"),
        (CODE, "code", None),
        ("<think>\nx\n</think>\n\n```cpp\n#include <iostream>\nint main() { std::cout << 1; }\n```", "code", None),
        ("<think>\n```python\nprint(1)\n```\n</think>\n\nThe code reads n and prints the answer:\n\nn = int(input())\nprint(n * 2)", "code", "no_code_block"),
        ("<think>\nx\n</think>\n\n```python\nprint(1)", "code", "no_code_block"),  # fence never closed
        ("<think>\nx\n</think>\n\nThe answer is (B).", "science", None),
    ],
)
def test_answer_format(text, domain, reason):
    drop = answer_format(parts(text), domain, AnswerFormatConfig())
    assert (drop.reason if drop else None) == reason


def test_answer_format_checks_can_be_switched_off():
    off = AnswerFormatConfig(math_boxed=False, code_fence=False)
    assert answer_format(parts("<think>\nx\n</think>\n\n38"), "math", off) is None
    assert answer_format(parts("<think>\nx\n</think>\n\nprint(1)"), "code", off) is None


# --- language --------------------------------------------------------------------------------

CHINESE_RUN = "嗯，让我再仔细想一想这个问题。我们需要找到所有满足条件的正整数，然后把它们加起来。" * 4  # ~160 Han characters
SCIENCE_EN = (
    "<think>\nThe Schrödinger equation for a particle in a box gives E_n = n²h²/(8mL²). With L = 0.5 nm and m = 9.11 × 10⁻³¹ kg, "
    "the energy gap ΔE = E₂ − E₁ = 3h²/(8mL²) ≈ 7.2 × 10⁻¹⁹ J. The wavelength λ = hc/ΔE ≈ 276 nm; the Ω and µ prefixes don't matter here. "
    "Poincaré and Ångström would agree: α, β and γ decay are irrelevant, and the character 水 in the label just means water.\n"
    "</think>\n\nThe photon has λ ≈ 276 nm, so the answer is **(C)**."
)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (MATH, None),
        (SCIENCE_EN, None),
        (MATH.replace("Wait, let me check that again.", f"Wait, let me check that again. {CHINESE_RUN}"), "language_mix"),  # a long run, small share
        (MATH.replace("Hmm, let me", "Hmm, 我们 let me").replace("Wait, let", "等等, let").replace("Case 1:", "情况一 Case 1:")
         .replace("Let me double", "再检查 Let me double").replace("So the values", "所以 the values").replace("Adding:", "相加得:")
         .replace("Completing", "配方 Completing").replace("So (2k", "因此 So (2k").replace("Case 2:", "情况二 Case 2:")
         .replace("Then n = 1", "那么 n = 1").replace("First, let", "首先让我们 First, let"), "language_mix"),  # scattered words, large share
        (MATH.replace("the sum is $\\boxed{38}$.", "所以答案是 $\\boxed{38}$。"), "language_mix"),  # the answer itself
        (MATH.replace("Wait, let me check that again.", "Подождите, давайте проверим это ещё раз, потому что здесь легко ошибиться в знаке, "
                      "и тогда весь ответ будет неверным."), "language_mix"),
    ],
)
def test_language(text, reason):
    drop = language(parts(text), "math", LanguageConfig())
    assert (drop.reason if drop else None) == reason


def test_language_expected_chinese_allows_han_and_latin_variables():
    text = f"<think>\n{CHINESE_RUN}设 n = 3，则 n^2 - 19n + 99 = 51。\n</think>\n\n所以答案是 $\\boxed{{38}}$。"
    assert language(parts(text), "math", LanguageConfig(expected="zh")) is None
    assert language(parts(text), "math", LanguageConfig(expected="en")).reason == "language_mix"


def test_language_thresholds_are_configurable():
    text = MATH.replace("Wait, let me check that again.", f"Wait, let me check that again. {CHINESE_RUN}")
    assert language(parts(text), "math", LanguageConfig(max_foreign_ratio=0.5, max_foreign_run=500)) is None
    with pytest.raises(ValueError, match="unknown language"):
        LanguageConfig(expected="klingon")


# --- repetition ------------------------------------------------------------------------------

PARAGRAPH = ("Let me reconsider the case where 2n - 19 is negative.\n"
             "If 2n - 19 = -17 then n = 1, and if 2n - 19 = -1 then n = 9, so both are valid.")
TAIL_LOOP = " ".join(["Wait, so n = 9 gives 9, which is 3^2, so n = 9 works. But wait, does n = 9 work? Let me check again."] * 25)
THREE_LINE_LOOP = "\n".join(["Hmm, so the sum is 38.", "But wait, maybe I missed a factor pair of 35.", "No, the pairs are (1, 35) and (5, 7)."] * 8)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (MATH, None),
        (CODE, None),
        (LATEX, None),
        (WAITS, None),
        (MATH.replace("So the values", "\n\n".join([PARAGRAPH] * 30) + "\n\nSo the values"), "repetition"),  # same paragraph 30 times
        (f"<think>\n{OPENING}\n\n{TAIL_LOOP}\n</think>\n\n\\boxed{{38}}", "repetition"),  # one-line loop at the end
        (f"<think>\n{OPENING}\n\n{THREE_LINE_LOOP}\n</think>\n\n\\boxed{{38}}", "repetition"),  # lines repeat 8x only: the tail says it
        (f"<think>\n{OPENING}\n</think>\n\nThe sum is $\\boxed{{38}}$. {TAIL_LOOP}", "repetition"),  # loop in the answer
    ],
)
def test_repetition(text, reason):
    drop = repetition(parts(text), "math", RepetitionConfig())
    assert (drop.reason if drop else None) == reason


# --- the stage -------------------------------------------------------------------------------

def document(text: str, domain: str = "math") -> Document:
    messages = [{"role": "user", "content": "Q"}, {"role": "assistant", "content": text}]
    return Document(text="Q", id="s:1", metadata={"domain": domain, "source": "s", "messages": messages})


def test_quality_runs_enabled_filters_in_a_fixed_order(tmp_path):
    both = "Sure!\n<think>\nOkay, 2 + 2 = 4.\n</think>\n\nThe answer is 4."  # text before think AND no boxed answer
    every = Quality(str(tmp_path), {name: spec.config() for name, spec in reversed(FILTERS.items())})
    assert every.decide(document(both)).reason == "text_before_think"
    assert every.decide(document(MATH)) is None
    only_format = Quality(str(tmp_path), {"answer_format": AnswerFormatConfig()})
    assert only_format.decide(document(both)).reason == "no_boxed_answer"
    with pytest.raises(ValueError, match="unknown filter"):
        Quality(str(tmp_path), {"toxicity": None})
