"""Import: upload a document, review what the importer understood, save it as a draft plan."""

from __future__ import annotations

import copy
import logging
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.forms.utils import ErrorDict
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from seuranta.common.views import posted_version, require
from seuranta.core import model as core
from seuranta.core.interchange import InvalidDocument
from seuranta.importing.models import ImportDraft, ImportUpload
from seuranta.importing.review import apply_corrections, review_tree
from seuranta.importing.review_source import source_context
from seuranta.importing.tasks import parse_upload
from seuranta.importing.teaching import log_review_edits
from seuranta.importing.translating import target_plans
from seuranta.importing.units import Tree, posted_choices, resolve, unit_steps, units_for, written_names
from seuranta.organizations.units import organization_rows
from seuranta.plans.access import managed_organizations
from seuranta.plans.choices import CONTENT_LANGUAGES
from seuranta.plans.models import Organization, Plan
from seuranta.plans.saving import record
from seuranta.plans.storage import store_plan

log = logging.getLogger(__name__)
ACCEPTED = (".txt", ".pdf", ".docx", ".xlsx", ".html", ".htm", ".json")
MAX_BYTES = 10 * 1024 * 1024
FORM_OVERHEAD = 64 * 1024  # the form's other fields and the multipart boundaries around the file
TOO_LARGE = gettext_lazy(
    "The file is larger than 10 MB. Make it smaller, for example by removing pictures, or "
    "import the plan in parts."
)


