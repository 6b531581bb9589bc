"""Every user-facing string of the evaluator, in Finnish, Swedish and English.

All templates live in `TEXTS` so that a translator finds them in one place.
The helpers below format numbers ("3,9", "9 844" with a no-break space in
Finnish and Swedish; "3.9", "9,844" in English), units and periods
("Q1/2023", "lv. 2021–2022") in each language's style.
"""

from __future__ import annotations

import re
from datetime import date

from seuranta.core.periods import period_bounds

LANGS = ("fi", "sv", "en")
NBSP = "\u00a0"

TEXTS: dict[str, dict[str, str]] = {
    "fi": {
        # Indicator reasons: "{parts}: {verdict}."
        "actual": "toteuma {value}",
        "target": "tavoitetaso {value}",
        "baseline": "lähtötaso {value}",
        "baseline_from_actual": "lähtötasona ensimmäinen toteuma {value}",
        "verdict.achieved": "tavoite saavutettu",
        "verdict.on_track": "aikataulussa (odotettu taso {expected})",
        "verdict.behind": "jäljessä odotetusta tasosta {expected}",
        "verdict.on_track_state": "aikataulussa",
        "verdict.behind_state": "jäljessä aikataulusta",
        "verdict.wrong_way": "kehitys väärään suuntaan",
        "verdict.expired": "tavoiteaika päättyi {date} eikä tavoitetta saavutettu",
        "verdict.no_data": "ei vielä toteumaa",
        "verdict.no_baseline": "lähtötaso puuttuu, joten suhteellista tavoitetta ei voi vielä arvioida",
        "verdict.unplaced_state": "tilaa {state} ei voi sijoittaa asteikolle",
        "verdict.parts_only": "toteumia on vain osille, joilla ei ole omaa tavoitetta ({labels})",
        "no_target": "Mittarilla ei ole tavoitetta.",
        "unjudgeable_target": "Tavoitetta {target} ei voi verrata lukuihin.",
        "part_without_target": "Osalle {label} ei ole omaa tavoitetta (toteuma {value}).",
        "series_prefix": "{label}: ",
        "at_least": "vähintään {value}",
        "over": "yli {value}",
        "at_most": "enintään {value}",
        "under": "alle {value}",
        "at_least_baseline": "vähintään lähtötaso",
        "at_most_baseline": "enintään lähtötaso",
        "change": "{percent} lähtötasosta ({value})",
        "quote": "”{text}”",
        "school_year": "lv. {first}–{second}",
        # Actions and roll-up.
        "phase": "vaihe: {phase}",
        "phase_dated": "vaihe: {phase} ({period})",
        "milestones_overdue.one": "{count} osatavoite myöhässä ({due})",
        "milestones_overdue.many": "{count} osatavoitetta myöhässä (aikaisin {due})",
        "schedule_over": "aikataulu päättyi {date}",
        "start_passed": "aikataulun mukaan piti alkaa {date}",
        "indicators_part": "mittarit: {summary}",
        "no_information": "Toimenpiteen etenemisestä ei ole tietoa.",
        "cancelled": "Toimenpide on peruttu.",
        "nothing_below": "Ei arvioitavia toimenpiteitä tai mittareita.",
        "insufficient": "{reported}/{total} raportoitu",
        "count.ok": "{ok}/{total} {noun} aikataulussa",
        "count.done": " ({count} valmiina)",
        "count.behind": "{count} jäljessä",
        "count.off_track": "{count} ei toteudu",
        "count.no_data": "{count} ilman tietoa",
        "count.no_target": "{count} ilman tavoitetta",
        "count.cancelled": "{count} peruttu",
        "noun.actions": "toimenpidettä",
        "noun.items": "kohdetta",
        "noun.indicators": "mittaria",
        "phase.not_started": "ei aloitettu",
        "phase.in_progress": "käynnissä",
        "phase.done": "valmis",
        "phase.delayed": "viivästynyt",
        "phase.cancelled": "peruttu",
    },
    "sv": {
        "actual": "utfall {value}",
        "target": "målnivå {value}",
        "baseline": "utgångsnivå {value}",
        "baseline_from_actual": "första utfallet {value} som utgångsnivå",
        "verdict.achieved": "målet har uppnåtts",
        "verdict.on_track": "enligt plan (förväntad nivå {expected})",
        "verdict.behind": "efter den förväntade nivån {expected}",
        "verdict.on_track_state": "enligt plan",
        "verdict.behind_state": "efter tidtabellen",
        "verdict.wrong_way": "utvecklingen går åt fel håll",
        "verdict.expired": "tiden för målet gick ut {date} utan att målet uppnåddes",
        "verdict.no_data": "inget utfall ännu",
        "verdict.no_baseline": "utgångsnivån saknas, så det relativa målet kan ännu inte bedömas",
        "verdict.unplaced_state": "läget {state} kan inte placeras på skalan",
        "verdict.parts_only": "utfall finns bara för delar som saknar eget mål ({labels})",
        "no_target": "Indikatorn har inget mål.",
        "unjudgeable_target": "Målet {target} kan inte jämföras med siffror.",
        "part_without_target": "Delen {label} har inget eget mål (utfall {value}).",
        "series_prefix": "{label}: ",
        "at_least": "minst {value}",
        "over": "över {value}",
        "at_most": "högst {value}",
        "under": "under {value}",
        "at_least_baseline": "minst utgångsnivån",
        "at_most_baseline": "högst utgångsnivån",
        "change": "{percent} från utgångsnivån ({value})",
        "quote": "”{text}”",
        "school_year": "läsåret {first}–{second}",
        "phase": "fas: {phase}",
        "phase_dated": "fas: {phase} ({period})",
        "milestones_overdue.one": "{count} delmål försenat ({due})",
        "milestones_overdue.many": "{count} delmål försenade (tidigast {due})",
        "schedule_over": "tidtabellen gick ut {date}",
        "start_passed": "skulle enligt tidtabellen ha börjat {date}",
        "indicators_part": "indikatorer: {summary}",
        "no_information": "Det finns inga uppgifter om hur åtgärden framskrider.",
        "cancelled": "Åtgärden har ställts in.",
        "nothing_below": "Inga åtgärder eller indikatorer att bedöma.",
        "insufficient": "{reported}/{total} rapporterade",
        "count.ok": "{ok}/{total} {noun} enligt plan",
        "count.done": " ({count} klara)",
        "count.behind": "{count} efter",
        "count.off_track": "{count} uppnås inte",
        "count.no_data": "{count} utan uppgifter",
        "count.no_target": "{count} utan mål",
        "count.cancelled": "{count} inställda",
        "count.done.one": " ({count} klar)",
        "count.behind.one": "{count} efter",
        "count.cancelled.one": "{count} inställd",
        "noun.actions": "åtgärder",
        "noun.items": "punkter",
        "noun.indicators": "indikatorer",
        "phase.not_started": "inte påbörjad",
        "phase.in_progress": "pågår",
        "phase.done": "klar",
        "phase.delayed": "försenad",
        "phase.cancelled": "inställd",
    },
    "en": {
        "actual": "actual {value}",
        "target": "target {value}",
        "baseline": "baseline {value}",
        "baseline_from_actual": "first actual {value} as the baseline",
        "verdict.achieved": "target met",
        "verdict.on_track": "on track (expected level {expected})",
        "verdict.behind": "behind the expected level {expected}",
        "verdict.on_track_state": "on track",
        "verdict.behind_state": "behind schedule",
        "verdict.wrong_way": "moving the wrong way",
        "verdict.expired": "the target period ended on {date} without the target being met",
        "verdict.no_data": "no actual value yet",
        "verdict.no_baseline": "the baseline is missing, so the relative target cannot be judged yet",
        "verdict.unplaced_state": "the state {state} cannot be placed on the scale",
        "verdict.parts_only": "actual values exist only for parts without a target of their own ({labels})",
        "no_target": "The indicator has no target.",
        "unjudgeable_target": "The target {target} cannot be compared with figures.",
        "part_without_target": "The part {label} has no target of its own (actual {value}).",
        "series_prefix": "{label}: ",
        "at_least": "at least {value}",
        "over": "over {value}",
        "at_most": "at most {value}",
        "under": "under {value}",
        "at_least_baseline": "at least the baseline",
        "at_most_baseline": "at most the baseline",
        "change": "{percent} from the baseline ({value})",
        "quote": "“{text}”",
        "school_year": "school year {first}–{second}",
        "phase": "phase: {phase}",
        "phase_dated": "phase: {phase} ({period})",
        "milestones_overdue.one": "{count} milestone overdue ({due})",
        "milestones_overdue.many": "{count} milestones overdue (earliest {due})",
        "schedule_over": "the schedule ended on {date}",
        "start_passed": "scheduled to start {date}",
        "indicators_part": "indicators: {summary}",
        "no_information": "There is no information on the action's progress.",
        "cancelled": "The action has been cancelled.",
        "nothing_below": "No actions or indicators to judge.",
        "insufficient": "{reported}/{total} reported",
        "count.ok": "{ok}/{total} {noun} on track",
        "count.done": " ({count} done)",
        "count.behind": "{count} behind",
        "count.off_track": "{count} off track",
        "count.no_data": "{count} without data",
        "count.no_target": "{count} without a target",
        "count.cancelled": "{count} cancelled",
        "noun.actions": "actions",
        "noun.items": "items",
        "noun.indicators": "indicators",
        "phase.not_started": "not started",
        "phase.in_progress": "in progress",
        "phase.done": "done",
        "phase.delayed": "delayed",
        "phase.cancelled": "cancelled",
    },
}

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


