"""Reading and writing `seuranta-plan/1` documents, with validation that names the field.

`validate_document(data)` checks a decoded JSON document against the format
(docs/plan-format.md and its JSON Schema) and a few rules the schema cannot
express, and returns every problem found, each with the path of the bad field:
`nodes[3].indicators[0].targets[1].value: expected a number`.
`load_plan(text)` decodes, validates and converts in one step and raises
`InvalidDocument` carrying all problems, so callers can refuse a document whole.

Hostile documents are refused with a problem, never an exception of another
kind: nesting deeper than MAX_DEPTH, integers longer than MAX_DIGITS, and the
non-finite numbers (NaN, Infinity) that JSON does not have. `FIELD_LIMITS`
gives the longest text each stored field takes (mirroring the database's
column sizes, which a test keeps in sync), so an over-long field is named
before anything is written.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from seuranta.core.i18n import LANGS, Message, gettext_lazy
from seuranta.core.model import FORMAT, MEASURE_KINDS, PHASES, VERDICTS, Plan
from seuranta.core.translations import CONTENT_LANGS, LEVEL_NAMES
from seuranta.core.translations import FIELDS as TRANSLATED_FIELDS

MAX_DEPTH = 64  # arrays and objects inside each other; a plan needs about 3 per node level
MAX_DIGITS = 30  # digits of an integer
MAX_NODE_DEPTH = 20  # levels of nodes under nodes

# The longest text each stored field takes: the max_length of its database column
# (tests/plans/test_field_limits.py keeps these equal to the models').
FIELD_LIMITS: dict[str, int] = {
    "plan.organization": 200,
    "plan.period": 50,
    "plan.kind": 30,
    "node.level": 100,
    "node.unit": 200,
    "node.schedule": 200,
    "indicator.unit": 50,
    "indicator.source": 300,
    "measure.text": 500,
    "measure.period": 50,
    "measure.label": 200,
    "milestone.due": 100,
    "progress.period": 50,
}

# The name of each limited field, for "{label} is too long".
FIELD_LABELS: dict[str, Message] = {
    "plan.organization": gettext_lazy("The organisation's name"),
    "plan.period": gettext_lazy("The plan's period"),
    "plan.kind": gettext_lazy("The plan's kind"),
    "node.level": gettext_lazy("The level's name"),
    "node.unit": gettext_lazy("The unit's name"),
    "node.schedule": gettext_lazy("The schedule"),
    "indicator.unit": gettext_lazy("The indicator's unit"),
    "indicator.source": gettext_lazy("The indicator's source"),
    "measure.text": gettext_lazy("The value's text"),
    "measure.period": gettext_lazy("The value's period"),
    "measure.label": gettext_lazy("The value's series"),
    "milestone.due": gettext_lazy("The milestone's due date"),
    "progress.period": gettext_lazy("The progress report's period"),
}

# What is wrong, by problem code.
MESSAGES: dict[str, Message] = {
    "not_json": gettext_lazy("not valid JSON ({detail})"),
    "expected_object": gettext_lazy("expected an object"),
    "expected_list": gettext_lazy("expected a list"),
    "expected_string": gettext_lazy("expected a string"),
    "expected_string_or_null": gettext_lazy("expected a string or null"),
    "expected_number": gettext_lazy("expected a number"),
    "expected_number_or_null": gettext_lazy("expected a number or null"),
    "expected_boolean": gettext_lazy("expected true or false"),
    "expected_id": gettext_lazy("expected a positive whole number (an id)"),
    "required": gettext_lazy("required field is missing"),
    "empty": gettext_lazy("must not be empty"),
    "format": gettext_lazy('expected "{expected}"'),
    "kind": gettext_lazy("expected one of {choices}"),
    "unknown_level": gettext_lazy('level "{level}" is not one of the document\'s levels ({levels})'),
    "tolerance": gettext_lazy("expected a fraction between 0 and 1"),
    "language": gettext_lazy('"{language}" is not a language a plan can be written in ({choices})'),
    "not_finite": gettext_lazy("NaN and Infinity are not numbers a plan can hold"),
    "too_deep": gettext_lazy("nested deeper than {limit} levels; a plan document is never this deep"),
    "number_too_long": gettext_lazy(
        "a number longer than {limit} digits; a plan document has no such numbers"
    ),
    "too_long": gettext_lazy("{label} is too long (at most {limit} characters): {path}"),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document: where (`path`) and what (`code` + `params`)."""

    path: str
    code: str
    params: tuple[tuple[str, str], ...] = ()

    def message(self, lang: str = "en") -> str:
        lang = lang[:2] if lang[:2] in LANGS else "en"
        params = dict(self.params)
        path = self.path or "(document)"
        if "field" in params:
            label = FIELD_LABELS.get(params["field"])
            params["label"] = label(lang) if label else params["field"]
        template = MESSAGES[self.code](lang)
        if "{path}" in template:  # the sentence names the field itself
            return template.format(path=path, **params)
        return f"{path}: {template.format(**params)}"


