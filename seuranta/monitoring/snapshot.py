"""The frozen record of a closed round: values, texts and statuses at closing time.

The snapshot is plain JSON on the round, so later edits to the plan do not
change what the round reported. It holds what was submitted into the plan;
drafts on the entries are left out, and `unsubmitted` names the entries that
were not submitted at closing. Built with a fixed number of queries.

`plan` holds the whole plan as it was at closing (seuranta-plan/1), so the round's report
is built from it and never changes (seuranta.reports.building). Rounds closed before it
was kept have no `plan`; their report falls back to the live plan.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from seuranta.common.people import person_name
from seuranta.core.evaluation import PlanEvaluation, evaluate_plan
from seuranta.core.model import Node as CoreNode
from seuranta.monitoring.models import ReportingRound, RoundEntry
from seuranta.plans.models import Measure, ProgressEntry
from seuranta.plans.storage import load_core_plan


def _period_values(
    reporting_round: ReportingRound, node_ids: list[int]
) -> tuple[dict[int, Measure], dict[int, ProgressEntry]]:
    """The round period's actual of each indicator (sub-series on one line) and first progress entry of each node."""
    actuals: dict[int, Measure] = {}
    for m in Measure.objects.filter(
        indicator__node_id__in=node_ids, role=Measure.Role.ACTUAL, period=reporting_round.period
    ).order_by("order", "id"):
        if m.label and m.indicator_id in actuals:  # sub-series: one line "ala-aste: 17,0; yläaste: 19,5"
            first = actuals[m.indicator_id]
            actuals[m.indicator_id] = Measure(text=f"{_labelled(first)}; {_labelled(m)}", value=None)
        else:
            actuals.setdefault(m.indicator_id, m)
    progress: dict[int, ProgressEntry] = {}
    for p in ProgressEntry.objects.filter(node_id__in=node_ids, period=reporting_round.period).order_by(
        "order", "id"
    ):
        progress.setdefault(p.node_id, p)
    return actuals, progress


def _indicator_rows(
    core_node: CoreNode, evaluation: PlanEvaluation, actuals: dict[int, Measure]
) -> list[dict[str, Any]]:
    """A node's indicators in the snapshot: the period's value and the evaluated status."""
    indicators = []
    for indicator in core_node.indicators:
        result = evaluation.indicator(indicator)
        actual = actuals.get(indicator.key)
        indicators.append(
            {
                "id": indicator.key,
                "name": indicator.name,
                "unit": indicator.unit,
                "value_text": actual.text if actual else None,
                "value": actual.value if actual else None,
                "status": result.status,
                "reason": result.reason,
            }
        )
    return indicators


def build_snapshot(reporting_round: ReportingRound, *, on: date, lang: str = "fi") -> dict[str, Any]:
    plan = reporting_round.plan
    core_plan = load_core_plan(plan)
    evaluation = evaluate_plan(core_plan, on, lang)
    core_nodes = {node.key: (node, ancestors) for node, ancestors in core_plan.walk()}

    entries = list(
        RoundEntry.objects.filter(round=reporting_round)
        .select_related("node")
        .prefetch_related("node__responsible_users")
        .order_by("order", "id")
    )
    actuals, progress = _period_values(reporting_round, [e.node_id for e in entries])

    rows = []
    counts: dict[str, int] = defaultdict(int)
    for entry in entries:
        core_node, ancestors = core_nodes.get(entry.node_id, (None, ()))
        node_eval = evaluation.node(core_node) if core_node is not None else None
        indicators = _indicator_rows(core_node, evaluation, actuals) if core_node is not None else []
        report = progress.get(entry.node_id)
        status = node_eval.status if node_eval else None
        counts[status or "none"] += 1
        rows.append(
            {
                "entry_id": entry.pk,
                "node_id": entry.node_id,
                "title": entry.node.title,
                "level": entry.node.level,
                "path": [a.title for a in ancestors],
                "unit": entry.node.unit_name,
                "state": entry.state,
                "submitted": entry.state == RoundEntry.State.SUBMITTED,
                "draft_left_out": bool(entry.draft),
                "responsible": [person_name(u) for u in entry.node.responsible_users.all()],
                "text": report.text if report else "",
                "phase": report.phase if report else "",
                "verdict": report.verdict if report else "",
                "status": status,
                "reason": node_eval.reason if node_eval else "",
                "indicators": indicators,
            }
        )
    unsubmitted = [row["entry_id"] for row in rows if not row["submitted"]]
    return {
        "on": on.isoformat(),
        "lang": lang,
        "period": reporting_round.period,
        "plan_status": evaluation.status,
        "plan_summary": evaluation.reason,
        "status_counts": dict(counts),
        "total": len(entries),
        "submitted": len(entries) - len(unsubmitted),
        "unsubmitted": unsubmitted,
        "entries": rows,
        "plan": core_plan.to_dict(),
    }


def _labelled(measure: Measure) -> str:
    """A sub-series actual as a line of the snapshot: "ala-aste: 17,0" (its label once)."""
    if not measure.label or measure.text.casefold().startswith(measure.label.casefold()):
        return measure.text
    return f"{measure.label}: {measure.text}"
