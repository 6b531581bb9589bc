"""Goal-table rows to plan nodes: Tavoite > Toimenpide, with the row's fields on the actions.

A row's schedule and responsible cells apply to each of its actions. Its
evaluation items are split into indicators (one per sentence) and given to the
action whose words they share; when the words do not tell, they go in order to
actions that have none yet, and a warning says so.
"""

from __future__ import annotations

from seuranta.core.model import Indicator, Node
from seuranta.core.parsing.document import ImportWarning
from seuranta.core.parsing.families.goal_table_cells import Row
from seuranta.core.parsing.families.goal_table_levels import (
    indicator_warnings,
    parse_indicator,
    split_evaluations,
)
from seuranta.core.parsing.families.goal_table_text import fold, overlap

GOAL, ACTION = "Tavoite", "Toimenpide"


def _assign(
    indicators: list[tuple[Indicator, str]],
    actions: list[Node],
    path: tuple[str, ...],
    warnings: list[ImportWarning],
) -> None:
    """Give each indicator to the action it shares most words with."""
    taken: set[int] = set()
    last = 0
    for indicator, text in indicators:
        scores = [overlap(text, action.title) for action in actions]
        best = max(scores)
        if best > 0 and scores.count(best) == 1:
            index = scores.index(best)
        else:
            free = [i for i in range(len(actions)) if i not in taken and i >= last]
            index = free[0] if free else last
            warnings.append(
                ImportWarning(
                    "ambiguous_column",
                    "Mittarin kuuluminen toimenpiteeseen on päätelty järjestyksestä; tarkista, "
                    "kuuluuko se tälle toimenpiteelle.",
                    path=(*path, actions[index].title),
                    indicator=indicator.name,
                    field="indicators",
                )
            )
        actions[index].indicators.append(indicator)
        taken.add(index)
        last = index


def row_node(
    row: Row,
    parent_path: tuple[str, ...],
    warnings: list[ImportWarning],
    goal_level: str = GOAL,
    action_level: str = ACTION,
) -> list[Node]:
    """The nodes of one row: a goal with its actions (or bare actions when the goal cell is empty)."""
    goal = Node(level=goal_level, title=fold(row.goal)) if row.goal else None
    path = (*parent_path, goal.title) if goal else parent_path
    if goal and "goal" in row.guessed:
        warnings.append(
            ImportWarning(
                "ambiguous_column",
                "Tavoitteen teksti on koottu useammasta solusta; tarkista otsikko.",
                path=path,
                field="title",
            )
        )
    actions = _actions(row, path, warnings, action_level)
    parsed = _evaluations(row, path, warnings)
    if actions:
        if len(actions) == 1:
            actions[0].indicators.extend(i for i, _ in parsed)
        elif parsed:
            _assign(parsed, actions, path, warnings)
    elif goal:
        goal.indicators.extend(i for i, _ in parsed)
    if goal:
        goal.children = actions
        return [goal]
    if actions:
        warnings.append(
            ImportWarning(
                "missing_goal",
                "Toimenpiteille ei löytynyt tavoitetta; ne on liitetty ylemmän tason alle.",
                path=parent_path,
                field="level",
            )
        )
    return actions


def _actions(row: Row, path: tuple[str, ...], warnings: list[ImportWarning], action_level: str) -> list[Node]:
    """The row's actions with its schedules and responsible names."""
    actions = [Node(level=action_level, title=fold(text)) for text in row.actions]
    schedules = [fold(s) for s in row.schedules]
    for i, action in enumerate(actions):
        if schedules:
            action.schedule = schedules[i] if len(schedules) == len(actions) else schedules[0]
        action.responsible = list(dict.fromkeys(row.responsible))
    if len(schedules) > 1 and len(schedules) != len(actions):
        warnings.append(
            ImportWarning(
                "ambiguous_column",
                "Rivillä on useita aikatauluja; vain ensimmäinen on liitetty toimenpiteisiin.",
                path=path,
                field="schedule",
            )
        )
    if row.meta_first and (schedules or row.responsible):
        warnings.append(
            ImportWarning(
                "ambiguous_column",
                "Aikataulu tai vastuutaho oli tekstissä ennen riviä; se on liitetty tähän riviin päättelemällä.",
                path=path,
                field="schedule" if schedules else "responsible",
            )
        )
    return actions


def _evaluations(
    row: Row, path: tuple[str, ...], warnings: list[ImportWarning]
) -> list[tuple[Indicator, str]]:
    """The indicators of the row's evaluation cells, each with the text it was read from."""
    parsed: list[tuple[Indicator, str]] = []
    for cell in row.evaluations:
        items = split_evaluations(cell)
        if len(items) > 1:
            warnings.append(
                ImportWarning(
                    "split_indicator",
                    "Arviointisolu on jaettu virkkeittäin useaksi mittariksi; tarkista jako.",
                    path=path,
                    field="indicators",
                )
            )
        for item in items:
            indicator, doubts = parse_indicator(item)
            parsed.append((indicator, item))
            warnings.extend(indicator_warnings(indicator, doubts, path))
    if "evaluation" in row.guessed:
        warnings.append(
            ImportWarning(
                "ambiguous_column",
                "Solu on tulkittu arvioinniksi sen leveyden perusteella; tarkista.",
                path=path,
                field="indicators",
            )
        )
    return parsed
