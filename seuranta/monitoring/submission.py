"""A submitted report written into the plan, in a fixed number of queries whatever the report's size.

The node's actuals for the round's period, its progress entry, the milestones the person changed and the
node's phase: each kind of row is read once, locked where another writer could change it meanwhile, and
written with one bulk query; the history records of all of them are one insert. A first submission of a
report with values and a progress text takes nine queries with the round's lock and the entry's update
(`reporting.save_entry`); a changed milestone adds two, a changed phase one.

Locks: the node's indicators (in id order, as `values.writing.store_values` takes them), or the node
itself when it has none, so that two submissions over one node take turns and an indicator cannot be
deleted under the values written for it (see `web.views_edit`); the changed milestones. The caller holds
the round's shared lock (`reporting.save_entry`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import F

from seuranta.monitoring.models import RoundEntry
from seuranta.plans.models import ChangeRecord, Indicator, Measure, Milestone, Node, ProgressEntry
from seuranta.plans.saving import Conflict, change_record, diff, save_with_version
from seuranta.plans.versions import bump


def series_key(label: str | None) -> str:
    return " ".join((label or "").casefold().split())


@dataclass
class _Written:
    """What a submission changed: the history records, written together at the end."""

    user: Any  # the person submitting (a User)
    now: datetime
    records: list[ChangeRecord] = field(default_factory=list)

    def record(self, obj, action: str, changes: dict) -> None:
        self.records.append(change_record(obj, action, changes, self.user))


def write_into_plan(entry: RoundEntry, data, *, user, now) -> ProgressEntry | None:
    """The report `data` (reporting.EntryValues) as the plan's actuals, progress entry, milestones and phase
    for the round's period; returns the progress entry (None when the report has no text)."""
    indicators, node = _locked(entry.node_id)
    written = _Written(user, now)
    _write_actuals(entry.round, indicators, data, written)
    progress = _write_progress(entry, node, data, written)
    _write_milestones(node, data.milestones, written)
    if data.phase and data.phase != node.phase:
        _write_phase(node, data.phase, written)
    ChangeRecord.objects.bulk_create(written.records)
    bump(node.plan_id)  # one write for all: pages read from the plan before this are not served again
    return progress


def _locked(node_id: int) -> tuple[list[Indicator], Node]:
    """The node's indicators locked (with the node read in the same query), or the node locked when it
    has none; the indicators in the node's order."""
    indicators = list(
        Indicator.objects.filter(node_id=node_id)
        .select_related("node")
        .order_by("pk")
        .select_for_update(no_key=True, of=("self",))
    )
    if not indicators:
        return [], Node.objects.select_for_update(no_key=True).get(pk=node_id)
    node = indicators[0].node
    for indicator in indicators:
        indicator.node = node  # their history records name the node without another query
    indicators.sort(key=lambda i: (i.order, i.pk))
    return indicators, node


def _typed_slots(indicator: Indicator, data) -> dict[str, tuple[str | None, tuple]]:
    """What the report gives an indicator: sub-series key -> (label, (text, kind, number))."""
    slots: dict[str, tuple[str | None, tuple]] = {}
    if indicator.pk in data.values:
        slots[""] = (None, data.values[indicator.pk])
    for label, typed in data.series.get(indicator.pk, {}).items():
        slots[series_key(label)] = (label, typed)
    return slots


def _stored_actuals(indicators: list[Indicator], period: str) -> tuple[dict, dict[int, int]]:
    """The actuals of the period (indicator id -> sub-series key -> the first actual) and the order after
    each indicator's last actual, from one read of the indicators' actuals."""
    by_id = {i.pk: i for i in indicators}
    stored: dict[int, dict[str, Measure]] = {}
    next_order = dict.fromkeys(by_id, 0)
    for m in Measure.objects.filter(indicator_id__in=list(by_id), role=Measure.Role.ACTUAL).order_by(
        "order", "id"
    ):
        next_order[m.indicator_id] = max(next_order[m.indicator_id], m.order + 1)
        if m.period == period:
            m.indicator = by_id[m.indicator_id]
            stored.setdefault(m.indicator_id, {}).setdefault(series_key(m.label), m)
    return stored, next_order


