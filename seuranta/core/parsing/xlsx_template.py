"""The Seuranta plan spreadsheet template (docs/xlsx-template.md), built with openpyxl.

    build_template() -> bytes      the .xlsx file the web app offers and the CLI writes

Sheets: Ohjeet (instructions and the column reference), Tiedot (the plan's
title, organization, period and level names), Suunnitelma (the empty plan
sheet: styled header row, frozen panes, drop-down list for the target kind)
and Esimerkki (rows from a real plan, Porin konsernipalvelujen tavoitteet 2026,
showing named level columns). The headers come from the spreadsheet family's
column table, so the template and the importer cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from seuranta.core.parsing.families.spreadsheet_columns import COLUMNS, TARGET_KINDS

LEVEL_HEADERS = ["Taso 1", "Taso 2", "Taso 3", "Taso 4"]
EXAMPLE_LEVELS = ["Teema", "Painopiste", "Tavoite", "Teko", "Toimenpide"]

# (field, column width, what to write) in the order of the template's columns
FIELDS: list[tuple[str, int, str]] = [
    ("unit", 18, "Organisaatioyksikkö, jolle rivin tavoite tai toimenpide kuuluu (toimiala, palvelualue)."),
    ("description", 30, "Tarkempi kuvaus tavoitteesta tai toimenpiteestä."),
    ("responsible", 22, "Vastuuhenkilöt tai -tahot; erota useampi puolipisteellä."),
    ("schedule", 14, "Aikataulu kirjoitettuna, esim. ”2026”, ”kevät 2026”, ”2022– jatkuva”."),
    (
        "milestones",
        34,
        "Osatavoitteet, kukin omalle rivilleen (Alt+Enter); määräaika sulkeisiin loppuun, "
        "esim. ”Malli valmis (kevät 2026)”.",
    ),
    ("indicator", 34, "Mittarin nimi. Useampi mittari: jokainen omalle rivilleen samoilla tasoilla."),
    ("indicator_unit", 10, "Mittarin arvojen yksikkö: %, pv, kpl, €, htv, ka..."),
    ("source", 20, "Mistä mittarin tieto saadaan (kysely, tilasto, järjestelmä)."),
    ("baseline", 14, "Lähtötaso kirjoitettuna, esim. ”9 844 pv”, ”4,3”, ”ei”."),
    ("baseline_period", 12, "Vuosi tai päivä, jota lähtötaso koskee, esim. ”2024”."),
    ("target", 16, "Tavoitetaso kirjoitettuna, esim. ”8 860 pv”, ”vähintään 80 %”, ”-10 %”, ”kyllä”."),
    ("target_period", 12, "Vuosi tai päivä, johon mennessä tavoite saavutetaan, esim. ”2026”."),
    ("target_kind", 14, "Valinnainen: " + ", ".join(TARGET_KINDS) + ". Tyhjä: päätellään tavoitetasosta."),
    ("actual", 14, "Toteutunut arvo seurannassa, esim. ”9 120 pv”."),
    ("actual_period", 12, "Kausi, jota toteuma koskee: ”2025”, ”2025-T2”, ”2025-Q1”, ”2025-09”."),
    ("progress", 34, "Selvitys toimenpiteen edistymisestä."),
    ("progress_period", 12, "Kausi, jota selvitys koskee (tyhjä: toteuman ajankohta)."),
    ("notes", 24, "Muut huomiot, esim. kustannusvaikutukset."),
]

_VASTUULLISUUS = [
    "Vastuullisuus",
    "",
    "Johtamisen ja esihenkilötyön kehittäminen, työhyvinvoinnin parantaminen",
    "Esihenkilöiden työkykyjohtamisosaamisen kehittäminen",
    "Varmistetaan, että johto ja kaikki esihenkilöt hallitsevat ja noudattavat varhaisen tuen "
    "toimintamallia johtamistyössään.",
]
# Example rows: levels, then field values by name.
EXAMPLE_ROWS: list[tuple[list[str], dict[str, str]]] = [
    (
        [
            "Porilaisten hyvinvointi",
            "Hyvinvoiva Pori",
            "Toimivat palvelut yhteistyössä Satakunnan hyvinvointialueen kanssa.",
            "Hyvinvointisuunnitelmat ja -raportit tehdään yhdessä",
            "Sovitaan yhteisistä toimintatavoista ja -malleista.",
        ],
        {
            "unit": "Konsernipalvelut",
            "responsible": "strategia- ja hyvinvointijohtaja",
            "milestones": "Sata-alueen kanssa on sovittu tiedonvaihdon periaatteista (kevät 2026)\n"
            "Kaupunki on saanut tietoja Sata-alueelta hyvinvointiraporttia varten\n"
            "Yhteiset toimintatavat on vakiinnutettu",
            "indicator": "Tiedonvaihto toimii sovittujen periaatteiden mukaisesti",
            "baseline": "ei",
            "target": "kyllä",
            "target_period": "2026",
            "target_kind": "Tila",
        },
    ),
    (
        _VASTUULLISUUS,
        {
            "unit": "Konsernipalvelut",
            "responsible": "henkilöstöjohtaja",
            "milestones": "Kehityskeskusteluja koskeva informointi ja tarvittaessa koulutus esihenkilöille "
            "(1–6/2026)",
            "indicator": "Kehityskeskustelut käydään säännöllisesti",
            "source": "työhyvinvointikysely 2026",
            "baseline": "4,3",
            "target": "4,5",
            "target_period": "2026",
        },
    ),
    (
        _VASTUULLISUUS,
        {
            "unit": "Konsernipalvelut",
            "indicator": "Pitkät (yli 30 pv) sairauspoissaolot vähenevät 10 %",
            "indicator_unit": "pv",
            "baseline": "9 844 pv",
            "target": "8 860 pv",
            "target_period": "2026",
            "target_kind": "Enintään",
        },
    ),
    (
        _VASTUULLISUUS,
        {
            "unit": "Konsernipalvelut",
            "indicator": "Työtapaturmista johtuvat poissaolot vähenevät 10 %",
            "indicator_unit": "pv",
            "baseline": "1 762 pv",
            "target": "1 585 pv",
            "target_period": "2026",
            "target_kind": "Enintään",
        },
    ),
]

INSTRUCTIONS = [
    "Seurannan suunnitelmapohja",
    "",
    "Tällä pohjalla suunnitelman tavoitteet, toimenpiteet ja mittarit tuodaan Seurantaan taulukkona.",
    "1. Täytä Tiedot-välilehdelle suunnitelman nimi, organisaatio, kausi ja tasojen nimet.",
    "2. Kirjoita Suunnitelma-välilehdelle yksi rivi jokaista mittaria kohden; tavoite tai toimenpide, "
    "jolla ei ole mittaria, saa oman rivinsä ilman mittaria.",
    "3. Tasosarakkeet (Taso 1, Taso 2...) ovat tavoitepuun tasot ylhäältä alas. Voit nimetä ne "
    "tasojen omilla nimillä, esim. Painopiste, Tavoite, Toimenpide (katso Esimerkki-välilehti).",
    "4. Sama teksti samassa tasosarakkeessa monella rivillä on yksi ja sama tavoite. Tyhjä tasosolu "
    "jatkaa edellisen rivin tavoitetta; rivi, jonka kaikki tasosolut ovat tyhjiä, kuuluu edellisen "
    "rivin alimpaan tavoitteeseen tai toimenpiteeseen.",
    "5. Kirjoita lähtö-, tavoite- ja toteumatasot niin kuin ne luetaan: ”9 844 pv”, ”vähintään 80 %”, "
    "”-10 %”, ”kyllä”. Useamman vuoden tavoitteet voi kirjoittaa omille riveilleen samalla mittarin "
    "nimellä tai sarakkeisiin ”Tavoite 2026”, ”Tavoite 2027”.",
    "6. Sarakkeiden järjestyksellä ei ole väliä tasosarakkeiden jälkeen, ja tarpeettomat sarakkeet "
    "voi poistaa. Otsikoiden kirjainkoolla ei ole väliä; myös ruotsin- ja englanninkieliset otsikot "
    "tunnistetaan (esim. Mätare, Målnivå, Indicator, Target).",
    "7. Tuo valmis tiedosto Seurantaan; tuonti näyttää tarkistettavaksi kaiken, mitä se ei tunnistanut.",
    "",
    "Sarakkeet",
]


def build_template() -> bytes:
    """The template as .xlsx bytes."""
    from openpyxl import Workbook

    workbook = Workbook()
    styles = _Styles()
    _guide_sheet(workbook, styles)
    _info_sheet(workbook, styles)
    _plan_sheet(workbook, styles, "Suunnitelma", LEVEL_HEADERS, [])
    _plan_sheet(workbook, styles, "Esimerkki", EXAMPLE_LEVELS, EXAMPLE_ROWS)
    workbook["Esimerkki"].sheet_properties.tabColor = "A6A6A6"
    workbook.active = 0

    fixed = dt.datetime(2025, 1, 1)
    workbook.properties.creator = "Seuranta"
    workbook.properties.title = "Seurannan suunnitelmapohja"
    workbook.properties.created = fixed
    workbook.properties.modified = fixed
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class _Styles:
    """The template's header fonts, fills, border and wrapping (openpyxl imported when a template is built)."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.header_font = Font(bold=True, color="FFFFFF")
        self.level_fill = PatternFill("solid", fgColor="1F4E79")
        self.field_fill = PatternFill("solid", fgColor="2E75B6")
        self.border = Border(bottom=Side(style="medium", color="1F4E79"))
        self.wrap = Alignment(wrap_text=True, vertical="top")


