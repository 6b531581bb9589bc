"""Every staff and public page works on a phone: at 390 px wide the page itself never scrolls sideways.

Wide tables and charts scroll inside their own box (a keyboard-focusable region with a name); the
page around them stays the window's width. Every page type each role reaches is visited
(tests/e2e/year_site.py), with long Finnish titles, charts with sub-series and a qualitative scale.
"""

from __future__ import annotations

import pytest

from tests.e2e.test_reporting_round import _log_in, browser, pytestmark  # noqa: F401
from tests.e2e.year_site import make_year_site, year_pages

PHONE = {"width": 390, "height": 844}
SCROLLERS_WITHOUT_A_NAME = """() => [...document.querySelectorAll('*')]
  .filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'auto')
  .filter((e) => e.tabIndex < 0 || !(e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')))
  .map((e) => e.className || e.tagName)"""


def _culprits(page) -> list[str]:
    """The outermost elements wider than the window, to name in the failure."""
    return page.evaluate(
        """(width) => [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > width + 1)
        .filter((e) => !(e.parentElement && e.parentElement.getBoundingClientRect().right > width + 1))
        .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}`)""",
        PHONE["width"],
    )


@pytest.fixture
def year(transactional_db, live_server):
    site = make_year_site()
    return live_server.url, year_pages(site)


@pytest.mark.parametrize("who", [None, "viewer", "responsible", "coordinator", "admin"])
def test_no_page_scrolls_sideways_at_390_px(year, browser, who):  # noqa: F811
    base, pages = year
    if who:
        page = _log_in(browser, type("S", (), {"url": base}), who)
    else:
        page = browser.new_context(locale="fi-FI").new_page()
    page.set_viewport_size(PHONE)
    wide, unnamed = {}, {}
    for name, url in pages[who].items():
        response = page.goto(base + url)
        assert response.status == 200, f"{name} ({url}): HTTP {response.status}"
        assert "/login/" not in page.url or name == "login", f"{name} sent {who} to the login page"
        if page.evaluate("document.documentElement.scrollWidth") > PHONE["width"] + 1:
            wide[name] = _culprits(page)
        if scrollers := page.evaluate(SCROLLERS_WITHOUT_A_NAME):
            unnamed[name] = scrollers
    assert not wide, f"wider than {PHONE['width']} px: {wide}"
    assert not unnamed, f"a box that scrolls is not a named, focusable region: {unnamed}"
