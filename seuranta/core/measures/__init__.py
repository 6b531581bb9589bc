"""The measure language: levels as Finnish plan documents write them.

Baselines, targets and actuals arrive as text: "9 844 pv", "21,2 %", "yli 20",
"Enintään 670 opp.", "79 (lv 21-22)", "-5 % vuoteen 2028 mennessä",
"Tavoitetaso v. 2026 3,9 ja v. 2028 4,1", "ala-aste: 17,4 yläaste: 20
yhtenäiskoulu: 17,8 (20.9.2022)", "Ei ole laadittu". This module turns them
into `seuranta.core.model.Measure` values (docs/plan-format.md, "Measure").

Public API (pure, typed, never raises; odd input gives None or a Measure with
kind None):

- `parse_number(text)`   the level's number: "9 844" -> 9844.0, "3,4" -> 3.4
- `parse_unit(text)`     the unit written after it: "8 860 pv" -> "pv"
- `parse_measure(text)`  one level as a Measure
- `parse_levels(text)`   a sentence with several levels as a list of Measures
- `is_state_text(text)`, `state_is_done(text)`  qualitative levels

Numbers follow Finnish conventions: decimal comma (a decimal point is also
read), thousands separated by a space or no-break space only when every group
after the first has exactly three digits ("9 844", not "2 kertaa"), minus as
"-" or "−" (U+2212) written right before the digits ("−5", "-10 %"); an en
dash is a minus only when no number comes right before it ("kevät 2023 – 70"
is 70). Dates and other period expressions are not numbers: "lv. 2022-23" has
no number, "v. 2026 3,9" has 3.9. A bare year is a number only when it is the
only one ("2026" -> 2026, "2026: 3,9" -> 3.9). The recognised period forms and
the season conventions are documented in `seuranta.core.periods.spans`, and the
period functions (`parse_period`, `text_bounds`) live in `seuranta.core.periods`.

    numbers.py   numbers and their units, with the periods masked
    levels.py    one level or several as Measures; qualitative states

This module is the package's public face; import from it.
"""

from __future__ import annotations

from seuranta.core.measures.levels import is_state_text, parse_levels, parse_measure, state_is_done
from seuranta.core.measures.numbers import parse_number, parse_unit

__all__ = [
    "is_state_text",
    "parse_levels",
    "parse_measure",
    "parse_number",
    "parse_unit",
    "state_is_done",
]
