"""Where an indicator's values come from: fed by a survey (its question), linked to Sotkanet (its
indicator id and region, a reading on demand, and the readings so far)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from seuranta.common.views import require
from seuranta.plans.access import plan_access
from seuranta.plans.models import Indicator
from seuranta.values.forms import SotkanetLinkForm, SurveyFeedForm
from seuranta.values.models import SotkanetFetch, SotkanetLink, SurveyFeed
from seuranta.values.tasks import fetch_sotkanet

SHOWN_FETCHES = 10


def _indicator_for(request, indicator_id: int):
    """The indicator and whether the user may change where its values come from; 404 if not visible."""
    indicator = Indicator.objects.select_related("node__plan__organization").filter(pk=indicator_id).first()
    if indicator is None:
        raise Http404
    access = plan_access(request.user, indicator.node.plan)
    if not access.can_view:
        raise Http404
    return indicator, require(request, access.can_edit)


def indicator_sources(request, indicator_id: int):
    indicator, denied = _indicator_for(request, indicator_id)
    if denied:
        return denied
    feed = SurveyFeed.objects.filter(indicator=indicator).first()
    link = SotkanetLink.objects.filter(indicator=indicator).first()
    survey_form = SurveyFeedForm(
        request.POST if request.POST.get("part") == "survey" else None,
        initial={"question": feed.question if feed else ""},
    )
    link_form = SotkanetLinkForm(
        request.POST if request.POST.get("part") == "sotkanet" else None, instance=link
    )
    if request.method == "POST" and survey_form.is_bound and survey_form.is_valid():
        question = survey_form.cleaned_data["question"].strip()
        if question:
            SurveyFeed.objects.update_or_create(indicator=indicator, defaults={"question": question})
        else:
            SurveyFeed.objects.filter(indicator=indicator).delete()
        messages.success(request, _("Saved."))
        return redirect("values:indicator_sources", indicator.pk)
    if request.method == "POST" and link_form.is_bound and link_form.is_valid():
        link_form.instance.indicator = indicator
        link_form.save()
        messages.success(request, _("Saved."))
        return redirect("values:indicator_sources", indicator.pk)
    fetches = list(SotkanetFetch.objects.filter(link=link)[:SHOWN_FETCHES]) if link else []
    context = {
        "indicator": indicator,
        "plan": indicator.node.plan,
        "feed": feed,
        "link": link,
        "survey_form": survey_form,
        "link_form": link_form,
        "fetches": fetches,
    }
    return render(request, "values/sources.html", context)


@require_POST
def sotkanet_unlink(request, indicator_id: int):
    indicator, denied = _indicator_for(request, indicator_id)
    if denied:
        return denied
    SotkanetLink.objects.filter(indicator=indicator).delete()
    messages.success(request, _("The indicator is no longer read from Sotkanet; its values stay."))
    return redirect("values:indicator_sources", indicator.pk)


@require_POST
def sotkanet_fetch(request, indicator_id: int):
    indicator, denied = _indicator_for(request, indicator_id)
    if denied:
        return denied
    link = SotkanetLink.objects.filter(indicator=indicator).first()
    if link is None:
        messages.error(request, _("Link the indicator to Sotkanet first."))
    else:
        fetch_sotkanet.enqueue(link.pk, request.user.pk)
        messages.success(request, _("The reading from Sotkanet was started; its result appears below."))
    return redirect("values:indicator_sources", indicator.pk)
