"""The one writer of actual values that arrive from elsewhere: an idempotent upsert, all or nothing.

API v1, bulk uploads, survey imports and Sotkanet all store through `store_values(user, organization_id,
items)`. Its items have the fields of API v1's value writer (indicator, period, value, label, source,
note), and the API writes through it too. A value is identified by its indicator, its period (as a
date range: "2026-Q1" and the same quarter written another way are one value) and its sub-series
label; sending the same values again changes nothing and records nothing. Every created or changed
value leaves a ChangeRecord in the same transaction and moves its plan's version (`plans.versions.bump`:
pages and API answers are not served from before it). A value whose period a closed reporting round
covers for that node, or that a round now closed wrote, is refused: closed rounds stay as they were
closed (the database guards the rounds themselves, `plans/guard.py`; their values are guarded here).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from seuranta.core.periods import period_bounds
from seuranta.monitoring.models import ReportingRound, RoundEntry
from seuranta.plans.models import ChangeRecord, Indicator, Measure, Plan
from seuranta.plans.saving import change_record
from seuranta.plans.versions import bump


@dataclass(frozen=True)
class ValueItem:
    indicator: int
    period: str
    value: float
    label: str | None = None
    source: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Outcome:
    id: int
    indicator: int
    period: str
    label: str | None
    result: str  # created / updated / unchanged


# When one batch has several kinds of problem, the answer's status is the first of these found (as API v1's).
STATUS_ORDER = (403, 404, 409, 400)


class ValuesRefused(Exception):
    """Nothing was written; `problems` are (index of the item, HTTP-like status, message) for each refused
    value, the same triples as API v1's writer; `status` is the batch's (STATUS_ORDER)."""

    def __init__(self, problems: list[tuple[int, int, str]]):
        self.problems = sorted(problems)
        self.status = next(s for s in STATUS_ORDER if any(p[1] == s for p in self.problems))
        super().__init__(self.problems[0][2])


def value_text(value: float) -> str:
    """The value as a Finnish reader writes it: 12,5; 8860."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value).replace(".", ",")


