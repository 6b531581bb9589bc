"""Statuses and reasons for indicators, actions, goals and whole plans.

    evaluate_indicator(indicator, on, ...) -> IndicatorEvaluation
    evaluate_node(node, on, ...)           -> NodeEvaluation
    evaluate_plan(plan, on, lang)          -> PlanEvaluation (look results up by object)
    status_document(plan, on, lang)        -> the JSON of `seuranta status FILE.json`

The rules are documented in docs/statuses.md. One concept per module:

    plan.py       a whole plan (or one subtree) evaluated once, results by object
    node.py       actions (phase, schedule, milestones) and goals (roll-up, counts)
    indicator.py  an indicator's status: the worst of its judged series decides
    split.py      an indicator split into labelled sub-series ("kevät"/"syksy")
    results.py    the judgement of a series and of an indicator (its decisive series')
    series.py     one series judged against its targets, step by step
    targets.py    a target as a level on the scale, its direction, whether it is met
    reasons.py    the sentence that says why, in the evaluation's language
    states.py     qualitative states ("Ei" < "Valmistelussa" < "Valmis") on a scale

The statuses themselves are `seuranta.core.vocabulary.Status`; every sentence
goes through the core's gettext (`seuranta.core.i18n`). This module is the
package's public face; import from it.
"""

from __future__ import annotations

from seuranta.core.evaluation.indicator import IndicatorEvaluation, evaluate_indicator
from seuranta.core.evaluation.node import NodeEvaluation, counts_summary, is_action, roll_up
from seuranta.core.evaluation.plan import PlanEvaluation, evaluate_node, evaluate_plan, status_document
from seuranta.core.evaluation.results import SeriesEvaluation
from seuranta.core.vocabulary import JUDGED, STATUSES, worst

# The layout of a pickled evaluation (a cache keeps evaluated plans): a cache key names it, so that
# a new version of Seuranta never reads an evaluation pickled by an older one. Raise it whenever
# the fields of an evaluation change.
PICKLE_LAYOUT = 3

__all__ = [
    "JUDGED",
    "STATUSES",
    "IndicatorEvaluation",
    "NodeEvaluation",
    "PICKLE_LAYOUT",
    "PlanEvaluation",
    "SeriesEvaluation",
    "counts_summary",
    "evaluate_indicator",
    "evaluate_node",
    "evaluate_plan",
    "is_action",
    "roll_up",
    "status_document",
    "worst",
]
