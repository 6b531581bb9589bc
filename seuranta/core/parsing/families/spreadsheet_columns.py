"""The spreadsheet family's column vocabulary (headers, level names, sheet names) and a sheet's layout.

The vocabulary is data: `seuranta/core/parsing/layouts/spreadsheet.json`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from seuranta.core.parsing import layouts

_LAYOUT = layouts.load("spreadsheet")
# field -> (the template's Finnish header, other accepted headers: Finnish variants, Swedish, English)
COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    column.role: (column.header or column.role, column.words) for column in _LAYOUT.columns.values()
}
INDICATOR_FIELDS = ("indicator", "indicator_unit", "source", "baseline", "target", "actual")

# Target kinds offered in the template's drop-down list (Finnish first), and accepted synonyms.
TARGET_KINDS = _LAYOUT.maps["target_kinds"]
KIND_SYNONYMS = _LAYOUT.maps["kind_synonyms"]
# Level names accepted as level column headers, mapped to their singular form.
LEVEL_NAMES = _LAYOUT.maps["level_names"]
YEAR_FIELDS = _LAYOUT.maps["year_fields"]


NUMBERED_LEVEL = re.compile(
    rf"^(?:{layouts.alternatives(_LAYOUT.lists['numbered_level_words'])})\s*(\d{{1,2}})(?:\s*[:(\-–]\s*([^)]*)\)?)?$",
    re.I,
)
YEAR_COLUMN = re.compile(
    rf"^({layouts.alternatives(list(YEAR_FIELDS))})\s*(\d{{4}}(?:[-/]\d{{2,4}})?)$", re.I
)

INFO_SHEETS = _LAYOUT.words("info_sheets")
GUIDE_SHEETS = _LAYOUT.words("guide_sheets")
EXAMPLE_SHEETS = _LAYOUT.words("example_sheets")
INFO_KEYS = {
    "title": _LAYOUT.words("info_title"),
    "organization": _LAYOUT.words("info_organization"),
    "period": _LAYOUT.words("info_period"),
    "levels": _LAYOUT.words("info_levels"),
}


def header_key(text: str) -> str:
    """A header or label compared loosely: case, spacing, punctuation and a trailing asterisk ignored."""
    text = unicodedata.normalize("NFC", text).casefold().replace("\u00a0", " ")
    text = re.sub(r"[^\w%]+", " ", text)
    return " ".join(text.split())


FIELD_BY_HEADER = {header_key(header): name for name, (header, _) in COLUMNS.items()}
FIELD_BY_HEADER.update(
    {header_key(alias): name for name, (_, aliases) in COLUMNS.items() for alias in aliases}
)


@dataclass
class Column:
    index: int
    header: str
    field: str  # a COLUMNS key, "level", or "baseline"/"target"/"actual" with a fixed period
    level_name: str | None = None
    period: str | None = None


@dataclass
class Layout:
    header_row: int
    levels: list[Column] = field(default_factory=list)
    fields: dict[str, Column] = field(default_factory=dict)
    year_columns: list[Column] = field(default_factory=list)
    unknown: list[Column] = field(default_factory=list)
    duplicates: list[Column] = field(default_factory=list)


def classify_header(header: str) -> tuple[str, str | None, str | None] | None:
    """What a header names: ("level", level name or None, number), (field, None, None),
    ("baseline"/"target"/"actual", None, period) for a year column, or None when unknown."""
    raw = " ".join(header.replace("\u00a0", " ").split()).rstrip(" *:")
    numbered = NUMBERED_LEVEL.match(raw)
    if numbered:
        name = numbered.group(2).strip() if numbered.group(2) else None
        return (
            "level",
            LEVEL_NAMES.get(header_key(name), name[:1].upper() + name[1:]) if name else None,
            numbered.group(1),
        )
    year = YEAR_COLUMN.match(raw)
    if year:
        return YEAR_FIELDS[year.group(1).casefold()], None, year.group(2)
    key = header_key(raw)
    if key in FIELD_BY_HEADER:
        return FIELD_BY_HEADER[key], None, None
    without_hint = header_key(re.sub(r"\([^)]*\)", " ", raw))
    if without_hint in FIELD_BY_HEADER:
        return FIELD_BY_HEADER[without_hint], None, None
    if key in LEVEL_NAMES or without_hint in LEVEL_NAMES:
        return "level", LEVEL_NAMES.get(key) or LEVEL_NAMES[without_hint], None
    return None


def find_layout(rows: list[list[str]]) -> Layout | None:
    """The header row (among the first ten) and what each column holds, or None."""
    for index, row in enumerate(rows[:10]):
        kinds = [classify_header(cell) if cell.strip() else None for cell in row]
        known = [k for k in kinds if k is not None]
        fields = {k[0] for k in known if k[0] != "level"}
        levels = [k for k in known if k[0] == "level"]
        if len(fields) + min(len(levels), 1) >= 2 or (len(levels) >= 2 and len(known) == len(levels)):
            return _layout(index, row, kinds)
    return None


def _layout(index: int, row: list[str], kinds: list[tuple[str, str | None, str | None] | None]) -> Layout:
    layout = Layout(header_row=index)
    first_field = next((i for i, k in enumerate(kinds) if k is not None and k[0] != "level"), len(row))
    for i, (header, kind) in enumerate(zip(row, kinds, strict=True)):
        header = " ".join(header.split())
        if not header:
            continue
        if kind is None:
            if i < first_field:  # an unknown header left of the fields: a level named as the document does
                layout.levels.append(Column(i, header, "level", header[:1].upper() + header[1:]))
            else:
                layout.unknown.append(Column(i, header, "unknown"))
        elif kind[0] == "level":
            layout.levels.append(Column(i, header, "level", kind[1]))
        elif kind[2] is not None:
            layout.year_columns.append(Column(i, header, kind[0], period=kind[2]))
        elif kind[0] in layout.fields:
            layout.duplicates.append(Column(i, header, kind[0]))
        else:
            layout.fields[kind[0]] = Column(i, header, kind[0])
    return layout
