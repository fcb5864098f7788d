#!/usr/bin/env python
"""Regenerate the bundled sample dataset under data/ (deterministic, offline, pure Python + pyarrow).

Usage (from the repo root):
    python data/make_sample.py              # rewrites data/...
    python data/make_sample.py --out DIR    # writes the same files under DIR instead

All problems, traces and programs are written for this project (see data/README.md).
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "gen"))

import code_rows  # noqa: E402
import math_rows  # noqa: E402
import science_rows  # noqa: E402
from bench import BENCH  # noqa: E402

NS = uuid.UUID("6f1d7c2e-3b1a-4c55-9a0e-5d2b8e7f4a10")
EXPECTED: dict[str, dict] = {}


def expect(key: str, domain: str, fate: str, note: str = "") -> None:
    assert key not in EXPECTED, key
    EXPECTED[key] = {"domain": domain, "expect": fate, "note": note}


def jline(row: dict) -> bytes:
    return (json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8")


def write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def split_trace(text: str) -> str:
    """Text after the last </think> (the written solution), or '' if none."""
    i = text.rfind("</think>")
    return text[i + len("</think>"):].strip() if i >= 0 else ""


# ============================================================== math
def too_long_item() -> dict:
    """A correct, non-repetitive but very long brute-force enumeration (> 32k tokens)."""
    N = 1100

    def ds(x):
        return sum(map(int, str(x)))

    hits = [n for n in range(1, N + 1) if ds(n * n) % 7 == 0]
    answer = str(len(hits))
    problem = (f"How many integers $n$ with $1 \\le n \\le {N}$ have the property that the sum of the decimal "
               "digits of $n^2$ is divisible by $7$?")
    templates_hit = [
        "n = {n}: {n}^2 = {sq}, digits {digs} sum to {s} = 7·{q}. Yes, that's hit number {c}.",
        "For n = {n}, the square is {sq}; adding {digs} gives {s}, which is 7 times {q}, so it counts ({c} so far).",
        "n = {n} → {sq} → {digs} = {s}. Divisible by 7 ({s}/7 = {q}). Count is now {c}.",
        "Next, {n}^2 = {sq}. Digit sum: {digs} = {s}. Oh nice, {s} is a multiple of 7. That makes {c}.",
        "{n} squared is {sq}, and {digs} = {s} = 7 × {q}, so include it; running total {c}.",
    ]
    templates_miss = [
        "n = {n}: {n}^2 = {sq}, digit sum {digs} = {s}, remainder {r} mod 7, no.",
        "{n}^2 = {sq} gives {digs} = {s}; {s} mod 7 = {r}, skip.",
        "For n = {n}, square {sq}, digits add to {s} (since {digs}), and {s} leaves remainder {r}. Not counted.",
        "n = {n} → {sq} → {s}, which is {r} more than a multiple of 7. No.",
        "Then {sq} = {n}^2; {digs} = {s}, not divisible by 7 (remainder {r}).",
        "{n}: square {sq}, digit sum {s}. {s} = 7·{q} + {r}, so no.",
    ]
    parts = [
        "Okay, so I need to count the integers $n$ from 1 to " + str(N) + " such that the digit sum of $n^2$ is a multiple of 7.",
        "Hmm, digit sums behave nicely modulo 9 (the digit sum of $m$ is congruent to $m$ mod 9), but modulo 7 there is no such shortcut. "
        "The digit sum of $n^2$ mod 7 doesn't follow a simple periodic pattern in $n$, because carries mess everything up. "
        "Let me think about whether there's a cleverer approach... I could try to use the structure of squares mod 9 to restrict "
        "the possible digit sums: $n^2 \\bmod 9 \\in \\{0, 1, 4, 7\\}$, so the digit sum is congruent to 0, 1, 4 or 7 mod 9. "
        "Combined with divisibility by 7, the digit sum would be in $\\{7, 28, 49, ...\\} \\cap$ (those residues mod 9): "
        "7 ≡ 7, 14 ≡ 5, 21 ≡ 3, 28 ≡ 1, 35 ≡ 8, 42 ≡ 6, 49 ≡ 4, 56 ≡ 2, 63 ≡ 0. So the possible digit sums are 7, 28, 49 and 63 or larger — "
        "but $n^2 \\le " + str(N * N) + "$ has at most 7 digits, so the digit sum is at most 63, and 63 would need 9999999 which is not a square in range. "
        "So the digit sum must be 7, 28 or 49. That's a useful check on each hit, but it doesn't directly count them.",
        "I don't see a slicker way, so let me just go through all the values carefully, computing each square and its digit sum. "
        "I'll keep a running count and double-check along the way.",
    ]
    c = 0
    for n in range(1, N + 1):
        sq = n * n
        s = ds(sq)
        digs = "+".join(str(sq))
        q, r = divmod(s, 7)
        h = (n * 2654435761) % 97
        if r == 0:
            c += 1
            line = templates_hit[h % len(templates_hit)].format(n=n, sq=sq, digs=digs, s=s, q=q, c=c)
        else:
            line = templates_miss[h % len(templates_miss)].format(n=n, sq=sq, digs=digs, s=s, q=q, r=r)
        parts.append(line)
        if n % 50 == 0:
            parts.append(f"Okay, so up to n = {n} I have {c} values. Let me make sure the last hit is right before moving on — "
                         f"the digit sums I flagged were all 7, 28 or 49, consistent with the mod 9 analysis.")
        if n % 137 == 0:
            m = n - 3
            parts.append(f"Wait, let me re-check n = {m}: {m} × {m} = {m * m}, since {m}·{m - m % 10} = {m * (m - m % 10)} "
                         f"plus {m}·{m % 10} = {m * (m % 10)}. Digit sum {ds(m * m)}. Yes, that matches what I had.")
    parts.append(f"So the total count is {c}.")
    parts.append("Let me sanity-check the total against the structure: every hit had digit sum 7, 28 or 49, and hits "
                 "appear irregularly, roughly one in seven or eight, which is what I'd expect if digit sums were spread "
                 f"out mod 7 with the mod 9 restriction. {c} out of {N} is about {100 * c / N:.1f}%, which is plausible.")
    think = "\n\n".join(parts)
    sol = (f"There is no periodic shortcut for digit sums modulo 7, so we check every $n$ from 1 to {N}. "
           "Since the digit sum of $n^2$ is congruent to $n^2 \\in \\{0,1,4,7\\} \\pmod 9$ and is at most 63, a qualifying "
           f"digit sum must be 7, 28 or 49. Enumerating all squares gives exactly {c} values of $n$.\n\n$$\\boxed{{{c}}}$$")
    assert str(c) == answer
    text = "<think>\n" + think + "\n</think>\n\n" + sol
    return {"slug": "digit-sum-squares-mod7", "problem": problem, "answer": answer, "ptype": "Number Theory",
            "qtype": "math-word-problem", "source": "olympiads", "solution": None,
            "gens": [math_rows.G(text, expect="too_long", note="~50k tokens of brute-force enumeration; correct answer")]}


def math_row(item: dict, uid: str) -> dict:
    gens = item["gens"]
    texts = [g["text"] for g in gens]
    sol = item.get("solution") or next((split_trace(t) for t in texts if split_trace(t)), "")
    return {
        "problem": item["problem"],
        "solution": sol,
        "answer": item["answer"],
        "problem_type": item["ptype"],
        "question_type": item["qtype"],
        "source": item["source"],
        "uuid": uid,
        "is_reasoning_complete": [g["complete"] for g in gens],
        "generations": texts,
        "correctness_math_verify": [g["mv"] for g in gens],
        "correctness_llama": [g["llama"] for g in gens],
        "finish_reasons": [g["finish"] for g in gens],
        "correctness_count": sum(1 for g in gens if g["mv"]),
        "messages": [{"role": "user", "content": item["problem"]}, {"role": "assistant", "content": texts[0]}],
    }


def build_math() -> bytes:
    items = list(math_rows.ITEMS)
    by_slug = {it["slug"]: it for it in items}
    # fixed interleaving: defect rows spread through the file
    normal = [it for it in items if all(g["expect"] in ("kept", "wrong_answer") for g in it["gens"])]
    defects = [it for it in items if it not in normal]
    order: list = []
    extra = {
        4: ("dup", dict(by_slug["segment-length"], slug="segment-length-dup")),
        9: ("long", too_long_item()),
        14: ("bad_utf8", None),
        23: ("bad_json", None),
    }
    di = 0
    for i, it in enumerate(normal):
        order.append(("row", it))
        if i % 3 == 2 and di < len(defects):
            order.append(("row", defects[di]))
            di += 1
    order.extend(("row", d) for d in defects[di:])
    for pos in sorted(extra):
        order.insert(pos, extra[pos])

    out = b""
    for line_no, (kind, it) in enumerate(order):
        if kind in ("row", "dup", "long"):
            uid = str(uuid.uuid5(NS, "openr1_math/" + it["slug"]))
            row = math_row(it, uid)
            out += jline(row)
            sound = [gi for gi, g in enumerate(it["gens"]) if g["expect"] == "kept"]
            for gi, g in enumerate(it["gens"]):
                fate = "duplicate" if kind == "dup" else g["expect"]
                note = "exact copy of segment-length (same problem and generation, new uuid)" if kind == "dup" else g["note"]
                if kind == "row" and gi in sound[:-1]:  # the recipe keeps one trace per problem; seed 42 keeps the last
                    fate, note = "duplicate", "another sound generation of the same problem is kept (max_traces_per_problem: 1)"
                expect(f"openr1_math:{uid}#{gi}", "math", fate, note)
        elif kind == "bad_utf8":
            row = math_row({"slug": "bad-utf8", "problem": "Find the value of $2^5 - 5^2$.@@BAD@@", "answer": "7",
                            "ptype": "Algebra", "qtype": "math-word-problem", "source": "olympiads",
                            "gens": [math_rows.G(math_rows.T("Okay, $2^5 = 32$ and $5^2 = 25$, so the difference is 7.",
                                                             r"$32 - 25 = \boxed{7}$"))]},
                           str(uuid.uuid5(NS, "openr1_math/bad-utf8")))
            raw = jline(row).replace(b"@@BAD@@", b"\xff\xfe")
            out += raw
            expect(f"openr1_math:{line_no}", "math", "malformed_row", "invalid UTF-8 bytes inside a JSON string")
        elif kind == "bad_json":
            row = math_row({"slug": "bad-json", "problem": "What is the least common multiple of 8 and 12?", "answer": "24",
                            "ptype": "Number Theory", "qtype": "math-word-problem", "source": "olympiads",
                            "gens": [math_rows.G(math_rows.T("Okay, $8 = 2^3$, $12 = 2^2 \\cdot 3$, lcm $= 2^3 \\cdot 3 = 24$.",
                                                             r"$\operatorname{lcm}(8, 12) = \boxed{24}$"))]},
                           str(uuid.uuid5(NS, "openr1_math/bad-json")))
            full = jline(row)
            out += full[: len(full) // 2] + b"\n"
            expect(f"openr1_math:{line_no}", "math", "malformed_row", "JSON cut off mid-row")
    return out


# ============================================================== code
PROMPT_HEAD = {
    "python": ("Python 3", "input()", "print()", "python"),
    "cpp": ("C++17", "cin", "cout", "cpp"),
}


def code_prompt(it: dict, examples: list[dict]) -> str:
    lang_name, rd, wr, fence = PROMPT_HEAD[it["lang"]]
    ex = "\n".join(f"```input\n{e['input'].rstrip()}\n```\n```output\n{e['output'].rstrip()}\n```" for e in examples)
    s = (
        "You will be given a competitive programming problem.\n"
        "Analyze the maximum input constraints and identify the optimal algorithmic approach and data structures needed "
        "to process the largest possible test cases within the time and memory limits, then explain why your chosen "
        "implementation strategy is the most efficient solution. Please reason step by step about your solution approach, "
        f"then provide a complete implementation in {lang_name} that is thoroughly optimized for both speed and memory usage.\n\n"
        f"Your solution must read input from standard input ({rd}), write output to standard output ({wr}).\n"
        "Do not include any debug prints or additional output.\n\n"
        f"Put your final solution within a single code block:\n```{fence}\n<your code here>\n```\n\n"
        f"# Problem\n\n{it['description']}\n\n"
        f"## Constraints\nTime limit per test: {it['time_limit']} seconds\nMemory limit per test: {it['memory_limit']}.0 megabytes\n\n"
        f"## Input Format\n{it['input_format']}\n\n## Output Format\n{it['output_format']}\n\n## Examples\n{ex}"
    )
    if it["note"]:
        s += f"\n\n## Note\n{it['note']}"
    return s


def build_code() -> bytes:
    out = b""
    for it in code_rows.ITEMS:
        examples = [{"input": x, "output": it["ref"](x)} for x in it["examples"]]
        tests = examples + [{"input": x, "output": it["ref"](x)} for x in it["tests"]]
        prompt = code_prompt(it, examples)
        fence = PROMPT_HEAD[it["lang"]][3]
        gen = "<think>\n" + it["think"] + "\n</think>\n\n" + it["explanation"]
        if it["code"]:
            gen += f"\n\n```{fence}\n{it['code']}\n```"
        if it["wrap"] == "before":
            gen = "Let me work through this problem carefully before writing the code.\n\n" + gen
        pt = (len(prompt) + 3) // 4
        ct = (len(gen) + 3) // 4
        row = {
            "id": it["id"],
            "contest_id": int(it["id"][:-1]),
            "index": it["id"][-1],
            "title": it["title"],
            "time_limit": float(it["time_limit"]),
            "memory_limit": int(it["memory_limit"]),
            "description": it["description"],
            "input_format": it["input_format"],
            "output_format": it["output_format"],
            "examples": examples,
            "note": it["note"] or None,
            "editorial": it["editorial"] or None,
            "prompt": prompt,
            "generation": gen,
            "finish_reason": "stop",
            "api_metadata": {"prompt_tokens": pt, "completion_tokens": ct, "total_tokens": pt + ct},
            "messages": [{"role": "user", "content": prompt}, {"role": "assistant", "content": gen}],
            "official_tests": tests,
        }
        assert 3 <= len(tests) <= 6, it["id"]
        out += jline(row)
        expect(f"codeforces_cots:{it['id']}", "code", it["expect"], it["enote"] or it["lang"])
    return out


# ============================================================== science
def build_science() -> bytes:
    out = b""
    for i, it in enumerate(science_rows.ITEMS):
        if it["wrap"] == "double":
            output = ("<think>\n" + it["think"] + "\n</think>\n\n<think>\nWait, let me double-check: carbon is element 6 "
                      "in the periodic table, after boron (5) and before nitrogen (7). Yes.\n</think>\n\n" + it["final"])
        elif it["wrap"] == "empty":
            output = "<think>\n\n</think>\n\n" + it["final"]
        else:
            output = "<think>\n" + it["think"] + "\n</think>\n\n" + it["final"]
        row = {
            "input": [{"role": "user", "content": it["question"]}],
            "output": output,
            "category": "science",
            "license": "cc-by-4.0",
            "reasoning": "on",
            "generator": "DeepSeek-R1",
            "used_in_training": "Ultra, Super, Nano",
            "version": "v1",
            "system_prompt": "detailed thinking on",
            "reference_answer": it["ref"],
        }
        out += jline(row)
        expect(f"nemotron_science:{i}", "science", it["expect"], it["note"])
    return out


# ============================================================== generic
def T(think: str, ans: str) -> str:
    return "<think>\n" + think.strip() + "\n</think>\n\n" + ans.strip()


GENERIC = [
    ({"messages": [
        {"role": "user", "content": "A jacket originally priced at $80 is discounted by 15%. What is the sale price in dollars?"},
        {"role": "assistant", "content": T(
            "Okay, 15% of 80 is 0.15 × 80 = 12. So the sale price is 80 − 12 = 68 dollars. Alternatively 0.85 × 80 = 68. Same.",
            r"The discount is $0.15 \times 80 = 12$, so the sale price is $80 - 12 = \boxed{68}$ dollars.")}],
      "domain": "math", "answer": "68"}, "kept", ""),
    ({"messages": [
        {"role": "system", "content": "You are a careful math tutor. Show your reasoning, then give the final answer in \\boxed{}."},
        {"role": "user", "content": r"Simplify $\dfrac{x^2 - 9}{x - 3}$ for $x \ne 3$."},
        {"role": "assistant", "content": T(
            r"Okay, $x^2 - 9 = (x - 3)(x + 3)$ is a difference of squares. Since $x \ne 3$ I can cancel $x - 3$, leaving $x + 3$. "
            r"Check at $x = 5$: $(25 - 9)/2 = 8$ and $5 + 3 = 8$. ✓",
            r"$\dfrac{x^2-9}{x-3} = \dfrac{(x-3)(x+3)}{x-3} = \boxed{x+3}$ for $x \ne 3$.")}],
      "domain": "math", "answer": "x + 3"}, "kept", "has a system message"),
    ({"messages": [
        {"role": "user", "content": "How many edges does a triangular prism have?"},
        {"role": "assistant", "content": T(
            "Okay, a triangular prism has two triangular faces (3 edges each, so 6) and 3 lateral edges joining corresponding "
            "vertices. Total 9. Euler check: V = 6, F = 5, V − E + F = 6 − 9 + 5 = 2. ✓",
            r"Two triangles contribute 6 edges and the 3 lateral edges make $\boxed{9}$.")}],
      "domain": "math", "answer": "9"}, "kept", ""),
    ({"messages": [
        {"role": "user", "content": "What is the chemical symbol of potassium?\n\nA) P\nB) Po\nC) K\nD) Pt"},
        {"role": "assistant", "content": T(
            "Okay, potassium's symbol comes from the Latin 'kalium', so it's K. P is phosphorus, Po polonium, Pt platinum.",
            "The answer is (C).")}],
      "domain": "science", "answer": "C"}, "kept", ""),
    ({"messages": [
        {"role": "user", "content": "What causes the seasons on Earth?"},
        {"role": "assistant", "content": T(
            "Okay, a common misconception is distance from the Sun, but Earth's orbit is nearly circular and the northern "
            "winter actually occurs near perihelion. The real cause is the 23.4° axial tilt: as Earth orbits, each hemisphere "
            "alternately tilts toward the Sun, receiving more direct sunlight and longer days.",
            "The seasons are caused by the tilt of Earth's rotation axis (about 23.4°). As Earth orbits the Sun, each hemisphere "
            "alternately leans toward the Sun, getting more direct sunlight and longer days (summer), then away from it (winter).")}],
      "domain": "science", "answer": None}, "kept", "unverified"),
    ({"messages": [
        {"role": "user", "content": "An object of mass 4.0 kg experiences a net force of 10 N. What is its acceleration in m/s^2?"},
        {"role": "assistant", "content": T(
            "Okay, Newton's second law: a = F/m = 10/4.0 = 2.5 m/s^2.",
            r"$a = F/m = \boxed{2.5\ \text{m/s}^2}$")}],
      "domain": "science", "answer": "2.5"}, "kept", ""),
]


def build_generic(domain: str) -> bytes:
    """One file per domain: a recipe source belongs to one domain."""
    out = b""
    rows = [(row, fate, note) for row, fate, note in GENERIC if row["domain"] == domain]
    for i, (row, fate, note) in enumerate(rows):
        out += jline(row)
        expect(f"generic_{domain}:{i}", domain, fate, note)
    return out


# ============================================================== MoT parquet
MOT = [
    ("open-r1/OpenR1-Math-220k", "What is the sum of the interior angles of a convex octagon, in degrees?",
     T("Okay, the interior angle sum of an n-gon is (n − 2)·180°. For n = 8: 6 × 180 = 1080°. "
       "Check with a square: (4 − 2)·180 = 360°. ✓", r"$(8-2)\cdot 180^\circ = \boxed{1080^\circ}$"), 312, "math"),
    ("open-r1/OpenR1-Math-220k", r"Find all real $x$ such that $2^{x+1} = 32$.",
     T("Okay, 32 = 2^5, so x + 1 = 5 and x = 4. Check: 2^5 = 32. ✓", r"$x = \boxed{4}$"), 241, "math"),
    ("open-r1/codeforces-cots",
     "Read two integers a and b from standard input and print their sum.\n\nPut your final solution within a single code block:\n```python\n<your code here>\n```",
     T("Okay, read a line, split into two integers, print the sum. Python ints don't overflow.",
       "Read both numbers and print their sum.\n\n```python\na, b = map(int, input().split())\nprint(a + b)\n```"), 188, "code"),
    ("open-r1/codeforces-cots",
     "Given n and then n integers, print the maximum of them. Use C++17.\n\nPut your final solution within a single code block:\n```cpp\n<your code here>\n```",
     T("Okay, track the running maximum; values may be negative, so start from the first element rather than 0.",
       "Track the maximum while reading.\n\n```cpp\n#include <bits/stdc++.h>\nusing namespace std;\nint main() {\n    int n;\n    cin >> n;\n"
       "    long long best, x;\n    cin >> best;\n    for (int i = 1; i < n; ++i) { cin >> x; best = max(best, x); }\n"
       "    cout << best << '\\n';\n    return 0;\n}\n```"), 265, "code"),
    ("nvidia/Llama-Nemotron-Post-Training-Dataset",
     "Which subatomic particle carries a negative electric charge?\n\nA) Proton\nB) Neutron\nC) Electron\nD) Positron",
     T("Okay, protons are positive, neutrons neutral, positrons are the positive antiparticle of the electron. "
       "The electron is negative.", "The answer is (C)."), 120, "science"),
    ("nvidia/Llama-Nemotron-Post-Training-Dataset",
     "What is the boiling point of pure water at standard atmospheric pressure, in kelvin?",
     T("Okay, 100 °C at 1 atm, and K = °C + 273.15, so 373.15 K.", r"$\boxed{373.15\ \text{K}}$"), 97, "science"),
]


def build_mot(domain: str) -> bytes:
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    msg = pa.struct([("content", pa.string()), ("role", pa.string())])
    schema = pa.schema([("messages", pa.list_(msg)), ("num_tokens", pa.int64()), ("source", pa.string())])
    rows = {"messages": [], "num_tokens": [], "source": []}
    for i, (src, user, asst, ntok, dom) in enumerate(m for m in MOT if m[4] == domain):
        rows["messages"].append([{"content": user, "role": "user"}, {"content": asst, "role": "assistant"}])
        rows["num_tokens"].append(ntok)
        rows["source"].append(src)
        expect(f"mot_{domain}:{i}", dom, "kept", src)
    table = pa.Table.from_pydict(rows, schema=schema)
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd", write_statistics=False)
    return buf.getvalue()


def build_bench() -> bytes:
    return b"".join(jline(b) for b in BENCH)


README_HEAD = """# Bundled sample dataset

