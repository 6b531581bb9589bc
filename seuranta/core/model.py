"""The plan as plain Python objects: the pure core's one data model.

These classes mirror the interchange format `seuranta-plan/1`
(docs/plan-format.md). The importer produces them, the evaluator and the
report builder read them, and the Django models convert to and from them.

`from_dict` / `to_dict` are lossless for every valid document: keys the format
does not know are kept in `extra` and written back after the known ones, and
optional keys that a document left out stay out. Validation with readable
paths lives in `seuranta.core.interchange`; these converters assume valid input.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

FORMAT = "seuranta-plan/1"

MEASURE_KINDS = ("value", "min", "max", "change_percent", "state")

# Fields outside the spec that Seuranta itself writes. They are exported only
# when they differ from the default, so documents from elsewhere round-trip
# unchanged.
PHASES = ("not_started", "in_progress", "done", "delayed", "cancelled")
VERDICTS = ("achieved", "partly", "not_achieved", "not_assessable")


JSON = dict[str, Any]


def _pop_extra(data: JSON, known: tuple[str, ...]) -> JSON:
    return {k: v for k, v in data.items() if k not in known}


def _id(key: Any, with_ids: bool) -> JSON:
    """{"id": key} for an export with ids of a stored object, else nothing."""
    return {"id": key} if with_ids and isinstance(key, int) and not isinstance(key, bool) else {}


def _translations(data: JSON) -> JSON:
    """The "translations" of an object: {language: {field: text}} (see core.translations)."""
    value = data.get("translations")
    return dict(value) if isinstance(value, dict) else {}


def _number(value: float | int | None) -> float | int | None:
    """Whole numbers go out as JSON integers, as people write them."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


@dataclass
class Measure:
    """A baseline, target or actual level: "8 860 pv", "vähintään 3", "Kyllä"."""

    text: str
    kind: str | None = None
    value: float | None = None
    period: str | None = None
    label: str | None = None
    extra: JSON = field(default_factory=dict)

    KEYS = ("text", "kind", "value", "period", "label")

    @classmethod
    def from_dict(cls, data: JSON) -> Measure:
        return cls(
            text=data["text"],
            kind=data.get("kind"),
            value=data.get("value"),
            period=data.get("period"),
            label=data.get("label"),
            extra=_pop_extra(data, cls.KEYS),
        )

    def to_dict(self) -> JSON:
        return {
            "text": self.text,
            "kind": self.kind,
            "value": _number(self.value),
            "period": self.period,
            "label": self.label,
            **self.extra,
        }


@dataclass
class Indicator:
    """A mittari: what is measured, with its baseline, targets and actuals."""

    name: str
    unit: str | None = None
    source: str | None = None
    baseline: Measure | None = None
    targets: list[Measure] = field(default_factory=list)
    actuals: list[Measure] = field(default_factory=list)
    baseline_series: list[Measure] = field(default_factory=list)
    description: str | None = None
    # The name and description in the plan's other languages; exported only when set.
    translations: JSON = field(default_factory=dict)
    extra: JSON = field(default_factory=dict)
    # Identity of the stored row this came from, if any; never exported.
    key: Any = field(default=None, compare=False, repr=False)

    # "id" is read (and dropped: a stored copy gets ids of its own) and written only by to_dict(with_ids=True).
    KEYS = (
        "id",
        "name",
        "unit",
        "source",
        "baseline",
        "targets",
        "actuals",
        "baseline_series",
        "description",
        "translations",
    )

    @classmethod
    def from_dict(cls, data: JSON) -> Indicator:
        baseline = data.get("baseline")
        return cls(
            name=data["name"],
            unit=data.get("unit"),
            source=data.get("source"),
            baseline=Measure.from_dict(baseline) if baseline else None,
            targets=[Measure.from_dict(m) for m in data.get("targets") or []],
            actuals=[Measure.from_dict(m) for m in data.get("actuals") or []],
            baseline_series=[Measure.from_dict(m) for m in data.get("baseline_series") or []],
            description=data.get("description"),
            translations=_translations(data),
            extra=_pop_extra(data, cls.KEYS),
        )

    def to_dict(self, with_ids: bool = False) -> JSON:
        out: JSON = _id(self.key, with_ids)
        out |= {
            "name": self.name,
            "unit": self.unit,
            "source": self.source,
            "baseline": self.baseline.to_dict() if self.baseline else None,
            "targets": [m.to_dict() for m in self.targets],
            "actuals": [m.to_dict() for m in self.actuals],
        }
        if self.baseline_series:
            out["baseline_series"] = [m.to_dict() for m in self.baseline_series]
        if self.description:
            out["description"] = self.description
        if self.translations:
            out["translations"] = self.translations
        out.update(self.extra)
        return out


