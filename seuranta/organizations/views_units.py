"""Organisation settings, units: the tree toimiala > palvelualue > yksikkö, with add, rename, move, deactivate.

Each page reads the organisation's units in one query, whatever their number.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from seuranta.common.editing import Conflict, changed_meanwhile, edit_form
from seuranta.common.views import posted_version
from seuranta.organizations.access import administers
from seuranta.organizations.forms import UnitForm
from seuranta.organizations.units import kind_for, organization_rows, subtree_ids, sync_kinds
from seuranta.plans.models import OrganizationUnit
from seuranta.plans.saving import save_with_version


def _units_page(request, organization, form: UnitForm, rows, status: int = 200):
    counts = dict(
        OrganizationUnit.objects.filter(organization=organization)
        .annotate(n=Count("nodes"))
        .values_list("pk", "n")
    )
    return render(
        request,
        "organizations/units.html",
        {
            "organization": organization,
            "rows": rows,
            "form": form,
            "node_counts": counts,
            "tab": "units",
        },
        status=status,
    )


@administers
def units(request, organization):
    rows = organization_rows(organization.pk)
    if request.method == "POST":
        form = UnitForm(request.POST, organization=organization, rows=rows)
        if form.is_valid():
            data = form.cleaned_data
            depth = next((r.depth + 1 for r in rows if r.unit.pk == data["parent"]), 0)
            unit = OrganizationUnit.objects.create(
                organization=organization,
                name=data["name"],
                parent_id=data["parent"],
                order=data["order"] or 0,
                kind=kind_for(depth),
            )
            messages.success(request, _("Unit “%(name)s” added.") % {"name": unit.name})
            return redirect("organizations:units", organization.pk)
        messages.error(request, _("The unit was not added: check the fields below."))
        return _units_page(request, organization, form, rows, status=400)
    return _units_page(request, organization, UnitForm(organization=organization, rows=rows), rows)


def _save_unit(unit: OrganizationUnit, data: dict, version: int | None, user) -> None:
    with transaction.atomic():
        values = {"name": data["name"], "parent_id": data["parent"], "order": data["order"] or 0}
        save_with_version(unit, version, values, user)
        sync_kinds(unit.organization_id)


@administers
def unit_edit(request, organization, unit_id: int):
    unit = get_object_or_404(OrganizationUnit, pk=unit_id, organization=organization)
    rows = organization_rows(organization.pk)
    form = UnitForm(
        request.POST if request.method == "POST" else None,
        organization=organization,
        rows=rows,
        unit=unit,
        initial={"name": unit.name, "parent": unit.parent_id, "order": unit.order},
    )
    paths = {r.unit.pk: r.path for r in rows}
    below = [r for r in rows if r.unit.pk in subtree_ids(rows, unit.pk) and r.unit.pk != unit.pk]
    return edit_form(
        request,
        form,
        version=unit.version,
        save=lambda data, version: _save_unit(unit, data, version, request.user),
        stored=lambda current: {"name": current.name, "parent": current.parent_id, "order": current.order},
        shown={"parent": lambda pk: paths.get(pk, "–")},
        done=("organizations:units", organization.pk),
        template="organizations/unit_edit.html",
        context={
            "organization": organization,
            "unit": unit,
            "below": below,
            "tab": "units",
            "path": paths.get(unit.pk, unit.name),
        },
        invalid_status=400,
    )


@require_POST
@administers
def unit_active(request, organization, unit_id: int):
    """Deactivate a unit and every unit below it, or restore one (and the units above it, so it can be seen)."""
    unit = get_object_or_404(OrganizationUnit, pk=unit_id, organization=organization)
    rows = organization_rows(organization.pk)
    active = request.POST.get("active") == "1"
    if active:
        others, parent_id = [], unit.parent_id
        by_id = {r.unit.pk: r.unit for r in rows}
        while parent_id in by_id and not by_id[parent_id].active:
            others.append(parent_id)
            parent_id = by_id[parent_id].parent_id
    else:
        others = list(subtree_ids(rows, unit.pk) - {unit.pk})
    try:
        with transaction.atomic():
            save_with_version(unit, posted_version(request), {"active": active}, request.user)
            OrganizationUnit.objects.filter(pk__in=others).update(active=active, version=F("version") + 1)
    except Conflict:
        messages.error(request, changed_meanwhile(unit.name))
    else:
        messages.success(request, _unit_active_message(unit, active))
    return redirect("organizations:units", organization.pk)


def _unit_active_message(unit: OrganizationUnit, active: bool) -> str:
    if active:
        return _("Unit “%(name)s” is in use again.") % {"name": unit.name}
    return _(
        "Unit “%(name)s” and the units below it are no longer in use. Plan items that have them keep them."
    ) % {"name": unit.name}
