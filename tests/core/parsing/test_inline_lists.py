"""Numbered lists that lost their line breaks are split back into items."""

from __future__ import annotations

from seuranta.core.parsing.inline_lists import split_inline_list


def test_an_enumeration_inside_a_sentence_becomes_items():
    parts = split_inline_list("Teemat ovat 1) asukkaat, 2) elinvoima ja 3) talous. Niitä seurataan.")
    assert parts == [
        ("Teemat ovat", None),
        ("asukkaat", "dec1)"),
        ("elinvoima", "dec1)"),
        ("talous", "dec1)"),  # the full stop ends the sentence, not the item
        ("Niitä seurataan.", None),
    ]


def test_a_flattened_table_of_contents_keeps_its_depth_and_drops_page_numbers():
    parts = split_inline_list(
        "SISÄLLYS 1. JOHDANTO 3 2. TAVOITTEET 5 2.1 Liikunta 6 2.2 Kulttuuri 8 3. SEURANTA 9"
    )
    assert [p for p in parts if p[1]] == [
        ("JOHDANTO", "dec1"),
        ("TAVOITTEET", "dec1"),
        ("Liikunta", "dec2"),
        ("Kulttuuri", "dec2"),
        ("SEURANTA", "dec1"),
    ]


def test_roman_numerals_run_in_their_own_order():
    parts = split_inline_list("Tavoitteet: I. Hyvä arki II. Vahva talous III. Kestävä ympäristö")
    assert [p for p in parts if p[1]] == [
        ("Hyvä arki", "roman"),
        ("Vahva talous", "roman"),
        ("Kestävä ympäristö", "roman"),
    ]


def test_numbers_out_of_order_or_too_few_split_nothing():
    assert split_inline_list("Vuonna 2024 valmistui 3 Uutta asuntoa ja 12 Muuta kohdetta.") is None
    assert split_inline_list("Katso kohdat 1. Johdanto ja 2. Tausta.") is None
    assert split_inline_list("Osat 1. Alku 3. Loppu 7. Liite") is None


def test_a_chapter_printed_without_its_number_is_lifted_before_its_first_sub_item():
    parts = split_inline_list(
        "Sisältö Osaaminen ja koulutus 1.1. Innovaatiot 1.2. Koulutusrakenteet "
        "Elinkeinot, yrittäjyys ja työllisyys 2.1. Yritystoiminta 2.2. Toimialat"
    )
    assert parts == [
        ("Sisältö", None),
        ("Osaaminen ja koulutus", "dec1"),
        ("Innovaatiot", "dec2"),
        ("Koulutusrakenteet", "dec2"),
        ("Elinkeinot, yrittäjyys ja työllisyys", "dec1"),
        ("Yritystoiminta", "dec2"),
        ("Toimialat", "dec2"),
    ]


def test_a_contents_with_dot_leaders_keeps_its_unnumbered_chapters_apart():
    parts = split_inline_list(
        "Innehåll SAMMANFATTNING... 3 UPPFÖLJNING... 6 INRIKTNING 2017-2019... 7 5.1 Tidiga insatser... 7 "
        "5.2 Trygghet... 9 5.3 Hälsa... 10 BUDGET... 10 6.1 Sociala investeringar... 11 "
        "6.2 Extern finansiering... 12 MATRIS INDIKATORER... 13 2"
    )
    assert [p for p in parts if p[1]] == [
        ("INRIKTNING 2017-2019", "dec1"),
        ("Tidiga insatser", "dec2"),
        ("Trygghet", "dec2"),
        ("Hälsa", "dec2"),
        ("BUDGET", "dec1"),
        ("Sociala investeringar", "dec2"),
        ("Extern finansiering", "dec2"),
        ("MATRIS INDIKATORER", "dec1"),
    ]
