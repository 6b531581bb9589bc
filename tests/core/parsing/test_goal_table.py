"""The goal-table family: Tavoite | Toimenpide | Aikataulu | Vastuutaho | Arviointi."""

import json
from pathlib import Path

import pytest

from seuranta.core.parsing.document import Document, Paragraph, Table
from seuranta.core.parsing.families import goal_table
from seuranta.core.parsing.readers.txt import read
from tests.support.score_import import score_document

DATA = Path(__file__).resolve().parents[2] / "data"
HEADER = "Tavoite Toimenpide Aika-\ntaulu\n\nVastuutaho Arviointi\n\n"


def doc(text: str) -> Document:
    return read(text.encode("utf-8"), "test.txt")


def parse(text: str):
    return goal_table.parse(doc(text))


def all_nodes(plan):
    return [node for node, _ in plan.walk()]


def node(plan, title):
    return next(n for n in all_nodes(plan) if n.title == title)


ONE_ROW = HEADER + (
    "Työsuojelutietoisuuden \nlisääminen\n\n"
    "Ohjaamme ja opastamme \ntyöyhteisöjä.\n\n"
    "2022– \njatkuva\n\n"
    "Henkilöstö-\npalvelut\n\n"
    "Anonyymien rekrytointien luku-\nmäärä yli 20 (lähtötaso v. 2022 11).\n"
)


# ---------------------------------------------------------------- detection


def test_detect_is_high_for_a_text_table_header_with_five_columns():
    assert goal_table.detect(doc(ONE_ROW)) >= 0.8


def test_detect_is_high_for_a_docx_table_with_goal_columns():
    table = Table(
        rows=[["Tavoite", "Toimenpide", "Aikataulu", "Vastuutaho", "Arviointi"], ["a", "b", "", "", ""]]
    )
    assert goal_table.detect(Document(text="", blocks=[table])) >= 0.8


def test_detect_stays_moderate_when_narrative_headings_dominate():
    text = (
        "Nykytila:\n\nTeksti.\n\nHaasteet:\n\nTeksti.\n\nKehittämisnäkökulmia:\n\nTeksti.\n\n"
        "Tavoite Toimenpiteet Mittarit \nMenojen kasvun \nhallinta\n\nProsessien tehostaminen.\n"
    )
    assert 0 < goal_table.detect(doc(text)) <= 0.6


def test_detect_is_zero_without_a_table_header():
    assert goal_table.detect(doc("Tavoitteena on hyvä työ.\nToimenpiteet kuvataan alla.\n")) == 0


# ---------------------------------------------------------------- cells


def test_hyphenated_responsible_cell_is_joined():
    plan = parse(ONE_ROW).plan
    assert node(plan, "Ohjaamme ja opastamme työyhteisöjä.").responsible == ["Henkilöstöpalvelut"]


def test_soft_wrapped_lines_form_one_cell():
    plan = parse(ONE_ROW).plan
    assert [n.level for n in plan.nodes] == ["Tavoite"]
    assert plan.nodes[0].title == "Työsuojelutietoisuuden lisääminen"


def test_a_line_the_next_word_would_have_fitted_on_ends_the_cell():
    text = HEADER + (
        "Prosessin digitalisointi \nja tiedolla johtaminen \n\n"
        "Digitaalisen ratkaisun pilotointi sekä työkyvyn tuen koulutukset.\n\n"
        "Henkilöstö-\npalvelut\n"
    )
    plan = parse(text).plan
    assert plan.nodes[0].title == "Prosessin digitalisointi ja tiedolla johtaminen"
    assert [c.title for c in plan.nodes[0].children] == [
        "Digitaalisen ratkaisun pilotointi sekä työkyvyn tuen koulutukset."
    ]


def test_cell_without_closing_full_stop_is_a_goal_and_sentences_are_actions():
    plan = parse(ONE_ROW).plan
    goal = plan.nodes[0]
    assert goal.level == "Tavoite"
    assert [(c.level, c.title) for c in goal.children] == [
        ("Toimenpide", "Ohjaamme ja opastamme työyhteisöjä.")
    ]