def _write_actuals(reporting_round, indicators: list[Indicator], data, written: _Written) -> None:
    """Create, change or delete each indicator's actuals (one per sub-series) for the round's period."""
    actuals, next_order = _stored_actuals(indicators, reporting_round.period)
    to_create, to_update, to_delete = [], [], []
    for indicator in indicators:
        stored, slots = actuals.get(indicator.pk, {}), _typed_slots(indicator, data)
        for key in list(dict.fromkeys([*stored, *slots])):
            existing, (label, typed) = stored.get(key), slots.get(key, (None, None))
            if typed is None:
                to_delete.append(existing.pk)
                written.record(existing, "deleted", {"text": [existing.text, None]})
            elif existing is None:
                text, kind, value = typed
                values = {"text": text, "kind": kind, "value": value, "period": reporting_round.period}
                to_create.append(
                    Measure(
                        indicator=indicator,
                        role=Measure.Role.ACTUAL,
                        order=next_order[indicator.pk],
                        label=label,
                        created_by=written.user,
                        extra={"round": reporting_round.pk},
                        **Measure.with_derived(values),
                    )
                )
                next_order[indicator.pk] += 1
            elif (existing.text, existing.kind, existing.value) != tuple(typed):
                written.record(existing, "changed", {"text": [existing.text, typed[0]]})
                (existing.text, existing.kind, existing.value), existing.created_by = typed, written.user
                existing.version += 1  # the indicators' locks keep other writers of them out meanwhile
                existing.updated_at = written.now
                to_update.append(existing)
    if to_delete:
        Measure.objects.filter(pk__in=to_delete).delete()
    if to_update:
        fields = ["text", "kind", "value", "created_by", "version", "updated_at"]
        Measure.objects.bulk_update(to_update, fields)
    if to_create:
        Measure.objects.bulk_create(to_create)
    for m in to_create:
        written.record(m, "created", {"text": [None, m.text]})


def _write_progress(entry: RoundEntry, node: Node, data, written: _Written) -> ProgressEntry | None:
    """The period's progress entry created, changed or deleted as the report says; the one kept."""
    period = entry.round.period
    rows = list(ProgressEntry.objects.filter(node_id=node.pk).order_by("order", "id"))
    progress = next((p for p in rows if p.period == period), None)
    if progress is not None:
        progress.node = node
    if not (data.text or data.phase or data.verdict):
        if progress is not None:
            written.record(progress, "deleted", {"text": [progress.text, None]})
            progress.delete()
        return None
    after = {"text": data.text, "phase": data.phase, "verdict": data.verdict}
    if data.translations is not None:  # in the same row: no query of its own
        after["translations"] = data.translations
    if progress is None:
        values = {"node": node, "order": len(rows), "period": period, "author": written.user}
        progress = ProgressEntry(**values, **after, extra={"round": entry.round_id})
        # Without save signals: the plan's version (bumped below) retires its cached reads, and the
        # global freshness generation (seuranta.reports.freshness) is for saves that leave no record.
        ProgressEntry.objects.bulk_create([progress])
        written.record(progress, "created", {"text": [None, data.text]})
        return progress
    changes = diff(progress, after)
    if changes:
        # Conditional on the version read: an edit of the text on the node's page meanwhile is a conflict.
        rows_changed = ProgressEntry.objects.filter(pk=progress.pk, version=progress.version).update(
            **after, author_id=written.user.pk, updated_at=written.now, version=F("version") + 1
        )
        if not rows_changed:
            raise Conflict(progress)
        written.record(progress, "changed", changes)
    return progress


def _write_milestones(node: Node, wanted: dict[int, str | None], written: _Written) -> None:
    """Mark the milestones done (with the date, in `extra["done_on"]`) or not done, as reported."""
    if not wanted:
        return
    changed = []
    for milestone in (
        Milestone.objects.filter(node=node, pk__in=list(wanted)).order_by("pk").select_for_update(no_key=True)
    ):
        done_on = wanted[milestone.pk]
        if milestone.done == bool(done_on) and milestone.extra.get("done_on") == done_on:
            continue
        milestone.node = node
        extra = {k: v for k, v in milestone.extra.items() if k != "done_on"}
        if done_on:
            extra["done_on"] = done_on
        written.record(milestone, "changed", diff(milestone, {"done": bool(done_on), "extra": extra}))
        milestone.done, milestone.extra, milestone.version = bool(done_on), extra, milestone.version + 1
        changed.append(milestone)
    if changed:
        Milestone.objects.bulk_update(changed, ["done", "extra", "version"])


def _write_phase(node: Node, phase: str, written: _Written) -> None:
    """The node's phase as reported: conditional on the version read with the indicators; when the node
    was saved meanwhile, through the one saver with its fresh version."""
    before = node.phase
    if Node.objects.filter(pk=node.pk, version=node.version).update(
        phase=phase, version=F("version") + 1, updated_at=written.now
    ):
        written.record(node, "changed", {"phase": [before, phase]})
        node.phase, node.version = phase, node.version + 1
        return
    fresh = Node.objects.select_for_update(no_key=True).get(pk=node.pk)
    save_with_version(fresh, fresh.version, {"phase": phase}, written.user)
