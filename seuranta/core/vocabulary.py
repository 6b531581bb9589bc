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
        return _LABELS[type(self), self.value]

    @classmethod
    def values(cls) -> tuple[str, ...]:
        return tuple(member.value for member in cls)


class Status(_Labelled):
    """Best first. CANCELLED is only ever counted (a cancelled action), never an evaluation's status."""

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    OFF_TRACK = "off_track"
    INSUFFICIENT_DATA = "insufficient_data"  # goals only: fewer than half of the voting items have data
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


# Keyed by enum and value: Status.ACHIEVED and Verdict.ACHIEVED are both equal to "achieved".
_LABELS: dict[tuple[type[_Labelled], str], Message] = {
    (Status, Status.ACHIEVED.value): pgettext_lazy("status", "Achieved"),
    (Status, Status.ON_TRACK.value): gettext_lazy("On track"),
    (Status, Status.BEHIND.value): gettext_lazy("Behind"),
    (Status, Status.OFF_TRACK.value): gettext_lazy("Off track"),
    (Status, Status.INSUFFICIENT_DATA.value): gettext_lazy("Insufficient data"),
    (Status, Status.NO_DATA.value): gettext_lazy("No data"),
    (Status, Status.NO_TARGET.value): gettext_lazy("No target"),
    (Status, Status.CANCELLED.value): gettext_lazy("Cancelled"),
    (Phase, Phase.NOT_STARTED.value): gettext_lazy("not started"),
    (Phase, Phase.IN_PROGRESS.value): gettext_lazy("in progress"),
    (Phase, Phase.DONE.value): gettext_lazy("done"),
    (Phase, Phase.DELAYED.value): gettext_lazy("delayed"),
    (Phase, Phase.CANCELLED.value): gettext_lazy("cancelled"),
    (Verdict, Verdict.ACHIEVED.value): pgettext_lazy("verdict", "Achieved"),
    (Verdict, Verdict.PARTLY.value): gettext_lazy("Partly achieved"),
    (Verdict, Verdict.NOT_ACHIEVED.value): gettext_lazy("Not achieved"),
    (Verdict, Verdict.NOT_ASSESSABLE.value): gettext_lazy("Cannot be assessed"),
    (MeasureKind, MeasureKind.VALUE.value): gettext_lazy("a value to reach"),
    (MeasureKind, MeasureKind.MIN.value): gettext_lazy("at least"),
    (MeasureKind, MeasureKind.MAX.value): gettext_lazy("at most"),
    (MeasureKind, MeasureKind.CHANGE_PERCENT.value): gettext_lazy("change in percent"),
    (MeasureKind, MeasureKind.STATE.value): gettext_lazy("a state (text)"),
    (PlanKind, PlanKind.STRATEGY.value): gettext_lazy("strategy"),
    (PlanKind, PlanKind.PROGRAMME.value): gettext_lazy("programme"),
    (PlanKind, PlanKind.OPERATIONAL_GOALS.value): gettext_lazy("operational goals"),
    (PlanKind, PlanKind.SERVICE_PLAN.value): gettext_lazy("service plan"),
    (PlanKind, PlanKind.PROGRESS_REPORT.value): gettext_lazy("progress report"),
}

# The statuses an evaluation gives (insufficient_data only to goals), and the four that are judgements.
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
    "insufficient_data": "◔",
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
    items = statuses if type(statuses) is list or type(statuses) is tuple else list(statuses)
    for status in _WORST_FIRST:
        if status in items:
            return status
    return None


_WORST_FIRST = JUDGED[::-1]
