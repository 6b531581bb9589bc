"""The general importer reads a document's outline when no specific family fits."""

from __future__ import annotations

from seuranta.core.parsing import parse_bytes
from seuranta.core.parsing.document import Document, Paragraph, Table
from seuranta.core.parsing.families import outline as outline_family
from seuranta.core.parsing.outline import build, classify, classify_text
from seuranta.core.parsing.profile import Profile
from seuranta.core.parsing.readers import read_bytes


def parse_text(text: str):
    return outline_family.parse(read_bytes(text.encode(), "suunnitelma.txt"))


def titles(nodes) -> list[str]:
    return [node.title for node in nodes]


def test_decimal_numbering_nests_by_depth():
    plan = parse_text(
        "Ohjelma\n\n1. Elinvoima\n1.1 Yrityksiä tuetaan\n1.2 Työpaikat lisääntyvät\n2. Hyvinvointi\n"
    ).plan
    assert titles(plan.nodes) == ["Elinvoima", "Hyvinvointi"]
    assert titles(plan.nodes[0].children) == ["Yrityksiä tuetaan", "Työpaikat lisääntyvät"]


def test_a_level_word_in_front_of_an_item_names_its_level():
    plan = parse_text("Tavoite 1: Asukkaat liikkuvat\nTavoite 2: Yksinäisyys vähenee\n").plan
    assert [node.level for node in plan.nodes] == ["Tavoite", "Tavoite"]
    assert titles(plan.nodes) == ["Asukkaat liikkuvat", "Yksinäisyys vähenee"]


def test_a_list_introduced_by_a_level_label_gives_nodes_of_that_level():
    plan = parse_text(
        "1. Liikunta lisääntyy\nToimenpiteet:\n- Koulujen välituntiliikunta\n- Uusi lähiliikuntapaikka\n"
    ).plan
    goal = plan.nodes[0]
    assert titles(goal.children) == ["Koulujen välituntiliikunta", "Uusi lähiliikuntapaikka"]
    assert {child.level for child in goal.children} == {"Toimenpide"}


def test_labelled_lines_fill_the_indicator_and_the_nodes_fields():
    text = (
        "1. Liikunta lisääntyy\nMittari: Liikkuu suositusten mukaan, %\nLähtötaso: 35 % (2023)\n"
        "Tavoitetaso: 40 % vuonna 2026\nVastuu: sivistystoimi, liikuntapalvelut\nAikataulu: 2024–2026\n"
    )
    node = parse_text(text).plan.nodes[0]
    indicator = node.indicators[0]
    assert indicator.name == "Liikkuu suositusten mukaan, %"
    assert indicator.baseline.value == 35
    assert [(t.value, t.period) for t in indicator.targets] == [(40, "2026")]
    assert node.responsible == ["sivistystoimi", "liikuntapalvelut"]
    assert node.schedule == "2024–2026"


def test_inflected_and_compound_labels_are_understood():
    node = parse_text(
        "1. Henkilöstö voi hyvin\nHenkilöstömittarit:\n- Sairauspoissaolot, pv\n- eNPS\n"
    ).plan.nodes[0]
    assert [i.name for i in node.indicators] == ["Sairauspoissaolot, pv", "eNPS"]


def test_a_table_with_role_headers_gives_indicators_per_row():
    doc = Document(
        text="",
        blocks=[
            Paragraph("Strategian mittarit", heading=1),
            Paragraph("Elinvoima", heading=2),
            Table(
                [
                    ["Tavoite", "Mittari", "Lähtötaso 2024", "Tavoite 2028"],
                    ["Työpaikat lisääntyvät", "Työpaikkojen määrä", "12 400", "13 000"],
                    ["Työpaikat lisääntyvät", "Työllisyysaste, %", "71,2 %", "vähintään 74 %"],
                ]
            ),
        ],
    )
    plan = outline_family.parse(doc).plan
    goal = plan.nodes[0].children[0]
    assert goal.title == "Työpaikat lisääntyvät" and goal.level == "Tavoite"
    assert [i.name for i in goal.indicators] == ["Työpaikkojen määrä", "Työllisyysaste, %"]
    assert [(t.kind, t.value, t.period) for t in goal.indicators[1].targets] == [("min", 74, "2028")]


