"""What happens in a reporting round: open, save or submit an entry, return it, close the round.

A saved draft stays on the entry; only submitting changes the plan.

Views stay thin: they check access and call these functions. Every function
keeps to a fixed number of queries whatever the plan's size.

Concurrency (PostgreSQL runs these at once; SQLite serialises writers): every
write to a round's entries first takes a shared lock on the round row, and
closing takes an exclusive one. A close therefore waits for the writes in
flight and the writes after it find the round closed, so the snapshot and
the entries agree; writes to different entries of one round do not wait for
each other. Locks are always taken in one order: the round, then the entry's
node (its indicators, then its milestones: `node_rows`), then the plan's row
(its version, `plans.versions.bump`; a node edit takes it before the round's
entries too), then the entry. Version checks are in the
same UPDATE as the write, on the entry's own row (no join), so PostgreSQL
re-checks them on the row a concurrent write has just committed; a submission
updates the entry last, and a conflict found there takes its writes back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from django.db import connection, transaction
from django.db.models import Case, F, QuerySet, Value, When
from django.utils import timezone

from seuranta.common.prepared import PreparedSelect
from seuranta.core.periods import period_bounds
from seuranta.monitoring.models import ReportingRound, RoundEntry, reportable_node_ids
from seuranta.monitoring.node_rows import NodeRows, read_node
from seuranta.monitoring.submission import write_into_plan
from seuranta.plans.models import Node, Plan
from seuranta.plans.saving import Conflict


class EntryLocked(Exception):
    """The round is closed: its entries can no longer change."""


class EntryConflict(Conflict):
    """Someone saved the entry after this form was loaded."""


def _locked_for_share(rows: QuerySet) -> list:
    """The rows of a values_list query, locked against an exclusive lock until the transaction ends.

    PostgreSQL's FOR SHARE, which Django's select_for_update does not offer: shared holders do not
    wait for each other. Elsewhere (SQLite serialises writers anyway) an ordinary select_for_update.
    """
    if connection.vendor != "postgresql":
        return list(rows.select_for_update())
    sql, params = rows.query.get_compiler(using=rows.db).as_sql()
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} FOR SHARE", params)
        return cursor.fetchall()


# Built once per connection (seuranta.common.prepared): every report saved and submitted takes this lock.
_OPEN_ROUND = PreparedSelect(
    lambda round_id: ReportingRound.objects.filter(pk=round_id, state=ReportingRound.State.OPEN).values_list(
        "pk"
    ),
    ids=1,
    for_share=True,
)


def _round_is_open(round_id: int) -> bool:
    """Whether the round is open, with a shared lock on it that keeps it so until the transaction ends."""
    return bool(_OPEN_ROUND.rows(round_id))


@transaction.atomic
def open_round(
    plan: Plan,
    *,
    title: str,
    period: str,
    deadline: date,
    root: Node | None,
    user,
    reminder_days: list[int] | None = None,
) -> ReportingRound:
    bounds = period_bounds(period)
    if bounds is None:
        raise ValueError(f"not a period: {period!r}")  # the form lets only a whole period through
    start, end = bounds
    reporting_round = ReportingRound.objects.create(
        plan=plan,
        root=root,
        title=title,
        period=period,
        period_start=start,
        period_end=end,
        deadline=deadline,
        opened_by=user,
        **({"reminder_days": sorted(reminder_days)} if reminder_days is not None else {}),
    )
    RoundEntry.objects.bulk_create(
        RoundEntry(round=reporting_round, node_id=node_id, order=i)
        for i, node_id in enumerate(reportable_node_ids(plan, root))
    )
    return reporting_round


@transaction.atomic
def add_new_entries(plan: Plan) -> int:
    """Give the plan's open rounds an entry for each node that has become reportable since they
    were opened (e.g. a responsible person was assigned); returns how many were added.

    Entries are never removed here: one may already hold a report. Entries keep their plan order
    (`order` is rewritten where it changed). The open rounds stay locked open until the caller's
    transaction ends, so a round closing meanwhile gets no entry its snapshot lacks. A fixed
    number of queries per open round."""
    open_ids = [
        pk
        for (pk,) in _locked_for_share(
            ReportingRound.objects.filter(plan=plan, state=ReportingRound.State.OPEN)
            .order_by("pk")
            .values_list("pk")
        )
    ]
    added = 0
    for reporting_round in (
        ReportingRound.objects.filter(pk__in=open_ids).select_related("root").order_by("pk")
    ):
        wanted = reportable_node_ids(plan, reporting_round.root)
        entries = {entry.node_id: entry for entry in RoundEntry.objects.filter(round=reporting_round)}
        new = [
            RoundEntry(round=reporting_round, node_id=node_id) for node_id in wanted if node_id not in entries
        ]
        if not new:
            continue
        RoundEntry.objects.bulk_create(new, ignore_conflicts=True)  # a concurrent save may have added one
        place = {node_id: i for i, node_id in enumerate(wanted)}
        moved = []
        for entry in RoundEntry.objects.filter(round=reporting_round).order_by("pk"):
            order = place.get(
                entry.node_id, len(wanted) + entry.order
            )  # no longer reportable: after the others
            if order != entry.order:
                entry.order = order
                moved.append(entry)
        RoundEntry.objects.bulk_update(moved, ["order"])
        added += len(new)
    return added


@dataclass
class EntryValues:
    """A cleaned report: indicator id -> (text as typed, kind, number), the text, phase and verdict.

    `series`: indicator id -> sub-series label -> (text, kind, number), for indicators with sub-series.
    `milestones`: milestone id -> the date it was done (ISO), or None when it is not done.
    `translations`: the progress text in the plan's other languages ({"sv": {"text": ...}}), as the
    progress entry keeps them; None leaves the entry's translations as they are.
    """

    values: dict[int, tuple[str, str, float | None]] = field(default_factory=dict)
    text: str = ""
    phase: str = ""
    verdict: str = ""
    series: dict[int, dict[str, tuple[str, str, float | None]]] = field(default_factory=dict)
    milestones: dict[int, str | None] = field(default_factory=dict)
    translations: dict[str, dict[str, str]] | None = None

    def to_draft(self) -> dict:
        """The report as JSON for `RoundEntry.draft`."""

        def typed(value: tuple) -> dict:
            return {"text": value[0], "kind": value[1], "value": value[2]}

        return {
            "values": {str(pk): typed(v) for pk, v in self.values.items()},
            "series": {
                str(pk): {label: typed(v) for label, v in by.items()} for pk, by in self.series.items()
            },
            "milestones": {str(pk): on for pk, on in self.milestones.items()},
            "text": self.text,
            "phase": self.phase,
            "verdict": self.verdict,
            "translations": self.translations,
        }

    @classmethod
    def from_draft(cls, draft: dict) -> EntryValues:
        def typed(v: dict) -> tuple:
            return (v["text"], v["kind"], v["value"])

        return cls(
            values={int(pk): typed(v) for pk, v in (draft.get("values") or {}).items()},
            series={
                int(pk): {label: typed(v) for label, v in by.items()}
                for pk, by in (draft.get("series") or {}).items()
            },
            milestones={int(pk): on for pk, on in (draft.get("milestones") or {}).items()},
            text=draft.get("text", ""),
            phase=draft.get("phase", ""),
            verdict=draft.get("verdict", ""),
            translations=draft.get("translations"),
        )


# Saving a draft over these states keeps the state: the plan still holds what was submitted.
KEEP_STATE_ON_DRAFT = (RoundEntry.State.SUBMITTED, RoundEntry.State.RETURNED)


@transaction.atomic
def save_entry(entry: RoundEntry, data: EntryValues, *, user, version: int, submit: bool) -> RoundEntry:
    """Keep a draft on the entry, or submit the report into the plan.

    A draft is stored on the entry only (`RoundEntry.draft`) and the plan does
    not change: drafts are private until submitted. Submitting writes the
    values and text into the plan (`submission.write_into_plan`), records the
    changes and clears the draft. Raises EntryLocked when the round has closed
    and EntryConflict when the entry changed since `version` was read; nothing
    is written then. The entry's conditional update comes last, so a conflict
    found there takes back what was written before it.
    """
    if not _round_is_open(entry.round_id):
        raise EntryLocked
    _save(entry, data, user=user, version=version, submit=submit, rows=None)
    return entry


class ReportForm(Protocol):
    """What `save_form` needs of the report form (monitoring.forms.EntryForm)."""

    cleaned_data: dict

    def is_valid(self) -> bool: ...

    def entry_values(self) -> EntryValues: ...


def save_form[Built: tuple](
    entry: RoundEntry, form_for: Callable[[NodeRows], Built], *, user, submit: bool
) -> Built:
    """The report form's POST in one transaction: the round's shared lock, the node's rows read once (locked
    when submitting), the form built on them (`form_for(rows)` returns the form first), and when the form is
    valid the draft or the submission saved from the same rows. Returns what `form_for` returned; raises as
    `save_entry` does (the transaction is taken back)."""
    with transaction.atomic():
        if not _round_is_open(entry.round_id):
            raise EntryLocked
        rows = read_node(entry.node, lock=submit, milestones=getattr(entry, "node_has_milestones", True))
        built = form_for(rows)
        form: ReportForm = built[0]
        if form.is_valid():
            version = form.cleaned_data["version"]
            _save(entry, form.entry_values(), user=user, version=version, submit=submit, rows=rows)
    return built


def _save(entry: RoundEntry, data: EntryValues, *, user, version: int, submit: bool, rows: NodeRows | None):
    """The draft or the submission written, in the caller's transaction that holds the round's lock."""
    now = timezone.now()
    changes: dict = {"version": F("version") + 1, "updated_by": user, "updated_at": now}
    if submit:
        changes.update(state=RoundEntry.State.SUBMITTED, submitted_at=now, return_note="", draft=None)
        try:
            changes["progress"] = write_into_plan(entry, data, user=user, now=now, rows=rows)
            _update_entry(entry, version, changes)
        except Conflict as conflict:  # the progress text was edited on the node's page meanwhile
            raise EntryConflict(conflict.current) from conflict
    else:
        changes.update(
            draft=data.to_draft(),
            state=Case(
                When(state__in=KEEP_STATE_ON_DRAFT, then=F("state")), default=Value(RoundEntry.State.DRAFT)
            ),
        )
        _update_entry(entry, version, changes)
    _saved_as(entry, version, changes, submit)


def _update_entry(entry: RoundEntry, version: int, changes: dict) -> None:
    if not RoundEntry.objects.filter(pk=entry.pk, version=version).update(**changes):
        raise EntryConflict


def _saved_as(entry: RoundEntry, version: int, changes: dict, submit: bool) -> None:
    """The entry object as the update left its row; read again only when it was read at another version."""
    if entry.version != version:
        entry.refresh_from_db()
        return
    for name, value in changes.items():
        if name not in ("version", "state"):
            setattr(entry, name, value)
    entry.version = version + 1
    if submit:
        entry.state = RoundEntry.State.SUBMITTED
    elif entry.state not in KEEP_STATE_ON_DRAFT:
        entry.state = RoundEntry.State.DRAFT


@transaction.atomic
def return_entry(entry: RoundEntry, note: str, *, user) -> bool:
    """Send a submitted (or draft) entry back for correction; False when the round is closed.

    The plan keeps the submitted values until the person submits again. The new version makes a
    submission from the form loaded before the return a conflict, so the return is not lost.
    """
    if not _round_is_open(entry.round_id):
        return False
    return bool(
        RoundEntry.objects.filter(pk=entry.pk).update(
            state=RoundEntry.State.RETURNED,
            return_note=note,
            version=F("version") + 1,
            updated_at=timezone.now(),
        )
    )


def close_round(reporting_round: ReportingRound, *, user, on: date | None = None, lang: str = "fi") -> bool:
    """Lock the round's entries and freeze its snapshot; False when it was already closed.

    The exclusive lock on the round waits for the writes to its entries in flight (they hold a
    shared one); the snapshot is built after them, and the writes after the close find it closed.
    """
    from seuranta.monitoring.signals import round_closed
    from seuranta.monitoring.snapshot import build_snapshot

    with transaction.atomic():
        rounds = ReportingRound.objects.filter(pk=reporting_round.pk, state=ReportingRound.State.OPEN)
        if not rounds.select_for_update().values_list("pk").first():
            return False
        # The entries too, in case a write reaches them without the round's lock (the admin, a cascade).
        list(
            RoundEntry.objects.filter(round=reporting_round.pk)
            .order_by("pk")
            .select_for_update()
            .values_list("pk")
        )
        snapshot = build_snapshot(reporting_round, on=on or timezone.localdate(), lang=lang)
        rounds.update(
            state=ReportingRound.State.CLOSED, closed_by=user, closed_at=timezone.now(), snapshot=snapshot
        )
        round_id = reporting_round.pk
        transaction.on_commit(lambda: round_closed.send(sender=ReportingRound, round_id=round_id))
    reporting_round.refresh_from_db()
    return True
