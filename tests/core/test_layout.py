"""The core's own packages stay small: one concept per module, functions a reader can hold.

Scoped to the core outside the importer (parsing/) and the report renderers
(reports/), whose layout is being reworked on its own.
"""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent.parent / "seuranta" / "core"
SKIP = ("parsing", "reports")
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60


def modules():
    return sorted(p for p in CORE.rglob("*.py") if p.relative_to(CORE).parts[0] not in SKIP)


def test_no_module_is_over_500_lines():
    long = [
        f"{p.relative_to(CORE)}: {n}"
        for p in modules()
        if (n := len(p.read_text().splitlines())) > MAX_MODULE_LINES
    ]
    assert long == []


def test_no_function_is_over_60_lines():
    long = [
        f"{p.relative_to(CORE)}:{node.lineno} {node.name}: {node.end_lineno - node.lineno + 1}"
        for p in modules()
        for node in ast.walk(ast.parse(p.read_text()))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []


def test_the_old_flat_modules_are_gone():
    flat = ["evaluation.py", "evaluation_indicators.py", "evaluation_states.py", "evaluation_texts.py"]
    flat += ["periods.py", "measures_periods.py", "measures.py", "reports/texts.py"]
    assert [name for name in flat if (CORE / name).exists()] == []
