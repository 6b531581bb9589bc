"""The narrative family: service plans with chapters, programme areas, a goal table and
service units (Nykytila / Haasteet / Kehittämisnäkökulmia / Mittareita / tilannekatsaus)."""

import json
import time
from pathlib import Path

import pytest

from seuranta.core.parsing import parse_document
from seuranta.core.parsing.document import Document
from seuranta.core.parsing.families import narrative
from seuranta.core.parsing.families.narrative_lines import join_wrapped, read_lines
from seuranta.core.parsing.families.narrative_table import rebuild_rows
from seuranta.core.parsing.families.narrative_units import align_reports
from seuranta.core.parsing.families.narrative_words import (
    indicator_source,
    nominative_of_genitive,
    nominative_of_translative,
    responsible_in,
)
from seuranta.core.parsing.readers.txt import read
from tests.support.score_import import score_document

DATA = Path(__file__).resolve().parents[2] / "data"
LAITILA = "laitila-hallintotoimi-palvelusuunnitelma"
OTHERS = [
    "kokkola-henkilostoohjelma-2022-2025",
    "pori-henkilostostrategia-2026",
    "pori-konsernipalvelut-tavoitteet-2026",
    "pori-sivistystoimiala-toteutuminen-q1-2023",
]


def doc(text: str) -> Document:
    return read(text.encode("utf-8"), "test.txt")


def parse(text: str):
    return narrative.parse(doc(text))


def plan(text: str):
    result = parse(text)
    assert result.plan is not None
    return result.plan


def nodes(p):
    return [n for n, _ in p.walk()]


def node(p, title):
    return next(n for n in nodes(p) if n.title == title)


def corpus(name: str) -> Document:
    return read((DATA / "corpus" / f"{name}.txt").read_bytes(), f"{name}.txt")


UNIT = """5.2.1. Kirjastopalvelut

Nykytila:

- Lainaus kasvaa

o Etenkin e-kirjat

Haasteet:

- Tilat ovat ahtaat

Kehittämisnäkökulmia:

- Omatoimikirjaston avaaminen

o Aukioloajat pidentyvät

- Lukudiplomin uudistaminen

Mittareita:

- Lainausten määrä vuodessa

- Kävijämäärä
"""

SECOND_UNIT = """5.2.2. Nuorisopalvelut

Nykytila:

- Nuorisotila on auki neljänä iltana

Kehittämisnäkökulmia:

- Etsivän nuorisotyön vahvistaminen
"""


# ---------------------------------------------------------------- detection


def test_detect_is_high_for_units_with_narrative_headings():
    assert narrative.detect(doc(UNIT + SECOND_UNIT)) >= 0.85


def test_detect_is_low_for_keyword_blocks():
    text = (
        "PAINOPISTE Hyvinvoiva kunta\nTAVOITE Palvelut toimivat\nTOIMENPIDE Sovitaan\nMITTARI\nTiedonvaihto\n"
    )
    assert narrative.detect(doc(text)) < 0.5


def test_detect_is_low_for_a_single_haasteet_heading():
    assert narrative.detect(doc("Johdanto\n\nHaasteet:\n\n- Rahoitus on niukka\n")) < 0.5


def test_detect_is_high_for_the_corpus_service_plan():
    assert narrative.detect(corpus(LAITILA)) >= 0.85


@pytest.mark.parametrize("name", OTHERS)
def test_detect_is_low_for_the_other_corpus_files(name):
    assert narrative.detect(corpus(name)) < 0.5


def test_narrative_family_wins_on_the_corpus_service_plan():
    assert parse_document(corpus(LAITILA)).family == "narrative"


# ---------------------------------------------------------------- chapters


STRATEGY = """ 2. STRATEGISET TAVOITTEET

Elinvoimainen kunta

Hyvinvoivat asukkaat
 3. TOIMINTAYMPÄRISTÖ

Väestö ikääntyy ja palvelutarve kasvaa.
"""


