"""A table's header row printed as one line of text is a header, and the paragraph under it the
first column's first cell: a node of the level that column names."""

from __future__ import annotations

from seuranta.core.parsing.families import outline as outline_family
from seuranta.core.parsing.readers import read_bytes


def parse_text(text: str):
    return outline_family.parse(read_bytes(text.encode(), "sivu.txt")).plan


def test_a_flattened_header_row_is_no_node_and_its_first_cell_is_a_node_of_its_first_level():
    plan = parse_text(
        "Painopiste: Lasten ja nuorten hyvinvointi\n\n"
        "Tavoitteet Toimenpiteet Vastuutaho Mittarit\n"
        "Nuorten syrjäytymisen ehkäisy\n"
    )
    (area,) = plan.nodes
    assert area.title == "Lasten ja nuorten hyvinvointi"
    (goal,) = area.children
    assert (goal.level, goal.title) == ("Tavoite", "Nuorten syrjäytymisen ehkäisy")


def test_a_heading_that_names_levels_and_fields_in_a_sentence_is_no_header_row():
    plan = parse_text(
        "Tavoitteet, toimenpiteet ja mittarit\n\n"
        "Kunta seuraa hyvinvointia vuosittain ja raportoi valtuustolle.\n\n"
        "1. Liikunta lisääntyy\n"
        "2. Yksinäisyys vähenee\n"
    )
    assert [node.title for node in plan.nodes] == ["Liikunta lisääntyy", "Yksinäisyys vähenee"]


def test_a_header_glued_into_one_word_heads_a_row_printed_one_cell_a_line():
    plan = parse_text(
        "Mittarin toimenpiteet\n\n"
        "ToimenpideEteneminenVaikutus\n"
        "12Pyöräteiden talvikunnossapito\n"
        "Aikataulussa\n\n"
        "Lisätietoja mittarista saa ympäristöpalveluista.\n"
    )
    action = next(node for node in plan.nodes if node.level == "Toimenpide" or node.children)
    action = action if action.level == "Toimenpide" else action.children[0]
    assert action.title == "Pyöräteiden talvikunnossapito"
    assert [p.text for p in action.progress] == ["Aikataulussa"]


def test_lines_after_a_first_cell_and_a_blank_line_stay_in_the_document():
    plan = parse_text(
        "Painopiste: Osallisuus\n\n"
        "Tavoitteet Toimenpiteet Vastuutaho Mittarit\n"
        "Nuorten osallisuus vahvistuu\n\n"
        "A. Nuorisovaltuuston toiminnan tukeminen\n"
    )
    titles = []

    def walk(nodes):
        for node in nodes:
            titles.append(node.title)
            walk(node.children)

    walk(plan.nodes)
    assert "Nuorisovaltuuston toiminnan tukeminen" in titles


def test_a_short_line_over_a_flattened_table_is_its_caption_not_a_node():
    plan = parse_text(
        "Mittarin toimenpiteet\n\n"
        "ToimenpideEteneminenVaikutus\n"
        "12Pyöräteiden talvikunnossapito\n"
        "Aikataulussa\n"
    )
    (action,) = plan.nodes
    assert (action.level, action.title) == ("Toimenpide", "Pyöräteiden talvikunnossapito")
