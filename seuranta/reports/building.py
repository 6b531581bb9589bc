"""From a stored plan (and optionally a reporting round) to a report: shared by the views and the CLI.

Queries are fixed in number whatever the plan's size: `load_core_plan` reads
the plan in a constant number of queries and the rest is pure.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from seuranta.core.reports import FORMATS, ReportOptions, render, report_for
from seuranta.core.reports.model import VARIANTS
from seuranta.plans.models import Plan
from seuranta.plans.storage import load_core_plan

LANGS = ("fi", "sv", "en")


class ReportRequestError(ValueError):
    """A report parameter that cannot be used; the message is one Finnish sentence."""


@dataclass(frozen=True)
class ReportRequest:
    fmt: str = "html"
    variant: str = "council"
    lang: str = "fi"
    on: date | None = None
    unit: str | None = None
    round_id: int | None = None


def parse_request(
    fmt: str | None,
    variant: str | None,
    lang: str | None,
    on: str | None,
    unit: str | None,
    round_id: str | None,
) -> ReportRequest:
    fmt = fmt or "html"
    if fmt not in FORMATS:
        raise ReportRequestError(f"Raporttimuotoa {fmt} ei ole; valitse {', '.join(FORMATS)}.")
    variant = variant or "council"
    if variant not in VARIANTS:
        raise ReportRequestError(f"Raporttityyppiä {variant} ei ole; valitse {', '.join(VARIANTS)}.")
    day = None
    if on:
        try:
            day = date.fromisoformat(on)
        except ValueError:
            raise ReportRequestError(f"Päivämäärä {on} ei ole muotoa VVVV-KK-PP.") from None
    number = None
    if round_id:
        try:
            number = int(round_id)
        except ValueError:
            raise ReportRequestError(f"Raportointikierrosta {round_id} ei ole.") from None
    return ReportRequest(fmt, variant, lang if lang in LANGS else "fi", day, unit or None, number)


def round_options(plan: Plan, round_id: int) -> tuple[date, str, str | None]:
    """The date, label and unit scope of a reporting round of the plan."""
    from seuranta.monitoring.models import ReportingRound

    found = ReportingRound.objects.filter(plan=plan, pk=round_id).select_related("root").first()
    if found is None:
        raise ReportRequestError(f"Suunnitelmalla ei ole raportointikierrosta {round_id}.")
    on = found.period_end
    if found.snapshot and found.snapshot.get("on"):
        on = date.fromisoformat(found.snapshot["on"])
    unit = found.root.unit_name if found.root_id and getattr(found.root, "unit_name", None) else None
    return on, f"{found.title} ({found.period})", unit


def build_for(plan: Plan, request: ReportRequest, *, today: date | None = None):
    """The report of a stored plan as the request asks."""
    on = request.on or today or timezone.localdate()  # the plan pages' today, not the server clock's
    label, unit = None, request.unit
    if request.round_id is not None:
        on, label, round_unit = round_options(plan, request.round_id)
        unit = unit or round_unit
    options = ReportOptions(on=on, lang=request.lang, variant=request.variant, unit=unit, round_label=label)
    return report_for(load_core_plan(plan), options)


def render_for(plan: Plan, request: ReportRequest, *, today: date | None = None) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the requested report."""
    report = build_for(plan, request, today=today)
    content_type, suffix = FORMATS[request.fmt]
    stem = f"raportti-{plan.pk}-{report.on.isoformat()}"
    return render(report, request.fmt), content_type, stem + suffix


def report_cache_key(plan: Plan, request: ReportRequest, *, today: date | None = None) -> str:
    """A key that changes whenever the report could: with every write to the plan, and with the request.

    Every write to a plan's content leaves a ChangeRecord (seuranta.plans.saving) and
    settings changes bump `Plan.version`; the newest record and the count of records catch deletions too.
    Saves that leave no record (the admin) move freshness.generation(). Two queries (one more for a round), whatever the plan's size."""
    from django.db.models import Count, Max

    from seuranta.plans.models import ChangeRecord
    from seuranta.reports.freshness import generation

    history = ChangeRecord.objects.filter(plan=plan).aggregate(last=Max("id"), count=Count("id"))
    parts: list = [
        generation(),
        plan.version,
        plan.updated_at.isoformat(),
        plan.state,
        history["last"],
        history["count"],
        plan.organization.name if plan.organization_id else None,
        request.fmt,
        request.variant,
        request.lang,
        (request.on or today or timezone.localdate()).isoformat(),
        request.unit,
    ]
    if request.round_id is not None:
        parts.append(round_options(plan, request.round_id))
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"report:{plan.pk}:{digest}"
