"""Layout profiles: what the importer knows about a family of documents, kept as data.

Each file `layouts/<name>.json` describes one layout the importer has met (a keyword-block
plan, a goal table, a brochure, a narrative service plan, the Seuranta spreadsheet template)
by the words it uses, not by code:

- `levels`: the layout's level names, top first (its level order);
- `columns`: its column map: each entry a role ("goal", "indicator", "baseline", a
  spreadsheet field ...), the header or label words that name it, and for level columns
  the level name they give ("Toimenpiteet" -> Toimenpide), or the template's own header;
- `maps`: other word -> value tables (a plural level word to its level, a target-kind
  word to its kind ...);
- `lists`: closed word lists (sheet names to skip, words that start a level value ...);
- `hints`: numbers that describe the layout's template (a column's width in characters).

The code that reads a layout asks for its data by name; a file that lacks a name it asks for
is an error at load time, not a silent empty list.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Column:
    role: str
    words: tuple[str, ...]
    level: str | None = None  # the level a level column gives its items
    header: str | None = None  # the header a template prints for this column


@dataclass(frozen=True)
class Layout:
    name: str
    levels: tuple[str, ...]
    columns: dict[str, Column]
    maps: dict[str, dict[str, str]]
    lists: dict[str, tuple[str, ...]]
    hints: dict[str, float]

    def column_words(self) -> dict[str, Column]:
        """Every column word (lower case) to the column it names."""
        return {word.lower(): column for column in self.columns.values() for word in column.words}

    def level_rank(self) -> dict[str, int]:
        """A level name's place in the layout's level order, 0 at the top."""
        return {level: rank for rank, level in enumerate(self.levels)}

    def words(self, name: str) -> frozenset[str]:
        return frozenset(self.lists[name])

    def pattern(self, column: str) -> str:
        """A regular-expression alternation of a column's words (escaped, longest first)."""
        return alternatives(self.columns[column].words)


def alternatives(words: Iterable[str]) -> str:
    """Words as an alternation for a regular expression, escaped and longest first."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def _column(name: str, data: dict[str, Any]) -> Column:
    if not isinstance(data.get("role"), str) or not data["role"]:
        raise ValueError(f"column {name!r} has no role")
    return Column(
        role=data["role"],
        words=tuple(data.get("words", ())),
        level=data.get("level"),
        header=data.get("header"),
    )


def parse(name: str, raw: dict[str, Any]) -> Layout:
    """A layout from its JSON data; a malformed entry raises ValueError naming it."""
    try:
        return Layout(
            name=name,
            levels=tuple(str(level) for level in raw.get("levels", ())),
            columns={key: _column(key, value) for key, value in raw.get("columns", {}).items()},
            maps={
                key: {str(k): str(v) for k, v in value.items()} for key, value in raw.get("maps", {}).items()
            },
            lists={key: tuple(str(word) for word in value) for key, value in raw.get("lists", {}).items()},
            hints={key: float(value) for key, value in raw.get("hints", {}).items()},
        )
    except (AttributeError, TypeError, ValueError) as exc:
        raise ValueError(f"layout {name}: {exc}") from exc


def names() -> list[str]:
    folder = resources.files(__package__).joinpath("layouts")
    return sorted(item.name.removesuffix(".json") for item in folder.iterdir() if item.name.endswith(".json"))


@cache
def load(name: str) -> Layout:
    text = resources.files(__package__).joinpath("layouts", f"{name}.json").read_text("utf-8")
    return parse(name, json.loads(text))
