"""Shared text helpers: whitespace, hyphenation, bullets, heading comparison."""

from __future__ import annotations

import random

from seuranta.core.parsing.text import (
    _edit_distance,
    fold_whitespace,
    group_titles,
    guess_organization,
    hyphen_prefixes,
    is_bullet,
    join_lines,
    representative,
    same_title,
    split_glued_heading,
    split_sentences,
    strip_bullet,
    title_key,
    title_similarity,
    unwrap,
)


def test_fold_whitespace_collapses_runs_and_no_break_spaces():
    assert fold_whitespace("  9\u00a0844   pv \n\t ") == "9 844 pv"


def test_fold_whitespace_drops_soft_hyphens():
    assert fold_whitespace("kehittämis\u00adsuunnitelma") == "kehittämissuunnitelma"


def test_strip_bullet_drops_symbol_font_bullet():
    assert strip_bullet("\uf0b7 Paperipostin korvaaminen") == "Paperipostin korvaaminen"


def test_strip_bullet_drops_round_bullet_and_arrow():
    assert strip_bullet("  • Jatkuvasti paremmaksi") == "Jatkuvasti paremmaksi"
    assert strip_bullet("→ Sitoudun johtamaan") == "Sitoudun johtamaan"


def test_strip_bullet_drops_letter_o_bullet():
    assert strip_bullet("o Henkilöstön työsuojelulliset riskit") == "Henkilöstön työsuojelulliset riskit"


def test_strip_bullet_keeps_word_starting_with_o():
    assert strip_bullet("osallistuneet yhteisen toimintamallin") == "osallistuneet yhteisen toimintamallin"


def test_strip_bullet_keeps_elided_compound_hyphen():
    assert strip_bullet("-raportit tehdään") == "-raportit tehdään"


def test_is_bullet_recognises_dash_list_marker():
    assert is_bullet("- Tietosuojan osalta")
    assert not is_bullet("-raportit")


def test_join_lines_undoes_soft_hyphenation():
    assert join_lines(["Henkilöstö-", "palvelut"]) == "Henkilöstöpalvelut"


def test_join_lines_undoes_hyphenation_with_trailing_space():
    assert join_lines(["tiedonohjaus- ", "suunnitelmia laaditaan"]) == "tiedonohjaussuunnitelmia laaditaan"


def test_join_lines_keeps_elided_compound_after_slash():
    assert join_lines(["henkilön työhyvinvointiin/-", "kykyyn."]) == "henkilön työhyvinvointiin/-kykyyn."


def test_join_lines_keeps_hyphen_after_space():
    assert (
        join_lines(["Noudatetaan Digi ensin -", "hankkeen tavoitteita"])
        == "Noudatetaan Digi ensin -hankkeen tavoitteita"
    )


def test_join_lines_keeps_hyphen_between_same_vowels():
    assert (
        join_lines(["yhdenvertaisuus- ja tasa-", "arvosuunnitelmat"])
        == "yhdenvertaisuus- ja tasa-arvosuunnitelmat"
    )


def test_join_lines_keeps_space_before_conjunction():
    assert (
        join_lines(["yhdenvertaisuus-", "ja tasa-arvonäkökulma"]) == "yhdenvertaisuus- ja tasa-arvonäkökulma"
    )


def test_join_lines_keeps_hyphen_before_capital_or_digit():
    assert join_lines(["Länsi-", "Porin koulu"]) == "Länsi-Porin koulu"
    assert join_lines(["työuraohjelma 2021-", "2025"]) == "työuraohjelma 2021-2025"


def test_join_lines_keeps_hyphen_after_camel_case_name():
    assert join_lines(["TargetorPro-", "sovellukseen"]) == "TargetorPro-sovellukseen"


