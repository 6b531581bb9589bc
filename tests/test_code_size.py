"""Modules of seuranta/ stay under 500 lines and functions under 60 (migrations aside).

A function's length runs from its `def` (decorators aside) to its last line, docstring and
comments included. ALLOWLIST names what is over the limit today and why it waits; an entry
that is no longer over the limit fails the test too, so the list only shrinks.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

ROOT = Path(__file__).parent.parent
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60

# "path" for a module, "path:function" for a function (nested: "path:outer.inner").
ALLOWLIST: dict[str, str] = {}


def functions(tree: ast.AST, prefix: str = "") -> list[tuple[str, int]]:
    """Every function and method in `tree` with its length in lines, named outer.inner when nested."""
    found = []
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            name = f"{prefix}{node.name}"
            found.append((name, (node.end_lineno or node.lineno) - node.lineno + 1))
            found.extend(functions(node, f"{name}."))
        else:  # a class's methods, functions under `if`
            found.extend(functions(node, prefix))
    return found


@functools.cache  # two tests read the whole package; parsing it once is enough
def oversized(root: Path) -> dict[str, int]:
    """Modules over MAX_MODULE_LINES and functions over MAX_FUNCTION_LINES, with their lengths."""
    found = {}
    for path in sorted((root / "seuranta").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        name = path.relative_to(root).as_posix()
        text = path.read_text()
        lines = len(text.splitlines())
        if lines > MAX_MODULE_LINES:
            found[name] = lines
        for function, length in functions(ast.parse(text)):
            if length > MAX_FUNCTION_LINES:
                found[f"{name}:{function}"] = length
    return found


def test_no_module_or_function_is_over_the_size_limits():
    over = {name: length for name, length in oversized(ROOT).items() if name not in ALLOWLIST}
    assert over == {}, "split these (modules ≤ 500 lines, functions ≤ 60)"


def test_allowlist_names_only_what_is_still_over_the_limits():
    stale = sorted(set(ALLOWLIST) - set(oversized(ROOT)))
    assert stale == [], "within the limits now: remove from ALLOWLIST"


def test_size_check_finds_a_long_function_and_a_long_module(tmp_path):
    (tmp_path / "seuranta").mkdir()
    body = "".join(f"        x{i} = {i}\n" for i in range(60))
    (tmp_path / "seuranta" / "long.py").write_text("class A:\n    def f(self):\n" + body)
    (tmp_path / "seuranta" / "big.py").write_text("x = 1\n" * 501)
    assert oversized(tmp_path) == {"seuranta/long.py:f": 61, "seuranta/big.py": 501}
