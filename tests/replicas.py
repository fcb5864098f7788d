"""Schema-exact replicas of every upstream dataset and benchmark the real recipe names, as Hub repos.

Written for this project: every problem, trace, program and test below is ours, a few dozen rows
in all. What is *upstream* is only the shape — repo ids, config names (README ``configs:``), data
file layout, splits, column names and Arrow types as the dataset cards and open-r1's loaders give
them — including what makes real data awkward: null-heavy columns (``correctness_llama``,
``finish_reasons``, ``generated_checker``, ``generated_tests``), dict-of-lists tests, ``\\r\\n``
official tests, several traces per problem, a gated benchmark (GPQA), a benchmark whose data are
per-release JSONL files next to a loading script (LiveCodeBench).

``replica_repos()`` returns ``{repo_id: {path: bytes}}`` for :meth:`tests.hub_server.HubStandIn.seed`;
``EXPECTED_FATES`` says what the real recipe must decide for the traces that test a listed mismatch.
Run ``python -m tests.replicas DIR`` to write the repos to disk for a look.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import uuid
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

MESSAGES = pa.list_(pa.struct([("content", pa.string()), ("role", pa.string())]))
TEST_RECORDS = pa.list_(pa.struct([("input", pa.string()), ("output", pa.string())]))
TEST_LISTS = pa.struct([("input", pa.list_(pa.string())), ("output", pa.list_(pa.string()))])


def _parquet(rows: list[dict[str, Any]], schema: pa.Schema) -> bytes:
    sink = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), sink)
    return sink.getvalue()


def _jsonl(rows: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")


def _readme(configs: list[tuple[str, list[tuple[str, str]]]]) -> bytes:
    """A card whose YAML header declares ``configs`` as [(name, [(split, path glob)])]."""
    lines = ["---", "configs:"]
    for name, files in configs:
        lines += [f"- config_name: {name}", "  data_files:"]
        lines += [f"  - split: {split}\n    path: {path}" for split, path in files]
    return ("\n".join(lines) + "\n---\n\nA schema replica written for mot's tests.\n").encode()


def _think(reasoning: str, answer: str) -> str:
    return f"<think>\n{reasoning}\n</think>\n\n{answer}"


# ------------------------------------------------------------------------------------ benchmarks
AIME_2024 = [
    "Let $N$ be the number of ordered pairs of positive integers $(a, b)$ with $a \\cdot b = 1728$ and $\\gcd(a, b) = 12$. Find $N$.",
    "A frog starts at the origin and jumps one unit north, east, south or west uniformly at random. Find the probability, as $m/n$, that after six jumps it is back at the origin, and report $m + n$.",
]
AIME_2025 = ["Find the number of positive integers $n \\le 2025$ such that $n^2 + 7n + 13$ is divisible by $19$."]
MATH_500 = ["Compute the sum of the squares of the roots of $x^3 - 6x^2 + 11x - 6 = 0$."]
GPQA = ["A spin-1/2 particle in a magnetic field along z precesses at the Larmor frequency; if the field doubles while the gyromagnetic ratio is unchanged, by what factor does the precession period change?"]
LCB_OLD = "Given an array of n integers, count the pairs (i, j) with i < j whose bitwise xor is a power of four, and print the count."
LCB_NEW = "You are given a string s of lowercase letters. Print the length of the longest substring in which every vowel appears an even number of times."


def benchmark_repos() -> dict[str, dict[str, bytes]]:
    aime24 = pa.schema([("id", pa.int64()), ("problem", pa.string()), ("solution", pa.string()), ("answer", pa.string()),
                        ("url", pa.string()), ("year", pa.string())])
    aime25 = pa.schema([("id", pa.int64()), ("problem", pa.string()), ("answer", pa.string())])
    lcb_rows = []
    for release, date, text in [(1, "2023-06-10T00:00:00", LCB_OLD), (4, "2024-09-01T00:00:00", "Print the sum of two integers a and b given on one line, modulo 998244353, after reversing the digits of each."),
                                (5, "2025-01-12T00:00:00", LCB_NEW), (6, "2025-04-02T00:00:00", "Count the grid paths from the top-left to the bottom-right corner that avoid every blocked cell.")]:
        lcb_rows.append((release, {"question_title": f"Problem {release}", "question_content": text, "platform": "atcoder",
                                   "question_id": f"abc{300 + release}_a", "contest_id": f"abc{300 + release}", "contest_date": date,
                                   "starter_code": "", "difficulty": "easy", "public_test_cases": json.dumps([{"input": "1\n", "output": "1\n", "testtype": "stdin"}]),
                                   "private_test_cases": "eJwLz0vNy89TCMlILUpVBAAf8QRR", "metadata": "{}"}))
    lcb = {f"test{'' if r == 1 else r}.jsonl": _jsonl([row for release, row in lcb_rows if release == r]) for r in range(1, 7)}
    lcb |= {"README.md": b"---\nlicense: cc\n---\nLiveCodeBench replica (files only; the loading script is kept as upstream has it).\n",
            "code_generation_lite.py": b"# a dataset loading script: datasets >= 4 refuses to run these\nimport datasets\n"}
    gpqa_columns = ["Pre-Revision Question", "Pre-Revision Correct Answer", "Question", "Correct Answer", "Incorrect Answer 1",
                    "Incorrect Answer 2", "Incorrect Answer 3", "Explanation", "Record ID", "High-level domain", "Subdomain"]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, gpqa_columns)
    writer.writeheader()
    for i, question in enumerate(GPQA):
        writer.writerow({**dict.fromkeys(gpqa_columns, "n/a"), "Question": question, "Pre-Revision Question": question,
                         "Correct Answer": "It halves", "Record ID": f"rec{i:06d}", "High-level domain": "Physics"})
    return {
        "HuggingFaceH4/aime_2024": {
            "README.md": _readme([("default", [("train", "data/train-*")])]),
            "data/train-00000-of-00001.parquet": _parquet([{"id": 60 + i, "problem": p, "solution": "omitted", "answer": "0", "url": "", "year": "2024"}
                                                          for i, p in enumerate(AIME_2024)], aime24)},
        "yentinglin/aime_2025": {
            "README.md": _readme([("default", [("train", "aime2025.parquet")])]),
            "aime2025.parquet": _parquet([{"id": i, "problem": p, "answer": "0"} for i, p in enumerate(AIME_2025)], aime25)},
        "HuggingFaceH4/MATH-500": {
            "README.md": _readme([("default", [("test", "test.jsonl")])]),
            "test.jsonl": _jsonl([{"problem": p, "solution": "omitted", "answer": "14", "subject": "Algebra", "level": 2,
                                   "unique_id": f"test/algebra/{i}.json"} for i, p in enumerate(MATH_500)])},
        "Idavidrein/gpqa": {
            "README.md": _readme([("gpqa_diamond", [("train", "gpqa_diamond.csv")])]),
            "gpqa_diamond.csv": buffer.getvalue().encode()},
        "livecodebench/code_generation_lite": lcb,
    }


# ------------------------------------------------------------------------------------ math
MATH_PROBLEMS = [
    # (problem, gold, generations as (final answer, math_verify, llama or None, finish_reason or None, complete))
    # Contaminated: the problem is a benchmark item.
    (AIME_2024[0], "4", [("4", True, None, None, True)]),
    ("A rectangle has a perimeter of 30 cm and a length of 9 cm. What is its area in square centimetres?", "54",
     [("54", True, None, None, True), ("63", False, None, None, True)]),
    ("How many positive divisors does 360 have?", "24", [("24", True, None, "stop", True), ("20", False, None, "stop", True)]),
    ("What is the remainder when $7^{100}$ is divided by 13?", "9", [("3", False, None, None, True), ("9", True, None, None, True)]),
    ("Solve for $x$: $3x - 7 = 2x + 5$.", "12", [("12", True, True, None, True), ("12", True, None, "length", False)]),
    ("The sum of three consecutive odd integers is 75. What is the largest of them?", "27", [("27", True, None, None, True)]),
    # Upstream mistakes our checker catches: the Llama judge accepted a wrong final answer.
    ("A bag holds 4 red and 6 blue marbles. Two are drawn without replacement. What is the probability both are red? Give a fraction.",
     "\\frac{2}{15}", [("\\frac{4}{25}", False, True, None, True), ("\\frac{2}{15}", True, True, None, True)]),
    # Only the Llama judge could label this one (an answer math-verify cannot parse as given).
    ("Name the smallest prime greater than 90.", "97", [("97", True, None, None, True), ("ninety-one", False, True, None, True)]),
    ("In how many ways can the letters of the word LEVEL be arranged?", "30", [("30", True, None, None, True), ("120", False, False, None, True),
                                                                                ("60", False, None, None, True)]),
]


def _math_generation(gold_answer: str, index: int) -> str:
    return _think(f"Work through the problem carefully, attempt {index + 1}, checking each step twice.",
                  f"Therefore the final answer is $\\boxed{{{gold_answer}}}$.")


def math_repo() -> dict[str, bytes]:
    schema = pa.schema([("problem", pa.string()), ("solution", pa.string()), ("answer", pa.string()), ("problem_type", pa.string()),
                        ("question_type", pa.string()), ("source", pa.string()), ("uuid", pa.string()),
                        ("is_reasoning_complete", pa.list_(pa.bool_())), ("generations", pa.list_(pa.string())),
                        ("correctness_math_verify", pa.list_(pa.bool_())), ("correctness_llama", pa.list_(pa.bool_())),
                        ("finish_reasons", pa.list_(pa.string())), ("correctness_count", pa.int64()), ("messages", MESSAGES)])
    rows = []
    for number, (problem, gold, generations) in enumerate(MATH_PROBLEMS):
        labelled = any(g[2] is not None for g in generations)
        finished = any(g[3] is not None for g in generations)
        texts = [_math_generation(g[0], i) for i, g in enumerate(generations)]
        rows.append({
            "problem": problem, "solution": "A worked solution.", "answer": gold, "problem_type": "Algebra", "question_type": "math-word-problem",
            "source": "olympiads", "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"mot-replica-math-{number}")),
            "is_reasoning_complete": [g[4] for g in generations], "generations": texts,
            "correctness_math_verify": [g[1] for g in generations],
            "correctness_llama": [g[2] for g in generations] if labelled else None,  # null in most rows upstream
            "finish_reasons": [g[3] for g in generations] if finished else None,  # null in most rows upstream
            "correctness_count": sum(bool(g[1]) or bool(g[2]) for g in generations),
            "messages": [{"content": problem, "role": "user"}, {"content": texts[0], "role": "assistant"}],
        })
    default, extended = rows, [{**row, "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, row["uuid"]))} for row in rows[1:3]]
    return {
        "README.md": _readme([("all", [("default", "all/default-*"), ("extended", "all/extended-*")]),
                              ("default", [("train", "data/train-*")]), ("extended", [("train", "extended/train-*")])]),
        "data/train-00000-of-00001.parquet": _parquet(default, schema),
        "extended/train-00000-of-00001.parquet": _parquet(extended, schema),
        "all/default-00000-of-00001.parquet": _parquet(default, schema),
        "all/extended-00000-of-00001.parquet": _parquet(extended, schema),
    }


# ------------------------------------------------------------------------------------ code
CPP_SUM = "#include <bits/stdc++.h>\nint main(){long long a,b;std::cin>>a>>b;std::cout<<a+b<<\"\\n\";}"
CPP_DIFF = "#include <bits/stdc++.h>\nint main(){long long a,b;std::cin>>a>>b;std::cout<<a-b<<\"\\n\";}"
CPP_DESC = "#include <bits/stdc++.h>\nint main(){int n;std::cin>>n;for(int i=n;i>=1;--i)std::cout<<i<<(i>1?' ':'\\n');}"
CPP_GUESS = "#include <bits/stdc++.h>\nint main(){int lo=1,hi=100;while(lo<hi){int m=(lo+hi)/2;std::cout<<\"? \"<<m<<std::endl;std::string r;std::cin>>r;if(r==\"<\")hi=m-1;else lo=m;}std::cout<<\"! \"<<lo<<std::endl;}"
CPP_LINES = "#include <bits/stdc++.h>\nint main(){std::string s;int n=0;while(std::getline(std::cin,s))if(s==\"ok\")++n;std::cout<<n<<\"\\n\";}"
# open-r1's checker convention: ``checker.py input.txt correct_output.txt solution_output.txt`` prints 1 or 0.
PERMUTATION_CHECKER = """import sys
n = int(open(sys.argv[1]).read().split()[0])
try:
    got = [int(t) for t in open(sys.argv[3]).read().split()]