Everything in this folder was written for this project by its authors: every problem, reasoning trace,
solution, program, test and benchmark item is original. Nothing is copied from OpenR1-Math-220k,
codeforces-cots, Llama-Nemotron, Mixture-of-Thoughts, any benchmark, or any website. The rows only imitate
the *shape* of those datasets. Codeforces-style ids (contests 9001-9012) are fictional.

All files are produced by `python data/make_sample.py` (deterministic, offline; `--out DIR` writes elsewhere);
the sources of the rows live in `data/gen/`. Do not edit the generated files by hand.

| file | rows | shape |
|---|---|---|
| `math/openr1_math.jsonl` | {n_math} lines ({n_math_ok} valid rows + 2 malformed lines), {n_math_tr} traces | OpenR1-Math-220k: `problem, solution, answer, problem_type, question_type, source, uuid, is_reasoning_complete, generations, correctness_math_verify, correctness_llama, finish_reasons, correctness_count, messages` (1-2 generations per row; `messages` = user problem + first generation) |
| `code/codeforces_cots.jsonl` | {n_code} | open-r1/codeforces-cots: `id, contest_id, index, title, time_limit (s, float), memory_limit (MB, int), description, input_format, output_format, examples, note, editorial, prompt, generation, finish_reason, api_metadata, messages` + extension **`official_tests`** (list of `{{input, output}}`, the examples first, 3-6 cases) |
| `science/nemotron_science.jsonl` | {n_sci} | Llama-Nemotron post-training `science`: `input` (messages), `output`, `category, license, reasoning, generator, used_in_training, version, system_prompt` + extension **`reference_answer`** (option letter, short number, or `null` for free-form rows) |
| `generic/{{math,science}}.jsonl` | 3 + 3 | `{{messages, domain, answer}}` (`answer` is the gold answer or `null`; the first math row has a system message) |
| `mot/{{math,code,science}}.parquet` | 2 + 2 + 2 | Mixture-of-Thoughts: `messages: list<struct<content: string, role: string>>, num_tokens: int64, source: string` (`num_tokens` is only indicative) |
| `benchmarks/sample_benchmark.jsonl` | 8 | `id, problem, answer`: original benchmark-style problems for decontamination |
| `EXPECTED.json` | {n_exp} | intended fate of every trace (see below) |

