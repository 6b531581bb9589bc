"""Lists in the general reader: introduced by an indicator word, they list indicators."""

from __future__ import annotations

from seuranta.core.parsing import parse_bytes


def _plan(text: str):
    plan = parse_bytes(text.encode(), "sivu.txt").plan
    assert plan is not None
    return plan


def test_lists_under_headings_after_a_line_introducing_indicators_are_the_headings_indicators():
    plan = _plan(
        "Strategian seuranta\n\nStrategian toteutumista seurataan seuraavilla mittareilla:\n\n"
        "Elinvoimainen kunta\n\n • Väkiluku\n • Työpaikkojen määrä\n\n"
        "Vastuullinen talous\n\n • Vuosikate\n • Lainakanta asukasta kohden\n"
    )
    assert [(n.title, [i.name for i in n.indicators]) for n in plan.nodes] == [
        ("Elinvoimainen kunta", ["Väkiluku", "Työpaikkojen määrä"]),
        ("Vastuullinen talous", ["Vuosikate", "Lainakanta asukasta kohden"]),
    ]


def test_a_list_under_a_goal_introduced_by_an_indicator_label_is_its_indicators():
    plan = _plan("Tavoitteet\n\n1. Hyvä arki\n\nMätare:\n\n • Nöjdhet med tjänsterna\n • Antal besökare\n")
    [goal] = plan.nodes
    assert goal.title == "Hyvä arki"
    assert [i.name for i in goal.indicators] == ["Nöjdhet med tjänsterna", "Antal besökare"]
    assert goal.children == []


def test_bullets_after_prose_beside_an_introduced_list_are_text_whatever_their_marker():
    plan = _plan(
        "Handlingsplan\n\nÅtgärderna är uppdelade enligt de tre målen:\n\n"
        "  1. Delaktighet\n  2. Goda miljöer\n  3. Verkningsfulla beslut\n\n"
        "Nätverket samlar aktörer från alla sektorer. Alla är välkomna.\n\n"
        "Vi samordnar arbetet och följer upp det varje år.\n\n"
        "Som medlem får du\n\n • nya kontakter\n • aktuell information\n"
    )
    assert [n.title for n in plan.nodes] == ["Delaktighet", "Goda miljöer", "Verkningsfulla beslut"]


def test_a_page_under_an_indicators_breadcrumb_is_the_indicator_of_the_action_it_lists():
    plan = _plan(
        "Mittarit\n\nPyöräilyn osuus matkoista\n\nMittari kuvaa pyörällä tehtyjen matkojen osuutta.\n\n"
        "Mittariin vaikuttavat toimenpiteet\n\n"
        "1. Pyöräteiden talvikunnossapito\n"
    )
    [action] = plan.nodes
    assert action.title != "Pyöräilyn osuus matkoista"
    assert [i.name for i in action.indicators] == ["Pyöräilyn osuus matkoista"]
    assert action.indicators[0].description == "Mittari kuvaa pyörällä tehtyjen matkojen osuutta."
