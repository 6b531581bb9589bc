"""Bulk values from a table: rows to value items with a Finnish error per bad row, a preview that
runs the real write and rolls it back, and the confirmed write.

The preview and the confirmation call the same `store_values`, so what the preview promises is
what the confirmation does (or refuses, when a round closed meanwhile); nothing is kept between
them except the cleaned items in the person's session.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from seuranta.core.periods import period_bounds
from seuranta.plans.models import Indicator, Plan
from seuranta.values.files import parse_number
from seuranta.values.writing import Outcome, ValueItem, ValuesRefused, store_values

SESSION_KEY = "values_pending"


@dataclass
class Checked:
    """The file's rows read: the items to write (with their line numbers) and errors by line."""

    items: list[ValueItem] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)

    def add_refusal(self, refused: ValuesRefused) -> None:
        self.errors += [(self.lines[n], message) for n, _status, message in refused.problems]
        self.errors.sort()

    def to_session(self, plan: Plan, kind: str) -> dict:
        return {"plan": plan.pk, "kind": kind, "lines": self.lines, "items": [asdict(i) for i in self.items]}

    @classmethod
    def from_session(cls, data: dict) -> Checked:
        return cls(items=[ValueItem(**i) for i in data["items"]], lines=list(data["lines"]))


def _norm(text) -> str:
    return " ".join(str(text).split()).casefold()


def plan_indicators(plan: Plan) -> tuple[dict[int, Indicator], dict[str, list[Indicator]]]:
    """The plan's indicators by id and by name (names normalised; a name may be shared)."""
    by_id = {i.pk: i for i in Indicator.objects.filter(node__plan=plan).order_by("pk")}
    by_name: dict[str, list[Indicator]] = {}
    for indicator in by_id.values():
        by_name.setdefault(_norm(indicator.name), []).append(indicator)
    return by_id, by_name


def find_indicator(text, by_id: dict, by_name: dict) -> Indicator | str:
    """The indicator a cell names by id or by name, or the message why it names none."""
    if text in ("", None):
        return _("The indicator is missing.")
    number = parse_number(text)
    if number is not None and number.is_integer() and int(number) in by_id:
        return by_id[int(number)]
    found = by_name.get(_norm(text), [])
    if len(found) > 1:
        return _('Several indicators of the plan are called "%(name)s": use the id.') % {"name": text}
    if not found:
        return _('The plan has no indicator "%(name)s".') % {"name": text}
    return found[0]


def period_text(cell) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if hasattr(cell, "isoformat"):
        return cell.isoformat()[:10]
    return str(cell or "").strip()


def _row_item(row: dict, by_id: dict, by_name: dict) -> ValueItem | str:
    indicator = find_indicator(row.get("indicator"), by_id, by_name)
    if isinstance(indicator, str):
        return indicator
    period = period_text(row.get("period"))
    if not period:
        return _("The period is missing.")
    if period_bounds(period) is None:
        return _('Unknown period "%(period)s": use for example 2026, 2026-Q1, 2026-T1 or 2026-03.') % {
            "period": period
        }
    value = parse_number(row.get("value"))
    if value is None:
        return _('The value "%(value)s" is not a number.') % {"value": row.get("value", "")}
    label = str(row.get("label") or "").strip() or None
    source = str(row.get("source") or "").strip() or None
    note = str(row.get("note") or "").strip() or None
    return ValueItem(indicator.pk, period, value, label, source, note)


def check_rows(plan: Plan, rows: list[tuple[int, dict]]) -> Checked:
    """Each row as a value of one of the plan's indicators, or an error on its line."""
    by_id, by_name = plan_indicators(plan)
    checked = Checked(names={pk: i.name for pk, i in by_id.items()})
    seen: dict[tuple, int] = {}
    for line, row in rows:
        item = _row_item(row, by_id, by_name)
        if isinstance(item, str):
            checked.errors.append((line, item))
            continue
        key = (item.indicator, period_bounds(item.period), (item.label or "").casefold())
        if key in seen:
            checked.errors.append(
                (line, _("The same value is already on line %(line)d.") % {"line": seen[key]})
            )
            continue
        seen[key] = line
        checked.items.append(item)
        checked.lines.append(line)
    if not rows:
        checked.errors.append((1, _("The file has no values.")))
    return checked


class _RolledBack(Exception):
    def __init__(self, outcomes: list[Outcome]):
        self.outcomes = outcomes


def preview(checked: Checked, user, plan: Plan) -> Checked:
    """What the write would do (created / updated / unchanged per item), written and rolled back."""
    if checked.errors or not checked.items:
        return checked
    try:
        with transaction.atomic():
            raise _RolledBack(store_values(user, plan.organization_id, checked.items))
    except _RolledBack as done:
        checked.outcomes = done.outcomes
    except ValuesRefused as refused:
        checked.add_refusal(refused)
    return checked


def confirm(checked: Checked, user, plan: Plan) -> Checked:
    """Write the items (all or none)."""
    try:
        checked.outcomes = store_values(user, plan.organization_id, checked.items)
    except ValuesRefused as refused:
        checked.add_refusal(refused)
    return checked
