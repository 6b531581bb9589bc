"""Every view, every role: who is let in and who is refused."""

import pytest
from django.urls import reverse

from seuranta.monitoring.models import ReportingRound, RoundEntry
from seuranta.plans.models import Plan
from tests.factories import PASSWORD

ROLES = ["anonymous", "outsider", "viewer", "responsible", "coordinator", "admin"]
COORDINATORS = {"coordinator", "admin"}


def _client(client, personas, role):
    if role != "anonymous":
        client.login(username=getattr(personas, role).username, password=PASSWORD)
    return client


def _expect(role, allowed_status, *, allowed):
    if role == "anonymous":
        return 302
    return allowed_status if role in allowed else 403


def _assert_login_redirect(response):
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_my_reports_is_for_every_logged_in_user(client, reporting, role):
    response = _client(client, reporting.personas, role).get(reverse("monitoring:my_reports"))
    if role == "anonymous":
        _assert_login_redirect(response)
    else:
        assert response.status_code == 200
        assert "<h1>Omat raportit</h1>" in response.content.decode()


def test_my_reports_lists_only_the_users_own_entries(client, reporting):
    _client(client, reporting.personas, "responsible")
    content = client.get(reverse("monitoring:my_reports")).content.decode()
    assert reverse("monitoring:entry", args=[reporting.mine.pk]) in content
    assert reverse("monitoring:entry", args=[reporting.also_mine.pk]) in content
    assert reverse("monitoring:entry", args=[reporting.not_mine.pk]) not in content


@pytest.mark.parametrize("role", ["outsider", "viewer", "coordinator"])
def test_my_reports_shows_nothing_to_people_without_assignments(client, reporting, role):
    content = _client(client, reporting.personas, role).get(reverse("monitoring:my_reports")).content.decode()
    assert "/seuranta/vastaukset/" not in content


@pytest.mark.parametrize("role", ROLES)
def test_rounds_overview_shows_plans_only_to_their_coordinators(client, reporting, role):
    response = _client(client, reporting.personas, role).get(reverse("monitoring:rounds"))
    if role == "anonymous":
        return _assert_login_redirect(response)
    assert response.status_code == 200
    open_url = reverse("monitoring:open_round", args=[reporting.plan.pk])
    assert (open_url in response.content.decode()) == (role in COORDINATORS)


@pytest.mark.parametrize("role", ROLES)
def test_open_round_page_is_for_coordinators(client, reporting, role):
    response = _client(client, reporting.personas, role).get(
        reverse("monitoring:open_round", args=[reporting.plan.pk])
    )
    assert response.status_code == _expect(role, 200, allowed=COORDINATORS)


@pytest.mark.parametrize("role", ROLES)
def test_opening_a_round_is_for_coordinators(client, reporting, role):
    before = ReportingRound.objects.count()
    response = _client(client, reporting.personas, role).post(
        reverse("monitoring:open_round", args=[reporting.plan.pk]),
        {"title": "T2/2026", "period": "T2/2026", "deadline": "2099-09-15"},
    )
    assert response.status_code == _expect(role, 302, allowed=COORDINATORS)
    assert ReportingRound.objects.count() == before + (role in COORDINATORS)


def test_a_draft_plan_of_another_organisation_is_not_found(client, reporting):
    Plan.objects.filter(pk=reporting.plan.pk).update(state=Plan.State.DRAFT)
    _client(client, reporting.personas, "outsider")
    assert client.get(reverse("monitoring:open_round", args=[reporting.plan.pk])).status_code == 404
    assert client.get(reverse("monitoring:round", args=[reporting.round.pk])).status_code == 404
    assert client.get(reverse("monitoring:entry", args=[reporting.mine.pk])).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_round_page_is_for_coordinators(client, reporting, role):
    response = _client(client, reporting.personas, role).get(
        reverse("monitoring:round", args=[reporting.round.pk])
    )
    assert response.status_code == _expect(role, 200, allowed=COORDINATORS)


