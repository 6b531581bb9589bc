"""The import review's "This is a translation of an existing plan": the match shown, corrected, confirmed.

Only the plan's coordinators and administrators (of the draft's organisation) reach it; the
document's texts go into the plan's translations (`seuranta.importing.translating`).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from seuranta.common.views import require
from seuranta.core import model as core
from seuranta.core.structure_match import addresses
from seuranta.importing.models import ImportDraft, ImportUpload
from seuranta.importing.translating import (
    ITEM_KINDS,
    TranslationReview,
    build_review,
    other_languages,
    target_plans,
    write_translation,
)
from seuranta.importing.views import get_draft_for
from seuranta.plans.choices import CONTENT_LANGUAGES
from seuranta.plans.saving import Conflict

CONFIRM = "confirm"


def _number(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _posted_choices(post, parsed: core.Plan) -> tuple[dict[str, int | None], dict, dict, bool]:
    """The reviewer's node pins (changed or already pinned), item choices of unchanged nodes, the
    counterparts the page showed, and whether any node's counterpart was changed in this post."""
    pins: dict[str, int | None] = {}
    items: dict[str, int | None] = {}
    shown_ids: dict[str, int | None] = {}
    changed = False
    for address, node in addresses(parsed.nodes).items():
        name = f"node-{address}"
        if name not in post:
            continue
        chosen, shown = _number(post.get(name)), _number(post.get(f"shown-{address}"))
        shown_ids[address] = shown
        if chosen != shown:
            changed = True
        if chosen != shown or post.get(f"pinned-{address}"):
            pins[address] = chosen
        if chosen != shown:
            continue  # its items were chosen among another node's: matched again
        for kind in ITEM_KINDS:
            for index in range(len(getattr(node, kind))):
                key = f"{kind}-{address}-{index}"
                if key in post:
                    items[key] = _number(post.get(key))
    return pins, items, shown_ids, changed


def _problems(review: TranslationReview) -> list[str]:
    """What stops a confirmation: a counterpart chosen twice."""
    problems = []
    seen: dict[int, str] = {}
    for row in review.matched:
        if row.existing_id in seen:
            problems.append(
                _(
                    '"%(plan)s" is chosen for both "%(first)s" and "%(second)s". Choose one counterpart for each.'
                )
                % {"plan": row.existing.title, "first": seen[row.existing_id], "second": row.parsed.title}  # type: ignore[union-attr]
            )
        seen[row.existing_id] = row.parsed.title  # type: ignore[index]
        for kind in ITEM_KINDS:
            chosen = [item.existing for item in row.items[kind] if item.existing is not None]
            if len(chosen) != len(set(chosen)):
                problems.append(
                    _('Under "%(title)s" one item of the plan is chosen for two items of the document.')
                    % {"title": row.parsed.title}
                )
    return problems


def _page(request, draft: ImportDraft, review: TranslationReview, status: int = 200):
    languages = dict(CONTENT_LANGUAGES)
    return render(
        request,
        "importing/translation.html",
        {
            "draft": draft,
            "review": review,
            "plan": review.plan,
            "lang": review.lang,
            "language_name": languages.get(review.lang, review.lang),
            "primary_name": languages.get(review.plan.primary_language, review.plan.primary_language),
            "levels": list(zip(review.plan.levels, review.level_names, strict=False)),
            "levels_found": any(review.level_names),
            "item_kinds": ITEM_KINDS,
        },
        status=status,
    )


def translation(request, draft_id: int):
    """GET: the match of the draft against the chosen plan; POST: update the pins, or confirm."""
    if denied := require(request, request.user.is_authenticated):
        return denied
    draft = get_draft_for(request.user, draft_id)
    data = request.POST if request.method == "POST" else request.GET
    plan = target_plans(request.user, draft).filter(pk=_number(data.get("plan"))).first()
    if plan is None:
        raise Http404
    lang = data.get("lang", "")
    if lang not in other_languages(plan):
        messages.error(request, _("Choose the document's language: one the plan is not written in already."))
        return redirect("importing:review", draft.pk)
    parsed = core.Plan.from_dict(draft.plan)
    if request.method != "POST":
        return _page(request, draft, build_review(plan, lang, parsed, {}, {}))
    pins, items, shown, changed = _posted_choices(request.POST, parsed)
    review = build_review(plan, lang, parsed, pins, items, shown)
    review.include_title = bool(request.POST.get("include-title"))
    review.include_levels = bool(request.POST.get("include-levels"))
    review.problems = _problems(review)
    if request.POST.get("action") != CONFIRM or changed or review.problems:
        if changed and request.POST.get("action") == CONFIRM:
            messages.info(request, _("You changed counterparts: check the matches below and confirm again."))
        return _page(request, draft, review, status=400 if review.problems else 200)
    if request.POST.get("stamp") != review.stamp:
        messages.error(
            request, _("The plan was changed meanwhile. Check the matches below and confirm again.")
        )
        return _page(request, draft, review, status=409)
    try:
        counts = write_translation(review, request.user, draft.file_name)
    except Conflict:
        messages.error(
            request, _("The plan was changed meanwhile. Check the matches below and confirm again.")
        )
        return _page(request, draft, build_review(plan, lang, parsed, pins, items, shown), status=409)
    ImportUpload.objects.filter(draft=draft).delete()  # the plan holds what the file said
    draft.delete()
    messages.success(
        request,
        _(
            "Translations (%(language)s) were saved for %(nodes)d items and %(indicators)d indicators "
            "of the plan. Nothing else in the plan changed."
        )
        % {
            "language": dict(CONTENT_LANGUAGES).get(lang, lang),
            "nodes": counts["nodes"],
            "indicators": counts["indicators"],
        },
    )
    return redirect("plan", plan.pk)
