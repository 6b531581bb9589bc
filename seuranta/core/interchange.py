"""Reading and writing `seuranta-plan/1` documents, with validation that names the field.

`validate_document(data)` checks a decoded JSON document against the format
(docs/plan-format.md and its JSON Schema) and a few rules the schema cannot
express, and returns every problem found, each with the path of the bad field:
`nodes[3].indicators[0].targets[1].value: expected a number`.
`load_plan(text)` decodes, validates and converts in one step and raises
`InvalidDocument` carrying all problems, so callers can refuse a document whole.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from seuranta.core.model import FORMAT, MEASURE_KINDS, PHASES, VERDICTS, Plan

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "not_json": "not valid JSON ({detail})",
        "expected_object": "expected an object",
        "expected_list": "expected a list",
        "expected_string": "expected a string",
        "expected_string_or_null": "expected a string or null",
        "expected_number": "expected a number",
        "expected_number_or_null": "expected a number or null",
        "expected_boolean": "expected true or false",
        "required": "required field is missing",
        "empty": "must not be empty",
        "format": "expected \"{expected}\"",
        "kind": "expected one of {choices}",
        "unknown_level": "level \"{level}\" is not one of the document's levels ({levels})",
        "tolerance": "expected a fraction between 0 and 1",
    },
    "fi": {
        "not_json": "ei ole kelvollista JSONia ({detail})",
        "expected_object": "odotettiin objektia",
        "expected_list": "odotettiin listaa",
        "expected_string": "odotettiin merkkijonoa",
        "expected_string_or_null": "odotettiin merkkijonoa tai null-arvoa",
        "expected_number": "odotettiin lukua",
        "expected_number_or_null": "odotettiin lukua tai null-arvoa",
        "expected_boolean": "odotettiin arvoa true tai false",
        "required": "pakollinen kenttä puuttuu",
        "empty": "ei saa olla tyhjä",
        "format": "odotettiin arvoa \"{expected}\"",
        "kind": "odotettiin yhtä arvoista {choices}",
        "unknown_level": "taso \"{level}\" ei ole asiakirjan tasoissa ({levels})",
        "tolerance": "odotettiin osuutta väliltä 0–1",
    },
    "sv": {
        "not_json": "är inte giltig JSON ({detail})",
        "expected_object": "ett objekt förväntades",
        "expected_list": "en lista förväntades",
        "expected_string": "en sträng förväntades",
        "expected_string_or_null": "en sträng eller null förväntades",
        "expected_number": "ett tal förväntades",
        "expected_number_or_null": "ett tal eller null förväntades",
        "expected_boolean": "true eller false förväntades",
        "required": "obligatoriskt fält saknas",
        "empty": "får inte vara tomt",
        "format": "\"{expected}\" förväntades",
        "kind": "ett av värdena {choices} förväntades",
        "unknown_level": "nivån \"{level}\" finns inte bland dokumentets nivåer ({levels})",
        "tolerance": "en andel mellan 0 och 1 förväntades",
    },
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document: where (`path`) and what (`code` + `params`)."""

    path: str
    code: str
    params: tuple[tuple[str, str], ...] = ()

    def message(self, lang: str = "en") -> str:
        templates = MESSAGES.get(lang[:2], MESSAGES["en"])
        text = templates[self.code].format(**dict(self.params))
        return f"{self.path or '(document)'}: {text}"


