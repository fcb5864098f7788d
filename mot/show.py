"""``mot show``: traces of a build next to the evidence behind their fate.

A trace's fate is its ledger record (stage, reason, detail, related id); its text comes from
``dropped/`` (dropped traces, kept whole unless ``--no-keep-dropped``) or the dataset (kept
ones). The detail is whatever the deciding stage wrote — plain text or a JSON object — and is
rendered generically: JSON as indented ``key: value`` lines, text as is. Text the detail quotes
as the match (``ngram="…"``, ``run of N tokens "…"``, or a ``span``/``ngram``/``matched`` JSON field) is highlighted
where it occurs in the conversation, ignoring case and punctuation as the decontamination does.

Example:
    >>> trace = {"id": "s:1", "domain": "math", "source": "s", "stage": "decontam", "reason": "contaminated",
    ...          "kept": False, "detail": 'problem match: ngram="two plus two"', "related_id": "bench:7",
    ...          "messages": [{"role": "user", "content": "What is Two plus two?"}]}
    >>> print(render(trace, color=False))  # doctest: +NORMALIZE_WHITESPACE
    ── s:1  math/s  dropped at decontam: contaminated  (related: bench:7)
    evidence: problem match: ngram="two plus two"
    [user] What is «Two plus two»?
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import click

from mot.layout import BuildLayout
from mot.stats import connect

EXCERPT_CHARS = 600  # of a message's start and end, unless --full
SPAN_KEYS = ("span", "ngram", "matched", "match", "matched_span")
# A quoted run the detail says matched: ``ngram="…"`` / ``span="…"`` or decontamination's ``run of N tokens "…"``.
_QUOTED_SPAN = re.compile(r'(?:\b(?:ngram|span|matched)=|\btokens )"([^"]+)"')


def select(root: str | Path, *, reason: str | None = None, source: str | None = None, trace_id: str | None = None,
           limit: int = 5) -> list[dict[str, Any]]:
    """Ledger records matching the filters, each with its ``messages`` (None when not kept) and ``related_problem``."""
    layout = BuildLayout(Path(root))
    con = connect(root)
    texts = []
    if layout.dropped_files():
        texts.append("SELECT id, messages FROM dropped")
    if layout.data_files():
        texts.append("SELECT id, messages FROM dataset")
    text_sql = " UNION ALL ".join(texts) or "SELECT NULL::VARCHAR AS id, NULL AS messages WHERE false"
    where, params = [], []
    for column, value in (("reason", reason), ("source", source), ("id", trace_id)):
        if value is not None:
            where.append(f"l.{column} = ?")
            params.append(value)
    sql = (f"WITH texts AS (SELECT id, any_value(messages) AS messages FROM ({text_sql}) GROUP BY id) "
           "SELECT l.*, t.messages, r.messages AS related_messages FROM ledger l "
           "LEFT JOIN texts t ON t.id = l.id LEFT JOIN texts r ON r.id = l.related_id "
           f"{'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY l.kept, l.reason, l.id LIMIT ?")
    cursor = con.execute(sql, [*params, max(limit, 0)])
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def spans(detail: str | None) -> list[str]:
    """The texts a detail names as matched (to highlight in the trace).

    >>> spans('assistant#1 matches aime item 3: coverage 0.91 of its specific n-grams, run of 14 tokens "the sum of all"')
    ['the sum of all']
    >>> spans('{"span": "x + y = 3", "other": 1}')
    ['x + y = 3']
    """
    if not detail:
        return []
    parsed = _json_object(detail)
    if parsed is not None:
        return [str(parsed[key]) for key in SPAN_KEYS if isinstance(parsed.get(key), str) and parsed[key].strip()]
    return _QUOTED_SPAN.findall(detail)


def _json_object(text: str) -> dict[str, Any] | None:
    if not text.lstrip().startswith("{"):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _span_pattern(span: str) -> re.Pattern[str] | None:
    """A span as a regex over the original text: its words in order, any non-word run between them."""
    words = re.findall(r"\w+", span)
    return re.compile(r"\W+".join(map(re.escape, words)), re.IGNORECASE) if words else None


def span_patterns(detail: str | None) -> list[re.Pattern[str]]:
    """Regexes finding, in a trace's text, each span ``detail`` quotes as matched."""
    return [p for p in map(_span_pattern, spans(detail)) if p is not None]


