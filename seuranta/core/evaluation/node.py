"""The status of an action (from its phase, milestones and indicators) and of a goal (rolled up).

An action is a node without children, or any node with a reported phase. Its
signals are its phase, a schedule that has ended or a start that has passed,
overdue milestones and the worst of its indicators; the worst signal decides.
A goal takes the statuses of the actions below it and of the indicators below
it (`roll_up`), and its reason counts them ("3/5 toimenpidettä aikataulussa").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from datetime import date
from operator import itemgetter

from seuranta.core.evaluation.results import IndicatorEvaluation, Settings
from seuranta.core.formatting import format_date, format_period, level_noun, sentence
from seuranta.core.i18n import gettext as _
from seuranta.core.i18n import lang_of, ngettext
from seuranta.core.model import Milestone, Node
from seuranta.core.periods import due_day, measure_date, schedule_bounds
from seuranta.core.vocabulary import JUDGED, Phase, Status, worst

COUNT_KEYS: tuple[str, ...] = Status.values()


# What an action's sentence needs beyond its evaluation's findings: the evaluation date, the
# language and the action's schedule (a tuple of plain values, which the collector stops tracking).
ActionFacts = tuple[date, str, str | None]


@dataclass(slots=True)
class NodeEvaluation:
    """The status of an action (from its phase, milestones and indicators) or a goal (rolled up).

    Read-only by convention (not frozen: a frozen dataclass costs several times more to build, and a
    large plan builds tens of thousands). `reason` is written when first asked for, from `written`
    (the text, or for an action the `ActionFacts` its sentence needs beyond the findings); equality
    compares the findings, not the sentence.
    """

    status: str
    written: str | ActionFacts = field(compare=False, repr=False)
    is_action: bool
    phase: str | None = None  # the reported phase used, for actions
    phase_period: str | None = None  # the period of the progress report the phase came from
    overdue_milestones: tuple[Milestone, ...] = ()
    indicators: tuple[IndicatorEvaluation, ...] = ()  # the node's own indicators, in order
    # For a goal: the statuses of the actions below it ("cancelled" counted apart);
    # for an action: its own status. Keys are COUNT_KEYS, zero counts left out.
    counts: dict[str, int] = field(default_factory=dict)
    # The statuses of the indicators that vote in this node's status.
    indicator_counts: dict[str, int] = field(default_factory=dict)
    summary: str = ""  # "3/5 toimenpidettä aikataulussa, 1 myöhässä"

    @property
    def reason(self) -> str:
        written = self.written
        if type(written) is not str:
            written = self.written = _action_sentence(self, *written)
        return written

    def __getstate__(self) -> list[object]:
        """Picklable: the sentence is written first (a function that writes it is not)."""
        self.reason  # noqa: B018
        return [getattr(self, f.name) for f in fields(self)]

    def __setstate__(self, state: list[object]) -> None:
        for f, value in zip(fields(self), state, strict=True):
            setattr(self, f.name, value)


def is_action(node: Node) -> bool:
    """An action is a node without children, or any node with a reported phase."""
    return not node.children or node.phase is not None


INSUFFICIENT = Status.INSUFFICIENT_DATA.value


def roll_up(statuses: Iterable[str]) -> str:
    """The status of a goal from the statuses of the items below it.

    Only judged statuses vote. All achieved gives achieved; otherwise the goal
    gets the best status that more than half of the items reach or exceed (the
    lower median), but at best on_track. Nothing judged gives no_data when
    something is waiting for data, else no_target. When fewer than half of the
    voting items (judged, or waiting for data) have data, the goal shows no
    achievement at all: insufficient_data.
    """
    items = statuses if type(statuses) is list else list(statuses)
    judged = [items.count(s) for s in JUDGED]  # per judged status, best first (a goal counts thousands)
    reported = sum(judged)
    if not reported:
        return "no_data" if "no_data" in items else "no_target"
    if 2 * reported < reported + items.count("no_data"):
        return INSUFFICIENT
    if judged[0] == reported:
        return "achieved"
    middle, below = len(judged) - 1, reported // 2  # the judged item at index `below` in rank order
    for index, n in enumerate(judged):
        if below < n:
            middle = index
            break
        below -= n
    return "on_track" if middle == 0 else JUDGED[middle]


def coverage(statuses: Iterable[str]) -> tuple[int, int]:
    """(items with data, voting items): judged items have data; no_data items vote without it."""
    items = statuses if type(statuses) is list else list(statuses)
    reported = sum(items.count(s) for s in JUDGED)
    return reported, reported + items.count("no_data")


def with_coverage(status: str, statuses: Iterable[str], said: str, lang: str) -> str:
    """The summary of a goal with too little data, led by its coverage ("1/4 raportoitu")."""
    if status != INSUFFICIENT:
        return said
    reported, voting = coverage(statuses)
    lead = _("{reported}/{total} reported", lang).format(reported=reported, total=voting)
    return f"{lead}; {said}" if said else lead


def _count_text(key: str, count: int, lang: str) -> str:
    """ "2 behind", "1 off track" ... for a status count."""
    if key == "behind":
        return ngettext("{count} behind", "{count} behind", count, lang).format(count=count)
    if key == "off_track":
        return ngettext("{count} off track", "{count} off track", count, lang).format(count=count)
    if key == "no_data":
        return ngettext("{count} without data", "{count} without data", count, lang).format(count=count)
    if key == "no_target":
        template = ngettext("{count} without a target", "{count} without a target", count, lang)
        return template.format(count=count)
    return ngettext("{count} cancelled", "{count} cancelled", count, lang).format(count=count)


def counts_summary(counts: dict[str, int], noun: str, lang: str = "fi") -> str:
    """ "3/5 toimenpidettä aikataulussa (1 valmiina), 1 myöhässä" from status counts."""
    lang = lang_of(lang)
    total = sum(counts.values())
    if not total:
        return ""
    done = counts.get("achieved", 0)
    ok = done + counts.get("on_track", 0)
    first = _("{ok}/{total} {noun} on track", lang).format(ok=ok, total=total, noun=noun)
    if done:
        first += " " + ngettext("({count} done)", "({count} done)", done, lang).format(count=done)
    rest = [
        _count_text(key, counts[key], lang)
        for key in ("behind", "off_track", "no_data", "no_target", "cancelled")
        if counts.get(key)
    ]
    return ", ".join([first, *rest])


PHASES = Phase.values()


def reported_phase(node: Node, on: date) -> tuple[str | None, str | None]:
    """The phase of an action as of `on` and the period it was reported for: its own, or the latest report's."""
    if node.phase in PHASES:
        return node.phase, None
    best: tuple[date, int] | None = None
    found: tuple[str | None, str | None] = (None, None)
    for index, progress in enumerate(node.progress):
        if progress.phase not in PHASES:
            continue
        day = measure_date(progress.period) if progress.period else None
        if day is not None and day > on:
            continue
        order = (day or date.min, index)
        if best is None or order >= best:
            best, found = order, (progress.phase, progress.period)
    return found