def test_strategic_chapter_gives_one_top_level_node_per_line():
    p = plan(STRATEGY)
    assert [n.title for n in p.nodes] == ["Elinvoimainen kunta", "Hyvinvoivat asukkaat"]


def test_strategic_level_is_the_chapter_heading_in_the_singular():
    assert plan(STRATEGY).nodes[0].level == "Strateginen tavoite"


def test_strategic_goals_have_no_unit():
    assert plan(STRATEGY).nodes[0].unit is None


def test_prose_chapter_becomes_a_section_without_its_number():
    p = plan(STRATEGY)
    assert [(s.title, s.text) for s in p.sections] == [
        ("TOIMINTAYMPÄRISTÖ", "Väestö ikääntyy ja palvelutarve kasvaa.")
    ]


def test_wrapped_upper_case_chapter_heading_is_joined():
    p = plan(" 2. STRATEGISET PÄÄMÄÄRÄT\n\nElinvoima\n 3. MUUT OHJAAVAT \n\nASIAKIRJAT \n\nTalousarvio\n")
    assert p.sections[0].title == "MUUT OHJAAVAT ASIAKIRJAT"


def test_glyphless_short_lines_of_a_section_are_list_entries():
    p = plan(
        " 2. STRATEGISET PÄÄMÄÄRÄT\n\nElinvoima\n 3. MUUT OHJAAVAT ASIAKIRJAT\n\nTalousarvio\n\n"
        "Hyvinvointikertomus\n"
    )
    assert p.sections[0].text == "- Talousarvio\n- Hyvinvointikertomus"


GOALS = """ 4. SIVISTYSTOIMEN PALVELUT

Sivistystoimi järjestää opetuksen.

5. SIVISTYSTOIMEN TAVOITTEET

Tavoitteet on koottu kahdeksi toimintakokonaisuudeksi.

1. Oppiminen on laadukasta

1.1. Opetusta kehitetään yhdessä oppilaiden ja

huoltajien kanssa

1.2 Kouluverkko pidetään toimivana

1.2. Opettajien täydennyskoulutusta lisätään

2. Harrastaminen on kaikille mahdollista

2.1. Harrastustakuu toteutetaan
"""


def test_sector_unit_comes_from_the_genitive_starting_the_chapter_headings():
    assert node(plan(GOALS), "Oppiminen on laadukasta").unit == "Sivistystoimi"


def test_numbered_programme_areas_hold_their_numbered_goals():
    p = plan(GOALS)
    assert [n.title for n in p.nodes] == ["Oppiminen on laadukasta", "Harrastaminen on kaikille mahdollista"]
    assert [c.title for c in p.nodes[1].children] == ["Harrastustakuu toteutetaan"]


def test_programme_level_is_named_by_the_translative_in_the_intro():
    p = plan(GOALS)
    assert p.nodes[0].level == "Toimintakokonaisuus"
    assert p.nodes[0].children[0].level == "Tavoite"


def test_wrapped_goal_title_is_joined():
    assert (
        plan(GOALS).nodes[0].children[0].title
        == "Opetusta kehitetään yhdessä oppilaiden ja huoltajien kanssa"
    )


def test_goal_number_without_final_dot_is_a_goal():
    assert node(plan(GOALS), "Kouluverkko pidetään toimivana").level == "Tavoite"


def test_repeated_goal_number_keeps_both_goals():
    titles = [c.title for c in plan(GOALS).nodes[0].children]
    assert titles[-2:] == ["Kouluverkko pidetään toimivana", "Opettajien täydennyskoulutusta lisätään"]


def test_repeated_goal_number_is_warned():
    warning = next(w for w in parse(GOALS).warnings if w.code == "duplicate_number")
    assert warning.path == ("Oppiminen on laadukasta", "Opettajien täydennyskoulutusta lisätään")
    assert "kahdesti" in warning.message


def test_intro_of_the_goals_chapter_is_a_section():
    sections = {s.title: s.text for s in plan(GOALS).sections}
    assert sections["SIVISTYSTOIMEN TAVOITTEET"] == "Tavoitteet on koottu kahdeksi toimintakokonaisuudeksi."


