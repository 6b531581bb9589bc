"""DOCX and PDF versions of the corpus (made with LibreOffice from the .txt) import as well as the text.

Acceptance criterion of the readers: each converted document, parsed with
`parse_file` and scored against its gold annotation, reaches 0.85.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seuranta.core.parsing import parse_file
from tests.support.score_import import score_document

DATA = Path(__file__).resolve().parents[2] / "data"
NAMES = sorted(p.stem for p in (DATA / "gold").glob("*.json"))
THRESHOLD = 0.85


def score(path: Path) -> float:
    gold = json.loads((DATA / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
    result = parse_file(path)
    pred = result.plan.to_dict() if result.plan else {"format": "seuranta-plan/1", "nodes": []}
    scored = score_document(gold, pred)
    return float(scored["score"] if isinstance(scored, dict) else scored)


def test_every_corpus_document_has_docx_and_pdf_versions():
    converted = sorted(p.name for p in (DATA / "converted").iterdir())
    assert converted == sorted(f"{name}.{ext}" for name in NAMES for ext in ("docx", "pdf"))


@pytest.mark.slow
@pytest.mark.parametrize("ext", ["docx", "pdf"])
@pytest.mark.parametrize("name", NAMES)
def test_converted_document_scores_like_the_text(name, ext):
    assert score(DATA / "converted" / f"{name}.{ext}") >= THRESHOLD
