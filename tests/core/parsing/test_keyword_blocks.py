"""The keyword-block family: labelled blocks (PAINOPISTE / TAVOITE / TEKO / TOIMENPIDE / MITTARI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seuranta.core.model import Node, Plan
from seuranta.core.parsing import parse_document
from seuranta.core.parsing.document import Document, ParseResult
from seuranta.core.parsing.families import keyword_blocks
from seuranta.core.parsing.readers.txt import read
from tests.support.score_import import score_document

DATA = Path(__file__).resolve().parents[2] / "data"
OWN_CORPUS = ("pori-konsernipalvelut-tavoitteet-2026", "pori-sivistystoimiala-toteutuminen-q1-2023")
OTHER_CORPUS = (
    "kokkola-henkilostoohjelma-2022-2025",
    "laitila-hallintotoimi-palvelusuunnitelma",
    "pori-henkilostostrategia-2026",
)


def doc(text: str) -> Document:
    return read(text.encode("utf-8"), "test.txt")


def parse(text: str) -> ParseResult:
    return keyword_blocks.parse(doc(text))


def plan(text: str) -> Plan:
    result = parse(text)
    assert result.plan is not None
    return result.plan


def nodes(text: str) -> list[Node]:
    return [node for node, _ in plan(text).walk()]


def by_title(text: str, title: str) -> Node:
    return next(node for node in nodes(text) if node.title == title)


def action(text: str) -> Node:
    return next(node for node in nodes(text) if node.level == "Toimenpide")


BLOCK = """\
PAINOPISTE Kasvava kunta

TAVOITE Yritysten määrä kasvaa

TEKO Yrityspalvelut yhteen paikkaan

TOIMENPIDE Avataan yrityspalvelupiste.