def test_stray_url_goes_back_after_the_link_line():
    text = (
        " 4. YMPÄRISTÖ\n\n \uf0b7 Linkki hyvinvointisuunnitelmaan \n\n5. TAVOITTEET\n\n1. Kasvu on kestävää\n\n"
        "https://example.fi/suunnitelma/\n1.1. Päästöt vähenevät\n"
    )
    result = parse(text)
    assert (
        result.plan.sections[0].text == "- Linkki hyvinvointisuunnitelmaan (https://example.fi/suunnitelma/)"
    )
    assert any(w.code == "moved_text" for w in result.warnings)


# ---------------------------------------------------------------- goal table


TABLE = """ 2. STRATEGISET PÄÄMÄÄRÄT

Hyvinvoiva henkilöstö

Vastuu ympäristöstä

5. TOIMIALAN TAVOITTEET

1. Yhdessä tekemällä

1.1. Yhteistyö vahvistuu

Hyvinvoiva henkilöstö

Tavoite Toimenpiteet Mittarit
Ajantasainen käsitys

työhyvinvoinnista

Työhyvinvointikysely vuosittain;

toimenpidesuunnitelmien

tekeminen ja seuranta

Jokapäiväisestä työhyvinvoinnista

huolehtiminen; työyhteisötaitojen

kehittyminen

Valtaosa (yli 80 %)

henkilöstökyselyyn

vastanneista viihtyy

työssään ja pitää

kaupunkia hyvänä

työnantajana.

Kaupunki tarjoaa

mahdollisuuden urakehitykseen

organisaation sisällä

Rekrytoinnit avataan ensin omalle

henkilöstölle sisäisesti haettaviksi

Olemassa olevan henkilöstön

osaamisen kehityksen tukeminen

Toteutuneiden sisäisten

rekrytointikertojen

määrä

Vastuu ympäristöstä

Sähköisen asioinnin edistäminen Sähköiset lomakkeet, asiointi Paperitulosteiden

väheneminen;
sähköinen
pitkäaikaistaltiointi
"""


def test_table_rows_go_under_the_repeated_strategic_goal():
    p = plan(TABLE)
    assert [c.title for c in p.nodes[0].children] == [
        "Ajantasainen käsitys työhyvinvoinnista",
        "Kaupunki tarjoaa mahdollisuuden urakehitykseen organisaation sisällä",
    ]


def test_interleaved_cells_are_labelled_by_their_wrap_widths():
    goal = node(plan(TABLE), "Ajantasainen käsitys työhyvinvoinnista")
    assert [c.title for c in goal.children] == [
        "Työhyvinvointikysely vuosittain; toimenpidesuunnitelmien tekeminen ja seuranta",
        "Jokapäiväisestä työhyvinvoinnista huolehtiminen; työyhteisötaitojen kehittyminen",
    ]
    assert [i.name for i in goal.indicators] == [
        "Valtaosa (yli 80 %) henkilöstökyselyyn vastanneista viihtyy työssään ja pitää kaupunkia hyvänä "
        "työnantajana."
    ]


def test_table_actions_are_toimenpide_nodes_with_the_sector_unit():
    action = node(plan(TABLE), "Olemassa olevan henkilöstön osaamisen kehityksen tukeminen")
    assert (action.level, action.unit) == ("Toimenpide", "Toimiala")


def test_line_holding_three_columns_is_split_at_capitals():
    goal = node(plan(TABLE), "Sähköisen asioinnin edistäminen")
    assert [c.title for c in goal.children] == ["Sähköiset lomakkeet, asiointi"]


def test_split_line_is_warned():
    warning = next(w for w in parse(TABLE).warnings if w.code == "split_line")
    assert warning.path == ("Vastuu ympäristöstä", "Sähköisen asioinnin edistäminen")


def test_indicator_cell_is_split_at_semicolons():
    goal = node(plan(TABLE), "Sähköisen asioinnin edistäminen")
    assert [i.name for i in goal.indicators] == [
        "Paperitulosteiden väheneminen",
        "sähköinen pitkäaikaistaltiointi",
    ]