def evaluate_action(node: Node, own: tuple[IndicatorEvaluation, ...], settings: Settings) -> NodeEvaluation:
    """An action's status from its phase, schedule, milestones and its own indicators' statuses."""
    on, lang = settings.on, settings.lang
    statuses = [e.status for e in own]
    indicator_counts = count(statuses)
    phase, phase_period = reported_phase(node, on)
    if phase == "cancelled":
        reason = _("The action has been cancelled.", lang)
        return NodeEvaluation(
            "no_target",
            reason,
            True,
            phase,
            phase_period,
            indicators=own,
            counts={"cancelled": 1},
            indicator_counts=indicator_counts,
        )
    overdue = _overdue(node, on) if phase != "done" else ()
    status = "achieved" if phase == "done" else _worst_signal(node.schedule, on, phase, overdue, statuses)
    return NodeEvaluation(
        status or "no_data",
        (on, lang, node.schedule),
        True,
        phase,
        phase_period,
        overdue,
        own,
        {status or "no_data": 1},
        indicator_counts,
    )


def _action_sentence(found: NodeEvaluation, on: date, lang: str, schedule: str | None) -> str:
    """ "Vaihe: käynnissä (Q1/2026); aikataulu päättyi 31.12.2025; 1/2 mittaria aikataulussa." """
    phase = found.phase
    parts: list[str] = []
    if phase is not None:
        shown = Phase(phase).label(lang)
        period = format_period(found.phase_period, lang)
        if period:
            parts.append(_("phase: {phase} ({period})", lang).format(phase=shown, period=period))
        else:
            parts.append(_("phase: {phase}", lang).format(phase=shown))
    if phase != "done":
        parts.extend(_signal_parts(schedule, on, phase, found.overdue_milestones, lang))
    if found.indicators:
        parts.append(counts_summary(found.indicator_counts, _("indicators", lang), lang))
    if found.status == "no_data" and not parts:  # no signal gave a status
        return _("There is no information on the action's progress.", lang)
    return sentence("; ".join(parts))


