"""Every button of the review page saves what was typed on it: corrections are not lost when the
coordinator goes straight to "Save as a draft plan" or "Save unit choices"."""

from __future__ import annotations

from django.urls import reverse

from seuranta.importing.models import ImportDraft
from seuranta.plans.models import Node, Plan
from tests.importing.test_review_units import make_draft, review_page
from tests.web.helpers import client_for


def test_the_finish_buttons_submit_the_review_form(client, personas):
    draft = make_draft(personas, "Kulttuuripalvelut")
    page = review_page(client_for(client, personas, "coordinator"), draft)
    save_url = reverse("importing:save", args=[draft.pk])
    units_url = reverse("importing:units", args=[draft.pk])
    assert f'form="review-form" formaction="{save_url}"' in page
    assert f'form="review-form" formaction="{units_url}"' in page
    assert '<select form="review-form" id="unit-0"' in page


def test_saving_as_a_plan_keeps_a_title_corrected_on_the_page(client, personas):
    draft = make_draft(personas, "Kulttuuripalvelut")
    coordinator = client_for(client, personas, "coordinator")
    data = {"version": str(draft.version), "n0-title": "Korjattu tavoite", "unit-0-name": "Kulttuuripalvelut"}
    response = coordinator.post(reverse("importing:save", args=[draft.pk]), data)
    plan = Plan.objects.get(title="Tuotu yksiköillä")
    assert response.status_code == 302
    assert Node.objects.filter(plan=plan, title="Korjattu tavoite").exists()
    assert not Node.objects.filter(plan=plan, title="Tavoite 1").exists()


def test_saving_unit_choices_keeps_the_corrections_typed_on_the_page(client, personas):
    draft = make_draft(personas, "Kulttuuripalvelut")
    coordinator = client_for(client, personas, "coordinator")
    data = {"version": str(draft.version), "n0-title": "Korjattu tavoite", "unit-0-name": "Kulttuuripalvelut"}
    coordinator.post(reverse("importing:units", args=[draft.pk]), data)
    draft.refresh_from_db()
    assert draft.plan["nodes"][0]["title"] == "Korjattu tavoite"


def test_a_plan_is_not_saved_from_a_review_page_someone_changed_meanwhile(client, personas):
    draft = make_draft(personas, "Kulttuuripalvelut")
    coordinator = client_for(client, personas, "coordinator")
    ImportDraft.objects.filter(pk=draft.pk).update(version=draft.version + 1)  # another reviewer saved
    data = {"version": str(draft.version), "n0-title": "Korjattu tavoite", "unit-0-name": "Kulttuuripalvelut"}
    response = coordinator.post(reverse("importing:save", args=[draft.pk]), data, follow=True)
    assert not Plan.objects.filter(title="Tuotu yksiköillä").exists()
    assert "Joku muu tallensi välillä korjauksia" in response.content.decode()
    assert ImportDraft.objects.filter(pk=draft.pk).exists()
