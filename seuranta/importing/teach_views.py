"""Teaching the importer in review: a line's role, level names, item edits, the profile and its log.

Only the organisation's administrators and coordinators (and superusers) may teach; a draft
another organisation's person cannot review is reported as missing.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from seuranta.common.views import posted_version, require
from seuranta.importing.edits import OPERATIONS, EditRefused, correct_line, edit, node_at, reanchored
from seuranta.importing.models import ImportCorrection, ImportDraft, ImportProfile
from seuranta.importing.review_source import can_teach, role_label
from seuranta.importing.teaching import (
    LINE_ROLES,
    TeachingRefused,
    forget_rule,
    log,
    organization_profile,
    table_columns,
    teach_levels,
    teach_line,
    trace_entry,
)
from seuranta.importing.views import get_draft_for
from seuranta.plans.access import managed_organizations
from seuranta.plans.models import Organization

REFUSALS = {
    "role": gettext_lazy("Choose what the line or column is."),
    "no_source": gettext_lazy(
        "The document of this import is not kept, so it cannot be read again. Upload it "
        "again to teach the importer its layout."
    ),
    "level": gettext_lazy("Give the level name of the items, for example Toimenpide."),
    "style_role": gettext_lazy(
        "Headings like this can be items, units, description or not imported; other roles need a "
        "label. Choose one of those, or correct a labelled line."
    ),
    "label_role": gettext_lazy("A label cannot mean a unit. Choose another role."),
    "column": gettext_lazy("Choose a column of the table."),
    "scope": gettext_lazy("This line has no label or heading style to recognise others like it by."),
}


def _teachable(request, draft_id: int) -> ImportDraft:
    """The draft, if the user may teach on it: anonymous users go to log in (by raising via
    require), people who cannot review it get 404, reviewers who do not manage it 403."""
    draft = get_draft_for(request.user, draft_id)
    if not can_teach(request.user, draft):
        raise PermissionDenied
    return draft


def _stale(request, draft: ImportDraft) -> bool:
    if posted_version(request) != draft.version:
        messages.error(
            request,
            _(
                "Someone else changed this import meanwhile. Their version is shown below; "
                "make your correction again."
            ),
        )
        return True
    return False


def line(request, draft_id: int, source: int):
    if denied := require(request, request.user.is_authenticated):
        return denied
    draft = _teachable(request, draft_id)
    entry = trace_entry(draft, source)
    if entry is None:
        raise Http404
    problem = None
    if request.method == "POST" and not _stale(request, draft):
        scope = request.POST.get("scope", "")
        role = request.POST.get("role", "")
        column = request.POST.get("column")
        try:
            if role not in LINE_ROLES:
                raise TeachingRefused("role")
            if scope in ("label", "style", "column"):
                teach_line(
                    draft,
                    request.user,
                    entry,
                    role=role,
                    level=request.POST.get("level", ""),
                    scope=scope,
                    column=int(column) if column and column.isdigit() else None,
                )
                messages.success(
                    request,
                    _(
                        "Learned. The document was read again with what you taught; "
                        "the changes are listed below."
                    ),
                )
            elif entry.get("rows"):
                raise TeachingRefused("column")  # a table's columns are taught, not its text as one line
            else:
                _correct_one_line(request, draft, entry, role)
            draft.refresh_from_db(fields=["changes"])
            return redirect(f"{_review_url(draft)}#{'changes-heading' if draft.changes else f's{source}'}")
        except TeachingRefused as refused:
            problem = REFUSALS[str(refused)]
    elif request.method == "POST":
        return redirect("importing:review", draft.pk)
    profile = organization_profile(draft.organization)
    return render(
        request,
        "importing/teach_line.html",
        {
            "draft": draft,
            "entry": entry,
            "role_label": role_label(entry.get("role", "")),
            "problem": problem,
            "roles": [(role, role_label(role)) for role in LINE_ROLES],
            "columns": [{**c, "role_label": role_label(c["role"])} for c in table_columns(entry, profile)]
            if entry.get("rows")
            else [],
            "levels": draft.plan.get("levels") or [],
            "posted": request.POST,
        },
        status=400 if problem else 200,
    )


def _correct_one_line(request, draft: ImportDraft, entry: dict, role: str) -> None:
    """Correct this line in this import only, where the plan has a place for it; log it either way."""
    level = request.POST.get("level", "")
    if role == "node" and not level.strip():
        raise TeachingRefused("level")
    try:
        reanchored(
            draft.plan, draft.warnings, lambda: correct_line(draft.plan, draft.trace, entry, role, level)
        )
    except EditRefused:
        log(draft, request.user, entry=entry, corrected=role, applied=False)
        messages.warning(
            request,
            _(
                "The correction was recorded, but this import has no item for the line to "
                "belong to. Correct the item on the right, or apply the correction to all "
                "like this."
            ),
        )
        return
    log(draft, request.user, entry=entry, corrected=role, applied=False)
    draft.trace = [
        {**line, "role": role, "rule": "review", "confidence": 1.0}
        if line.get("source") == entry.get("source")
        else line
        for line in draft.trace
    ]
    draft.changes, draft.version = [], draft.version + 1
    draft.save(update_fields=["plan", "warnings", "trace", "changes", "version", "updated_at"])
    messages.success(request, _("The line was corrected in this import."))


def _review_url(draft: ImportDraft) -> str:
    return reverse("importing:review", args=[draft.pk])


@require_POST
def levels(request, draft_id: int):
    if denied := require(request, request.user.is_authenticated):
        return denied
    draft = _teachable(request, draft_id)
    if _stale(request, draft):
        return redirect("importing:review", draft.pk)
    known = set(draft.plan.get("levels") or [])
    renames = {}
    for key, old in request.POST.items():
        if key.startswith("old-") and old in known:
            renames[old] = request.POST.get("new-" + key[len("old-") :], "")
    teach_levels(draft, request.user, renames, remember=request.POST.get("remember") == "on")
    messages.success(request, _("Levels renamed."))
    return redirect("importing:review", draft.pk)


def item(request, draft_id: int, address: str):
    if denied := require(request, request.user.is_authenticated):
        return denied
    draft = _teachable(request, draft_id)
    try:
        node = node_at(draft.plan, address)
    except (KeyError, ValueError):
        raise Http404 from None
    problem = None
    if request.method == "POST" and not _stale(request, draft):
        operation = request.POST.get("operation", "")
        value = request.POST.get("level" if operation == "level" else "parts", "")
        try:
            if operation not in OPERATIONS:
                raise EditRefused(operation)
            reanchored(draft.plan, draft.warnings, lambda: edit(draft.plan, address, operation, value))
        except EditRefused:
            problem = _(
                "This change does not apply to this item: the first item of a list cannot be merged or "
                "moved under the one before it, a top item cannot be moved up, a split needs the title on "
                "two lines or more."
            )
        else:
            draft.changes, draft.version = [], draft.version + 1
            draft.save(update_fields=["plan", "warnings", "changes", "version", "updated_at"])
            log(
                draft,
                request.user,
                entry=None,
                corrected=f"item:{operation}",
                applied=False,
                key=f"item:{address}",
                predicted=node.get("level", ""),
                rule="item",
            )
            messages.success(request, _("The item was changed."))
            return redirect("importing:review", draft.pk)
    elif request.method == "POST":
        return redirect("importing:review", draft.pk)
    return render(
        request,
        "importing/teach_item.html",
        {
            "draft": draft,
            "node": node,
            "address": address,
            "levels": draft.plan.get("levels") or [],
            "problem": problem,
            "nested": "." in address,
        },
        status=400 if problem else 200,
    )


def _managed_organization(request, organization_id: int) -> Organization:
    organization = managed_organizations(request.user).filter(pk=organization_id).first()
    if organization is None:
        if Organization.objects.filter(pk=organization_id).exists():
            raise PermissionDenied
        raise Http404
    return organization


def profile(request, organization_id: int):
    if denied := require(request, request.user.is_authenticated):
        return denied
    organization = _managed_organization(request, organization_id)
    if request.method == "POST":
        return _forget(request, organization)
    stored = ImportProfile.objects.filter(organization=organization).first()
    data = (stored.data if stored else None) or {}
    rules = (
        ImportCorrection.objects.filter(organization=organization)
        .values("rule", "predicted_role")
        .annotate(count=Count("id"), to_all=Count("id", filter=_applied()), last=Max("created_at"))
        .order_by("-count", "rule")
    )
    recent = ImportCorrection.objects.filter(organization=organization).select_related("created_by")[:30]
    return render(
        request,
        "importing/profile.html",
        {
            "organization": organization,
            "stored": stored,
            "labels": [(key, role_label(role)) for key, role in sorted((data.get("labels") or {}).items())],
            "levels": sorted((data.get("levels") or {}).items()),
            "styles": [
                (key, role_label({"text": "description"}.get(role, role)))
                for key, role in sorted((data.get("styles") or {}).items())
            ],
            "rules": [
                {**rule, "predicted_label": _role_words(rule["predicted_role"])} for rule in rules[:50]
            ],
            "recent": [(c, _role_words(c.predicted_role), _role_words(c.corrected_role)) for c in recent],
            "organizations": managed_organizations(request.user),
        },
    )


def _role_words(value: str) -> str:
    """A logged role in the user's words ("progress" -> "Edistyminen"); item edits and titles as logged."""
    if value.startswith(("item:", "title:")) or not value:
        return value or "–"
    return role_label({"text": "description"}.get(value, value))


def _applied():
    return Q(applied_to_all=True)


def _forget(request, organization: Organization):
    kind, key = request.POST.get("kind", ""), request.POST.get("key", "")
    if forget_rule(organization, request.user, kind, key):
        messages.success(
            request, _("The rule was removed. The organisation's next documents are read without it.")
        )
    else:
        messages.error(request, _("That rule was no longer there."))
    return redirect("importing:profile", organization.pk)
