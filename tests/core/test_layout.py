"""The core's evaluation, periods and measures are packages, one concept per module (sizes: tests/test_code_size.py)."""

from pathlib import Path

CORE = Path(__file__).resolve().parent.parent.parent / "seuranta" / "core"


def test_the_old_flat_modules_are_gone():
    flat = ["evaluation.py", "evaluation_indicators.py", "evaluation_states.py", "evaluation_texts.py"]
    flat += ["periods.py", "measures_periods.py", "measures.py", "reports/texts.py"]
    assert [name for name in flat if (CORE / name).exists()] == []
