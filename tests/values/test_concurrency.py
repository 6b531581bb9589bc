"""Two batches of the same values at once (a file sent twice in a hurry, a scheduled Sotkanet reading
beside a manual one) on separate PostgreSQL connections still give one value per indicator, period and
sub-series. SQLite serialises writers, so the race only exists (and runs) on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection

from seuranta.values.writing import ValueItem, store_values
from tests.factories import make_personas, make_plan
from tests.monitoring.test_concurrency import race
from tests.values.helpers import actuals, indicators

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers; the race needs PostgreSQL's concurrent connections",
    ),
    pytest.mark.django_db(transaction=True),
    pytest.mark.slow,
]


def test_the_same_batch_twice_at_once_gives_one_value_each():
    personas = make_personas()
    plan = make_plan(2, organization=personas.organization)
    items = [ValueItem(i.pk, f"2026-Q{q}", q * 1.5, "A") for i in indicators(plan) for q in (1, 2, 3)]
    for _ in range(10):
        results = race(*(lambda: store_values(personas.coordinator, personas.organization.pk, items),) * 2)
        assert not [r for r in results if isinstance(r, Exception)], results
        assert len(actuals(plan)) == len(items)
