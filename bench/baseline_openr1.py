"""The baseline: the same build stages written the way open-r1's data scripts are.

``datasets.load_dataset`` over the JSONL files, then ``.map``/``.filter`` with ``num_proc``:
conversations from each upstream shape, the R1 format check, chat template + token count with
the HF tokenizer, math-verify on math answers, the length filter, and Parquet per domain.

    python bench/baseline_openr1.py CORPUS_DIR OUT_DIR [--num-proc 2]

The corpus must hold decodable lines only (``bench_build`` writes such a copy): ``load_dataset``
stops at the first cut-off line, where mot records it and goes on.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

from datasets import concatenate_datasets, load_dataset

from mot.tokenizer import load_tokenizer
from mot.verifiers.math_answer import verify_answer

MAX_TOKENS = 32_768


def math_messages(batch: dict[str, list]) -> dict[str, list]:
    """One row per generation, as open-r1 explodes OpenR1-Math's ``generations``."""
    out: dict[str, list] = {"messages": [], "answer": [], "finish_reason": [], "domain": []}
    for problem, answer, generations, finish in zip(batch["problem"], batch["answer"], batch["generations"], batch["finish_reasons"]):
        for generation, reason in zip(generations, finish):
            out["messages"].append([{"role": "user", "content": problem}, {"role": "assistant", "content": generation}])
            out["answer"].append(answer)
            out["finish_reason"].append(reason)
            out["domain"].append("math")
    return out


def code_messages(row: dict[str, Any]) -> dict[str, Any]:
    return {"messages": [{"role": "user", "content": row["prompt"]}, {"role": "assistant", "content": row["generation"]}],
            "answer": None, "finish_reason": row["finish_reason"], "domain": "code"}


def science_messages(row: dict[str, Any]) -> dict[str, Any]:
    return {"messages": [*row["input"], {"role": "assistant", "content": row["output"]}], "answer": None,
            "finish_reason": "stop", "domain": "science"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--num-proc", type=int, default=2)
    args = parser.parse_args()
    tokenizer = load_tokenizer()
    n = args.num_proc

    def tokens(batch: dict[str, list]) -> dict[str, list]:
        ids = tokenizer.apply_chat_template(batch["messages"], tokenize=True)["input_ids"]
        return {"num_tokens": [len(x) for x in ids]}

    def well_formed(row: dict[str, Any]) -> bool:
        response = row["messages"][-1]["content"]
        return row["finish_reason"] != "length" and "</think>" in response and bool(response.split("</think>", 1)[1].strip())

    def correct(row: dict[str, Any]) -> dict[str, Any]:
        return {"correct": row["domain"] != "math" or bool(verify_answer(row["answer"], row["messages"][-1]["content"])["correct"])}

    with tempfile.TemporaryDirectory() as cache:  # a cold cache, as on a first run
        def load(name: str):
            return load_dataset("json", data_files=str(args.corpus / f"{name}.jsonl"), split="train", cache_dir=cache)

        math = load("math")
        parts = [
            math.map(math_messages, batched=True, remove_columns=math.column_names, num_proc=n),
            load("code").map(code_messages, remove_columns=load("code").column_names, num_proc=n),
            load("science").map(science_messages, remove_columns=load("science").column_names, num_proc=n),
        ]
        dataset = concatenate_datasets(parts).filter(well_formed, num_proc=n)
        dataset = dataset.map(tokens, batched=True, num_proc=n).map(correct, num_proc=n)
        dataset = dataset.filter(lambda row: row["correct"] and row["num_tokens"] <= MAX_TOKENS, num_proc=n)
        args.output.mkdir(parents=True, exist_ok=True)
        for domain in ("math", "code", "science"):
            subset = dataset.filter(lambda row, d=domain: row["domain"] == d, num_proc=n)
            subset.select_columns(["messages", "num_tokens", "domain"]).to_parquet(str(args.output / f"{domain}.parquet"))
        print(f"baseline kept {len(dataset)} of {sum(len(p) for p in parts)} traces")


if __name__ == "__main__":
    main()
