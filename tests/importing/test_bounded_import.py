"""Uploads are parsed by the task worker within a time and a memory limit, and nothing is lost."""

import json

import pytest
from django.urls import reverse

from seuranta.importing.models import ImportDraft, ImportUpload
from seuranta.importing.tasks import parse_upload
from seuranta.plans.models import Plan
from tests.conftest import CORPUS_DIR
from tests.importing.test_import import SAMPLE, upload
from tests.web.helpers import ROLES, client_for

SLOW_TEXT = (CORPUS_DIR / "laitila-hallintotoimi-palvelusuunnitelma.txt").read_bytes() * 200  # ~9 s of CPU
# A time limit far below what SLOW_TEXT takes: the parse uses the processor until it is stopped.
SHORT_TIMEOUT = 0.25
LONG_LINE = ("Tavoite 1 " + "sana " * 2_000_000 + "\n").encode()


def test_a_file_that_takes_too_long_is_stopped_with_a_finnish_message_and_kept(client, personas, settings):
    settings.SEURANTA_IMPORT_TIMEOUT = SHORT_TIMEOUT
    client.force_login(personas.coordinator)
    response = upload(client, personas, SLOW_TEXT, name="hidas.txt")
    errors = response.context["form"].errors["document"]
    assert errors[0].startswith("Tiedoston lukeminen kesti liian kauan")
    kept = ImportUpload.objects.get()
    assert kept.state == ImportUpload.State.FAILED and bytes(kept.data) == SLOW_TEXT
    assert not ImportDraft.objects.exists()
    assert reverse("importing:uploaded_file", args=[kept.pk]) in response.content.decode()


def test_a_file_that_needs_too_much_memory_is_stopped_with_a_finnish_message(client, personas, settings):
    settings.SEURANTA_IMPORT_MEMORY_MB = 150
    client.force_login(personas.coordinator)
    response = upload(client, personas, LONG_LINE, name="pitka.txt")
    assert (
        response.context["form"].errors["document"][0].startswith("Tiedoston lukeminen vaati enemmän muistia")
    )
    assert ImportUpload.objects.get().state == ImportUpload.State.FAILED


def test_the_kept_file_can_be_downloaded_back_by_its_uploader(client, personas, settings):
    settings.SEURANTA_IMPORT_TIMEOUT = SHORT_TIMEOUT
    client.force_login(personas.coordinator)
    upload(client, personas, SLOW_TEXT, name="hidas.txt")
    kept = ImportUpload.objects.get()
    response = client.get(reverse("importing:uploaded_file", args=[kept.pk]))
    assert response.content == SLOW_TEXT


def test_with_a_worker_the_upload_page_shows_progress_until_the_review_is_ready(client, personas, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    client.force_login(personas.coordinator)
    response = upload(client, personas)
    queued = ImportUpload.objects.get()
    assert response.url == reverse("importing:progress", args=[queued.pk])
    page = client.get(response.url).content.decode()
    assert 'hx-trigger="every 2s"' in page and 'data-upload-state="queued"' in page
    assert 'data-upload-state="queued"' in client.get(response.url, {"status": "1"}).content.decode()
    parse_upload.call(queued.pk)  # what the worker does
    draft = ImportDraft.objects.get()
    review = reverse("importing:review", args=[draft.pk])
    assert client.get(response.url).url == review
    assert client.get(response.url, {"status": "1"})["HX-Redirect"] == review


def test_a_failed_parse_shows_its_message_on_the_progress_page_without_refreshing(client, personas, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.SEURANTA_IMPORT_TIMEOUT = SHORT_TIMEOUT
    client.force_login(personas.coordinator)
    response = upload(client, personas, SLOW_TEXT, name="hidas.txt")
    parse_upload.call(ImportUpload.objects.get().pk)
    content = client.get(response.url).content.decode()
    assert "Tiedoston lukeminen kesti liian kauan" in content
    assert "hx-trigger" not in content


@pytest.mark.parametrize("role", ROLES)
def test_only_the_organisations_importers_see_an_upload_and_its_file(client, personas, role):
    kept = ImportUpload.objects.create(
        created_by=personas.coordinator,
        organization=personas.organization,
        file_name="a.txt",
        data=b"x",
        state=ImportUpload.State.FAILED,
        problem="Ei luettu.",
    )
    c = client_for(client, personas, role)
    expected = 200 if role in ("coordinator", "admin") else 404
    assert c.get(reverse("importing:progress", args=[kept.pk])).status_code == expected
    assert c.get(reverse("importing:uploaded_file", args=[kept.pk])).status_code == expected


def test_a_json_plan_can_be_uploaded_for_review(client, personas):
    client.force_login(personas.coordinator)
    doc = {
        "format": "seuranta-plan/1",
        "title": "JSON",
        "levels": ["Tavoite"],
        "nodes": [{"level": "Tavoite", "title": "Yksi"}],
    }
    response = upload(client, personas, json.dumps(doc).encode(), name="plan.json")
    draft = ImportDraft.objects.get()
    assert response.url == reverse("importing:review", args=[draft.pk])
    assert draft.plan["nodes"][0]["title"] == "Yksi"


def test_an_over_long_field_in_an_uploaded_plan_is_named_not_a_server_error(client, personas):
    client.force_login(personas.coordinator)
    doc = {
        "format": "seuranta-plan/1",
        "title": "JSON",
        "levels": ["Tavoite"],
        "nodes": [{"level": "Tavoite", "title": "Yksi", "indicators": [{"name": "M", "source": "s" * 301}]}],
    }
    response = upload(client, personas, json.dumps(doc).encode(), name="plan.json")
    assert response.status_code == 200
    assert response.context["form"].errors["document"] == [
        "Mittarin tietolähde on liian pitkä (enintään 300 merkkiä): nodes[0].indicators[0].source"
    ]
    assert not Plan.objects.exists()


@pytest.mark.parametrize(
    "content",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"format": "seuranta-plan/1", "tolerance": Infinity, "nodes": []}',
        b'{"format": "seuranta-plan/1", "tolerance": ' + b"9" * 100_000 + b', "nodes": []}',
    ],
)
def test_hostile_json_is_refused_with_a_sentence(client, personas, content):
    client.force_login(personas.coordinator)
    response = upload(client, personas, content, name="paha.json")
    message = response.context["form"].errors["document"][0]
    assert message.startswith("(document): ") and "Traceback" not in message
    assert not ImportDraft.objects.exists()


