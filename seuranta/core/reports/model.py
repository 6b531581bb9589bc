"""The report model: assembled once from plain data, then handed to every renderer.

    build_report(plan, evaluation, options) -> Report

Input is a core `Plan`, its `PlanEvaluation` and `ReportOptions` (variant,
unit filter, round label, date, language). The result is a tree of frozen
dataclasses holding display-ready strings, so the DOCX, HTML/PDF and XLSX
renderers only lay things out and never evaluate or format values themselves.

Two variants: "council" (the progress report: summary, then the plan's tree
with an indicator table and progress text for each item) and "annual" (the
toimintakertomus of Kuntalaki §115: a verdict, evidence and narrative for each
binding goal, grouped by unit).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from seuranta.core.evaluation import PlanEvaluation
from seuranta.core.i18n import gettext as _
from seuranta.core.i18n import lang_of, pgettext
from seuranta.core.model import Indicator, Measure, Node, Plan
from seuranta.core.translations import DEFAULT_PRIMARY, level_name, localized, primary_of
from seuranta.core.vocabulary import Status, Verdict, status_label

VARIANTS = ("council", "annual")
GOAL_LEVEL = re.compile(r"tavoite|mål|goal|objective", re.IGNORECASE)


@dataclass(frozen=True)
class ReportOptions:
    on: date
    lang: str = "fi"
    variant: str = "council"
    unit: str | None = None  # only this unit's part (and the items above it, for context)
    round_label: str | None = None  # "Q1/2023", the reporting round's title


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    unit: str | None
    source: str | None
    description: str | None
    baseline: tuple[str, ...]  # display lines: the baseline, then "• " sub-series lines
    targets: tuple[str, ...]
    actuals: tuple[str, ...]
    status: str
    status_label: str
    reason: str
    indicator: Indicator = field(compare=False, repr=False)
    # The language of `name` where it is not the report's (the plan has no text in the report's language).
    name_lang: str | None = None


@dataclass(frozen=True)
class MilestoneLine:
    title: str
    due: str | None
    done: bool

    def display(self, lang: str) -> str:
        due = f" ({self.due})" if self.due else ""
        done_text = pgettext("milestone", "done", lang)
        done = f" – {done_text}" if self.done else ""
        return f"{self.title}{due}{done}"


@dataclass(frozen=True)
class ProgressLine:
    period: str | None
    text: str
    verdict: str | None = None


@dataclass(frozen=True)
class ReportNode:
    level: str
    title: str
    number: str  # "1.2.3", the item's place in the tree
    depth: int  # 1 for a top-level item
    unit: str | None  # shown only where it differs from the parent's
    description: str | None
    responsible: tuple[str, ...]
    schedule: str | None
    milestones: tuple[MilestoneLine, ...]
    progress: tuple[ProgressLine, ...]
    notes: tuple[str, ...]
    indicators: tuple[IndicatorRow, ...]
    children: tuple[ReportNode, ...]
    status: str
    status_label: str
    reason: str
    binding: bool
    # The language of `title` where it is not the report's (the plan has no text in the report's language).
    title_lang: str | None = None

    @property
    def heading(self) -> str:
        return f"{self.level}: {self.title}"

    def walk(self) -> Iterator[ReportNode]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class SummaryRow:
    title: str
    counts: dict[str, int]  # action statuses, keys in Status order
    status: str
    status_label: str

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class FlaggedItem:
    path: tuple[str, ...]
    title: str
    kind: str  # "node" or "indicator"
    status_label: str
    reason: str


@dataclass(frozen=True)
class AnnualItem:
    number: str
    level: str
    title: str
    path: tuple[str, ...]
    verdict: str  # one of core.model.VERDICTS
    verdict_label: str
    verdict_source: str  # "reported" or "derived"
    verdict_source_label: str
    status_label: str
    reason: str
    evidence: tuple[IndicatorRow, ...]
    narrative: tuple[ProgressLine, ...]


@dataclass(frozen=True)
class AnnualGroup:
    unit: str
    items: tuple[AnnualItem, ...]


@dataclass(frozen=True)
class Report:
    variant: str
    lang: str
    heading: str  # "Seurantaraportti"
    title: str  # the plan's title
    organization: str | None
    period: str | None
    round_label: str | None
    on: date
    unit_filter: str | None
    levels: tuple[str, ...]
    overall_status: str
    overall_status_label: str
    overall_reason: str
    summary: tuple[SummaryRow, ...]
    flagged: tuple[FlaggedItem, ...]
    nodes: tuple[ReportNode, ...]
    annual_groups: tuple[AnnualGroup, ...] = ()
    annual_note: str = ""

    @property
    def colophon(self) -> str:
        return _("Seuranta – report produced {date}", self.lang).format(date=format_day(self.on, self.lang))

    @property
    def status_keys(self) -> tuple[str, ...]:
        """The statuses that occur in the summary, in display order."""
        used = {key for row in self.summary for key, n in row.counts.items() if n}
        return tuple(key for key in Status.values() if key in used)

    def walk(self) -> Iterator[ReportNode]:
        for node in self.nodes:
            yield from node.walk()

    def facts(self) -> list[tuple[str, str]]:
        """The title page's label/value pairs."""
        rows = [
            (_("Organisation", self.lang), self.organization or ""),
            (_("Plan", self.lang), self.title),
            (_("Plan period", self.lang), self.period or ""),
        ]
        if self.round_label:
            rows.append((_("Reporting round", self.lang), self.round_label))
        rows.append((_("Situation on", self.lang), format_day(self.on, self.lang)))
        if self.unit_filter:
            rows.append((_("Scope", self.lang), self.unit_filter))
        if self.levels:
            rows.append((_("Levels", self.lang), " > ".join(self.levels)))
        return [(label, value) for label, value in rows if value]


