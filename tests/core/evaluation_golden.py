"""The evaluator's full output on fixed inputs, for the golden test (tests/core/test_evaluation_golden.py).

Cases: every plan of tests/data (the corpus answer keys, the unseen plans and the real-world
plans), a sample of the 100,000-indicator benchmark plan, and seeded random plans that mix
every kind of measure, period form, label, phase, milestone and plan setting. Each case is
evaluated on several days and in every language; its output (every status, coverage count,
value, date and reason rendered) is reduced to a digest, so that the golden file stays small.

    python -m tests.core.evaluation_golden          rewrite tests/data/evaluation_golden.json
    python -m tests.core.evaluation_golden --show CASE   print one case's output as JSON
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import random
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from seuranta.core.evaluation import IndicatorEvaluation, NodeEvaluation, SeriesEvaluation, evaluate_plan
from seuranta.core.model import Indicator, Measure, Milestone, Node, Plan, Progress

DATA = Path(__file__).resolve().parent.parent / "data"
GOLDEN = DATA / "evaluation_golden.json"
# Answer keys whose plans are evaluated; of the real-world keys only the tune half, never the held-out one.
PLAN_FILES = ("gold/*.json", "unseen/*.json", "unseen_tables/*.json", "realworld/tune/*.json")
DAYS = (date(2023, 6, 30), date(2025, 12, 31), date(2027, 3, 15), date(2031, 1, 1))
LANGS = ("fi", "sv", "en")
RANDOM_SEEDS = range(60)
BENCHMARK_SAMPLE = 3_000


# --- output as plain data ------------------------------------------------------------------------


def _measure(measure: Measure | None) -> Any:
    return (
        None
        if measure is None
        else [measure.text, measure.kind, measure.value, measure.period, measure.label]
    )


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _series(s: SeriesEvaluation) -> list[Any]:
    return [
        s.label,
        s.status,
        s.reason,
        s.judged,
        s.mode,
        s.direction,
        _measure(s.baseline),
        s.baseline_value,
        _day(s.baseline_date),
        s.baseline_from_actual,
        _measure(s.target),
        s.target_value,
        _day(s.target_date),
        _measure(s.final_target),
        _day(s.final_target_date),
        _measure(s.actual),
        s.actual_value,
        _day(s.actual_date),
        s.expected,
        list(s.scale),
    ]


def _indicator(e: IndicatorEvaluation) -> list[Any]:
    series = [_series(s) for s in e.series]
    decisive = next((i for i, s in enumerate(e.series) if s is e.decisive), None)
    return [e.status, e.reason, e.unit, e.label, e.direction, decisive, series]


def _node(e: NodeEvaluation) -> list[Any]:
    overdue = [[m.title, m.due, m.done] for m in e.overdue_milestones]
    return [
        e.status,
        e.reason,
        e.is_action,
        e.phase,
        e.phase_period,
        overdue,
        e.counts,
        e.indicator_counts,
        e.summary,
        len(e.indicators),
    ]


def output(plan: Plan, on: date, lang: str) -> dict[str, Any]:
    """Everything the evaluation of a plan says, in walk order."""
    result = evaluate_plan(plan, on, lang)
    nodes = []
    for node, ancestors in plan.walk():
        nodes.append(
            {
                "path": [a.title for a in ancestors] + [node.title],
                "node": _node(result.node(node)),
                "indicators": [_indicator(result.indicator(i)) for i in node.indicators],
            }
        )
    whole = [result.status, result.reason, result.counts, result.indicator_counts, result.summary]
    return {"plan": whole, "nodes": nodes}


def digest(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


# --- the inputs ----------------------------------------------------------------------------------


def plan_files() -> list[Path]:
    return sorted(p for pattern in PLAN_FILES for p in DATA.glob(pattern))


def load(path: Path) -> Plan:
    return Plan.from_dict(json.loads(path.read_text(encoding="utf-8")))


def benchmark_sample() -> Plan:
    path = DATA.parent.parent / "benchmarks" / "evaluate_large.py"
    spec = importlib.util.spec_from_file_location("evaluate_large", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    plan: Plan = module.generated_plan(BENCHMARK_SAMPLE)
    return plan


YEARS = range(2019, 2031)
STATES = ("Ei", "Ei ole", "Valmistelussa", "Käynnissä", "Osittain", "Valmis", "Kyllä", "On laadittu", "x")
LABELS = (*[None] * 10, "kevät", "syksy", "Kevät", "ala-aste", "yläaste", "A", " ")
NOTES = ("", "2–3", "1,5…2 kpl", "vähintään lähtötaso", "paljon", "-")


def _period(rng: random.Random) -> str | None:
    y = rng.choice(YEARS)
    forms = [
        None,
        str(y),
        f"{y}-Q{rng.randint(1, 4)}",
        f"{y}-T{rng.randint(1, 3)}",
        f"{y}-H{rng.randint(1, 2)}",
        f"{y}-{rng.randint(1, 12):02d}",
        f"{y}/{y + 1}",
        f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"v. {y}",
        f"syksy {y}",
        f"kevät {y}",
        f"lv. {y}-{(y + 1) % 100:02d}",
        f"{rng.randint(1, 12)}/{y}",
        f"vuoteen {y} mennessä",
        f"Q{rng.randint(1, 4)}/{y}",
        f"{y}–{y + 2}",
        "jatkuva",
        "",
    ]
    return rng.choice(forms)


def _number(rng: random.Random) -> float | int | None:
    return rng.choice(
        [
            rng.randint(0, 100),
            round(rng.uniform(-50, 500), rng.randint(0, 3)),
            rng.randint(1000, 90000),
            None,
            float("nan"),
            0,
        ]
    )


def _measure_at(rng: random.Random, role: str) -> Measure:
    kind = rng.choice(["value", "value", "value", "min", "max", "change_percent", "state", None, "bogus"])
    label = rng.choice(LABELS)
    period = _period(rng)
    if kind == "state":
        return Measure(rng.choice(STATES), "state", None, period, label)
    value = _number(rng)
    if kind in ("min", "max"):
        words = ("vähintään", "yli") if kind == "min" else ("enintään", "alle")
        text = f"{rng.choice(words)} {'lähtötaso' if value is None else value}"
        return Measure(text, kind, value, period, label)
    if kind == "change_percent":
        return Measure(f"{value:+} %" if value is not None else "+5 %", kind, value, period, label)
    text = str(value) if value is not None and rng.random() < 0.8 else rng.choice(NOTES)
    if role == "actual" and rng.random() < 0.15:
        return Measure(rng.choice(STATES), "state", None, period, label)
    return Measure(text, kind, value, period, label)


def _clean_indicator(rng: random.Random, n: int) -> Indicator:
    """An indicator as plans mostly write one: a baseline, dated targets and actuals of one kind."""
    first = rng.choice(YEARS)
    if rng.random() < 0.25:
        scale = rng.choice([("Ei", "Valmistelussa", "Valmis"), ("Ei ole", "Osittain", "Kyllä")])
        return Indicator(
            name=f"Mittari {n}",
            baseline=Measure(scale[0], "state", None, str(first)),
            targets=[Measure(s, "state", None, str(first + 2 * i + 2)) for i, s in enumerate(scale[1:])],
            actuals=[
                Measure(rng.choice(STATES), "state", None, _period(rng)) for _ in range(rng.randint(0, 2))
            ],
        )
    base = rng.randint(10, 90)
    step = rng.choice([-3, -1, 0, 1, 2, 5])
    targets = []
    for i in range(rng.randint(1, 3)):
        kind = rng.choice(["value", "value", "min", "max", "change_percent"])
        value = base + step * (i + 1) * 3 if kind != "change_percent" else step * 2
        period = str(first + 2 * i + 2) if rng.random() < 0.9 else None
        text = {"min": f"vähintään {value}", "max": f"alle {value}"}.get(kind, str(value))
        targets.append(Measure(text, kind, value, period, None))
    actuals = []
    for i in range(rng.randint(0, 3)):
        value = round(base + step * (i + 1) + rng.uniform(-4, 4), rng.choice([0, 1]))
        period = rng.choice([str(first + i + 1), f"{first + i + 1}-Q{rng.randint(1, 4)}", _period(rng)])
        actuals.append(Measure(str(value), "value", value, period, None))
    return Indicator(
        name=f"Mittari {n}",
        unit=rng.choice([None, "%", "kpl"]),
        baseline=Measure(str(base), "value", base, rng.choice([str(first), None, f"v. {first}"])),
        targets=targets,
        actuals=actuals,
    )


def _indicator_of(rng: random.Random, n: int) -> Indicator:
    if rng.random() < 0.6:
        return _clean_indicator(rng, n)
    pick = lambda role, most: [_measure_at(rng, role) for _ in range(rng.randint(0, most))]  # noqa: E731
    return Indicator(
        name=f"Mittari {n}",
        unit=rng.choice([None, "%", "kpl", "pv", "€", ""]),
        baseline=_measure_at(rng, "baseline") if rng.random() < 0.7 else None,
        targets=pick("target", 3),
        actuals=pick("actual", 4),
        baseline_series=pick("baseline", 2) if rng.random() < 0.2 else [],
    )


PHASES = (None, None, "not_started", "in_progress", "done", "delayed", "cancelled", "bogus")


def _action(rng: random.Random, n: int) -> Node:
    return Node(
        level="Toimenpide",
        title=f"Toimenpide {n}",
        schedule=rng.choice([None, "2024–2027", "2022– jatkuva", "v. 2025", "syksy 2026", "1–6/2026"]),
        indicators=[_indicator_of(rng, n * 10 + i) for i in range(rng.randint(0, 4))],
        milestones=[Milestone(f"V{i}", _period(rng), rng.random() < 0.3) for i in range(rng.randint(0, 2))],
        progress=[Progress("p", _period(rng), rng.choice(PHASES)) for _ in range(rng.randint(0, 2))],
        phase=rng.choice(PHASES) if rng.random() < 0.3 else None,
    )


def random_plan(seed: int) -> Plan:
    """A plan of goals, sub-goals and actions with random measures: every branch of the rules."""
    rng = random.Random(seed)
    counter = iter(range(10**6))

    def goal(depth: int) -> Node:
        children = [
            goal(depth + 1) if depth < 2 and rng.random() < 0.3 else _action(rng, next(counter))
            for _ in range(rng.randint(0, 4))
        ]
        own = [_indicator_of(rng, next(counter)) for _ in range(rng.randint(0, 1))]
        return Node(level="Tavoite", title=f"Tavoite {depth}", children=children, indicators=own)

    return Plan(
        title=f"Satunnainen {seed}",
        period=rng.choice([None, "2023–2028", "2026–2029", "2024", "x"]),
        levels=["Tavoite", "Toimenpide"],
        nodes=[goal(0) for _ in range(rng.randint(1, 4))],
        tolerance=rng.choice([None, 0.0, 0.2, -1, float("inf")]),
        state_scale=rng.choice([None, None, ["Ei", "Valmistelussa", "Valmis"], ["Ei", "Osittain", "Kyllä"]]),
    )


def case_names() -> list[str]:
    files = [f"{path.parent.name}/{path.stem}" for path in plan_files()]
    return [*files, "benchmark-sample", *(f"random-{seed}" for seed in RANDOM_SEEDS)]


def case(name: str) -> Plan:
    if name == "benchmark-sample":
        return benchmark_sample()
    if name.startswith("random-"):
        return random_plan(int(name.removeprefix("random-")))
    return next(load(path) for path in plan_files() if f"{path.parent.name}/{path.stem}" == name)


def cases() -> Iterator[tuple[str, Plan]]:
    for name in case_names():
        yield name, case(name)


def keys(name: str) -> list[str]:
    return [f"{name}@{on.isoformat()}@{lang}" for on in DAYS for lang in LANGS]


def parse_key(key: str) -> tuple[date, str]:
    _name, day, lang = key.split("@")
    return date.fromisoformat(day), lang


def digests() -> dict[str, str]:
    """{"case@day@lang": digest of the output}."""
    return {key: digest(output(plan, *parse_key(key))) for name, plan in cases() for key in keys(name)}


def main(argv: list[str]) -> int:
    if argv[:1] == ["--show"]:
        plan = case(argv[1].split("@")[0])
        json.dump(output(plan, *parse_key(argv[1])), sys.stdout, ensure_ascii=False, indent=1)
        return 0
    GOLDEN.write_text(json.dumps(digests(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