MITTARI Yrityspalvelupiste avattu
Lähtötaso Tavoitetaso
Ei Kyllä
"""


# -- detection ------------------------------------------------------------------------------


def test_detect_is_confident_for_labelled_blocks():
    assert keyword_blocks.detect(doc(BLOCK)) >= 0.8


def test_detect_is_zero_for_prose():
    assert keyword_blocks.detect(doc("Kaupunki kehittää palveluitaan.\nTavoite on hyvä.\n")) == 0.0


def test_detect_is_low_for_one_stray_label():
    assert keyword_blocks.detect(doc("PAINOPISTEET\nHenkilöstö voi hyvin.\n")) < 0.5


@pytest.mark.parametrize("name", OWN_CORPUS)
def test_detect_is_confident_for_own_corpus(name):
    text = (DATA / "corpus" / f"{name}.txt").read_bytes()
    assert keyword_blocks.detect(read(text, f"{name}.txt")) >= 0.8


@pytest.mark.parametrize("name", OTHER_CORPUS)
def test_detect_is_low_for_other_families(name):
    text = (DATA / "corpus" / f"{name}.txt").read_bytes()
    assert keyword_blocks.detect(read(text, f"{name}.txt")) < 0.5


# -- tree --------------------------------------------------------------------------------------


def test_levels_come_from_labels_in_hierarchy_order():
    assert plan(BLOCK).levels == ["Painopiste", "Tavoite", "Teko", "Toimenpide"]


def test_labels_nest_top_down():
    top = plan(BLOCK).nodes[0]
    assert [top.title, top.children[0].title, top.children[0].children[0].children[0].title] == [
        "Kasvava kunta",
        "Yritysten määrä kasvaa",
        "Avataan yrityspalvelupiste.",
    ]


def test_cell_of_several_paragraphs_is_one_title():
    text = BLOCK.replace(
        "TAVOITE Yritysten määrä kasvaa\n", "TAVOITE Yritysten määrä kasvaa.\n\nTyöpaikat lisääntyvät.\n"
    )
    assert by_title(text, "Yritysten määrä kasvaa. Työpaikat lisääntyvät.").level == "Tavoite"


def test_bullet_glyphs_are_dropped_from_cells():
    text = BLOCK.replace(
        "TEKO Yrityspalvelut yhteen paikkaan\n", "TEKO Yrityspalvelut\n\n\uf0b7 Neuvonta\n\n\uf0b7 Rahoitus\n"
    )
    assert by_title(text, "Yrityspalvelut Neuvonta Rahoitus").level == "Teko"


def test_hyphenation_across_lines_is_undone_in_titles():
    text = BLOCK.replace(
        "TOIMENPIDE Avataan yrityspalvelupiste.",
        "TOIMENPIDE Avataan yrityspalvelu-\npiste ja tasa-\narvo-ohjelma.",
    )
    assert action(text).title == "Avataan yrityspalvelupiste ja tasa-arvo-ohjelma."


def test_title_case_labels_with_colon_are_labels():
    text = "Tavoite: Puhdas järvi\n\nToimenpide: Kunnostetaan ranta.\n\nMittari: Kunnostettu\nLähtötaso Tavoitetaso\nEi Kyllä\n"
    assert [(n.level, n.title) for n in nodes(text)] == [
        ("Tavoite", "Puhdas järvi"),
        ("Toimenpide", "Kunnostetaan ranta."),
    ]


def test_repeated_heading_merges_into_one_node():
    text = BLOCK + "\n" + BLOCK.replace("Avataan yrityspalvelupiste.", "Perustetaan yrittäjäverkosto.")
    assert [n.title for n in nodes(text)].count("Kasvava kunta") == 1
    assert len(by_title(text, "Yrityspalvelut yhteen paikkaan").children) == 2


def test_merge_ignores_case_and_keeps_most_common_spelling():
    second = BLOCK.replace("Kasvava kunta", "KASVAVA KUNTA").replace("Avataan", "Suunnitellaan")
    third = BLOCK.replace("Kasvava kunta", "KASVAVA KUNTA").replace("Avataan", "Laajennetaan")
    titles = [n.title for n in nodes(BLOCK + second + third) if n.level == "Painopiste"]
    assert titles == ["KASVAVA KUNTA"]


def test_merge_tolerates_a_typo_and_warns():
    second = BLOCK.replace("Kasvava kunta", "Kasvava kuntat").replace("Avataan", "Suunnitellaan")
    result = parse(BLOCK + second)
    assert [n.title for n, _ in result.plan.walk() if n.level == "Painopiste"] == ["Kasvava kunta"]
    warning = next(w for w in result.warnings if w.code == "merged_heading")
    assert (
        warning.path == ("Kasvava kunta",)
        and warning.field == "title"
        and "Kasvava kuntat" in warning.message
    )


def test_numbered_labels_with_same_text_stay_apart():
    text = "TAVOITE 1 Sama otsikko\nTOIMENPIDE Eka.\nTAVOITE 2 Sama otsikko\nTOIMENPIDE Toka.\n"
    assert [n.title for n in plan(text).nodes] == ["Sama otsikko", "Sama otsikko"]


def test_theme_line_above_painopiste_becomes_teema_node():
    result = plan("Yhteisöllinen kunta\n\n" + BLOCK)
    assert (result.nodes[0].level, result.nodes[0].title) == ("Teema", "Yhteisöllinen kunta")
    assert result.nodes[0].children[0].title == "Kasvava kunta"


def test_first_line_above_theme_is_document_title():
    result = plan(
        "Toiminnallisten tavoitteiden toteutuminen, tekninen toimiala\n\nYhteisöllinen kunta\n\n" + BLOCK
    )
    assert result.title == "Toiminnallisten tavoitteiden toteutuminen, tekninen toimiala"


def test_repeated_painopiste_without_theme_stays_under_its_theme():
    second = BLOCK.replace("Avataan yrityspalvelupiste.", "Perustetaan verkosto.")
    result = plan("Yhteisöllinen kunta\n\n" + BLOCK + "\nTekninen toimiala\n\n" + second)
    assert [n.title for n in result.nodes] == ["Yhteisöllinen kunta"]


def test_unit_heading_ends_the_theme_above_it():
    other = BLOCK.replace("Kasvava kunta", "Osaava kunta")
    result = plan("Yhteisöllinen kunta\n\n" + BLOCK + "\nPerusopetus\n\n" + other)
    assert [(n.level, n.title) for n in result.nodes] == [
        ("Teema", "Yhteisöllinen kunta"),
        ("Painopiste", "Osaava kunta"),
    ]


def test_teema_label_block_is_top_level():
    text = "Konsernipalvelut\nTEEMA Vastuullisuus\n\nTAVOITE Hyvä johtaminen\n\nTOIMENPIDE Koulutetaan esihenkilöt.\n"
    result = plan(text)
    assert (result.nodes[0].level, result.nodes[0].title) == ("Teema", "Vastuullisuus")
    assert result.levels == ["Teema", "Tavoite", "Toimenpide"]


def test_one_unit_goes_on_every_node():
    result = plan("Konsernipalvelut\n" + BLOCK)
    assert {n.unit for n, _ in result.walk()} == {"Konsernipalvelut"}


def test_several_units_go_on_the_lowest_nodes_only():
    second = BLOCK.replace("Avataan yrityspalvelupiste.", "Perustetaan verkosto.")
    result = plan("Sivistystoimiala\n\n" + BLOCK + "\nVarhaiskasvatus\n\n" + second)
    units = [(n.level, n.unit) for n, _ in result.walk()]
    assert ("Painopiste", None) in units
    assert ("Toimenpide", "Sivistystoimiala") in units and ("Toimenpide", "Varhaiskasvatus") in units


def test_unit_line_between_teko_and_toimenpide_is_not_teko_text():
    text = BLOCK.replace("TOIMENPIDE", "Sivistystoimiala\n\nTOIMENPIDE")
    assert by_title(text, "Yrityspalvelut yhteen paikkaan").level == "Teko"
    assert action(text).unit == "Sivistystoimiala"


def test_organization_is_inferred_from_place_names():
    text = "Laihialaisten hyvinvointi\n" + BLOCK.replace("Kasvava kunta", "Kasvava Laihia")
    assert plan(text).organization == "Laihian kunta"


def test_document_without_labels_gives_no_plan():
    result = parse("Pelkkää tekstiä ilman otsikoita.\n")
    assert result.plan is None and result.warnings[0].code == "no_plan"


# -- indicators --------------------------------------------------------------------------------


def test_state_levels_on_one_line():
    indicator = action(BLOCK).indicators[0]
    assert (indicator.baseline.text, indicator.baseline.kind) == ("Ei", "state")
    assert [(m.text, m.kind) for m in indicator.targets] == [("Kyllä", "state")]


def test_indicator_name_may_wrap_over_blank_lines():
    text = BLOCK.replace(
        "MITTARI Yrityspalvelupiste avattu\n",
        "MITTARI\n\nYrityspalvelupiste avattu ja \n\notettu käyttöön\n\n",
    )
    assert action(text).indicators[0].name == "Yrityspalvelupiste avattu ja otettu käyttöön"


def test_column_by_column_levels_are_paired_in_order_and_warned():
    region = "MITTARI\nAsiakastyytyväisyys\nSairauspoissaolot\n\nLähtötaso Tavoitetaso\n\n4,3\n\n9 844 pv\n\n4,5\n\n8 860 pv\n"
    result = parse(BLOCK.split("MITTARI")[0] + region)
    indicators = next(n for n, _ in result.plan.walk() if n.level == "Toimenpide").indicators
    assert [(i.baseline.value, i.targets[0].value) for i in indicators] == [(4.3, 4.5), (9844, 8860)]
    assert indicators[1].unit == "pv"
    assert sum(w.code == "paired_by_position" for w in result.warnings) == 2


def test_row_by_row_levels_are_paired_when_units_say_so():
    region = "MITTARI\nAsiakastyytyväisyys\nSairauspoissaolot\n\nLähtötaso Tavoitetaso\n\n4,3\n4,5\n9 844 pv\n8 860 pv\n"
    indicators = action(BLOCK.split("MITTARI")[0] + region).indicators
    assert [(i.baseline.value, i.targets[0].value) for i in indicators] == [(4.3, 4.5), (9844, 8860)]


def test_names_printed_in_level_columns_split_by_thirds():
    region = (
        "MITTARI Lähtötaso Tavoitetaso\n\nKartoitus tehty\n\nPalveluja sähköistetty\n\n"
        "Osittain\n\n0\n\nValmis\n\n2-3\n"
    )
    indicators = action(BLOCK.split("MITTARI")[0] + region).indicators
    assert [(i.name, i.baseline.text, i.targets[0].text) for i in indicators] == [
        ("Kartoitus tehty", "Osittain", "Valmis"),
        ("Palveluja sähköistetty", "0", "2-3"),
    ]


def test_table_rows_with_name_and_levels_on_one_line():
    region = (
        "MITTARI Lähtötaso Tavoitetaso\nAsiakastyytyväisyys 4,3 4,5\nSairauspoissaolot 9 844 pv 8 860 pv\n"
    )
    result = parse(BLOCK.split("MITTARI")[0] + region)
    indicators = next(n for n, _ in result.plan.walk() if n.level == "Toimenpide").indicators
    assert [(i.name, i.baseline.value, i.targets[0].value) for i in indicators] == [
        ("Asiakastyytyväisyys", 4.3, 4.5),
        ("Sairauspoissaolot", 9844, 8860),
    ]
    assert sum(w.code == "split_levels" for w in result.warnings) == 2


def test_source_line_in_parentheses_belongs_to_the_name_above():
    region = "MITTARI\nKehityskeskustelut käydään\n(työhyvinvointikysely 2026)\nPoissaolot vähenevät\n\nLähtötaso Tavoitetaso\n4,3\n10\n4,5\n9\n"
    indicators = action(BLOCK.split("MITTARI")[0] + region).indicators
    assert [(i.name, i.source) for i in indicators] == [
        ("Kehityskeskustelut käydään", "työhyvinvointikysely 2026"),
        ("Poissaolot vähenevät", None),
    ]


def test_wrapped_target_text_continues_on_next_line():
    region = "MITTARI 1 Tunnit oppilasta kohden.\n\nLähtötaso Tavoitetaso\n\n0,03 t/opp. (20.9.22) sama tai suurempi \nkuin lähtötaso\n"
    indicator = action(BLOCK.split("MITTARI")[0] + region).indicators[0]
    assert (indicator.baseline.value, indicator.baseline.period, indicator.unit) == (
        0.03,
        "2022-09-20",
        "t/opp.",
    )
    assert [(m.text, m.kind) for m in indicator.targets] == [("sama tai suurempi kuin lähtötaso", "min")]


def test_numbered_mittari_with_levels_on_the_name_line():
    region = "MITTARI 1 Oppilaita / kuraattori* Lähtötaso Tavoitetaso\n\n687 (20.9.22) Enintään 670 opp.\n\nMITTARI 2 Oppilaita / psykologi* 1586 (20.9.22) Enintään 780 opp.\n"
    indicators = action(BLOCK.split("MITTARI")[0] + region).indicators
    assert [(i.name, i.baseline.value, i.targets[0].kind, i.targets[0].value) for i in indicators] == [
        ("Oppilaita / kuraattori*", 687, "max", 670),
        ("Oppilaita / psykologi*", 1586, "max", 780),
    ]


def test_sentence_baseline_splits_from_wrapped_target():
    region = "MITTARI\nPelisäännöt.\n\nLähtötaso Tavoitetaso\n\nEi ole. Pelisäännöt \n\nolemassa. \n\nJalkautus \n\nkäynnissä.\n"
    indicator = action(BLOCK.split("MITTARI")[0] + region).indicators[0]
    assert (indicator.baseline.text, indicator.targets[0].text) == (
        "Ei ole.",
        "Pelisäännöt olemassa. Jalkautus käynnissä.",
    )


def test_repeated_first_word_splits_baseline_from_target():
    region = "MITTARI\nKurssit.\n\nLähtötaso Tavoitetaso\n\nKurssien \n\nmäärä 8/2022 \n\nKurssien \n\nmäärä 8/2023 \n\n= 2022 taso \n\n+10 %\n"
    indicator = action(BLOCK.split("MITTARI")[0] + region).indicators[0]
    assert indicator.baseline.text == "Kurssien määrä 8/2022"
    assert (indicator.targets[0].kind, indicator.targets[0].value) == ("change_percent", 10)


def test_sub_series_baseline_keeps_whole_text_and_series():
    region = (
        "MITTARI 3 Oppilasmäärä opetustuntia kohden.\n\nala-aste: 17,4 \nyläaste: 20 \n(20.9.2022) \n\n"
        "sama tai pienempi \nkuin lähtötaso\n"
    )
    indicator = action(BLOCK.split("MITTARI")[0] + region).indicators[0]
    assert (indicator.baseline.text, indicator.baseline.value) == (
        "ala-aste: 17,4 yläaste: 20 (20.9.2022)",
        None,
    )
    assert [(m.label, m.value) for m in indicator.baseline_series] == [("ala-aste", 17.4), ("yläaste", 20)]


def test_sub_series_targets_are_labelled():
    region = (
        "MITTARI Ryhmien määrä\n\nLähtötaso Tavoitetaso\n\nRyhmiä: \nkevät 2022 - 56 \nsyksy 2022 - 49 \n\n"
        "Ryhmiä: \nkevät 2023 – 70 \nsyksy 2023 – 60\n"
    )
    indicator = action(BLOCK.split("MITTARI")[0] + region).indicators[0]
    assert [(m.label, m.value, m.period) for m in indicator.targets] == [
        ("kevät", 70, "2023"),
        ("syksy", 60, "2023"),
    ]


def test_header_years_give_level_periods():
    region = "MITTARI Energiankulutus\nLähtötaso 2024 Tavoitetaso 2026\n1 200 MWh 1 000 MWh\n"
    indicator = action(BLOCK.split("MITTARI")[0] + region).indicators[0]
    assert (indicator.baseline.value, indicator.baseline.period) == (1200, "2024")
    assert (indicator.targets[0].value, indicator.targets[0].period) == (1000, "2026")


def test_missing_levels_are_warned():
    result = parse(BLOCK.split("MITTARI")[0] + "MITTARI Pelkkä nimi\n")
    assert any(w.code == "missing_levels" and w.indicator == "Pelkkä nimi" for w in result.warnings)


def test_unclassified_level_is_warned():
    region = "MITTARI Vertailu\nLähtötaso Tavoitetaso\nvrt. 2024\n\nvrt. 2025\n"
    result = parse(BLOCK.split("MITTARI")[0] + region)
    assert any(w.code == "unparsed_measure" and w.indicator == "Vertailu" for w in result.warnings)


# -- milestones, responsible, progress ----------------------------------------------------------

MILESTONES = """
Käyttösuunnitelman yhteydessä vahvistettavat osatavoitteet ja niiden aikataulu:
Osatavoite 1: Sopimus tehty kevään 2026 aikana
Osatavoite 2: Koulutus esihenkilöille (1–6/2026)
Osatavoite 3: Seurantaa tehostetaan erityisesti
teknisellä toimialalla.

