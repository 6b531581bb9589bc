"""How statuses look on a page: a label and an icon for each, so colour is never the only cue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _

from seuranta.core.vocabulary import STATUS_ICONS as CORE_STATUS_ICONS
from seuranta.core.vocabulary import STATUSES, MeasureKind, Status, Verdict
from seuranta.plans.choices import label

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # typing only: Django's lazy strings

# The statuses of an evaluation, named as the reports name them.
STATUS_LABELS = {key: label(Status(key).label) for key in STATUSES}

# The reports' shapes, so a status looks the same on a page and in a printed report.
STATUS_ICONS = {key: CORE_STATUS_ICONS[key] for key in STATUS_LABELS}

STATUS_ORDER = tuple(STATUS_LABELS)


def status_choices() -> list[tuple[str, StrOrPromise]]:
    return [(key, STATUS_LABELS[key]) for key in STATUS_ORDER]


# The verdict a responsible person chooses for an action ("Arvio"), as the pages show it.
VERDICT_LABELS = {key: label(Verdict(key).label) for key in Verdict.values()}

OBJECT_LABELS = {
    "node": _("Item"),
    "indicator": _("Indicator"),
    "milestone": _("Milestone"),
    "plan": _("Plan"),
    "measure": _("Measure"),
    "progress": _("Progress report"),
    "section": _("Text section"),
    "round": _("Reporting round"),
}
ACTION_LABELS = {
    "created": _("added"),
    "changed": _("changed"),
    "deleted": _("removed"),
    "moved": _("moved"),
    "restored": _("restored from the recycle bin"),
}
FIELD_LABELS = {
    "title": _("Title"),
    "level": _("Level"),
    "description": _("Description"),
    "unit_name": _("Unit"),
    "responsible": _("Responsible"),
    "schedule": _("Schedule"),
    "schedule_start": _("Schedule start"),
    "schedule_end": _("Schedule end"),
    "phase": _("Phase"),
    "binding": _("Binding"),
    "name": _("Name"),
    "unit": _("Unit"),
    "source": _("Source"),
    "baseline": _("Baseline"),
    "targets": _("Targets"),
    "due": _("Due"),
    "due_date": _("Due date"),
    "done": _("Done"),
    "state": _("State"),
    "period": _("Period"),
    "tolerance": _("Status tolerance"),
    "state_scale": _("Scale of qualitative states"),
    "levels": _("Levels"),
    "start_year": _("First year"),
    "end_year": _("Last year"),
    "position": _("Position"),
    "responsible_users_added": _("Responsible people added"),
    "org_unit": _("Unit in the organisation"),
    "responsible_users_removed": _("Responsible people removed"),
    "text": _("Value"),
    "verdict": _("Assessment"),
    "deleted_at": _("Moved to the recycle bin"),
    "translations": _("Texts in other languages"),
    "primary_language": _("Primary language"),
    "required_languages": _("Required languages"),
}
MEASURE_KIND_LABELS = {**{kind.value: label(kind.label) for kind in MeasureKind}, "": _("not understood")}

# Labels of the plans app's choices, so that they are translated wherever the web pages show them.
_CHOICE_LABELS = (
    _("draft"),
    _("published"),
    _("archived"),
    _("administrator"),
    _("coordinator"),
    _("responsible person"),
    _("viewer"),
)


def badge(status: str | None, reason: str = "") -> str:
    """A status as the pages show it (`{% status_badge %}` and the plan tree's rows): icon and label,
    the reason as its title; every text escaped as a template would. Written in Python, not a
    template: the plan tree shows a thousand of them."""
    status = status if status in STATUS_LABELS else "no_data"
    title = f' title="{conditional_escape(reason)}"' if reason else ""
    return (
        f'<span class="badge badge--{status}"{title}><span class="badge__icon" aria-hidden="true">'
        f"{conditional_escape(STATUS_ICONS[status])}</span> {conditional_escape(STATUS_LABELS[status])}</span>\n"
    )
