"""`./dev bench`: run every script in benchmarks/ and print a table of goal and measured value.

A script states its measurements on lines of the form

    BENCH name goal=2.0 value=1.234       (a time or a size: lower is better)
    BENCH name goal>=200 value=133.0      (a rate: higher is better)

The table lists each one; the run fails (exit 1) when a value misses its goal by more than 50 %
(a time over 1.5 x its goal, a rate under half of its goal), so it can run nightly. A script without such lines is
judged by its exit status. Not part of .ci/run: the numbers need a quiet machine.

    .venv/bin/python benchmarks/table.py [--only NAME ...] [--timeout SECONDS]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LINE = re.compile(r"^BENCH (\S+) goal(>?)=([0-9.eE+-]+) value=([0-9.eE+-]+)\s*$", re.MULTILINE)
MARGIN = 0.5  # how far a value may miss its goal before the run fails


def measurements(output: str) -> list[tuple[str, bool, float, float]]:
    """(name, higher is better, goal, value) of each BENCH line."""
    return [(m[1], m[2] == ">", float(m[3]), float(m[4])) for m in LINE.finditer(output)]


def verdict(goal: float, value: float, higher_is_better: bool = False) -> str:
    if value >= goal if higher_is_better else value <= goal:
        return "met"
    far = value < goal * (1 - MARGIN) if higher_is_better else value > goal * (1 + MARGIN)
    return "MISSED" if far else "near"


def run(script: Path, timeout: float) -> tuple[int, str]:
    try:
        done = subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return 124, ""
    return done.returncode, done.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--only", nargs="+", help="script names (without .py) to run")
    parser.add_argument("--timeout", type=float, default=1800.0)
    args = parser.parse_args(argv)
    scripts = [
        p for p in sorted(HERE.glob("*.py")) if p.name != Path(__file__).name and not p.name.startswith("_")
    ]
    if args.only:
        scripts = [p for p in scripts if p.stem in args.only]
    rows: list[tuple[str, str, str, str]] = []
    failed = False
    for script in scripts:
        status, output = run(script, args.timeout)
        found = measurements(output)
        for name, higher, goal, value in found:
            said = verdict(goal, value, higher)
            failed |= said == "MISSED"
            rows.append((name, f"{'>= ' if higher else ''}{goal:g}", f"{value:g}", said))
        if not found:
            said = "met" if status == 0 else ("TIMEOUT" if status == 124 else "MISSED")
            failed |= status != 0
            rows.append((script.stem, "exit 0", f"exit {status}", said))
    width = max([len(r[0]) for r in rows] + [4])
    print(f"{'what':<{width}}  {'goal':>10}  {'measured':>10}  verdict")
    for name, goal, value, said in rows:
        print(f"{name:<{width}}  {goal:>10}  {value:>10}  {said}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