def _guide_sheet(workbook: Any, styles: _Styles) -> None:
    """Ohjeet: the instructions, then the column reference (header, other accepted headers, what to write)."""
    from openpyxl.styles import Alignment, Font

    guide = workbook.active
    assert guide is not None
    guide.title = "Ohjeet"
    for row, line in enumerate(INSTRUCTIONS, start=1):
        cell = guide.cell(row=row, column=1, value=line or None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1:
            cell.font = Font(bold=True, size=14)
        elif line == "Sarakkeet":
            cell.font = Font(bold=True, size=12)
    guide.merge_cells(start_row=1, start_column=1, end_row=1, end_column=3)
    for row in range(3, len(INSTRUCTIONS)):
        guide.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        guide.row_dimensions[row].height = 48
    start = len(INSTRUCTIONS) + 1
    reference = [("Sarake", "Muut hyväksytyt otsikot", "Mitä siihen kirjoitetaan")]
    reference.append(
        (
            "Taso 1, Taso 2...",
            "Painopiste, Tavoite, Teko, Toimenpide, Teema...; Nivå 1, Level 1",
            "Tavoitepuun tasot ylhäältä alas; vähintään yksi tasosarake tarvitaan.",
        )
    )
    for name, _, help_text in FIELDS:
        header, aliases = COLUMNS[name]
        reference.append((header, ", ".join(aliases[:4]), help_text))
    for offset, values in enumerate(reference):
        for column, value in enumerate(values, start=1):
            cell = guide.cell(row=start + offset, column=column, value=value)
            cell.alignment = styles.wrap
            if offset == 0:
                cell.font = styles.header_font
                cell.fill = styles.field_fill
    for letter, width in zip("ABC", (28, 40, 70), strict=True):
        guide.column_dimensions[letter].width = width


INFO_ROWS = [
    ("Tieto", "Arvo", "Ohje"),
    ("Otsikko", "", "Suunnitelman nimi, esim. ”Konsernipalvelujen tavoitteet 2026”."),
    ("Organisaatio", "", "Kunta tai muu organisaatio, esim. ”Porin kaupunki”."),
    ("Kausi", "", "Suunnitelman vuodet, esim. ”2026” tai ”2026–2029”."),
    (
        "Tasot",
        "Painopiste, Tavoite, Teko, Toimenpide",
        "Tasosarakkeiden nimet pilkuin eroteltuina, ylimmästä alimpaan.",
    ),
]


def _info_sheet(workbook: Any, styles: _Styles) -> None:
    """Tiedot: the plan's title, organisation, period and level names, each with a hint."""
    from openpyxl.styles import Font

    info = workbook.create_sheet("Tiedot")
    for row, values in enumerate(INFO_ROWS, start=1):
        for column, value in enumerate(values, start=1):
            cell = info.cell(row=row, column=column, value=value or None)
            cell.alignment = styles.wrap
            if row == 1:
                cell.font, cell.fill = styles.header_font, styles.field_fill
            elif column == 1:
                cell.font = Font(bold=True)
    for letter, width in zip("ABC", (16, 50, 60), strict=True):
        info.column_dimensions[letter].width = width
    info.freeze_panes = "A2"


def _plan_sheet(
    workbook: Any,
    styles: _Styles,
    title: str,
    levels: list[str],
    rows: list[tuple[list[str], dict[str, str]]],
) -> None:
    """A plan sheet: the level and field headers with their help as comments, `rows`, text cells."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    headers = levels + [COLUMNS[name][0] for name, _, _ in FIELDS]
    widths = [26] * len(levels) + [width for _, width, _ in FIELDS]
    helps = ["Tavoitepuun taso; sama teksti monella rivillä on yksi ja sama."] * len(levels)
    helps += [help_text for _, _, help_text in FIELDS]
    for column, (header, width, help_text) in enumerate(zip(headers, widths, helps, strict=True), start=1):
        cell = sheet.cell(row=1, column=column, value=header)
        cell.font = styles.header_font
        cell.fill = styles.level_fill if column <= len(levels) else styles.field_fill
        cell.border = styles.border
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.comment = Comment(help_text, "Seuranta", width=260, height=110)
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.row_dimensions[1].height = 32
    for row_number, (level_cells, values) in enumerate(rows, start=2):
        cells = level_cells + [values.get(name, "") for name, _, _ in FIELDS]
        for column, value in enumerate(cells, start=1):
            cell = sheet.cell(row=row_number, column=column, value=value or None)
            cell.alignment = styles.wrap
            cell.number_format = "@"  # text: "4,3" and "2026" stay as written
    for column in range(1, len(headers) + 1):  # empty rows as text as well
        letter = get_column_letter(column)
        for row_number in range(len(rows) + 2, 201):
            sheet[f"{letter}{row_number}"].number_format = "@"
    _target_kind_list(sheet, get_column_letter(headers.index(COLUMNS["target_kind"][0]) + 1))
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(len(rows) + 1, 2)}"


def _target_kind_list(sheet: Any, column: str) -> None:
    """The target kind column as a drop-down list of TARGET_KINDS."""
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(TARGET_KINDS) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Tavoitteen tyyppi",
        error="Valitse luettelosta: " + ", ".join(TARGET_KINDS) + ".",
        promptTitle="Tavoitteen tyyppi",
        prompt="Tyhjä: päätellään tavoitetasosta.",
        showInputMessage=True,
    )
    validation.add(f"{column}2:{column}1000")
    sheet.add_data_validation(validation)