@pytest.mark.parametrize("role", ROLES)
def test_sending_reminders_is_for_coordinators(client, reporting, role, mailoutbox):
    response = _client(client, reporting.personas, role).post(
        reverse("monitoring:remind", args=[reporting.round.pk])
    )
    assert response.status_code == _expect(role, 302, allowed=COORDINATORS)
    assert bool(mailoutbox) == (role in COORDINATORS)


@pytest.mark.parametrize("role", ROLES)
def test_closing_a_round_is_for_coordinators(client, reporting, role):
    response = _client(client, reporting.personas, role).post(
        reverse("monitoring:close_round", args=[reporting.round.pk])
    )
    assert response.status_code == _expect(role, 302, allowed=COORDINATORS)
    closed = ReportingRound.objects.get(pk=reporting.round.pk).state == ReportingRound.State.CLOSED
    assert closed == (role in COORDINATORS)


ENTRY_ROLES = [*ROLES, "responsible_not_assigned"]


def _entry_for(reporting, role):
    return reporting.not_mine if role == "responsible_not_assigned" else reporting.mine


def _role(role):
    return "responsible" if role == "responsible_not_assigned" else role


REPORTERS = {"responsible", "coordinator", "admin"}


@pytest.mark.parametrize("role", ENTRY_ROLES)
def test_entry_page_is_for_the_nodes_responsible_users_and_coordinators(client, reporting, role):
    entry = _entry_for(reporting, role)
    response = _client(client, reporting.personas, _role(role)).get(
        reverse("monitoring:entry", args=[entry.pk])
    )
    assert response.status_code == _expect(role, 200, allowed=REPORTERS)


@pytest.mark.parametrize("role", ENTRY_ROLES)
def test_saving_an_entry_is_for_the_nodes_responsible_users_and_coordinators(client, reporting, role):
    entry = _entry_for(reporting, role)
    response = _client(client, reporting.personas, _role(role)).post(
        reverse("monitoring:entry", args=[entry.pk]), {"version": 1, "text": "Teksti", "save": "1"}
    )
    assert response.status_code == _expect(role, 302, allowed=REPORTERS)
    saved = RoundEntry.objects.get(pk=entry.pk).state == RoundEntry.State.DRAFT
    assert saved == (role in REPORTERS)


@pytest.mark.parametrize("role", ENTRY_ROLES)
def test_returning_an_entry_is_for_coordinators(client, reporting, role):
    entry = _entry_for(reporting, role)
    response = _client(client, reporting.personas, _role(role)).post(
        reverse("monitoring:return_entry", args=[entry.pk]), {"note": "Korjaa"}
    )
    assert response.status_code == _expect(role, 302, allowed=COORDINATORS)
    returned = RoundEntry.objects.get(pk=entry.pk).state == RoundEntry.State.RETURNED
    assert returned == (role in COORDINATORS)


@pytest.mark.parametrize("role", ["responsible", "coordinator", "admin"])
def test_nobody_can_change_an_entry_of_a_closed_round(client, reporting, role):
    ReportingRound.objects.filter(pk=reporting.round.pk).update(state=ReportingRound.State.CLOSED)
    _client(client, reporting.personas, role)
    response = client.post(
        reverse("monitoring:entry", args=[reporting.mine.pk]),
        {"version": 1, "text": "Myöhässä", "submit": "1"},
    )
    assert response.status_code == 403
    assert RoundEntry.objects.get(pk=reporting.mine.pk).state == RoundEntry.State.NOT_STARTED
    response = client.post(reverse("monitoring:return_entry", args=[reporting.mine.pk]), {"note": "x"})
    assert response.status_code == 403


@pytest.mark.parametrize("view", ["monitoring:remind", "monitoring:close_round"])
def test_round_actions_refuse_get(client, reporting, view):
    _client(client, reporting.personas, "coordinator")
    assert client.get(reverse(view, args=[reporting.round.pk])).status_code == 405
