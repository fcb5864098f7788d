"""The house rule of docs/architecture.md: layers import downward only, and nothing imports in a cycle.

Every ``mot`` import is an edge — at module top or inside a function (a lazy import is still a
dependency). A module belongs to the layer of its longest matching prefix in :data:`LAYERS`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

# Lowest first. A module may import its own layer and the layers below it, never above.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("foundation", ("mot", "mot.defaults", "mot.schema", "mot.decision", "mot.trace", "mot.textnorm", "mot.layout",
                    "mot.deadline", "mot.atomic", "mot._bundled")),
    ("recipe model", ("mot.recipe", "mot.recipe.errors", "mot.recipe.model", "mot.recipe.overlay")),
    ("components", ("mot.filters", "mot.sources", "mot.verifiers", "mot.sandbox", "mot.anchors", "mot.decontam", "mot.benchmarks",
                    "mot.tokenizer", "mot.fastcount", "mot.executors", "mot.progress")),
    ("stages", ("mot.recipe.parse", "mot.steps", "mot.pool", "mot.stats", "mot.packing")),
    ("plan", ("mot.plan", "mot.dry_run", "mot.output", "mot.card", "mot.hub", "mot.show", "mot.report")),
    ("build", ("mot.build",)),
    ("interface", ("mot.cli", "mot.sandbox.cli", "mot.__main__")),
]
# Rooms of one layer that must stay independent of each other (packing never needs the pipeline).
SEPARATE = [("mot.packing", "mot.steps"), ("mot.packing", "mot.pool"), ("mot.steps", "mot.pool")]


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int:
    best, layer = -1, None
    for index, (_name, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, layer = len(prefix), index
    assert layer is not None, f"{module} is in no layer of tests/test_architecture.py (add it, and to docs/architecture.md)"
    return layer


def mot_imports(path: Path, module: str) -> set[str]:
    """The ``mot`` modules ``path`` imports (``from mot.x import y`` counts ``mot.x.y`` when that is a module)."""
    found = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "mot")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if base.split(".")[0] != "mot":
                continue
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if (REPO / candidate.replace(".", "/")).with_suffix(".py").exists()
                          or (REPO / candidate.replace(".", "/")).is_dir() else base)
    return found


def import_graph() -> dict[str, set[str]]:
    graph = {}
    for path in sorted((REPO / "mot").rglob("*.py")):
        if "_bundled" in path.parts:
            continue
        module = module_name(path)
        graph[module] = {m for m in mot_imports(path, module) if m != module}
    return graph


GRAPH = import_graph()


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_point_down(module):
    upward = [m for m in GRAPH[module] if layer_of(m) > layer_of(module)]
    assert not upward, f"{module} ({LAYERS[layer_of(module)][0]}) imports from higher layers: " + ", ".join(
        f"{m} ({LAYERS[layer_of(m)][0]})" for m in upward)


def test_separate_rooms_do_not_import_each_other():
    for a, b in SEPARATE:
        for module, imports in GRAPH.items():
            for room, other in ((a, b), (b, a)):
                if module == room or module.startswith(room + "."):
                    crossing = [m for m in imports if m == other or m.startswith(other + ".")]
                    assert not crossing, f"{module} imports {crossing}: {room} and {other} stay independent"


def test_no_import_cycles():
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(GRAPH.get(module, ())):
            if target not in GRAPH:
                continue
            if state.get(target) == 1:
                cycle = path[path.index(target):] + [target] if target in path else [module, target]
                pytest.fail("import cycle: " + " → ".join(cycle))
            if state.get(target) is None:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])


def test_the_import_reader_sees_lazy_and_relative_imports(tmp_path):
    """The must-reject twin: an upward import inside a function, written relatively, is still found."""
    fake = REPO / "mot" / "_probe_for_test.py"
    assert not fake.exists()
    try:
        fake.write_text("def f():\n    from .build import build\n    import mot.cli\n", encoding="utf-8")
        imports = mot_imports(fake, "mot._probe_for_test")
    finally:
        fake.unlink()
    assert imports == {"mot.build", "mot.cli"}
    assert [m for m in imports if layer_of(m) > layer_of("mot.decision")] != []


def test_torch_only_under_packing():
    for path in (REPO / "mot").rglob("*.py"):
        if "packing" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        names |= {(node.module or "").split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert "torch" not in names, path
