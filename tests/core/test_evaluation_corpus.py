"""status_document on every gold plan: every indicator and node gets one of the six statuses."""

import json
from datetime import date
from pathlib import Path

import pytest

from seuranta.core.evaluation import STATUSES, evaluate_plan, status_document
from seuranta.core.model import Plan

GOLD = sorted((Path(__file__).parent.parent / "data" / "gold").glob("*.json"))
DAYS = [date(2023, 6, 30), date(2026, 12, 31), date(2030, 1, 1)]


def load(path):
    return Plan.from_dict(json.loads(path.read_text(encoding="utf-8")))


def test_gold_files_are_there():
    assert len(GOLD) >= 5


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("on", DAYS, ids=str)
@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_every_indicator_and_node_gets_a_status(path, on, lang):
    plan = load(path)
    document = status_document(plan, on, lang)
    assert set(document) == {"indicators", "nodes"}
    assert len(document["indicators"]) == sum(1 for _ in plan.indicators())
    assert len(document["nodes"]) == sum(1 for _ in plan.walk())
    for item in document["indicators"]:
        assert set(item) == {"path", "name", "status", "reason"}
        assert item["status"] in STATUSES
        assert item["path"] and all(isinstance(title, str) for title in item["path"])
        assert item["reason"].endswith(".")
    for item in document["nodes"]:
        assert set(item) == {"path", "status", "reason"}
        assert item["status"] in STATUSES
        assert item["reason"]


def test_document_is_plain_json():
    document = status_document(load(GOLD[0]), date(2024, 1, 1))
    assert json.loads(json.dumps(document, ensure_ascii=False)) == document


def test_harrasteryhmat_example_from_the_issue():
    plan = load(next(p for p in GOLD if "sivistystoimiala" in p.stem))
    result = evaluate_plan(plan, date(2023, 6, 30))
    indicator = next(i for i, _, _ in plan.indicators() if i.name.startswith("Koulupäivän yhteydessä"))
    evaluation = result.indicator(indicator)
    assert evaluation.status == "off_track"
    assert (
        evaluation.reason
        == "Toteuma 55 (Q1/2023), tavoitetaso 70 kevät 2023, lähtötaso 56: kehitys väärään suuntaan."
    )
    assert evaluation.label == "kevät"


def test_digital_learning_plan_reported_ready_is_achieved():
    plan = load(next(p for p in GOLD if "sivistystoimiala" in p.stem))
    indicator = next(
        i for i, _, _ in plan.indicators() if i.name.startswith("Digitaalisen oppimisen kehittämis")
    )
    assert evaluate_plan(plan, date(2023, 6, 30)).indicator(indicator).status == "achieved"


def test_range_target_in_the_corpus_is_read_from_its_text():
    plan = load(next(p for p in GOLD if "konsernipalvelut" in p.stem))
    indicator = next(
        i for i, _, _ in plan.indicators() if i.name.startswith("Muiden yksittäisten palvelujen")
    )
    evaluation = evaluate_plan(plan, date(2026, 6, 30)).indicator(indicator)
    assert evaluation.status == "no_data"
    assert "2–3 2026" in evaluation.reason