## Trace keys and EXPECTED.json

`{{"<key>": {{"domain", "expect", "note"}}}}`, with `expect` either `"kept"` or the ledger reason the pipeline
should record. Keys: `openr1_math:<uuid>#<generation index>`, `codeforces_cots:<id>`,
`nemotron_science:<line>`, `generic_<domain>:<line>`, `mot_<domain>:<row index>`; a line that cannot be
decoded or parsed is `<source>:<line>` too. All line numbers start at 0.

Notes for pipeline authors:
- Every defective trace carries a single defect, except where noted: the `truncated` trace (finish_reason
  `length`, `is_reasoning_complete` false) naturally also lacks `</think>` and a boxed answer, so check
  truncation first; the `empty_answer` trace has its answer only inside the think block.
- The `too_long` trace is a brute-force enumeration (~49k Qwen2.5 tokens in ChatML) with no repeated line
  or paragraph; its lines follow a few varied sentence templates with changing numbers. It is correct.
- The `repetition` trace repeats one paragraph 34 times and still ends normally (`finish_reasons` `stop`)
  with the correct boxed answer.
- Free-form science rows with `reference_answer: null` are expected `kept` with note `unverified`.
- Code `tests_failed` rows: notes say WA / CE / TLE / RE. TLE is an infinite loop on one test (n = 0).
- `duplicate`: same problem and generation as another row, new uuid; `near_duplicate`: a light rewording of
  another row's problem with its own correct trace. In both cases the *later* row in the file is the one to drop.
