"""The general reader on follow-up pages of one theme or action: target states listed under a
measure label, dated tasks with their reports, and captioned groups that are not the plan."""

from __future__ import annotations

from seuranta.core.parsing.families import outline as outline_family
from seuranta.core.parsing.readers import read_bytes


def parse_text(text: str):
    return outline_family.parse(read_bytes(text.encode(), "sivu.txt")).plan


def titles(nodes) -> list[str]:
    return [node.title for node in nodes]


def test_sentences_listed_under_a_target_label_are_nodes_named_by_it():
    plan = parse_text(
        "Teemat\n\n"
        "Ohjelmassa on kaksi teemaa, joille on asetettu tavoitetilat.\n\n"
        "Liikenne ja asuminen\n\n"
        "Kaupunki kasvaa kestävästi ja palvelut ovat lähellä asukkaita.\n\n"
        "Tavoitetilat:\n\n"
        " • Joukkoliikenne on sujuvaa ja kattaa kaikki asuinalueet hyvin.\n"
        " • Kävely ja pyöräily ovat turvallisia kulkutapoja koko kaupungissa.\n"
    )
    (theme,) = plan.nodes
    assert titles(theme.children) == [
        "Joukkoliikenne on sujuvaa ja kattaa kaikki asuinalueet hyvin.",
        "Kävely ja pyöräily ovat turvallisia kulkutapoja koko kaupungissa.",
    ]
    assert {child.level for child in theme.children} == {"Tavoitetila"}
    assert not theme.indicators


def test_values_listed_under_a_target_label_stay_targets_of_its_indicator():
    plan = parse_text("Kierrätys\n\nMittari: kierrätysaste\nTavoitetaso:\n • 2025 55 %\n • 2030 65 %\n")
    node = next(node for node in plan.nodes if node.indicators)
    assert not node.children
    assert [target.value for target in node.indicators[0].targets] == [55, 65]


def test_the_sentence_under_a_dated_task_is_its_report_and_the_task_is_done():
    plan = parse_text(
        "Energianeuvonta asukkaille\n\n"
        "Neuvontaa tarjotaan pientalojen asukkaille koko kunnan alueella.\n\n"
        "Tehtävät\n\n"
        "15.03.2022\n"
        "Neuvojan rekrytointi\n"
        "Energianeuvoja aloitti työnsä maaliskuussa ja kiersi kaikki kylät.\n"
        "30.09.2023\n"
        "Neuvontailtojen järjestäminen\n"
    )
    (action,) = plan.nodes
    assert [(task.title, task.done) for task in action.milestones] == [
        ("Neuvojan rekrytointi", True),
        ("Neuvontailtojen järjestäminen", False),
    ]
    assert [(item.period, item.text) for item in action.progress] == [
        ("2022-03", "Energianeuvoja aloitti työnsä maaliskuussa ja kiersi kaikki kylät.")
    ]


def test_groups_a_caption_introduces_without_a_level_word_are_text():
    plan = parse_text(
        "Kunnan tavoitteet\n\n"
        " 1. Asukkaiden hyvinvointi kasvaa\n"
        " 2. Elinkeinoelämä vahvistuu\n\n"
        "Kunnan periaatteet ovat\n\n"
        "Avoimuus\n\n"
        " • Kerromme päätöksistä ajoissa\n"
        " • Kuulemme asukkaita\n\n"
        "Kestävyys\n\n"
        " • Säästämme luonnonvaroja\n"
        " • Hoidamme taloutta huolella\n"
    )
    assert titles(plan.nodes) == ["Asukkaiden hyvinvointi kasvaa", "Elinkeinoelämä vahvistuu"]
