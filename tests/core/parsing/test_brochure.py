"""The brochure family: focus areas with goal / action / indicator columns printed out of order."""

import json
from pathlib import Path

import pytest

from seuranta.core.parsing.document import Document
from seuranta.core.parsing.families import brochure
from seuranta.core.parsing.readers.txt import read
from tests.support.score_import import score_document

DATA = Path(__file__).resolve().parents[2] / "data"

HEADER = (
    "Painopiste Mittarit,\n\neli näistä tiedämme onnistuneemme.\n\n"
    "Toimenpiteet,\n\neli näin tavoitetta kohti edetään.\n\nTavoite,\n\neli tähän me pyrimme.\n\n"
)
OVERVIEW = (
    "KAUPUNGIN HENKILÖSTÖSTRATEGIA 2026\n\nJOHDANTO\n\nStrategia ohjaa henkilöstötyötä.\n\n"
    "PAINOPISTEET\n\nHyvinvoiva \n\ntyö\n\nOsaava henkilöstö\n\n"
    "Meillä työ tukee hyvinvointia.\n\nMeillä osaaminen kehittyy.\n\n\n\n"
)
PAGE = (
    "→ Työhyvinvointikyselystä: Minulla on tarpeeksi aikaa saada työni \n\n"
    "tehdyksi. Lähtötaso (ka) 3,4. Tavoitetaso v. 2026 3,5 ja v. 2028 3,6.\n\n"
    "Vahvistamme koulutuksen keinoin vastuullista työkäyttäytymistä ja \n\ntyöyhteisötaitoja. \n\n"
    "Tuemme työterveysyhteistyöllä vaihdevuosioireisten työkykyä.\n\n"
    + HEADER
    + "Työmme on \n\nmieliystävällistä. \n\nTyön kuormitus \n\non tasapainossa.\n"
)


def doc(text: str) -> Document:
    return read(text.encode("utf-8"), "test.txt")


def parse(text: str):
    return brochure.parse(doc(text))


# ---------------------------------------------------------------- detection


def test_detect_is_high_for_column_names_on_separate_lines():
    assert brochure.detect(doc(PAGE)) >= 0.8


def test_detect_is_zero_for_a_one_line_table_header():
    assert brochure.detect(doc("Tavoite Toimenpiteet Mittarit\nMenojen hallinta\n")) == 0


def test_detect_is_zero_for_keyword_blocks():
    text = "PAINOPISTE   Hyvinvoiva Pori\nTAVOITE   Toimivat palvelut.\nTOIMENPIDE   Sovitaan.\nMITTARI\nTiedonvaihto\n"
    assert brochure.detect(doc(text)) == 0


# ---------------------------------------------------------------- page content


def test_bullets_before_the_header_are_indicators_and_paragraphs_actions():
    goal = parse(OVERVIEW + PAGE).plan.nodes[0].children[0]
    assert [i.name for i in goal.indicators] == [
        "Työhyvinvointikyselystä: Minulla on tarpeeksi aikaa saada työni tehdyksi"
    ]
    assert [a.title for a in goal.children] == [
        "Vahvistamme koulutuksen keinoin vastuullista työkäyttäytymistä ja työyhteisötaitoja.",
        "Tuemme työterveysyhteistyöllä vaihdevuosioireisten työkykyä.",
    ]


def test_survey_indicator_has_unit_source_baseline_and_yearly_targets():
    indicator = parse(OVERVIEW + PAGE).plan.nodes[0].children[0].indicators[0]
    assert (indicator.unit, indicator.source) == ("ka", "Työhyvinvointikysely")
    assert indicator.baseline.value == 3.4
    assert [(t.value, t.period) for t in indicator.targets] == [(3.5, "2026"), (3.6, "2028")]


def test_action_glued_to_the_last_bullet_line_is_split_off():
    text = (
        "→ Kannustavia palkkauskokeiluja: pilottien määrä 1 vuodessa. Kokeilun jatkoon \n\n"
        "kerätään palaute. \nToteutamme palkkakartoituksen vuosittain.\n\n"
        + HEADER
        + "Palkkaus on \n\nkannustava.\n"
    )
    goal = parse(text).plan.nodes[0]
    assert goal.indicators[0].name.endswith("kerätään palaute")
    assert [a.title for a in goal.children] == ["Toteutamme palkkakartoituksen vuosittain."]


def test_level_inside_the_sentence_stays_in_the_name_and_is_the_target():
    text = (
        "→ Palkkaerot sukupuolten välillä maks. 2 % (palkkaryhmän/\n\nvertailuryhmän osalta).\n\n"
        + HEADER
        + "Palkkaus on \n\nreilu.\n"
    )
    indicator = parse(text).plan.nodes[0].indicators[0]
    assert indicator.name == "Palkkaerot sukupuolten välillä maks. 2 % (palkkaryhmän/vertailuryhmän osalta)"
    assert (indicator.targets[0].kind, indicator.targets[0].value, indicator.unit) == ("max", 2, "%")