def clean(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


@dataclass(frozen=True)
class Refusals:
    """How a writer words the refusal of an indicator, each with %(id)s: `unknown` (404) and `foreign`
    (403, another organisation's). Bulk uploads do not tell the two apart; API v1 does (`seuranta.api.values`)."""

    unknown: str
    foreign: str


def default_refusals() -> Refusals:
    message = _("No such indicator in this organisation: %(id)s.")
    return Refusals(unknown=message, foreign=message)


def check_item(
    item: ValueItem, indicator: Indicator | None, organization_id: int | None, refusals: Refusals
) -> tuple:
    """(None, the period's bounds) for a value that may be written, or (status, the message why not)."""
    if indicator is None:
        return 404, refusals.unknown % {"id": item.indicator}
    if indicator.node.plan.organization_id != organization_id:
        return 403, refusals.foreign % {"id": item.indicator}
    if indicator.node.plan.state == Plan.State.ARCHIVED:
        return 403, _("The plan of indicator %(id)s is archived.") % {"id": item.indicator}
    found = period_bounds((item.period or "").strip())
    if found is None:
        message = _('Unknown period "%(period)s": use for example 2026, 2026-Q1, 2026-T1 or 2026-03.')
        return 400, message % {"period": item.period}
    if not math.isfinite(item.value):
        return 400, _("The value must be a finite number.")
    return None, found


def _key(indicator_id: int, bounds: tuple, label: str | None) -> tuple:
    return indicator_id, bounds[0], bounds[1], clean(label)


def closed_problems(items, indicators, bounds, existing) -> list[tuple[int, int, str]]:
    """Values that a closed round covers: the round reported on the node for exactly that period,
    or the stored value was written by a round that has since closed."""
    node_ids = {indicators[items[n].indicator].node_id for n in bounds}
    covered = set(
        RoundEntry.objects.filter(round__state=ReportingRound.State.CLOSED, node_id__in=node_ids).values_list(
            "node_id", "round__period_start", "round__period_end"
        )
    )
    round_ids = {m.extra.get("round") for m in existing if isinstance(m.extra, dict)} - {None}
    closed_rounds = set(
        ReportingRound.objects.filter(
            pk__in=[r for r in round_ids if isinstance(r, int)], state=ReportingRound.State.CLOSED
        ).values_list("pk", flat=True)
    )
    by_key = {_key(m.indicator_id, (m.period_start, m.period_end), m.label): m for m in existing}
    problems = []
    for n, (start, end) in bounds.items():
        item = items[n]
        stored = by_key.get(_key(item.indicator, (start, end), item.label))
        from_closed = (
            stored is not None
            and isinstance(stored.extra, dict)
            and stored.extra.get("round") in closed_rounds
        )
        if (indicators[item.indicator].node_id, start, end) in covered or from_closed:
            message = _("A closed reporting round covers %(period)s: its values can no longer be changed.")
            problems.append((n, 409, message % {"period": item.period}))
    return problems


@transaction.atomic
def store_values(
    user, organization_id: int | None, items: list[ValueItem], refusals: Refusals | None = None
) -> list[Outcome]:
    """Store the values, or none of them (ValuesRefused) when any is refused. A fixed number of queries.
    `user` is the one the history names; `refusals` words an unknown or foreign indicator (default_refusals)."""
    refusals = refusals or default_refusals()
    # Locked (in id order) so that two batches for one indicator take turns: the second finds the first's
    # values and updates them rather than adding the same value twice. Reporting locks a node before its
    # indicators and never the other way round, so this cannot deadlock with it.
    indicators = {
        i.pk: i
        for i in Indicator.objects.select_related("node__plan")
        .filter(pk__in={i.indicator for i in items})
        .order_by("pk")
        .select_for_update(no_key=True, of=("self",))
    }
    problems: list[tuple[int, int, str]] = []
    bounds: dict[int, tuple] = {}
    for n, item in enumerate(items):
        status, checked = check_item(item, indicators.get(item.indicator), organization_id, refusals)
        if status is None:
            bounds[n] = checked
        else:
            problems.append((n, status, checked))
    existing = list(
        Measure.objects.select_for_update()
        .filter(indicator_id__in=list(indicators), role=Measure.Role.ACTUAL)
        .order_by("order", "id")
    )
    problems += closed_problems(items, indicators, bounds, existing)
    if problems:
        raise ValuesRefused(problems)
    batch = _Batch(user, indicators, existing)
    results = [batch.upsert(item, bounds[n]) for n, item in enumerate(items)]
    batch.save()
    # The plans whose values changed: their pages and API answers, cached per version, are read afresh.
    for plan_id in sorted(
        {indicators[row.indicator_id].node.plan_id for row, result in results if result != "unchanged"}
    ):
        bump(plan_id)
    return [Outcome(row.pk, row.indicator_id, row.period or "", row.label, result) for row, result in results]


class _Batch:
    """The stored actuals of a batch's indicators, changed in memory, then written with bulk queries."""

    def __init__(self, user, indicators: dict, existing: list[Measure]):
        self.user, self.indicators, self.now = user, indicators, timezone.now()
        self.stored: dict[tuple, Measure] = {}
        for m in existing:  # the first of equal keys is the one kept up to date
            if m.period_start is not None:
                self.stored.setdefault(_key(m.indicator_id, (m.period_start, m.period_end), m.label), m)
        self.next_order = {
            row["indicator_id"]: row["last"] + 1
            for row in Measure.objects.filter(indicator_id__in=list(indicators))
            .values("indicator_id")
            .annotate(last=Max("order"))
        }
        self.created: list[Measure] = []
        self.new: set[int] = set()  # id() of the rows created in this batch
        self.changed: dict[int, Measure] = {}
        self.records: list[ChangeRecord] = []

    def upsert(self, item: ValueItem, bounds: tuple) -> tuple[Measure, str]:
        key = _key(item.indicator, bounds, item.label)
        fields = {k: v for k, v in (("source", clean(item.source)), ("note", clean(item.note))) if v}
        text = value_text(item.value)
        row = self.stored.get(key)
        if row is None:
            row = self.stored[key] = self._create(item, bounds, text, fields)
            return row, "created"
        extra = {k: v for k, v in (row.extra or {}).items() if k not in ("source", "note")} | fields
        fresh = "created" if id(row) in self.new else None
        if (row.text, row.value, row.kind, row.extra) == (text, item.value, "value", extra):
            return row, fresh or "unchanged"
        if fresh is None:
            change: dict[str, list[object]] = {"text": [row.text, text]} if row.text != text else {}
            for name in ("source", "note"):
                before, after = (row.extra or {}).get(name), extra.get(name)
                if before != after:
                    change[name] = [before, after]
            self.records.append(_record(self.indicators[item.indicator], row, "changed", change, self.user))
            self.changed[id(row)] = row
        row.text, row.value, row.kind, row.extra = text, item.value, "value", extra
        row.created_by, row.updated_at, row.version = self.user, self.now, row.version + 1
        return row, fresh or "updated"

    def _create(self, item: ValueItem, bounds: tuple, text: str, fields: dict) -> Measure:
        row = Measure(
            indicator_id=item.indicator,
            role=Measure.Role.ACTUAL,
            order=self.next_order.get(item.indicator, 0),
            text=text,
            kind="value",
            value=item.value,
            period=item.period.strip(),
            period_start=bounds[0],
            period_end=bounds[1],
            label=clean(item.label),
            extra=fields,
            created_by=self.user,
        )
        self.next_order[item.indicator] = row.order + 1
        self.created.append(row)
        self.new.add(id(row))
        return row

    def save(self) -> None:
        Measure.objects.bulk_create(self.created, batch_size=1000)
        Measure.objects.bulk_update(
            list(self.changed.values()),
            ["text", "value", "kind", "extra", "created_by", "updated_at", "version"],
            batch_size=1000,
        )
        self.records += [
            _record(self.indicators[m.indicator_id], m, "created", {"text": [None, m.text]}, self.user)
            for m in self.created
        ]
        ChangeRecord.objects.bulk_create(self.records, batch_size=1000)


def _record(indicator, measure, action: str, changes: dict, user) -> ChangeRecord:
    measure.indicator = indicator  # read with its node: the record's place costs no query
    return change_record(measure, action, changes, user)
