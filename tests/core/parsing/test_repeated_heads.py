"""Items run together behind the same repeated phrase: the phrase names their level."""

from __future__ import annotations

from seuranta.core.parsing import parse_bytes
from seuranta.core.parsing.repeated_heads import split_repeated_heads


def test_a_phrase_repeated_before_contents_entries_names_their_level():
    plan = parse_bytes(
        "Vuosikertomus 2020\n\nSisällys Johdanto... 2 Talouden tila... 3 Kärkihanke Kestävä liikenne "
        "Kärkihanke Elävä keskusta...8 Kärkihanke Osaava työvoima...12 Tilinpäätöslaskelmat 14\n".encode(),
        "kertomus.txt",
    ).plan
    assert plan is not None
    assert [(node.level, node.title) for node in plan.nodes] == [
        ("Kärkihanke", "Kestävä liikenne"),
        ("Kärkihanke", "Elävä keskusta"),
        ("Kärkihanke", "Osaava työvoima"),
    ]


def test_the_text_around_the_run_stays_text():
    found = split_repeated_heads(
        "Sisällys Johdanto... 2 Teema Asuminen Teema Liikenne...5 Teema Kulttuuri...7 Talous 9"
    )
    assert found is not None
    assert (found.before, found.titles, found.after) == (
        "Sisällys Johdanto... 2",
        ["Asuminen", "Liikenne", "Kulttuuri"],
        "Talous 9",
    )


def test_a_name_repeated_in_a_list_of_names_is_no_level():
    assert (
        split_repeated_heads("Omistukset: Kotka Energia Oy Kotka Satama Oy Kotka Vesi Oy Kotka Asunnot Oy")
        is None
    )


def test_a_phrase_that_opens_sentences_is_no_level():
    text = (
        "Kaupunki on kasvanut nopeasti. Kaupunki rakentaa uusia kouluja ja päiväkoteja alueille, joilla "
        "lapsia on eniten. Kaupunki Palvelee kaikkia asukkaitaan...4"
    )
    assert split_repeated_heads(text) is None


def test_two_repeats_are_not_yet_a_run():
    assert split_repeated_heads("Teema Asuminen...3 Teema Liikenne...5 Talous 9") is None
