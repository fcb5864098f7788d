import pyarrow.parquet as pq

from mot.schema import POOL_SCHEMA
from mot.steps.write_pool import PoolWriter
from tests.steps.conftest import r1, trace_doc


def test_every_document_lands_in_its_domain_pool_with_the_pool_schema(tmp_path):
    code = trace_doc(r1("```python\nprint(4)\n```"), domain="code", doc_id="c:1", num_tokens=20)
    math = trace_doc(r1("\\boxed{4}"), doc_id="m:1", num_tokens=10, verification="verified")
    passed = list(PoolWriter(str(tmp_path)).run(iter([code, math]), rank=3))
    assert [d.id for d in passed] == ["c:1", "m:1"]
    code_rows = pq.read_table(tmp_path / "code" / "00003.parquet")
    assert code_rows.schema == POOL_SCHEMA
    assert code_rows.to_pylist()[0]["variant"] == "python"
    math_row = pq.read_table(tmp_path / "math" / "00003.parquet").to_pylist()[0]
    assert math_row["verification"] == "verified" and math_row["problem"] == "What is 2 + 2?" and math_row["variant"] is None
