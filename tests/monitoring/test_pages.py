"""What people see and get on the reporting pages."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from seuranta.monitoring.models import ReportingRound, RoundEntry
from seuranta.monitoring.reporting import close_round
from seuranta.plans.models import Indicator, Measure, ProgressEntry
from tests.factories import PASSWORD


def _login(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def _form(entry, *values, text="Edistyy.", action="save", version=None, phase="in_progress", confirm=False):
    data = {
        "version": version or RoundEntry.objects.get(pk=entry.pk).version,
        "text": text,
        "phase": phase,
        "verdict": "",
        action: "1",
    }
    for indicator, value in zip(
        Indicator.objects.filter(node=entry.node).order_by("order", "id"), values, strict=False
    ):
        data[f"value_{indicator.pk}"] = value
        if confirm:  # the value is far from the indicator's 10..20, and the person confirms it
            data[f"confirm_value_{indicator.pk}"] = "on"
    return data


def _actuals(entry):
    return list(
        Measure.objects.filter(indicator__node=entry.node, role=Measure.Role.ACTUAL)
        .order_by("indicator__order")
        .values_list("text", "value")
    )


def test_finnish_number_formats_are_accepted(client, reporting):
    _login(client, reporting.personas.responsible)
    response = client.post(
        reverse("monitoring:entry", args=[reporting.mine.pk]),
        _form(reporting.mine, "9 844", "21,2 %", action="submit", confirm=True),
    )
    assert response.status_code == 302
    assert _actuals(reporting.mine) == [("9 844", 9844.0), ("21,2 %", 21.2)]


def test_a_decimal_comma_is_read(client, reporting):
    _login(client, reporting.personas.responsible)
    client.post(
        reverse("monitoring:entry", args=[reporting.mine.pk]), _form(reporting.mine, "3,4", action="submit")
    )
    assert _actuals(reporting.mine) == [("3,4", 3.4)]


def test_a_wrong_format_gets_a_finnish_message_and_keeps_what_was_typed(client, reporting):
    _login(client, reporting.personas.responsible)
    response = client.post(
        reverse("monitoring:entry", args=[reporting.mine.pk]),
        _form(reporting.mine, "noin paljon", "12", text="Kirjoitettu teksti"),
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "ei ole luku" in content
    assert 'value="noin paljon"' in content and 'value="12"' in content and "Kirjoitettu teksti" in content
    assert _actuals(reporting.mine) == []


def test_submitting_needs_a_progress_text(client, reporting):
    _login(client, reporting.personas.responsible)
    response = client.post(
        reverse("monitoring:entry", args=[reporting.mine.pk]),
        _form(reporting.mine, "12", text="", action="submit"),
    )
    assert response.status_code == 400
    assert RoundEntry.objects.get(pk=reporting.mine.pk).state == RoundEntry.State.NOT_STARTED


def test_submitting_returns_to_my_reports_with_thanks(client, reporting):
    _login(client, reporting.personas.responsible)
    response = client.post(
        reverse("monitoring:entry", args=[reporting.mine.pk]),
        _form(reporting.mine, "12", "13", action="submit"),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("monitoring:my_reports")
    assert "Kiitos" in response.content.decode()
    assert RoundEntry.objects.get(pk=reporting.mine.pk).state == RoundEntry.State.SUBMITTED


def test_a_concurrent_save_is_told_and_loses_nothing(reporting):
    first = _login(Client(), reporting.personas.responsible)
    second = _login(Client(), reporting.personas.coordinator)
    url = reverse("monitoring:entry", args=[reporting.mine.pk])
    assert first.post(url, _form(reporting.mine, "10", text="Ensimmäinen", version=1)).status_code == 302
    response = second.post(url, _form(reporting.mine, "20", text="Toinen", version=1))
    content = response.content.decode()
    assert response.status_code == 409
    assert "Joku muu tallensi" in content
    assert "Toinen" in content and 'value="20"' in content  # what the second person typed is kept
    assert "Ensimmäinen" in content  # and what the first saved is shown
    assert RoundEntry.objects.get(pk=reporting.mine.pk).draft["text"] == "Ensimmäinen"
    # Saving again with the version the conflict page carries replaces knowingly.
    assert 'name="version" value="2"' in content
    assert second.post(url, _form(reporting.mine, "20", text="Toinen", version=2)).status_code == 302
    assert RoundEntry.objects.get(pk=reporting.mine.pk).draft["text"] == "Toinen"


def test_last_periods_values_and_text_are_shown_for_reference(client, reporting):
    indicator = Indicator.objects.filter(node=reporting.mine.node).order_by("order").first()
    Measure.objects.create(
        indicator=indicator,
        role=Measure.Role.ACTUAL,
        text="8 123",
        value=8123,
        period="2025-Q4",
        period_start=date(2025, 10, 1),
        period_end=date(2025, 12, 31),
    )
    ProgressEntry.objects.create(node=reporting.mine.node, period="2025-Q4", text="Viime kauden teksti")
    _login(client, reporting.personas.responsible)
    content = client.get(reverse("monitoring:entry", args=[reporting.mine.pk])).content.decode()
    assert "8 123" in content and "2025-Q4" in content
    assert "Viime kauden teksti</textarea>" in content


def test_a_saved_draft_is_shown_when_coming_back(client, reporting):
    _login(client, reporting.personas.responsible)
    url = reverse("monitoring:entry", args=[reporting.mine.pk])
    client.post(url, _form(reporting.mine, "19,5", text="Luonnos", phase="delayed"))
    content = client.get(url).content.decode()
    assert 'value="19,5"' in content and "Luonnos</textarea>" in content
    assert '<option value="delayed" selected>' in content


def test_a_saved_draft_is_shown_to_the_coordinator_on_the_entry_and_round_pages(client, reporting):
    _login(client, reporting.personas.responsible).post(
        reverse("monitoring:entry", args=[reporting.mine.pk]),
        _form(reporting.mine, "19,5", text="Luonnosteksti"),
    )
    _login(client, reporting.personas.coordinator)
    entry_page = client.get(reverse("monitoring:entry", args=[reporting.mine.pk])).content.decode()
    assert 'value="19,5"' in entry_page and "Luonnosteksti</textarea>" in entry_page
    assert "notice--draft" in entry_page
    assert (
        "Luonnosteksti" in client.get(reverse("monitoring:round", args=[reporting.round.pk])).content.decode()
    )


def test_a_draft_over_a_submitted_report_is_prefilled_and_marked_unsubmitted(client, reporting):
    _login(client, reporting.personas.responsible)
    url = reverse("monitoring:entry", args=[reporting.mine.pk])
    client.post(url, _form(reporting.mine, "10", text="Lähetetty", action="submit"))
    client.post(url, _form(reporting.mine, "11", text="Muutettu"))
    content = client.get(url).content.decode()
    assert 'value="11"' in content and "Muutettu</textarea>" in content and "notice--draft" in content
    assert _actuals(reporting.mine) == [("10", 10.0)]
    assert RoundEntry.objects.get(pk=reporting.mine.pk).state == RoundEntry.State.SUBMITTED


def test_a_closed_rounds_entry_is_shown_locked(client, reporting):
    ReportingRound.objects.filter(pk=reporting.round.pk).update(state=ReportingRound.State.CLOSED)
    _login(client, reporting.personas.responsible)
    response = client.get(reverse("monitoring:entry", args=[reporting.mine.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Kierros on suljettu" in content and 'name="submit"' not in content


def test_the_refusal_on_a_closed_round_is_clear(client, reporting):
    ReportingRound.objects.filter(pk=reporting.round.pk).update(state=ReportingRound.State.CLOSED)
    _login(client, reporting.personas.responsible)
    before = RoundEntry.objects.get(pk=reporting.mine.pk)
    response = client.post(reverse("monitoring:entry", args=[reporting.mine.pk]), _form(reporting.mine, "1"))
    assert response.status_code == 403 and "ei voi enää muuttaa" in response.content.decode()
    after = RoundEntry.objects.get(pk=reporting.mine.pk)
    assert (after.version, after.state, after.draft) == (before.version, before.state, before.draft)
    assert not ProgressEntry.objects.filter(node=reporting.mine.node, text="Edistyy.").exists()


def test_a_report_refused_on_a_closed_round_keeps_what_was_typed_to_copy(client, reporting):
    ReportingRound.objects.filter(pk=reporting.round.pk).update(state=ReportingRound.State.CLOSED)
    _login(client, reporting.personas.responsible)
    response = client.post(
        reverse("monitoring:entry", args=[reporting.mine.pk]),
        _form(reporting.mine, "4 321", text="Teksti, jota ei saa hukata", action="submit"),
    )
    content = response.content.decode()
    assert response.status_code == 403
    assert 'value="4 321"' in content and "Teksti, jota ei saa hukata</textarea>" in content
    assert 'rows="6" readonly' in content  # selectable for copying, unlike a disabled field
    assert RoundEntry.objects.get(pk=reporting.mine.pk).state == RoundEntry.State.NOT_STARTED


def test_the_round_page_shows_completion_per_person_and_unit(client, reporting):
    _login(client, reporting.personas.responsible).post(
        reverse("monitoring:entry", args=[reporting.mine.pk]), _form(reporting.mine, "1", action="submit")
    )
    _login(client, reporting.personas.coordinator)
    response = client.get(reverse("monitoring:round", args=[reporting.round.pk]))
    people = {row["name"]: row["percent"] for row in response.context["per_person"]}
    assert people == {"responsible": 50, "other_responsible": 0}
    assert [(r["unit"], r["percent"]) for r in response.context["per_unit"]] == [("Konsernipalvelut", 33)]
    assert response.context["percent"] == 33


def test_the_round_page_shows_the_snapshot_once_closed(client, reporting):
    _login(client, reporting.personas.responsible).post(
        reverse("monitoring:entry", args=[reporting.mine.pk]),
        _form(reporting.mine, "15", text="Raportoitu", action="submit"),
    )
    close_round(reporting.round, user=reporting.personas.coordinator)
    Measure.objects.filter(indicator__node=reporting.mine.node, role=Measure.Role.ACTUAL).update(text="999")
    _login(client, reporting.personas.coordinator)
    content = client.get(reverse("monitoring:round", args=[reporting.round.pk])).content.decode()
    assert 'id="snapshot"' in content and "Raportoitu" in content
    assert "<strong>15</strong>" in content and "999" not in content
    assert "2 raporttia oli lähettämättä" in content


def test_opening_a_round_through_the_page(client, reporting):
    _login(client, reporting.personas.coordinator)
    response = client.post(
        reverse("monitoring:open_round", args=[reporting.plan.pk]),
        {"title": "Syyskuun tilannekatsaus 2026", "period": "9/2026", "deadline": "2099-10-05"},
    )
    new = ReportingRound.objects.get(title="Syyskuun tilannekatsaus 2026")
    assert response["Location"] == reverse("monitoring:round", args=[new.pk])
    assert (new.period, new.entries.count(), new.opened_by) == ("2026-09", 3, reporting.personas.coordinator)


def test_a_period_that_cannot_be_read_is_refused_clearly(client, reporting):
    _login(client, reporting.personas.coordinator)
    response = client.post(
        reverse("monitoring:open_round", args=[reporting.plan.pk]),
        {"title": "Syksy", "period": "syksy", "deadline": "2099-10-05"},
    )
    assert response.status_code == 200 and "2026-Q1" in response.content.decode()
    assert not ReportingRound.objects.filter(title="Syksy").exists()


@pytest.mark.parametrize("state", ["submitted", "returned"])
def test_my_reports_shows_each_entrys_state(client, reporting, state):
    RoundEntry.objects.filter(pk=reporting.mine.pk).update(state=state, return_note="Lisää perustelu")
    _login(client, reporting.personas.responsible)
    content = client.get(reverse("monitoring:my_reports")).content.decode()
    assert f"entry-state--{state}" in content
    assert ("Lisää perustelu" in content) == (state == "returned")