def test_a_document_no_family_recognises_still_gives_a_plan_to_review():
    result = parse_bytes(
        "Kehittämisohjelma\n\nLIIKUNTA\n• Pyöräteitä lisätään\n• Uimahalli peruskorjataan\n".encode(), "a.txt"
    )
    assert result.plan is not None and result.family == "outline"
    assert titles(result.plan.nodes) == ["LIIKUNTA"]
    assert any(w.code == "outline_guess" for w in result.warnings)


def test_a_count_at_the_start_of_a_sentence_is_not_numbering():
    assert classify_text("12 uutta asuntoa valmistui").kind == "text"
    assert classify_text("2. Hyvinvointi").style == "dec1"


def test_a_style_seen_before_closes_the_sections_below_it():
    lines = classify(
        Document(
            text="", blocks=[Paragraph(t) for t in ("A OSA", "1. eka", "a) alakohta", "B OSA", "1. toka")]
        )
    )
    root = build(lines)[0]
    assert [s.title for s in root.children] == ["A OSA", "B OSA"]
    assert [s.title for s in root.children[1].children] == ["toka"]


def test_prose_headings_become_sections_when_other_headings_hold_goals():
    prose = "Tämä suunnitelma kuvaa kunnan tavoitteet ja niiden seurannan. " * 4
    text = f"Suunnitelma\n\nJOHDANTO\n{prose}\n\nTAVOITTEET\nTavoite 1: Asukkaat liikkuvat\nMittari: liikkuvien osuus\n"
    plan = parse_text(text).plan
    assert [s.title for s in plan.sections] == ["JOHDANTO"]
    assert titles(plan.nodes) == ["TAVOITTEET"]


def test_every_line_is_traced_with_its_role_and_rule():
    result = parse_text("1. Liikunta lisääntyy\nMittari: Liikkuvien osuus\nTekijä: X\n\nSivu 3\n")
    roles = {line.text: (line.role, line.rule) for line in result.lines}
    assert roles["Liikunta lisääntyy"] == ("node", "style:dec1")
    assert roles["Mittari: Liikkuvien osuus"] == ("indicator", "lexicon:fi:mittari")
    assert roles["Tekijä: X"][0] == "description"


def test_a_taught_label_overrides_the_lexicon():
    profile = Profile()
    profile.teach_label("Seuranta", "actual")
    profile.teach_label("Keinot", "level:Toimenpide")
    text = "1. Liikunta lisääntyy\nMittari: Liikkuvien osuus\nSeuranta: 38 %\nKeinot:\n- Välituntiliikunta\n"
    plan = outline_family.parse(read_bytes(text.encode(), "a.txt"), profile).plan
    goal = plan.nodes[0]
    assert [a.value for a in goal.indicators[0].actuals] == [38]
    assert [(c.level, c.title) for c in goal.children] == [("Toimenpide", "Välituntiliikunta")]


def test_headings_taught_as_units_name_the_unit_of_the_items_below():
    profile = Profile(styles={"caps": "unit"})
    text = "SIVISTYSTOIMI\n1. Oppimistulokset paranevat\n2. Kiusaaminen vähenee\nTEKNINEN TOIMI\n1. Katuvalot uusitaan\n"
    plan = outline_family.parse(read_bytes(text.encode(), "a.txt"), profile).plan
    assert [(n.unit, n.title) for n in plan.nodes] == [
        ("SIVISTYSTOIMI", "Oppimistulokset paranevat"),
        ("SIVISTYSTOIMI", "Kiusaaminen vähenee"),
        ("TEKNINEN TOIMI", "Katuvalot uusitaan"),
    ]


def test_a_level_renamed_in_the_profile_is_used_for_every_node_of_that_level():
    profile = Profile(levels={"Tavoite": "Päämäärä"})
    plan = outline_family.parse(read_bytes(b"Tavoite 1: Asukkaat liikkuvat\n", "a.txt"), profile).plan
    assert plan.levels == ["Päämäärä"] and plan.nodes[0].level == "Päämäärä"


