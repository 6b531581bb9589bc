"""The words Seuranta's data is made of, each defined once.

    Status       what the evaluation says of an indicator, action or goal
    Phase        where an action is, as its responsible person reports it
    Verdict      whether a goal was attained, for the annual report (Kuntalaki 115 §)
    MeasureKind  how a baseline, target or actual value is to be read
    PlanKind     what sort of document a plan is

Each is a `StrEnum` in display order, so a member is equal to the string stored
in the database and the interchange format (`Status.ON_TRACK == "on_track"`).
`label` is the member's name for people, a `Message` translated with the
core's catalogs (`Phase.DONE.label("fi")` is "valmis"). Django's model and form
choices are derived from these enums (`seuranta/plans/choices.py`); nothing
else lists them.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from seuranta.core.i18n import Message, gettext_lazy, pgettext_lazy


class _Labelled(StrEnum):
    @property
    def label(self) -> Message:
        return _LABELS[self]

    @classmethod
    def values(cls) -> tuple[str, ...]:
        return tuple(member.value for member in cls)


class Status(_Labelled):
    """Best first. CANCELLED is only ever counted (a cancelled action), never an evaluation's status."""

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"
    NO_TARGET = "no_target"
    CANCELLED = "cancelled"


class Phase(_Labelled):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DELAYED = "delayed"
    CANCELLED = "cancelled"


class Verdict(_Labelled):
    ACHIEVED = "achieved"
    PARTLY = "partly"
    NOT_ACHIEVED = "not_achieved"
    NOT_ASSESSABLE = "not_assessable"


class MeasureKind(_Labelled):
    VALUE = "value"
    MIN = "min"
    MAX = "max"
    CHANGE_PERCENT = "change_percent"
    STATE = "state"


class PlanKind(_Labelled):
    STRATEGY = "strategy"
    PROGRAMME = "programme"
    OPERATIONAL_GOALS = "operational_goals"
    SERVICE_PLAN = "service_plan"
    PROGRESS_REPORT = "progress_report"


_LABELS: dict[_Labelled, Message] = {
    Status.ACHIEVED: pgettext_lazy("status", "Achieved"),
    Status.ON_TRACK: gettext_lazy("On track"),
    Status.BEHIND: gettext_lazy("Behind"),
    Status.OFF_TRACK: gettext_lazy("Off track"),
    Status.NO_DATA: gettext_lazy("No data"),
    Status.NO_TARGET: gettext_lazy("No target"),
    Status.CANCELLED: gettext_lazy("Cancelled"),
    Phase.NOT_STARTED: gettext_lazy("not started"),
    Phase.IN_PROGRESS: gettext_lazy("in progress"),
    Phase.DONE: gettext_lazy("done"),
    Phase.DELAYED: gettext_lazy("delayed"),
    Phase.CANCELLED: gettext_lazy("cancelled"),
    Verdict.ACHIEVED: pgettext_lazy("verdict", "Achieved"),
    Verdict.PARTLY: gettext_lazy("Partly achieved"),
    Verdict.NOT_ACHIEVED: gettext_lazy("Not achieved"),
    Verdict.NOT_ASSESSABLE: gettext_lazy("Cannot be assessed"),
    MeasureKind.VALUE: gettext_lazy("a value to reach"),
    MeasureKind.MIN: gettext_lazy("at least"),
    MeasureKind.MAX: gettext_lazy("at most"),
    MeasureKind.CHANGE_PERCENT: gettext_lazy("change in percent"),
    MeasureKind.STATE: gettext_lazy("a state (text)"),
    PlanKind.STRATEGY: gettext_lazy("strategy"),
    PlanKind.PROGRAMME: gettext_lazy("programme"),
    PlanKind.OPERATIONAL_GOALS: gettext_lazy("operational goals"),
    PlanKind.SERVICE_PLAN: gettext_lazy("service plan"),
    PlanKind.PROGRESS_REPORT: gettext_lazy("progress report"),
}

# The six statuses an evaluation gives, and the four of them that are judgements.
STATUSES: tuple[str, ...] = tuple(s.value for s in Status if s is not Status.CANCELLED)
JUDGED: tuple[str, ...] = tuple(
    s.value for s in (Status.ACHIEVED, Status.ON_TRACK, Status.BEHIND, Status.OFF_TRACK)
)
_RANK = {status: rank for rank, status in enumerate(JUDGED)}

# Shapes as well as colours, so that colour is never the only cue (pages and reports alike).
STATUS_ICONS: dict[str, str] = {
    "achieved": "✔",
    "on_track": "●",
    "behind": "▲",
    "off_track": "✖",
    "no_data": "?",
    "no_target": "–",
    "cancelled": "×",
}


def status_label(status: str, lang: str) -> str:
    """The status in words; an unknown status as it is."""
    return Status(status).label(lang) if status in Status.values() else status


def rank(status: str) -> int:
    """0 for achieved ... 3 for off_track; 4 for statuses that are not judged."""
    return _RANK.get(status, len(_RANK))


def worst(statuses: Iterable[str]) -> str | None:
    """The worst judged status (achieved > on_track > behind > off_track); None if none is judged."""
    judged = [s for s in statuses if s in _RANK]
    return max(judged, key=_RANK.__getitem__) if judged else None