class InvalidDocument(ValueError):
    """A document that does not follow the format; `problems` lists every fault."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(p.message() for p in problems[:5]))

    def messages(self, lang: str = "en") -> list[str]:
        return [p.message(lang) for p in self.problems]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_finite(value: int | float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an int too large for a float column
        return False


class _Checker:
    def __init__(self, limits: Mapping[str, int] | None = None) -> None:
        self.problems: list[Problem] = []
        self.levels: list[str] = []
        self.limits = FIELD_LIMITS if limits is None else limits
        self.depth = 0

    def length(self, data: dict[str, Any], key: str, path: str, field: str) -> None:
        """An over-long text for a field with a limit, named before anything is written."""
        limit = self.limits.get(field)
        value = data.get(key)
        if limit is not None and isinstance(value, str) and len(value) > limit:
            self.add(f"{path}.{key}" if path else key, "too_long", field=field, limit=str(limit))

    def finite(self, value: Any, path: str) -> None:
        if _is_number(value) and not _is_finite(value):
            self.add(path, "not_finite")

    def add(self, path: str, code: str, **params: str) -> None:
        self.problems.append(Problem(path, code, tuple(params.items())))

    def object(self, value: Any, path: str) -> bool:
        if not isinstance(value, dict):
            self.add(path, "expected_object")
            return False
        return True

    def string(
        self,
        data: dict[str, Any],
        key: str,
        path: str,
        *,
        required: bool = False,
        nullable: bool = True,
        nonempty: bool = False,
    ) -> None:
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

    def number(self, data: dict[str, Any], key: str, path: str) -> None:
        if key in data and data[key] is not None and not _is_number(data[key]):
            self.add(f"{path}.{key}", "expected_number")
        elif key in data:
            self.finite(data[key], f"{path}.{key}")

    def boolean(self, data: dict[str, Any], key: str, path: str) -> None:
        if key in data and not isinstance(data[key], bool):
            self.add(f"{path}.{key}", "expected_boolean")

    def identifier(self, data: dict[str, Any], path: str) -> None:
        """The optional "id" of an export with ids: a positive integer."""
        value = data.get("id")
        if "id" in data and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
            self.add(f"{path}.id" if path else "id", "expected_id")

    def choice(self, data: dict[str, Any], key: str, path: str, choices: tuple[str, ...]) -> None:
        value = data.get(key)
        if value is not None and value not in choices:
            self.add(f"{path}.{key}", "kind", choices=", ".join(choices))

    def items(self, data: dict[str, Any], key: str, path: str, check: Callable[[Any, str], None]) -> None:
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
        elif "value" in value:
            self.finite(value["value"], f"{path}.value")
        self.string(value, "period", path)
        self.string(value, "label", path)
        for key in ("text", "period", "label"):
            self.length(value, key, path, f"measure.{key}")

    def indicator(self, value: Any, path: str) -> None:
        if not self.object(value, path):
            return
        self.identifier(value, path)
        self.string(value, "name", path, required=True, nonempty=True)
        for key in ("unit", "source", "description"):
            self.string(value, key, path)
        for key in ("unit", "source"):
            self.length(value, key, path, f"indicator.{key}")
        if value.get("baseline") is not None:
            self.measure(value["baseline"], f"{path}.baseline")
        for key in ("targets", "actuals", "baseline_series"):
            self.items(value, key, path, self.measure)
        self.translations(value, path, "indicator")

    def milestone(self, value: Any, path: str) -> None:
        if self.object(value, path):
            self.string(value, "title", path, required=True)
            self.string(value, "due", path)
            self.length(value, "due", path, "milestone.due")
            self.boolean(value, "done", path)
            self.translations(value, path, "milestone")

    def progress(self, value: Any, path: str) -> None:
        if self.object(value, path):
            self.string(value, "text", path, required=True)
            self.string(value, "period", path)
            self.length(value, "period", path, "progress.period")
            self.choice(value, "phase", path, PHASES)
            self.choice(value, "verdict", path, VERDICTS)
            self.translations(value, path, "progress")

    def language_code(self, value: Any, path: str) -> None:
        if not isinstance(value, str):
            self.add(path, "expected_string")
        elif value not in CONTENT_LANGS:
            self.add(path, "language", language=value, choices=", ".join(CONTENT_LANGS))

    def translations(self, data: dict[str, Any], path: str, kind: str) -> None:
        """{"sv": {"title": "..."}, ...}: known languages, each an object of texts (or null)."""
        if data.get("translations") is None:
            return
        where = f"{path}.translations" if path else "translations"
        if not self.object(data["translations"], where):
            return
        for lang, texts in data["translations"].items():
            at = f"{where}.{lang}"
            self.language_code(lang, at)
            if lang not in CONTENT_LANGS or not self.object(texts, at):
                continue
            for key in TRANSLATED_FIELDS[kind]:
                self.string(texts, key, at)
            if kind == "plan":
                self.items(texts, LEVEL_NAMES, at, self.string_item)

    def languages(self, data: dict[str, Any]) -> None:
        """The plan's primary language and the languages it requires besides it."""
        if data.get("primary_language") is not None:
            self.language_code(data["primary_language"], "primary_language")
        self.items(data, "required_languages", "", self.language_code)
        self.translations(data, "", "plan")

    def goal_ref(self, value: Any, path: str) -> None:
        if self.object(value, path):
            self.string(value, "plan", path, required=True, nonempty=True)
            self.string(value, "goal", path, required=True, nonempty=True)

    def section(self, value: Any, path: str) -> None:
        if self.object(value, path):
            self.string(value, "title", path)
            self.string(value, "text", path, required=True)

    def node(self, value: Any, path: str) -> None:
        if not self.object(value, path):
            return
        self.identifier(value, path)
        self.string(value, "level", path, required=True)
        self.string(value, "title", path, required=True, nonempty=True)
        level = value.get("level")
        if isinstance(level, str) and self.levels and level not in self.levels:
            self.add(f"{path}.level", "unknown_level", level=level, levels=", ".join(self.levels))
        for key in ("unit", "description", "schedule"):
            self.string(value, key, path)
        for key in ("level", "unit", "schedule"):
            self.length(value, key, path, f"node.{key}")
        self.choice(value, "phase", path, PHASES)
        self.boolean(value, "binding", path)
        self.items(value, "responsible", path, self.string_item)
        self.items(value, "notes", path, self.string_item)
        self.items(value, "indicators", path, self.indicator)
        self.items(value, "milestones", path, self.milestone)
        self.items(value, "progress", path, self.progress)
        if value.get("contributes_to") is not None:
            self.goal_ref(value["contributes_to"], f"{path}.contributes_to")
        self.translations(value, path, "node")
        if self.depth >= MAX_NODE_DEPTH and value.get("children"):
            self.add(f"{path}.children", "too_deep", limit=str(MAX_NODE_DEPTH))
            return
        self.depth += 1
        self.items(value, "children", path, self.node)
        self.depth -= 1

    def document(self, data: Any) -> None:
        if not self.object(data, ""):
            return
        if "format" not in data:
            self.add("format", "required")
        elif data["format"] != FORMAT:
            self.add("format", "format", expected=FORMAT)
        self.identifier(data, "")
        for key in ("title", "organization", "period", "kind"):
            self.string(data, key, "")
        for key in ("organization", "period", "kind"):
            self.length(data, key, "", f"plan.{key}")
        levels = data.get("levels")
        self.items(data, "levels", "", self.string_item)
        if isinstance(levels, list) and all(isinstance(x, str) for x in levels):
            self.levels = levels
        if "tolerance" in data and data["tolerance"] is not None:
            tolerance = data["tolerance"]
            if not _is_number(tolerance) or not _is_finite(tolerance) or not 0 <= tolerance <= 1:
                self.add("tolerance", "tolerance")
        self.items(data, "state_scale", "", self.string_item)
        self.languages(data)
        self.items(data, "sections", "", self.section)
        if "nodes" not in data:
            self.add("nodes", "required")
        self.items(data, "nodes", "", self.node)