def test_level_stated_in_an_indicator_sentence_is_its_target():
    goal = node(plan(TABLE), "Ajantasainen käsitys työhyvinvoinnista")
    indicator = goal.indicators[0]
    assert [(m.text, m.kind, m.value) for m in indicator.targets] == [("yli 80 %", "min", 80)]
    assert (indicator.unit, indicator.source) == ("%", "henkilöstökysely")


def test_every_table_row_is_warned_as_rebuilt():
    warned = [w.path for w in parse(TABLE).warnings if w.code == "ambiguous_column"]
    assert ("Hyvinvoiva henkilöstö", "Ajantasainen käsitys työhyvinvoinnista") in warned
    assert len(warned) == 3


def test_noun_for_an_output_is_an_indicator_and_verbal_nouns_are_actions():
    lines = read_lines(
        "Sisäiset palvelut: palkka- ja \n\nhenkilöstöhallinnon \n\nohjelmistojen ominaisuuksien \n\n"
        "tehokas hyödyntäminen \n\nProsessien automatisointi \n\nOhjelmisto-ominaisuuksien \n\n"
        "laajempi käyttöönotto  \n\nVakanssiluettelo \n\nOsaamisen ja \n\nkoulutusten kirjaamisen \n\n"
        "yhdenmukaiset ja \n\nluotettavat \n\nkirjaamistavat \n"
    )
    [row] = rebuild_rows(lines)
    assert row.actions == ["Prosessien automatisointi", "Ohjelmisto-ominaisuuksien laajempi käyttöönotto"]
    assert row.indicators[0] == "Vakanssiluettelo"


def test_large_table_region_is_labelled_quickly():
    cells = "".join(
        f"Tavoite numero {k} \n\nkehitetään \n\nToimenpiteen tekeminen {k} \n\nMäärä {k} \n\n"
        for k in range(8)
    )
    started = time.perf_counter()
    rows = rebuild_rows(read_lines(cells))
    assert time.perf_counter() - started < 3
    assert len(rows) >= 1


# ---------------------------------------------------------------- service units


def unit_plan(text: str = UNIT + SECOND_UNIT):
    return plan(" 5. TOIMINNAN TAVOITTEET\n\n" + text)


def test_numbered_heading_with_narrative_headings_is_a_service_unit():
    p = unit_plan()
    assert [(n.title, n.level) for n in p.nodes] == [
        ("Kirjastopalvelut", "Tehtäväalue"),
        ("Nuorisopalvelut", "Tehtäväalue"),
    ]


def test_unnumbered_heading_before_the_next_nykytila_is_a_service_unit():
    p = unit_plan(UNIT + SECOND_UNIT.replace("5.2.2. ", ""))
    assert [n.title for n in p.nodes] == ["Kirjastopalvelut", "Nuorisopalvelut"]


def test_nykytila_and_haasteet_are_the_unit_description():
    unit = unit_plan().nodes[0]
    assert unit.description == (
        "Nykytila:\n- Lainaus kasvaa\n  - Etenkin e-kirjat\n\nHaasteet:\n- Tilat ovat ahtaat"
    )


def test_development_bullets_are_actions_of_the_unit():
    unit = unit_plan().nodes[0]
    assert [(c.title, c.level, c.unit) for c in unit.children] == [
        ("Omatoimikirjaston avaaminen", "Toimenpide", "Kirjastopalvelut"),
        ("Lukudiplomin uudistaminen", "Toimenpide", "Kirjastopalvelut"),
    ]


def test_sub_bullets_of_an_action_are_its_description():
    assert unit_plan().nodes[0].children[0].description == "- Aukioloajat pidentyvät"


def test_mittareita_bullets_are_the_unit_indicators():
    assert [i.name for i in unit_plan().nodes[0].indicators] == ["Lainausten määrä vuodessa", "Kävijämäärä"]


