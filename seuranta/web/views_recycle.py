"""The plan's recycle bin ("Roskakori"): coordinators see what was deleted and restore it within 30 days."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from seuranta.common.views import require
from seuranta.plans.access import get_plan_for
from seuranta.plans.recycle import CannotRestore, bin_items, restore


def recycle_bin(request, plan_id: int):
    plan, access = get_plan_for(request.user, plan_id)
    if denied := require(request, access.can_coordinate):
        return denied
    return render(request, "web/recycle_bin.html", {"plan": plan, "access": access, "items": bin_items(plan)})


@require_POST
def recycle_restore(request, plan_id: int):
    plan, access = get_plan_for(request.user, plan_id)
    if denied := require(request, access.can_coordinate):
        return denied
    try:
        pk = int(request.POST.get("id", ""))
        title = restore(plan, request.POST.get("kind", ""), pk, request.user)
    except ValueError:
        messages.error(request, _("It is no longer in the recycle bin."))
    except CannotRestore as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, _("Restored: %(title)s") % {"title": title[:100]})
    return redirect("recycle_bin", plan.pk)
