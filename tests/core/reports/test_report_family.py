"""Seuranta's own reports read back by the importer, and never mistaken for other documents."""

import pytest

from seuranta.core.parsing import parse_file
from seuranta.core.parsing.families import report as report_family
from seuranta.core.parsing.readers import read_bytes
from seuranta.core.reports import ReportOptions, render, report_for
from tests.conftest import CORPUS_DIR, GOLD_DIR
from tests.core.reports.conftest import ON, gold_plan
from tests.support.score_import import score_document

GOLD_NAMES = sorted(p.stem for p in GOLD_DIR.glob("*.json"))


@pytest.mark.parametrize("path", sorted(CORPUS_DIR.glob("*.txt")), ids=lambda p: p.stem)
def test_report_family_does_not_claim_other_documents(path):
    assert report_family.detect(read_bytes(path.read_bytes(), path.name)) < 0.3


@pytest.mark.parametrize("fmt", ["docx", pytest.param("pdf", marks=pytest.mark.pdf)])
@pytest.mark.parametrize("name", GOLD_NAMES)
@pytest.mark.slow
def test_report_of_a_gold_plan_reads_back_into_the_same_plan(name, fmt, tmp_path):
    plan = gold_plan(name)
    path = tmp_path / f"{name}.{fmt}"
    path.write_bytes(render(report_for(plan, ReportOptions(on=ON)), fmt))
    result = parse_file(path)
    assert result.family == "report"
    assert score_document(plan.to_dict(), result.plan.to_dict())["score"] >= 0.95
