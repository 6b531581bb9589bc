"""Layout profiles: what the importer knows of a family of documents, read from data files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from seuranta.core.parsing import layouts


@pytest.mark.parametrize("name", layouts.names())
def test_every_layout_file_loads_with_roles_and_words(name):
    layout = layouts.load(name)
    assert layout.columns
    assert all(column.role and column.words for column in layout.columns.values())


def test_the_family_layouts_are_all_kept_as_data():
    assert {"brochure", "goal_table", "keyword_blocks", "narrative", "spreadsheet"} <= set(layouts.names())


def test_level_order_gives_each_level_its_rank_from_the_top():
    layout = layouts.parse("x", {"levels": ["Teema", "Tavoite", "Toimenpide"]})
    assert layout.level_rank() == {"Teema": 0, "Tavoite": 1, "Toimenpide": 2}


def test_column_words_are_found_in_any_case():
    layout = layouts.parse(
        "x", {"columns": {"goal": {"role": "goal", "level": "Tavoite", "words": ["TAVOITE"]}}}
    )
    assert layout.column_words()["tavoite"].level == "Tavoite"


def test_a_column_without_a_role_is_refused_naming_the_layout_and_column():
    with pytest.raises(ValueError, match="layout broken: column 'goal' has no role"):
        layouts.parse("broken", {"columns": {"goal": {"words": ["tavoite"]}}})


def test_a_hint_that_is_not_a_number_is_refused():
    with pytest.raises(ValueError, match="layout broken"):
        layouts.parse("broken", {"hints": {"width": "wide"}})


def test_a_pattern_prefers_the_longest_word_and_escapes_punctuation():
    pattern = layouts.alternatives(["Vastuu", "Vastuuhenkilö(t)"])
    assert re.match(rf"(?:{pattern})", "Vastuuhenkilö(t): x").group(0) == "Vastuuhenkilö(t)"


@pytest.mark.parametrize("name", layouts.names())
def test_every_word_table_of_a_layout_file_is_read_by_its_family(name):
    """Data nobody reads drifts from the code: each named list, map and hint is asked for."""
    families = Path(layouts.__file__).parent / "families"
    source = "".join(path.read_text("utf-8") for path in sorted(families.glob(f"{name}*.py")))
    layout = layouts.load(name)
    for key in [*layout.lists, *layout.maps, *layout.hints]:
        assert f'"{key}"' in source or f"'{key}'" in source, key
