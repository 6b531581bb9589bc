"""The verdict a responsible person chooses ("Arvio") wherever the report is read; past reports on
"My reports"; the action's page links to its open report."""

import io

import pytest
from django.urls import reverse

from seuranta.monitoring.models import ReportingRound, RoundEntry
from seuranta.monitoring.reporting import EntryValues, close_round, save_entry

pytestmark = pytest.mark.django_db


def _submit(entry, user, verdict="partly", text="Puolet tehty."):
    version = RoundEntry.objects.get(pk=entry.pk).version
    save_entry(
        entry,
        EntryValues(text=text, phase="in_progress", verdict=verdict),
        user=user,
        version=version,
        submit=True,
    )


def test_verdict_is_shown_on_the_node_page(client, reporting):
    _submit(reporting.mine, reporting.personas.responsible)
    html = client.get(reverse("node", args=[reporting.mine.node_id])).content.decode()
    assert ">Arvio<" in html and "Toteutui osittain" in html


def test_verdict_is_in_the_closing_snapshot_and_on_the_round_page(client, reporting):
    _submit(reporting.mine, reporting.personas.responsible)
    close_round(reporting.round, user=reporting.personas.coordinator)
    snapshot = ReportingRound.objects.get(pk=reporting.round.pk).snapshot
    assert next(r for r in snapshot["entries"] if r["entry_id"] == reporting.mine.pk)["verdict"] == "partly"
    client.force_login(reporting.personas.coordinator)
    html = client.get(reverse("monitoring:round", args=[reporting.round.pk])).content.decode()
    assert "<strong>Arvio:</strong> Toteutui osittain" in html


@pytest.mark.parametrize("variant", ["council", "annual"])
def test_verdict_is_in_both_reports(client, reporting, variant):
    import docx

    _submit(reporting.mine, reporting.personas.responsible)
    url = reverse("reports:plan_report", args=[reporting.plan.pk])
    html = client.get(f"{url}?variant={variant}&on=2026-06-30").content.decode()
    assert "Arvio:</span>" in html and "Toteutui osittain" in html
    content = client.get(f"{url}?variant={variant}&on=2026-06-30&format=docx").content
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    assert "Toteutui osittain" in text


def test_my_reports_lists_past_reports_of_closed_rounds(client, reporting):
    _submit(reporting.mine, reporting.personas.responsible)
    close_round(reporting.round, user=reporting.personas.coordinator)
    client.force_login(reporting.personas.responsible)
    html = client.get(reverse("monitoring:my_reports")).content.decode()
    assert 'id="past-reports"' in html
    assert reverse("monitoring:entry", args=[reporting.mine.pk]) in html
    assert reverse("monitoring:entry", args=[reporting.not_mine.pk]) not in html


def test_my_reports_has_no_past_section_before_any_round_closes(client, reporting):
    client.force_login(reporting.personas.responsible)
    assert 'id="past-reports"' not in client.get(reverse("monitoring:my_reports")).content.decode()


@pytest.mark.parametrize(
    ("role", "linked"),
    [
        ("anonymous", False),
        ("viewer", False),
        ("outsider", False),
        ("responsible", True),
        ("coordinator", True),
    ],
)
def test_action_page_links_to_its_open_report_for_those_who_write_it(client, reporting, role, linked):
    if role != "anonymous":
        client.force_login(getattr(reporting.personas, role))
    html = client.get(reverse("node", args=[reporting.mine.node_id])).content.decode()
    assert (reverse("monitoring:entry", args=[reporting.mine.pk]) in html) == linked


def test_action_page_does_not_link_a_closed_rounds_report(client, reporting):
    close_round(reporting.round, user=reporting.personas.coordinator)
    client.force_login(reporting.personas.responsible)
    html = client.get(reverse("node", args=[reporting.mine.node_id])).content.decode()
    assert reverse("monitoring:entry", args=[reporting.mine.pk]) not in html