UNIT_DETAILS = """5.1.1. Tietopalvelut

Strateginen päämäärä Tavallista paremmat peruspalvelut

Nykytila;

- Palvelutaso hyvä

Kehittämisnäkökulmia:
 - Pilvipalvelujen käyttöönotto

o Siirto tehdään vuosien 2025-2026 aikana

- Intranetin uusiminen

o Julkaistu toukokuussa 2024

Mittareita:

- Tietopyyntöjen lukumäärä vuodessa

o lokiselvitykset

o julkisuuslain mukaiset pyynnöt

- Tarkistetaan raportointimahdollisuudet

- Asiakaskyselyn tulokset

- Kevan tiedot eläköitymisestä
"""


def test_strategic_goal_line_goes_to_the_unit_notes():
    assert (
        unit_plan(UNIT_DETAILS).nodes[0].notes[0] == "Strateginen päämäärä: Tavallista paremmat peruspalvelut"
    )


def test_heading_with_a_semicolon_is_still_a_heading():
    assert unit_plan(UNIT_DETAILS).nodes[0].description == "Nykytila:\n- Palvelutaso hyvä"


def test_schedule_is_taken_from_a_sub_bullet():
    action = unit_plan(UNIT_DETAILS).nodes[0].children[0]
    assert action.schedule == "vuosien 2025-2026 aikana"


def test_dated_outcome_under_an_action_is_its_progress():
    action = unit_plan(UNIT_DETAILS).nodes[0].children[1]
    assert [(p.period, p.text) for p in action.progress] == [("2024-05", "Julkaistu toukokuussa 2024")]
    assert action.description is None


def test_sub_bullets_of_an_indicator_go_to_the_unit_notes():
    notes = unit_plan(UNIT_DETAILS).nodes[0].notes
    assert (
        "Tietopyyntöjen lukumäärä vuodessa:\n- lokiselvitykset\n- julkisuuslain mukaiset pyynnöt"
    ) in notes


def test_task_under_mittareita_goes_to_the_notes():
    unit = unit_plan(UNIT_DETAILS).nodes[0]
    assert "Mittareita: Tarkistetaan raportointimahdollisuudet" in unit.notes
    assert "Tarkistetaan raportointimahdollisuudet" not in [i.name for i in unit.indicators]


def test_task_under_mittareita_is_warned():
    warning = next(w for w in parse(" 5. T\n\n" + UNIT_DETAILS).warnings if w.code == "indicator_is_task")
    assert (warning.path, warning.indicator, warning.field) == (
        ("Tietopalvelut",),
        "Tarkistetaan raportointimahdollisuudet",
        "indicators",
    )


def test_indicator_source_is_a_survey_or_an_organisations_data():
    sources = {i.name: i.source for i in unit_plan(UNIT_DETAILS).nodes[0].indicators}
    assert sources["Asiakaskyselyn tulokset"] == "asiakaskysely"
    assert sources["Kevan tiedot eläköitymisestä"] == "Keva"
    assert sources["Tietopyyntöjen lukumäärä vuodessa"] is None


REVIEW_BY_ACTION = """5.1.2. Asianhallinta

Nykytila:

- CaseM on käytössä

Kehittämisnäkökulmia:

- CaseM-sovelluksen koulutuksen oltava vuosittaista

- Kirjaamisen käytäntöjä kehitettävä

- Arkistoinnin sähköistäminen

    Asianhallinnan tilannekatsaus syyskuulta 2023

    Kehittämistoimenpiteiden toteutuma

    - CaseM-koulutusta on järjestetty vuosittain

    - sähköinen arkistointi on valmisteluvaiheessa; arkistoluettelot

      toteutuma selviää ensi vuonna
"""


def test_review_bullets_go_to_the_actions_they_report_on():
    actions = unit_plan(REVIEW_BY_ACTION).nodes[0].children
    assert [[p.text for p in a.progress] for a in actions] == [
        ["CaseM-koulutusta on järjestetty vuosittain"],
        [],
        ["sähköinen arkistointi on valmisteluvaiheessa; arkistoluettelot toteutuma selviää ensi vuonna"],
    ]