- `contaminated`: the only row sharing an 8-word run with `benchmarks/sample_benchmark.jsonl`
  (its problem is `mot-bench-001` verbatim).

## Deliberate defects

| key | defect | expected reason |
|---|---|---|
"""


def readme() -> bytes:
    rows = [(k, v) for k, v in EXPECTED.items() if v["expect"] != "kept" or v["note"] == "unverified"]
    n_tr = sum(1 for k in EXPECTED if k.startswith("openr1_math:") and "#" in k)
    text = README_HEAD.format(
        n_math=_COUNTS["math"], n_math_ok=_COUNTS["math"] - 2, n_math_tr=n_tr, n_code=_COUNTS["code"],
        n_sci=_COUNTS["science"], n_exp=len(EXPECTED))
    for k, v in rows:
        fate = v["expect"] if v["expect"] != "kept" else "kept (unverified)"
        text += f"| `{k}` | {v['note'] or '-'} | `{fate}` |\n"
    kept = {d: sum(1 for v in EXPECTED.values() if v["domain"] == d and v["expect"] == "kept") for d in ("math", "code", "science")}
    text += f"\nKept traces per domain (generic and MoT rows included in their domains): {kept}.\n"
    return text.encode("utf-8")


_COUNTS: dict[str, int] = {}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE, help="output folder (default: this data/ folder)")
    args = ap.parse_args(argv)
    EXPECTED.clear()
    files = {
        "math/openr1_math.jsonl": build_math(),
        "code/codeforces_cots.jsonl": build_code(),
        "science/nemotron_science.jsonl": build_science(),
        "generic/math.jsonl": build_generic("math"),
        "generic/science.jsonl": build_generic("science"),
        "mot/math.parquet": build_mot("math"),
        "mot/code.parquet": build_mot("code"),
        "mot/science.parquet": build_mot("science"),
        "benchmarks/sample_benchmark.jsonl": build_bench(),
    }
    for name, rel in [("math", "math/openr1_math.jsonl"), ("code", "code/codeforces_cots.jsonl"),
                      ("science", "science/nemotron_science.jsonl")]:
        _COUNTS[name] = files[rel].count(b"\n")
    files["README.md"] = readme()
    files["EXPECTED.json"] = (json.dumps(EXPECTED, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    for rel, data in files.items():
        write_bytes(args.out / rel, data)
    print(f"wrote {len(files)} files under {args.out} ({len(EXPECTED)} expected entries)")


if __name__ == "__main__":
    main()