def lang_of(lang: str | None) -> str:
    return lang if lang in TEXTS else "fi"


def text(lang: str, key: str, **values: object) -> str:
    return TEXTS[lang_of(lang)][key].format(**values)


def count_text(lang: str, key: str, count: int, **values: object) -> str:
    """A count template, with its singular form ("key.one") where the language has one."""
    templates = TEXTS[lang_of(lang)]
    template = templates.get(f"{key}.one", templates[key]) if count == 1 else templates[key]
    return template.format(count=count, **values)


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
    most = 0
    for value in values:
        if value is None:
            continue
        text = f"{round(value, 3):.3f}".rstrip("0")
        most = max(most, len(text.split(".")[1]) if "." in text else 0)
    return most


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
    if not period:
        return None
    lang = lang_of(lang)
    bounds = period_bounds(period)
    if bounds is None:
        return period.strip()
    first, last = bounds
    stripped = period.strip()
    if m := _QUARTER.fullmatch(stripped):
        sep = " " if lang == "en" else "/"
        return f"{m[2].upper()}{m[3]}{sep}{m[1]}"
    if m := _SCHOOL.fullmatch(stripped):
        return text(lang, "school_year", first=first.year, second=last.year)
    if first == last:
        return format_date(first, lang)
    if _MONTH.fullmatch(stripped):
        return f"{first.month}/{first.year}"
    return str(first.year) if first.year == last.year else stripped
