"""A submitted report written into the plan, in a fixed number of queries whatever the report's size.

The node's actuals for the round's period, its progress entry, the milestones the person changed and the
node's phase: each kind of row is read once (`node_rows.read_node`, locked where another writer could change
it meanwhile; the report form's POST builds its form from the same rows) and written with one bulk query;
the history records of all of them are one insert. A first submission of a report with values and a progress
text takes eight queries with the round's lock and the entry's update (`reporting.save_entry`); milestones add
their read and, when changed, their write; a changed phase adds one.

Locks (`node_rows`): the node's indicators in id order, or the node itself when it has none; its milestones.
The caller holds the round's shared lock (`reporting.save_entry`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import F

from seuranta.monitoring.models import RoundEntry
from seuranta.monitoring.node_rows import NodeRows, read_node
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


def write_into_plan(
    entry: RoundEntry, data, *, user, now, rows: NodeRows | None = None
) -> ProgressEntry | None:
    """The report `data` (reporting.EntryValues) as the plan's actuals, progress entry, milestones and phase
    for the round's period; returns the progress entry (None when the report has no text). `rows`: the node's
    rows as `read_node(lock=True)` read them in this transaction (the report form was built from them); read
    here when not given."""
    if rows is None:
        rows = read_node(entry.node, lock=True, milestones=bool(data.milestones))
    node = rows.node
    written = _Written(user, now)
    _write_actuals(entry.round, rows, data, written)
    progress = _write_progress(entry, rows, data, written)
    _write_milestones(rows.milestones, data.milestones, written)
    if data.phase and data.phase != node.phase:
        _write_phase(node, data.phase, written)
    ChangeRecord.objects.bulk_create(written.records)
    bump(node.plan_id)  # one write for all: pages read from the plan before this are not served again
    return progress


def _typed_slots(indicator: Indicator, data) -> dict[str, tuple[str | None, tuple]]:
    """What the report gives an indicator: sub-series key -> (label, (text, kind, number))."""
    slots: dict[str, tuple[str | None, tuple]] = {}
    if indicator.pk in data.values:
        slots[""] = (None, data.values[indicator.pk])
    for label, typed in data.series.get(indicator.pk, {}).items():
        slots[series_key(label)] = (label, typed)
    return slots


def _stored_actuals(rows: NodeRows, period: str) -> tuple[dict, dict[int, int]]:
    """The actuals of the period (indicator id -> sub-series key -> the first actual) and the order after
    each indicator's last actual."""
    stored: dict[int, dict[str, Measure]] = {}
    next_order = {i.pk: 0 for i in rows.indicators}
    for indicator_id, measures in rows.measures.items():
        for m in measures:
            if m.role != Measure.Role.ACTUAL:
                continue
            next_order[indicator_id] = max(next_order[indicator_id], m.order + 1)
            if m.period == period:
                stored.setdefault(indicator_id, {}).setdefault(series_key(m.label), m)
    return stored, next_order


def _write_actuals(reporting_round, rows: NodeRows, data, written: _Written) -> None:
    """Create, change or delete each indicator's actuals (one per sub-series) for the round's period."""
    actuals, next_order = _stored_actuals(rows, reporting_round.period)
    to_create, to_update, to_delete = [], [], []
    for indicator in rows.indicators:
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


def _write_progress(entry: RoundEntry, rows: NodeRows, data, written: _Written) -> ProgressEntry | None:
    """The period's progress entry created, changed or deleted as the report says; the one kept."""
    period, node = entry.round.period, rows.node
    progress = next((p for p in rows.progress if p.period == period), None)
    if not (data.text or data.phase or data.verdict):
        if progress is not None:
            written.record(progress, "deleted", {"text": [progress.text, None]})
            progress.delete()
        return None
    after = {"text": data.text, "phase": data.phase, "verdict": data.verdict}
    if data.translations is not None:  # in the same row: no query of its own
        after["translations"] = data.translations
    if progress is None:
        values = {"node": node, "order": len(rows.progress), "period": period, "author": written.user}
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


def _write_milestones(milestones: list[Milestone], wanted: dict[int, str | None], written: _Written) -> None:
    """Mark the milestones done (with the date, in `extra["done_on"]`) or not done, as reported (the node's
    milestones as read and locked with its indicators)."""
    if not wanted:
        return
    changed = []
    for milestone in milestones:
        if milestone.pk not in wanted:
            continue
        done_on = wanted[milestone.pk]
        if milestone.done == bool(done_on) and milestone.extra.get("done_on") == done_on:
            continue
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
