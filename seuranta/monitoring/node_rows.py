"""A node's rows that its report reads, read once: for the report page, and for a submission under its locks.

The report form is built from these rows (the indicators' baselines, targets and actuals decide its fields and
checks) and a submission writes from the same rows, so a POST reads them once, in the transaction that holds
the locks: the indicators and their measures in one query, the progress entries in one, the milestones in one
(none when the node has none).

Locks (`lock=True`, for a submission; the caller holds the round's shared lock, `reporting`): the node's
indicators in id order (as `values.writing.store_values` takes them), or the node itself when it has none, so
that two submissions over one node take turns and an indicator cannot be deleted under the values written for
it; and its milestones, which the submission may mark done.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.db import router
from django.db.models import QuerySet

from seuranta.plans.models import Indicator, Measure, Milestone, Node, ProgressEntry

_INDICATOR_FIELDS = [f.attname for f in Indicator._meta.concrete_fields]
_MEASURE_FIELDS = [f.attname for f in Measure._meta.concrete_fields]
# The measures' columns through the indicator's reverse relation (a LEFT JOIN: indicators without measures too).
_MEASURE_LOOKUPS = [f"measures__{f.name}" for f in Measure._meta.concrete_fields]


@dataclass
class NodeRows:
    node: Node
    indicators: list[Indicator]  # in the node's order
    measures: dict[int, list[Measure]]  # indicator id -> all its measures, in their order
    progress: list[ProgressEntry]  # in their order
    milestones: list[Milestone]  # in their order


def read_node(node: Node, *, lock: bool, milestones: bool = True) -> NodeRows:
    """The node's indicators with their measures, progress entries and (with `milestones`) milestones; locked
    with `lock`. The node's phase and version are read afresh with the indicators (or with the node's lock)."""
    indicators, measures = _indicators_and_measures(node, lock)
    if lock and not indicators:
        node.version, node.phase = (
            Node.objects.select_for_update(no_key=True)
            .filter(pk=node.pk)
            .values_list("version", "phase")
            .get()
        )
    progress = list(ProgressEntry.objects.filter(node_id=node.pk).order_by("order", "id"))
    for entry in progress:
        entry.node = node
    found: list[Milestone] = []
    if milestones:
        query = Milestone.objects.filter(node_id=node.pk).order_by("order", "id")
        found = list(query.select_for_update(no_key=True) if lock else query)
        for milestone in found:
            milestone.node = node
    return NodeRows(node, indicators, measures, progress, found)


@cache
def _columns() -> QuerySet:
    """The query's columns and order, resolved once per process (some thirty lookups through the join cost
    more to resolve than the query takes to run); never evaluated itself, only filtered into new querysets."""
    return Indicator.objects.order_by("pk", "measures__order", "measures__id").values_list(
        *_INDICATOR_FIELDS, "node__version", "node__phase", *_MEASURE_LOOKUPS
    )


def _indicators_and_measures(node: Node, lock: bool) -> tuple[list[Indicator], dict[int, list[Measure]]]:
    """One query: the node's indicators (locked in id order with `lock`), each row with one of its measures."""
    query = _columns().filter(node_id=node.pk)
    if lock:
        query = query.select_for_update(no_key=True, of=("self",))
    db = router.db_for_read(Indicator)
    n = len(_INDICATOR_FIELDS)
    indicators: dict[int, Indicator] = {}
    measures: dict[int, list[Measure]] = {}
    for row in query:
        indicator = indicators.get(row[0])
        if indicator is None:
            indicator = indicators[row[0]] = Indicator.from_db(db, _INDICATOR_FIELDS, row[:n])
            indicator.node = node  # their history records name the node without another query
            node.version, node.phase = row[n], row[n + 1]
            measures[indicator.pk] = []
        if row[n + 2] is not None:
            measure = Measure.from_db(db, _MEASURE_FIELDS, row[n + 2 :])
            measure.indicator = indicator
            measures[indicator.pk].append(measure)
    ordered = sorted(indicators.values(), key=lambda i: (i.order, i.pk))
    return ordered, measures
