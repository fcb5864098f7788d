import json

import pyarrow as pa
import pytest

from mot.schema import LEDGER_SCHEMA, ROW_SCHEMA, SCHEMAS, export_schemas, schema_to_json
from tests.conftest import REPO


def test_checked_in_schema_docs_match_the_code(tmp_path):
    for path in export_schemas(tmp_path):
        assert json.loads(path.read_text()) == json.loads((REPO / "schemas" / path.name).read_text()), path.name


def test_row_schema_starts_with_the_mixture_of_thoughts_columns():
    assert ROW_SCHEMA.names[:3] == ["messages", "num_tokens", "source"]
    assert ROW_SCHEMA.field("messages").type == pa.list_(pa.struct([("content", pa.string()), ("role", pa.string())]))
    assert ROW_SCHEMA.field("num_tokens").type == pa.int64()


def test_ledger_schema_has_the_documented_columns():
    assert LEDGER_SCHEMA.names == ["id", "domain", "source", "kept", "stage", "reason", "detail", "num_tokens", "verification",
                                  "related_id"]
    assert schema_to_json(SCHEMAS["ledger"])["fields"][3] == {"name": "kept", "type": "bool", "nullable": False}


def test_checked_in_recipe_schema_matches_the_model():
    from mot.recipe.parse import recipe_json_schema

    assert recipe_json_schema() == json.loads((REPO / "schemas" / "recipe.schema.json").read_text(encoding="utf-8"))


def test_bundled_recipes_validate_against_the_exported_schema():
    """The JSON Schema an editor uses accepts what the loader accepts (and rejects a typo)."""
    import jsonschema
    import yaml

    schema = json.loads((REPO / "schemas" / "recipe.schema.json").read_text(encoding="utf-8"))
    for path in (REPO / "pipelines").glob("*.yaml"):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    bad = yaml.safe_load((REPO / "pipelines" / "sample.yaml").read_text(encoding="utf-8"))
    bad["domains"]["math"]["sources"][0]["wieght"] = 2
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