def test_an_organisation_profile_sends_its_documents_to_the_outline_reader():
    profile = Profile(labels={"seuranta": "actual"})
    result = parse_bytes("1. Liikunta lisääntyy\nMittari: Liikkuvien osuus\n".encode(), "a.txt", profile)
    assert result.family == "outline"


def test_a_heading_repeated_in_the_document_is_one_node():
    text = "SISÄLLYS 1. ELINVOIMA 3 2. HYVINVOINTI 5 3. TALOUS 7\n\n1. ELINVOIMA\nMittari: Työpaikat\n2. HYVINVOINTI\n"
    plan = parse_text(text).plan
    assert titles(plan.nodes) == ["ELINVOIMA", "HYVINVOINTI", "TALOUS"]
    assert [i.name for i in plan.nodes[0].indicators] == ["Työpaikat"]


def test_a_field_name_on_its_own_line_heads_the_values_below_it():
    node = parse_text("1. Koulutus järjestetään\nVastuuorganisaatio\nYmpäristöpalvelut\n").plan.nodes[0]
    assert node.responsible == ["Ympäristöpalvelut"]


def test_dated_list_items_under_a_node_are_its_milestones():
    text = "1. Seurantatyökalu otetaan käyttöön\n• 31.08.2019 | Avainhenkilöt on listattu\n• 30.09.2019 | Koulutukset on järjestetty\n"
    node = parse_text(text).plan.nodes[0]
    assert [(m.due, m.title) for m in node.milestones] == [
        ("31.08.2019", "Avainhenkilöt on listattu"),
        ("30.09.2019", "Koulutukset on järjestetty"),
    ]
    assert node.children == []


def test_the_text_under_the_documents_title_is_kept_as_its_introduction():
    doc = Document(
        text="",
        blocks=[
            Paragraph("Hyvinvointiohjelma", heading=1),
            Paragraph("Ohjelma kuvaa kunnan tavoitteet."),
            Paragraph("Liikunta", heading=2),
            Paragraph("Tavoite 1: Asukkaat liikkuvat"),
        ],
    )
    plan = outline_family.parse(doc).plan
    assert plan.title == "Hyvinvointiohjelma"
    assert [(s.title, s.text) for s in plan.sections] == [(None, "Ohjelma kuvaa kunnan tavoitteet.")]


def test_a_repeating_template_of_labelled_lines_is_one_record_each_named_by_its_first_label():
    text = (
        "Hanke: Keskustan pyörätiet\nVastuu: tekninen toimi\nAikataulu: 2025–2026\n"
        "Hanke: Koulujen aurinkopaneelit\nVastuu: tilapalvelut\nAikataulu: 2025\n"
    )
    plan = parse_text(text).plan
    assert plan.levels == ["Hanke"]
    assert [(n.title, n.responsible, n.schedule) for n in plan.nodes] == [
        ("Keskustan pyörätiet", ["tekninen toimi"], "2025–2026"),
        ("Koulujen aurinkopaneelit", ["tilapalvelut"], "2025"),
    ]


def test_a_repeating_field_label_is_a_list_of_that_field_not_of_records():
    node = parse_text(
        "1. Liikunta\nMittari: Liikkuvien osuus\nLähde: kysely\nMittari: Uimahallikäynnit\nLähde: kassa\n"
    ).plan.nodes[0]
    assert [i.name for i in node.indicators] == ["Liikkuvien osuus", "Uimahallikäynnit"]


def test_a_bulleted_item_with_a_level_word_is_named_by_it():
    plan = parse_text("Målen\n\n • Mål 1: Välmående människor\n • Mål 2: Allt vatten har god kvalitet\n").plan
    assert titles(plan.nodes) == ["Välmående människor", "Allt vatten har god kvalitet"]
    assert [node.level for node in plan.nodes] == ["Mål", "Mål"]


def test_a_lone_short_line_over_a_list_is_its_caption_not_a_node():
    plan = parse_text(
        "Strategia\n\nJohdanto kertoo strategiasta.\n\nTulevaisuuden päämääränä on, että\n\n"
        " • Asukkaat voivat hyvin.\n • Talous on tasapainossa.\n"
    ).plan
    assert titles(plan.nodes) == ["Asukkaat voivat hyvin.", "Talous on tasapainossa."]
    assert [node.level for node in plan.nodes] == ["Päämäärä", "Päämäärä"]


