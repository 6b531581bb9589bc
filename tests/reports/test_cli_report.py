import io

from seuranta.cli import main
from tests.conftest import GOLD_DIR


def test_report_command_writes_a_report_of_a_plan_file(tmp_path):
    import docx

    output = tmp_path / "raportti.docx"
    code = main(
        [
            "report",
            str(GOLD_DIR / "pori-henkilostostrategia-2026.json"),
            "--format",
            "docx",
            "--on",
            "2026-06-30",
            "-o",
            str(output),
        ]
    )
    assert code == 0
    headings = [
        p.text
        for p in docx.Document(io.BytesIO(output.read_bytes())).paragraphs
        if p.style.name.startswith("Heading")
    ]
    assert "Yhteenveto" in headings


def test_report_command_refuses_a_bad_date(tmp_path, capsys):
    code = main(
        [
            "report",
            str(GOLD_DIR / "pori-henkilostostrategia-2026.json"),
            "--format",
            "pdf",
            "--on",
            "huomenna",
            "-o",
            str(tmp_path / "x.pdf"),
        ]
    )
    assert code == 1
    assert "VVVV-KK-PP" in capsys.readouterr().err