def test_schedule_applies_to_the_rows_actions():
    plan = parse(ONE_ROW).plan
    assert node(plan, "Ohjaamme ja opastamme työyhteisöjä.").schedule == "2022– jatkuva"
    assert plan.nodes[0].schedule is None


def test_second_schedule_printed_in_a_row_goes_to_the_next_row():
    text = HEADER + (
        "Ensimmäinen tavoite\n\nTeemme ensimmäisen asian.\n\n2022– \njatkuva\n\n2023– \n2024\n\n"
        "Henkilöstö-\npalvelut\n\nToteutuneet koulutukset.\n\n"
        "Toinen tavoite\n\nTeemme toisen asian.\n\nHenkilöstö-\npalvelut\n\nToteutuneet kyselyt.\n"
    )
    plan = parse(text).plan
    assert node(plan, "Teemme ensimmäisen asian.").schedule == "2022– jatkuva"
    assert node(plan, "Teemme toisen asian.").schedule == "2023– 2024"


def test_schedule_and_responsible_printed_before_the_goal_belong_to_its_row():
    text = HEADER + (
        "Ensimmäinen tavoite\n\nTeemme ensimmäisen asian.\n\n2022– \njatkuva\n\nTyöterveys-\nhuolto\n\n"
        "Toteutuneet koulutukset.\n\n"
        "2023– \n2024\n\nHenkilöstö-\npalvelut\n\n"
        "Toinen tavoite\n\nTeemme toisen asian.\n\nPajojen lukumäärä yli 60 (lähtötaso v. 2022 48).\n"
    )
    result = parse(text)
    action = node(result.plan, "Teemme toisen asian.")
    assert action.schedule == "2023– 2024"
    assert action.responsible == ["Henkilöstöpalvelut"]
    assert action.indicators[0].name == "Pajojen lukumäärä"
    assert any(w.code == "ambiguous_column" and w.field == "schedule" for w in result.warnings)


def test_cell_starting_in_lower_case_continues_the_cell_before():
    text = HEADER + (
        "Tietoisuuden lisääminen\n\nTyösuojeluhenkilöstö ohjaa ja opastaa \nsekä toteuttaa käyntejä, erilaisia\n\n"
        "työyhteisöille suunnattuja tietoiskuja.\n"
    )
    plan = parse(text).plan
    assert plan.nodes[0].children[0].title == (
        "Työsuojeluhenkilöstö ohjaa ja opastaa sekä toteuttaa käyntejä, erilaisia työyhteisöille suunnattuja "
        "tietoiskuja."
    )


# ---------------------------------------------------------------- evaluations


def test_evaluation_gives_target_and_baseline_with_its_year():
    indicator = node(parse(ONE_ROW).plan, "Ohjaamme ja opastamme työyhteisöjä.").indicators[0]
    assert indicator.name == "Anonyymien rekrytointien lukumäärä"
    assert (indicator.targets[0].kind, indicator.targets[0].value) == ("min", 20)
    assert (indicator.baseline.value, indicator.baseline.period) == (11, "2022")


def test_level_closing_the_sentence_is_the_target_with_its_unit():
    text = (
        HEADER
        + "Koulutus\n\nJärjestämme koulutuksia.\n\nHenkilöstö-\npalvelut\n\nKoulutusten lukumäärä yli \n8 koulutusta / vuosi.\n"
    )
    indicator = parse(text).plan.nodes[0].children[0].indicators[0]
    assert indicator.name == "Koulutusten lukumäärä"
    assert indicator.unit == "koulutusta / vuosi"
    assert indicator.targets[0].value == 8


def test_baseline_names_its_source():
    text = HEADER + (
        "Keskustelut\n\nKäymme keskustelut.\n\nHenkilöstö-\npalvelut\n\n"
        "Käydyt kehityskeskustelut 100% \n(lähtötaso v. 2021 \n\ntyöhyvinvointikyselyssä 84%).\n"
    )
    indicator = parse(text).plan.nodes[0].children[0].indicators[0]
    assert indicator.source == "työhyvinvointikysely"
    assert (indicator.baseline.value, indicator.baseline.period) == (84, "2021")
    assert indicator.targets[0].value == 100