def test_review_period_comes_from_its_heading():
    actions = unit_plan(REVIEW_BY_ACTION).nodes[0].children
    assert actions[0].progress[0].period == "2023-09"


def test_review_headings_are_not_progress():
    unit = unit_plan(REVIEW_BY_ACTION).nodes[0]
    assert unit.progress == []


REVIEW_BY_THEME = """5.1.1. Tietohallinto

Nykytila:

- Perustaso

Kehittämisnäkökulmia:

- Uusien teknologioiden käyttöönotto

- Tietohallinnon tilannepäivitys syyskuu 2023

o Automatisaation lisääminen:

\uf0a7 Lomakkeet ohjaavat ilmoitukset oikeille tahoille

o Käyttäjäkokemuksen parantaminen:

\uf0a7 Kertakirjautuminen käytössä
"""


def test_review_arranged_by_theme_is_progress_on_the_unit():
    unit = unit_plan(REVIEW_BY_THEME).nodes[0]
    assert [(p.period, p.text) for p in unit.progress] == [
        ("2023-09", "Automatisaation lisääminen:\n- Lomakkeet ohjaavat ilmoitukset oikeille tahoille"),
        ("2023-09", "Käyttäjäkokemuksen parantaminen:\n- Kertakirjautuminen käytössä"),
    ]
    assert [c.title for c in unit.children] == ["Uusien teknologioiden käyttöönotto"]


def test_review_by_theme_is_warned():
    codes = [w.code for w in parse(" 5. T\n\n" + REVIEW_BY_THEME).warnings]
    assert "progress_on_unit" in codes


def test_alignment_keeps_the_order_of_actions():
    actions = ["Kotisivujen uusiminen", "Koulutus tietoturvasta", "Kotisivujen saavutettavuus"]
    reports = ["tietoturvakoulutus pidetty", "kotisivut uusittu"]
    assert [j for j, _ in align_reports(reports, actions)] == [1, 2]


def test_progress_mapped_with_little_shared_wording_is_warned():
    text = REVIEW_BY_ACTION.replace("- CaseM-koulutusta on järjestetty vuosittain", "- asia etenee hyvin")
    warnings = [w for w in parse(" 5. T\n\n" + text).warnings if w.code == "progress_mapping"]
    assert warnings and warnings[0].field == "progress"


def test_page_number_lines_are_ignored():
    action = unit_plan(UNIT.replace("- Lukudiplomin uudistaminen", "- Lukudiplomin \n\n12\n\nuudistaminen"))
    assert action.nodes[0].children[1].title == "Lukudiplomin uudistaminen"


def test_grouping_heading_above_units_is_not_a_goal():
    p = unit_plan("5.2. Kulttuuripalvelut\n\n" + UNIT)
    assert [n.title for n in p.nodes] == ["Kirjastopalvelut"]


def test_top_level_nodes_are_strategic_goals_then_programme_areas_then_units():
    text = TABLE + "\n" + UNIT.replace("5.2.1.", "5.1.1.")
    assert [n.level for n in plan(text).nodes] == [
        "Strateginen päämäärä",
        "Strateginen päämäärä",
        "Ohjelmakokonaisuus",
        "Tehtäväalue",
    ]


# ---------------------------------------------------------------- wording


def test_genitive_subject_of_tulee_is_responsible():
    assert responsible_in("Esihenkilöiden tulee huolehtia riskien arvioinnista") == ["esihenkilöt"]


def test_genitive_after_tulee_before_the_infinitive_is_responsible():
    assert responsible_in("Asiakirjat tulee kaikkien toimialojen itsenäisesti hävittää") == [
        "kaikki toimialat"
    ]


def test_roles_listed_before_a_plural_verb_are_responsible():
    text = "kuvataan ensin; aluksi ao. esihenkilöt, työsuojelun edustajat ja henkilöstöpäällikkö laativat suunnitelman"
    assert responsible_in(text) == ["ao. esihenkilöt", "työsuojelun edustajat", "henkilöstöpäällikkö"]