def render_detail(detail: str | None, indent: str = "  ") -> str:
    """A ledger detail for humans: a JSON object as nested ``key: value`` lines, any other text unchanged."""
    if not detail:
        return "(no detail recorded)"
    parsed = _json_object(detail)
    if parsed is None:
        return detail
    return "\n" + "\n".join(_lines(parsed, indent))


def _lines(value: Any, indent: str, depth: int = 1) -> list[str]:
    pad = indent * depth
    if isinstance(value, dict):
        out = []
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                out += [f"{pad}{key}:", *_lines(item, indent, depth + 1)]
            else:
                out.append(f"{pad}{key}: {_scalar(item)}")
        return out
    if isinstance(value, list):
        out = []
        for index, item in enumerate(value):
            if isinstance(item, (dict, list)) and item:
                out += [f"{pad}[{index}]", *_lines(item, indent, depth + 1)]
            else:
                out.append(f"{pad}[{index}] {_scalar(item)}")
        return out
    return [f"{pad}{_scalar(value)}"]


def _scalar(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value)
    return repr(text) if isinstance(value, str) and ("\n" in text or text != text.strip()) else text


def _highlight(text: str, patterns: list[re.Pattern[str]], color: bool) -> tuple[str, int | None]:
    """``text`` with every match marked, and where the first match starts (None: no match)."""
    first = None
    for pattern in patterns:
        matches = list(pattern.finditer(text))
        if not matches:
            continue
        first = matches[0].start() if first is None else min(first, matches[0].start())
        text = pattern.sub(lambda m: click.style(m.group(0), fg="black", bg="yellow", bold=True) if color else f"«{m.group(0)}»", text)
    return text, first


def _excerpt(text: str, around: int | None, full: bool) -> str:
    if full or len(text) <= 2 * EXCERPT_CHARS:
        return text
    if around is not None and around > EXCERPT_CHARS:  # keep the match in view
        start = max(0, around - EXCERPT_CHARS // 2)
        return f"{text[:EXCERPT_CHARS // 2]} […] {text[start:start + EXCERPT_CHARS]} […] {text[-EXCERPT_CHARS // 2:]}"
    return f"{text[:EXCERPT_CHARS]} […{len(text) - 2 * EXCERPT_CHARS:,} chars…] {text[-EXCERPT_CHARS:]}"


def render(trace: dict[str, Any], *, full: bool = False, color: bool = True) -> str:
    """One trace as text: the decision, its evidence, the conversation (spans highlighted), the related trace."""
    fate = "kept" if trace.get("kept") else f"dropped at {trace.get('stage')}: {trace.get('reason')}"
    head = f"── {trace['id']}  {trace.get('domain')}/{trace.get('source')}  {fate}"
    if trace.get("related_id"):
        head += f"  (related: {trace['related_id']})"
    lines = [click.style(head, bold=True) if color else head, f"evidence: {render_detail(trace.get('detail'))}"]
    if trace.get("kept") and trace.get("verification"):
        lines.append(f"verification: {trace['verification']}")
    patterns = span_patterns(trace.get("detail"))
    messages = trace.get("messages")
    if messages is None:
        lines.append("(text not kept: the build ran with --no-keep-dropped, or the row could not be decoded)")
    elif not messages:
        lines.append("(no messages: the row could not be read into a conversation)")
    for message in messages or []:
        content = message.get("content") or ""
        _, first = _highlight(content, patterns, color=False)
        shown, _ = _highlight(_excerpt(content, first, full), patterns, color)
        lines.append(f"[{message.get('role')}] {shown}")
    related = trace.get("related_messages")
    if related:
        problem = next((m.get("content") or "" for m in related if m.get("role") == "user"), "")
        lines.append(f"related trace {trace['related_id']} (the one kept), its problem: {_excerpt(problem, None, full)}")
    return "\n".join(lines) + "\n"
