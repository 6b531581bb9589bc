"""An admin edit saves like a page edit: the fields derived from a changed one follow it."""

from datetime import date

from django.urls import reverse

from tests.factories import make_plan
from tests.plans.test_history_append_only import root  # noqa: F401  (a logged-in superuser)


def node_form(node, **changes) -> dict:
    data = {
        "plan": node.plan_id,
        "order": node.order,
        "level": node.level,
        "title": node.title,
        "responsible": "[]",
        "notes": "",
        "binding": "",
        "phase": "",
        "schedule": node.schedule or "",
        "schedule_start": node.schedule_start or "",
        "schedule_end": node.schedule_end or "",
    }
    for prefix in ("indicators", "milestones", "progress"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | changes


def test_a_schedule_changed_in_the_admin_brings_its_dates(root):  # noqa: F811
    node = make_plan(1).nodes.get(parent=None)
    response = root.post(reverse("admin:plans_node_change", args=[node.pk]), node_form(node, schedule="2030"))
    assert response.status_code == 302, response.content.decode()[:2000]
    node.refresh_from_db()
    assert (node.schedule_start, node.schedule_end) == (date(2030, 1, 1), date(2030, 12, 31))


def test_dates_the_admin_sets_themselves_are_kept(root):  # noqa: F811
    node = make_plan(1).nodes.get(parent=None)
    data = node_form(node, schedule="2030", schedule_start="2030-03-01")
    assert root.post(reverse("admin:plans_node_change", args=[node.pk]), data).status_code == 302
    node.refresh_from_db()
    assert (node.schedule_start, node.schedule_end) == (date(2030, 3, 1), date(2030, 12, 31))


def test_a_milestone_added_in_an_admin_inline_gets_its_due_date(root):  # noqa: F811
    node = make_plan(1).nodes.get(parent=None)
    data = node_form(node) | {
        "milestones-TOTAL_FORMS": "1",
        "milestones-0-order": "0",
        "milestones-0-title": "Uusi osatavoite",
        "milestones-0-due": "6/2027",
        "milestones-0-node": node.pk,
    }
    assert root.post(reverse("admin:plans_node_change", args=[node.pk]), data).status_code == 302
    assert node.milestones.get().due_date == date(2027, 6, 30)