class UploadForm(forms.Form):
    document = forms.FileField(
        label=gettext_lazy("Document"),
        help_text=gettext_lazy(
            "A plan as PDF, Word (.docx), Excel (.xlsx), text (.txt) or Seuranta JSON, at most 10 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED)}),
    )
    organization: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"), queryset=None, empty_label=None
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organizations

    def clean_document(self):
        document = self.cleaned_data["document"]
        if not document.name.lower().endswith(ACCEPTED):
            raise forms.ValidationError(_("Choose a PDF, Word, Excel, text or JSON file."))
        if document.size > MAX_BYTES:
            raise forms.ValidationError(TOO_LARGE)
        return document

    @classmethod
    def refusing(cls, message, **kwargs) -> UploadForm:
        """An empty form that shows why an upload was refused before its body was read."""
        form = cls(**kwargs)
        # Django's own slot for a form's errors (not declared by django-stubs); unbound, the form has no other.
        form._errors = ErrorDict(document=form.error_class([message]))  # type: ignore[attr-defined]
        return form


def declared_size(request) -> int:
    """The request body's size as the browser declared it (0 when unknown)."""
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def get_draft_for(user, draft_id: int) -> ImportDraft:
    draft = ImportDraft.objects.reviewable_by(user).select_related("organization").filter(pk=draft_id).first()
    if draft is None:
        raise Http404
    return draft


def get_upload_for(user, upload_id: int, *, with_file: bool = False) -> ImportUpload:
    uploads = ImportUpload.objects.reviewable_by(user).select_related("organization")
    if not with_file:  # the progress page is polled: leave the file (up to 10 MB) in the database
        uploads = uploads.defer("data")
    upload = uploads.filter(pk=upload_id).first()
    if upload is None:
        raise Http404
    return upload


@csrf_exempt  # so that the size is checked before anything reads the body; _upload checks CSRF
def upload(request):
    organizations = managed_organizations(request.user)
    if denied := require(request, request.user.is_authenticated and organizations.exists()):
        return denied
    if request.method == "POST" and declared_size(request) > MAX_BYTES + FORM_OVERHEAD:
        form = UploadForm.refusing(TOO_LARGE, organizations=organizations)
        return _upload_page(request, form, status=413)
    return _upload(request, organizations)


@csrf_protect
def _upload(request, organizations):
    form = UploadForm(request.POST or None, request.FILES or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        document = form.cleaned_data["document"]
        upload = ImportUpload.objects.create(
            created_by=request.user,
            organization=form.cleaned_data["organization"],
            file_name=document.name[:255],
            data=document.read(),
        )
        # The worker parses it within the limits; with the immediate backend (tests) it is done on return.
        parse_upload.enqueue(upload.pk, translation.get_language() or "fi")
        upload.refresh_from_db(fields=["state", "draft", "problem"])
        if upload.state == ImportUpload.State.DONE and upload.draft_id:
            return redirect("importing:review", upload.draft_id)
        if upload.state == ImportUpload.State.FAILED:
            form.add_error("document", upload.problem)
            return _upload_page(request, form, upload=upload)
        return redirect("importing:progress", upload.pk)
    return _upload_page(request, form)


def _upload_page(request, form: UploadForm, status: int = 200, upload: ImportUpload | None = None):
    drafts = ImportDraft.objects.reviewable_by(request.user).select_related("organization")[:20]
    failed = (
        ImportUpload.objects.reviewable_by(request.user)
        .filter(state=ImportUpload.State.FAILED)
        .select_related("organization")
        .defer("data")[:10]
    )
    return render(
        request,
        "importing/upload.html",
        {"form": form, "drafts": drafts, "failed": failed, "upload": upload},
        status=status,
    )


def progress(request, upload_id: int):
    """Where the parse of an upload stands; htmx polls `?status=1` for the fragment until the draft is ready."""
    upload = get_upload_for(request.user, upload_id)
    fragment = request.GET.get("status") == "1"
    if upload.state == ImportUpload.State.DONE and upload.draft_id:
        if fragment:  # htmx follows this header with a full page load
            response = HttpResponse(status=204)
            response["HX-Redirect"] = reverse("importing:review", args=[upload.draft_id])
            return response
        return redirect("importing:review", upload.draft_id)
    waiting = upload.state in (ImportUpload.State.QUEUED, ImportUpload.State.PARSING)
    stalled = (
        upload.state == ImportUpload.State.PARSING
        and upload.started_at is not None
        and timezone.now() - upload.started_at > timedelta(seconds=settings.SEURANTA_IMPORT_TIMEOUT + 60)
    )
    template = "importing/includes/progress_status.html" if fragment else "importing/progress.html"
    return render(
        request,
        template,
        {
            "upload": upload,
            "waiting": waiting and not stalled,
            "stalled": stalled,
            "timeout": int(settings.SEURANTA_IMPORT_TIMEOUT),
        },
    )


@require_POST
def discard_upload(request, upload_id: int):
    """Remove a kept file that could not be read, once the person has it back or no longer needs it."""
    upload = get_upload_for(request.user, upload_id)
    upload.delete()
    messages.success(request, _("The uploaded file was removed."))
    return redirect("importing:upload")


def uploaded_file(request, upload_id: int):
    """The uploaded file as it was sent: kept, so that a parse that failed loses nothing."""
    upload = get_upload_for(request.user, upload_id, with_file=True)
    response = HttpResponse(bytes(upload.data), content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{upload.file_name.replace(chr(34), "")}"'
    return response


def review(request, draft_id: int):
    draft = get_draft_for(request.user, draft_id)
    if request.method == "POST":
        _save_corrections(request, draft, announce=True)
        return redirect("importing:review", draft.pk)
    nodes, document_warnings = review_tree(draft.plan, draft.warnings)
    tree = Tree(organization_rows(draft.organization_id))
    # What the importer said about the plan's title is shown at the title field, not among the rest.
    title_warnings = [(i, w) for i, w in document_warnings if w.get("field") == "title"]
    return render(
        request,
        "importing/review.html",
        {
            "draft": draft,
            "nodes": nodes,
            "document_warnings": [(i, w) for i, w in document_warnings if w.get("field") != "title"],
            "title_warnings": title_warnings,
            "levels": draft.plan.get("levels"),
            "unit_steps": unit_steps(draft.plan, draft.unit_choices or {}, tree),
            "unit_rows": [row for row in tree.rows if row.unit.active],
            "translation_plans": list(target_plans(request.user, draft)),
            "content_languages": CONTENT_LANGUAGES,
            **source_context(request.user, draft, nodes),
        },
    )


def _save_corrections(request, draft: ImportDraft, *, announce: bool) -> bool:
    """Store the review form's corrections; False (with a message) if someone saved meanwhile."""
    before = copy.deepcopy(draft.plan)
    problems = apply_corrections(draft.plan, draft.warnings, request.POST)
    version = posted_version(request)
    if problems:
        messages.error(
            request,
            _(
                "A title cannot be empty. The empty titles were left as they were; "
                "your other corrections are kept."
            ),
        )
    updated = (
        ImportDraft.objects.filter(pk=draft.pk, version=version).update(
            plan=draft.plan, warnings=draft.warnings, changes=[], version=version + 1
        )
        if version is not None
        else 0
    )
    if not updated:
        messages.error(
            request,
            _(
                "Someone else saved corrections to this import meanwhile. Their version is "
                "shown below; make your corrections again."
            ),
        )
        return False
    draft.version = version + 1
    log_review_edits(draft, before, request.user)
    if announce and not problems:
        messages.success(request, _("Corrections saved."))
    return True


def _corrections_kept(request, draft: ImportDraft) -> bool:
    """Every button of the review form saves what was typed on the page, not only its own part.

    A POST without the form's version (from elsewhere than the review page) has no corrections.
    """
    return "version" not in request.POST or _save_corrections(request, draft, announce=False)


def get_savable_draft(user, draft_id: int) -> ImportDraft:
    """A draft the user may turn into a plan: they may import into its organisation (else 404)."""
    draft = get_draft_for(user, draft_id)
    if not managed_organizations(user).filter(pk=draft.organization_id).exists():
        raise Http404
    return draft


@require_POST
def units(request, draft_id: int):
    """Save the unit step's choices without saving the plan; a choice that cannot be carried out is named."""
    draft = get_savable_draft(request.user, draft_id)
    if not _corrections_kept(request, draft):
        return redirect("importing:review", draft.pk)
    if _save_unit_choices(request, draft, Tree(organization_rows(draft.organization_id))):
        messages.success(request, _("Unit choices saved."))
    return redirect(reverse("importing:review", args=[draft.pk]) + "#units-heading")


def _save_unit_choices(request, draft: ImportDraft, tree: Tree) -> bool:
    """Store the posted unit choices that can be carried out; False (with messages) if some cannot."""
    names = {name for name, _ in written_names(draft.plan)}
    chosen, problems = posted_choices(request.POST, names, tree)
    if chosen:
        draft.unit_choices = {**(draft.unit_choices or {}), **chosen}
        ImportDraft.objects.filter(pk=draft.pk).update(unit_choices=draft.unit_choices)
    for problem in problems:
        messages.error(request, problem)
    return not problems


@require_POST
def save_plan(request, draft_id: int):
    draft = get_savable_draft(request.user, draft_id)
    if not _corrections_kept(request, draft):
        return redirect("importing:review", draft.pk)
    tree = Tree(organization_rows(draft.organization_id))
    posted_ok = _save_unit_choices(request, draft, tree)
    choices, problems = resolve(draft.plan, draft.unit_choices or {}, tree)
    if not posted_ok or problems:
        for problem in problems:
            messages.error(request, problem)
        messages.error(request, _("The plan was not saved: check the units."))
        return redirect(reverse("importing:review", args=[draft.pk]) + "#units-heading")
    try:
        with transaction.atomic():
            plan = store_plan(
                core.Plan.from_dict(draft.plan),
                organization=draft.organization,
                state=Plan.State.DRAFT,
                units=units_for(draft.organization_id, choices, tree),
            )
            record(plan, "created", {"file": [None, draft.file_name]}, request.user)
            ImportUpload.objects.filter(draft=draft).delete()  # the plan holds what the file said
            draft.delete()
    except InvalidDocument as exc:  # a field too long for the database, named; nothing was written
        for message in exc.messages(translation.get_language() or "fi")[:20]:
            messages.error(request, message)
        return redirect("importing:review", draft.pk)
    except IntegrityError:  # someone added a unit of a chosen new unit's name meanwhile; nothing was written
        messages.error(
            request, _("A unit was added to the organisation meanwhile. Check the units and save again.")
        )
        return redirect(reverse("importing:review", args=[draft.pk]) + "#units-heading")
    messages.success(
        request, _("The plan was saved as a draft. Publish it in the plan settings when it is ready.")
    )
    return redirect("plan", plan.pk)


@require_POST
def discard(request, draft_id: int):
    draft = get_draft_for(request.user, draft_id)
    ImportUpload.objects.filter(draft=draft).delete()
    draft.delete()
    messages.success(request, _("The import was discarded."))
    return redirect("importing:upload")


def xlsx_template(request):
    from seuranta.core.parsing.xlsx_template import build_template

    response = HttpResponse(
        build_template(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="seuranta-suunnitelmapohja.xlsx"'
    return response