def test_short_headings_each_over_a_list_of_the_same_kind_stay_group_headings():
    plan = parse_text(
        "Elinvoima\n\n • Yrityksiä tuetaan\n • Työpaikat lisääntyvät\n\n"
        "Hyvinvointi\n\n • Liikunta lisääntyy\n • Yksinäisyys vähenee\n"
    ).plan
    assert titles(plan.nodes) == ["Elinvoima", "Hyvinvointi"]
    assert titles(plan.nodes[1].children) == ["Liikunta lisääntyy", "Yksinäisyys vähenee"]


def test_a_table_flattened_to_text_lines_gives_one_indicator_per_row():
    plan = parse_text(
        "Talous\n\nTunnusluvut ovat seuraavat:\n\n"
        "  Eur Käyttö-% Muutos 2022-21, %\n"
        "Toimintatuotot       3 543 100 59,1   27,4\n"
        "Toimintakate    -20 475 652 52,7     3,6\n"
        "Vuosikate          717 713 57,1  -17,8\n"
    ).plan
    table = plan.nodes[0]  # under the document's title, named by the sentence that introduces it
    assert table.title == "Tunnusluvut"
    indicators = table.indicators
    assert [i.name for i in indicators] == ["Toimintatuotot", "Toimintakate", "Vuosikate"]
    assert [(m.value, m.label) for m in indicators[2].actuals] == [
        (717713, "Eur"),
        (57.1, "Käyttö-%"),
        (-17.8, "Muutos 2022-21, %"),
    ]


def test_two_lines_ending_in_numbers_are_no_table():
    plan = parse_text("Talous\n\nVuosikate 717 713\nTilikauden tulos -43 978\n").plan
    assert plan.nodes[0].indicators == []


def test_a_year_table_flattened_into_one_line_gives_indicators_by_year():
    plan = parse_text(
        "Elinvoima\n\nIndikaattori 2012 2013 2014 Uusien yritysten määrä, lkm 1 704 1 606 1 516 "
        "Työpaikat - Koko kaupunki - Keskusta 107 992 37 247 107 587 36 764 107 614 37 023 "
        "Työpaikkaomavaraisuus, % 96,0 96,0 94,3\n"
    ).plan
    indicators = plan.nodes[0].indicators
    assert [i.name for i in indicators] == [
        "Uusien yritysten määrä, lkm",
        "Työpaikat",
        "Työpaikkaomavaraisuus, %",
    ]
    assert [(m.value, m.period) for m in indicators[0].actuals] == [
        (1704, "2012"),
        (1606, "2013"),
        (1516, "2014"),
    ]
    assert [m.text for m in indicators[1].actuals] == [
        "107 992 / 37 247",
        "107 587 / 36 764",
        "107 614 / 37 023",
    ]


def test_a_line_of_values_each_with_its_year_is_an_indicator_series():
    plan = parse_text("Hyvinvointi\n\nLiikunta-aktiivisuus 67,1 (2021) 70,4 (2022)\n").plan
    indicator = plan.nodes[0].indicators[0]
    assert indicator.name == "Liikunta-aktiivisuus"
    assert [(m.value, m.period) for m in indicator.actuals] == [(67.1, "2021"), (70.4, "2022")]


def test_in_a_table_of_contents_only_the_entries_under_a_level_chapter_are_nodes():
    plan = parse_text(
        "Tilinpäätös\n\nSisällys 1. Toimintaympäristö... 4 1.1 Talous kasvaa... 4 2. Talousarvion toteutuminen... 9 "
        "2.1 Tehtäväalueille asetettujen tavoitteiden toteutuminen... 9 2.1.1 Johto ja edunvalvonta... 9 "
        "2.1.2 Aluesuunnittelu... 11 3. Liitetiedot... 20\n"
    ).plan
    assert titles(plan.nodes) == ["Johto ja edunvalvonta", "Aluesuunnittelu"]
    assert [node.level for node in plan.nodes] == ["Tehtäväalue", "Tehtäväalue"]