def format_day(day: date, lang: str) -> str:
    return day.isoformat() if lang_of(lang) == "en" else f"{day.day}.{day.month}.{day.year}"


def measure_line(measure: Measure) -> str:
    """A measure as one display line: "label: text (period)", the label only when the text lacks it."""
    body = measure.text
    if measure.label and not body.lower().startswith(measure.label.lower()):
        body = f"{measure.label}: {body}"
    if measure.period:
        body = f"{body} ({measure.period})"
    return body


def indicator_row(
    indicator: Indicator, evaluation: PlanEvaluation, lang: str, primary: str = DEFAULT_PRIMARY
) -> IndicatorRow:
    """The indicator's row, its texts in `lang` where the plan has them (else the primary language's)."""
    result = evaluation.indicator(indicator)
    name, name_lang = localized(indicator, "name", lang, primary)
    baseline = [measure_line(indicator.baseline)] if indicator.baseline else []
    baseline += [f"• {measure_line(m)}" for m in indicator.baseline_series]
    return IndicatorRow(
        name=name,
        unit=indicator.unit,
        source=indicator.source,
        description=localized(indicator, "description", lang, primary)[0],
        baseline=tuple(baseline),
        targets=tuple(measure_line(m) for m in indicator.targets),
        actuals=tuple(measure_line(m) for m in indicator.actuals),
        status=result.status,
        status_label=status_label(result.status, lang),
        reason=result.reason,
        indicator=indicator,
        name_lang=name_lang if name_lang != lang else None,
    )


def _effective_units(plan: Plan) -> dict[int, str | None]:
    units: dict[int, str | None] = {}
    for node, ancestors in plan.walk():
        inherited = units[id(ancestors[-1])] if ancestors else None
        units[id(node)] = node.unit or inherited
    return units


def _in_scope(node: Node, unit: str | None, units: dict[int, str | None]) -> bool:
    if unit is None:
        return True
    wanted = unit.casefold()
    return any((units[id(n)] or "").casefold() == wanted for n, _a in node.walk())


