"""Between the pure core model (`seuranta.core.model.Plan`) and the database.

`store_plan` writes a whole plan in one transaction with bulk inserts;
`load_core_plans` reads plans back with a fixed number of queries whatever the
plans' size and number (`load_core_plan` reads one). Export then import then
export gives identical JSON.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db import transaction

from seuranta.core import model as core
from seuranta.core.evaluation_indicators import text_bounds
from seuranta.core.interchange import InvalidDocument, validate_document
from seuranta.core.periods import period_bounds, plan_period_bounds
from seuranta.plans.models import (
    Indicator,
    Measure,
    Milestone,
    Node,
    Organization,
    OrganizationUnit,
    Plan,
    ProgressEntry,
    Section,
)


def plan_years(period: str | None) -> tuple[int | None, int | None]:
    """First and last year of a plan period as written ("2026–2029", "2023"), read as the evaluator reads it."""
    bounds = plan_period_bounds(period)
    return (bounds[0].year, bounds[1].year) if bounds else (None, None)


def measure_row(measure: core.Measure, role: str, order: int) -> Measure:
    bounds = period_bounds(measure.period)
    return Measure(
        role=role,
        order=order,
        text=measure.text,
        kind=measure.kind,
        value=measure.value,
        period=measure.period,
        period_start=bounds[0] if bounds else None,
        period_end=bounds[1] if bounds else None,
        label=measure.label,
        extra=measure.extra,
    )


def core_measure(row: Measure) -> core.Measure:
    return core.Measure(
        text=row.text, kind=row.kind, value=row.value, period=row.period, label=row.label, extra=row.extra
    )


@transaction.atomic
def store_plan(
    plan: core.Plan,
    *,
    organization: Organization | None = None,
    state: str = Plan.State.DRAFT,
) -> Plan:
    """Create a stored plan from a core plan; the organisation defaults to the one the document names.

    Raises InvalidDocument, naming each field, for a plan the database cannot hold
    (an over-long text, a non-finite number) before anything is written: SQLite
    would store it, PostgreSQL would fail half-way.
    """
    # Only what the database cannot hold: a parsed plan may differ from the format in harmless ways.
    problems = [
        p for p in validate_document(plan.to_dict()) if p.code in ("too_long", "not_finite", "too_deep")
    ]
    if problems:
        raise InvalidDocument(problems)
    if organization is None and plan.organization:
        organization, _ = Organization.objects.get_or_create(name=plan.organization)
    start_year, end_year = plan_years(plan.period)
    stored = Plan.objects.create(
        title=plan.title,
        organization=organization,
        kind=plan.kind or "",
        period=plan.period,
        start_year=start_year,
        end_year=end_year,
        levels=plan.levels,
        state=state,
        tolerance=plan.tolerance,
        state_scale=plan.state_scale,
        extra=plan.extra,
    )
    Section.objects.bulk_create(
        Section(plan=stored, order=i, title=s.title, text=s.text, extra=s.extra)
        for i, s in enumerate(plan.sections)
    )

    units: dict[str, OrganizationUnit] = {}
    if organization is not None:
        names = {n.unit for n, _ in plan.walk() if n.unit}
        existing = {
            u.name: u for u in OrganizationUnit.objects.filter(organization=organization, name__in=names)
        }
        missing = [
            OrganizationUnit(organization=organization, name=name) for name in sorted(names - set(existing))
        ]
        # SQLite and PostgreSQL return the new ids from bulk inserts; the node tree below relies on it too.
        OrganizationUnit.objects.bulk_create(missing)
        units = {**existing, **{u.name: u for u in missing}}

    # Insert the tree level by level so every parent has its id before its children.
    level_nodes: list[tuple[core.Node, Node | None, int]] = [(n, None, i) for i, n in enumerate(plan.nodes)]
    pairs: list[tuple[core.Node, Node]] = []
    while level_nodes:
        rows = []
        for node, parent, order in level_nodes:
            start, end = text_bounds(node.schedule)
            rows.append(
                Node(
                    plan=stored,
                    parent=parent,
                    order=order,
                    level=node.level,
                    title=node.title,
                    description=node.description,
                    unit_name=node.unit,
                    org_unit=units.get(node.unit or ""),
                    responsible=node.responsible,
                    schedule=node.schedule,
                    schedule_start=start,
                    schedule_end=end,
                    binding=node.binding,
                    phase=node.phase or "",
                    notes=node.notes,
                    extra=node.extra,
                )
            )
        Node.objects.bulk_create(rows)
        pairs.extend(zip((n for n, _, _ in level_nodes), rows, strict=True))
        level_nodes = [
            (child, row, i)
            for (node, _, _), row in zip(level_nodes, rows, strict=True)
            for i, child in enumerate(node.children)
        ]

    indicator_pairs: list[tuple[core.Indicator, Indicator]] = []
    milestones, progress = [], []
    for node, row in pairs:
        for i, indicator in enumerate(node.indicators):
            indicator_pairs.append(
                (
                    indicator,
                    Indicator(
                        node=row,
                        order=i,
                        name=indicator.name,
                        unit=indicator.unit,
                        source=indicator.source,
                        description=indicator.description,
                        extra=indicator.extra,
                    ),
                )
            )
        for i, m in enumerate(node.milestones):
            _, due_end = text_bounds(m.due)
            milestones.append(
                Milestone(
                    node=row, order=i, title=m.title, due=m.due, due_date=due_end, done=m.done, extra=m.extra
                )
            )
        for i, p in enumerate(node.progress):
            progress.append(
                ProgressEntry(
                    node=row,
                    order=i,
                    period=p.period,
                    text=p.text,
                    phase=p.phase or "",
                    verdict=p.verdict or "",
                    extra=p.extra,
                )
            )
    Indicator.objects.bulk_create(row for _, row in indicator_pairs)
    Milestone.objects.bulk_create(milestones)
    ProgressEntry.objects.bulk_create(progress)

    measures: list[Measure] = []
    for indicator, row in indicator_pairs:
        rows = [measure_row(indicator.baseline, Measure.Role.BASELINE, 0)] if indicator.baseline else []
        for role, items in (
            (Measure.Role.BASELINE_SERIES, indicator.baseline_series),
            (Measure.Role.TARGET, indicator.targets),
            (Measure.Role.ACTUAL, indicator.actuals),
        ):
            rows.extend(measure_row(m, role, i) for i, m in enumerate(items))
        for measure in rows:
            measure.indicator = row
        measures.extend(rows)
    Measure.objects.bulk_create(measures, batch_size=2000)
    return stored


def load_core_plan(plan: Plan) -> core.Plan:
    """The stored plan as a core plan, read with a fixed number of queries whatever its size.

    Every core Node and Indicator carries its row's id in `key`, so callers can
    map evaluation results back to rows.
    """
    return load_core_plans([plan])[plan.pk]


def load_core_plans(plans: Sequence[Plan]) -> dict[int, core.Plan]:
    """Several stored plans as core plans by plan id, read with the same fixed number of queries as one.

    Pages that list plans call this once instead of `load_core_plan` per plan,
    so their query count does not grow with the number of plans.
    """
    if not plans:
        return {}
    ids = [plan.pk for plan in plans]
    # Ordered as the single-plan reader always ordered them; grouping by plan below keeps that order.
    nodes = list(Node.objects.filter(plan_id__in=ids).order_by("parent_id", "order", "id"))
    indicators = list(Indicator.objects.filter(node__plan_id__in=ids).order_by("node_id", "order", "id"))
    measures = list(
        Measure.objects.filter(indicator__node__plan_id__in=ids).order_by("indicator_id", "order", "id")
    )
    milestones = list(Milestone.objects.filter(node__plan_id__in=ids).order_by("node_id", "order", "id"))
    progress = list(ProgressEntry.objects.filter(node__plan_id__in=ids).order_by("node_id", "order", "id"))
    sections = list(Section.objects.filter(plan_id__in=ids).order_by("order", "id"))
    organizations = _organization_names(plans)

    by_indicator: dict[int, dict[str, list[Measure]]] = defaultdict(lambda: defaultdict(list))
    for m in measures:
        by_indicator[m.indicator_id][m.role].append(m)
    core_indicators: dict[int, list[core.Indicator]] = defaultdict(list)
    for row in indicators:
        roles = by_indicator[row.pk]
        baseline = roles.get(Measure.Role.BASELINE)
        core_indicators[row.node_id].append(
            core.Indicator(
                name=row.name,
                unit=row.unit,
                source=row.source,
                baseline=core_measure(baseline[0]) if baseline else None,
                targets=[core_measure(m) for m in roles.get(Measure.Role.TARGET, [])],
                actuals=[core_measure(m) for m in roles.get(Measure.Role.ACTUAL, [])],
                baseline_series=[core_measure(m) for m in roles.get(Measure.Role.BASELINE_SERIES, [])],
                description=row.description,
                extra=row.extra,
                key=row.pk,
            )
        )
    core_milestones: dict[int, list[core.Milestone]] = defaultdict(list)
    for m in milestones:
        core_milestones[m.node_id].append(
            core.Milestone(title=m.title, due=m.due, done=m.done, extra=m.extra)
        )
    core_progress: dict[int, list[core.Progress]] = defaultdict(list)
    for p in progress:
        core_progress[p.node_id].append(
            core.Progress(
                text=p.text, period=p.period, phase=p.phase or None, verdict=p.verdict or None, extra=p.extra
            )
        )

    built: dict[int, core.Node] = {}
    for row in nodes:
        built[row.pk] = core.Node(
            level=row.level,
            title=row.title,
            unit=row.unit_name,
            description=row.description,
            responsible=list(row.responsible),
            schedule=row.schedule,
            indicators=core_indicators[row.pk],
            milestones=core_milestones[row.pk],
            progress=core_progress[row.pk],
            notes=row.notes,
            binding=row.binding,
            phase=row.phase or None,
            extra=row.extra,
            key=row.pk,
        )
    roots: dict[int, list[core.Node]] = defaultdict(list)
    for row in nodes:  # ordered by parent, then order: children arrive in order
        if row.parent_id is None:
            roots[row.plan_id].append(built[row.pk])
        else:
            built[row.parent_id].children.append(built[row.pk])
    core_sections: dict[int, list[core.Section]] = defaultdict(list)
    for s in sections:
        core_sections[s.plan_id].append(core.Section(title=s.title, text=s.text, extra=s.extra))

    return {
        plan.pk: core.Plan(
            title=plan.title,
            organization=organizations.get(plan.pk),
            period=plan.period,
            levels=list(plan.levels),
            sections=core_sections[plan.pk],
            nodes=roots[plan.pk],
            kind=plan.kind or None,
            tolerance=plan.tolerance,
            state_scale=plan.state_scale,
            extra=plan.extra,
            key=plan.pk,
        )
        for plan in plans
    }


def _organization_names(plans: Sequence[Plan]) -> dict[int, str]:
    """Each plan's organisation name by plan id, with one query for those not read with select_related.

    The organisations fetched are cached on the plans, as reading `plan.organization`
    one plan at a time did, so callers that show it later do not query again.
    """
    field = Plan._meta.get_field("organization")
    missing = {plan.organization_id for plan in plans if plan.organization_id and not field.is_cached(plan)}
    if missing:
        fetched = Organization.objects.in_bulk(missing)
        for plan in plans:
            if plan.organization_id in fetched and not field.is_cached(plan):
                field.set_cached_value(plan, fetched[plan.organization_id])
    return {plan.pk: plan.organization.name for plan in plans if plan.organization_id}
