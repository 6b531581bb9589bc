"""The one trend chart's data: every point at its own date, sub-series kept, states on their scale."""

from datetime import date

from seuranta.core import model as core
from seuranta.core.reports.charts import trend_chart
from seuranta.core.reports.trend import trend_data
from seuranta.core.reports.trend_svg import Frame, trend_svg


def numeric() -> core.Indicator:
    return core.Indicator(
        name="Tyytyväisyys",
        baseline=core.Measure("4,5", "value", 4.5, "2024"),
        targets=[
            core.Measure("vähintään 4,6", "min", 4.6, "2026"),
            core.Measure("4,8", "value", 4.8, "2028"),
        ],
        actuals=[core.Measure("4,55", "value", 4.55, "2025-Q2")],
    )


def test_a_year_target_stands_over_its_year_and_a_quarter_over_its_quarter():
    data = trend_data(numeric(), "fi")
    days = {(p.role, p.period): p.day for p in data.points}
    assert days[("target", "2026")] == date(2026, 7, 2)
    assert days[("baseline", "2024")] == date(2024, 7, 1)
    assert date(2025, 4, 1) < days[("actual", "2025-Q2")] < date(2025, 6, 30)


def test_the_time_axis_labels_each_year_in_the_middle_of_the_year():
    data = trend_data(numeric(), "fi")
    assert [label for _day, label in data.x_ticks] == ["2024", "2025", "2026", "2027", "2028"]
    assert data.first == date(2024, 1, 1) and data.last == date(2028, 12, 31)
    frame = Frame.for_data(data)
    target_x = frame.x(next(p.day for p in data.points if p.period == "2026"))
    tick_x = frame.x(dict((label, day) for day, label in data.x_ticks)["2026"])
    assert abs(target_x - tick_x) < 2


def test_a_baseline_without_a_year_stands_at_the_plans_start_with_a_note():
    indicator = core.Indicator(
        name="Asiakkaat",
        baseline=core.Measure("10", "value", 10),
        targets=[core.Measure("20", "value", 20, "2026")],
    )
    data = trend_data(indicator, "fi", plan_start=date(2023, 1, 1))
    baseline = next(p for p in data.points if p.role == "baseline")
    assert baseline.day == date(2023, 1, 1) and baseline.note
    assert data.notes == (baseline.note,) and "suunnitelman alkuun" in baseline.note


def test_a_baseline_without_a_year_is_left_out_when_the_plan_has_no_start():
    indicator = core.Indicator(
        name="Asiakkaat",
        baseline=core.Measure("10", "value", 10),
        targets=[core.Measure("20", "value", 20, "2026")],
    )
    assert [p.role for p in trend_data(indicator, "fi").points] == ["target"]


def sub_series(second_actual: float = 19.5) -> core.Indicator:
    return core.Indicator(
        name="Kiusatut",
        targets=[
            core.Measure("15", "max", 15, "2026", label="ala-aste"),
            core.Measure("17", "max", 17, "2026", label="yläaste"),
        ],
        actuals=[
            core.Measure("17,0", "value", 17.0, "2025", label="ala-aste"),
            core.Measure(f"{second_actual}", "value", second_actual, "2025", label="yläaste"),
        ],
    )


def test_sub_series_keep_their_labels_in_the_series_and_the_chart():
    indicator = sub_series()
    data = trend_data(indicator, "fi")
    assert data.labels == ("ala-aste", "yläaste")
    assert ("actual", "yläaste") in data.series and ("target", "ala-aste") in data.series
    svg = trend_svg(data, indicator.name, "kuvaus", lang="fi")
    assert ">ala-aste</text>" in svg and ">yläaste</text>" in svg
    assert "Toteuma – yläaste" in svg


def qualitative() -> core.Indicator:
    return core.Indicator(
        name="Ohjelma laadittu",
        baseline=core.Measure("Ei", "state", None, "2023"),
        targets=[core.Measure("Kyllä", "state", None, "2026")],
        actuals=[
            core.Measure("Valmistelussa", "state", None, "2024"),
            core.Measure("Kyllä", "state", None, "2025"),
        ],
    )


def test_a_qualitative_indicator_is_drawn_on_its_scale_of_states():
    data = trend_data(qualitative(), "fi")
    assert data.qualitative
    assert data.levels == ("Ei", "Valmistelussa", "Kyllä")
    assert [label for _v, label in data.y_ticks] == ["Ei", "Valmistelussa", "Kyllä"]
    assert {p.text: p.value for p in data.points} == {"Ei": 0.0, "Valmistelussa": 1.0, "Kyllä": 2.0}


def test_a_qualitative_chart_uses_the_plans_scale_when_it_has_one():
    data = trend_data(qualitative(), "fi", scale=["Ei", "Valmistelussa", "Kyllä", "Vakiintunut"])
    assert data.levels[-1] == "Vakiintunut" and len(data.y_ticks) == 4


def test_a_qualitative_chart_shows_states_never_numbers_and_draws_steps():
    chart = trend_chart(qualitative(), None, "fi")
    assert ">Valmistelussa</text>" in chart.svg and ">Kyllä</text>" in chart.svg
    assert ">0</text>" not in chart.svg and ">1</text>" not in chart.svg
    assert "portaittain" in chart.alt or "Porraskaavio" in chart.alt


def test_a_qualitative_step_line_holds_its_level_until_the_next_report():
    from seuranta.core.reports.trend_svg import _coords, paths

    data = trend_data(qualitative(), "fi")
    frame = Frame.for_data(data)
    actual = next(points for role, _label, points in paths(data) if role == "actual")
    coords = _coords(frame, actual, step=True)
    # baseline, then the horizontal run to the next report, then up to its level
    assert coords[1][1] == coords[0][1] and coords[1][0] == coords[2][0]


def test_a_numeric_indicator_is_never_qualitative_even_with_a_state_among_its_levels():
    indicator = numeric()
    indicator.actuals.append(core.Measure("Ei tietoa", "state", None, "2026"))
    assert not trend_data(indicator, "fi").qualitative