Vastuuhenkilö: strategia- ja hyvinvointijohtaja
"""


def test_milestones_drop_their_prefix_and_join_wrapped_lines():
    titles = [m.title for m in action(BLOCK + MILESTONES).milestones]
    assert titles == [
        "Sopimus tehty kevään 2026 aikana",
        "Koulutus esihenkilöille (1–6/2026)",
        "Seurantaa tehostetaan erityisesti teknisellä toimialalla.",
    ]


def test_milestone_due_as_written():
    assert [m.due for m in action(BLOCK + MILESTONES).milestones] == ["kevät 2026", "1–6/2026", None]


def test_responsible_title_with_ja_is_not_split():
    assert action(BLOCK + MILESTONES).responsible == ["strategia- ja hyvinvointijohtaja"]


def test_several_responsible_are_split_at_commas():
    assert action(BLOCK + "\nVastuutaho: kuntatekniikka, ympäristöpalvelut\n").responsible == [
        "kuntatekniikka",
        "ympäristöpalvelut",
    ]


def test_unit_leading_an_action_is_responsible():
    text = BLOCK.replace("Avataan yrityspalvelupiste.", "Laaditaan ohjelma liikuntayksikön johdolla")
    assert action(text).responsible == ["liikuntayksikkö"]


def test_schedule_is_kept_as_written():
    assert action(BLOCK + "\nAikataulu: 2025– jatkuva\n").schedule == "2025– jatkuva"


def test_milestone_year_stamps_targets():
    result = parse(BLOCK + MILESTONES)
    assert action(BLOCK + MILESTONES).indicators[0].targets[0].period == "2026"
    assert any(w.code == "inferred_period" for w in result.warnings)


PROGRESS = """
Selvitys toimenpiteen edistymisestä vuoden ensimmäisellä neljänneksellä (Q1):
Palvelupiste avattiin helmikuussa 2023.
Kävijöitä on ollut paljon.