def validate_document(data: Any, limits: Mapping[str, int] | None = None) -> list[Problem]:
    """Every problem of a decoded document; an empty list means it is valid.

    `limits` maps fields ("node.unit") to their longest text (default: FIELD_LIMITS).
    """
    checker = _Checker(limits)
    checker.document(data)
    return checker.problems


_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def nesting_depth(text: str) -> int:
    """How deeply the arrays and objects of a JSON text nest, in one pass (strings skipped)."""
    depth = deepest = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "]}":
            depth -= 1
    return deepest


def _refuse_constant(name: str) -> Any:
    raise _NotFinite(name)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999 decodes to infinity
        raise _NotFinite(text)
    return value


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _TooLong(text)
    return int(text)


class _NotFinite(ValueError):
    pass


class _TooLong(ValueError):
    pass


def decode_json(text: str | bytes) -> Any:
    """Decode a JSON document, raising InvalidDocument for anything a plan cannot hold.

    Never lets a RecursionError or a ValueError of the decoder through: deep
    nesting, huge integers and NaN/Infinity each get a problem of their own.
    """
    try:
        if isinstance(text, bytes):
            text = text.decode(json.detect_encoding(text), "surrogatepass")
    except UnicodeDecodeError as exc:
        raise InvalidDocument([Problem("", "not_json", (("detail", str(exc)),))]) from None
    if nesting_depth(text) > MAX_DEPTH:
        raise InvalidDocument([Problem("", "too_deep", (("limit", str(MAX_DEPTH)),))])
    try:
        return json.loads(
            text, parse_constant=_refuse_constant, parse_float=_finite_float, parse_int=_bounded_int
        )
    except _NotFinite:
        raise InvalidDocument([Problem("", "not_finite")]) from None
    except _TooLong:
        raise InvalidDocument([Problem("", "number_too_long", (("limit", str(MAX_DIGITS)),))]) from None
    except json.JSONDecodeError as exc:
        raise InvalidDocument([Problem("", "not_json", (("detail", str(exc)),))]) from None
    except RecursionError:
        raise InvalidDocument([Problem("", "too_deep", (("limit", str(MAX_DEPTH)),))]) from None
    except ValueError as exc:  # any other limit of the decoder
        raise InvalidDocument([Problem("", "not_json", (("detail", str(exc)[:200]),))]) from None


def load_plan(text: str | bytes, limits: Mapping[str, int] | None = None) -> Plan:
    """Decode, validate and convert a JSON document; raise InvalidDocument on any fault."""
    data = decode_json(text)
    problems = validate_document(data, limits)
    if problems:
        raise InvalidDocument(problems)
    return Plan.from_dict(data)


def dump_plan(plan: Plan, with_ids: bool = False) -> str:
    """The document as JSON text, UTF-8 characters as they are, two-space indent; ids only if asked."""
    return json.dumps(plan.to_dict(with_ids), ensure_ascii=False, indent=2) + "\n"
