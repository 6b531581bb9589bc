"""The unit tree of an organisation (toimiala > palvelualue > yksikkö), read in one query and walked in Python."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction

from seuranta.plans.models import OrganizationUnit

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # typing only: Django's lazy strings

KIND_BY_DEPTH = (OrganizationUnit.Kind.SECTOR, OrganizationUnit.Kind.SERVICE_AREA, OrganizationUnit.Kind.UNIT)
PATH_SEPARATOR = " › "


@dataclass(frozen=True)
class TreeRow:
    unit: OrganizationUnit
    depth: int  # 0 for a sector (toimiala)
    path: str  # names from the top, "Sivistystoimiala › Perusopetus"

    @property
    def level_label(self) -> StrOrPromise:
        """The level its place in the tree gives it (an imported unit's stored kind may not say yet)."""
        return OrganizationUnit.Kind(kind_for(self.depth)).label


def unit_rows(units: list[OrganizationUnit]) -> list[TreeRow]:
    """The units in tree order (each after its parent, siblings by order and name), with depth and path."""
    children: dict[int | None, list[OrganizationUnit]] = defaultdict(list)
    known = {u.pk for u in units}
    for unit in units:
        # A parent outside the list (should not happen) makes the unit a root rather than lose it.
        children[unit.parent_id if unit.parent_id in known else None].append(unit)
    for siblings in children.values():
        siblings.sort(key=lambda u: (u.order, u.name.casefold()))
    rows: list[TreeRow] = []
    stack = [(unit, 0, unit.name) for unit in reversed(children[None])]
    while stack:
        unit, depth, path = stack.pop()
        rows.append(TreeRow(unit, depth, path))
        stack.extend(
            (child, depth + 1, path + PATH_SEPARATOR + child.name) for child in reversed(children[unit.pk])
        )
    return rows


def organization_rows(organization_id: int) -> list[TreeRow]:
    return unit_rows(list(OrganizationUnit.objects.filter(organization_id=organization_id)))


def subtree_ids(rows: list[TreeRow], unit_id: int) -> set[int]:
    """The unit and every unit below it."""
    below: dict[int | None, list[int]] = defaultdict(list)
    for row in rows:
        below[row.unit.parent_id].append(row.unit.pk)
    found, todo = set(), [unit_id]
    while todo:
        current = todo.pop()
        found.add(current)
        todo.extend(below[current])
    return found


def kind_for(depth: int) -> str:
    return KIND_BY_DEPTH[depth] if depth < len(KIND_BY_DEPTH) else OrganizationUnit.Kind.OTHER


@transaction.atomic
def sync_kinds(organization_id: int) -> None:
    """Set each unit's kind from its depth (after a move, a whole subtree may change level)."""
    changed = []
    for row in organization_rows(organization_id):
        kind = kind_for(row.depth)
        if row.unit.kind != kind:
            row.unit.kind = kind
            changed.append(row.unit)
    OrganizationUnit.objects.bulk_update(changed, ["kind"])


def unit_choices(organization_id: int | None, *, keep: int | None = None) -> list[tuple[int, str]]:
    """Active units as (id, path) choices for a node's unit; `keep` stays offered even if inactive."""
    if organization_id is None:
        return []
    return [
        (row.unit.pk, row.path)
        for row in organization_rows(organization_id)
        if row.unit.active or row.unit.pk == keep
    ]
