"""The report form checks what people type: scales, numbers, far values, sub-series, milestones."""

import re
from datetime import date

from django.urls import reverse

from seuranta.core.evaluation import evaluate_node
from seuranta.monitoring.entry_fields import IndicatorSpec
from seuranta.monitoring.models import RoundEntry
from seuranta.plans.models import ChangeRecord, Indicator, Measure, Milestone, Node
from seuranta.plans.storage import load_core_plan
from tests.factories import PASSWORD


def _indicators(entry):
    return list(Indicator.objects.filter(node=entry.node).order_by("order", "id"))


def _levels(indicator, *rows):
    """Replace the indicator's baseline and targets: rows of (role, text, kind, value, label)."""
    Measure.objects.filter(indicator=indicator).delete()
    for order, (role, text, kind, value, label) in enumerate(rows):
        Measure.objects.create(
            indicator=indicator,
            role=role,
            order=order,
            text=text,
            kind=kind,
            value=value,
            label=label,
            period="2027",
        )


def _post(client, entry, values: dict, *, action="submit", user="responsible"):
    client.login(username=user, password=PASSWORD)
    data = {
        "version": RoundEntry.objects.get(pk=entry.pk).version,
        "text": "Edistyy.",
        "phase": "",
        "verdict": "",
    }
    data.update(values)
    data[action] = "1"
    return client.post(reverse("monitoring:entry", args=[entry.pk]), data)


def _page(client, entry, user="responsible"):
    client.login(username=user, password=PASSWORD)
    return client.get(reverse("monitoring:entry", args=[entry.pk])).content.decode()


def test_a_qualitative_indicator_offers_its_own_scale(client, reporting):
    first = _indicators(reporting.mine)[0]
    _levels(first, ("baseline", "Ei", "state", None, None), ("target", "Kyllä", "state", None, None))
    page = _page(client, reporting.mine)
    select = page[page.index(f'name="value_{first.pk}"') :]
    options = re.findall(r"<option[^>]*>([^<]*)</option>", select[: select.index("</select>")])
    assert options == ["–", "Ei", "Valmistelussa", "Kyllä"]


def test_a_qualitative_indicator_refuses_a_number(client, reporting):
    first = _indicators(reporting.mine)[0]
    _levels(first, ("baseline", "Ei", "state", None, None), ("target", "Kyllä", "state", None, None))
    response = _post(client, reporting.mine, {f"value_{first.pk}": "65 %"})
    assert response.status_code == 400
    assert not Measure.objects.filter(indicator=first, role="actual").exists()


def test_a_chosen_state_is_saved_as_a_state(client, reporting):
    first = _indicators(reporting.mine)[0]
    _levels(first, ("baseline", "Ei", "state", None, None), ("target", "Kyllä", "state", None, None))
    assert _post(client, reporting.mine, {f"value_{first.pk}": "Valmistelussa"}).status_code == 302
    actual = Measure.objects.get(indicator=first, role="actual")
    assert (actual.text, actual.kind, actual.value) == ("Valmistelussa", "state", None)


def test_a_numeric_indicator_refuses_text_in_finnish(client, reporting):
    first = _indicators(reporting.mine)[0]
    response = _post(client, reporting.mine, {f"value_{first.pk}": "hyvä"})
    assert response.status_code == 400
    assert "ei ole luku" in response.content.decode()


def test_a_value_far_from_history_and_targets_asks_for_confirmation(client, reporting):
    first = _indicators(reporting.mine)[0]  # baseline 10, target 20
    response = _post(client, reporting.mine, {f"value_{first.pk}": "195"})
    page = response.content.decode()
    assert response.status_code == 400
    assert f'name="confirm_value_{first.pk}"' in page and "Arvo on oikein" in page
    assert "10–20" in page
    assert not Measure.objects.filter(indicator=first, role="actual").exists()


def test_a_confirmed_far_value_is_saved(client, reporting):
    first = _indicators(reporting.mine)[0]
    response = _post(client, reporting.mine, {f"value_{first.pk}": "195", f"confirm_value_{first.pk}": "on"})
    assert response.status_code == 302
    assert Measure.objects.get(indicator=first, role="actual").value == 195