class _Builder:
    def __init__(self, plan: Plan, evaluation: PlanEvaluation, options: ReportOptions):
        self.plan = plan
        self.evaluation = evaluation
        self.options = options
        self.lang = lang_of(options.lang)
        self.primary = primary_of(plan)
        self.units = _effective_units(plan)

    def t(self, obj: Any, field: str) -> Any:
        """A text of the plan in the report's language, the primary language's where it has none."""
        if field == "level":
            return level_name(self.plan, obj.level, self.lang)[0]
        return localized(obj, field, self.lang, self.primary)[0]

    def other_lang(self, obj: Any, field: str) -> str | None:
        """The language of a text shown in place of the report's language, else None."""
        text_lang = localized(obj, field, self.lang, self.primary)[1]
        return text_lang if text_lang != self.lang else None

    def row(self, indicator: Indicator) -> IndicatorRow:
        return indicator_row(indicator, self.evaluation, self.lang, self.primary)

    def status(self, node: Node) -> tuple[str, str, str]:
        result = self.evaluation.node(node)
        status = "cancelled" if result.counts.get("cancelled") and result.is_action else result.status
        return status, status_label(status, self.lang), result.reason

    def node(self, node: Node, number: str, depth: int, parent_unit: str | None) -> ReportNode:
        status, label, reason = self.status(node)
        unit_filter = self.options.unit
        children = [c for c in node.children if _in_scope(c, unit_filter, self.units)]
        return ReportNode(
            level=self.t(node, "level"),
            title=self.t(node, "title"),
            number=number,
            depth=depth,
            unit=node.unit if node.unit and node.unit != parent_unit else None,
            description=self.t(node, "description"),
            responsible=tuple(node.responsible),
            schedule=node.schedule,
            milestones=tuple(MilestoneLine(self.t(m, "title"), m.due, m.done) for m in node.milestones),
            progress=tuple(ProgressLine(p.period, self.t(p, "text"), p.verdict) for p in node.progress),
            notes=tuple(node.notes or ()),
            indicators=tuple(self.row(i) for i in node.indicators),
            children=tuple(
                self.node(c, f"{number}.{i}", depth + 1, node.unit or parent_unit)
                for i, c in enumerate(children, 1)
            ),
            status=status,
            status_label=label,
            reason=reason,
            binding=node.binding,
            title_lang=self.other_lang(node, "title"),
        )

    def tops(self) -> list[Node]:
        return [n for n in self.plan.nodes if _in_scope(n, self.options.unit, self.units)]

    def summary(self, nodes: tuple[ReportNode, ...], tops: list[Node]) -> tuple[SummaryRow, ...]:
        rows = []
        for top, shown in zip(tops, nodes, strict=True):
            counts = self._action_counts(shown)
            result = self.evaluation.node(top)
            rows.append(
                SummaryRow(
                    self.t(top, "title"), counts, result.status, status_label(result.status, self.lang)
                )
            )
        return tuple(rows)

    @staticmethod
    def _action_counts(node: ReportNode) -> dict[str, int]:
        counts: dict[str, int] = {}
        for item in node.walk():
            if not item.children:
                counts[item.status] = counts.get(item.status, 0) + 1
        return {key: counts[key] for key in Status.values() if counts.get(key)}

    def flagged(self, nodes: tuple[ReportNode, ...]) -> tuple[FlaggedItem, ...]:
        out: list[FlaggedItem] = []

        def visit(item: ReportNode, path: tuple[str, ...]) -> None:
            if item.status == "off_track":
                out.append(FlaggedItem(path, item.title, "node", item.status_label, item.reason))
            for row in item.indicators:
                if row.status == "off_track":
                    out.append(
                        FlaggedItem(path + (item.title,), row.name, "indicator", row.status_label, row.reason)
                    )
            for child in item.children:
                visit(child, path + (item.title,))

        for node in nodes:
            visit(node, ())
        return tuple(out)

    # -- the annual report --

    def goal_level(self) -> str | None:
        levels = self.plan.levels or [n.level for n, _a in self.plan.walk()]
        for level in levels:
            if GOAL_LEVEL.search(level):
                return level
        return levels[1] if len(levels) > 1 else (levels[0] if levels else None)

    def annual(self) -> tuple[tuple[AnnualGroup, ...], str]:
        marked = [(n, a) for n, a in self.plan.walk() if n.binding]
        if marked:
            chosen, note = marked, _("The report covers the goals the council marked as binding.", self.lang)
        else:
            level = self.goal_level()
            chosen = [(n, a) for n, a in self.plan.walk() if n.level == level]
            note = _(
                "The plan marks no goal as binding, so the report covers every item of the level {level}.",
                self.lang,
            ).format(level=level_name(self.plan, level, self.lang)[0] if level else "")
        chosen = [(n, a) for n, a in chosen if _in_scope(n, self.options.unit, self.units)]
        groups: dict[str, list[AnnualItem]] = {}
        for index, (node, ancestors) in enumerate(chosen, 1):
            unit = self.units[id(node)] or _("Other", self.lang)
            groups.setdefault(unit, []).append(self.annual_item(node, ancestors, str(index)))
        return tuple(AnnualGroup(unit, tuple(items)) for unit, items in groups.items()), note

    def annual_item(self, node: Node, ancestors: tuple[Node, ...], number: str) -> AnnualItem:
        status, label, reason = self.status(node)
        reported = _reported_verdict(node, self.options.on)
        verdict, source = (reported, "reported") if reported else (_derived_verdict(status), "derived")
        evidence = tuple(self.row(i) for n, _a in node.walk() for i in n.indicators)
        narrative = [ProgressLine(p.period, self.t(p, "text"), p.verdict) for p in node.progress]
        for child, _a in node.walk():
            if child is not node and child.progress:
                latest = child.progress[-1]
                narrative.append(
                    ProgressLine(latest.period, f"{self.t(child, 'title')}: {self.t(latest, 'text')}")
                )
        return AnnualItem(
            number=number,
            level=self.t(node, "level"),
            title=self.t(node, "title"),
            path=tuple(self.t(a, "title") for a in ancestors),
            verdict=verdict,
            verdict_label=Verdict(verdict).label(self.lang) if verdict in Verdict.values() else verdict,
            verdict_source=source,
            verdict_source_label=_verdict_source(source, self.lang),
            status_label=label,
            reason=reason,
            evidence=evidence,
            narrative=tuple(narrative),
        )


