"""The DOCX's chart pictures (PNG): each value drawn where the SVG draws it, sharp in print, with its alt text."""

import io

from PIL import Image

from seuranta.core import model as core
from seuranta.core.reports.charts import TREND_WIDTH_CM, dashes, pixel_scale, trend_chart
from seuranta.core.reports.trend import trend_data
from seuranta.core.reports.trend_svg import ROLE_COLOURS, Frame


def customers() -> core.Indicator:
    return core.Indicator(
        name="Asiakkaat",
        baseline=core.Measure("10", "value", 10, "2024"),
        targets=[core.Measure("20", "value", 20, "2027")],
        actuals=[core.Measure("14", "value", 14, "2025"), core.Measure("16", "value", 16, "2026")],
    )


def picture(indicator: core.Indicator) -> Image.Image:
    chart = trend_chart(indicator, None, "fi", png=True)
    assert chart is not None
    return Image.open(io.BytesIO(chart.png))


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def test_a_trend_picture_draws_each_value_where_its_date_and_number_fall_in_its_series_colour():
    indicator = customers()
    image = picture(indicator).convert("RGB")
    data = trend_data(indicator, "fi")
    frame = Frame.for_data(data)
    scale = pixel_scale(frame.width, TREND_WIDTH_CM)
    for point in data.points:
        x, y = frame.x(point.day) * scale, frame.y(point.value) * scale
        colour = rgb(ROLE_COLOURS[point.role])
        if point.role == "target":  # a hollow diamond: its outline in colour, white inside
            assert image.getpixel((round(x + 7 * scale), round(y))) == colour
            assert image.getpixel((round(x), round(y))) == (255, 255, 255)
        else:  # the baseline's own square, not covered by the lines that start from it
            assert image.getpixel((round(x + 3 * scale), round(y - 3 * scale))) == colour, point


def test_a_trend_pictures_alt_text_names_every_value_with_its_year():
    chart = trend_chart(customers(), None, "fi", png=True)

    assert chart is not None and chart.alt.startswith("Viivakaavio mittarista Asiakkaat")
    for text in ("Lähtötaso: 10 (2024)", "Tavoitetaso: 20 (2027)", "14 (2025)", "16 (2026)"):
        assert text in chart.alt


def test_a_trend_picture_is_sharp_in_print_at_its_printed_width_and_says_so():
    image = picture(customers())

    density = image.width / (TREND_WIDTH_CM / 2.54)
    assert density >= 290
    assert (
        abs(image.info["dpi"][0] - density) < 1
    )  # an application that sizes it by its dpi prints it as wide


def test_a_trend_picture_keeps_white_white_and_its_text_anti_aliased_in_few_colours():
    image = picture(customers())

    assert image.mode == "P"
    pixels = image.convert("RGB")
    assert pixels.getpixel((0, 0)) == (255, 255, 255)
    legend = pixels.crop((0, round(pixels.height * 0.9), pixels.width // 2, pixels.height))
    colours = {c for _n, c in legend.getcolors(4096) or []}
    greys = {c for c in colours if c[0] == c[1] == c[2] and 0 < c[0] < 255}
    assert len(greys) >= 4  # the legend's black text has soft edges: shades between black and white


def test_a_dashed_line_is_drawn_in_pieces_that_follow_its_pattern():
    assert dashes([(0.0, 0.0), (20.0, 0.0)], "6 4") == [[(0.0, 0.0), (6.0, 0.0)], [(10.0, 0.0), (16.0, 0.0)]]
    corner = dashes([(0.0, 0.0), (3.0, 0.0), (3.0, 5.0)], "6 4")
    assert corner[0] == [(0.0, 0.0), (3.0, 0.0), (3.0, 3.0)]  # a dash turns the corner with the line
    assert dashes([(0.0, 0.0), (5.0, 0.0)], "") == [[(0.0, 0.0), (5.0, 0.0)]]


def test_the_summary_picture_draws_a_bar_in_each_status_colour_the_report_counts(pori_report):
    from seuranta.core.reports.charts import summary_chart_png
    from seuranta.core.reports.style import STATUS_COLOURS

    chart = summary_chart_png(pori_report)
    image = Image.open(io.BytesIO(chart.png)).convert("RGB")

    counted = {key for row in pori_report.summary for key, n in row.counts.items() if n}
    drawn = {colour for _n, colour in image.getcolors(4096) or []}
    assert counted and {rgb(STATUS_COLOURS[key]) for key in counted} <= drawn
    assert all(row.title in chart.alt for row in pori_report.summary if row.total)


def test_a_sub_series_is_named_once_beside_its_last_actual_in_the_picture_as_in_the_svg():
    from seuranta.core.reports.trend_svg import series_labels
    from tests.core.reports.test_trend import sub_series

    indicator = sub_series(17.5)  # the two actuals so close that their names would overlap
    data = trend_data(indicator, "fi")
    frame = Frame.for_data(data)
    labels = series_labels(frame)

    assert [name for name, *_ in labels] == ["ala-aste", "yläaste"]
    (_a, fill, x1, y1), (_b, _g, x2, y2) = labels
    last_actual = max(p.day for p in data.points if p.role == "actual")
    assert x1 == x2 > frame.x(last_actual) and abs(y2 - y1) >= 13  # close values: the names do not overlap
    image = picture(indicator).convert("RGB")
    scale = pixel_scale(frame.width, TREND_WIDTH_CM)
    name_box = image.crop((round(x1 * scale), round((y1 - 10) * scale), image.width, round(y1 * scale)))
    assert rgb(fill) in {c for _n, c in name_box.getcolors(4096) or []}  # the first name, in its colour
