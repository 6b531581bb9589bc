"""The Sotkanet connector against recorded answers in Sotkanet's documented format, served by a local
HTTP server started in the test (the code under test is not patched: only its address setting points
at the server)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.management import call_command
from django.urls import reverse

from seuranta.values.models import SotkanetFetch, SotkanetLink
from tests.factories import make_plan
from tests.values.helpers import actuals, indicators

REGION, OTHER_REGION, INDICATOR = 91, 49, 127
RECORDED = [  # the documented shape: indicator, region, year, gender, value (absValue alongside)
    {
        "indicator": INDICATOR,
        "region": REGION,
        "year": 2022,
        "gender": "total",
        "value": 12.4,
        "absValue": 810,
    },
    {
        "indicator": INDICATOR,
        "region": REGION,
        "year": 2023,
        "gender": "total",
        "value": 11.9,
        "absValue": 790,
    },
    {"indicator": INDICATOR, "region": OTHER_REGION, "year": 2023, "gender": "total", "value": 99.0},
    {"indicator": INDICATOR, "region": REGION, "year": 2024, "gender": "total", "value": None},
]


class Recorded:
    """A local server answering every request with one recorded body and status; it keeps the queries."""

    def __init__(self) -> None:
        self.body, self.status, self.queries = json.dumps(RECORDED).encode(), 200, []
        recorded = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                recorded.queries.append(parse_qs(urlparse(self.path).query))
                self.send_response(recorded.status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(recorded.body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/rest/1.1/json"
        # serve_forever checks for shutdown() every poll_interval: 0.5 s by default, which stop() would wait.
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        ).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def sotkanet(settings):
    server = Recorded()
    settings.SEURANTA_SOTKANET_URL = server.url
    yield server
    server.stop()


@pytest.fixture
def link(personas):
    plan = make_plan(1, organization=personas.organization)
    return SotkanetLink.objects.create(
        indicator=indicators(plan)[0], sotkanet_id=INDICATOR, region=REGION, first_year=2022
    )


def fetch_now(client, link):
    return client.post(reverse("values:sotkanet_fetch", args=[link.indicator_id]))


def test_fetch_fills_the_indicators_actuals_with_source_sotkanet(client, personas, sotkanet, link):
    client.force_login(personas.coordinator)
    fetch_now(client, link)
    stored = actuals(link.indicator.node.plan)
    assert [(m.period, m.value, m.extra.get("source")) for m in stored] == [
        ("2022", 12.4, "Sotkanet"),
        ("2023", 11.9, "Sotkanet"),
    ]
    query = sotkanet.queries[0]
    assert (
        query["indicator"] == [str(INDICATOR)] and query["genders"] == ["total"] and "2022" in query["years"]
    )


def test_what_was_fetched_and_when_is_shown(client, personas, sotkanet, link):
    client.force_login(personas.coordinator)
    fetch_now(client, link)
    page = client.get(reverse("values:indicator_sources", args=[link.indicator_id])).content.decode()
    assert "2022: 12,4" in page and "2023: 11,9" in page
    assert "2 arvoa uusia tai muuttuneita" in page


def test_fetching_twice_changes_nothing_the_second_time(client, personas, sotkanet, link):
    client.force_login(personas.coordinator)
    fetch_now(client, link)
    fetch_now(client, link)
    assert len(actuals(link.indicator.node.plan)) == 2
    assert [f.stored for f in SotkanetFetch.objects.order_by("pk")] == [2, 0]


@pytest.mark.parametrize(
    ("status", "body", "warning"),
    [
        (200, b"<html>huolto</html>", "ei ole JSONia"),
        (200, b'{"error": "no"}', "ei ole luettelo"),
        (200, b'[{"indicator": 127, "year": 2023}]', "ilman indikaattoria"),
        (500, b"[]", "virheellä 500"),
    ],
)
def test_a_malformed_or_failing_answer_warns_and_changes_nothing(
    client, personas, sotkanet, link, status, body, warning
):
    client.force_login(personas.coordinator)
    fetch_now(client, link)
    before = [(m.period, m.value) for m in actuals(link.indicator.node.plan)]
    sotkanet.status, sotkanet.body = status, body
    fetch_now(client, link)
    assert [(m.period, m.value) for m in actuals(link.indicator.node.plan)] == before
    last = SotkanetFetch.objects.order_by("-pk").first()
    assert not last.ok and warning in last.message
    page = client.get(reverse("values:indicator_sources", args=[link.indicator_id])).content.decode()
    assert "Varoitus:" in page


def test_an_unreachable_server_warns(client, personas, settings, link):
    settings.SEURANTA_SOTKANET_URL = "http://127.0.0.1:9/rest/1.1/json"
    client.force_login(personas.coordinator)
    fetch_now(client, link)
    assert "Sotkanetiin ei saatu yhteyttä" in SotkanetFetch.objects.get().message
    assert actuals(link.indicator.node.plan) == []


def test_the_scheduled_command_reads_every_link(sotkanet, link):
    call_command("fetch_sotkanet", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert SotkanetFetch.objects.get().ok
    assert len(actuals(link.indicator.node.plan)) == 2


def test_fetched_values_reach_the_indicators_chart(client, personas, sotkanet, link):
    client.force_login(personas.coordinator)
    fetch_now(client, link)
    page = client.get(reverse("node", args=[link.indicator.node_id])).content.decode()
    chart = page[page.index("<svg") : page.index("</svg>")]
    assert "12,4" in chart and "11,9" in chart


def test_scheduled_values_show_in_the_history_without_a_person(client, sotkanet, link):
    call_command("fetch_sotkanet", stdout=open("/dev/null", "w"))  # noqa: SIM115
    response = client.get(reverse("node", args=[link.indicator.node_id]))
    assert response.status_code == 200
    assert "11,9" in response.content.decode()