def test_evaluation_cell_with_two_sentences_gives_two_indicators_and_a_warning():
    text = HEADER + (
        "Kyselyt\n\nToteutamme kyselyn.\n\nHenkilöstö-\npalvelut\n\n"
        "Työhyvinvointikysely. \nYhdenvertaisuuskyselyn toteuttaminen.\n"
    )
    result = parse(text)
    names = [i.name for i in result.plan.nodes[0].children[0].indicators]
    assert names == ["Työhyvinvointikysely", "Yhdenvertaisuuskyselyn toteuttaminen"]
    assert any(w.code == "split_indicator" for w in result.warnings)


def test_indicators_go_to_the_action_whose_words_they_share():
    text = HEADER + (
        "Rekrytointi\n\nTehostamme anonyymiä rekrytointia.\n\nKehitämme perehdytysalustaa.\n\n"
        "Henkilöstö-\npalvelut\n\nPerehdytysalustan käyttäjät.\n\nAnonyymien rekrytointien lukumäärä.\n"
    )
    plan = parse(text).plan
    assert [i.name for i in node(plan, "Tehostamme anonyymiä rekrytointia.").indicators] == [
        "Anonyymien rekrytointien lukumäärä"
    ]
    assert [i.name for i in node(plan, "Kehitämme perehdytysalustaa.").indicators] == [
        "Perehdytysalustan käyttäjät"
    ]


def test_indicator_placed_by_order_gets_a_warning():
    text = HEADER + (
        "Turvallisuus\n\nOhjaamme työpaikkoja.\n\nTehostamme ilmoituksia.\n\nTyö-\nsuojelu\n\n"
        "Tapaturmatilastot.\n"
    )
    result = parse(text)
    assert [i.name for i in node(result.plan, "Ohjaamme työpaikkoja.").indicators] == ["Tapaturmatilastot"]
    warning = next(w for w in result.warnings if w.code == "ambiguous_column" and w.field == "indicators")
    assert warning.indicator == "Tapaturmatilastot"
    assert warning.path == ("Turvallisuus", "Ohjaamme työpaikkoja.")


# ---------------------------------------------------------------- hierarchy


OVERVIEW = (
    "Kaupunkistrategian tavoitteena\n\n Hyvinvoiva henkilöstö\n\n"
    "1.   Työyhteisömme edistävät ¶\n\n  työkykyä\n\n2.   Monimuotoisuuden johtaminen \n\n"
    "  • Monimuotoisuudella tarkoitamme erilaisuutta.\n\n\n\n"
).replace("¶", "")


def test_numbered_overview_gives_top_node_and_themes():
    plan = parse(OVERVIEW + ONE_ROW).plan
    top = plan.nodes[0]
    assert (top.level, top.title) == ("Strateginen tavoite", "Hyvinvoiva henkilöstö")
    themes = [c.title for c in top.children if c.level == "Teema"]
    assert themes == ["Työyhteisömme edistävät työkykyä", "Monimuotoisuuden johtaminen"]
    assert top.children[-1].description == "Monimuotoisuudella tarkoitamme erilaisuutta."


def test_label_cell_places_the_rows_under_the_theme_it_repeats():
    table = HEADER + "Monimuotoisuuden johtaminen\n\n" + ONE_ROW[len(HEADER) :]
    plan = parse(OVERVIEW + table).plan
    theme = node(plan, "Monimuotoisuuden johtaminen")
    assert [c.title for c in theme.children] == ["Työsuojelutietoisuuden lisääminen"]


def test_slide_opening_with_a_theme_title_is_its_description():
    slide = "Monimuotoisuuden johtaminen\n\nTavoitteenamme on rakentaa työyhteisöjä.\n\n\n\n"
    plan = parse(OVERVIEW + slide + ONE_ROW).plan
    theme = node(plan, "Monimuotoisuuden johtaminen")
    assert theme.description.endswith("Tavoitteenamme on rakentaa työyhteisöjä.")
    assert [c.title for c in theme.children] == ["Työsuojelutietoisuuden lisääminen"]


