"""`save_with_version` racing itself on real, separate PostgreSQL connections (SQLite serialises writers)."""

from seuranta.plans.models import ChangeRecord, Node
from seuranta.plans.saving import Conflict, save_with_version
from tests.factories import make_plan
from tests.monitoring.test_concurrency import pytestmark, race

pytestmark = pytestmark  # PostgreSQL only, on separate connections (transaction=True), slow

TIMES = 20


def saving(node_id: int, version: int, title: str, user):
    return lambda: save_with_version(Node.objects.get(pk=node_id), version, {"title": title}, user)


def test_of_two_racing_saves_from_one_version_one_wins_and_one_gets_the_conflict(personas):
    node = Node.objects.filter(plan=make_plan(1), level="Toimenpide").first()
    for i in range(TIMES):
        version = Node.objects.get(pk=node.pk).version
        results = race(
            saving(node.pk, version, f"A{i}", personas.admin),
            saving(node.pk, version, f"B{i}", personas.coordinator),
        )
        conflicts = [r for r in results if isinstance(r, Conflict)]
        assert len(conflicts) == 1 and sum(isinstance(r, dict) for r in results) == 1, (i, results)
        stored = Node.objects.get(pk=node.pk)
        assert stored.version == version + 1 and conflicts[0].current.title == stored.title, i
        records = ChangeRecord.objects.filter(object_type="node", object_id=node.pk)
        assert records.count() == i + 1 and records.first().changes["title"][1] == stored.title, i