def test_a_value_near_the_known_range_needs_no_confirmation(client, reporting):
    first = _indicators(reporting.mine)[0]
    assert _post(client, reporting.mine, {f"value_{first.pk}": "27,5"}).status_code == 302


def test_far_is_the_range_or_half_the_largest_magnitude_beyond_it():
    spec = IndicatorSpec(indicator=None, known={None: [17.0, 20.0]})
    assert not spec.is_far(7.0, None) and not spec.is_far(30.0, None)
    assert spec.is_far(6.9, None) and spec.is_far(195.0, None)


def _with_sub_series(indicator):
    _levels(
        indicator,
        ("baseline_series", "ala-aste: 17,4", "value", 17.4, "ala-aste"),
        ("baseline_series", "yläaste: 20", "value", 20.0, "yläaste"),
        ("target", "ala-aste: 17", "value", 17.0, "ala-aste"),
        ("target", "yläaste: 19", "value", 19.0, "yläaste"),
    )


def test_an_indicator_with_sub_series_gets_one_field_per_sub_series(client, reporting):
    first = _indicators(reporting.mine)[0]
    _with_sub_series(first)
    page = _page(client, reporting.mine)
    assert f'name="value_{first.pk}_0"' in page and f'name="value_{first.pk}_1"' in page
    assert f'name="value_{first.pk}"' not in page
    assert "ala-aste" in page and "yläaste" in page


def test_sub_series_values_are_saved_as_labelled_actuals(client, reporting):
    first = _indicators(reporting.mine)[0]
    _with_sub_series(first)
    response = _post(client, reporting.mine, {f"value_{first.pk}_0": "17,0", f"value_{first.pk}_1": "19,5"})
    assert response.status_code == 302
    actuals = Measure.objects.filter(indicator=first, role="actual").order_by("order")
    assert [(m.label, m.value, m.period) for m in actuals] == [
        ("ala-aste", 17.0, "2026-Q1"),
        ("yläaste", 19.5, "2026-Q1"),
    ]
    assert 'value="19,5"' in _page(client, reporting.mine)


def _overdue_milestone(entry):
    return Milestone.objects.create(
        node=entry.node, order=0, title="Selvitys valmis", due="2025", due_date=date(2025, 12, 31)
    )


def test_a_responsible_person_marks_a_milestone_done_with_its_date(client, reporting):
    milestone = _overdue_milestone(reporting.mine)
    response = _post(
        client,
        reporting.mine,
        {f"milestone_{milestone.pk}": "on", f"milestone_{milestone.pk}_on": "2026-02-03"},
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.done and milestone.extra["done_on"] == "2026-02-03"
    assert ChangeRecord.objects.filter(object_type="milestone", object_id=milestone.pk).exists()


def test_a_milestone_marked_done_in_a_draft_waits_for_the_submission(client, reporting):
    milestone = _overdue_milestone(reporting.mine)
    _post(client, reporting.mine, {f"milestone_{milestone.pk}": "on"}, action="save")
    milestone.refresh_from_db()
    assert not milestone.done
    assert f'name="milestone_{milestone.pk}" id="id_milestone_{milestone.pk}" checked' in _page(
        client, reporting.mine
    )


def test_a_done_milestone_no_longer_makes_the_action_behind(client, reporting):
    milestone = _overdue_milestone(reporting.mine)
    Node.objects.filter(pk=reporting.mine.node_id).update(phase="in_progress")

    def status():
        nodes = list(load_core_plan(reporting.plan).nodes)
        while nodes[0].title != reporting.mine.node.title:
            nodes = nodes[1:] + list(nodes[0].children)
        return evaluate_node(nodes[0], date(2026, 3, 1)).overdue_milestones

    assert status()
    _post(
        client,
        reporting.mine,
        {f"milestone_{milestone.pk}": "on", f"milestone_{milestone.pk}_on": "2026-02-03"},
    )
    assert not status()
