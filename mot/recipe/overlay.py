"""Experiment overlays: a named edit of a recipe, applied to the raw mapping before validation.

An experiment is checked exactly like the recipe it modifies, because the overlaid mapping goes
through the same validation (:func:`mot.recipe.parse.parse_recipe`).
"""

from __future__ import annotations

import copy
from typing import Any

from mot.recipe.errors import RecipeError


def _expect(value: Any, kind: type, where: str) -> Any:
    if not isinstance(value, kind):
        raise RecipeError(f"{where}: expected {kind.__name__}, got {type(value).__name__} ({value!r})")
    return value


_OVERLAY_LIST_KEYS = ("add_sources", "remove_sources")


def apply_overlay(base: dict[str, Any], overlay: dict[str, Any], where: str = "overlay") -> dict[str, Any]:
    """``base`` (a raw recipe mapping) with ``overlay`` applied; neither argument is modified.

    Semantics: mappings merge key by key, recursively; any other value replaces the base value.
    Under ``domains.<d>``, three keys edit the source list instead of replacing it:
    ``sources`` given as a *mapping* ``{source name: partial source}`` merges into the named
    sources; ``add_sources: [...]`` appends sources; ``remove_sources: [names]`` removes them.
    (``sources`` given as a list replaces the whole list.) Nothing the overlay does not name changes.

    >>> base = {"seed": 1, "domains": {"code": {"target": 10, "sources": [{"name": "py", "cap": 5}]}}}
    >>> apply_overlay(base, {"domains": {"code": {"sources": {"py": {"cap": 8}}, "add_sources": [{"name": "cpp"}]}}})
    {'seed': 1, 'domains': {'code': {'target': 10, 'sources': [{'name': 'py', 'cap': 8}, {'name': 'cpp'}]}}}
    """
    merged = copy.deepcopy(base)
    for key, value in overlay.items():
        here = f"{where}.{key}"
        if key in _OVERLAY_LIST_KEYS:
            continue
        if key == "sources" and isinstance(value, dict):
            by_name = {s.get("name"): i for i, s in enumerate(merged.get("sources", [])) if isinstance(s, dict)}
            for name, patch in value.items():
                if name not in by_name:
                    raise RecipeError(f"{here}.{name}: no source named {name!r} to change; known: {', '.join(map(str, by_name))}")
                i = by_name[name]
                merged["sources"][i] = apply_overlay(merged["sources"][i], _expect(patch, dict, f"{here}.{name}"), f"{here}.{name}")
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = apply_overlay(merged[key], value, here)
        else:
            merged[key] = copy.deepcopy(value)
    if "remove_sources" in overlay:
        names = _expect(overlay["remove_sources"], list, f"{where}.remove_sources")
        known = {s.get("name") for s in merged.get("sources", []) if isinstance(s, dict)}
        if missing := [n for n in names if n not in known]:
            raise RecipeError(f"{where}.remove_sources: no source named {', '.join(map(str, missing))}")
        merged["sources"] = [s for s in merged["sources"] if s.get("name") not in names]
    if "add_sources" in overlay:
        merged["sources"] = [*merged.get("sources", []), *copy.deepcopy(_expect(overlay["add_sources"], list, f"{where}.add_sources"))]
    return merged
