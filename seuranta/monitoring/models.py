"""Reporting rounds: a period's call for reports, one entry per reportable node.

A coordinator opens a round over a plan or a subtree of it. Each action (a
leaf, or any node with indicators) that has responsible users gets an entry;
the entry belongs to the node's responsible users. A saved draft stays on the
entry (`RoundEntry.draft`), seen only by the responsible users and the plan's
coordinators. What people submit becomes ordinary plan data (actual `Measure`
rows and a `ProgressEntry`), so the plan page and the evaluation see it at
once. Closing a round locks its entries and freezes a snapshot of the
submitted values, texts and statuses as JSON on the round.

What is closed stays closed. Database triggers (migration 0004, `seuranta.plans.guard`)
refuse any change to a closed round, its entries and its snapshot; `save()` and
`delete()` refuse first with a message a person can read. Deleting a node, a
progress text or a user keeps a closed round whole: the foreign keys below that
point out of a round have no database constraint and, for closed rounds, keep the
id of what was deleted (`cascade_unless_closed`, `set_null_unless_closed`); the
snapshot holds what the round reported about it. Open rounds behave as before.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from seuranta.plans.models import Indicator, Membership, Node, Plan

CLOSED = "closed"


class ClosedRoundError(Exception):
    """A write to a closed round, its entries or its snapshot; str() is a message for the user."""

    def __init__(self, message: str | None = None):
        super().__init__(
            message
            or gettext(
                "The reporting round is closed: it and its reports can no longer be changed or removed."
            )
        )


def _open_only(sub_objs):
    """The rows of open rounds among rounds or entries about to be deleted or nulled."""
    if sub_objs.model is ReportingRound:
        return sub_objs.exclude(state=CLOSED)
    return sub_objs.exclude(round__state=CLOSED)


def cascade_unless_closed(collector, field, sub_objs, using):
    """on_delete: delete the rows of open rounds; a closed round's rows stay whole and keep the id."""
    models.CASCADE(collector, field, _open_only(sub_objs), using)


def set_null_unless_closed(collector, field, sub_objs, using):
    """on_delete: clear the reference on open rounds' rows; a closed round's rows keep the id."""
    models.SET_NULL(collector, field, _open_only(sub_objs), using)


set_null_unless_closed.lazy_sub_objs = True  # as SET_NULL: an UPDATE ... WHERE, no rows fetched


def protect_closed_rounds(collector, field, sub_objs, using):
    """on_delete for a plan: its open rounds go with it; a plan with closed rounds cannot be deleted."""
    closed = list(sub_objs.filter(state=CLOSED))
    if closed:
        raise models.ProtectedError(
            gettext(
                "The plan has closed reporting rounds, which are kept as they are; archive the plan instead."
            ),
            closed,
        )
    models.CASCADE(collector, field, sub_objs, using)


def default_reminder_days() -> list[int]:
    """A week and a day before the deadline, and the day after it."""
    return [-7, -1, 1]


