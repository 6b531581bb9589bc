"""Survey results into survey-fed indicators, under the organisation's anonymity threshold.

A row is one group (a unit) answering one question: its respondent count and its average or
share. The question picks the indicator (`SurveyFeed.question`); the unit becomes the value's
sub-series. A group with fewer respondents than the threshold is dropped as soon as it is read:
it is neither kept in the session, nor written, nor named on any page; only how many groups were
dropped is told.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from seuranta.core.periods import period_bounds
from seuranta.plans.models import Plan
from seuranta.values.bulk import Checked
from seuranta.values.files import parse_number
from seuranta.values.models import SurveyFeed, settings_for
from seuranta.values.writing import ValueItem

SOURCE = "Kysely"


def _norm(text) -> str:
    return " ".join(str(text or "").split()).casefold()


def survey_feeds(plan: Plan) -> dict[str, SurveyFeed]:
    """The plan's survey-fed indicators by their question (normalised)."""
    return {
        _norm(feed.question): feed
        for feed in SurveyFeed.objects.filter(indicator__node__plan=plan).select_related("indicator")
    }


def _result(row: dict) -> float | str:
    average, share = parse_number(row.get("average")), parse_number(row.get("share"))
    if average is None and share is None:
        return _("The row has neither an average nor a share.")
    return average if average is not None else share  # type: ignore[return-value]


def check_survey(plan: Plan, period: str, rows: list[tuple[int, dict]]) -> tuple[Checked, int]:
    """The groups to store as values and errors by line, and how many groups the threshold dropped."""
    threshold = settings_for(plan.organization_id).survey_threshold
    feeds = survey_feeds(plan)
    checked = Checked(names={f.indicator_id: f.indicator.name for f in feeds.values()})
    if period_bounds(period) is None:
        checked.errors.append((0, _('Unknown period "%(period)s".') % {"period": period}))
        return checked, 0
    suppressed = 0
    for line, row in rows:
        respondents = parse_number(row.get("respondents"))
        if respondents is None or not respondents.is_integer() or respondents < 0:
            checked.errors.append((line, _("The number of respondents must be a whole number.")))
            continue
        if respondents < threshold:
            suppressed += 1  # nothing of the group is kept, not even for an error message
            continue
        feed = feeds.get(_norm(row.get("question")))
        if feed is None:
            checked.errors.append((line, _("No survey-fed indicator of the plan has this question.")))
            continue
        unit = str(row.get("unit") or "").strip()
        result = _result(row)
        if isinstance(result, str) or not unit:
            checked.errors.append((line, result if isinstance(result, str) else _("The unit is missing.")))
            continue
        note = _("%(count)d respondents") % {"count": int(respondents)}
        checked.items.append(ValueItem(feed.indicator_id, period, result, unit, SOURCE, note))
        checked.lines.append(line)
    return checked, suppressed
