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

from django.db import router
from django.db.models import QuerySet

from seuranta.common.prepared import PreparedSelect
from seuranta.plans.models import Indicator, Measure, Milestone, Node, ProgressEntry

_INDICATOR_FIELDS = [f.attname for f in Indicator._meta.concrete_fields]
_MEASURE_FIELDS = [f.attname for f in Measure._meta.concrete_fields]
_PROGRESS_FIELDS = [f.attname for f in ProgressEntry._meta.concrete_fields]
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
    db = router.db_for_read(ProgressEntry)
    progress = [ProgressEntry.from_db(db, _PROGRESS_FIELDS, row) for row in _PROGRESS.rows(node.pk, using=db)]
    for entry in progress:
        entry.node = node
    found: list[Milestone] = []
    if milestones:
        query = Milestone.objects.filter(node_id=node.pk).order_by("order", "id")
        found = list(query.select_for_update(no_key=True) if lock else query)
        for milestone in found:
            milestone.node = node
    return NodeRows(node, indicators, measures, progress, found)


def _columns() -> QuerySet:
    """The query's columns and order: the indicators, the node's version and phase, and each measure."""
    return Indicator.objects.order_by("pk", "measures__order", "measures__id").values_list(
        *_INDICATOR_FIELDS, "node__version", "node__phase", *_MEASURE_LOOKUPS
    )


# Built once per connection (seuranta.common.prepared): some thirty columns through the join cost more CPU
# to build into SQL than the query takes to run, on every report page and submission.
_READ = PreparedSelect(lambda node_id: _columns().filter(node_id=node_id), ids=1)
_READ_LOCKED = PreparedSelect(
    lambda node_id: _columns().filter(node_id=node_id).select_for_update(no_key=True, of=("self",)), ids=1
)

_PROGRESS = PreparedSelect(
    lambda node_id: (
        ProgressEntry.objects.filter(node_id=node_id).order_by("order", "id").values_list(*_PROGRESS_FIELDS)
    ),
    ids=1,
)


def _indicators_and_measures(node: Node, lock: bool) -> tuple[list[Indicator], dict[int, list[Measure]]]:
    """One query: the node's indicators (locked in id order with `lock`), each row with one of its measures."""
    db = router.db_for_read(Indicator)
    n = len(_INDICATOR_FIELDS)
    indicators: dict[int, Indicator] = {}
    measures: dict[int, list[Measure]] = {}
    for row in (_READ_LOCKED if lock else _READ).rows(node.pk, using=db):
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
