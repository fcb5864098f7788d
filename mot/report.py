"""``mot report``: one self-contained HTML file about a build, readable offline.

Sections: the funnel per domain and source (what each stage dropped), token-length
distributions, verification of the kept rows, contamination per benchmark with examples, and a
few sampled traces per drop reason with their evidence. Charts are drawn by Chart.js, inlined
from ``mot/_vendor`` (package data, pinned by ``CHARTJS_SHA256``), and the numbers travel as
one JSON block, so the file needs no network and no server. The same build gives the same bytes.

Example:
    >>> write_report("mot-out", "mot-out/report.html")  # doctest: +SKIP
    PosixPath('mot-out/report.html')
"""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path
from typing import Any

from mot.layout import BuildLayout
from mot.show import render_detail, span_patterns
from mot.stats import QueryResult, connect, stats

CHARTJS_VERSION = "4.5.1"
CHARTJS_SHA256 = "ecc3cd1eeb8c34d2178e3f59fd63ec5a3d84358c11730af0b9958dc886d7652a"
CHARTJS = Path(__file__).parent / "_vendor" / "chart.umd.js"
HISTOGRAM_BINS = 30
EXCERPT_CHARS = 400


def chartjs_source() -> str:
    """The vendored Chart.js, checked against its pinned hash (a silently changed file would render anything)."""
    data = CHARTJS.read_bytes()
    if hashlib.sha256(data).hexdigest() != CHARTJS_SHA256:
        raise RuntimeError(f"{CHARTJS} does not match Chart.js {CHARTJS_VERSION}'s pinned sha256; reinstall mot")
    return data.decode("utf-8")


