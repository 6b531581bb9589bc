"""Every Measure of the gold files (tests/data/gold/*.json) as the measure language reads it.

The gold's kind and value must come back from `parse_measure(text)`. Its period
is compared only where the text itself states one (`parse_period(text)` finds
one): other gold periods come from the document's context, such as "2026"
stamped on the konsernipalvelut targets or "2023-Q1" on the Q1 actuals.
"""

import json
from pathlib import Path

import pytest

from seuranta.core.measures import parse_levels, parse_measure
from seuranta.core.periods import parse_period

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"

# Deliberate differences from the gold, keyed by measure text, with the reason.
EXCEPTIONS: dict[str, str] = {}


def _nodes(nodes):
    for node in nodes:
        yield node
        yield from _nodes(node.get("children") or [])


def _indicators():
    for path in sorted(GOLD.glob("*.json")):
        for node in _nodes(json.loads(path.read_text(encoding="utf-8"))["nodes"]):
            for indicator in node.get("indicators") or []:
                yield path.stem, indicator


def _gold_measures():
    for stem, indicator in _indicators():
        roles = [("baseline", [indicator["baseline"]] if indicator.get("baseline") else [])]
        roles += [(role, indicator.get(role) or []) for role in ("baseline_series", "targets", "actuals")]
        for role, measures in roles:
            for i, measure in enumerate(measures):
                yield pytest.param(
                    measure, id=f"{stem}:{indicator['name'][:40]}:{role}{i}:{measure['text'][:30]}"
                )


def _series():
    for stem, indicator in _indicators():
        if indicator.get("baseline_series"):
            yield pytest.param(
                indicator["baseline"]["text"],
                indicator["baseline_series"],
                id=f"{stem}:{indicator['name'][:40]}:baseline",
            )
        labelled = [t for t in indicator.get("targets") or [] if t.get("label")]
        if len(labelled) >= 2:
            joined = " ".join(t["text"] for t in labelled)
            yield pytest.param(joined, labelled, id=f"{stem}:{indicator['name'][:40]}:targets")


GOLD_MEASURES = list(_gold_measures())


def _as_tuple(m):
    return (m["text"], m["kind"], m["value"], m["period"], m["label"])


def test_gold_files_hold_measures():
    assert len(GOLD_MEASURES) >= 100


@pytest.mark.parametrize("gold", GOLD_MEASURES)
def test_parse_measure_reproduces_gold(gold):
    if gold["text"] in EXCEPTIONS:
        pytest.skip(EXCEPTIONS[gold["text"]])
    m = parse_measure(gold["text"])
    assert m.kind == gold["kind"]
    assert m.value == (pytest.approx(gold["value"]) if gold["value"] is not None else None)
    stated = parse_period(gold["text"])
    if stated is not None:
        assert m.period == stated == gold["period"]


@pytest.mark.parametrize(("text", "series"), list(_series()))
def test_parse_levels_reproduces_gold_series(text, series):
    got = [_as_tuple(m.to_dict()) for m in parse_levels(text)]
    assert got == [_as_tuple(m) for m in series]
