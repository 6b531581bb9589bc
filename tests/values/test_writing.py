"""store_values, the one writer of values from elsewhere: all or nothing, idempotent, the organisation's
indicators only, closed rounds refused; the refusals carry API v1's statuses."""

from __future__ import annotations

import pytest

from seuranta.plans.models import ChangeRecord
from seuranta.values.writing import ValueItem, ValuesRefused, store_values
from tests.factories import make_plan, make_rounds
from tests.values.helpers import actuals, indicators


@pytest.fixture
def plan(personas):
    return make_plan(2, organization=personas.organization)


def test_another_organisations_indicator_is_refused_with_403(personas, plan):
    item = ValueItem(indicators(plan)[0].pk, "2026", 1)
    with pytest.raises(ValuesRefused) as refused:
        store_values(personas.outsider, personas.other_organization.pk, [item])
    assert refused.value.status == 403
    assert actuals(plan) == []


def test_a_missing_indicator_refuses_the_whole_batch_with_404(personas, plan):
    good = ValueItem(indicators(plan)[0].pk, "2026", 1)
    with pytest.raises(ValuesRefused) as refused:
        store_values(personas.coordinator, personas.organization.pk, [good, ValueItem(10**9, "2026", 2)])
    assert refused.value.status == 404 and refused.value.problems[0][0] == 1
    assert actuals(plan) == []


def test_a_closed_rounds_period_is_refused_with_409(personas, plan):
    make_rounds(plan, personas)
    item = ValueItem(indicators(plan)[0].pk, "2026-T1", 3)
    with pytest.raises(ValuesRefused) as refused:
        store_values(personas.coordinator, personas.organization.pk, [item])
    assert refused.value.status == 409


def test_a_changed_value_is_updated_in_place_with_its_history(personas, plan):
    indicator = indicators(plan)[0]
    store_values(personas.coordinator, personas.organization.pk, [ValueItem(indicator.pk, "2026", 1)])
    outcome = store_values(
        personas.coordinator, personas.organization.pk, [ValueItem(indicator.pk, "2026", 2)]
    )
    assert [o.result for o in outcome] == ["updated"]
    assert [(m.period, m.value, m.text) for m in actuals(plan)] == [("2026", 2.0, "2")]
    assert sorted(ChangeRecord.objects.filter(object_type="measure").values_list("action", flat=True)) == [
        "changed",
        "created",
    ]