def test_other_slides_are_sections():
    plan = parse(
        "Ohjelman tarkoituksena on vahvistaa yhtenäistä henkilöstöpolitiikkaa.\n\n\n\n" + ONE_ROW
    ).plan
    assert plan.sections[0].text == "Ohjelman tarkoituksena on vahvistaa yhtenäistä henkilöstöpolitiikkaa."


# ---------------------------------------------------------------- real tables


def docx_table(*rows):
    header = ["Tavoite", "Toimenpide", "Aikataulu", "Vastuutaho", "Arviointi"]
    return Document(
        text="", blocks=[Paragraph("Henkilöstöohjelma"), Table(rows=[header, *rows])], source_format="docx"
    )


def test_docx_table_rows_become_goals_with_actions():
    plan = goal_table.parse(
        docx_table(
            [
                "Osaava työvoima",
                "Tehostamme rekrytointia.",
                "2022– jatkuva",
                "Henkilöstöpalvelut, Viestintä",
                "Rekrytointien lukumäärä yli 20 (lähtötaso v. 2022 11).",
            ],
        )
    ).plan
    goal = plan.nodes[0]
    action = goal.children[0]
    assert (goal.level, goal.title, action.level, action.title) == (
        "Tavoite",
        "Osaava työvoima",
        "Toimenpide",
        "Tehostamme rekrytointia.",
    )
    assert action.schedule == "2022– jatkuva"
    assert action.responsible == ["Henkilöstöpalvelut", "Viestintä"]
    assert action.indicators[0].targets[0].value == 20


def test_docx_cell_with_several_lines_gives_several_actions():
    plan = goal_table.parse(
        docx_table(
            ["Osaava työvoima", "Tehostamme rekrytointia.\nKehitämme perehdytystä.", "2022", "HR", ""],
        )
    ).plan
    assert [c.title for c in plan.nodes[0].children] == [
        "Tehostamme rekrytointia.",
        "Kehitämme perehdytystä.",
    ]


def test_docx_row_with_empty_goal_cell_continues_the_goal_above():
    plan = goal_table.parse(
        docx_table(
            ["Osaava työvoima", "Tehostamme rekrytointia.", "2022", "HR", ""],
            ["", "Koulutamme esihenkilöitä.", "2023", "Koulutus", ""],
        )
    ).plan
    assert len(plan.nodes) == 1
    second = plan.nodes[0].children[1]
    assert (second.title, second.schedule, second.responsible) == (
        "Koulutamme esihenkilöitä.",
        "2023",
        ["Koulutus"],
    )


def test_docx_heading_before_a_table_is_its_theme():
    document = docx_table(["Osaava työvoima", "Tehostamme rekrytointia.", "2022", "HR", ""])
    document.blocks.insert(1, Paragraph("Monimuotoisuuden johtaminen", heading=2))
    plan = goal_table.parse(document).plan
    assert plan.nodes[0].title == "Monimuotoisuuden johtaminen"
    assert plan.nodes[0].children[0].title == "Osaava työvoima"


# ---------------------------------------------------------------- corpus


def corpus(name: str) -> Document:
    path = DATA / "corpus" / f"{name}.txt"
    return read(path.read_bytes(), path.name)


def test_kokkola_programme_scores_against_its_gold():
    name = "kokkola-henkilostoohjelma-2022-2025"
    gold = json.loads((DATA / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    metrics = score_document(gold, goal_table.parse(corpus(name)).plan.to_dict())
    assert metrics["score"] >= 0.90
    for key in ("nodes", "context", "indicators", "baselines", "targets", "responsible", "schedule"):
        assert metrics[key] >= 0.85, key


@pytest.mark.parametrize(
    "name",
    [
        "laitila-hallintotoimi-palvelusuunnitelma",
        "pori-henkilostostrategia-2026",
        "pori-konsernipalvelut-tavoitteet-2026",
        "pori-sivistystoimiala-toteutuminen-q1-2023",
    ],
)
def test_detect_is_low_for_other_families(name):
    assert goal_table.detect(corpus(name)) < 0.5


def test_detect_is_high_for_the_kokkola_programme():
    assert goal_table.detect(corpus("kokkola-henkilostoohjelma-2022-2025")) >= 0.8