except ValueError:
    got = []
print(1 if sorted(got) == list(range(1, n + 1)) and (n == 1 or got[0] != 1) else 0)
"""
PY_MAX = "n = int(input())\nprint(max(map(int, input().split())))"
PY_FIRST = "n = int(input())\nprint(input().split()[0])"
PY_ANY_DIVISOR = "n = int(input())\nprint(n)"


def _code_generation(code: str, lang: str) -> str:
    return _think("Read the statement, find the approach, and check it against the examples.", f"```{lang}\n{code}\n```")


# (problem id, title, statement, example, official tests, checker, interaction_format, [programs])
CF_PROBLEMS = [
    ("2101A", "Two Numbers", "Given two integers a and b, print a + b.", ("2 0\n", "2\n"),
     [("2 0\r\n", "2\r\n"), ("3 4\r\n", "7\r\n"), ("-5 5\r\n", "0\r\n")], None, None, [CPP_SUM, CPP_DIFF]),
    ("2101B", "Any Permutation", "Print any permutation of 1..n whose first element is not 1 when n > 1.", ("3\n", "2 3 1\n"),
     [("3\r\n", "2 3 1\r\n"), ("4\r\n", "2 3 4 1\r\n")], PERMUTATION_CHECKER, None, [CPP_DESC]),
    ("2101C", "Guess", "Guess a hidden number between 1 and 100 with at most 7 queries.", ("", ""),
     [("42\r\n", "ok\r\n")], None, "Print '? x' and read '<' or '>='; print '! x' to answer.", [CPP_GUESS]),
    ("2101E", "Count Lines", "Count the input lines that read exactly ok.", ("ok\nno\n", "1\n"),
     [("ok\r\nno\r\nok\r\n", "2\r\n"), ("no\r\n", "0\r\n")], None, None, [CPP_LINES]),
    # A problem with no row in open-r1/codeforces: its traces stay unverified, saying so.
    ("2101D", "Orphan", "Print the number of vowels in a word.", ("abe\n", "2\n"), None, None, None, [CPP_SUM]),
    # Its statement is a LiveCodeBench item of release 5 (inside v4_v5) / release 1 (outside it).
    ("2101F", "Vowel Substring", LCB_NEW, ("a\n", "0\n"), [("a\r\n", "0\r\n")], None, None, [CPP_SUM]),
    ("2101G", "Xor Pairs", LCB_OLD, ("1\n1\n", "0\n"), [("1\r\n1\r\n", "0\r\n")], None, None, [CPP_SUM]),
]
# (problem id, title, problem_type, public, private, generated, [programs])
PY_PROBLEMS = [
    # The first-element program passes the public test and fails a private one.
    ("2102A", "Largest Value", "diff", (["3\n5 1 2\n"], ["5\n"]), (["2\n7 7\n", "3\n1 9 4\n"], ["7\n", "9\n"]), (["1\n5\n"], ["5\n"]),
     [PY_MAX, PY_FIRST]),
    ("2102B", "Some Divisor", "checker", (["6\n"], ["2\n"]), (["9\n"], ["3\n"]), None, [PY_ANY_DIVISOR]),
    ("2102C", "Biggest Coin", "diff", (["2\n4 1\n"], ["4\n"]), None, None, [PY_MAX]),
]


def _cf_statement(title: str, statement: str, example: tuple[str, str]) -> str:
    return f"# {title}\n\n{statement}\n\n## Example\nInput:\n{example[0]}\nOutput:\n{example[1]}"


def codeforces_repos() -> dict[str, dict[str, bytes]]:
    common = [("id", pa.string()), ("aliases", pa.list_(pa.string())), ("contest_id", pa.string()), ("contest_name", pa.string()),
              ("contest_type", pa.string()), ("contest_start", pa.int64()), ("contest_start_year", pa.int64()), ("index", pa.string()),
              ("time_limit", pa.float64()), ("memory_limit", pa.float64()), ("title", pa.string()), ("description", pa.string()),
              ("input_format", pa.string()), ("output_format", pa.string()), ("interaction_format", pa.string()), ("note", pa.string()),
              ("examples", TEST_RECORDS), ("editorial", pa.string())]
    problems_schema = pa.schema(common + [("rating", pa.int64()), ("tags", pa.list_(pa.string())), ("testset_size", pa.int64()),
                                          ("official_tests", TEST_RECORDS), ("official_tests_complete", pa.bool_()), ("input_mode", pa.string()),
                                          ("generated_checker", pa.string()), ("executable", pa.bool_()), ("generated_tests", pa.int64())])
    trace_fields = [("prompt", pa.string()), ("generation", pa.string()), ("finish_reason", pa.string()),
                    ("api_metadata", pa.struct([("completion_tokens", pa.int64()), ("prompt_tokens", pa.int64()), ("total_tokens", pa.int64())])),
                    ("messages", MESSAGES)]
    cpp_schema = pa.schema(common + trace_fields)
    py_schema = pa.schema(common + trace_fields + [("public_tests", TEST_LISTS), ("private_tests", TEST_LISTS), ("generated_tests", TEST_LISTS),
                                                   ("public_tests_ms", TEST_RECORDS), ("problem_type", pa.string()),
                                                   ("accepted_solutions", pa.list_(pa.string())), ("failed_solutions", pa.list_(pa.string()))])

    def base(pid: str, title: str, statement: str, example: tuple[str, str], interaction: str | None) -> dict[str, Any]:
        return {"id": pid, "aliases": None, "contest_id": pid[:-1], "contest_name": f"Replica Round {pid[:-1]}", "contest_type": "CF",
                "contest_start": 1735689600, "contest_start_year": 2025, "index": pid[-1], "time_limit": 1.0, "memory_limit": 256.0,
                "title": title, "description": statement, "input_format": "See the statement.", "output_format": "See the statement.",
                "interaction_format": interaction, "note": None, "examples": [{"input": example[0], "output": example[1]}], "editorial": None}

    def trace(row: dict[str, Any], code: str, lang: str) -> dict[str, Any]:
        prompt = _cf_statement(row["title"], row["description"], (row["examples"][0]["input"], row["examples"][0]["output"]))
        generation = _code_generation(code, lang)
        return {**row, "prompt": prompt, "generation": generation, "finish_reason": "stop",
                "api_metadata": {"completion_tokens": 100, "prompt_tokens": 50, "total_tokens": 150},
                "messages": [{"content": prompt, "role": "user"}, {"content": generation, "role": "assistant"}]}

    problems, cpp = [], []
    for pid, title, statement, example, official, checker, interaction, programs in CF_PROBLEMS:
        row = base(pid, title, statement, example, interaction)
        if official is not None:
            problems.append({**row, "rating": 800, "tags": ["implementation"], "testset_size": len(official),
                             "official_tests": [{"input": i, "output": o} for i, o in official], "official_tests_complete": True,
                             "input_mode": "stdio", "generated_checker": checker, "executable": True, "generated_tests": 0})
        cpp += [trace(row, code, "cpp") for code in programs]
    python = []
    statements = {"2102A": "Read n and then n integers; print the largest of them.",
                  "2102B": "Read an integer n greater than one and print any divisor of n other than one.",
                  "2102C": "A purse holds n coins of the given values; print the value of the most valuable coin."}
    for pid, title, problem_type, public, private, generated, programs in PY_PROBLEMS:
        row = base(pid, title, statements[pid], (public[0][0], public[1][0]), None)
        lists = {"public_tests": {"input": public[0], "output": public[1]},
                 "private_tests": {"input": private[0], "output": private[1]} if private else None,
                 "generated_tests": {"input": generated[0], "output": generated[1]} if generated else None}
        for code in programs:
            python.append({**trace(row, code, "python"), **lists, "public_tests_ms": [{"input": public[0][0], "output": public[1][0]}],
                           "problem_type": problem_type, "accepted_solutions": [PY_MAX], "failed_solutions": []})
    cots_configs = [(name, [("train", f"{name}/train-*")]) for name in ("solutions", "solutions_decontaminated", "solutions_py", "solutions_py_decontaminated")]
    cots = {"README.md": _readme(cots_configs)}
    for name, rows, schema in (("solutions", cpp, cpp_schema), ("solutions_decontaminated", cpp, cpp_schema),
                               ("solutions_py", python, py_schema), ("solutions_py_decontaminated", python, py_schema)):
        cots[f"{name}/train-00000-of-00001.parquet"] = _parquet(rows, schema)
    return {
        "open-r1/codeforces-cots": cots,
        "open-r1/codeforces": {"README.md": _readme([("default", [("train", "data/train-*"), ("test", "data/test-*")])]),
                               "data/train-00000-of-00001.parquet": _parquet(problems, problems_schema),
                               "data/test-00000-of-00001.parquet": _parquet(problems[:1], problems_schema)},
    }


# ------------------------------------------------------------------------------------ science
SCIENCE = [
    ("Which gas makes up most of Earth's atmosphere? (A) oxygen (B) nitrogen (C) argon (D) carbon dioxide", "B", "on", "DeepSeek-R1"),
    ("Which organelle carries out aerobic respiration? (A) ribosome (B) Golgi body (C) mitochondrion (D) vacuole", "C", "on", "DeepSeek-R1"),
    ("What is the SI unit of capacitance? (A) henry (B) farad (C) tesla (D) weber", "B", "on", "DeepSeek-R1, Qwen-2.5-72B-Instruct"),
    ("Which particle has no electric charge? (A) proton (B) electron (C) neutron (D) positron", "C", "off", "DeepSeek-R1"),
    ("Which bond joins amino acids in a protein? (A) peptide (B) glycosidic (C) ester (D) hydrogen", "A", "on", "DeepSeek-R1, Qwen-2.5-32B-Instruct"),
    ("Which planet has the shortest year? (A) Venus (B) Earth (C) Mercury (D) Mars", "C", "on", "DeepSeek-R1"),
]


def science_rows(string_input: bool = False) -> list[dict[str, Any]]:
    rows = []
    for question, letter, reasoning, generator in SCIENCE:
        system = f"detailed thinking {reasoning}"
        if string_input:  # the v1 files: one Llama-3-format string
            prompt: Any = (f"<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n{system}<|eot_id|>"
                           f"<|start_header_id|>user<|end_header_id|>\n\n{question}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n")
        else:
            prompt = [{"role": "user", "content": question}]
        output = _think("Recall the relevant fact and rule out the distractors.", f"The answer is ({letter}).") if reasoning == "on" else f"The answer is ({letter})."
        rows.append({"input": prompt, "output": output + ("<|eot_id|>" if string_input else ""), "category": "science", "license": "cc-by-4.0",
                     "reasoning": reasoning, "generator": generator, "used_in_training": "Ultra, Super, Nano",
                     "version": "v1" if string_input else "v1.1", "system_prompt": system})
    return rows


def science_repo(string_input: bool = False) -> dict[str, bytes]:
    return {"README.md": _readme([("SFT", [("science", "SFT/science/*.jsonl"), ("math", "SFT/math/*.jsonl")])]),
            "SFT/science/science.jsonl": _jsonl(science_rows(string_input)),
            "SFT/math/math.jsonl": _jsonl(science_rows(string_input)[:1])}


def replica_repos() -> dict[str, dict[str, bytes]]:
    """Every repo the real recipe names, with its files."""
    return {"open-r1/OpenR1-Math-220k": math_repo(), **codeforces_repos(),
            "nvidia/Llama-Nemotron-Post-Training-Dataset": science_repo(), **benchmark_repos()}


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "replicas")
    for repo_id, files in replica_repos().items():
        for path, data in files.items():
            (target / repo_id / path).parent.mkdir(parents=True, exist_ok=True)
            (target / repo_id / path).write_bytes(data)
    print(target)
