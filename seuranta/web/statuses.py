"""How statuses look on a page: a label and an icon for each, so colour is never the only cue."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from seuranta.core.reports.texts import STATUS_ICONS as REPORT_STATUS_ICONS

STATUS_LABELS = {
    "achieved": _("Achieved"),
    "on_track": _("On track"),
    "behind": _("Behind"),
    "off_track": _("Off track"),
    "insufficient_data": _("Insufficient data"),
    "no_data": _("No data"),
    "no_target": _("No target"),
}

# The reports' shapes, so a status looks the same on a page and in a printed report.
STATUS_ICONS = {key: REPORT_STATUS_ICONS[key] for key in STATUS_LABELS}

STATUS_ORDER = tuple(STATUS_LABELS)


def status_choices() -> list[tuple[str, str]]:
    return [(key, STATUS_LABELS[key]) for key in STATUS_ORDER]


# The verdict a responsible person chooses for an action ("Arvio"), as the pages show it.
VERDICT_LABELS = {
    "achieved": _("achieved"),
    "partly": _("partly achieved"),
    "not_achieved": _("not achieved"),
    "not_assessable": _("cannot be assessed yet"),
}

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
}
MEASURE_KIND_LABELS = {
    "value": _("a value to reach"),
    "min": _("at least"),
    "max": _("at most"),
    "change_percent": _("change in percent"),
    "state": _("a state (text)"),
    "": _("not understood"),
}

# Labels of the plans app's choices, so that they are translated wherever the web pages show them.
_CHOICE_LABELS = (
    _("draft"),
    _("published"),
    _("archived"),
    _("not started"),
    _("in progress"),
    _("done"),
    _("delayed"),
    _("cancelled"),
    _("administrator"),
    _("coordinator"),
    _("responsible person"),
    _("viewer"),
)