def test_page_numbers_in_front_of_converted_pages_are_no_numbering():
    plan = parse_text(
        "1 KUNNAN STRATEGIA\n\n2 Sisältö\n\n3 Johdanto ja tausta kerrotaan tässä luvussa pitkästi.\n\n"
        "4 Strategiset tavoitteet\n • Koti yhä useammalle\n • Oikea palvelu\n"
    ).plan
    assert "Sisältö" not in titles(plan.nodes)
    assert all(not title[:1].isdigit() for title in titles(plan.nodes))


def test_a_table_of_contents_run_together_is_split_at_its_capitalised_entries():
    plan = parse_text(
        "KUNNAN STRATEGIA\n\nSISÄLTÖ: 1. Johdanto Strategiaprosessi Visio ja arvot Strategiset tavoitteet "
        "Koti yhä useammalle Oikea palvelu Raha ja talous 2. Liitteet\n"
    ).plan
    assert titles(plan.nodes) == ["Koti yhä useammalle", "Oikea palvelu", "Raha ja talous"]


def test_indicators_listed_in_a_sentence_are_read_with_the_goal_they_measure():
    plan = parse_text(
        "Elinvoiman kasvun keskeisiä mittareita ovat mm. yritysten määrä, "
        "yritysten liikevaihto sekä työllisyystilanne. Puolet niistä kehittyy oikeaan suuntaan.\n\n"
        "Tekoja\n\nKouluja on korjattu.\n"
    ).plan
    goal = plan.nodes[0]
    assert goal.title == "Elinvoiman kasvun"
    assert [i.name for i in goal.indicators] == [
        "yritysten määrä",
        "yritysten liikevaihto",
        "työllisyystilanne",
    ]


def test_a_sentence_listing_indicators_under_a_heading_gives_that_node_its_indicators():
    plan = parse_text(
        "1. Hyvä arki\n\nStrategiamittarit ovat palveluindeksi, osallistumisindeksi ja väestön kehitys.\n"
    ).plan
    assert [i.name for i in plan.nodes[0].indicators] == [
        "palveluindeksi",
        "osallistumisindeksi",
        "väestön kehitys",
    ]


def test_a_list_of_heading_colon_title_items_is_two_levels():
    plan = parse_text(
        "Tavoitteet ovat:\n\n1. Energia: Kohti hiilineutraalia energiaa\n2. Liikenne: Kohti kestävää liikennettä\n"
        "3. Hankinnat: llmastonäkökulma hankinnoissa\n4. Ruoka: Ilmastomyötäinen ruokajärjestelmä\n"
    ).plan
    assert titles(plan.nodes) == ["Energia", "Liikenne", "Hankinnat", "Ruoka"]
    assert titles(plan.nodes[1].children) == ["Kohti kestävää liikennettä"]


def test_one_item_with_a_colon_in_a_list_stays_one_node():
    plan = parse_text(" • Kasvu\n • Markkinointi: Kaupunki asuinpaikkana\n • Uudet yritykset\n").plan
    assert titles(plan.nodes)[1] == "Markkinointi"
    assert plan.nodes[1].children == []


def test_a_heading_that_only_names_a_level_introduces_the_headings_after_it():
    text = (
        "Vision\n\nKommunen är nära människan och naturen, och den vill vara den mest eftersökta kommunen i hela "
        "metropolområdet med en hållbar, tvåspråkig och internationell bildning för alla invånare.\n\n"
        "Mål\n\nStrategin består av tre mål.\n\nEtt levande Kyrkslätt\n\nKyrkslätt är trivsam.\n\n"
        "En hållbar ekonomi\n\nEkonomin är i balans.\n"
    )
    plan = parse_text(text).plan
    assert titles(plan.nodes) == ["Ett levande Kyrkslätt", "En hållbar ekonomi"]
    assert [node.level for node in plan.nodes] == ["Mål", "Mål"]
    assert [section.title for section in plan.sections] == ["Vision"]


def test_a_goal_that_states_its_own_target_gets_that_indicator():
    plan = parse_text(
        "Sitovat tavoitteet olivat:\n\n • Tilikauden tulos on vähintään nolla (0)\n • Asiakkaat ovat tyytyväisiä\n"
    ).plan
    indicator = plan.nodes[0].indicators[0]
    assert indicator.name == "Tilikauden tulos"
    assert [(m.kind, m.value) for m in indicator.targets] == [("min", 0)]
    assert plan.nodes[1].indicators == []