class InvalidDocument(ValueError):
    """A document that does not follow the format; `problems` lists every fault."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(p.message() for p in problems[:5]))

    def messages(self, lang: str = "en") -> list[str]:
        return [p.message(lang) for p in self.problems]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.levels: list[str] = []

    def add(self, path: str, code: str, **params: str) -> None:
        self.problems.append(Problem(path, code, tuple(params.items())))

    def object(self, value: Any, path: str) -> bool:
        if not isinstance(value, dict):
            self.add(path, "expected_object")
            return False
        return True

    def string(self, data: dict, key: str, path: str, *, required: bool = False, nullable: bool = True,
               nonempty: bool = False) -> None:
        where = f"{path}.{key}" if path else key
        if key not in data:
            if required:
                self.add(where, "required")
            return
        value = data[key]
        if value is None and nullable and not required:
            return
        if not isinstance(value, str):
            self.add(where, "expected_string_or_null" if nullable and not required else "expected_string")
        elif nonempty and not value.strip():
            self.add(where, "empty")

    def number(self, data: dict, key: str, path: str) -> None:
        if key in data and data[key] is not None and not _is_number(data[key]):
            self.add(f"{path}.{key}", "expected_number")

    def boolean(self, data: dict, key: str, path: str) -> None:
        if key in data and not isinstance(data[key], bool):
            self.add(f"{path}.{key}", "expected_boolean")

    def choice(self, data: dict, key: str, path: str, choices: tuple[str, ...]) -> None:
        value = data.get(key)
        if value is not None and value not in choices:
            self.add(f"{path}.{key}", "kind", choices=", ".join(choices))

    def items(self, data: dict, key: str, path: str, check: Callable[[Any, str], None]) -> None:
        if key not in data or data[key] is None:
            return
        value = data[key]
        where = f"{path}.{key}" if path else key
        if not isinstance(value, list):
            self.add(where, "expected_list")
            return
        for index, item in enumerate(value):
            check(item, f"{where}[{index}]")

    def string_item(self, value: Any, path: str) -> None:
        if not isinstance(value, str):
            self.add(path, "expected_string")

    def measure(self, value: Any, path: str) -> None:
        if not self.object(value, path):
            return
        self.string(value, "text", path, required=True)
        self.choice(value, "kind", path, MEASURE_KINDS)
        if "value" in value and value["value"] is not None and not _is_number(value["value"]):
            self.add(f"{path}.value", "expected_number")
        self.string(value, "period", path)
        self.string(value, "label", path)

    def indicator(self, value: Any, path: str) -> None:
        if not self.object(value, path):
            return
        self.string(value, "name", path, required=True, nonempty=True)
        for key in ("unit", "source", "description"):
            self.string(value, key, path)
        if value.get("baseline") is not None:
            self.measure(value["baseline"], f"{path}.baseline")
        for key in ("targets", "actuals", "baseline_series"):
            self.items(value, key, path, self.measure)

    def milestone(self, value: Any, path: str) -> None:
        if self.object(value, path):
            self.string(value, "title", path, required=True)
            self.string(value, "due", path)
            self.boolean(value, "done", path)

    def progress(self, value: Any, path: str) -> None:
        if self.object(value, path):
            self.string(value, "text", path, required=True)
            self.string(value, "period", path)
            self.choice(value, "phase", path, PHASES)
            self.choice(value, "verdict", path, VERDICTS)

    def section(self, value: Any, path: str) -> None:
        if self.object(value, path):
            self.string(value, "title", path)
            self.string(value, "text", path, required=True)

    def node(self, value: Any, path: str) -> None:
        if not self.object(value, path):
            return
        self.string(value, "level", path, required=True)
        self.string(value, "title", path, required=True, nonempty=True)
        level = value.get("level")
        if isinstance(level, str) and self.levels and level not in self.levels:
            self.add(f"{path}.level", "unknown_level", level=level, levels=", ".join(self.levels))
        for key in ("unit", "description", "schedule"):
            self.string(value, key, path)
        self.choice(value, "phase", path, PHASES)
        self.boolean(value, "binding", path)
        self.items(value, "responsible", path, self.string_item)
        self.items(value, "notes", path, self.string_item)
        self.items(value, "indicators", path, self.indicator)
        self.items(value, "milestones", path, self.milestone)
        self.items(value, "progress", path, self.progress)
        self.items(value, "children", path, self.node)

    def document(self, data: Any) -> None:
        if not self.object(data, ""):
            return
        if "format" not in data:
            self.add("format", "required")
        elif data["format"] != FORMAT:
            self.add("format", "format", expected=FORMAT)
        for key in ("title", "organization", "period", "kind"):
            self.string(data, key, "")
        levels = data.get("levels")
        self.items(data, "levels", "", self.string_item)
        if isinstance(levels, list) and all(isinstance(x, str) for x in levels):
            self.levels = levels
        if "tolerance" in data and data["tolerance"] is not None:
            tolerance = data["tolerance"]
            if not _is_number(tolerance) or not 0 <= tolerance <= 1:
                self.add("tolerance", "tolerance")
        self.items(data, "state_scale", "", self.string_item)
        self.items(data, "sections", "", self.section)
        if "nodes" not in data:
            self.add("nodes", "required")
        self.items(data, "nodes", "", self.node)


def validate_document(data: Any) -> list[Problem]:
    """Every problem of a decoded document; an empty list means it is valid."""
    checker = _Checker()
    checker.document(data)
    return checker.problems


def load_plan(text: str | bytes) -> Plan:
    """Decode, validate and convert a JSON document; raise InvalidDocument on any fault."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidDocument([Problem("", "not_json", (("detail", str(exc)),))]) from exc
    problems = validate_document(data)
    if problems:
        raise InvalidDocument(problems)
    return Plan.from_dict(data)


def dump_plan(plan: Plan) -> str:
    """The document as JSON text, UTF-8 characters as they are, two-space indent."""
    return json.dumps(plan.to_dict(), ensure_ascii=False, indent=2) + "\n"
