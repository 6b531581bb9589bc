"""The general reader on reports converted page by page (evaluation, personnel and welfare
reports): tables of contents that lost their numbers, headings run on with their text, cover
lines, key-figure tables under a run of years, and chapter headings that only name levels."""

from __future__ import annotations

from seuranta.core.parsing import parse_bytes
from seuranta.core.parsing.document import Paragraph
from seuranta.core.parsing.families import outline as outline_family
from seuranta.core.parsing.inline_lists import split_inline_list
from seuranta.core.parsing.page_numbers import strip_page_numbers
from seuranta.core.parsing.readers import read_bytes


def parse_text(text: str):
    return outline_family.parse(read_bytes(text.encode(), "raportti.txt")).plan


def titles(nodes) -> list[str]:
    return [node.title for node in nodes]


def test_a_contents_chapter_in_capitals_naming_a_level_gives_its_sections_as_nodes():
    plan = parse_text(
        "Sisällys 1 JOHDANTO OHJELMAN TAVOITTEET Palvelut Asuminen Liikenne "
        "TALOUDEN TILANNE Tulot Menot LIITTEET\n"
    )
    assert titles(plan.nodes) == ["Palvelut", "Asuminen", "Liikenne"]


def test_dashed_contents_entries_under_a_chapter_naming_a_level_are_its_nodes():
    plan = parse_text(
        "Sisällysluettelo Esipuhe 2 1. Arvio 1.1 Toiminnalliset tavoitteet, - opetuksen "
        "vastuualue 5 - kulttuurin vastuualue 7 - ympäristön vastuualue 9 Muut asiat "
        "2. Talous 2.1 Tulot 2.2 Menot\n"
    )
    assert titles(plan.nodes)[:3] == [
        "opetuksen vastuualue",
        "kulttuurin vastuualue",
        "ympäristön vastuualue",
    ]
    assert "Toiminnalliset tavoitteet" not in titles(plan.nodes)


def test_a_contents_line_without_its_heading_word_is_read_by_its_chapters_in_capitals():
    plan = parse_text(
        "KUNNAN VUOSIKATSAUS 2020\n\n"
        "KUNNAN VUOSIKATSAUS ASUKKAAT JA PALVELUT Väestö Koulut Terveys YMPÄRISTÖ Puistot Vesistöt "
        "TALOUS JA HALLINTO Verotulot Lainat\n"
    )
    assert titles(plan.nodes) == ["ASUKKAAT JA PALVELUT", "YMPÄRISTÖ", "TALOUS JA HALLINTO"]
    assert titles(plan.nodes[1].children) == ["Puistot", "Vesistöt"]


def test_the_last_short_item_of_a_run_together_list_gives_back_the_paragraph_it_swallowed():
    parts = split_inline_list(
        "2 PAINOPISTEET 2.1 Liikunta 2.2 Kulttuuri 2.3 Nuoriso Ohjelmaa jatkettiin vuoden 2021 loppuun ja "
        "sen toteutumista seurattiin."
    )
    assert parts is not None
    assert ("Nuoriso", "dec2") in parts
    assert parts[-1] == ("Ohjelmaa jatkettiin vuoden 2021 loppuun ja sen toteutumista seurattiin.", None)


def test_a_numbered_heading_in_capitals_run_on_with_its_paragraph_is_split_from_it():
    plan = parse_text(
        "1. HENKILÖSTÖN RAKENNE Henkilöstön määrä kasvoi vuoden aikana kahdella prosentilla.\n\n"
        "2. TYÖHYVINVOINTI Sairauspoissaolot vähenivät edellisestä vuodesta selvästi.\n\n"
        "3. OSAAMINEN Koulutuspäiviä kertyi keskimäärin kolme henkilöä kohden.\n"
    )
    assert titles(plan.nodes) == ["HENKILÖSTÖN RAKENNE", "TYÖHYVINVOINTI", "OSAAMINEN"]


def test_cover_lines_repeating_the_title_are_not_nodes():
    plan = parse_text(
        "VUOSIRAPORTTI 2019\n\n"
        "VUOSIRAPORTTI 2019 ESIMERKKILÄN KUNTAYHTYMÄ\n\n"
        "Tavoite 1: Palvelut ovat saavutettavia\n"
        "Tavoite 2: Talous on tasapainossa\n"
    )
    assert titles(plan.nodes) == ["Palvelut ovat saavutettavia", "Talous on tasapainossa"]