def test_join_lines_keeps_hyphen_the_document_writes_elsewhere():
    prefixes = hyphen_prefixes("Sisäiset nonstop-koulutukset henkilöstölle")
    assert join_lines(["sisäisiä nonstop-", "koulutuksia"], prefixes) == "sisäisiä nonstop-koulutuksia"


def test_join_lines_skips_blank_lines_and_folds_space():
    assert join_lines(["Koulutuksen  toteuttajat ", "", "  jatko- ja täydennyskoulutus "]) == (
        "Koulutuksen toteuttajat jatko- ja täydennyskoulutus"
    )


def test_unwrap_joins_a_multiline_string():
    assert unwrap("Kehityskeskustelut käydään\nsäännöllisesti") == "Kehityskeskustelut käydään säännöllisesti"


def test_hyphen_prefixes_collects_in_line_hyphenated_parts():
    assert hyphen_prefixes("Digi ensin -hankkeen, tasa-arvo ja nonstop-koulutus") >= {"tasa", "nonstop"}


def test_title_key_folds_case_dashes_and_final_stop():
    assert title_key("Lasten, nuorten ja perheiden hyvinvointi on meille erityisen tärkeää.") == (
        "lasten, nuorten ja perheiden hyvinvointi on meille erityisen tärkeää"
    )
    assert title_key("liikkumisohjelman ja –suunnitelman") == "liikkumisohjelman ja -suunnitelman"


def test_same_title_ignores_case():
    assert same_title("PORI ON LASTEN JA NUORTEN KAUPUNKI", "Pori on lasten ja nuorten kaupunki")


def test_same_title_allows_a_small_typo():
    assert same_title("Osaava Porit", "Osaava Pori")
    assert same_title("Porin on lasten ja nuorten kaupunki", "Pori on lasten ja nuorten kaupunki")


def test_same_title_allows_a_split_compound_and_missing_stop():
    a = "Terveelliset, turvalliset ja tarkoituksenmukaiset oppimisympäristöt sekä laadukas opetus."
    b = "Terveelliset, turvalliset ja tarkoituksen mukaiset oppimisympäristöt sekä laadukas opetus"
    assert same_title(a, b)


def test_same_title_keeps_different_headings_apart():
    assert not same_title("Kasvava Pori", "Hyvinvoiva Pori")
    assert not same_title("Vastuullisuus", "Digitalisaatio / Vastuullisuus")


def test_same_title_keeps_different_numbers_apart():
    assert not same_title("Tavoite 1", "Tavoite 2")


