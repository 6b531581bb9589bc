"""Goals a plan states in its prose, read as nodes when its outline holds nothing firmer."""

from __future__ import annotations

from seuranta.core.parsing import parse_bytes
from seuranta.core.parsing.goal_statements import change_target, goal_statements


def _titles(text: str) -> list[tuple[str, str]]:
    return [(s.level, s.title) for s in goal_statements(text)]


def test_a_goal_word_before_a_copula_states_the_goal():
    assert _titles("Ohjelman keskeinen päämäärä on hyvinvoinnin vahvistaminen ja mielekäs elämä.") == [
        ("Päämäärä", "hyvinvoinnin vahvistaminen ja mielekäs elämä")
    ]


def test_the_essive_goal_word_states_the_goal_and_a_means_clause_describes_it():
    [statement] = goal_statements(
        "Hankkeen tavoitteena on vähentää kunnan päästöjä 80 % vuoden 2007 tasosta "
        "parantamalla energiatehokkuutta ja käyttämällä uusiutuvaa energiaa."
    )
    assert statement.title == "vähentää kunnan päästöjä 80 % vuoden 2007 tasosta"
    assert statement.description == "parantamalla energiatehokkuutta ja käyttämällä uusiutuvaa energiaa"


def test_goals_named_in_a_translative_list_are_each_a_goal_of_the_compound_level():
    text = "Suunnitelmassa ylätavoitteiksi on nostettu kaikille ”Yhdessä” sekä ”Liikunnallinen elämäntapa”."
    assert _titles(text) == [("Ylätavoite", "Yhdessä"), ("Ylätavoite", "Liikunnallinen elämäntapa")]


def test_a_swedish_goal_may_have_words_between_its_word_and_the_copula():
    assert _titles("Målet innan 2025 är att minska utanförskapet med 20 procent.") == [
        ("Mål", "minska utanförskapet med 20 procent")
    ]


def test_any_swedish_level_word_may_have_its_modifiers_before_the_copula_a_finnish_one_not():
    assert _titles("Temat för nästa år är att stärka barnens delaktighet i skolan.") == [
        ("Tema", "stärka barnens delaktighet i skolan")
    ]
    assert _titles("Målet för barn och unga är att alla ska ha en meningsfull fritid.") == [
        ("Mål", "alla ska ha en meningsfull fritid")
    ]
    assert goal_statements("Tavoite vuodelle 2025 sen sijaan on kasvattaa väkilukua.") == []


def test_a_clause_break_a_relative_clause_or_a_participle_after_a_swedish_copula_states_no_goal():
    assert goal_statements("Åtgärderna är uppdelade enligt de fyra prioriteringarna.") == []
    assert goal_statements("Till de åtgärder där bedömningen är att de delvis genomförts räknas fem.") == []
    assert goal_statements("Av målen, enligt nämnden, är två uppfyllda.") == []


def test_a_perfect_tense_a_relative_clause_or_a_that_clause_states_no_goal_title():
    assert goal_statements("Strategian tavoitteet on saavutettu hyvin.") == []
    assert goal_statements("Strategin består av tre mål som är uppdelade i 19 olika mål.") == []
    assert goal_statements("Tavoitteena on, että työttömyysaste on 7 % ja väkiluku 165 000.") == []


def test_a_page_without_a_list_gives_the_goals_its_sentences_state():
    text = (
        "Hyvinvointi\n\nLue lisää\n\nKunnan hyvinvointisuunnitelma hyväksyttiin. Suunnitelman keskeisin "
        "tavoite on vahvistaa lasten ja nuorten osallisuutta koko kunnassa.\n\nYhteystiedot\n"
    )
    plan = parse_bytes(text.encode(), "sivu.txt").plan
    assert plan is not None
    assert [node.title for node in plan.nodes] == ["vahvistaa lasten ja nuorten osallisuutta koko kunnassa"]


def test_a_page_with_a_list_of_goals_keeps_its_list():
    text = (
        "Hyvinvointi\n\nSuunnitelman tavoite on hyvä arki.\n\nTavoitteet:\n\n"
        "- Liikkuva kunta\n- Osallisuus\n- Turvallinen arki\n"
    )
    plan = parse_bytes(text.encode(), "sivu.txt").plan
    assert plan is not None
    assert [node.title for node in plan.nodes] == ["Liikkuva kunta", "Osallisuus", "Turvallinen arki"]


def test_a_goal_stated_right_before_a_list_of_another_level_is_the_lists_parent():
    text = (
        "Hyvinvointiohjelma\n\nOhjelma hyväksyttiin valtuustossa. Ohjelman keskeinen päämäärä on mielekäs "
        "elämä. Päämäärää tavoitellaan kolmen tavoitteen kautta;\n\n"
        "  1. Liikunnan edistäminen\n  2. Osallisuuden vahvistaminen\n  3. Arjen turvallisuus\n"
    )
    plan = parse_bytes(text.encode(), "ohjelma.txt").plan
    assert plan is not None
    [goal] = plan.nodes
    assert (goal.level, goal.title) == ("Päämäärä", "mielekäs elämä")
    assert [child.title for child in goal.children] == [
        "Liikunnan edistäminen",
        "Osallisuuden vahvistaminen",
        "Arjen turvallisuus",
    ]


def test_a_definition_of_a_level_is_no_goal():
    assert goal_statements("Strategiset päämäärät ovat visiota tarkentavia kehittämispäämääriä.") == []
    assert _titles("Päämäärät ovat hyvä arki, vahva talous ja kestävä ympäristö.") == [
        ("Päämäärä", "Hyvä arki"),
        ("Päämäärä", "Vahva talous"),
        ("Päämäärä", "Kestävä ympäristö"),
    ]


def test_a_goal_worded_as_a_change_by_a_percentage_states_its_indicator_and_target():
    [statement] = goal_statements(
        "Målet innan 2025 är att minska utanförskapet med 30 procent i hela kommunen."
    )
    found = change_target(statement)
    assert found is not None
    name, target = found
    assert name == "utanförskapet i hela kommunen"
    assert (target.kind, target.value, target.period) == ("change_percent", -30, "2025")


def test_a_translative_level_word_before_a_passive_past_lists_the_chosen_goals():
    assert _titles(
        "Valtuustokauden painopistealueiksi valittiin osallisuus, liikunta ja mielen hyvinvointi."
    ) == [
        ("Painopiste", "Osallisuus"),
        ("Painopiste", "Liikunta"),
        ("Painopiste", "Mielen hyvinvointi"),
    ]
    assert goal_statements("Tavoitteiksi asetettiin seuraavaa.") == []


def test_a_level_word_in_a_local_case_before_the_copula_is_no_subject():
    assert goal_statements("Omilla toimenpiteillä on saatu paljon aikaan.") == []
    assert goal_statements("Toimenpiteillä on yhteyksiä seuraaviin kärkihankkeisiin.") == []


def test_a_relative_clause_after_the_copula_is_no_list_of_goals():
    text = "Esitellyt toimenpiteet ovat kaikki sellaisia, joiden edistymiseen kaupunki voi vaikuttaa."
    assert goal_statements(text) == []