*Yrityspalvelujen työntekijöitä
"""


def test_progress_statement_gets_quarter_and_report_year():
    progress = action(BLOCK + PROGRESS).progress
    assert [(p.period, p.text) for p in progress] == [
        ("2023-Q1", "Palvelupiste avattiin helmikuussa 2023. Kävijöitä on ollut paljon.")
    ]


def test_progress_report_targets_are_not_stamped():
    assert action(BLOCK + PROGRESS).indicators[0].targets[0].period is None


def test_footnote_lines_become_notes():
    assert action(BLOCK + PROGRESS).notes == ["*Yrityspalvelujen työntekijöitä"]


def test_theme_after_progress_opens_next_block():
    second = BLOCK.replace("Kasvava kunta", "Osaava kunta")
    result = plan(BLOCK + PROGRESS + "\n\nOsaamisen kunta\n\n" + second)
    assert [(n.level, n.title) for n in result.nodes] == [
        ("Painopiste", "Kasvava kunta"),
        ("Teema", "Osaamisen kunta"),
    ]


def test_actual_repeating_state_indicator_wording():
    text = BLOCK + PROGRESS.replace("Kävijöitä on ollut paljon.", "Yrityspalvelupiste avattu.")
    actuals = action(text).indicators[0].actuals
    assert [(m.kind, m.text, m.period) for m in actuals] == [
        ("state", "Yrityspalvelupiste avattu.", "2023-Q1")
    ]


def test_actual_number_of_the_counted_thing():
    region = "MITTARI Harrasteryhmien määrä\nLähtötaso Tavoitetaso\n50 harrasteryhmää\n\n60 harrasteryhmää\n"
    text = (
        BLOCK.split("MITTARI")[0]
        + region
        + PROGRESS.replace("Kävijöitä on ollut paljon.", "Käynnissä on 55 uutta harrasteryhmää.")
    )
    indicator = action(text).indicators[0]
    assert [(m.value, m.period) for m in indicator.actuals] == [(55, "2023-Q1")]


# -- corpus ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", OWN_CORPUS)
def test_corpus_document_scores_against_gold(name):
    source = DATA / "corpus" / f"{name}.txt"
    result = parse_document(read(source.read_bytes(), source.name))
    assert result.family == keyword_blocks.NAME and result.plan is not None
    gold = json.loads((DATA / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    metrics = score_document(gold, result.plan.to_dict())
    assert metrics["score"] >= 0.90
    low = {k: v for k, v in metrics.items() if k not in ("score", "gold_size") and v is not None and v < 0.85}
    assert low == {}