def _rows(con: Any, sql: str) -> list[dict[str, Any]]:
    cursor = con.execute(sql)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def _has_view(con: Any, name: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = ?", [name]).fetchone()[0])


def collect(root: str | Path, examples: int = 3) -> dict[str, Any]:
    """Everything the report shows, as plain JSON-able data."""
    con = connect(root)
    funnel = _rows(con, """
        SELECT domain, source, CASE WHEN kept THEN 'kept' ELSE stage END AS fate, count(*) AS rows
        FROM ledger GROUP BY ALL ORDER BY domain, source, fate""")
    lengths: dict[str, list[int]] = {}
    edges: list[int] = []
    if _has_view(con, "dataset"):
        top = con.execute("SELECT coalesce(max(num_tokens), 0) FROM dataset").fetchone()[0]
        width = max(1, -(-int(top) // HISTOGRAM_BINS))
        edges = [i * width for i in range(HISTOGRAM_BINS + 1)]
        for domain, bucket, rows in con.execute(
                f"SELECT domain, least(num_tokens // {width}, {HISTOGRAM_BINS - 1}) AS b, count(*) FROM dataset GROUP BY ALL").fetchall():
            lengths.setdefault(domain, [0] * HISTOGRAM_BINS)[int(bucket)] = rows
    contamination = _rows(con, """
        SELECT split_part(related_id, ':', 1) AS benchmark, domain, count(*) AS rows
        FROM ledger WHERE reason = 'contaminated' GROUP BY ALL ORDER BY benchmark, domain""")
    return {
        "funnel": funnel,
        "lengths": {"edges": edges, "counts": dict(sorted(lengths.items()))},
        "contamination": contamination,
        "examples": _examples(con, examples),
    }


def _examples(con: Any, per_reason: int) -> dict[str, list[dict[str, Any]]]:
    """Up to ``per_reason`` dropped traces per reason, spread over sources by a hash of their id (stable)."""
    text = "SELECT id, messages FROM dropped" if _has_view(con, "dropped") else "SELECT NULL::VARCHAR AS id, NULL AS messages WHERE false"
    rows = _rows(con, f"""
        WITH texts AS ({text}),
        ranked AS (SELECT l.*, row_number() OVER (PARTITION BY l.reason ORDER BY md5(l.id)) AS n FROM ledger l WHERE NOT l.kept)
        SELECT r.id, r.domain, r.source, r.stage, r.reason, r.detail, r.related_id, t.messages
        FROM ranked r LEFT JOIN texts t ON t.id = r.id WHERE r.n <= {int(per_reason)} ORDER BY r.reason, r.n""")
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row["reason"], []).append(row)
    return grouped


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _table(result: QueryResult, caption: str = "") -> str:
    head = "".join(f"<th>{_esc(c)}</th>" for c in result.columns)
    body = "".join("<tr>" + "".join(f"<td>{_esc(v)}</td>" for v in row) + "</tr>" for row in result.rows)
    cap = f"<caption>{_esc(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body or '<tr><td>(none)</td></tr>'}</tbody></table>"


def _marked(text: str, detail: str | None) -> str:
    """``text`` escaped, with the spans ``detail`` quotes as matched wrapped in <mark>, centred on the first match."""
    patterns = span_patterns(detail)
    first = min((m.start() for p in patterns if (m := p.search(text))), default=None)
    if len(text) > 2 * EXCERPT_CHARS:
        start = 0 if first is None else max(0, first - EXCERPT_CHARS // 2)
        text = ("…" if start else "") + text[start:start + 2 * EXCERPT_CHARS] + "…"
    pieces, position = [], 0
    matches = sorted((m.start(), m.end()) for p in patterns for m in p.finditer(text))
    for begin, end in matches:
        if begin < position:
            continue
        pieces += [html.escape(text[position:begin]), f"<mark>{html.escape(text[begin:end])}</mark>"]
        position = end
    return "".join(pieces) + html.escape(text[position:])


def _example(row: dict[str, Any], open_: bool = False) -> str:
    related = f" · related <code>{_esc(row['related_id'])}</code>" if row.get("related_id") else ""
    messages = row.get("messages")
    if messages is None:
        body = "<p class=note>text not kept (built with --no-keep-dropped)</p>"
    else:
        body = "".join(f"<div class=msg><b>{_esc(m.get('role'))}</b> {_marked(m.get('content') or '', row.get('detail'))}</div>"
                       for m in messages) or "<p class=note>no messages (the row could not be read)</p>"
    gist = (row.get("detail") or "").splitlines()[0][:140] if row.get("detail") else ""
    return (f"<details{' open' if open_ else ''}><summary><code>{_esc(row['id'])}</code> · {_esc(row['domain'])}/{_esc(row['source'])} · "
            f"stage {_esc(row['stage'])}{related}<br><span class=gist>{_esc(gist)}</span></summary><pre class=evidence>{_esc(render_detail(row.get('detail')))}</pre>"
            f"{body}</details>")


def render_report(root: str | Path, examples: int = 3) -> str:
    """The report of the build in ``root`` as one HTML document."""
    root = Path(root)
    data = collect(root, examples)
    reports = stats(root)
    blob = json.dumps({k: data[k] for k in ("funnel", "lengths", "contamination")}, sort_keys=True).replace("</", "<\\/")
    reasons = "".join(f"<h3 id='reason-{_esc(reason)}'>{_esc(reason)}</h3>" + "".join(map(_example, rows))
                      for reason, rows in data["examples"].items() if reason != "contaminated")
    reasons = reasons or "<p>Nothing was dropped.</p>"
    contamination_examples = "".join(_example(row, open_=True) for row in data["examples"].get("contaminated", []))
    contamination_examples = contamination_examples or "<p>No trace matched a benchmark.</p>"
    layout = BuildLayout(root)
    title = f"mot report: {layout.root.resolve().name}"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{_esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body {{ font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; padding: 0 1rem; }}
h1 {{ font-size: 1.6rem; }} h2 {{ border-bottom: 1px solid #ddd; padding-bottom: .2rem; margin-top: 2.2rem; }}
table {{ border-collapse: collapse; margin: .6rem 0; }} td, th {{ border: 1px solid #ddd; padding: .2rem .6rem; text-align: left; }}
th {{ background: #f4f4f4; }} caption {{ text-align: left; font-weight: 600; padding: .3rem 0; }}
.chart {{ position: relative; height: 360px; }} details {{ border: 1px solid #e3e3e3; border-radius: 4px; margin: .4rem 0; padding: .3rem .6rem; }}
summary {{ cursor: pointer; }} pre.evidence {{ background: #fff8e1; padding: .4rem; white-space: pre-wrap; }}
.msg {{ white-space: pre-wrap; border-left: 3px solid #ccd; padding-left: .5rem; margin: .3rem 0; font-family: ui-monospace, monospace; font-size: 12px; }}
mark {{ background: #ffd54f; }} .note {{ color: #777; }} .gist {{ color: #555; font-size: 12px; }}
</style></head>
<body>
<h1>{_esc(title)}</h1>
<p>Every input trace has one ledger record: kept, or dropped at a stage with a reason. Dropped traces are kept
under <code>dropped/</code>; read any of them with <code>mot show {_esc(root)} --id ID</code>.</p>
<h2 id="funnel">Funnel per domain and source</h2>
<div class="chart"><canvas id="funnel-chart" aria-label="funnel"></canvas></div>
{_table(reports["funnel"], "read = kept + dropped, per domain")}
{_table(reports["ledger_reasons"], "drops per stage and reason")}
<h2 id="lengths">Token lengths (dataset rows)</h2>
<div class="chart"><canvas id="lengths-chart" aria-label="token lengths"></canvas></div>
{_table(reports["token_lengths"], "num_tokens quantiles")}
<h2 id="verification">Verification of kept rows</h2>
{_table(reports["verification"])}
<h2 id="contamination">Contamination per benchmark</h2>
<div class="chart" style="height:240px"><canvas id="contamination-chart" aria-label="contamination"></canvas></div>
{_table(reports["contamination"], "matches by benchmark, source and where (problem or response)")}
{contamination_examples}
<h2 id="examples">Sampled dropped traces per reason</h2>
<p>A few per reason (contaminated ones are above); all of them: <code>mot show {_esc(root)} --reason REASON -n 100</code>.</p>
{reasons}
<script>{chartjs_source()}</script>
<script type="application/json" id="report-data">{blob}</script>
<script>{_SCRIPT}</script>
</body></html>
"""


_SCRIPT = """
(function () {
  const data = JSON.parse(document.getElementById('report-data').textContent);
  Chart.defaults.animation = false;
  const palette = ['#2e7d32', '#c62828', '#ef6c00', '#6a1b9a', '#1565c0', '#00838f', '#ad1457', '#4e342e', '#9e9d24', '#37474f', '#5d4037', '#0277bd'];
  const labels = [...new Set(data.funnel.map(r => r.domain + '/' + r.source))];
  const fates = ['kept', ...[...new Set(data.funnel.map(r => r.fate))].filter(f => f !== 'kept').sort()];
  new Chart(document.getElementById('funnel-chart'), {
    type: 'bar',
    data: {labels, datasets: fates.map((fate, i) => ({
      label: fate === 'kept' ? 'kept' : 'dropped at ' + fate, backgroundColor: palette[i % palette.length],
      data: labels.map(l => data.funnel.filter(r => r.domain + '/' + r.source === l && r.fate === fate).reduce((s, r) => s + r.rows, 0))}))},
    options: {indexAxis: 'y', maintainAspectRatio: false, scales: {x: {stacked: true, title: {display: true, text: 'traces'}}, y: {stacked: true}}}
  });
  const edges = data.lengths.edges;
  new Chart(document.getElementById('lengths-chart'), {
    type: 'bar',
    data: {labels: edges.slice(0, -1).map((e, i) => e + '–' + edges[i + 1]),
           datasets: Object.entries(data.lengths.counts).map(([domain, counts], i) => ({label: domain, data: counts, backgroundColor: palette[(i + 4) % palette.length]}))},
    options: {maintainAspectRatio: false, scales: {x: {stacked: true, title: {display: true, text: 'num_tokens'}}, y: {stacked: true, title: {display: true, text: 'rows'}}}}
  });
  const benchmarks = [...new Set(data.contamination.map(r => r.benchmark))];
  const domains = [...new Set(data.contamination.map(r => r.domain))];
  new Chart(document.getElementById('contamination-chart'), {
    type: 'bar',
    data: {labels: benchmarks, datasets: domains.map((d, i) => ({label: d, backgroundColor: palette[(i + 1) % palette.length], maxBarThickness: 90,
      data: benchmarks.map(b => data.contamination.filter(r => r.benchmark === b && r.domain === d).reduce((s, r) => s + r.rows, 0))}))},
    options: {maintainAspectRatio: false, scales: {x: {stacked: true}, y: {stacked: true, title: {display: true, text: 'traces dropped'}}}}
  });
  document.body.dataset.rendered = 'true';
})();
"""


def write_report(root: str | Path, path: str | Path, examples: int = 3) -> Path:
    """Write the report of the build in ``root`` to ``path``; returns ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(root, examples), encoding="utf-8")
    return path
