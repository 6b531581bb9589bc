"""A table's header printed over two rows (a cell spanning the year columns above the years) is
one header: each year column gets the role of the cell that spans it."""

from __future__ import annotations

from seuranta.core.parsing import parse_bytes
from seuranta.core.parsing.tables import merged_header

PAGE = """<html><body><h1>Kaupunkistrategian mittarit</h1>
<h2>Elinvoimainen kaupunki</h2>
<table>
<tr><th rowspan="2">Mittari</th><th rowspan="2">Lähtötaso 2021</th><th colspan="3">Tavoite</th></tr>
<tr><th>2023</th><th>2024</th><th>2025</th></tr>
<tr><td>Työllisyysaste, %</td><td>70,1</td><td>71</td><td>72</td><td>73</td></tr>
<tr><td>Asukasmäärä</td><td>45 000</td><td>45 500</td><td>46 000</td><td>46 500</td></tr>
</table></body></html>"""


def test_year_columns_under_a_spanning_target_cell_are_targets_of_those_years():
    (goal,) = parse_bytes(PAGE.encode(), "mittarit.html").plan.nodes
    assert goal.title == "Elinvoimainen kaupunki" and not goal.children
    employment, population = goal.indicators
    assert employment.name == "Työllisyysaste, %"
    assert (employment.baseline.value, employment.baseline.period) == (70.1, "2021")
    assert [(t.value, t.period) for t in employment.targets] == [(71, "2023"), (72, "2024"), (73, "2025")]
    assert [t.value for t in population.targets] == [45500, 46000, 46500]


def test_a_data_row_under_a_header_is_not_merged_into_it():
    top = ["Mittari", "Tavoite", "Tavoite"]
    assert merged_header(top, ["Työllisyysaste", "71", "72"]) is None
    assert merged_header(top, ["Mittari", "2024", "2025"]) == ["Mittari", "Tavoite 2024", "Tavoite 2025"]