@dataclass
class Milestone:
    """An osatavoite with its due time as written ("kevät 2026")."""

    title: str
    due: str | None = None
    done: bool = False
    translations: JSON = field(default_factory=dict)
    extra: JSON = field(default_factory=dict)

    KEYS = ("title", "due", "done", "translations")

    @classmethod
    def from_dict(cls, data: JSON) -> Milestone:
        return cls(
            title=data["title"],
            due=data.get("due"),
            done=bool(data.get("done", False)),
            translations=_translations(data),
            extra=_pop_extra(data, cls.KEYS),
        )

    def to_dict(self) -> JSON:
        out: JSON = {"title": self.title, "due": self.due}
        if self.done:
            out["done"] = True
        if self.translations:
            out["translations"] = self.translations
        out.update(self.extra)
        return out


@dataclass
class Progress:
    """A progress statement for a period ("2023-Q1", "2023-T2", "2023-09", "2023").

    `phase` and `verdict` are Seuranta's own additions: the action's reported
    phase (PHASES) and the attainment verdict of the annual report (VERDICTS).
    """

    text: str
    period: str | None = None
    phase: str | None = None
    verdict: str | None = None
    translations: JSON = field(default_factory=dict)
    extra: JSON = field(default_factory=dict)

    KEYS = ("period", "text", "phase", "verdict", "translations")

    @classmethod
    def from_dict(cls, data: JSON) -> Progress:
        return cls(
            text=data["text"],
            period=data.get("period"),
            phase=data.get("phase"),
            verdict=data.get("verdict"),
            translations=_translations(data),
            extra=_pop_extra(data, cls.KEYS),
        )

    def to_dict(self) -> JSON:
        out: JSON = {"period": self.period, "text": self.text}
        if self.phase:
            out["phase"] = self.phase
        if self.verdict:
            out["verdict"] = self.verdict
        if self.translations:
            out["translations"] = self.translations
        out.update(self.extra)
        return out


@dataclass
class GoalRef:
    """The goal of another plan that a node contributes to: the cascade between plans.

    A personnel programme's goal supports a city strategy's goal; a sector's operational
    goal supports a group-level goal. Named by the other plan's title and the goal's title,
    as a reader of both documents would name them.
    """

    plan: str
    goal: str
    extra: JSON = field(default_factory=dict)

    KEYS = ("plan", "goal")

    @classmethod
    def from_dict(cls, data: JSON) -> GoalRef:
        return cls(plan=data["plan"], goal=data["goal"], extra=_pop_extra(data, cls.KEYS))

    def to_dict(self) -> JSON:
        return {"plan": self.plan, "goal": self.goal, **self.extra}


@dataclass
class Node:
    """One item of the goal tree: a focus area, goal, deed, action, theme..."""

    level: str
    title: str
    unit: str | None = None
    description: str | None = None
    responsible: list[str] = field(default_factory=list)
    schedule: str | None = None
    indicators: list[Indicator] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    progress: list[Progress] = field(default_factory=list)
    # None: the document did not have the key at all (kept out on export).
    notes: list[str] | None = None
    children: list[Node] = field(default_factory=list)
    binding: bool = False
    phase: str | None = None
    # The goal of another plan this node contributes to; exported only when set.
    contributes_to: GoalRef | None = None
    # The title and description in the plan's other languages; exported only when set.
    translations: JSON = field(default_factory=dict)
    extra: JSON = field(default_factory=dict)
    key: Any = field(default=None, compare=False, repr=False)

    KEYS = (
        "id",
        "level",
        "title",
        "unit",
        "description",
        "responsible",
        "schedule",
        "indicators",
        "milestones",
        "progress",
        "notes",
        "children",
        "binding",
        "phase",
        "contributes_to",
        "translations",
    )

    @classmethod
    def from_dict(cls, data: JSON) -> Node:
        notes = data.get("notes")
        supported = data.get("contributes_to")
        return cls(
            level=data["level"],
            title=data["title"],
            unit=data.get("unit"),
            description=data.get("description"),
            responsible=list(data.get("responsible") or []),
            schedule=data.get("schedule"),
            indicators=[Indicator.from_dict(i) for i in data.get("indicators") or []],
            milestones=[Milestone.from_dict(m) for m in data.get("milestones") or []],
            progress=[Progress.from_dict(p) for p in data.get("progress") or []],
            notes=list(notes) if "notes" in data and notes is not None else None,
            children=[Node.from_dict(c) for c in data.get("children") or []],
            binding=bool(data.get("binding", False)),
            phase=data.get("phase"),
            contributes_to=GoalRef.from_dict(supported) if supported else None,
            translations=_translations(data),
            extra=_pop_extra(data, cls.KEYS),
        )

    def to_dict(self, with_ids: bool = False) -> JSON:
        out: JSON = _id(self.key, with_ids)
        out |= {
            "level": self.level,
            "title": self.title,
            "unit": self.unit,
            "description": self.description,
            "responsible": list(self.responsible),
            "schedule": self.schedule,
            "indicators": [i.to_dict(with_ids) for i in self.indicators],
            "milestones": [m.to_dict() for m in self.milestones],
            "progress": [p.to_dict() for p in self.progress],
        }
        if self.notes is not None:
            out["notes"] = list(self.notes)
        out["children"] = [c.to_dict(with_ids) for c in self.children]
        if self.binding:
            out["binding"] = True
        if self.phase:
            out["phase"] = self.phase
        if self.contributes_to:
            out["contributes_to"] = self.contributes_to.to_dict()
        if self.translations:
            out["translations"] = self.translations
        out.update(self.extra)
        return out

    def walk(self, ancestors: tuple[Node, ...] = ()) -> Iterator[tuple[Node, tuple[Node, ...]]]:
        """Yield (node, ancestors) for this node and every descendant, top-down."""
        yield self, ancestors
        for child in self.children:
            yield from child.walk(ancestors + (self,))


