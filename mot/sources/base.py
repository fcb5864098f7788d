"""The unified trace every adapter produces, and the checks all adapters share."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Callable

ROLES = ("system", "user", "assistant")


class AdapterError(ValueError):
    """An upstream row does not have the shape its adapter expects (recorded as ``malformed_row``)."""


@dataclass
class Trace:
    """One candidate conversation, before any check.

    ``key`` is unique within its source and stable across runs and task counts; the trace id is
    ``<source name>:<key>``. ``reference`` holds what verification compares against
    (``answer`` for math/science, ``tests`` and limits for code; the code fields are listed in
    :mod:`mot.sources.codeforces_cots`); empty when the source has none. ``upstream`` holds the
    source's own correctness labels by judge (e.g. ``{"correctness_llama": True}``; None where the
    judge gave none), recorded next to our verdict and used as the recipe's ``upstream_labels`` says.
    """

    key: str
    messages: list[dict[str, str]]
    reference: dict[str, Any] = field(default_factory=dict)
    finish_reason: str | None = None
    reasoning_complete: bool | None = None
    upstream: dict[str, bool | None] = field(default_factory=dict)


# An adapter maps one upstream row (and a fallback key for rows without an id) to its traces.
Adapter = Callable[[dict[str, Any], str], list[Trace]]


def require(row: dict[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
    """``row[name]`` if present and of type ``kind``, else an AdapterError naming the field."""
    if name not in row or row[name] is None:
        raise AdapterError(f"missing field {name!r}")
    value = row[name]
    if not isinstance(value, kind):
        raise AdapterError(f"field {name!r} is {type(value).__name__}, not {getattr(kind, '__name__', kind)}")
    return value


def optional(row: dict[str, Any], name: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
    """``row[name]`` when present and not None (type-checked), else ``default``."""
    return default if row.get(name) is None else require(row, name, kind)


def checked_messages(messages: Any, where: str = "messages") -> list[dict[str, str]]:
    """Validate a chat and return it as plain ``{"role", "content"}`` dicts (other keys dropped)."""
    if not isinstance(messages, list) or not messages:
        raise AdapterError(f"{where} must be a non-empty list of messages")
    clean = []
    for i, message in enumerate(messages):
        if not isinstance(message, dict):
            raise AdapterError(f"{where}[{i}] is not a mapping")
        role, content = message.get("role"), message.get("content")
        if role not in ROLES:
            raise AdapterError(f"{where}[{i}].role is {role!r}; expected one of {ROLES}")
        if not isinstance(content, str):
            raise AdapterError(f"{where}[{i}].content is not a string")
        clean.append({"role": role, "content": content})
    return clean


def key_of(row: dict[str, Any], field_name: str, fallback: str) -> str:
    """The row's own id from ``field_name`` when it has one, else the reader's fallback key."""
    value = row.get(field_name)
    return str(value) if value not in (None, "") else fallback


def short_hash(value: Any) -> str:
    """A 16-hex-digit content hash of a string or JSON value (stable across runs and machines).

    >>> short_hash("abc") == short_hash("abc") != short_hash("abd")
    True
    """
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()