def test_a_key_figure_table_under_years_newest_first_keeps_each_value_in_its_year():
    plan = parse_text(
        "Henkilöstöraportti 2016\n\n"
        "Tunnusluvut\n\n"
        "2016 2015 2014\n"
        "Henkilöstömäärä vuoden lopussa 338 337 332\n"
        "Vakituisten osuus, % 92,0 92,9 95,2\n\n"
        "Tavoite 1: Osaava henkilöstö\n"
    )
    indicators = [indicator for node in plan.nodes for indicator in node.indicators]
    staff = next(indicator for indicator in indicators if indicator.name.startswith("Henkilöstömäärä"))
    assert [(m.value, m.period) for m in staff.actuals] == [(338, "2016"), (337, "2015"), (332, "2014")]


def test_a_chapter_heading_that_only_names_two_levels_is_no_node():
    plan = parse_text(
        "Hyvinvointikertomus\n\n"
        "Tavoitteet ja toimenpiteet\n\n"
        "1. Lasten harrastaminen lisääntyy\n"
        "- Harrastuskerhot kouluille\n"
        "2. Ikäihmisten yksinäisyys vähenee\n"
        "- Kylätalojen kohtaamispaikat\n"
    )
    assert titles(plan.nodes) == ["Lasten harrastaminen lisääntyy", "Ikäihmisten yksinäisyys vähenee"]
    assert plan.nodes[0].level == "Tavoite"
    assert titles(plan.nodes[0].children) == ["Harrastuskerhot kouluille"]


def test_such_a_heading_does_not_make_a_welfare_plan_a_goal_table():
    result = parse_bytes(
        "Tavoitteet ja toimenpiteet\n\n1. Liikunta lisääntyy\n- Lähiliikuntapaikat\n"
        "2. Yksinäisyys vähenee\n- Kohtaamispaikat\n".encode(),
        "suunnitelma.txt",
    )
    assert result.family == "outline"


def test_a_faintly_recognised_family_leaves_the_document_to_the_general_reader():
    result = parse_bytes(
        "Henkilöstöohjelma\n\nTavoite 1: Osaava henkilöstö\nTavoite 2: Hyvinvoiva työyhteisö\n".encode(),
        "ohjelma.txt",
    )
    assert result.family == "outline"
    assert titles(result.plan.nodes) == ["Osaava henkilöstö", "Hyvinvoiva työyhteisö"]


def test_two_numbered_pages_of_converted_text_lose_their_page_numbers():
    page = "Sivun teksti jatkuu pitkään. " * 12
    blocks = strip_page_numbers([Paragraph("1 " + page), Paragraph("2 1. JOHDANTO " + page)])
    assert [block.text[:12] for block in blocks] == [page[:12], "1. JOHDANTO "]


def test_two_numbered_headings_keep_their_numbers():
    blocks = strip_page_numbers([Paragraph("1 Johdanto"), Paragraph("2 Tavoitteet")])
    assert [block.text for block in blocks] == ["1 Johdanto", "2 Tavoitteet"]


def test_figures_a_report_states_in_its_prose_are_indicators_with_actual_values():
    plan = parse_text(
        "HENKILÖSTÖ\n\n"
        "Vakinaisten määrä oli vuoden lopussa 412, mikä on enemmän kuin ennen. "
        "Sijaisten osuus henkilöstöstä oli 14 % ja se kasvoi hieman.\n"
    )
    (node,) = plan.nodes
    assert [(i.name, [m.value for m in i.actuals]) for i in node.indicators] == [
        ("Vakinaisten määrä", [412]),
        ("Sijaisten osuus henkilöstöstä", [14]),
    ]


def test_one_figure_in_a_goals_prose_is_no_reported_indicator():
    plan = parse_text(
        "Tavoite 1: Palvelut paranevat\n\nAsiakkaita oli viime vuonna 300. Palvelua kehitetään.\n"
    )
    assert not any(node.indicators for node in plan.nodes)