def test_saving_a_draft_with_an_over_long_field_names_it_and_writes_nothing(client, personas):
    from tests.importing.test_import import make_draft

    draft = make_draft(personas)
    draft.plan["nodes"][0]["unit"] = "u" * 201
    draft.save()
    client.force_login(personas.coordinator)
    response = client.post(reverse("importing:save", args=[draft.pk]), follow=True)
    assert "Yksikön nimi on liian pitkä (enintään 200 merkkiä): nodes[0].unit" in response.content.decode()
    assert not Plan.objects.exists() and ImportDraft.objects.filter(pk=draft.pk).exists()


def test_the_normal_flow_still_reaches_the_review_page(client, personas):
    client.force_login(personas.coordinator)
    response = upload(client, personas, SAMPLE.read_bytes(), name=SAMPLE.name)
    assert response.url == reverse("importing:review", args=[ImportDraft.objects.get().pk])
    assert ImportUpload.objects.get().state == ImportUpload.State.DONE


def test_saving_or_discarding_the_draft_removes_the_kept_file(client, personas):
    client.force_login(personas.coordinator)
    upload(client, personas)
    client.post(reverse("importing:save", args=[ImportDraft.objects.get().pk]))
    upload(client, personas)
    client.post(reverse("importing:discard", args=[ImportDraft.objects.get().pk]))
    assert not ImportUpload.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_only_the_organisations_importers_can_remove_a_kept_file(client, personas, role):
    kept = ImportUpload.objects.create(
        created_by=personas.coordinator,
        organization=personas.organization,
        file_name="a.txt",
        data=b"x",
        state=ImportUpload.State.FAILED,
    )
    client_for(client, personas, role).post(reverse("importing:discard_upload", args=[kept.pk]))
    assert ImportUpload.objects.filter(pk=kept.pk).exists() == (role not in ("coordinator", "admin"))


def test_a_parse_past_its_time_limit_is_killed_at_once_not_left_running():
    import time

    from seuranta.importing.bounded import TIME, parse_bounded

    started = time.perf_counter()
    outcome = parse_bounded(SLOW_TEXT, "hidas.txt", timeout=SHORT_TIMEOUT)
    assert outcome.limit == TIME
    assert time.perf_counter() - started < 10  # the whole document would take minutes


def test_an_orphaned_parse_is_stopped_by_the_kernel_even_without_its_parent():
    """Should the worker die mid-parse, the child's processor-time limit still ends it."""
    import signal
    import subprocess
    import sys

    child = subprocess.run(
        [sys.executable, "-m", "seuranta.importing.bounded", "hidas.txt", "1024", "fi", "1"],
        input=SLOW_TEXT * 2,
        capture_output=True,
        timeout=120,
    )
    assert child.returncode == -signal.SIGXCPU
