"""Small MoT-shaped Parquet datasets built in tmp dirs (no network, no ../shared)."""

from __future__ import annotations

import random
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

WORDS = "the of and a to in is you that it he was for on are as with his they at be this have from or one".split()

SCHEMA = pa.schema(
    [
        ("messages", pa.list_(pa.struct([("content", pa.string()), ("role", pa.string())]))),
        ("num_tokens", pa.int64()),
        ("source", pa.string()),
        ("domain", pa.string()),
        ("id", pa.string()),
    ]
)


def _text(rng: random.Random, n_words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n_words))


def make_conversation(rng: random.Random, max_words: int = 60) -> list[dict[str, str]]:
    msgs = []
    if rng.random() < 0.3:
        msgs.append({"role": "system", "content": _text(rng, rng.randint(2, 8))})
    for _ in range(rng.choice([1, 1, 2])):
        msgs.append({"role": "user", "content": _text(rng, rng.randint(3, max_words // 2))})
        msgs.append({"role": "assistant", "content": "<think>\n" + _text(rng, rng.randint(3, max_words)) + "\n</think>\n\nanswer"})
    return msgs


def write_dataset(root: Path, per_domain: int = 20, seed: int = 0, max_words: int = 60) -> Path:
    """``root/data/<domain>/train-00000.parquet`` for math/code/science, MoT columns."""
    from mot.tokenizer import count_chat_tokens, load_tokenizer

    tok = load_tokenizer()
    rng = random.Random(seed)
    for domain in ("math", "code", "science"):
        convs = [make_conversation(rng, max_words) for _ in range(per_domain)]
        counts = count_chat_tokens(tok, convs)
        table = pa.table(
            {
                "messages": convs,
                "num_tokens": counts,
                "source": ["synthetic"] * per_domain,
                "domain": [domain] * per_domain,
                "id": [f"{domain}-{i}" for i in range(per_domain)],
            },
            schema=SCHEMA,
        )
        d = root / "data" / domain
        d.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, d / "train-00000.parquet")
    return root


@pytest.fixture(scope="session")
def dataset_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_dataset(tmp_path_factory.mktemp("mot"))


@pytest.fixture(scope="session")
def tokenizer():
    from mot.tokenizer import load_tokenizer

    return load_tokenizer()
