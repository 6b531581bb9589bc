"""A plan read into the core model and evaluated once per content version, for the pages and API v1.

Kept in Django's cache (shared by the server's processes) under the plan's content version
(`seuranta.plans.versions.content_key`), the freshness generation (`seuranta.reports.freshness`),
the evaluation date and the language. Every write path moves the version or the generation, so
neither a page nor an API answer shows an older plan; the cached objects are read, never changed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.cache import cache

from seuranta.core.evaluation import evaluate_plan
from seuranta.plans.models import Node, Plan
from seuranta.plans.storage import load_core_part, load_core_plan, load_core_plans
from seuranta.plans.versions import content_key
from seuranta.reports.freshness import generation

PLAN_CACHE_SECONDS = 24 * 3600  # keys change with every write; this only bounds how long old ones linger


def _plan_key(plan: Plan, on: date, lang: str) -> str:
    return content_key(plan, generation(), on.isoformat(), lang)


def _remembered(key: str, build: Callable[[], Any]) -> Any:
    """What the cache holds under `key`, else what `build()` makes, kept there."""
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, timeout=PLAN_CACHE_SECONDS)
    return found


def cached_plan(plan: Plan, on: date, lang: str):
    """What `evaluated_plan` gives when it has it already, else None: nothing is read."""
    return cache.get(_plan_key(plan, on, lang))


def evaluated_plan(plan: Plan, on: date, lang: str):
    """(the core plan with the units the pages show, its evaluation on `on` in `lang`)."""

    def read_and_evaluate():
        core_plan = load_core_plan(plan)
        show_chosen_units(core_plan, plan)
        return core_plan, evaluate_plan(core_plan, on, lang=lang)

    return _remembered(_plan_key(plan, on, lang), read_and_evaluate)


Headline = tuple[str, str, str]  # a plan's overall status, its reason, its summary


def headlines(plans: list[Plan], on: date, lang: str) -> dict[int, Headline]:
    """Each plan's overall status, reason and summary on `on` in `lang` (the home page's cards), once per
    version of each plan: the plans not in the cache are read in one go and evaluated; the rest cost
    one cache read together, not the unpickling of a whole evaluated plan each."""
    fresh_generation, day = generation(), on.isoformat()
    keys = {plan.pk: content_key(plan, fresh_generation, "headline", day, lang) for plan in plans}
    found = cache.get_many(list(keys.values()))
    missing = [plan for plan in plans if keys[plan.pk] not in found]
    if missing:
        core_plans = load_core_plans(missing)
        made = {}
        for plan in missing:
            evaluation = evaluate_plan(core_plans[plan.pk], on, lang=lang)
            made[keys[plan.pk]] = (str(evaluation.status), str(evaluation.reason), str(evaluation.summary))
        cache.set_many(made, timeout=PLAN_CACHE_SECONDS)
        found.update(made)
    return {pk: found[key] for pk, key in keys.items()}


NodeRows = dict[int, tuple[int | None, int | None, str | None]]


def cached_read(plan: Plan, build: Callable[[], Any], *parts: object) -> Any:
    """What `build()` makes of the plan (an API answer as plain data), once per version of the plan and
    per `parts` (say what it is, the date, the language): plain data is quicker to take out of the
    cache than the core plan and its evaluation."""
    return _remembered(content_key(plan, generation(), "read", *parts), build)


def evaluated_part(plan: Plan, node_id: int, on: date, lang: str):
    """(the core plan, its evaluation) for one node's page: only the node's part of the plan read and
    evaluated (`plans.storage.load_core_part`: the node, what is below it, the line of its ancestors).
    None when the node is not in the plan.

    Not the whole plan from the cache: on a plan of a thousand actions, reading an action's part from
    the database and evaluating it is several times faster than taking the whole evaluated plan out of
    the cache (unpickling it), and some thirty times faster than reading and evaluating the whole plan;
    for a focus area of two hundred actions the two are about even. Kept per version of the plan, node,
    date and language: an action's part is small to keep and quick to take out of the cache, and
    reading it costs some ten queries."""

    def read_and_evaluate():
        part = load_core_part(plan, node_id)
        if part is None:
            return None
        show_chosen_units(part, plan)
        return part, evaluate_plan(part, on, lang=lang)

    return _remembered(
        content_key(plan, generation(), "part", node_id, on.isoformat(), lang), read_and_evaluate
    )


def node_rows(plan: Plan) -> NodeRows:
    """Each node's (parent id, chosen unit's id, its name), as API v1 lists them; once per version."""

    def read() -> NodeRows:
        return {
            pk: (parent, unit_id, unit_name)
            for pk, parent, unit_id, unit_name in Node.objects.filter(plan=plan).values_list(
                "pk", "parent_id", "org_unit_id", "org_unit__name"
            )
        }

    return _remembered(content_key(plan, generation(), "node-rows"), read)


def show_chosen_units(core_plan, plan: Plan) -> None:
    """On the pages, a node's unit is the one chosen from the organisation's tree, when there is one.

    The stored text (the unit as the document wrote it) is what export and the reports keep; only this
    copy of the plan changes. One query whatever the plan's size.
    """
    chosen = dict(Node.objects.filter(plan=plan, org_unit__isnull=False).values_list("pk", "org_unit__name"))
    if chosen:
        for node, _ in core_plan.walk():
            node.unit = chosen.get(node.key, node.unit)