def test_a_sentence_that_goes_on_after_a_number_states_no_target():
    plan = parse_text(
        " • Ylätason mittareita on yli 50, jotka jakautuvat laajaan kokonaisuuteen\n • Muuta\n"
    ).plan
    assert plan.nodes[0].indicators == []


def test_a_progress_key_takes_the_lines_under_it_as_one_report():
    plan = parse_text("1. Arviointi\n\nEteneminen\n20% valmis\nMyöhässä\n").plan
    assert [p.text for p in plan.nodes[0].progress] == ["20% valmis Myöhässä"]


def test_dated_tasks_under_their_own_heading_belong_to_the_item_before_it():
    plan = parse_text(
        "Riittävät resurssit\n\nVarataan resurssit talousarviossa.\n\nTehtävät\n\n"
        "01.01.2015\nResursointi onnistunut\nKuvaus tehtävästä.\n01.04.2021\nKoordinaattori palkattu\n"
    ).plan
    assert titles(plan.nodes) == ["Riittävät resurssit"]
    assert [(m.title, m.due) for m in plan.nodes[0].milestones] == [
        ("Resursointi onnistunut", "01.01.2015"),
        ("Koordinaattori palkattu", "01.04.2021"),
    ]


def test_a_heading_broken_over_lines_is_one_heading_again():
    plan = parse_text(
        "Strategia\n\n\nKestävän kasvun \nturvaaminen\n\n • Asuminen kehittyy\n • Päästöt vähenevät\n\n"
        "Vastuullinen \ntaloudenpito\n\n • Tuottavuus paranee\n"
    ).plan
    assert titles(plan.nodes) == ["Kestävän kasvun turvaaminen", "Vastuullinen taloudenpito"]


def test_a_lone_short_line_over_the_whole_document_is_no_node():
    plan = parse_text(
        "Hyvinvointistrategia\n\nTranskriptio\n\nI Tavoitteet\nII Toimenpiteet\n\n"
        "1. Turvallista asumista\n2. Fyysistä terveyttä\n"
    ).plan
    assert "Transkriptio" not in titles(plan.nodes)


def test_a_sentence_counting_things_off_in_lower_case_is_prose():
    plan = parse_text(
        "1. Hyvinvointi\n\nHyvinvointia kuvataan ulottuvuuksilla, jotka koostuvat 1) turvallisuudesta, "
        "2) terveydestä ja 3) osallisuudesta.\n"
    ).plan
    assert titles(plan.nodes) == ["Hyvinvointi"] and plan.nodes[0].children == []


def test_a_sentence_counting_off_named_levels_is_a_list():
    plan = parse_text("Teemat ovat 1) asukkaat, 2) elinvoima ja 3) talous.\n").plan
    assert titles(plan.nodes) == ["asukkaat", "elinvoima", "talous"]


def test_beside_a_caption_naming_goals_an_unnamed_captioned_list_is_text():
    plan = parse_text(
        "Tulevaisuuden päämääränä on, että\n\n • Asukkaat voivat hyvin.\n • Talous on tasapainossa.\n\n"
        "Vahvuutenamme ovat\n\n • Osaava työvoima\n • Luottamus\n"
    ).plan
    assert titles(plan.nodes) == ["Asukkaat voivat hyvin.", "Talous on tasapainossa."]


def test_a_heading_reporting_on_an_earlier_goal_is_that_goals_progress():
    plan = parse_text(
        "Sitovat tavoitteet olivat:\n\n • Tilikauden tulos on vähintään nolla (0)\n • Asiakkaat ovat tyytyväisiä\n\n"
        "Tilikauden tulosta koskeva tavoite\n\nTulostavoite saavutetaan. Tulos selviää helmikuussa.\n\n"
        "Muut asiat\n\nKokous päättyi.\n"
    ).plan
    assert titles(plan.nodes) == ["Tilikauden tulos on vähintään nolla (0)", "Asiakkaat ovat tyytyväisiä"]
    assert [p.text for p in plan.nodes[0].progress] == [
        "Tulostavoite saavutetaan. Tulos selviää helmikuussa."
    ]


