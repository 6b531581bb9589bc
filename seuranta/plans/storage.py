"""Storing plans of the seuranta-plan/1 format (`seuranta.core.model.Plan`) in the database, and reading them back.

`seuranta.core.interchange` reads and writes the format as a document; this module is its
database side.

`store_plan` writes a whole plan in one transaction with bulk inserts;
`load_core_plans` reads plans back with a fixed number of queries whatever the
plans' size and number (`load_core_plan` reads one). Export then import then
export gives identical JSON.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from django.db import transaction

from seuranta.core import model as core
from seuranta.core.interchange import InvalidDocument, validate_document
from seuranta.core.translations import DEFAULT_PRIMARY, primary_of
from seuranta.plans.cascade import goal_refs, link_contributions, stored_extra
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


def measure_row(measure: core.Measure, role: str, order: int) -> Measure:
    return Measure(
        role=role,
        order=order,
        text=measure.text,
        kind=measure.kind,
        value=measure.value,
        label=measure.label,
        extra=measure.extra,
        **Measure.with_derived({"period": measure.period}),
    )


@transaction.atomic
def store_plan(
    plan: core.Plan,
    *,
    organization: Organization | None = None,
    state: str = Plan.State.DRAFT,
    units: Mapping[str, OrganizationUnit] | None = None,
    create_units: bool = False,
) -> Plan:
    """Create a stored plan from a core plan; the organisation defaults to the one the document names.

    Each node keeps its unit as written (`unit_name`); `units` maps a written name to the
    organisation's unit the node gets (the import review's choices; a name left out gets none).
    Without it, a written name is linked to the active unit of the same name (`unit_key`), and
    a missing one is created only with `create_units` (the demo; the CLI's --create-units).

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
    stored = _create_plan_row(plan, organization, state)
    Section.objects.bulk_create(
        Section(plan=stored, order=i, title=s.title, text=s.text, extra=s.extra)
        for i, s in enumerate(plan.sections)
    )
    if units is None:
        units = linked_units(plan, organization, create=create_units)
    pairs = _store_nodes(plan, stored, units)
    link_contributions(pairs, stored)
    indicator_pairs = _store_node_content(pairs)
    _store_measures(indicator_pairs)
    return stored


def _create_plan_row(plan: core.Plan, organization: Organization | None, state: str) -> Plan:
    return Plan.objects.create(
        title=plan.title,
        organization=organization,
        kind=plan.kind or "",
        **Plan.with_derived({"period": plan.period}),
        levels=plan.levels,
        state=state,
        tolerance=plan.tolerance,
        state_scale=plan.state_scale,
        primary_language=primary_of(plan),
        required_languages=list(plan.required_languages),
        translations=plan.translations,
        extra=plan.extra,
    )


def unit_key(name: str) -> str:
    """A unit's name as compared: case and spacing do not make another unit ("Perusopetus " = "perusopetus")."""
    return " ".join(name.split()).casefold()


def linked_units(
    plan: core.Plan, organization: Organization | None, *, create: bool = False
) -> dict[str, OrganizationUnit]:
    """The organisation's active units named by the plan's nodes, by written name; with `create`, the
    names no unit has become top-level units (one query to read, one to create)."""
    if organization is None:
        return {}
    names = {n.unit for n, _ in plan.walk() if n.unit and n.unit.strip()}
    by_key: dict[str, OrganizationUnit] = {}
    taken: set[str] = set()
    for unit in OrganizationUnit.objects.filter(organization=organization).order_by("-active", "pk"):
        taken.add(unit_key(unit.name))
        if unit.active:
            by_key.setdefault(unit_key(unit.name), unit)
    missing: dict[str, OrganizationUnit] = {}
    if create:
        for name in sorted(names):
            key = unit_key(name)
            if key not in taken and key not in missing:
                missing[key] = OrganizationUnit(organization=organization, name=" ".join(name.split())[:200])
        # SQLite and PostgreSQL return the new ids from bulk inserts; the node tree relies on it too.
        OrganizationUnit.objects.bulk_create(missing.values())
    found = {**by_key, **missing}
    return {name: found[unit_key(name)] for name in names if unit_key(name) in found}


def _node_row(
    stored: Plan, node: core.Node, parent: Node | None, order: int, units: Mapping[str, OrganizationUnit]
) -> Node:
    return Node(
        plan=stored,
        parent=parent,
        order=order,
        level=node.level,
        title=node.title,
        description=node.description,
        unit_name=node.unit,
        org_unit=units.get(node.unit or ""),
        responsible=node.responsible,
        **Node.with_derived({"schedule": node.schedule}),
        binding=node.binding,
        phase=node.phase or "",
        notes=node.notes,
        translations=node.translations,
        extra=node.extra,
    )


def _store_nodes(
    plan: core.Plan, stored: Plan, units: Mapping[str, OrganizationUnit]
) -> list[tuple[core.Node, Node]]:
    """The plan's tree inserted level by level, so every parent has its id before its children."""
    level_nodes: list[tuple[core.Node, Node | None, int]] = [(n, None, i) for i, n in enumerate(plan.nodes)]
    pairs: list[tuple[core.Node, Node]] = []
    while level_nodes:
        rows = [_node_row(stored, node, parent, order, units) for node, parent, order in level_nodes]
        Node.objects.bulk_create(rows)
        pairs.extend(zip((n for n, _, _ in level_nodes), rows, strict=True))
        level_nodes = [
            (child, row, i)
            for (node, _, _), row in zip(level_nodes, rows, strict=True)
            for i, child in enumerate(node.children)
        ]
    return pairs


def _store_node_content(pairs: list[tuple[core.Node, Node]]) -> list[tuple[core.Indicator, Indicator]]:
    """Each node's indicators, milestones and progress texts; the indicators with their rows."""
    indicator_pairs: list[tuple[core.Indicator, Indicator]] = []
    milestones: list[Milestone] = []
    progress: list[ProgressEntry] = []
    for node, row in pairs:
        indicator_pairs.extend(
            (
                indicator,
                Indicator(
                    node=row,
                    order=i,
                    name=indicator.name,
                    unit=indicator.unit,
                    source=indicator.source,
                    description=indicator.description,
                    translations=indicator.translations,
                    extra=indicator.extra,
                ),
            )
            for i, indicator in enumerate(node.indicators)
        )
        for i, m in enumerate(node.milestones):
            milestones.append(
                Milestone(
                    node=row,
                    order=i,
                    title=m.title,
                    done=m.done,
                    translations=m.translations,
                    extra=m.extra,
                    **Milestone.with_derived({"due": m.due}),
                )
            )
        progress.extend(
            ProgressEntry(
                node=row,
                order=i,
                period=p.period,
                text=p.text,
                phase=p.phase or "",
                verdict=p.verdict or "",
                translations=p.translations,
                extra=p.extra,
            )
            for i, p in enumerate(node.progress)
        )
    Indicator.objects.bulk_create(row for _, row in indicator_pairs)
    Milestone.objects.bulk_create(milestones)
    ProgressEntry.objects.bulk_create(progress)
    return indicator_pairs


def _store_measures(indicator_pairs: list[tuple[core.Indicator, Indicator]]) -> None:
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
    organizations = _organization_names(plans)
    roots = _core_trees(ids)
    core_sections: dict[int, list[core.Section]] = defaultdict(list)
    sections = Section.objects.filter(plan_id__in=ids).order_by("order", "id")
    for plan_id, title, text, extra in sections.values_list("plan_id", "title", "text", "extra"):
        core_sections[plan_id].append(core.Section(title=title, text=text, extra=extra))
    return {
        plan.pk: _core_plan(plan, organizations.get(plan.pk), core_sections[plan.pk], roots[plan.pk])
        for plan in plans
    }


def _core_plan(plan: Plan, organization: str | None, sections: list, nodes: list[core.Node]) -> core.Plan:
    return core.Plan(
        title=plan.title,
        organization=organization,
        period=plan.period,
        levels=list(plan.levels),
        sections=sections,
        nodes=nodes,
        kind=plan.kind or None,
        tolerance=plan.tolerance,
        state_scale=plan.state_scale,
        # Finnish, the default, is left unstated so documents without the key round-trip unchanged.
        primary_language=plan.primary_language if plan.primary_language != DEFAULT_PRIMARY else None,
        required_languages=list(plan.required_languages or []),
        translations=plan.translations or {},
        extra=plan.extra,
        key=plan.pk,
    )


def load_core_part(plan: Plan, node_id: int) -> core.Plan | None:
    """The part of the stored plan a node's page shows: the node with everything below it, and the line
    of its ancestors (each with only the next one as its child); the plan's settings, no sections.
    None when the node is not in the plan.

    Evaluating it gives the node and everything below it the same results as evaluating the whole
    plan (a node's status is rolled up from below it); the ancestors' results are not the plan's.
    A fixed number of queries; the first reads only the plan's node ids and parents.
    """
    parents = dict(Node.objects.filter(plan=plan).values_list("pk", "parent_id"))
    if node_id not in parents:
        return None
    below: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent in parents.items():
        below[parent].append(pk)
    wanted: set[int] = set()
    todo = [node_id]
    while todo:
        pk = todo.pop()
        wanted.add(pk)
        todo.extend(below[pk])
    up: int | None = parents[node_id]
    while up is not None and up not in wanted:
        wanted.add(up)
        up = parents.get(up)
    roots = _core_trees([plan.pk], sorted(wanted))
    return _core_plan(plan, _organization_names([plan]).get(plan.pk), [], roots[plan.pk])


def _of(model, ids: list[int], node_ids: list[int] | None, plan_field: str = "node__plan_id"):
    """The rows of the plans `ids`, or of the nodes `node_ids` when given (by their ids alone: a join with
    the plan besides makes the database choose a slow plan)."""
    if node_ids is None:
        return model.objects.filter(**{f"{plan_field}__in": ids})
    return model.objects.filter(**{"pk__in" if model is Node else "node_id__in": node_ids})


class _NodeRow(NamedTuple):
    """The values of a node row that its core node is built from (plain values: no model instances)."""

    pk: int
    plan_id: int
    parent_id: int | None
    level: str
    title: str
    unit_name: str | None
    description: str | None
    responsible: list
    schedule: str | None
    notes: Any
    binding: bool
    phase: str
    contributes_to_id: int | None
    translations: dict
    extra: dict


def _core_trees(ids: list[int], node_ids: list[int] | None = None) -> dict[int, list[core.Node]]:
    """The top-level core nodes of each plan by plan id, with their content and children; only the nodes
    `node_ids` when given (a part of one plan that holds each of its nodes' parents)."""
    # Ordered as the single-plan reader always ordered them; grouping by plan below keeps that order.
    query = _of(Node, ids, node_ids, "plan_id").order_by("parent_id", "order", "id")
    nodes = [_NodeRow._make(values) for values in query.values_list(*_NodeRow._fields)]
    refs = goal_refs(nodes)
    indicators = _core_indicators(ids, node_ids)
    milestones: dict[int, list[core.Milestone]] = defaultdict(list)
    for node_id, title, due, done, translations, extra in (
        _of(Milestone, ids, node_ids)
        .order_by("node_id", "order", "id")
        .values_list("node_id", "title", "due", "done", "translations", "extra")
    ):
        milestones[node_id].append(
            core.Milestone(title=title, due=due, done=done, translations=translations, extra=extra)
        )
    progress: dict[int, list[core.Progress]] = defaultdict(list)
    for node_id, text, period, phase, verdict, translations, extra in (
        _of(ProgressEntry, ids, node_ids)
        .order_by("node_id", "order", "id")
        .values_list("node_id", "text", "period", "phase", "verdict", "translations", "extra")
    ):
        progress[node_id].append(
            core.Progress(
                text=text,
                period=period,
                phase=phase or None,
                verdict=verdict or None,
                translations=translations,
                extra=extra,
            )
        )
    built = {row.pk: _core_node(row, indicators, milestones, progress, refs) for row in nodes}
    roots: dict[int, list[core.Node]] = defaultdict(list)
    for row in nodes:  # ordered by parent, then order: children arrive in order
        if row.parent_id is None:
            roots[row.plan_id].append(built[row.pk])
        else:
            built[row.parent_id].children.append(built[row.pk])
    return roots


def _core_node(
    row: _NodeRow,
    indicators: Mapping[int, list[core.Indicator]],
    milestones: Mapping[int, list[core.Milestone]],
    progress: Mapping[int, list[core.Progress]],
    refs: Mapping[int, core.GoalRef],
) -> core.Node:
    return core.Node(
        level=row.level,
        title=row.title,
        unit=row.unit_name,
        description=row.description,
        responsible=list(row.responsible),
        schedule=row.schedule,
        indicators=indicators.get(row.pk, []),
        milestones=milestones.get(row.pk, []),
        progress=progress.get(row.pk, []),
        notes=row.notes,
        binding=row.binding,
        phase=row.phase or None,
        contributes_to=refs.get(row.pk),
        translations=row.translations,
        extra=stored_extra(row.extra),
        key=row.pk,
    )


_MEASURE_FIELDS = ("indicator_id", "role", "text", "kind", "value", "period", "label", "extra")


def _core_indicators(ids: list[int], node_ids: list[int] | None = None) -> dict[int, list[core.Indicator]]:
    """The plans' core indicators with their measures, by node id (of the nodes `node_ids` when given)."""
    rows = list(
        _of(Indicator, ids, node_ids)
        .order_by("node_id", "order", "id")
        .values_list("pk", "node_id", "name", "unit", "source", "description", "translations", "extra")
    )
    # A part's measures by their indicators' ids, which the database finds by index without a join.
    measures = (
        Measure.objects.filter(indicator__node__plan_id__in=ids)
        if node_ids is None
        else Measure.objects.filter(indicator_id__in=[row[0] for row in rows])
    )
    by_indicator: dict[int, dict[str, list[core.Measure]]] = defaultdict(lambda: defaultdict(list))
    for indicator_id, role, text, kind, value, period, label, extra in measures.order_by(
        "indicator_id", "order", "id"
    ).values_list(*_MEASURE_FIELDS):
        by_indicator[indicator_id][role].append(
            core.Measure(text=text, kind=kind, value=value, period=period, label=label, extra=extra)
        )
    core_indicators: dict[int, list[core.Indicator]] = defaultdict(list)
    for pk, node_id, name, unit, source, description, translations, extra in rows:
        roles = by_indicator.get(pk, {})
        baseline = roles.get(Measure.Role.BASELINE)
        core_indicators[node_id].append(
            core.Indicator(
                name=name,
                unit=unit,
                source=source,
                baseline=baseline[0] if baseline else None,
                targets=roles.get(Measure.Role.TARGET, []),
                actuals=roles.get(Measure.Role.ACTUAL, []),
                baseline_series=roles.get(Measure.Role.BASELINE_SERIES, []),
                description=description,
                translations=translations,
                extra=extra,
                key=pk,
            )
        )
    return core_indicators


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
    return {plan.pk: plan.organization.name for plan in plans if plan.organization is not None}