class ReportingRound(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    plan = models.ForeignKey(
        Plan, on_delete=protect_closed_rounds, related_name="rounds", verbose_name=_("plan")
    )
    root = models.ForeignKey(
        Node,
        on_delete=cascade_unless_closed,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("part of the plan"),
        help_text=_("Empty: the whole plan."),
    )
    title = models.CharField(_("title"), max_length=200)
    period = models.CharField(_("period"), max_length=50)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    deadline = models.DateField(_("deadline"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=set_null_unless_closed,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=set_null_unless_closed,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    # Days from the deadline on which the task worker reminds those with unsubmitted reports:
    # -7 is a week before, 1 the day after (see monitoring.reminders).
    reminder_days = models.JSONField(_("automatic reminders"), default=default_reminder_days, blank=True)
    snapshot = models.JSONField(_("snapshot at closing"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.state == CLOSED and self._state.adding:
            raise ClosedRoundError(gettext("A round is closed by closing it, not created closed."))
        if self.pk and ReportingRound.objects.filter(pk=self.pk, state=CLOSED).exists():
            raise ClosedRoundError
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.pk and ReportingRound.objects.filter(pk=self.pk, state=CLOSED).exists():
            raise ClosedRoundError
        return super().delete(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN


class EntryQuerySet(models.QuerySet):
    def for_user(self, user):
        """Entries on nodes the user is responsible for."""
        return self.filter(node__responsible_users=user)

    def reportable_by(self, user):
        """Entries of plans the user may still report on (their role allows it; the plan is not archived)."""
        if user.is_superuser:
            return self.exclude(round__plan__state=Plan.State.ARCHIVED)
        return self.exclude(round__plan__state=Plan.State.ARCHIVED).filter(
            round__plan__organization__memberships__user=user,
            round__plan__organization__memberships__active=True,
            round__plan__organization__memberships__role__in=[
                Membership.Role.ADMIN,
                Membership.Role.COORDINATOR,
                Membership.Role.RESPONSIBLE,
            ],
        )

    def in_open_rounds(self):
        return self.filter(round__state=ReportingRound.State.OPEN)

    def completion(self):
        """{"total": n, "submitted": m} over these entries."""
        return self.aggregate(
            total=Count("id"), submitted=Count("id", filter=Q(state=RoundEntry.State.SUBMITTED))
        )


class RoundEntry(models.Model):
    """One node's report in one round."""

    class State(models.TextChoices):
        NOT_STARTED = "not_started", _("not started")
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned for correction")

    round = models.ForeignKey(
        ReportingRound, on_delete=models.CASCADE, related_name="entries", verbose_name=_("reporting round")
    )
    node = models.ForeignKey(
        Node,
        on_delete=cascade_unless_closed,
        db_constraint=False,
        related_name="round_entries",
        verbose_name=_("node"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)  # the node's place in the plan, depth first
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.NOT_STARTED)
    version = models.PositiveIntegerField(default=1, editable=False)
    return_note = models.TextField(_("note for correction"), blank=True)
    # Unsubmitted values, text, phase and verdict (see reporting.EntryValues.to_draft); private until submitted.
    draft = models.JSONField(_("unsubmitted draft"), null=True, blank=True)
    progress = models.ForeignKey(
        "plans.ProgressEntry",
        on_delete=set_null_unless_closed,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("progress text"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=set_null_unless_closed,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last saved by"),
    )
    updated_at = models.DateTimeField(_("last saved"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["round", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "node"], name="one_entry_per_node_and_round")]
        indexes = [models.Index(fields=["round", "state"])]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        try:
            title = self.node.title[:60]
        except Node.DoesNotExist:  # removed from the plan after the round closed
            title = f"#{self.node_id}"
        return f"{self.round}: {title}"

    def save(self, *args, **kwargs):
        if self._round_is_closed():
            raise ClosedRoundError
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._round_is_closed():
            raise ClosedRoundError
        return super().delete(*args, **kwargs)

    def _round_is_closed(self) -> bool:
        round_ids = {self.round_id}
        if self.pk:  # an entry moved out of a closed round changes that round too
            round_ids.update(RoundEntry.objects.filter(pk=self.pk).values_list("round_id", flat=True))
        return ReportingRound.objects.filter(pk__in=round_ids, state=CLOSED).exists()


def reportable_node_ids(plan: Plan, root: Node | None = None) -> list[int]:
    """Nodes of the plan (or of root's subtree) that get an entry, in plan order.

    Reportable: a leaf, or a node with indicators, that has responsible users.
    Three queries whatever the plan's size.
    """
    rows = list(
        Node.objects.filter(plan=plan).order_by("parent_id", "order", "id").values_list("id", "parent_id")
    )
    with_indicators = set(Indicator.objects.filter(node__plan=plan).values_list("node_id", flat=True))
    through = Node.responsible_users.through
    with_people = set(through.objects.filter(node__plan=plan).values_list("node_id", flat=True))
    children: dict[int | None, list[int]] = {}
    for node_id, parent_id in rows:
        children.setdefault(parent_id, []).append(node_id)
    result: list[int] = []
    stack = [root.pk] if root is not None else list(reversed(children.get(None, [])))
    while stack:  # depth first, in plan order
        node_id = stack.pop()
        kids = children.get(node_id, [])
        if (not kids or node_id in with_indicators) and node_id in with_people:
            result.append(node_id)
        stack.extend(reversed(kids))
    return result
