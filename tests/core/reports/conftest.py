import json
from datetime import date

import pytest

from seuranta.core.model import Plan
from seuranta.core.reports import ReportOptions, report_for
from tests.conftest import GOLD_DIR

ON = date(2023, 12, 31)


def gold_plan(name: str) -> Plan:
    return Plan.from_dict(json.loads((GOLD_DIR / f"{name}.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def pori_report():
    return report_for(gold_plan("pori-sivistystoimiala-toteutuminen-q1-2023"), ReportOptions(on=ON))


@pytest.fixture(scope="session")
def pori_pdf(pori_report):
    from seuranta.core.reports import render

    return render(pori_report, "pdf")
