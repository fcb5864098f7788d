"""The Arrow schemas of a built dataset and of its ledger: the only place they are defined.

``schemas/*.json`` are generated from this module (``python -m mot.schema``) and a test keeps
them in sync, so tools in other languages can read the contract without importing ``mot``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pyarrow as pa

MESSAGE_TYPE = pa.struct([("content", pa.string()), ("role", pa.string())])

# Column order and types match open-r1/Mixture-of-Thoughts (messages, num_tokens, source),
# followed by our two additions, so MoT shards and ours concatenate without casts.
ROW_SCHEMA = pa.schema(
    [
        pa.field("messages", pa.list_(MESSAGE_TYPE)),
        pa.field("num_tokens", pa.int64()),
        pa.field("source", pa.string()),
        pa.field("domain", pa.string()),
        pa.field("id", pa.string()),
        # verified: a verifier of ours checked it; upstream: taken as published by a curated upstream
        # dataset (e.g. Mixture-of-Thoughts rows) that no verifier of ours could check; unverified: neither.
        pa.field("verification", pa.string()),
    ]
)

VERIFICATION_VALUES: tuple[str, ...] = ("verified", "unverified", "upstream")

# The pool: rows that passed every per-row stage, with what the ledger needs once the global
# stages (dedup, mixture) decide their final fate.
POOL_SCHEMA = pa.schema(
    [
        *ROW_SCHEMA,
        pa.field("problem", pa.string()),
        pa.field("variant", pa.string()),  # what makes two traces of one problem distinct (code: the language)
        pa.field("verify_detail", pa.string()),
    ]
)

# One ledger row per input trace: where its fate was decided and why.
LEDGER_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("domain", pa.string(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        pa.field("kept", pa.bool_(), nullable=False),
        pa.field("stage", pa.string(), nullable=False),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("detail", pa.string()),
        pa.field("num_tokens", pa.int64()),
        pa.field("verification", pa.string()),
        # The other thing a decision is about, kept out of ``reason`` so reasons stay a fixed
        # vocabulary: the kept trace of a ``duplicate_of``, the ``<benchmark>:<item>`` of ``contaminated``.
        pa.field("related_id", pa.string()),
    ]
)

# What a global stage (dedup, mixture, combine) says about the pool rows it drops.
DROPS_SCHEMA = pa.schema([("id", pa.string()), ("reason", pa.string()), ("detail", pa.string()), ("related_id", pa.string())])

# A dropped trace as kept under ``dropped/`` (unless ``--no-keep-dropped``): the row as it was
# when dropped (``num_tokens`` is null before the length stage) and the decision, so a curator
# can read what was thrown away and why (``mot show``).
DROPPED_SCHEMA = pa.schema(
    [
        *ROW_SCHEMA,
        pa.field("stage", pa.string()),
        pa.field("reason", pa.string()),
        pa.field("detail", pa.string()),
        pa.field("related_id", pa.string()),
    ]
)

SCHEMAS: dict[str, pa.Schema] = {"row": ROW_SCHEMA, "pool": POOL_SCHEMA, "ledger": LEDGER_SCHEMA, "drops": DROPS_SCHEMA,
                                 "dropped": DROPPED_SCHEMA}
DOMAINS: tuple[str, ...] = ("math", "code", "science")


def _type_to_json(arrow_type: pa.DataType) -> object:
    if pa.types.is_list(arrow_type):
        return {"list": _type_to_json(arrow_type.value_type)}
    if pa.types.is_struct(arrow_type):
        return {"struct": [_field_to_json(arrow_type.field(i)) for i in range(arrow_type.num_fields)]}
    return str(arrow_type)


def _field_to_json(field: pa.Field) -> dict[str, object]:
    return {"name": field.name, "type": _type_to_json(field.type), "nullable": field.nullable}


def schema_to_json(schema: pa.Schema) -> dict[str, object]:
    """A language-neutral description of ``schema``: ordered fields with types and nullability."""
    return {"fields": [_field_to_json(field) for field in schema]}


def export_schemas(folder: Path) -> list[Path]:
    """Write ``<name>.json`` for every schema into ``folder``; returns the written paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in SCHEMAS.items():
        path = folder / f"{name}.json"
        path.write_text(json.dumps(schema_to_json(schema), indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in export_schemas(Path(sys.argv[1] if len(sys.argv) > 1 else "schemas")):
        print(path)