def levenshtein(a: str, b: str) -> int:
    """The full table, for reference."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def test_banded_edit_distance_is_levenshtein_up_to_its_limit():
    rng = random.Random(15)
    for _ in range(1500):
        alphabet = rng.choice(["ab", "abcdefghij", "abcdefghijklmnopqrstuvwxyzäö "])
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        b = list(a)
        for _ in range(rng.randint(0, 6)):  # a few edits, or (below) another string altogether
            position = rng.randint(0, len(b))
            b[position:position] = rng.choice(alphabet)
            if rng.random() < 0.5:
                del b[rng.randint(0, len(b) - 1)]
        if rng.random() < 0.3:
            b = [rng.choice(alphabet) for _ in range(rng.randint(0, 30))]
        limit = rng.randint(1, 5)
        assert _edit_distance(a, "".join(b), limit) == min(levenshtein(a, "".join(b)), limit + 1)


def test_title_similarity_is_one_for_case_variants():
    assert title_similarity("Osaava Pori", "OSAAVA PORI.") == 1.0


def test_representative_prefers_most_common_spelling():
    spellings = [
        "KOULUTUSTARJONTA VARHAISKASVATUKSESTA",
        "KOULUTUSTARJONTA VARHAISKASVATUKSESTA",
        "Koulutustarjonta varhaiskasvatuksesta",
        "KOULUTUSTARJONTA VARHAISKASVATUKSESTA",
    ]
    assert representative(spellings) == "KOULUTUSTARJONTA VARHAISKASVATUKSESTA"


def test_representative_breaks_ties_by_first_spelling():
    spellings = [
        "Pori on lasten kaupunki",
        "PORI ON LASTEN KAUPUNKI",
        "PORI ON LASTEN KAUPUNKI",
        "Pori on lasten kaupunki",
        "Porin on lasten kaupunki",
    ]
    assert representative(spellings) == "Pori on lasten kaupunki"


def test_representative_of_nothing_is_empty():
    assert representative([]) == ""


def test_group_titles_groups_spellings_in_order():
    assert group_titles(["Osaava Pori", "Kasvava Pori", "OSAAVA PORI", "Osaava Porit"]) == [[0, 2, 3], [1]]


def test_split_sentences_splits_before_capitals_only():
    assert split_sentences("Ei ole. Valmistelu käynnissä, em. hankkeen osalta. 2023 alkaen.") == [
        "Ei ole.",
        "Valmistelu käynnissä, em. hankkeen osalta.",
        "2023 alkaen.",
    ]


def test_split_sentences_does_not_split_after_an_abbreviation():
    assert split_sentences("Tehdään esim. Porin mallin mukaan. Valmis.") == [
        "Tehdään esim. Porin mallin mukaan.",
        "Valmis.",
    ]


def test_split_sentences_keeps_a_closing_quote_with_its_sentence():
    assert split_sentences('Hanke on "valmis." Sitten jatketaan.') == [
        'Hanke on "valmis."',
        "Sitten jatketaan.",
    ]


def test_split_sentences_capital_only_keeps_a_number_after_a_stop():
    assert split_sentences("Lähtötaso ei ole. 2023 alkaen 5 %.", capital_only=True) == [
        "Lähtötaso ei ole. 2023 alkaen 5 %."
    ]


def test_guess_organization_from_genitive_with_kaupunki():
    assert guess_organization("Tämä on Kokkolan kaupungin henkilöstöohjelma.") == "Kokkolan kaupunki"


def test_guess_organization_from_demonym_and_place_name():
    text = "Porilaisten hyvinvointi\nPAINOPISTE Hyvinvoiva Pori\nKaupunki on saanut tietoja."
    assert guess_organization(text) == "Porin kaupunki"


def test_guess_organization_ignores_sentence_initial_verb():
    assert guess_organization("TOIMENPIDE Laaditaan kaupungin ohjelma.") is None


def test_guess_organization_says_kunta_without_kaupunki():
    assert guess_organization("Laihialaisten palvelut ovat hyvät. Sujuva Laihia.") == "Laihian kunta"


def test_a_text_table_row_keeps_thousands_groups_together():
    from seuranta.core.parsing.tables import split_values

    assert split_values("Yritysten lkm 11 751 12 284 1 704") == (
        "Yritysten lkm",
        ["11 751", "12 284", "1 704"],
    )
    assert split_values("Käyttöaste 52,7 %") == ("Käyttöaste", ["52,7 %"])
    assert split_values("Vuonna 2024 valmistuu 3 kohdetta.") is None


def test_a_heading_glued_to_its_sentence_is_split_off():
    text = "Kaupunkirakenne ja liikkuminenTavoitteena on eheä kaupunki, jossa liikkuminen on vähäpäästöistä."
    assert split_glued_heading(text, 10) == (
        "Kaupunkirakenne ja liikkuminen",
        "Tavoitteena on eheä kaupunki, jossa liikkuminen on vähäpäästöistä.",
    )


def test_a_capital_inside_a_product_name_is_no_glued_heading():
    assert (
        split_glued_heading(
            "CloudiaSopimuksen käyttöönoton valmistelu on käynnissä koko kaupungissa nyt.", 10
        )
        is None
    )
    assert (
        split_glued_heading("Ota yhteyttä WinNovan palveluihin, jotka auttavat yrityksiä kasvamaan.", 10)
        is None
    )
