"""No import cycles inside the project: this test reads every import statement of
parsers/, model/, gui/ and main.py (module level and inside functions, since a lazy import
that closes a loop is still a loop the reader has to hold in mind) and fails on any
strongly connected group of modules.

Imports under `if TYPE_CHECKING:` are left out: they never run. Importing a submodule is
an edge to that module only, not to the packages above it (their `__init__` are empty or
re-export, and counting them would make every re-export look like a loop).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("parsers", "model", "gui")

# Edges (importer, imported) left out of the graph on purpose. Each entry says why and
# what removes it; the list is meant to shrink to nothing.
_REGISTRY_LOADS = (
    "The registry imports every rule family inside _load_families() so their @rule "
    "decorators run, and each family imports the registry for `rule`: a loop through "
    "model/validation/registry.py, which only its owner edits. Removed when the families "
    "are listed outside the registry (e.g. model/validation/__init__.py imports them)."
)
ALLOWED: dict[tuple[str, str], str] = {
    ("model.validation.registry", f"model.validation.{family}"): _REGISTRY_LOADS
    for family in (
        "balances",
        "codes",
        "cross_table",
        "fixed_assets",
        "hierarchy",
        "narrative",
        "outline",
        "performance",
        "procurement",
        "required_tables",
        "row_arithmetic",
        "three_public",
    )
} | {
    ("parsers.tables.cells", "parsers.tables.page"): (
        "cells.__getattr__ still hands out page_items for parsers/pdf.py, bench/common.py, "
        "bench/ocr_accuracy.py and two tests; removed when they import parsers.tables.page."
    ),
}


def module_names(root: Path, packages: Iterable[str] = PACKAGES) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file of the packages (and main.py)."""
    found: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    if (root / "main.py").exists():
        found["main"] = root / "main.py"
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST) -> Iterable[ast.Import | ast.ImportFrom]:
    """Every import statement that can run, at any depth."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The longest project module that `name` starts with (None: not ours)."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def imports_of(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules `module` imports (itself left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    out: set[str] = set()
    for node in _import_nodes(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, base] if base else anchor)
            # `from pkg import name`: a submodule when one exists, else pkg itself
            targets = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names
            ]
        for target in targets:
            resolved = _resolve(target, modules)
            if resolved is not None and resolved != module:
                out.add(resolved)
    return out


def import_graph(root: Path, packages: Iterable[str] = PACKAGES) -> dict[str, set[str]]:
    modules = module_names(root, packages)
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of two or more modules (Tarjan, iterative), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in graph:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return sorted(groups)


def _described(graph: dict[str, set[str]], group: list[str]) -> str:
    inside = set(group)
    edges = [f"{a} -> {b}" for a in group for b in sorted(graph[a] & inside)]
    return "; ".join(edges)


def test_no_import_cycles() -> None:
    graph = import_graph(ROOT)
    for importer, imported in ALLOWED:
        assert imported in graph.get(importer, set()), f"stale ALLOWED entry {importer}"
        graph[importer].discard(imported)
    assert [_described(graph, g) for g in cycles(graph)] == []


def test_the_graph_sees_lazy_and_relative_imports() -> None:
    graph = import_graph(ROOT)
    assert "parsers.tables.settings" in graph["parsers.tables.cells"]
    assert "model.database" in graph["main"]  # imported inside main()


def test_checker_finds_a_cycle_through_a_function_level_import(tmp_path: Path) -> None:
    pkg = tmp_path / "parsers"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from parsers import b\n")
    (pkg / "b.py").write_text("def f():\n    from . import c\n")
    (pkg / "c.py").write_text("from typing import TYPE_CHECKING\nimport parsers.a\n")
    (pkg / "d.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from parsers import a\n"
    )
    (pkg / "e.py").write_text("import parsers.d\n")
    graph = import_graph(tmp_path, ("parsers",))
    assert graph["parsers.a"] == {"parsers.b"}
    assert graph["parsers.d"] == set()  # typing-only imports never run
    assert cycles(graph) == [["parsers.a", "parsers.b", "parsers.c"]]