def test_genitive_attribute_before_tulee_is_not_responsible():
    assert responsible_in("Esihenkilöiden henkilöstön rekrytointihaasteeseen tulee löytää ratkaisuja") == []


def test_plural_subject_that_is_not_a_role_is_not_responsible():
    assert responsible_in("em. työyksiköt raportoivat tuloksista") == []


def test_responsible_action_is_found_and_warned():
    text = UNIT.replace("- Omatoimikirjaston avaaminen", "- Esimiesten tulee avata omatoimikirjasto")
    result = parse(" 5. T\n\n" + text)
    assert node(result.plan, "Esimiesten tulee avata omatoimikirjasto").responsible == ["esimiehet"]
    assert any(w.code == "responsible_in_text" for w in result.warnings)


def test_genitive_heading_word_in_the_nominative_prefers_the_text_spelling():
    assert nominative_of_genitive("TEKNISEN", "") == "Tekninen"  # the rule alone
    assert nominative_of_genitive("YMPÄRISTÖTOIMEN", "Ympäristötoimi vastaa") == "Ympäristötoimi"


def test_translative_level_name_in_the_nominative():
    assert nominative_of_translative("ohjelmakokonaisuudeksi") == "Ohjelmakokonaisuus"
    assert nominative_of_translative("painopisteeksi") == "Painopiste"


def test_indicator_source_is_none_for_plain_statistics():
    assert indicator_source("Sairauspoissaolotilastot") is None


def test_hyphen_at_a_line_break_is_undone_in_a_compound():
    assert join_wrapped("tietosuoja-", "tietoisuuden") == "tietosuojatietoisuuden"


def test_hyphen_at_a_line_break_stays_after_a_space_or_inner_capital():
    assert join_wrapped("MS Entra -", "integraatio") == "MS Entra -integraatio"
    assert join_wrapped("TargetorPro-", "sovellukseen") == "TargetorPro-sovellukseen"


def test_document_without_structure_gives_a_no_plan_warning():
    result = parse("Pelkkää tekstiä ilman rakennetta.\n")
    assert result.plan is None
    assert [w.code for w in result.warnings] == ["no_plan"]


# ---------------------------------------------------------------- corpus


def laitila():
    return narrative.parse(corpus(LAITILA))


def gold():
    return json.loads((DATA / "gold" / f"{LAITILA}.json").read_text(encoding="utf-8"))


def test_corpus_service_plan_scores_against_its_gold():
    metrics = score_document(gold(), laitila().plan.to_dict())
    assert metrics["score"] >= 0.90
    for key in (
        "nodes",
        "context",
        "indicators",
        "targets",
        "progress",
        "responsible",
        "schedule",
        "levels",
        "placement",
        "target_periods",
    ):
        assert metrics[key] is not None and metrics[key] >= 0.85, key


def test_corpus_service_plan_document_fields():
    p = laitila().plan
    assert (p.title, p.organization) == ("Hallintotoimen palvelusuunnitelma", "Laitilan kaupunki")
    assert p.levels == ["Strateginen päämäärä", "Ohjelmakokonaisuus", "Tehtäväalue", "Tavoite", "Toimenpide"]


def test_corpus_service_plan_sections_are_the_prose_chapters():
    titles = [s.title for s in laitila().plan.sections]
    assert titles == [
        "VALTUUSTON PÄÄTTÄMÄN STRATEGIAN LISÄKSI TOIMINTAA OHJAAVAT MM.",
        "HALLINTOTOIMEN PALVELUT JA TILANNEKUVA",
        "HALLINTOTOIMEN TOIMINNAN TAVOITTEET KOKONAISUUTENA",
    ]


def test_corpus_service_plan_warnings_are_located():
    for warning in laitila().warnings:
        assert warning.message.endswith(".")
        if warning.code in (
            "ambiguous_column",
            "progress_on_unit",
            "indicator_is_task",
            "responsible_in_text",
        ):
            assert warning.path
