"""The XLSX reader, the spreadsheet family and the generated template."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from seuranta.core.parsing.document import Document, Paragraph, Table, UnreadableDocument
from seuranta.core.parsing.families import spreadsheet, spreadsheet_columns
from seuranta.core.parsing.readers import xlsx
from seuranta.core.parsing.xlsx_template import build_template


def workbook_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def parse(rows: list[list[object]], **extra: list[list[object]]):
    doc = xlsx.read(workbook_bytes({"Suunnitelma": rows, **extra}), "suunnitelma.xlsx")
    return spreadsheet.parse(doc)


def titles(nodes) -> list:
    return [(n.title, titles(n.children)) if n.children else n.title for n in nodes]


# -- reader ----------------------------------------------------------------------------


def test_each_sheet_becomes_a_heading_and_a_table():
    doc = xlsx.read(
        workbook_bytes({"Suunnitelma": [["Taso 1", "Mittari"], ["Talous", "Vuosikate"]]}), "a.xlsx"
    )
    assert doc.blocks == [
        Paragraph("Suunnitelma", 1),
        Table([["Taso 1", "Mittari"], ["Talous", "Vuosikate"]]),
    ]


def test_text_has_one_line_per_row_with_cells_separated():
    doc = xlsx.read(
        workbook_bytes({"Suunnitelma": [["Taso 1", None, "Mittari"], ["Talous", None, "Vuosikate"]]}),
        "a.xlsx",
    )
    assert doc.text == "Suunnitelma\nTaso 1 | Mittari\nTalous | Vuosikate"


def test_cell_values_read_as_finnish_text():
    assert xlsx.cell_text(3.4) == "3,4"
    assert xlsx.cell_text(9844.0) == "9844"
    assert xlsx.cell_text(0.1, "0%") == "10 %"
    assert xlsx.cell_text(dt.datetime(2026, 12, 31)) == "2026-12-31"
    assert xlsx.cell_text(True) == "Kyllä"


def test_hidden_sheets_are_left_out():
    workbook = openpyxl.Workbook()
    workbook.active.append(["Näkyvä"])
    workbook.create_sheet("Piilossa").append(["Salainen"])
    workbook["Piilossa"].sheet_state = "hidden"
    out = io.BytesIO()
    workbook.save(out)
    assert "Salainen" not in xlsx.read(out.getvalue(), "a.xlsx").text


def test_document_says_it_came_from_an_xlsx():
    doc = xlsx.read(workbook_bytes({"Suunnitelma": [["Taso 1"]]}), "tavoitteet.xlsx")
    assert (doc.source_format, doc.source_name) == ("xlsx", "tavoitteet.xlsx")


# -- family ----------------------------------------------------------------------------

HEADER = [
    "Painopiste",
    "Tavoite",
    "Toimenpide",
    "Vastuutaho",
    "Mittari",
    "Lähtötaso",
    "Tavoitetaso",
    "Tavoitteen ajankohta",
]


def test_template_columns_are_detected_with_high_confidence():
    doc = xlsx.read(
        workbook_bytes({"Suunnitelma": [HEADER, ["Hyvinvoiva Pori", "", "", "", "", "", "", ""]]}), "a.xlsx"
    )
    assert spreadsheet.detect(doc) >= 0.9


def test_tables_of_other_formats_are_left_to_other_families():
    doc = Document(text="", blocks=[Table([HEADER])], source_format="docx")
    assert spreadsheet.detect(doc) == 0.0


def test_repeated_level_cells_are_one_node():
    result = parse(
        [
            HEADER,
            ["Hyvinvoiva Pori", "Toimivat palvelut", "Sovitaan toimintatavoista", "", "", "", "", ""],
            ["HYVINVOIVA  PORI", "Toimivat palvelut", "Kehitetään raportointia", "", "", "", "", ""],
        ]
    )
    assert titles(result.plan.nodes) == [
        ("Hyvinvoiva Pori", [("Toimivat palvelut", ["Sovitaan toimintatavoista", "Kehitetään raportointia"])])
    ]


def test_empty_level_cell_continues_the_node_above():
    result = parse(
        [
            HEADER,
            ["Hyvinvoiva Pori", "Toimivat palvelut", "Sovitaan toimintatavoista", "", "", "", "", ""],
            ["", "", "Kehitetään raportointia", "", "", "", "", ""],
        ]
    )
    assert titles(result.plan.nodes) == [
        ("Hyvinvoiva Pori", [("Toimivat palvelut", ["Sovitaan toimintatavoista", "Kehitetään raportointia"])])
    ]


def test_empty_level_in_a_new_branch_is_skipped():
    result = parse(
        [["Teema", "Painopiste", "Tavoite", "Mittari"], ["Vastuullisuus", "", "Johtamisen kehittäminen", ""]]
    )
    node = result.plan.nodes[0]
    assert (node.level, node.children[0].level, node.children[0].title) == (
        "Teema",
        "Tavoite",
        "Johtamisen kehittäminen",
    )


def test_row_without_levels_adds_an_indicator_to_the_node_above():
    result = parse(
        [
            HEADER,
            [
                "Vastuullisuus",
                "Työhyvinvointi",
                "Varhainen tuki",
                "",
                "Kehityskeskustelut",
                "4,3",
                "4,5",
                "2026",
            ],
            ["", "", "", "", "Sairauspoissaolot", "9 844 pv", "8 860 pv", "2026"],
        ]
    )
    action = result.plan.nodes[0].children[0].children[0]
    assert [i.name for i in action.indicators] == ["Kehityskeskustelut", "Sairauspoissaolot"]


def test_levels_are_parsed_with_the_measure_language():
    result = parse(
        [
            HEADER,
            [
                "Vastuullisuus",
                "Työhyvinvointi",
                "Varhainen tuki",
                "",
                "Sairauspoissaolot",
                "9 844 pv",
                "8 860 pv",
                "2026",
            ],
        ]
    )
    indicator = result.plan.nodes[0].children[0].children[0].indicators[0]
    assert (indicator.baseline.value, indicator.targets[0].value, indicator.targets[0].period) == (
        9844,
        8860,
        "2026",
    )


def test_indicator_unit_comes_from_the_levels_when_no_unit_column():
    result = parse(
        [
            HEADER,
            [
                "Vastuullisuus",
                "Työhyvinvointi",
                "Varhainen tuki",
                "",
                "Sairauspoissaolot",
                "9 844 pv",
                "8 860 pv",
                "2026",
            ],
        ]
    )
    assert result.plan.nodes[0].children[0].children[0].indicators[0].unit == "pv"


def test_repeated_indicator_row_adds_a_target():
    result = parse(
        [
            HEADER,
            ["Talous", "Tasapaino", "Menot kuriin", "", "Vuosikate", "2 %", "3 %", "2026"],
            ["Talous", "Tasapaino", "Menot kuriin", "", "Vuosikate", "", "4 %", "2027"],
        ]
    )
    indicator = result.plan.nodes[0].children[0].children[0].indicators[0]
    assert [(t.text, t.period) for t in indicator.targets] == [("3 %", "2026"), ("4 %", "2027")]


def test_year_columns_give_targets_for_their_years():
    result = parse(
        [["Tavoite", "Mittari", "Tavoite 2026", "Tavoite 2027"], ["Talous", "Vuosikate", "3 %", "4 %"]]
    )
    indicator = result.plan.nodes[0].indicators[0]
    assert [(t.text, t.period) for t in indicator.targets] == [("3 %", "2026"), ("4 %", "2027")]


def test_target_kind_column_sets_the_kind():
    result = parse(
        [
            ["Tavoite", "Mittari", "Tavoitetaso", "Tavoitteen tyyppi"],
            ["Talous", "Lainakanta", "8 000 €", "Enintään"],
        ]
    )
    assert result.plan.nodes[0].indicators[0].targets[0].kind == "max"


def test_headers_tolerate_case_spacing_and_swedish_and_english():
    result = parse(
        [
            ["TASO 1", "  mätare ", "Utgångsnivå", "Target", "Ansvarig"],
            ["Hållbar ekonomi", "Årsbidrag", "2 %", "3 %", "ekonomidirektör"],
        ]
    )
    node = result.plan.nodes[0]
    indicator = node.indicators[0]
    assert (indicator.name, indicator.baseline.text, indicator.targets[0].text, node.responsible) == (
        "Årsbidrag",
        "2 %",
        "3 %",
        ["ekonomidirektör"],
    )


def test_numbered_levels_take_their_names_from_the_details_sheet():
    result = parse(
        [["Taso 1", "Taso 2", "Mittari"], ["Talous", "Menot kuriin", "Vuosikate"]],
        Tiedot=[["Tieto", "Arvo"], ["Tasot", "Painopiste, Toimenpide"]],
    )
    assert result.plan.levels == ["Painopiste", "Toimenpide"]


def test_level_name_can_be_written_in_the_numbered_header():
    result = parse([["Taso 1 (Painopiste)", "Mittari"], ["Talous", "Vuosikate"]])
    assert result.plan.nodes[0].level == "Painopiste"


def test_details_sheet_gives_title_organization_and_period():
    result = parse(
        [HEADER[:5], ["Talous", "", "", "", ""]],
        Tiedot=[
            ["Tieto", "Arvo", "Ohje"],
            ["Otsikko", "Konsernipalvelut 2026", "ohje"],
            ["Organisaatio", "Porin kaupunki"],
            ["Kausi", "2026"],
        ],
    )
    plan = result.plan
    assert (plan.title, plan.organization, plan.period) == ("Konsernipalvelut 2026", "Porin kaupunki", "2026")


def test_responsible_parties_are_split_at_semicolons():
    result = parse([["Tavoite", "Vastuutaho"], ["Talous", "talousjohtaja; strategia- ja hyvinvointijohtaja"]])
    assert result.plan.nodes[0].responsible == ["talousjohtaja", "strategia- ja hyvinvointijohtaja"]


def test_milestone_due_time_comes_from_trailing_parentheses():
    result = parse([["Tavoite", "Osatavoitteet"], ["Talous", "Malli valmis (kevät 2026)\nKäytössä"]])
    assert [(m.title, m.due) for m in result.plan.nodes[0].milestones] == [
        ("Malli valmis (kevät 2026)", "kevät 2026"),
        ("Käytössä", None),
    ]


def test_unknown_column_gives_a_warning_naming_it():
    result = parse([["Tavoite", "Mittari", "Budjetti"], ["Talous", "Vuosikate", "100"]])
    assert [(w.code, "Budjetti" in w.message) for w in result.warnings] == [("unknown_column", True)]


def test_missing_level_column_gives_no_plan_and_a_warning_naming_it():
    result = parse([["Mittari", "Lähtötaso", "Tavoitetaso"], ["Vuosikate", "2 %", "3 %"]])
    assert result.plan is None
    assert result.warnings[0].code == "missing_column"
    assert "Taso 1" in result.warnings[0].message


# -- template --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def template() -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(build_template()))


def test_template_has_instructions_details_plan_and_example_sheets(template):
    assert template.sheetnames == ["Ohjeet", "Tiedot", "Suunnitelma", "Esimerkki"]


def test_template_plan_sheet_has_a_styled_frozen_header_row(template):
    sheet = template["Suunnitelma"]
    assert sheet["A1"].value == "Taso 1" and sheet["A1"].font.bold
    assert sheet.freeze_panes == "B2"


def test_template_offers_a_drop_down_list_of_target_kinds(template):
    formulas = [v.formula1 for v in template["Suunnitelma"].data_validations.dataValidation]
    assert formulas == ['"Arvo,Vähintään,Enintään,Muutos %,Tila"']


def test_template_headers_are_all_recognised(template):
    header = [cell.value for cell in template["Suunnitelma"][1]]
    assert all(spreadsheet_columns.classify_header(h) is not None for h in header)


def test_untouched_template_imports_as_its_example_plan():
    doc = xlsx.read(build_template(), "seuranta-pohja.xlsx")
    result = spreadsheet.parse(doc)
    assert result.warnings == []
    assert [n.title for n in result.plan.nodes] == ["Porilaisten hyvinvointi", "Vastuullisuus"]
    action = result.plan.nodes[1].children[0].children[0].children[0]
    assert [i.name for i in action.indicators][1] == "Pitkät (yli 30 pv) sairauspoissaolot vähenevät 10 %"


# -- bounds: the used range of real cells, never the declared dimensions ------------------


def far_cell_workbook() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Suunnitelma"
    sheet.append(["Taso 1", "Mittari"])
    sheet.append(["Talous", "Vuosikate"])
    sheet["XFD1048576"] = "kaukana"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_tiny_file_with_a_filled_far_cell_is_read_quickly_in_little_memory():
    import time
    import tracemalloc

    data = far_cell_workbook()
    assert len(data) < 10_000
    started = time.perf_counter()
    doc = xlsx.read(data, "kaukana.xlsx")
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    xlsx.read(data, "kaukana.xlsx")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    table = doc.blocks[1]
    assert table.rows[0][:2] == ["Taso 1", "Mittari"]
    assert table.rows[-1][-1] == "kaukana"
    assert len(table.rows) == 2 + xlsx.MAX_GAP + 1 and len(table.rows[0]) == 2 + xlsx.MAX_GAP + 1
    assert peak < 50 * 1024 * 1024
    assert elapsed < 10


def test_short_gaps_between_filled_cells_are_kept_as_they_are():
    doc = xlsx.read(workbook_bytes({"S": [["a"], [None], [None], ["b", None, None, "c"]]}), "a.xlsx")
    assert doc.blocks[1].rows == [["a", "", "", ""], ["", "", "", ""], ["", "", "", ""], ["b", "", "", "c"]]


def test_a_sheet_too_large_even_after_shortening_gaps_is_refused_with_a_sentence(monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_CELLS", 10)
    with pytest.raises(UnreadableDocument, match="liian suuri"):
        xlsx.read(workbook_bytes({"S": [["a", "b", "c", "d"]] * 3}), "a.xlsx")
