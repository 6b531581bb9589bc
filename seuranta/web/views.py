from django.shortcuts import render

from seuranta.plans.models import Plan


def home(request):
    plans = Plan.objects.visible_to(request.user).select_related("organization").order_by("organization__name", "title")
    return render(request, "web/home.html", {"plans": plans})
