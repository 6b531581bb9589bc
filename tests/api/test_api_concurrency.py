"""Two identical batches of values through API v1's writer at once (a nightly job started twice) on
separate PostgreSQL connections still give one value per indicator, period and sub-series, recorded
once in the history under the token's name. SQLite serialises writers, so the race only exists (and
runs) on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection

from seuranta.api.tokens import create_token
from seuranta.api.values import ValueItem, store_token_values
from seuranta.plans.models import ChangeRecord
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


def test_the_same_api_batch_twice_at_once_gives_one_value_each():
    personas = make_personas()
    plan = make_plan(2, organization=personas.organization)
    token, _secret = create_token(personas.organization, "Henkilöstöjärjestelmä", created_by=personas.admin)
    items = [ValueItem(i.pk, f"2026-Q{q}", q * 1.5, "A") for i in indicators(plan) for q in (1, 2, 3)]
    for _ in range(10):
        results = race(*(lambda: store_token_values(token, items),) * 2)
        assert not [r for r in results if isinstance(r, Exception)], results
        assert len(actuals(plan)) == len(items)
    records = ChangeRecord.objects.filter(object_type="measure")
    assert records.count() == len(items)
    assert {r.user_id for r in records} == {token.user_id}