@dataclass
class Section:
    """A narrative part that is not a goal: introduction, values, promises."""

    title: str | None
    text: str
    extra: JSON = field(default_factory=dict)

    KEYS = ("title", "text")

    @classmethod
    def from_dict(cls, data: JSON) -> Section:
        return cls(title=data.get("title"), text=data["text"], extra=_pop_extra(data, cls.KEYS))

    def to_dict(self) -> JSON:
        return {"title": self.title, "text": self.text, **self.extra}


@dataclass
class Plan:
    """One plan document: a strategy, programme, service plan or progress report."""

    title: str | None = None
    organization: str | None = None
    period: str | None = None
    levels: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    # Seuranta's own plan settings; exported only when set.
    kind: str | None = None
    tolerance: float | None = None
    state_scale: list[str] | None = None
    # The language the plain fields are written in (None: not stated, Finnish), the other languages
    # every text must also have, and the plan's own texts in them ("title", "level_names").
    primary_language: str | None = None
    required_languages: list[str] = field(default_factory=list)
    translations: JSON = field(default_factory=dict)
    extra: JSON = field(default_factory=dict)
    key: Any = field(default=None, compare=False, repr=False)

    KEYS = (
        "format",
        "id",
        "title",
        "organization",
        "period",
        "levels",
        "sections",
        "nodes",
        "kind",
        "tolerance",
        "state_scale",
        "primary_language",
        "required_languages",
        "translations",
    )

    @classmethod
    def from_dict(cls, data: JSON) -> Plan:
        scale = data.get("state_scale")
        return cls(
            title=data.get("title"),
            organization=data.get("organization"),
            period=data.get("period"),
            levels=list(data.get("levels") or []),
            sections=[Section.from_dict(s) for s in data.get("sections") or []],
            nodes=[Node.from_dict(n) for n in data.get("nodes") or []],
            kind=data.get("kind"),
            tolerance=data.get("tolerance"),
            state_scale=list(scale) if scale else None,
            primary_language=data.get("primary_language"),
            required_languages=list(data.get("required_languages") or []),
            translations=_translations(data),
            extra=_pop_extra(data, cls.KEYS),
        )

    def to_dict(self, with_ids: bool = False) -> JSON:
        """The document; `with_ids` adds each stored plan's, node's and indicator's id ("id")."""
        out: JSON = {"format": FORMAT} | _id(self.key, with_ids)
        out |= {"title": self.title, "organization": self.organization}
        if self.period is not None:
            out["period"] = self.period
        out["levels"] = list(self.levels)
        out["sections"] = [s.to_dict() for s in self.sections]
        out["nodes"] = [n.to_dict(with_ids) for n in self.nodes]
        if self.kind:
            out["kind"] = self.kind
        if self.tolerance is not None:
            out["tolerance"] = _number(self.tolerance)
        if self.state_scale:
            out["state_scale"] = list(self.state_scale)
        if self.primary_language:
            out["primary_language"] = self.primary_language
        if self.required_languages:
            out["required_languages"] = list(self.required_languages)
        if self.translations:
            out["translations"] = self.translations
        out.update(self.extra)
        return out

    def walk(self) -> Iterator[tuple[Node, tuple[Node, ...]]]:
        """Yield (node, ancestors) for every node of the tree, top-down in document order."""
        for node in self.nodes:
            yield from node.walk()

    def indicators(self) -> Iterator[tuple[Indicator, Node, tuple[Node, ...]]]:
        """Yield (indicator, node, ancestors) for every indicator of the plan."""
        for node, ancestors in self.walk():
            for indicator in node.indicators:
                yield indicator, node, ancestors