def _overdue(node: Node, on: date) -> tuple[Milestone, ...]:
    """The milestones not done by their due day before `on`, the earliest due first."""
    overdue: list[tuple[date, Milestone]] = []
    for milestone in node.milestones:
        due = due_day(milestone.due)
        if not milestone.done and due is not None and due < on:
            overdue.append((due, milestone))
    if not overdue:
        return ()
    overdue.sort(key=itemgetter(0))
    return tuple(milestone for _due, milestone in overdue)


def _worst_signal(
    schedule: str | None, on: date, phase: str | None, overdue: tuple[Milestone, ...], statuses: list[str]
) -> str | None:
    """The worst status an unfinished action's phase, schedule, milestones and indicators point to."""
    signals = [*statuses]
    if phase is not None:
        start, end = schedule_bounds(schedule)
        if phase == "in_progress":
            signals.append("on_track")
        elif phase == "delayed":
            signals.append("behind")
        elif phase == "not_started":
            signals.append("behind" if start is not None and start < on else "on_track")
        if end is not None and end < on:
            signals.append("off_track")
    if overdue:
        signals.append("behind")
    return worst(signals)


def _signal_parts(
    schedule: str | None, on: date, phase: str | None, overdue: tuple[Milestone, ...], lang: str
) -> list[str]:
    """What `_worst_signal` found, in words: a start or an end passed, milestones overdue."""
    parts: list[str] = []
    start, end = schedule_bounds(schedule) if phase is not None else (None, None)
    if phase == "not_started" and start is not None and start < on:
        parts.append(_("scheduled to start {date}", lang).format(date=format_date(start, lang)))
    if phase is not None and end is not None and end < on:
        parts.append(_("the schedule ended on {date}", lang).format(date=format_date(end, lang)))
    if overdue:
        due_text = overdue[0].due or ""
        template = ngettext(
            "{count} milestone overdue ({due})",
            "{count} milestones overdue (earliest {due})",
            len(overdue),
            lang,
        )
        parts.append(template.format(count=len(overdue), due=format_period(due_text, lang) or due_text))
    return parts


def summary(
    action_counts: dict[str, int], indicator_counts: dict[str, int], actions: list[Node], lang: str
) -> str:
    """ "3/5 toimenpidettä aikataulussa; 2/4 mittaria aikataulussa" for a goal or a plan."""
    parts = []
    if action_counts:
        levels = {a.level for a in actions}
        noun = (level_noun(next(iter(levels)), lang) if len(levels) == 1 else None) or _("actions", lang)
        parts.append(counts_summary(action_counts, noun, lang))
    if indicator_counts:
        parts.append(counts_summary(indicator_counts, _("indicators", lang), lang))
    return "; ".join(parts)


def actions_below(node: Node) -> Iterator[Node]:
    """The top-most actions under a goal (an action's own children are its business)."""
    for child in node.children:
        if is_action(child):
            yield child
        else:
            yield from actions_below(child)


def count(statuses: Iterable[str]) -> dict[str, int]:
    items = statuses if type(statuses) is list else list(statuses)
    return {key: n for key in COUNT_KEYS if (n := items.count(key))}


def merge(many: Iterable[dict[str, int]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for counts in many:
        for key, n in counts.items():
            total[key] = total.get(key, 0) + n
    return {key: total[key] for key in COUNT_KEYS if total.get(key)}


def expand(counts: dict[str, int]) -> list[str]:
    return [key for key, n in counts.items() for _i in range(n)]
