"""The general reader on layouts of programmes, evaluation reports and indicator pages:
repeated "Name – sentence" paragraphs, goal sentences stating numbers, contents chapters in
capitals, lists an intro does not name, capital-letter numbering, level labels."""

from __future__ import annotations

from seuranta.core.parsing import lexicon
from seuranta.core.parsing.contents import split_caps_chapter
from seuranta.core.parsing.families import outline as outline_family
from seuranta.core.parsing.goal_sentences import relative_targets, stated_targets
from seuranta.core.parsing.readers import read_bytes


def parse_text(text: str):
    return outline_family.parse(read_bytes(text.encode(), "ohjelma.txt")).plan


def titles(nodes) -> list[str]:
    return [node.title for node in nodes]


def test_paragraphs_repeating_name_dash_sentence_are_a_list_of_named_items():
    plan = parse_text(
        "Ohjelman painopisteet ovat:\n\n"
        "Osaava maakunta - Koulutusta kehitetään yhdessä yritysten kanssa koko alueella.\n\n"
        "Saavutettava maakunta – Raideyhteydet ja tietoliikenne paranevat kaikissa kunnissa.\n"
    )
    assert titles(plan.nodes) == ["Osaava maakunta", "Saavutettava maakunta"]
    assert plan.nodes[0].level == "Painopiste"
    assert plan.nodes[1].description.startswith("Raideyhteydet")


def test_one_name_dash_sentence_paragraph_is_prose():
    plan = parse_text("Visio\n\nOsaava maakunta - Koulutusta kehitetään yhdessä yritysten kanssa.\n")
    assert "Osaava maakunta" not in titles(plan.nodes)


def test_a_goal_sentence_stating_several_numbers_gives_an_indicator_per_clause():
    found = stated_targets(
        "Tavoitteena on, että vuonna 2026 työllisyysaste on 75 %, väkiluku on 52 000 asukasta "
        "ja yritysten määrä on kasvanut 300:lla."
    )
    assert [name for name, _, _ in found] == ["Työllisyysaste", "Väkiluku", "Yritysten määrä"]
    assert [m.value for _, _, ms in found for m in ms] == [75, 52000, 300]
    assert {m.period for _, _, ms in found for m in ms} == {"2026"}


def test_a_sentence_with_one_number_is_no_goal_sentence():
    assert stated_targets("Tavoitteena on, että työllisyysaste on 75 %.") == []


def test_a_change_from_a_years_level_is_a_relative_target_with_that_baseline():
    [(name, baseline, target)] = relative_targets(
        "Tavoite saavutetaan vähentämällä päästöjä vähintään 60 prosenttia vuoden 2005 tasosta "
        "vuoteen 2035 mennessä."
    )
    assert name == "Päästöjä"
    assert (baseline.period, baseline.value) == ("2005", None)
    assert (target.kind, target.value, target.period) == ("change_percent", -60, "2035")


def test_genitives_before_the_noun_of_change_name_what_changes():
    [(name, _, target)] = relative_targets(
        "Hiilineutraalius vuonna 2030 tarkoittaa kunnan alueen päästöjen laskua 70 % vuoden 1990 tasosta."
    )
    assert name == "Kunnan alueen päästöjen"
    assert (target.value, target.period) == (-70, "2030")


def test_the_object_of_a_verb_of_change_is_what_changes_whatever_its_genitive():
    [(name, baseline, target)] = relative_targets(
        "Tavoitteena on vuoteen 2030 mennessä vähentää kunnan kasvihuonekaasupäästöjä 80 %:iin "
        "vuoden 2007 tasosta."
    )
    assert name == "Kasvihuonekaasupäästöjä"
    assert baseline.period == "2007"
    assert (target.kind, target.value, target.period) == ("change_percent", -80, "2030")


def test_a_contents_chapter_in_capitals_keeps_its_run_together_sections():
    chapter, sections = split_caps_chapter(
        "TAVOITTEIDEN TOTEUTUMINEN Yleistä taloudesta Porvarin Kylän tavoitteet Hyvä arki Tekninen lautakunta"
    )
    assert chapter == "TAVOITTEIDEN TOTEUTUMINEN"
    assert sections == ["Yleistä taloudesta", "Porvarin Kylän tavoitteet", "Hyvä arki", "Tekninen lautakunta"]


def test_an_entry_without_a_capitalised_chapter_is_not_split():
    assert split_caps_chapter("Talousarvion toteutuminen Käyttötalous") is None


def test_bullets_after_prose_beside_an_introduced_list_are_text():
    plan = parse_text(
        "Kunnan kolme päätavoitetta ovat:\n\n"
        "• Asukkaat voivat hyvin\n• Elinkeinot vahvistuvat\n\n"
        "Tavoitteiden toteutumista arvioidaan asteikolla, jota selitetään alla.\n\n"
        "• Toteutunut tarkoittaa, että kaikki mittarit saavuttivat tason.\n"
        "• Osittain toteutunut tarkoittaa, että osa mittareista saavutti tason.\n"
    )
    assert titles(plan.nodes) == ["Asukkaat voivat hyvin", "Elinkeinot vahvistuvat"]


def test_capital_letters_number_a_list():
    plan = parse_text("Toimenpiteet\n\nA. Neuvolat tukevat vanhemmuutta\nB. Koulut tarjoavat kerhoja\n")
    assert titles(plan.nodes) == ["Neuvolat tukevat vanhemmuutta", "Koulut tarjoavat kerhoja"]


def test_a_label_starting_with_a_level_word_names_its_value_as_a_node():
    plan = parse_text(
        "Painopiste ja kehittämiskohteet: Osallisuus ja yhteisöllisyys\n\n- Kylätoiminta vahvistuu\n"
    )
    assert titles(plan.nodes) == ["Osallisuus ja yhteisöllisyys"]
    assert plan.nodes[0].level == "Painopiste"


def test_a_short_word_heads_a_compound_after_a_linking_s():
    assert lexicon.lookup("verksamhetsmål").term == "mål"
    assert lexicon.lookup("signal") is None
