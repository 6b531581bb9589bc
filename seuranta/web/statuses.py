"""How statuses look on a page: a label and an icon for each, so colour is never the only cue."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

STATUS_LABELS = {
    "achieved": _("Achieved"),
    "on_track": _("On track"),
    "behind": _("Behind"),
    "off_track": _("Off track"),
    "no_data": _("No data"),
    "no_target": _("No target"),
}

# Distinct shapes as well as colours.
STATUS_ICONS = {
    "achieved": "✔",
    "on_track": "●",
    "behind": "▲",
    "off_track": "✖",
    "no_data": "?",
    "no_target": "–",
}

STATUS_ORDER = tuple(STATUS_LABELS)


def status_choices() -> list[tuple[str, str]]:
    return [(key, STATUS_LABELS[key]) for key in STATUS_ORDER]
