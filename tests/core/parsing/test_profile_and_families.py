"""An organisation's profile and the document families: a profile taught on one layout does not
take from a family the documents that family reads."""

from __future__ import annotations

import json

from seuranta.core.parsing import parse_file
from seuranta.core.parsing.profile import Profile
from tests.conftest import CORPUS_DIR, GOLD_DIR
from tests.support.score_import import score_document

KEYWORD_BLOCKS = CORPUS_DIR / "pori-konsernipalvelut-tavoitteet-2026.txt"


def score(result) -> float:
    gold = json.loads((GOLD_DIR / f"{KEYWORD_BLOCKS.stem}.json").read_text("utf-8"))
    return score_document(gold, result.plan.to_dict())["score"]


def test_a_document_a_family_reads_keeps_its_family_when_the_organisation_has_a_profile():
    result = parse_file(KEYWORD_BLOCKS, Profile(labels={"seuranta": "actual"}))
    assert result.family == "keyword_blocks"
    assert score(result) >= 0.97


def test_the_organisations_level_names_apply_to_a_plan_a_family_reads():
    result = parse_file(KEYWORD_BLOCKS, Profile(levels={"Teko": "Hanke"}))
    assert result.family == "keyword_blocks"
    assert "Hanke" in result.plan.levels and "Teko" not in result.plan.levels

    def levels(nodes):
        return {node.level for node in nodes} | {lv for node in nodes for lv in levels(node.children)}

    assert "Hanke" in levels(result.plan.nodes) and "Teko" not in levels(result.plan.nodes)


def test_a_label_rule_reading_a_line_of_the_document_otherwise_sends_it_to_the_general_reader():
    result = parse_file(KEYWORD_BLOCKS, Profile(labels={"vastuuhenkilö": "ignore"}))
    assert result.family == "outline"


def test_a_label_rule_that_repeats_the_lexicon_teaches_nothing_about_a_layout():
    assert not Profile(labels={"vastuuhenkilö": "responsible"}).teaches("Vastuuhenkilö")
    assert Profile(labels={"vastuuhenkilö": "ignore"}).teaches("Vastuuhenkilö")
    assert Profile(labels={"seuranta": "actual"}).teaches("Seuranta")
    assert not Profile(labels={"seuranta": "actual"}).teaches("Mittari")