def _reported_verdict(node: Node, on: date) -> str | None:
    from seuranta.core.periods import measure_date

    found = None
    for progress in node.progress:
        if progress.verdict:
            day = measure_date(progress.period)
            if day is None or day <= on:
                found = progress.verdict
    return found


def _derived_verdict(status: str) -> str:
    return {
        "achieved": "achieved",
        "on_track": "partly",
        "behind": "partly",
        "off_track": "not_achieved",
    }.get(status, "not_assessable")


def build_report(plan: Plan, evaluation: PlanEvaluation, options: ReportOptions) -> Report:
    """The whole report, assembled once; renderers only lay it out."""
    if options.variant not in VARIANTS:
        raise ValueError(f"unknown report variant {options.variant!r}")
    builder = _Builder(plan, evaluation, options)
    lang = builder.lang
    tops = builder.tops()
    nodes = tuple(builder.node(top, str(i), 1, None) for i, top in enumerate(tops, 1))
    groups, note = builder.annual() if options.variant == "annual" else ((), "")
    return Report(
        variant=options.variant,
        lang=lang,
        heading=_heading(options.variant, lang),
        title=builder.t(plan, "title") or "",
        organization=plan.organization,
        period=plan.period,
        round_label=options.round_label,
        on=options.on,
        unit_filter=options.unit,
        levels=tuple(level_name(plan, level, lang)[0] for level in plan.levels),
        overall_status=evaluation.status,
        overall_status_label=status_label(evaluation.status, lang),
        overall_reason=evaluation.reason,
        summary=builder.summary(nodes, tops),
        flagged=builder.flagged(nodes),
        nodes=nodes,
        annual_groups=groups,
        annual_note=note,
    )


def _heading(variant: str, lang: str) -> str:
    if variant == "annual":
        return _("Annual report: attainment of binding goals", lang)
    return _("Progress report", lang)


def _verdict_source(source: str, lang: str) -> str:
    """Whose verdict it is: the person responsible's, or one derived from the evaluation."""
    if source == "reported":
        return _("as reported by the person responsible", lang)
    return _("derived from the indicators and the status of the actions", lang)


def report_for(plan: Plan, options: ReportOptions) -> Report:
    """Evaluate the plan as of the options' date and build its report."""
    from seuranta.core.evaluation import evaluate_plan

    return build_report(plan, evaluate_plan(plan, options.on, options.lang), options)
