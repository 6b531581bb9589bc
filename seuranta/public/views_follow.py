"""Following a plan or a goal by e-mail: subscribe, confirm from the e-mail (double opt-in), unsubscribe.

No account is needed. The confirmation link opens a page with a button (a mail scanner opening the
link confirms nothing); the unsubscribe link works with one click, and answers RFC 8058 one-click POSTs.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from seuranta.common.language import ui_lang
from seuranta.plans.models import Node
from seuranta.public.caching import posted_too_often
from seuranta.public.forms import FollowForm
from seuranta.public.models import Subscription
from seuranta.public.site import organization_site, published_plan
from seuranta.public.tasks import send_confirmation


@never_cache
def follow_plan(request, slug: str, plan_id: int):
    organization, site = organization_site(slug)
    plan = published_plan(organization, plan_id)
    return _follow(request, organization, site, plan, None)


@never_cache
def follow_node(request, slug: str, node_id: int):
    organization, site = organization_site(slug)
    node = Node.objects.filter(pk=node_id, plan__organization=organization).first()
    if node is None:
        raise Http404
    plan = published_plan(organization, node.plan_id)
    return _follow(request, organization, site, plan, node)


def _follow(request, organization, site, plan, node):
    if refused := posted_too_often(request):
        return refused
    form = FollowForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip()
        subscription = Subscription.objects.filter(email__iexact=email, plan=plan, node=node).first()
        if subscription is None:
            subscription = Subscription.objects.create(
                email=email, plan=plan, node=node, lang=ui_lang(), base_url=request.build_absolute_uri("/")
            )
        if subscription.confirmed_at is None:
            send_confirmation.enqueue(
                subscription.pk,
                request.build_absolute_uri(reverse("public:confirm", args=[subscription.token])),
                request.build_absolute_uri(reverse("public:unsubscribe", args=[subscription.token])),
            )
        return render(
            request,
            "public/follow_sent.html",
            {"organization": organization, "site": site, "plan": plan, "node": node, "email": email},
        )
    return render(
        request,
        "public/follow.html",
        {"organization": organization, "site": site, "plan": plan, "node": node, "form": form},
        status=400 if form.errors else 200,
    )


@never_cache
def confirm(request, token: str):
    subscription = (
        Subscription.objects.select_related("plan__organization", "node").filter(token=token).first()
    )
    if subscription is None:
        return _gone(request)
    if request.method == "POST" and subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
        return redirect("public:confirm", token=token)
    organization, site = organization_site(subscription.plan.organization.slug)
    return render(
        request,
        "public/follow_confirm.html",
        {"organization": organization, "site": site, "subscription": subscription},
    )


@never_cache
@csrf_exempt  # the token is the authority; RFC 8058 mail clients POST without a CSRF token
def unsubscribe(request, token: str):
    subscription = (
        Subscription.objects.select_related("plan__organization", "node").filter(token=token).first()
    )
    if subscription is None:
        return _gone(request)
    organization, site = organization_site(subscription.plan.organization.slug)
    name = subscription.node.title if subscription.node_id else str(subscription.plan)
    subscription.delete()
    return render(
        request,
        "public/unsubscribed.html",
        {"organization": organization, "site": site, "name": name},
    )


def _gone(request):
    return render(request, "public/follow_gone.html", {}, status=404)