def test_a_heading_run_together_with_a_level_word_and_its_item_is_split():
    plan = parse_text(
        "Elinvoima ja kestävä kehitys Päämäärä: Kaupunki on houkutteleva.\n\n"
        "Hyvinvointi Päämäärä: Asukkaat voivat hyvin.\n"
    ).plan
    assert titles(plan.nodes) == ["Elinvoima ja kestävä kehitys", "Hyvinvointi"]
    assert titles(plan.nodes[0].children) == ["Kaupunki on houkutteleva."]
    assert plan.nodes[0].children[0].level == "Päämäärä"


def test_a_year_row_with_a_missing_year_keeps_its_numbers_whole():
    plan = parse_text(
        "Elinvoima\n\nIndikaattori 2012 2013 2014 2015 Uudet yritykset 1 704 1 606 1 516 "
        "Työttömät 8 463 11 155 13 368 14 904\n"
    ).plan
    assert [m.text for m in plan.nodes[0].indicators[0].actuals] == ["1 704", "1 606", "1 516"]


def test_a_table_with_its_header_cells_one_to_a_line_gives_items_with_schedule_and_state():
    plan = parse_text(
        "Keskeiset tuotokset\n\nTuotos\n\nAikataulu\n\nTila\n\n"
        "Keskustan kehittämissuunnitelma\n\n2021 käynnissä, toteutus 2022\n"
        "Liikenteen yleissuunnitelma 2021 käynnissä\nAsumisen linjaukset 2019 valmis\n\nSidosryhmät\n"
    ).plan
    outputs = plan.nodes  # the lone heading over them is the document's title
    assert titles(outputs) == [
        "Keskustan kehittämissuunnitelma",
        "Liikenteen yleissuunnitelma",
        "Asumisen linjaukset",
    ]
    assert [(o.level, o.schedule, o.progress[0].text) for o in outputs][0] == (
        "Tuotos",
        "2021",
        "käynnissä, toteutus 2022",
    )
    assert all(o.indicators == [] for o in outputs)


def test_beside_a_group_naming_its_level_unnamed_groups_are_text():
    plan = parse_text(
        "Hankkeen hyötytavoitteet\n\n • Elävä keskusta\n • Sujuva liikkuminen\n\n"
        "Sidosryhmät\n\n • Asukkaat\n • Yrittäjät\n"
    ).plan
    assert titles(plan.nodes) == ["Elävä keskusta", "Sujuva liikkuminen"]


def test_a_bare_label_over_a_list_is_its_caption_as_a_short_heading_is():
    text = (
        "Stadens strategi godkändes 2022.\n\nStrategins värderingar:\n\n• Öppenhet\n• Gemenskap\n\n"
        "Strategins tre teman\n\n• En trygg stad\n• Fokus på invånarna\n\nUnder varje tema finns mål.\n"
    )
    plan = outline_family.parse(read_bytes(text.encode(), "a.txt")).plan
    assert titles(plan.nodes) == ["En trygg stad", "Fokus på invånarna"]
    assert plan.nodes[0].level == "Tema"


def test_a_bare_label_naming_a_field_keeps_its_list_as_values():
    text = "Tavoite 1: Liikunta lisääntyy\n\nMittarit:\n\n• Kävijämäärä\n• Harrastajat\n"
    plan = outline_family.parse(read_bytes(text.encode(), "a.txt")).plan
    assert [i.name for i in plan.nodes[0].indicators] == ["Kävijämäärä", "Harrastajat"]


def test_a_heading_glued_to_its_paragraph_heads_the_list_under_it():
    text = (
        "Teemat\n\nKaupunkirakenne ja liikkuminenTavoitteena on eheä kaupunki, jossa liikkuminen on "
        "vähäpäästöistä.\n\nTavoitetilat:\n\n• Pyöräily lisääntyy\n• Joukkoliikenne kasvaa\n"
    )
    lines = classify(read_bytes(text.encode(), "a.txt"))
    assert [(line.kind, line.text[:20]) for line in lines if line.source == 2] == [
        ("item", "Kaupunkirakenne ja l"),
        ("text", "Tavoitteena on eheä "),
    ]
