"""A web page about one item (an action of a climate watch, a measure of a follow-up site): its
title beside its identifier is the one node; sub-headings, terms and dated tasks are its text
and fields, not nodes of their own."""

from __future__ import annotations

from seuranta.core.parsing.families import outline as outline_family
from seuranta.core.parsing.readers import read_bytes

ACTION_PAGE = (
    "Toimenpiteet\n\n"
    "Edellinen\n\n"
    "12\n"
    "Pyöräteiden talvikunnossapito\n\n"
    "Parannetaan pääpyöräreittien talvihoitoa\n\n"
    "Pääreitit aurataan ennen aamuliikennettä ja hiekoitus korvataan harjasuolauksella.\n\n"
    "Vastuutahot\n"
    "Kadunpito\n"
    "Liikennesuunnittelu\n\n"
    "Eteneminen\n"
    "Käynnissä\n\n"
    "Tehtävät\n\n"
    " • 31.10.2024 | Reitit on valittu\n"
    " • 31.03.2025 | Kokeilu on arvioitu\n"
)


def parse_text(text: str):
    return outline_family.parse(read_bytes(text.encode(), "sivu.txt")).plan


def test_a_page_about_one_action_is_one_node_titled_beside_its_identifier():
    (node,) = parse_text(ACTION_PAGE).nodes
    assert node.title == "Pyöräteiden talvikunnossapito"
    assert node.level == "Toimenpide"  # the breadcrumb over the identifier names it
    assert not node.children


def test_the_terms_of_a_page_fill_its_item_and_dated_tasks_are_its_milestones():
    (node,) = parse_text(ACTION_PAGE).nodes
    assert node.responsible == ["Kadunpito", "Liikennesuunnittelu"]
    assert [p.text for p in node.progress] == ["Käynnissä"]
    assert [(m.due, m.title) for m in node.milestones] == [
        ("31.10.2024", "Reitit on valittu"),
        ("31.03.2025", "Kokeilu on arvioitu"),
    ]


def test_a_term_alone_over_a_blank_line_heads_the_paragraph_after_it():
    page = (
        "Minska matsvinnet i skolköken\n\n"
        "Åtgärd B4. 1.2\n\n"
        "Resultat\n\n"
        "Svinnet mättes i alla skolor och minskade under året.\n\n"
        "Ansvarig organisation\n"
        " • Barn- och utbildningsnämnden\n"
    )
    (node,) = parse_text(page).nodes
    assert node.title == "Minska matsvinnet i skolköken"
    assert [p.text for p in node.progress] == ["Svinnet mättes i alla skolor och minskade under året."]
    assert node.responsible == ["Barn- och utbildningsnämnden"]


def test_a_numbered_list_of_actions_is_not_read_as_a_page_about_one():
    plan = parse_text(
        "Toimenpiteet\n\n"
        "1. Pyöräteiden talvikunnossapito\n"
        "Vastuutaho: Kadunpito\n\n"
        "2. Koulujen energiansäästö\n"
        "Vastuutaho: Tilapalvelut\n"
    )
    assert [node.title for node in plan.nodes] == ["Pyöräteiden talvikunnossapito", "Koulujen energiansäästö"]


def test_an_identifier_of_several_levels_in_front_of_the_title_marks_the_page_item():
    page = (
        "Toimenpiteet\n\n"
        "3.1.2 Kaukolämmön päästöjen vähentäminen\n\n"
        "Kuvaus\n\n"
        "Hiilen käytöstä luovutaan lämpölaitoksilla.\n\n"
        "Vastuutahot\n"
        "Energiayhtiö\n\n"
        "Aikataulu\n"
        "2022–2026\n"
    )
    (node,) = parse_text(page).nodes
    assert node.title == "Kaukolämmön päästöjen vähentäminen"
    assert node.responsible == ["Energiayhtiö"]
    assert node.schedule == "2022–2026"


def test_without_an_identifier_the_title_after_a_breadcrumb_needs_two_field_names():
    page = (
        "Toimenpiteet\n"
        "Koulujen energiansäästö\n\n"
        "Lämpötiloja lasketaan iltaisin ja viikonloppuisin.\n\n"
        "Vastuutahot\n"
        "Tilapalvelut\n\n"
        "Eteneminen\n"
        "Valmis\n"
    )
    (node,) = parse_text(page).nodes
    assert node.title == "Koulujen energiansäästö"
    assert node.responsible == ["Tilapalvelut"] and [p.text for p in node.progress] == ["Valmis"]


def test_the_title_is_found_past_a_word_of_navigation_after_its_identifier():
    page = (
        "Ilmastovahti\n\n"
        "3\n\n"
        "Toimenpiteet\n"
        "5.2.1\n"
        "Toimenpide\n"
        "Taksien ja kuljetuspalvelujen sähköistäminen\n\n"
        "Kilpailutuksissa edellytetään vähäpäästöisiä ajoneuvoja.\n\n"
        "Vastuutahot\n"
        "Hankintapalvelut\n"
    )
    (node,) = parse_text(page).nodes
    assert node.title == "Taksien ja kuljetuspalvelujen sähköistäminen"
    assert node.responsible == ["Hankintapalvelut"]


def test_a_page_opening_with_the_items_description_is_named_by_that_sentence():
    page = (
        "TOIMENPITEEN KUVAUS\n\n"
        "Kunnostetaan kaupungin purojen kalaportaat.\n\n\n"
        "TOTEUTUSTILANNE\n\n"
        "Käynnissä. Kaksi kalaporttia on valmistunut.\n\n\n"
        "VASTUUTAHOT\n\n"
        "Kaupunkiympäristö\n"
    )
    (node,) = parse_text(page).nodes
    assert node.title == "Kunnostetaan kaupungin purojen kalaportaat"
    assert node.responsible == ["Kaupunkiympäristö"]
    assert [p.text for p in node.progress] == ["Käynnissä. Kaksi kalaporttia on valmistunut."]


def test_a_page_headed_by_a_multi_level_identifier_is_one_item_even_without_its_fields():
    page = (
        "Toimenpiteet\n\n"
        "2.4.1\n"
        "Kaukolämmön hukkalämpöjen hyödyntäminen\n\n"
        "Datakeskusten hukkalämpö otetaan talteen kaukolämpöverkkoon.\n\n"
        "Ensimmäinen lämpöpumppulaitos valmistuu satamaan.\n"
    )
    (node,) = parse_text(page).nodes
    assert node.title == "Kaukolämmön hukkalämpöjen hyödyntäminen"


def test_a_lone_number_over_a_heading_without_fields_is_no_page_of_one_item():
    plan = parse_text("12\nKaupunkistrategia\n\nStrategiassa on kaksi tavoitetta.\n\n1. Työ\n2. Asuminen\n")
    assert [node.title for node in plan.nodes] == ["Työ", "Asuminen"]


def test_a_paragraph_under_an_indicator_term_is_prose_not_more_indicators():
    plan = parse_text(
        "Pyöräilyn edistäminen\n\n"
        "Mittari\n"
        "Pyöräilyn kulkumuoto-osuus\n\n"
        "Osuus mitataan joka syksy liikennelaskennoissa. Tulokset julkaistaan keväällä.\n"
    )
    (node,) = plan.nodes
    assert [indicator.name for indicator in node.indicators] == ["Pyöräilyn kulkumuoto-osuus"]
