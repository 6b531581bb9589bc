"""A submission takes a fixed, small number of queries, whatever the report's size.

Transaction control (BEGIN, COMMIT, the test's savepoints) is not counted: it depends on the database
and on the test's own transaction. A report of 20 indicators with a progress text takes as many
queries as one of three; each kind of row is read once and written with one query.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from seuranta.monitoring.models import RoundEntry
from seuranta.monitoring.reporting import EntryValues, save_entry
from seuranta.plans.models import ChangeRecord, Indicator, Measure, Milestone, ProgressEntry
from tests.factories import make_plan
from tests.monitoring.conftest import actions_of, open_test_round

pytestmark = pytest.mark.django_db

TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK")

SUBMISSION_CEILING = 10  # the goal for a report of values and a progress text
# Ticking milestones reads and writes them (two queries), a changed phase writes the node (one).
WITH_MILESTONES_AND_PHASE = SUBMISSION_CEILING + 3


def _entry(personas, indicators: int, milestones: int = 3):
    plan = make_plan(1, indicators_per_action=indicators, organization=personas.organization)
    action = actions_of(plan)[0]
    Milestone.objects.bulk_create(
        Milestone(node=action, title=f"Vaihe {n}", order=n) for n in range(milestones)
    )
    action.responsible_users.add(personas.responsible)
    return open_test_round(plan, personas.coordinator).entries.get()


def _report(entry, base: float, *, milestones: bool = False, phase: str = "") -> EntryValues:
    indicators = Indicator.objects.filter(node=entry.node).order_by("order", "id")
    return EntryValues(
        values={i.pk: (str(base + n), "value", base + n) for n, i in enumerate(indicators)},
        text=f"Edistyy, kierros {base}.",
        phase=phase,
        milestones={m.pk: "2026-02-03" for m in Milestone.objects.filter(node=entry.node)}
        if milestones
        else {},
    )


def _queries(captured: CaptureQueriesContext) -> int:
    return sum(1 for q in captured.captured_queries if not q["sql"].upper().startswith(TRANSACTION_CONTROL))


def _count_submission(entry, values: EntryValues, user) -> int:
    entry = RoundEntry.objects.select_related("round", "node").get(pk=entry.pk)  # as the report page reads it
    with CaptureQueriesContext(connection) as queries:
        save_entry(entry, values, user=user, version=entry.version, submit=True)
    return _queries(queries)


@pytest.mark.parametrize("indicators", [3, 20])
def test_a_submission_takes_at_most_ten_queries_first_and_again(personas, indicators):
    entry = _entry(personas, indicators)
    first = _count_submission(entry, _report(entry, 10), personas.responsible)
    again = _count_submission(entry, _report(entry, 20), personas.responsible)
    assert max(first, again) <= SUBMISSION_CEILING, (first, again)
    assert Measure.objects.filter(indicator__node=entry.node, role="actual").count() == indicators
    assert ChangeRecord.objects.filter(object_type="measure", action="changed").count() == indicators
    assert ProgressEntry.objects.get(node=entry.node).text == "Edistyy, kierros 20."


def test_a_submissions_queries_do_not_grow_with_its_indicators_or_milestones(personas):
    small, large = _entry(personas, 3, milestones=1), _entry(personas, 20, milestones=6)
    counts = [
        _count_submission(
            entry, _report(entry, 10, milestones=True, phase="in_progress"), personas.responsible
        )
        for entry in (small, large)
    ]
    assert counts[0] == counts[1] <= WITH_MILESTONES_AND_PHASE, counts
    milestones = Milestone.objects.filter(node__in=[small.node, large.node])
    assert all(m.done for m in milestones)
    assert ChangeRecord.objects.filter(object_type="milestone").count() == len(milestones)


# The whole POST of the report form: the user (the session comes from the cache), the entry with the access to
# it, the round's lock, the node's rows the form is built from and the submission writes from (indicators with
# their measures, progress entries), and the five writes. Milestones add their read; a changed phase its write.
FORM_POST_CEILING = 10


def _post(client: Client, entry, value: str, text: str, **more) -> int:
    """The report form's submission, as a browser sends it; its queries."""
    entry.refresh_from_db()
    data = {"version": entry.version, "text": text, "phase": "", "verdict": "", "submit": "1", **more}
    data |= {f"value_{i.pk}": value for i in Indicator.objects.filter(node=entry.node)}
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("monitoring:entry", args=[entry.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return _queries(queries)


@pytest.mark.parametrize("indicators", [3, 20])
def test_the_report_forms_whole_post_takes_at_most_ten_queries_first_and_again(personas, indicators):
    entry = _entry(personas, indicators)
    Milestone.objects.filter(node=entry.node).delete()  # a node without milestones: the form reads none
    client = Client()
    client.force_login(personas.responsible)
    first = _post(client, entry, "18,5", "Edistyy.")
    again = _post(client, entry, "19,5", "Edistyy hyvin.")
    assert max(first, again) <= FORM_POST_CEILING, (first, again)
    actuals = Measure.objects.filter(indicator__node=entry.node, role="actual")
    assert sorted(m.value for m in actuals) == [19.5] * indicators
    assert ProgressEntry.objects.get(node=entry.node).text == "Edistyy hyvin."
    assert ChangeRecord.objects.filter(object_type="measure", action="changed").count() == indicators
    entry.refresh_from_db()
    assert (entry.state, entry.version) == (RoundEntry.State.SUBMITTED, 3)


def test_the_report_forms_post_reads_the_milestones_once_and_writes_the_ticked_ones(personas):
    entry = _entry(personas, 3, milestones=3)  # and the plan's own one
    client = Client()
    client.force_login(personas.responsible)
    ticked = Milestone.objects.filter(node=entry.node).order_by("order", "id").first()
    first = _post(client, entry, "18,5", "Edistyy.")
    again = _post(client, entry, "19,5", "Edistyy hyvin.", **{f"milestone_{ticked.pk}": "on"})
    assert (first, again) == (FORM_POST_CEILING + 1, FORM_POST_CEILING + 2), (first, again)
    done = dict(Milestone.objects.filter(node=entry.node).values_list("pk", "done"))
    assert done == {pk: pk == ticked.pk for pk in done}


def test_a_submission_with_the_text_in_swedish_takes_no_more_queries(personas):
    """The translations ride in the progress entry's own row."""
    entry = _entry(personas, 3)
    counts = []
    for base, text in ((10, "Framskrider."), (20, "Framskrider väl.")):
        report = _report(entry, base)
        report.translations = {"sv": {"text": text}}
        counts.append(_count_submission(entry, report, personas.responsible))
    assert max(counts) <= SUBMISSION_CEILING, counts
    assert ProgressEntry.objects.get(node=entry.node).translations == {"sv": {"text": "Framskrider väl."}}
