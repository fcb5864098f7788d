"""DuckDB over a built dataset: views ``dataset`` and ``ledger``, and the canned queries of ``mot stats``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from mot.layout import BuildLayout


class NotABuild(ValueError):
    """The folder holds no built dataset."""


def connect(root: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with views ``dataset``, ``ledger`` and (when kept) ``dropped`` over ``root``."""
    layout = BuildLayout(Path(root))
    if not layout.data_files() and not layout.ledger_files():
        raise NotABuild(f"{root}: no dataset here (expected data/<domain>/*.parquet and ledger/*.parquet)")
    con = duckdb.connect()
    for view, files in (("dataset", layout.data_files()), ("ledger", layout.ledger_files()), ("dropped", layout.dropped_files())):
        if not files:
            continue
        paths = ", ".join(f"'{p.as_posix()}'" for p in files)
        con.execute(f"CREATE VIEW {view} AS SELECT * FROM read_parquet([{paths}], union_by_name=true)")
    return con


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]


def query(root: str | Path, sql: str) -> QueryResult:
    """Run ``sql`` against the views of a build."""
    con = connect(root)
    cursor = con.execute(sql)
    return QueryResult([d[0] for d in cursor.description or []], cursor.fetchall())


# The canned reports, by the stable snake_case key of ``mot stats --json`` (documented in the README);
# ``TITLES`` holds the heading printed above each in text output.
CANNED: dict[str, str] = {
    "rows_per_source": """
        SELECT domain, source, count(*) AS rows, sum(num_tokens) AS tokens
        FROM dataset GROUP BY ALL ORDER BY domain, source""",
    "token_lengths": """
        SELECT domain, count(*) AS rows, min(num_tokens) AS min,
               quantile_cont(num_tokens, 0.5)::BIGINT AS p50, quantile_cont(num_tokens, 0.9)::BIGINT AS p90,
               quantile_cont(num_tokens, 0.99)::BIGINT AS p99, max(num_tokens) AS max
        FROM dataset GROUP BY domain ORDER BY domain""",
    "funnel": """
        SELECT domain, count(*) AS read, count(*) FILTER (kept) AS kept,
               count(*) FILTER (NOT kept) AS dropped
        FROM ledger GROUP BY domain ORDER BY domain""",
    "ledger_reasons": """
        SELECT domain, stage, reason, rows FROM (
            SELECT domain, stage, reason, count(*) AS rows, bool_or(kept) AS kept
            FROM ledger GROUP BY ALL)
        ORDER BY domain, kept DESC, rows DESC, reason""",
    "contamination": """
        SELECT split_part(related_id, ':', 1) AS benchmark, source, split_part(detail, ' ', 1) AS matched_in, count(*) AS rows
        FROM ledger WHERE reason = 'contaminated' GROUP BY ALL ORDER BY benchmark, source, matched_in""",
    "duplicates": """
        SELECT domain, source, count(*) AS dropped, count(*) FILTER (detail LIKE 'near%') AS near
        FROM ledger WHERE reason = 'duplicate_of' GROUP BY ALL ORDER BY domain, source""",
    "verification": """
        SELECT domain, verification, count(*) AS rows
        FROM ledger WHERE kept GROUP BY ALL ORDER BY domain, verification""",
}
TITLES: dict[str, str] = {
    "rows_per_source": "rows per domain and source",
    "token_lengths": "token-length quantiles",
    "funnel": "funnel (read = kept + dropped)",
    "ledger_reasons": "ledger reasons",
    "contamination": "contamination by benchmark and source",
    "duplicates": "duplicates by source",
    "verification": "verification of kept rows",
    "verified_by": "kept rows by whose verdict (ours | upstream:<judge>)",
    "upstream_agreement": "agreement with upstream labels (ours × theirs)",
}


def title(key: str) -> str:
    """The heading of report ``key`` in text output."""
    return TITLES.get(key, key.replace("_", " "))

# Whose verdict kept each verified row: our checker, or an upstream judge (the recipe's upstream_labels).
VERIFIED_BY_SQL = """
    SELECT domain, source, verified_by, count(*) AS rows
    FROM ledger WHERE kept AND verified_by IS NOT NULL GROUP BY ALL ORDER BY domain, source, verified_by"""
# Ours × theirs, per source and upstream judge: where our checker and the source's own labels agree.
AGREEMENT_SQL = """
    SELECT source, label.judge AS judge, coalesce(our_verdict, 'not checked') AS ours,
           count(*) FILTER (label.correct) AS theirs_correct,
           count(*) FILTER (NOT label.correct) AS theirs_wrong,
           count(*) FILTER (label.correct IS NULL) AS theirs_none,
           count(*) FILTER (kept AND verified_by = 'upstream:' || label.judge) AS kept_by_theirs
    FROM (SELECT source, our_verdict, kept, verified_by, unnest(upstream) AS label FROM ledger)
    GROUP BY ALL ORDER BY source, judge, ours"""


def stats(root: str | Path) -> dict[str, QueryResult]:
    """Every canned report of ``mot stats``, by its snake_case key (see ``CANNED``)."""
    con = connect(root)
    results = {}
    queries = dict(CANNED)
    ledger_columns = {row[0] for row in con.execute("DESCRIBE ledger").fetchall()}
    if {"upstream", "verified_by"} <= ledger_columns:  # builds from before the verdict columns have neither
        queries["verified_by"] = VERIFIED_BY_SQL
        if con.execute("SELECT count(*) FROM ledger WHERE len(upstream) > 0").fetchone()[0]:
            queries["upstream_agreement"] = AGREEMENT_SQL
    for key, sql in queries.items():
        cursor = con.execute(sql)
        results[key] = QueryResult([d[0] for d in cursor.description or []], cursor.fetchall())
    return results


def format_table(result: QueryResult) -> str:
    """Plain-text table, right-aligned numbers."""
    cells = [[str(c) for c in result.columns]] + [["" if v is None else str(v) for v in row] for row in result.rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(result.columns))]
    numeric = [all(isinstance(r[i], (int, float)) or r[i] is None for r in result.rows) for i in range(len(widths))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(c.rjust(w) if numeric[i] else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
