"""The report page's and the submission's reads whose SQL is built once (seuranta.common.prepared) read what
the ORM's querysets read, for every entry and node, not only the first one they were built for."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.db.transaction import TransactionManagementError

from seuranta.common.prepared import PreparedSelect
from seuranta.monitoring.access import get_entry_for
from seuranta.monitoring.models import RoundEntry
from seuranta.monitoring.node_rows import read_node
from seuranta.monitoring.reporting import EntryValues, save_entry
from seuranta.plans.models import Indicator, Measure, ProgressEntry

pytestmark = pytest.mark.django_db


def _fields(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def _submit(entry: RoundEntry, user, base: float) -> None:
    indicators = Indicator.objects.filter(node=entry.node).order_by("order", "id")
    values = EntryValues(
        values={i.pk: (str(base + n), "value", base + n) for n, i in enumerate(indicators)},
        text=f"Edistyy {base}.",
        translations={"sv": {"text": f"Framskrider {base}."}},
    )
    save_entry(entry, values, user=user, version=entry.version, submit=True)


def test_entry_and_what_is_read_with_it_are_as_the_orm_reads_them(reporting):
    responsible = reporting.personas.responsible
    _submit(reporting.mine, responsible, 10)  # an editor, a progress entry, dates and JSON on the rows
    for entry_id in (
        reporting.also_mine.pk,
        reporting.mine.pk,
    ):  # the second runs the SQL built for the first
        entry, _access = get_entry_for(responsible, entry_id)
        expected = RoundEntry.objects.select_related("round__plan__organization", "node", "updated_by").get(
            pk=entry_id
        )
        assert _fields(entry) == _fields(expected)
        assert _fields(entry.round) == _fields(expected.round)
        assert _fields(entry.round.plan) == _fields(expected.round.plan)
        assert _fields(entry.round.plan.organization) == _fields(expected.round.plan.organization)
        assert _fields(entry.node) == _fields(expected.node)
        editor = entry.updated_by
        assert (editor and _fields(editor)) == (expected.updated_by and _fields(expected.updated_by))


def test_entry_read_tells_whether_the_user_is_responsible_for_each_entry(reporting):
    responsible = reporting.personas.responsible
    assert get_entry_for(responsible, reporting.mine.pk)[1].is_assigned
    assert not get_entry_for(reporting.personas.coordinator, reporting.mine.pk)[1].is_assigned
    assert get_entry_for(reporting.other, reporting.not_mine.pk)[1].is_assigned


def test_node_rows_are_as_the_orm_reads_them_for_each_node(reporting):
    _submit(reporting.mine, reporting.personas.responsible, 20)
    for entry in (reporting.also_mine, reporting.mine):
        rows = read_node(entry.node, lock=False)
        indicators = list(Indicator.objects.filter(node=entry.node).order_by("order", "id"))
        assert [_fields(i) for i in rows.indicators] == [_fields(i) for i in indicators]
        for indicator in indicators:
            measures = Measure.objects.filter(indicator=indicator).order_by("order", "id")
            assert [_fields(m) for m in rows.measures[indicator.pk]] == [_fields(m) for m in measures]
        progress = ProgressEntry.objects.filter(node=entry.node).order_by("order", "id")
        assert [_fields(p) for p in rows.progress] == [_fields(p) for p in progress]


@pytest.mark.django_db(transaction=True)  # the test's own transaction would hide the missing one
def test_a_locking_read_outside_a_transaction_is_refused_as_the_orm_refuses_it(reporting):
    locked = PreparedSelect(
        lambda node_id: Indicator.objects.filter(node_id=node_id).select_for_update().values_list("pk"), ids=1
    )
    node_id = reporting.mine.node_id
    with transaction.atomic():
        assert locked.rows(node_id)
    with pytest.raises(TransactionManagementError):
        locked.rows(node_id)


def test_a_select_whose_id_is_not_a_parameter_is_refused(reporting):
    ignores_its_id = PreparedSelect(lambda node_id: Indicator.objects.values_list("pk"), ids=1)
    with pytest.raises(ValueError):
        ignores_its_id.rows(reporting.mine.node_id)


@pytest.mark.django_db(transaction=True)
def test_the_rounds_shared_lock_is_taken_only_inside_a_transaction(reporting):
    shared = PreparedSelect(
        lambda round_id: RoundEntry.objects.filter(round_id=round_id).values_list("pk"), ids=1, for_share=True
    )
    with transaction.atomic():
        assert len(shared.rows(reporting.round.pk)) == 3
    with pytest.raises(TransactionManagementError):
        shared.rows(reporting.round.pk)
