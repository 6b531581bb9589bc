"""Evaluate 100,000 generated indicators with the core (goal: under 2 s and under 200 MB).

The indicators mix what plans write: numbers rising and falling, bounds ("vähintään 3",
"alle 20"), relative targets ("+5 %"), ranges ("2–3"), qualitative states ("Ei" ..
"Valmis"), labelled sub-series ("kevät"/"syksy"), and periods in interchange form
("2026", "2023-Q1", "2021/2022") and as written ("v. 2026", "syksy 2025", "lv. 2022-23").
They hang under 25,000 actions of one plan, evaluated once with `evaluate_plan`.

    .venv/bin/python benchmarks/evaluate_large.py [--indicators N] [--repeat N]

Prints the quickest run's wall-clock and CPU time and the memory the evaluation takes:
the growth of the process's peak resident set while it runs (the generated plan itself,
about 160 MB at 100,000 indicators, is there before and is printed apart); exits 1 when
a goal is missed. The CPU time varies much less with the machine's load than wall-clock.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from seuranta.core import model as core  # noqa: E402
from seuranta.core.evaluation import evaluate_plan  # noqa: E402

GOAL_SECONDS = 2.0
GOAL_MB = 200.0
M = core.Measure


def _numbers(i: int) -> core.Indicator:
    up = i % 2 == 0
    base, final = (50 + i % 7, 70 + i % 5) if up else (80 - i % 6, 60 - i % 4)
    actual = base + (i % 11 - 3) * (1 if up else -1)
    return core.Indicator(
        name=f"Mittari {i}",
        unit="%" if i % 3 else "kpl",
        baseline=M(f"{base} %", "value", base, ("2024", "v. 2023", "2023-Q4")[i % 3]),
        targets=[
            M(f"{(base + final) / 2}", "value", (base + final) / 2, "2026"),
            M(str(final), "value", final, "2028"),
        ],
        actuals=[M(str(actual), "value", actual, ("2025", "syksy 2025", "2025-T2", "8/2025")[i % 4])],
    )


def _bounds(i: int) -> core.Indicator:
    kind, text = (("min", "vähintään 3"), ("max", "alle 20"), ("change_percent", "+5 %"))[i % 3]
    value = {"min": 3, "max": 20, "change_percent": 5}[kind]
    return core.Indicator(
        name=f"Mittari {i}",
        baseline=M("10", "value", 10, "2023") if i % 4 else None,
        targets=[M(text, kind, value, ("v. 2026", "2027", "vuoteen 2028 mennessä")[i % 3])],
        actuals=[M(str(i % 25), "value", i % 25, "2024"), M(str(i % 23), "value", i % 23, "2025-Q3")],
    )


def _states(i: int) -> core.Indicator:
    return core.Indicator(
        name=f"Mittari {i}",
        baseline=M("Ei", "state", None, "2023"),
        targets=[M("Valmistelussa", "state", None, "2025"), M("Valmis", "state", None, "2027")],
        actuals=[M(("Ei ole", "Valmistelussa", "Käynnissä", "Kyllä")[i % 4], "state", None, "lv. 2024-25")],
    )


def _seasons(i: int) -> core.Indicator:
    return core.Indicator(
        name=f"Mittari {i}",
        unit="%",
        baseline_series=[M("60", "value", 60, "2023", "kevät"), M("58", "value", 58, "2023", "syksy")],
        targets=[M("2–3", "range", None, "2026", "kevät"), M("70", "value", 70, "2026", "syksy")],
        actuals=[
            M("62", "value", 62, "kevät 2024"),
            M("57", "value", 57, "syksy 2024"),
            M("64", "value", 64, "2021/2022"),
        ],
    )


KINDS = (_numbers, _numbers, _bounds, _states, _seasons)


def generated_plan(indicators: int) -> core.Plan:
    actions = []
    for a in range(max(1, indicators // 4)):
        own = [KINDS[i % len(KINDS)](i) for i in range(a * 4, min(indicators, a * 4 + 4))]
        actions.append(
            core.Node(level="Toimenpide", title=f"Toimenpide {a}", schedule="2024–2027", indicators=own)
        )
    goals = [core.Node(level="Tavoite", title=f"Tavoite {g}", children=actions[g::100]) for g in range(100)]
    return core.Plan(title="Suuri", period="2023–2028", levels=["Tavoite", "Toimenpide"], nodes=goals)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--indicators", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1, help="runs; the quickest counts")
    args = parser.parse_args(argv)
    plan = generated_plan(args.indicators)
    before = _peak_mb()
    runs: list[tuple[float, float]] = []
    statuses: Counter[str] = Counter()
    for _ in range(max(1, args.repeat)):
        started, cpu_started = time.perf_counter(), time.process_time()
        evaluation = evaluate_plan(plan, date(2025, 12, 31), "fi")
        statuses = Counter(evaluation.indicator(i).status for i, _node, _up in plan.indicators())
        runs.append((time.perf_counter() - started, time.process_time() - cpu_started))
        del evaluation
    seconds, cpu = min(runs)
    total = _peak_mb()
    peak = total - before
    ok = seconds < GOAL_SECONDS and peak < GOAL_MB
    print(f"indicators: {sum(statuses.values())}; statuses: {dict(sorted(statuses.items()))}")
    print(f"evaluate: {seconds:.2f} s (CPU {cpu:.2f} s); goal < {GOAL_SECONDS:.0f} s")
    print(f"memory of the evaluation: {peak:.0f} MB; goal < {GOAL_MB:.0f} MB")
    print(f"peak memory of the process: {total:.0f} MB (the plan and interpreter: {before:.0f} MB)")
    print(f"BENCH evaluate_100k_s goal={GOAL_SECONDS} value={seconds:.3f}")
    print(f"BENCH evaluate_100k_cpu_s goal={GOAL_SECONDS} value={cpu:.3f}")
    print(f"BENCH evaluate_100k_peak_mb goal={GOAL_MB} value={peak:.0f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
