"""The importer's vocabulary is general: every word seen at two publishers, no phrase of one document."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from seuranta.core.parsing import lexicon
from tests.support import attestation

PARSING = Path(lexicon.__file__).parent
DATA = Path(__file__).resolve().parents[2] / "data"
# The general reader. The older document families (families/keyword_blocks*, goal_table*,
# brochure, narrative*, report, spreadsheet) were written for the corpus; they are to become
# profiles (data), and until then they are outside this check.
GENERAL_MODULES = [
    "outline.py",
    "families/outline.py",
    "families/outline_tree.py",
    "tables.py",
    "contents.py",
    "line_tables.py",
    "fields.py",
    "profile.py",
    "head_items.py",
    "goal_sentences.py",
    "item_page.py",
    "header_rows.py",
    "lexicon.py",
    "readers/html.py",
    "__init__.py",
]


@pytest.mark.parametrize("entry", lexicon.entries(), ids=lambda e: f"{e.language}-{e.term}")
def test_every_lexicon_entry_is_seen_at_two_publishers(entry):
    assert len(attestation.publishers(list(entry.attested))) >= 2, entry.attested


@pytest.mark.parametrize("entry", lexicon.entries(), ids=lambda e: f"{e.language}-{e.term}")
def test_every_attesting_document_really_uses_the_word(entry):
    for name in entry.attested:
        assert (entry.language, entry.term) in attestation.entries_in(name), name


def test_candidate_words_are_not_used_until_attested():
    data = json.loads((PARSING / "lexicon" / "fi.json").read_text("utf-8"))
    used = {form for entry in lexicon.entries() for form in entry.forms}
    for candidate in data["candidates"]:
        assert not set(candidate["forms"]) & used


def test_a_compound_is_read_by_its_head_and_the_longest_form_wins():
    assert lexicon.lookup("henkilöstömittarit").term == "mittari"
    assert lexicon.lookup("tavoitetasot").role == "target"


def test_an_inflected_form_is_found_by_its_stem():
    assert lexicon.lookup("päämäärällä").term == "päämäärä"


def _documents() -> list[str]:
    paths = [*(DATA / "corpus").glob("*.txt"), *(DATA / "realworld").glob("*/*.txt")]
    return [path.read_text("utf-8").lower() for path in paths]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-zåäö]+", text)


def _phrases(source: str) -> set[str]:
    """Runs of two or more words inside the string literals of a module (regexes included)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and not node.value.startswith(("\n", '"'))
        ):
            for run in re.split(r"[\\^$.|?*+()\[\]{}:;,!\"']|\s{2,}", node.value.lower()):
                words = _words(run)
                if sum(len(word) >= 3 for word in words) >= 2:
                    found.add(" ".join(words))
    return found


def test_no_rule_of_the_general_reader_holds_a_phrase_of_one_document():
    documents = [" " + " ".join(_words(text)) + " " for text in _documents()]
    offending = {}
    for module in GENERAL_MODULES:
        source = (PARSING / module).read_text("utf-8")
        # Docstrings and messages are not rules; only the code's literals are checked.
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Module)) and ast.get_docstring(node):
                node.body = node.body[1:]
        for phrase in _phrases(ast.unparse(tree)):
            if sum(f" {phrase} " in text for text in documents) == 1:
                offending[phrase] = module
    assert offending == {}


def test_a_compound_starting_with_a_prefix_form_takes_its_role_but_a_derivation_does_not():
    assert lexicon.lookup("vastuuorganisaatiot").role == "responsible"
    assert lexicon.lookup("vastuullinen") is None
