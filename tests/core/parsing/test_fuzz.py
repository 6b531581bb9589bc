"""Fuzzing the importer with text: no input may make parse_document raise.

Two sources of inputs, SEURANTA_FUZZ_EXAMPLES in total (default 10 000, about
30 s; set it lower for a quick run, higher for a long one, or deselect with
`-m "not slow"`):

- a mutation fuzzer: windows of the corpus texts with lines dropped, repeated,
  swapped, cut, relabelled, case-changed, or sprinkled with odd characters;
- hypothesis: documents written from a grammar of keyword-block lines (labels,
  column headers, levels, milestones, progress headings, headings, noise).

Every input goes through `parse_document` of a txt Document; the generated
keyword-block documents also go straight through the keyword-block family.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seuranta.core.parsing import parse_document
from seuranta.core.parsing.document import Document, ParseResult
from seuranta.core.parsing.families import keyword_blocks
from seuranta.core.parsing.readers.txt import read

TOTAL = max(2, int(os.environ.get("SEURANTA_FUZZ_EXAMPLES", "10000")))
MUTATIONS = TOTAL * 7 // 10
GENERATED = TOTAL - MUTATIONS
CORPUS = sorted((Path(__file__).resolve().parents[2] / "data" / "corpus").glob("*.txt"))
# The keyword-block documents are mutated more often than the others.
WEIGHTS = [3 if "pori-konserni" in p.name or "pori-sivistys" in p.name else 1 for p in CORPUS]

LABEL_LINES = [
    "PAINOPISTE",
    "TEEMA",
    "TAVOITE",
    "TEKO",
    "TOIMENPIDE",
    "MITTARI",
    "MITTARI 2",
    "MITTARI 10",
    "Lähtötaso Tavoitetaso",
    "Lähtötaso 2024 Tavoitetaso 2026",
    "Lähtötaso",
    "Tavoitetaso",
    "Osatavoite 1:",
    "Osatavoite:",
    "Vastuuhenkilö:",
    "Aikataulu:",
    "Tavoite:",
    "Mittari:",
    "Selvitys toimenpiteen edistymisestä vuoden ensimmäisellä neljänneksellä (Q1):",
    "Käyttösuunnitelman yhteydessä vahvistettavat osatavoitteet ja niiden aikataulu:",
    "Sivistystoimiala",
    "Porilaisten hyvinvointi",
    "*",
    "**",
    "(",
    ")",
    "-",
    "\uf0b7",
    "• ",
    "o ",
]
ODD = [
    "\x00",
    "\u00ad",
    "\u200b",
    "\ufeff",
    "\u2028",
    "\t",
    "\r",
    "–",
    "—",
    "…",
    "€",
    "%",
    "(",
    ")",
    "*",
    "/",
    ":",
    "-",
    "\uf0b7",
    "é",
    "Ö",
    "ß",
    "😀",
    "\u0308",
    "  ",
    "1 000",
    "0,5",
    "20.9.22",
    "lv 21-22",
]


def _doc(text: str) -> Document:
    return Document(text=text, blocks=[], source_name="fuzz.txt")


def _check(result: ParseResult) -> None:
    assert isinstance(result, ParseResult)
    if result.plan is not None:
        result.plan.to_dict()  # the plan must also export


def _mutate(lines: list[str], rng: random.Random) -> list[str]:
    lines = list(lines)
    for _ in range(rng.randint(1, 6)):
        if not lines:
            lines = [rng.choice(LABEL_LINES)]
        i = rng.randrange(len(lines))
        op = rng.randrange(11)
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[i])
        elif op == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3:
            lines[i] = lines[i][: rng.randint(0, len(lines[i]))]
        elif op == 4:
            lines.insert(i, rng.choice(LABEL_LINES) + " " + rng.choice(lines))
        elif op == 5:
            lines[i] = lines[i].upper() if rng.random() < 0.5 else lines[i].lower()
        elif op == 6:
            k = rng.randint(0, len(lines[i]))
            lines[i] = lines[i][:k] + rng.choice(ODD) + lines[i][k:]
        elif op == 7:
            lines.insert(i, "")
        elif op == 8:
            lines[i] = "".join(rng.choice("0123456789 ,.%-") if c.isdigit() else c for c in lines[i])
        elif op == 9:
            lines[i:i] = rng.sample(LABEL_LINES, rng.randint(1, 3))
        else:
            words = lines[i].split()
            rng.shuffle(words)
            lines[i] = " ".join(words)
    return lines


@pytest.mark.slow
def test_mutated_corpus_windows_never_raise():
    rng = random.Random(int(os.environ.get("SEURANTA_FUZZ_SEED", "20260101")))
    texts = [path.read_text(encoding="utf-8").split("\n") for path in CORPUS]
    for _ in range(MUTATIONS):
        lines = rng.choices(texts, weights=WEIGHTS)[0]
        start = rng.randrange(len(lines))
        window = lines[start : start + rng.randint(3, 80)]
        _check(parse_document(_doc("\n".join(_mutate(window, rng)))))


@pytest.mark.slow
def test_whole_mutated_corpus_documents_never_raise():
    rng = random.Random(7)
    for path in CORPUS:
        lines = path.read_text(encoding="utf-8").split("\n")
        for _ in range(3):
            _check(parse_document(_doc("\n".join(_mutate(lines, rng)))))


WORDS = st.sampled_from(
    [
        "Hyvinvoiva",
        "Pori",
        "kaupunki",
        "ja",
        "palvelut",
        "Ei",
        "Kyllä",
        "ei",
        "kyllä",
        "sama",
        "tai",
        "suurempi",
        "kuin",
        "lähtötaso",
        "Enintään",
        "Vähintään",
        "alle",
        "yli",
        "kevät",
        "syksy",
        "2022",
        "2023",
        "8/2022",
        "(20.9.22)",
        "(lv 21-22)",
        "%",
        "pv",
        "opp.",
        "t/opp.",
        "9 844",
        "4,3",
        "+10 %",
        "-5 %",
        "=",
        "2-3",
        "Osittain",
        "selvitetty",
        "tasa-",
        "arvo",
        "työhyvinvointiin/-",
        "kykyyn",
        "liikuntayksikön",
        "johdolla",
        "ala-aste:",
        "17,4",
        "yläaste:",
        "(",
        ")",
        "*",
        ".",
        ",",
        ":",
    ]
)
TEXT = st.lists(WORDS, min_size=0, max_size=8).map(" ".join)
LINE = st.one_of(
    st.builds(lambda label, text: f"{label} {text}", st.sampled_from(LABEL_LINES), TEXT),
    TEXT,
    st.just(""),
    st.text(max_size=30),
)


@pytest.mark.slow
@settings(
    max_examples=GENERATED,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(LINE, max_size=40))
def test_generated_keyword_documents_never_raise(lines):
    text = "\n".join(lines)
    _check(parse_document(_doc(text)))
    _check(keyword_blocks.parse(_doc(text)))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.binary(max_size=300))
def test_reader_gives_document_or_unreadable(data):
    from seuranta.core.parsing.document import UnreadableDocument

    try:
        document = read(data, "fuzz.txt")
    except UnreadableDocument as exc:
        assert str(exc).endswith(".")
        return
    _check(parse_document(document))
