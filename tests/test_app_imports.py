"""The packages of seuranta/ import each other in one direction only.

Each folder of seuranta/ (an app, the core, the shared helpers of `common`) is a node; an import
of one from another (anywhere in its modules, at the top or inside a function) is an edge.
The graph must have no cycle, the core imports no app, and `common` imports no app.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

SEURANTA = Path(__file__).parent.parent / "seuranta"


def packages() -> list[str]:
    return sorted(p.name for p in SEURANTA.iterdir() if (p / "__init__.py").is_file())


def imported_modules(path: Path) -> set[str]:
    """The dotted names of every module `path` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    # The package the module is in (for __init__.py too: its last part is "__init__").
    here = list(path.relative_to(SEURANTA.parent).with_suffix("").parts)[:-1]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - (node.level - 1)] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)  # `from seuranta import web`
    return names


def app_graph() -> dict[str, set[str]]:
    """Each package of seuranta/ with the other packages it imports."""
    return {app: set(imported) for app, imported in _app_graph(SEURANTA).items()}


@functools.cache  # three tests read the same graph: its modules are parsed once
def _app_graph(root: Path) -> dict[str, set[str]]:
    apps = packages()
    graph: dict[str, set[str]] = {app: set() for app in apps}
    for app in apps:
        for path in (SEURANTA / app).rglob("*.py"):
            for name in imported_modules(path):
                parts = name.split(".")
                if len(parts) > 1 and parts[0] == "seuranta" and parts[1] in graph and parts[1] != app:
                    graph[app].add(parts[1])
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as the nodes along it (first node repeated at the end), or None."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str] | None:
        if node in path:
            return path[path.index(node) :] + [node]
        if node in done:
            return None
        for target in sorted(graph.get(node, ())):
            if cycle := visit(target, [*path, node]):
                return cycle
        done.add(node)
        return None

    for start in sorted(graph):
        if cycle := visit(start, []):
            return cycle
    return None


def test_no_two_apps_import_each_other():
    assert find_cycle(app_graph()) is None


def test_core_imports_no_app():
    assert app_graph()["core"] == set()


def test_common_helpers_import_no_app():
    assert app_graph()["common"] == set()


def test_cycle_finder_finds_a_cycle_through_three_apps():
    graph = {"web": {"plans", "monitoring"}, "monitoring": {"reports"}, "reports": {"web"}, "plans": set()}
    assert find_cycle(graph) == ["monitoring", "reports", "web", "monitoring"]


def test_cycle_finder_accepts_a_graph_in_one_direction():
    assert find_cycle({"web": {"plans", "monitoring"}, "monitoring": {"plans"}, "plans": set()}) is None


def test_relative_and_function_level_imports_count(tmp_path, monkeypatch):
    package = tmp_path / "seuranta"
    for app in ("web", "monitoring"):
        (package / app).mkdir(parents=True)
        (package / app / "__init__.py").write_text("")
    (package / "web" / "views.py").write_text("def f():\n    from ..monitoring import reporting\n")
    (package / "monitoring" / "views.py").write_text("from seuranta import web\n")
    monkeypatch.setitem(globals(), "SEURANTA", package)
    assert app_graph() == {"monitoring": {"web"}, "web": {"monitoring"}}
