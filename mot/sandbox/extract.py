"""Pull the program out of a model answer: the last fenced code block after `</think>`."""
from __future__ import annotations

import re

from mot.sandbox.types import ExtractedCode

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*([^\s`]*)[^\n]*\n(.*?)^[ \t]*\1[ \t]*$", re.S | re.M)
_LANG = {
    "python": "python", "py": "python", "python3": "python", "py3": "python", "pypy": "python",
    "pypy3": "python",
    "cpp": "cpp", "c++": "cpp", "cc": "cpp", "cxx": "cpp", "c++17": "cpp", "cpp17": "cpp",
    "c++14": "cpp", "c++20": "cpp", "hpp": "cpp",
}


def normalize_lang(tag: str | None) -> str | None:
    if not tag:
        return None
    return _LANG.get(tag.strip().lower().lstrip("{.").rstrip("}"))


def _guess(code: str) -> str | None:
    if re.search(r"^\s*#\s*include\b|\bint\s+main\s*\(|\bstd::", code, re.M):
        return "cpp"
    if re.search(r"^\s*(def |class |import |from \w+ import|print\()", code, re.M):
        return "python"
    return None


def extract_final_code(assistant_text: str, default_lang: str | None = None) -> ExtractedCode | None:
    """Last fenced code block of the final answer (the text after the last `</think>`).

    Returns None when there is no final answer (an unclosed `<think>`) or no code block in it.
    Blocks fenced with a non-code tag (```text, ```json ...) are skipped. The language comes from
    the fence tag, else `default_lang` (the problem's language), else a light guess."""
    text = assistant_text
    if "</think>" in text:
        text = text.rsplit("</think>", 1)[1]
    elif "<think>" in text:
        return None  # reasoning never finished: no final answer
    blocks = [(m.group(2), m.group(3)) for m in _FENCE.finditer(text)]
    for tag, body in reversed(blocks):
        lang = normalize_lang(tag)
        if tag and lang is None:
            continue
        if not body.strip():
            continue
        return ExtractedCode(code=body, lang=lang or normalize_lang(default_lang) or _guess(body))
    return None
