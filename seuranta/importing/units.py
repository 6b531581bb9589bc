"""The review's unit step: each unit name an imported document writes, mapped to a unit of the
organisation's tree, to a new unit under one of them, or to none.

The name as written stays on the nodes whatever is chosen (`Node.unit_name`). A name nobody
has chosen for yet gets a proposal the page shows: the active unit of the same name
(`unit_key`: case and spacing aside); none when a unit of that name is out of use; a new unit
when the organisation has no units yet; otherwise none, so that an organisation's tree is not
filled with a document's spellings unless someone chooses so. The tree is read in one query.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from seuranta.importing.review import walk
from seuranta.organizations.units import TreeRow, kind_for
from seuranta.plans.models import OrganizationUnit
from seuranta.plans.storage import unit_key

NEW = "new"
MAX_NAMES = 2000  # posted rows read at most: more than any document names


@dataclass(frozen=True)
class Choice:
    unit: int | None = None  # an existing unit's id
    new: bool = False  # create a unit of the written name
    parent: int | None = None  # the new unit's parent, None for the top level

    def as_json(self) -> dict:
        return {"new": True, "parent": self.parent} if self.new else {"unit": self.unit} if self.unit else {}

    @classmethod
    def from_json(cls, data: dict) -> Choice:
        if data.get("new"):
            return cls(new=True, parent=data.get("parent") if isinstance(data.get("parent"), int) else None)
        return cls(unit=data["unit"]) if isinstance(data.get("unit"), int) else cls()

    @property
    def value(self) -> str:
        """The value of the page's select."""
        return NEW if self.new else str(self.unit or "")


@dataclass
class UnitStep:
    """One unit name as written, for the page."""

    index: int
    written: str
    count: int  # how many goals and actions write it
    choice: Choice
    proposed: bool  # nobody has chosen yet: the choice is a proposal
    note: str = ""
    parent: str = field(default="")  # the select value of a new unit's parent


class Tree:
    """The organisation's units as read once: the active ones by id and by name."""

    def __init__(self, rows: list[TreeRow]):
        self.rows = rows
        self.active = {r.unit.pk: r for r in rows if r.unit.active}
        self.by_key: dict[str, TreeRow] = {}
        self.taken: set[str] = set()
        for row in rows:
            self.taken.add(unit_key(row.unit.name))
            if row.unit.active:
                self.by_key.setdefault(unit_key(row.unit.name), row)

    def proposal(self, written: str) -> tuple[Choice, str]:
        key = unit_key(written)
        if row := self.by_key.get(key):
            return Choice(unit=row.unit.pk), _("Proposed: the unit of the same name.")
        if key in self.taken:
            return Choice(), _("A unit of this name is out of use; restore it in the unit tree to choose it.")
        if not self.active:
            return Choice(new=True), _("Proposed: a new unit, as the organisation has no units yet.")
        return Choice(), _("No unit of this name: choose one, or create a new unit.")

    def problem(self, written: str, choice: Choice) -> str:
        """Why a choice cannot be carried out, or ""."""
        if choice.unit and choice.unit not in self.active:
            return _("The unit chosen for “%(name)s” is no longer in use; choose again.") % {"name": written}
        if choice.new and choice.parent and choice.parent not in self.active:
            return _(
                "The unit under which “%(name)s” was to be created is no longer in use; choose again."
            ) % {"name": written}
        if choice.new and unit_key(written) in self.taken:
            return _(
                "The organisation already has a unit called “%(name)s” (perhaps out of use): choose it "
                "from the list, or restore it in the unit tree."
            ) % {"name": written}
        return ""


def written_names(plan: dict) -> list[tuple[str, int]]:
    """The distinct unit names the plan's nodes write, in document order, with how many nodes write each."""
    counts: dict[str, int] = {}
    for _address, node, _path in walk(plan.get("nodes") or []):
        unit = node.get("unit")
        if isinstance(unit, str) and unit.strip():
            counts[unit] = counts.get(unit, 0) + 1
    return list(counts.items())


def unit_steps(plan: dict, chosen: dict, tree: Tree) -> list[UnitStep]:
    steps = []
    for index, (written, count) in enumerate(written_names(plan)):
        proposal, note = tree.proposal(written)
        stored = Choice.from_json(chosen[written]) if isinstance(chosen.get(written), dict) else None
        if stored is not None and (problem := tree.problem(written, stored)):
            stored, note = None, problem
        choice = stored or proposal
        steps.append(
            UnitStep(
                index,
                written,
                count,
                choice,
                stored is None,
                "" if stored else note,
                str(choice.parent or ""),
            )
        )
    return steps


def posted_choices(data, names: set[str], tree: Tree) -> tuple[dict[str, dict], list[str]]:
    """The choices of the posted unit step that can be carried out (as stored), and why the others cannot."""
    chosen: dict[str, dict] = {}
    problems: list[str] = []
    for i in range(MAX_NAMES):
        written = data.get(f"unit-{i}-name")
        if written is None:
            break
        if written not in names:  # the document was read again meanwhile: the page shows it anew
            continue
        value = (data.get(f"unit-{i}") or "").strip()
        parent = (data.get(f"unit-{i}-parent") or "").strip()
        if value == NEW:
            choice = Choice(new=True, parent=int(parent) if parent.isdigit() else None)
        elif value.isdigit():
            choice = Choice(unit=int(value))
        else:
            choice = Choice()
        if problem := tree.problem(written, choice):
            problems.append(problem)
        else:
            chosen[written] = choice.as_json()
    return chosen, problems


def resolve(plan: dict, chosen: dict, tree: Tree) -> tuple[dict[str, Choice], list[str]]:
    """Every written name's choice (stored, or the proposal), and why a stored one cannot be carried out."""
    choices: dict[str, Choice] = {}
    problems: list[str] = []
    for written, _count in written_names(plan):
        stored = chosen.get(written)
        choice = Choice.from_json(stored) if isinstance(stored, dict) else tree.proposal(written)[0]
        if problem := tree.problem(written, choice):
            problems.append(problem)
        choices[written] = choice
    return choices, problems


def units_for(organization_id: int, choices: dict[str, Choice], tree: Tree) -> dict[str, OrganizationUnit]:
    """The unit each written name gets, the chosen new units created (one insert); call in the save's transaction."""
    created: dict[str, OrganizationUnit] = {}
    for written, choice in choices.items():
        key = unit_key(written)
        if choice.new and key not in created:
            depth = tree.active[choice.parent].depth + 1 if choice.parent else 0
            created[key] = OrganizationUnit(
                organization_id=organization_id,
                name=" ".join(written.split())[:200],
                parent_id=choice.parent,
                kind=kind_for(depth),
            )
    OrganizationUnit.objects.bulk_create(created.values())
    units: dict[str, OrganizationUnit] = {}
    for written, choice in choices.items():
        if choice.new:
            units[written] = created[unit_key(written)]
        elif choice.unit:
            units[written] = tree.active[choice.unit].unit
    return units
