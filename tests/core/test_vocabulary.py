"""The core's vocabulary: one enum per concept, each member named in Finnish, Swedish and English."""

import pytest

from seuranta.core.i18n import gettext, lang_of, ngettext, pgettext
from seuranta.core.model import MEASURE_KINDS, PHASES, VERDICTS
from seuranta.core.vocabulary import (
    JUDGED,
    STATUSES,
    MeasureKind,
    Phase,
    PlanKind,
    Status,
    Verdict,
    rank,
    status_label,
    worst,
)

VOCABULARIES = [Status, Phase, Verdict, MeasureKind, PlanKind]


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_word_has_a_translated_label(vocabulary, lang):
    untranslated = [m for m in vocabulary if m.label(lang) == m.label("en")]
    assert untranslated == []


def test_members_are_the_stored_strings():
    assert Status.ON_TRACK == "on_track" and Phase.DONE == "done" and Verdict.PARTLY == "partly"
    assert Phase.values() == PHASES and Verdict.values() == VERDICTS and MeasureKind.values() == MEASURE_KINDS


def test_statuses_are_the_seven_an_evaluation_gives_best_first():
    # insufficient_data: a goal with fewer than half of its voting items reported (docs/statuses.md)
    assert STATUSES == (
        "achieved",
        "on_track",
        "behind",
        "off_track",
        "insufficient_data",
        "no_data",
        "no_target",
    )
    assert STATUSES[:4] == JUDGED
    assert [rank(s) for s in STATUSES] == [0, 1, 2, 3, 4, 4, 4]
    assert worst(["on_track", "no_data", "behind"]) == "behind"


def test_the_same_english_word_can_mean_two_things():
    assert Status.ACHIEVED.label("fi") == "Saavutettu"
    assert Verdict.ACHIEVED.label("fi") == "Toteutui"
    assert pgettext("milestone", "done", "sv") == "klart" and Phase.DONE.label("sv") == "klar"


def test_status_label_names_a_status_and_leaves_anything_else_as_it_is():
    assert status_label("off_track", "sv") == "Uppnås inte"
    assert status_label("mystery", "fi") == "mystery"


def test_english_is_the_message_itself_and_an_unknown_language_is_finnish():
    assert gettext("target met", "en") == "target met"
    assert gettext("target met", "de") == gettext("target met", "fi") == "tavoite saavutettu"
    assert lang_of(None) == "fi"


def test_plural_forms_follow_the_count():
    one = ngettext("({count} done)", "({count} done)", 1, "sv").format(count=1)
    two = ngettext("({count} done)", "({count} done)", 2, "sv").format(count=2)
    assert (one, two) == ("(1 klar)", "(2 klara)")
