"""Roles with reasons: each decided line's rules and confidence, and warnings from low confidence."""

from seuranta.core.parsing.confidence import LOW_CONFIDENCE, warnings
from seuranta.core.parsing.document import SourceLine
from seuranta.core.parsing.families import outline as outline_family
from seuranta.core.parsing.readers import read_bytes

UNNAMED = "Kehittämisohjelma\n\nLIIKUNTA\n• Pyöräteitä lisätään\n• Uimahalli peruskorjataan\n"
NAMED = "Ohjelma 2025\n\nTavoite 1: Liikunta lisääntyy\n\nMittari: Kävijät\n\nTavoite 2: Kulttuuri\n"


def read(text: str):
    return outline_family.parse(read_bytes(text.encode(), "a.txt"))


def traced(result, text: str) -> SourceLine:
    return next(line for line in result.lines if line.text == text)


def test_a_node_records_its_depth_and_every_rule_that_placed_it():
    line = traced(read(UNNAMED), "Pyöräteitä lisätään")
    assert (line.role, line.depth) == ("node", 2)
    assert line.rules == ("style:bullet:•", "level:default:Toimenpide")


def test_a_guessed_level_is_low_confidence_and_a_named_one_is_not():
    assert traced(read(UNNAMED), "LIIKUNTA").confidence < LOW_CONFIDENCE
    named = traced(read(NAMED), "Liikunta lisääntyy")
    assert "level:word" in named.rules and named.confidence >= 0.9


def test_nodes_guessed_the_same_way_give_one_warning_located_at_the_first():
    guessed = [w for w in read(UNNAMED).warnings if w.code == "low_confidence:level:default"]
    assert [(w.path, w.field) for w in guessed] == [
        (("LIIKUNTA",), "level"),
        (("LIIKUNTA", "Pyöräteitä lisätään"), "level"),
    ]
    assert '"Toimenpide" on arvaus' in guessed[1].message


def test_a_plan_whose_levels_the_document_names_has_no_level_warning():
    assert not [w for w in read(NAMED).warnings if w.code.startswith("low_confidence")]


def test_paragraphs_offered_as_items_are_warned_of_through_their_confidence():
    result = read("Tämä on kappale. Toinen lause.\nKolmas kappale on täällä, eikä rakennetta ole.\n")
    assert [line.rules for line in result.lines] == [("paragraph",), ("paragraph",)]
    assert [w.code for w in result.warnings if w.code.startswith("low")] == ["low_confidence:paragraph"]


def test_any_low_confidence_rule_gets_a_warning_naming_it():
    line = SourceLine(3, "Jotain", "indicator", "guess:x", 0.1)
    (warning,) = warnings([line], {})
    assert warning.code == "low_confidence:guess:x" and "guess:x" in warning.message


def test_ignored_and_sure_lines_give_no_warning():
    lines = [SourceLine(0, "a", "ignore", "unused", 0.0), SourceLine(1, "b", "target", "lexicon:fi:x", 0.8)]
    assert warnings(lines, {}) == []
