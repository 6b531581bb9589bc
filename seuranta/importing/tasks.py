"""The parse of an uploaded document, run by the task worker within the import limits.

The upload view stores the file and enqueues `parse_upload`; the worker parses
it in a child process (`seuranta.importing.bounded`) that is killed past
SEURANTA_IMPORT_TIMEOUT seconds and refused more than SEURANTA_IMPORT_MEMORY_MB,
so a hostile file ends with a sentence and no runaway parse, whether or not the
person still waits on the progress page.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from seuranta.core.interchange import validate_document
from seuranta.core.parsing import ImportWarning
from seuranta.importing.bounded import CRASH, MEMORY, TIME, parse_bounded
from seuranta.importing.models import ImportDraft, ImportUpload
from seuranta.importing.review import anchored_warnings
from seuranta.importing.teaching import organization_profile


def limit_message(limit: str) -> str:
    """The sentence for a parse stopped by a limit, in the active language."""
    if limit == TIME:
        return _(
            "Reading the file took too long (over %(seconds)d seconds) and was stopped. The file is kept: "
            "split it into smaller parts, or save it in another format (for example text), and try "
            "again."
        ) % {"seconds": settings.SEURANTA_IMPORT_TIMEOUT}
    if limit == MEMORY:
        return _(
            "Reading the file needed more memory than allowed (%(mb)d MB) and was stopped. The file is "
            "kept: split it into smaller parts, or remove pictures and empty rows, and try again."
        ) % {"mb": settings.SEURANTA_IMPORT_MEMORY_MB}
    return _("The file could not be read. Check that it opens on your computer and try again.")


def _fail(upload: ImportUpload, problem: str) -> str:
    ImportUpload.objects.filter(pk=upload.pk).update(
        state=ImportUpload.State.FAILED, problem=problem, finished_at=timezone.now()
    )
    return ImportUpload.State.FAILED


@task
def parse_upload(upload_id: int, lang: str = "fi") -> str:
    """Parse one queued upload into an import draft; the upload's state at the end."""
    claimed = ImportUpload.objects.filter(pk=upload_id, state=ImportUpload.State.QUEUED).update(
        state=ImportUpload.State.PARSING, started_at=timezone.now()
    )
    if not claimed:  # already parsed, or taken by another worker
        return ""
    upload = ImportUpload.objects.get(pk=upload_id)
    with translation.override(lang):
        outcome = parse_bounded(
            bytes(upload.data),
            upload.file_name,
            timeout=settings.SEURANTA_IMPORT_TIMEOUT,
            memory_mb=settings.SEURANTA_IMPORT_MEMORY_MB,
            lang=lang,
            profile=organization_profile(upload.organization).to_dict(),
        )
        if outcome.limit in (TIME, MEMORY, CRASH):
            return _fail(upload, limit_message(outcome.limit))
        if outcome.problem:
            return _fail(upload, outcome.problem)
        if outcome.plan is None:
            return _fail(
                upload,
                " ".join(w["message"] for w in outcome.warnings)
                or _("No goals, actions or indicators were found in the file."),
            )
        too_long = [
            p.message(lang)
            for p in validate_document(outcome.plan)
            if p.code in ("too_long", "not_finite", "too_deep")
        ]
        if too_long:
            return _fail(upload, "\n".join(too_long[:20]))
    warnings = [
        ImportWarning(w["code"], w["message"], tuple(w["path"]), w["indicator"], w["field"])
        for w in outcome.warnings
    ]
    with transaction.atomic():
        data = bytes(upload.data)
        draft = ImportDraft.objects.create(
            created_by=upload.created_by,
            organization=upload.organization,
            file_name=upload.file_name,
            family=outcome.family or "",
            plan=outcome.plan,
            warnings=anchored_warnings(outcome.plan, warnings),
            source=data,
            source_sha256=hashlib.sha256(data).hexdigest(),
            trace=outcome.trace,
        )
        ImportUpload.objects.filter(pk=upload.pk).update(
            state=ImportUpload.State.DONE, draft=draft, finished_at=timezone.now()
        )
    return ImportUpload.State.DONE
