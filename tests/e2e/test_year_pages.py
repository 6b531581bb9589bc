"""The pages of a coordinator's and a reporter's year as people see them, at 1280 and 390 px.

The plan page, a node page with a sub-series chart and a qualitative chart, "Omat raportit", a
report form, a round page and the change history. With SEURANTA_SHOTS=<folder> each is also saved as
a screenshot at both widths, for a person to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.urls import reverse

from tests.e2e.test_reporting_round import _log_in, browser, pytestmark  # noqa: F401
from tests.e2e.year_site import LONG_ACTION, TITLE, make_year_site

SHOTS = os.environ.get("SEURANTA_SHOTS")
WIDTHS = ((1280, 900), (390, 844))


def _shoot(page, name: str, element: str | None = None) -> None:
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, f"{name} at {width} px"
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            target = page.locator(element).first if element else page
            kwargs = {} if element else {"full_page": True}
            target.screenshot(path=f"{SHOTS}/{name}-{width}.png", **kwargs)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def year(transactional_db, live_server):
    return live_server.url, make_year_site()


def test_the_node_page_draws_sub_series_and_a_qualitative_scale_readably_on_a_phone(year, browser):  # noqa: F811
    base, site = year
    page = _log_in(browser, type("S", (), {"url": base}), "coordinator")
    page.goto(base + reverse("node", args=[site.action.pk]))
    series = page.locator("section.indicator", has_text=site.series.name)
    legend = series.locator(".chart-legend").inner_text()
    assert "ala-aste" in legend and "yläaste" in legend
    qualitative = page.locator("section.indicator", has_text=site.qualitative.name)
    assert "Valmistelussa" in qualitative.locator("svg.chart").text_content()  # its scale, not numbers
    page.set_viewport_size({"width": 390, "height": 844})
    chart_box = series.locator(".chart-wrap")
    assert chart_box.locator("svg").bounding_box()["width"] >= 400  # keeps its size, scrolls in its box
    assert chart_box.get_attribute("role") == "region" and chart_box.get_attribute("tabindex") == "0"
    _shoot(page, "node-sub-series-and-qualitative")
    _shoot(page, "history", "table.history")


def test_the_years_pages_fit_a_phone(year, browser):  # noqa: F811
    base, site = year
    coordinator = _log_in(browser, type("S", (), {"url": base}), "coordinator")
    coordinator.goto(base + reverse("plan", args=[site.plan.pk]))
    assert TITLE in coordinator.locator("h1").inner_text()
    _shoot(coordinator, "plan")
    coordinator.goto(base + reverse("monitoring:round", args=[site.closed_round.pk]))
    snapshot = coordinator.locator("#snapshot").inner_text()
    assert "Arvio: Toteutui osittain" in snapshot and "Tulokset sulkemishetkellä (20.5.2026)" in snapshot
    _shoot(coordinator, "round-closed")
    coordinator.goto(base + reverse("monitoring:round", args=[site.open_round.pk]))
    _shoot(coordinator, "round-open")
    responsible = _log_in(browser, type("S", (), {"url": base}), "responsible")
    responsible.goto(base + reverse("monitoring:my_reports"))
    assert responsible.locator("#past-reports").get_by_role("link", name=LONG_ACTION).count() == 1
    _shoot(responsible, "my-reports")
    responsible.goto(base + reverse("monitoring:entry", args=[site.open_entry.pk]))
    assert responsible.get_by_label(f"{site.series.name} – yläaste").count() == 1
    _shoot(responsible, "report-form")
