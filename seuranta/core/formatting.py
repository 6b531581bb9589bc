"""Numbers, units, dates and periods written as each language writes them.

"3,9" and "9 844" (with a no-break space) in Finnish and Swedish, "3.9" and
"9,844" in English; "Q1/2023", "lv. 2021–2022", "20.9.2022". The evaluation and
the reports format every value they show through these functions.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from seuranta.core.i18n import gettext as _
from seuranta.core.i18n import lang_of
from seuranta.core.periods import period_bounds

NBSP = "\u00a0"

# Finnish partitive singular of common level names, for "3/5 toimenpidettä".
# Matched on the end of the lower-cased level name; adjectives in -nen become -sta.
FI_PARTITIVE_ENDINGS = (
    ("toimenpide", "toimenpidettä"),
    ("tavoite", "tavoitetta"),
    ("piste", "pistettä"),
    ("alue", "aluetta"),
    ("kokonaisuus", "kokonaisuutta"),
    ("päämäärä", "päämäärää"),
    ("teko", "tekoa"),
    ("teema", "teemaa"),
    ("hanke", "hanketta"),
    ("ohjelma", "ohjelmaa"),
    ("projekti", "projektia"),
    ("linjaus", "linjausta"),
)


def sentence(body: str) -> str:
    """Capital first letter and a full stop."""
    body = body.strip()
    if not body:
        return body
    body = body[0].upper() + body[1:]
    return body if body.endswith((".", "!", "?")) else body + "."


def level_noun(level: str | None, lang: str) -> str | None:
    """The partitive of a level name ("Toimenpide" -> "toimenpidettä"), Finnish only."""
    if lang_of(lang) != "fi" or not level:
        return None
    words = level.strip().lower().split()
    if not words:
        return None
    last = words[-1]
    for ending, partitive in FI_PARTITIVE_ENDINGS:
        if last.endswith(ending):
            head = last[: len(last) - len(ending)]
            adjectives = [w[:-3] + "sta" if w.endswith("nen") else None for w in words[:-1]]
            if any(a is None for a in adjectives):
                return None
            return " ".join([*(a for a in adjectives if a), head + partitive])
    return None


def format_number(value: float, lang: str, decimals: int | None = None) -> str:
    """3.9 -> "3,9" (fi, sv) or "3.9" (en); 9844 -> "9 844" / "9,844"."""
    lang = lang_of(lang)
    places = decimals_of(value) if decimals is None else decimals
    rounded = round(value, places)
    body = f"{abs(rounded):,.{places}f}"
    if lang != "en":
        body = body.replace(",", NBSP).replace(".", ",")
    if rounded >= 0:
        return body
    return ("-" if lang == "en" else "\u2212") + body


def decimals_of(*values: float | None) -> int:
    """The most decimals any of the values is written with (at most 3)."""
    return max((decimals(value) for value in values if value is not None), default=0)


@lru_cache(maxsize=8192)
def decimals(value: float) -> int:
    """The decimals a value is written with (at most 3), memoised: plans repeat their numbers."""
    text = f"{round(value, 3):.3f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def with_unit(number: str, unit: str | None, lang: str) -> str:
    if not unit:
        return number
    unit = unit.strip()
    if unit == "%" and lang_of(lang) == "en":
        return number + "%"
    return f"{number}{NBSP}{unit}"


def format_date(day: date, lang: str) -> str:
    if lang_of(lang) == "en":
        return day.isoformat()
    return f"{day.day}.{day.month}.{day.year}"


_QUARTER = re.compile(r"(\d{4})-?([QTH])([1-4])", re.IGNORECASE)
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_SCHOOL = re.compile(r"(\d{4})\s*/\s*(\d{2,4})")


def format_period(period: str | None, lang: str) -> str | None:
    """A normalised period as people write it: "Q1/2023", "9/2023", "20.9.2022"."""
    if not period or not isinstance(period, str):
        return None
    return _format_period(period, lang_of(lang))


@lru_cache(maxsize=8192)
def _format_period(period: str, lang: str) -> str | None:
    bounds = period_bounds(period)
    if bounds is None:
        return period.strip()
    first, last = bounds
    stripped = period.strip()
    if m := _QUARTER.fullmatch(stripped):
        sep = " " if lang == "en" else "/"
        return f"{m[2].upper()}{m[3]}{sep}{m[1]}"
    if m := _SCHOOL.fullmatch(stripped):
        return _("school year {first}–{second}", lang).format(first=first.year, second=last.year)
    if first == last:
        return format_date(first, lang)
    if _MONTH.fullmatch(stripped):
        return f"{first.month}/{first.year}"
    return str(first.year) if first.year == last.year else stripped