def test_reference_year_is_the_baseline_of_a_relative_target():
    text = (
        "→ Mielenterveyspoissaolojen määrän väheneminen \n\n(vrt. 2024). Tavoitetaso -5 % vuoteen 2028 mennessä.\n\n"
        + HEADER
        + "Työ on \n\nterveellistä.\n"
    )
    indicator = parse(text).plan.nodes[0].indicators[0]
    assert (indicator.baseline.text, indicator.baseline.period, indicator.baseline.value) == (
        "vrt. 2024",
        "2024",
        None,
    )
    assert (indicator.targets[0].kind, indicator.targets[0].value, indicator.targets[0].period) == (
        "change_percent",
        -5,
        "2028",
    )


# ---------------------------------------------------------------- goals and focus areas


def test_goal_column_sentences_without_own_items_form_one_goal():
    goals = parse(OVERVIEW + PAGE).plan.nodes[0].children
    assert [g.title for g in goals] == ["Työmme on mieliystävällistä. Työn kuormitus on tasapainossa."]


def test_goal_sentence_with_its_own_items_is_a_separate_goal():
    text = (
        "→ Kehityskeskustelujen määrä suhteessa henkilöstöön.\n\n→ Palkkaerot sukupuolten välillä.\n\n"
        "Käymme laadukkaat kehityskeskustelut.\n\nLisäämme palkkatuntemusta.\n\n"
        + HEADER
        + "Henkilöstö käy \n\nkehityskeskustelut. \n\nPalkkaus on \n\nreilu.\n"
    )
    result = parse(text)
    goals = result.plan.nodes
    assert [g.title for g in goals] == ["Henkilöstö käy kehityskeskustelut.", "Palkkaus on reilu."]
    assert [a.title for a in goals[0].children] == ["Käymme laadukkaat kehityskeskustelut."]
    assert [i.name for i in goals[1].indicators] == ["Palkkaerot sukupuolten välillä"]


def test_unclear_goal_of_an_item_gives_a_warning():
    text = (
        "→ Kehityskeskustelujen määrä.\n\nKäymme kehityskeskustelut.\n\nSeuraamme tilannetta.\n\n"
        + HEADER
        + "Henkilöstö käy \n\nkehityskeskustelut. \n\nPalkkaus on \n\nkannustava.\n\n"
    )
    text = text.replace("Seuraamme tilannetta.", "Seuraamme palkkausta kannustavasti.")
    text = text.replace("Käymme kehityskeskustelut.", "Kokoonnumme syksyllä.")
    result = parse(text)
    assert any(w.code == "ambiguous_column" for w in result.warnings)


def test_focus_areas_come_from_the_overview_with_their_descriptions():
    plan = parse(OVERVIEW + PAGE).plan
    assert [(n.level, n.title) for n in plan.nodes] == [
        ("Painopiste", "Hyvinvoiva työ"),
        ("Painopiste", "Osaava henkilöstö"),
    ]
    assert plan.nodes[1].description == "Meillä osaaminen kehittyy."


def test_table_pages_follow_the_order_of_the_focus_areas():
    second = PAGE.replace(
        "Työmme on \n\nmieliystävällistä. \n\nTyön kuormitus \n\non tasapainossa.", "Osaaminen \n\nkehittyy."
    )
    plan = parse(OVERVIEW + PAGE + second).plan
    assert [c.title for c in plan.nodes[1].children] == ["Osaaminen kehittyy."]


def test_focus_area_name_printed_in_the_goal_column_is_not_a_goal():
    page = PAGE.replace(HEADER, HEADER + "Osaava \n\nhenkilöstö\n\n").replace("Työmme on", "Osaaminen on")
    plan = parse(OVERVIEW + PAGE + page).plan
    assert [c.title for c in plan.nodes[1].children] == [
        "Osaaminen on mieliystävällistä. Työn kuormitus on tasapainossa."
    ]


def test_text_before_the_overview_is_sections_headed_by_capitals():
    plan = parse(OVERVIEW + PAGE).plan
    assert plan.title == "KAUPUNGIN HENKILÖSTÖSTRATEGIA 2026"
    assert (plan.sections[0].title, plan.sections[0].text) == ("JOHDANTO", "Strategia ohjaa henkilöstötyötä.")


def test_levels_come_from_the_column_names():
    assert parse(OVERVIEW + PAGE).plan.levels == ["Painopiste", "Tavoite", "Toimenpide"]


# ---------------------------------------------------------------- corpus


def corpus(name: str) -> Document:
    path = DATA / "corpus" / f"{name}.txt"
    return read(path.read_bytes(), path.name)


def test_pori_strategy_scores_against_its_gold():
    name = "pori-henkilostostrategia-2026"
    gold = json.loads((DATA / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    metrics = score_document(gold, brochure.parse(corpus(name)).plan.to_dict())
    assert metrics["score"] >= 0.90
    for key in ("nodes", "context", "indicators", "baselines", "targets"):
        assert metrics[key] >= 0.85, key


@pytest.mark.parametrize(
    "name",
    [
        "kokkola-henkilostoohjelma-2022-2025",
        "laitila-hallintotoimi-palvelusuunnitelma",
        "pori-konsernipalvelut-tavoitteet-2026",
        "pori-sivistystoimiala-toteutuminen-q1-2023",
    ],
)
def test_detect_is_low_for_other_families(name):
    assert brochure.detect(corpus(name)) < 0.5


def test_detect_is_high_for_the_pori_strategy():
    assert brochure.detect(corpus("pori-henkilostostrategia-2026")) >= 0.8
