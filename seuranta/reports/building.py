"""From a stored plan (and optionally a reporting round) to a report: shared by the views and the CLI.

Queries are fixed in number whatever the plan's size: `load_core_plan` reads
the plan in a constant number of queries and the rest is pure.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.text import slugify

from seuranta.core.model import Plan as CorePlan
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


@dataclass(frozen=True)
class RoundScope:
    """What a report of one reporting round is built from."""

    on: date
    label: str
    unit: str | None
    period: str
    frozen_plan: dict | None  # the plan as it was at closing (closed rounds), else None: the live plan


def round_options(plan: Plan, round_id: int) -> RoundScope:
    """The date, label, unit scope and (for a closed round) the frozen plan of a reporting round of the plan.

    A round closed before snapshots held the plan (no "plan" key) has no frozen plan: its report is
    built from the live plan as of the closing date, as it always was."""
    from seuranta.monitoring.models import ReportingRound

    found = ReportingRound.objects.filter(plan=plan, pk=round_id).select_related("root").first()
    if found is None:
        raise ReportRequestError(f"Suunnitelmalla ei ole raportointikierrosta {round_id}.")
    on, frozen = found.period_end, None
    if found.snapshot:
        if found.snapshot.get("on"):
            on = date.fromisoformat(found.snapshot["on"])
        frozen = found.snapshot.get("plan")
    unit = found.root.unit_name if found.root_id and getattr(found.root, "unit_name", None) else None
    return RoundScope(on, f"{found.title} ({found.period})", unit, found.period, frozen)


def build_for(
    plan: Plan, request: ReportRequest, *, today: date | None = None, scope: RoundScope | None = None
):
    """The report of a stored plan as the request asks; a closed round's report from its snapshot."""
    on = request.on or today or timezone.localdate()  # the plan pages' today, not the server clock's
    label, unit, frozen = None, request.unit, None
    if request.round_id is not None:
        scope = scope or round_options(plan, request.round_id)
        on, label, frozen = scope.on, scope.label, scope.frozen_plan
        unit = unit or scope.unit
    options = ReportOptions(on=on, lang=request.lang, variant=request.variant, unit=unit, round_label=label)
    core_plan = CorePlan.from_dict(frozen) if frozen is not None else load_core_plan(plan)
    return report_for(core_plan, options)


def file_name(plan: Plan, request: ReportRequest, on: date, period: str | None = None) -> str:
    """ "porin-konsernipalvelut-2026-Q1.pdf": the plan's title and the round's period (else the date)."""
    stem = slugify(plan.title)[:60].strip("-") or f"suunnitelma-{plan.pk}"
    # The period as the round names it ("2026-Q1"), only what a file name cannot hold made "-".
    shown = re.sub(r"[^A-Za-z0-9]+", "-", period or "").strip("-")
    parts = [stem, shown or on.isoformat()]
    if request.variant == "annual":
        parts.append("toimintakertomus")
    if request.unit:
        parts.append(slugify(request.unit)[:30])
    if request.lang != "fi":
        parts.append(request.lang)
    return "-".join(p for p in parts if p) + FORMATS[request.fmt][1]


def render_for(plan: Plan, request: ReportRequest, *, today: date | None = None) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the requested report."""
    scope = round_options(plan, request.round_id) if request.round_id is not None else None
    report = build_for(plan, request, today=today, scope=scope)
    content_type = FORMATS[request.fmt][0]
    name = file_name(plan, request, report.on, scope.period if scope else None)
    return render(report, request.fmt), content_type, name


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
        scope = round_options(plan, request.round_id)
        parts.append((scope.on, scope.label, scope.unit, scope.frozen_plan is not None))
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"report:{plan.pk}:{digest}"
