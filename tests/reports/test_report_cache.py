"""Report downloads are bounded: rendered once per plan version and request, limited for anonymous visitors."""

import pytest
from django.test import Client
from django.urls import reverse

from seuranta.plans.models import Node, Plan
from seuranta.reports import views as report_views
from tests.factories import make_plan
from tests.web.test_editing import node_data

pytestmark = pytest.mark.django_db


def _url(plan, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("reports:plan_report", args=[plan.pk]) + (f"?{query}" if query else "")


@pytest.fixture
def renders(monkeypatch):
    """The requests that rendered a report rather than reading it from the cache."""
    calls = []
    real = report_views.render_for

    def counting(plan, wanted, **kwargs):
        calls.append(wanted)
        return real(plan, wanted, **kwargs)

    monkeypatch.setattr(report_views, "render_for", counting)
    return calls


def test_a_second_download_of_the_same_report_is_not_rendered_again(client, personas, renders):
    plan = make_plan(2, organization=personas.organization)
    first = client.get(_url(plan, format="docx", on="2026-06-30"))
    second = client.get(_url(plan, format="docx", on="2026-06-30"))
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert len(renders) == 1


@pytest.mark.parametrize(
    "other", [{"format": "xlsx"}, {"lang": "sv"}, {"variant": "annual"}, {"on": "2026-12-31"}]
)
def test_another_format_language_variant_or_date_is_its_own_report(client, personas, renders, other):
    plan = make_plan(2, organization=personas.organization)
    base = {"format": "docx", "lang": "fi", "variant": "council", "on": "2026-06-30"}
    client.get(_url(plan, **base))
    response = client.get(_url(plan, **{**base, **other}))
    assert response.status_code == 200
    assert len(renders) == 2


def test_an_edit_to_the_plan_changes_the_download(client, personas, renders):
    plan = make_plan(2, organization=personas.organization)
    node = Node.objects.get(plan=plan, title="Toimenpide 1")
    assert "Toimenpide 1" in client.get(_url(plan)).content.decode()
    editor = Client()
    editor.force_login(personas.coordinator)
    edited = editor.post(reverse("node_edit", args=[node.pk]), node_data(node, title="Uusi otsikko"))
    assert edited.status_code == 302
    page = client.get(_url(plan)).content.decode()
    assert "Uusi otsikko" in page
    assert len(renders) == 2


def test_a_round_report_is_cached_apart_from_the_plan_report(client, personas, renders):
    from datetime import date

    from seuranta.monitoring.reporting import open_round

    plan = make_plan(2, organization=personas.organization)
    reporting_round = open_round(
        plan,
        title="Q1/2026",
        period="2026-Q1",
        deadline=date(2026, 4, 15),
        root=None,
        user=personas.coordinator,
    )
    client.get(_url(plan))
    response = client.get(_url(plan, round=reporting_round.pk))
    assert response.status_code == 200
    assert "Q1/2026" in response.content.decode()
    assert len(renders) == 2


def test_anonymous_visitors_get_429_with_retry_after_past_the_limit(client, personas, settings):
    settings.REPORT_RATE_LIMIT = 3
    plan = make_plan(1, organization=personas.organization)
    statuses = [client.get(_url(plan)).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get(_url(plan, format="pdf"))
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "Raportteja on ladattu osoitteestasi niin usein" in response.content.decode()


def test_the_limit_counts_each_address_apart(personas, settings):
    settings.REPORT_RATE_LIMIT = 1
    plan = make_plan(1, organization=personas.organization)
    assert Client(REMOTE_ADDR="10.0.0.1").get(_url(plan)).status_code == 200
    assert Client(REMOTE_ADDR="10.0.0.1").get(_url(plan)).status_code == 429
    assert Client(REMOTE_ADDR="10.0.0.2").get(_url(plan)).status_code == 200


def test_behind_a_trusted_proxy_the_limit_counts_the_forwarded_address(personas, settings):
    settings.REPORT_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1
    plan = make_plan(1, organization=personas.organization)
    proxy = {"REMOTE_ADDR": "10.9.9.9"}
    assert Client(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.1").get(_url(plan)).status_code == 200
    assert Client(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.2").get(_url(plan)).status_code == 200
    # A client cannot escape by writing its own X-Forwarded-For: the proxy appends the real address.
    forged = Client(**proxy, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1")
    assert forged.get(_url(plan)).status_code == 429


def test_logged_in_users_are_not_rate_limited(client, personas, settings):
    settings.REPORT_RATE_LIMIT = 1
    plan = make_plan(1, organization=personas.organization)
    client.force_login(personas.viewer)
    assert [client.get(_url(plan)).status_code for _ in range(3)] == [200, 200, 200]


def test_a_published_report_revalidates_with_its_etag(client, personas):
    plan = make_plan(1, organization=personas.organization)
    first = client.get(_url(plan))
    assert first["Cache-Control"] == "public, no-cache"
    again = client.get(_url(plan), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_a_draft_plan_report_is_private_and_not_stored(client, personas):
    plan = make_plan(1, organization=personas.organization, state=Plan.State.DRAFT)
    client.force_login(personas.viewer)
    response = client.get(_url(plan))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response


def test_the_html_report_allows_only_its_own_stylesheet(client, personas):
    plan = make_plan(1, organization=personas.organization)
    policy = client.get(_url(plan))["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "style-src 'sha256-" in policy
    assert "unsafe-inline" not in policy


def test_anonymous_report_requests_beyond_the_servers_slots_get_429(client, personas, settings):
    from seuranta.common.throttling import concurrency_slot

    settings.REPORT_CONCURRENCY = 1
    plan = make_plan(1, organization=personas.organization)
    with concurrency_slot("anonymous-reports", 1) as granted:  # another visitor's report is being served
        assert granted
        response = client.get(_url(plan))
        assert response.status_code == 429
        assert "Raportteja valmistellaan juuri nyt monelle kävijälle" in response.content.decode()
        assert response["Retry-After"] == "5"
        client.force_login(personas.viewer)
        assert client.get(_url(plan)).status_code == 200  # signed-in users are not held back
    client.logout()
    assert client.get(_url(plan)).status_code == 200  # the slot is free again


def test_a_report_being_rendered_by_another_request_is_waited_for_not_rendered_again():
    import threading

    from django.core.cache import cache

    from seuranta.reports.views import rendered_once

    cache.add("report:x:rendering", 1)
    threading.Timer(0.3, lambda: cache.set("report:x", (b"valmis", "text/html", "r.html"))).start()
    renders = []
    result = rendered_once("report:x", lambda: renders.append(1) or (b"uusi", "text/html", "r.html"))
    assert result[0] == b"valmis"
    assert renders == []


def test_when_the_other_renderer_fails_the_waiting_request_renders_itself():
    import threading

    from django.core.cache import cache

    from seuranta.reports.views import rendered_once

    cache.add("report:y:rendering", 1)
    threading.Timer(0.3, lambda: cache.delete("report:y:rendering")).start()
    result = rendered_once("report:y", lambda: (b"uusi", "text/html", "r.html"))
    assert result[0] == b"uusi"
    assert cache.get("report:y")[0] == b"uusi"


def test_an_edit_in_the_admin_changes_the_download(client, personas, renders):
    plan = make_plan(2, organization=personas.organization)
    node = Node.objects.get(plan=plan, title="Toimenpide 1")
    client.get(_url(plan))
    node.title = "Ylläpidon otsikko"
    node.save()  # as the Django admin saves, without a change record
    assert "Ylläpidon otsikko" in client.get(_url(plan)).content.decode()
    assert len(renders) == 2
