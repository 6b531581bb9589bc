"""A node's fields filled by role: one place for labelled lines and table cells alike.

A role is a lexicon role ("indicator", "baseline", "target", "actual", "source",
"responsible", "schedule", "milestone", "progress", "description"). Measures go
to the node's last indicator; a baseline or target with no indicator before it
measures the node itself, so it gets an indicator named after the node.
"""

from __future__ import annotations

import re

from seuranta.core.measures import parse_levels, parse_measure, parse_unit
from seuranta.core.model import Indicator, Milestone, Node, Progress
from seuranta.core.parsing.text import fold_whitespace
from seuranta.core.periods import parse_period

_SPLIT_PEOPLE_RE = re.compile(r"\s*[;,]\s*")


def last_indicator(node: Node) -> Indicator:
    if not node.indicators:
        node.indicators.append(Indicator(name=node.title))
    return node.indicators[-1]


def add_responsible(node: Node, value: str) -> None:
    for person in _SPLIT_PEOPLE_RE.split(value):
        if person and person not in node.responsible:
            node.responsible.append(person)


def set_field(
    node: Node, role: str, value: str, period: str | None = None, indicator: Indicator | None = None
) -> None:
    """Put `value` into the field `role` names; measures into `indicator` or the node's last one."""
    value = fold_whitespace(value)
    if not value:
        return
    if role == "indicator":
        node.indicators.append(Indicator(name=value, unit=parse_unit(value)))
    elif role in ("baseline", "target", "actual", "source"):
        target = indicator or last_indicator(node)
        if role == "baseline":
            target.baseline = parse_measure(value, period=period)
        elif role == "target":
            target.targets.extend(parse_levels(value, period=period))
        elif role == "actual":
            target.actuals.extend(parse_levels(value, period=period))
        else:
            target.source = value
    elif role == "responsible":
        add_responsible(node, value)
    elif role == "schedule":
        node.schedule = value
    elif role == "milestone":
        node.milestones.append(Milestone(title=value, due=parse_period(value)))
    elif role == "progress":
        node.progress.append(Progress(text=value, period=period))
    elif role == "description":
        node.description = f"{node.description} {value}" if node.description else value
