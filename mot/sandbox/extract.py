"""Pull the program out of a model answer: the last fenced code block after `</think>`."""
from __future__ import annotations

import re

from mot.sandbox.types import ExtractedCode

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*([^\s`]*)[^\n]*\n(.*?)^[ \t]*\1[ \t]*$", re.S | re.M)
_LANG = {
    "python": "python", "py": "python", "python3": "python", "py3": "python", "pypy": "python",
    "pypy3": "python",
    "cpp": "cpp", "c++": "cpp", "cc": "cpp", "cxx": "cpp", "c++17": "cpp", "cpp17": "cpp",
    "c++14": "cpp", "c++20": "cpp", "cpp20": "cpp", "c++2a": "cpp", "cpp2a": "cpp", "c++23": "cpp",
    "cpp23": "cpp", "hpp": "cpp",
}


_CPP20_TAGS = {"c++20", "cpp20", "c++2a", "cpp2a", "c++23", "cpp23"}


def _clean_tag(tag: str) -> str:
    return tag.strip().lower().lstrip("{.").rstrip("}")


def normalize_lang(tag: str | None) -> str | None:
    if not tag:
        return None
    return _LANG.get(_clean_tag(tag))


def cpp_standard(tag: str | None) -> str | None:
    """``c++20`` for fences that ask for C++20 or later (compiled as C++20), else None."""
    return "c++20" if tag and _clean_tag(tag) in _CPP20_TAGS else None


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
        return ExtractedCode(code=body, lang=lang or normalize_lang(default_lang) or _guess(body),
                             cpp_standard=cpp_standard(tag))
    return None
