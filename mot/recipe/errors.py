"""Recipe errors: one line naming the key at fault, made from pydantic's validation errors."""

from __future__ import annotations


class RecipeError(ValueError):
    """The recipe is malformed; the message names the key at fault."""


def error_location(loc: tuple[int | str, ...]) -> str:
    """``("domains", "math", "sources", 0, "adapter")`` → ``domains.math.sources[0].adapter``.

    pydantic adds the name of a validator or union member to some locations; those are not keys.

    >>> error_location(("domains", "math", "sources", 0, "adapter"))
    'domains.math.sources[0].adapter'
    """
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif not part.startswith(("function-", "tagged-union", "nullable[", "union[")) and part not in _TYPE_TAGS | {"[key]"}:
            text += f".{part}" if text else part
    return text


# Location parts pydantic inserts for the branch of a union it tried; they are not recipe keys.
_TYPE_TAGS = {"str", "list[str]", "tuple[...]", "dict[str,any]", "HubSpec", "none", "int", "float", "bool", "list[any]"}


def first_error(err: ValueError, prefix: str = "") -> str:
    """One line for a pydantic ValidationError: the location of its first error and what is wrong."""
    errors = getattr(err, "errors", None)
    if errors is None:
        return str(err)
    first = errors(include_url=False)[0]
    where = error_location(((prefix,) if prefix else ()) + tuple(first["loc"]))
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        message = f"unknown key {first['loc'][-1]!r}"
    elif first["type"] == "literal_error":
        message = f"unknown value {first['input']!r}; known: {first['ctx']['expected']}"
    elif first["type"] == "too_short":
        message = f"needs at least {first['ctx']['min_length']} item(s)"
    elif first["type"] == "missing":
        message = "required key missing"
    return f"{where}: {message}" if where else message

