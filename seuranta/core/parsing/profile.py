"""What an organisation taught the importer in review, kept as data and used on its next upload.

A profile is three small maps, each applied before the lexicon:

- `labels`: a label or column header as the organisation writes it ("Keino", "Seuranta")
  to a role: a field role of the lexicon ("indicator", "baseline", "target", "actual",
  "responsible", "schedule", "milestone", "progress", "source", "description"),
  "level:<Name>" (items it introduces are nodes of that level), or "ignore";
- `levels`: a level name the importer gave to the one the organisation uses ("Keino" ->
  "Toimenpide");
- `styles`: an outline style (how a heading is marked: "caps", "dec2", "h3", "short",
  "bullet:•") to "unit" (such headings name the unit of the items below them),
  "ignore" (not a node), "text" (part of the description) or "level:<Name>".

Keys of `labels` are folded with `label_key`, so "Mittarit 2025:" and "mittarit" are one key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from seuranta.core.model import Plan
from seuranta.core.parsing import lexicon

FIELD_ROLES = tuple(role for role in lexicon.ROLES if role != "level")
STYLE_ROLES = ("unit", "ignore", "text")
_KEY_DROP_RE = re.compile(r"[\d\W_]+")


def label_key(text: str) -> str:
    """A label folded for lookup: case, digits (years), punctuation and spacing dropped."""
    return " ".join(part for part in _KEY_DROP_RE.split(text.lower()) if part)


def valid_role(role: str, *, for_style: bool = False) -> bool:
    if role.startswith("level:"):
        return bool(role[len("level:") :].strip())
    return role in (STYLE_ROLES if for_style else FIELD_ROLES + ("ignore",))


@dataclass
class Profile:
    labels: dict[str, str] = field(default_factory=dict)
    levels: dict[str, str] = field(default_factory=dict)
    styles: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Profile:
        data = data or {}
        return cls(
            labels={label_key(k): v for k, v in (data.get("labels") or {}).items() if valid_role(v)},
            levels={k: v for k, v in (data.get("levels") or {}).items() if k and v},
            styles={k: v for k, v in (data.get("styles") or {}).items() if valid_role(v, for_style=True)},
        )

    def to_dict(self) -> dict[str, Any]:
        return {"labels": dict(self.labels), "levels": dict(self.levels), "styles": dict(self.styles)}

    def is_empty(self) -> bool:
        return not (self.labels or self.levels or self.styles)

    def teach_label(self, label: str, role: str) -> None:
        if not valid_role(role):
            raise ValueError(f"unknown role {role!r}")
        self.labels[label_key(label)] = role

    def teach_level(self, given: str, used: str) -> None:
        self.levels[given] = used

    def teach_style(self, style: str, role: str) -> None:
        if not valid_role(role, for_style=True):
            raise ValueError(f"unknown style role {role!r}")
        self.styles[style] = role

    def label_role(self, label: str) -> str | None:
        return self.labels.get(label_key(label))

    def teaches(self, label: str) -> bool:
        """Whether the profile reads a label otherwise than the lexicon does (a rule that only
        repeats the lexicon teaches nothing about a layout)."""
        taught = self.label_role(label)
        if taught is None:
            return False
        entry = lexicon.label_role(label)
        if entry is None:
            return True
        return taught != (f"level:{entry.level}" if entry.role == "level" else entry.role)

    def level_name(self, name: str) -> str:
        return self.levels.get(name, name)

    def rename_levels(self, plan: Plan) -> None:
        """The organisation's own level names in a plan read without the profile (by a family)."""
        if not self.levels:
            return
        plan.levels = list(dict.fromkeys(self.level_name(level) for level in plan.levels))
        stack = list(plan.nodes)
        while stack:
            node = stack.pop()
            node.level = self.level_name(node.level)
            stack.extend(node.children)


@dataclass(frozen=True)
class Decision:
    """What a label means, and why: `rule` names the profile key or the lexicon entry."""

    role: str  # a field role, "level" or "ignore"
    level: str | None
    rule: str
    confidence: float


def resolve_label(label: str, profile: Profile | None) -> Decision | None:
    """A label's role: the organisation's profile first, then the lexicon."""
    if profile is not None:
        taught = profile.label_role(label)
        if taught is not None:
            if taught.startswith("level:"):
                return Decision("level", taught[len("level:") :], f"profile:label:{label_key(label)}", 1.0)
            return Decision(taught, None, f"profile:label:{label_key(label)}", 1.0)
    entry = lexicon.label_role(label)
    if entry is None:
        return None
    return Decision(entry.role, entry.level, f"lexicon:{entry.language}:{entry.term}", 0.8)
