import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from seuranta.importing.models import ImportDraft
from seuranta.plans.models import ChangeRecord, Plan
from tests.conftest import CORPUS_DIR, DATA
from tests.web.helpers import ROLES, client_for

IMPORTERS = ("coordinator", "admin")
SAMPLE = CORPUS_DIR / "pori-konsernipalvelut-tavoitteet-2026.txt"


def upload(client, personas, path=SAMPLE, name=None):
    data = path.read_bytes() if hasattr(path, "read_bytes") else path
    return client.post(
        reverse("importing:upload"),
        {
            "document": SimpleUploadedFile(name or path.name, data),
            "organization": personas.organization.pk,
        },
    )


def small_plan_json() -> bytes:
    return json.dumps(
        {
            "format": "seuranta-plan/1",
            "title": "Tuotu",
            "organization": None,
            "levels": ["Tavoite"],
            "sections": [],
            "nodes": [
                {
                    "level": "Tavoite",
                    "title": "Alkuperäinen",
                    "indicators": [
                        {
                            "name": "Mittari",
                            "baseline": None,
                            "targets": [{"text": "5", "kind": "value", "value": 5}],
                        }
                    ],
                }
            ],
        }
    ).encode()


def make_draft(personas, **fields) -> ImportDraft:
    plan = json.loads(small_plan_json())
    return ImportDraft.objects.create(
        created_by=personas.coordinator,
        organization=personas.organization,
        file_name="tuotu.json",
        plan=plan,
        warnings=[
            {
                "code": "x",
                "message": "Tarkista otsikko.",
                "path": ["Alkuperäinen"],
                "indicator": None,
                "field": "title",
                "node": "0",
                "checked": False,
            }
        ],
        **fields,
    )


@pytest.mark.parametrize("role", ROLES)
def test_upload_page_opens_only_for_coordinators_and_admins(client, personas, role):
    response = client_for(client, personas, role).get(reverse("importing:upload"))
    expected = {"anonymous": 302}.get(role, 200 if role in IMPORTERS or role == "outsider" else 403)
    assert response.status_code == expected


@pytest.mark.parametrize("role", ["outsider", "viewer", "responsible"])
def test_others_cannot_upload_into_the_organisation(client, personas, role):
    client_for(client, personas, role)
    upload(client, personas)
    assert not ImportDraft.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_review_page_opens_only_for_the_organisations_importers(client, personas, role):
    draft = make_draft(personas)
    response = client_for(client, personas, role).get(reverse("importing:review", args=[draft.pk]))
    assert response.status_code == {"coordinator": 200, "admin": 200}.get(role, 404)


@pytest.mark.parametrize("role", ROLES)
def test_only_importers_can_save_a_draft_as_a_plan(client, personas, role):
    draft = make_draft(personas)
    client_for(client, personas, role).post(reverse("importing:save", args=[draft.pk]))
    assert Plan.objects.filter(title="Tuotu").exists() == (role in IMPORTERS)


def test_uploading_a_text_plan_creates_a_draft_to_review(client, personas):
    client.force_login(personas.coordinator)
    response = upload(client, personas)
    draft = ImportDraft.objects.get()
    assert response.url == reverse("importing:review", args=[draft.pk])
    assert draft.plan["nodes"]


def test_review_page_shows_the_tree_and_the_uncertain_items(client, personas):
    draft = make_draft(personas)
    client.force_login(personas.coordinator)
    content = client.get(reverse("importing:review", args=[draft.pk])).content.decode()
    assert 'value="Alkuperäinen"' in content
    assert "review-node--uncertain" in content and "Tarkista otsikko." in content


def test_broken_file_gives_a_clear_message_and_no_draft(client, personas):
    client.force_login(personas.coordinator)
    response = upload(client, personas, DATA / "bad" / "truncated.docx")
    assert response.status_code == 200
    assert response.context["form"].errors["document"]
    assert "Traceback" not in response.content.decode()
    assert not ImportDraft.objects.exists()


def test_unsupported_file_type_is_refused_with_a_message(client, personas):
    client.force_login(personas.coordinator)
    response = upload(client, personas, b"x", name="plan.odt")
    assert response.context["form"].errors["document"]


def test_corrections_change_titles_levels_and_indicator_levels(client, personas):
    draft = make_draft(personas)
    client.force_login(personas.coordinator)
    client.post(
        reverse("importing:review", args=[draft.pk]),
        {
            "version": draft.version,
            "n0-title": "Korjattu",
            "n0-level": "Päämäärä",
            "n0-i0-name": "Mittari",
            "n0-i0-baseline": "3 (2024)",
            "n0-i0-targets": "vähintään 7 vuonna 2026",
        },
    )
    draft.refresh_from_db()
    node = draft.plan["nodes"][0]
    assert (node["title"], node["level"]) == ("Korjattu", "Päämäärä")
    assert node["indicators"][0]["targets"][0]["kind"] == "min"
    assert node["indicators"][0]["baseline"]["value"] == 3
    assert "Päämäärä" in draft.plan["levels"]


def test_a_warning_can_be_marked_checked(client, personas):
    draft = make_draft(personas)
    client.force_login(personas.coordinator)
    client.post(reverse("importing:review", args=[draft.pk]), {"version": draft.version, "w0-checked": "on"})
    draft.refresh_from_db()
    assert draft.warnings[0]["checked"] is True and draft.unchecked == 0


def test_warnings_stay_with_their_node_after_a_rename(client, personas):
    draft = make_draft(personas)
    client.force_login(personas.coordinator)
    client.post(reverse("importing:review", args=[draft.pk]), {"version": draft.version, "n0-title": "Uusi"})
    content = client.get(reverse("importing:review", args=[draft.pk])).content.decode()
    assert "review-node--uncertain" in content and "Tarkista otsikko." in content


def test_empty_title_in_review_is_refused_and_other_corrections_kept(client, personas):
    draft = make_draft(personas)
    client.force_login(personas.coordinator)
    client.post(
        reverse("importing:review", args=[draft.pk]),
        {"version": draft.version, "n0-title": "", "n0-level": "Päämäärä"},
    )
    draft.refresh_from_db()
    assert draft.plan["nodes"][0]["title"] == "Alkuperäinen" and draft.plan["nodes"][0]["level"] == "Päämäärä"


def test_stale_review_save_changes_nothing(client, personas):
    draft = make_draft(personas)
    client.force_login(personas.coordinator)
    client.post(reverse("importing:review", args=[draft.pk]), {"version": draft.version, "n0-title": "Eka"})
    client.post(reverse("importing:review", args=[draft.pk]), {"version": draft.version, "n0-title": "Toka"})
    draft.refresh_from_db()
    assert draft.plan["nodes"][0]["title"] == "Eka"


def test_saving_the_review_stores_a_draft_plan_with_a_change_record(client, personas):
    draft = make_draft(personas)
    client.force_login(personas.coordinator)
    response = client.post(reverse("importing:save", args=[draft.pk]))
    plan = Plan.objects.get(title="Tuotu")
    assert response.url == reverse("plan", args=[plan.pk])
    assert plan.state == Plan.State.DRAFT and plan.organization == personas.organization
    assert ChangeRecord.objects.filter(plan=plan, action="created").exists()
    assert not ImportDraft.objects.exists()


def test_saved_import_is_not_visible_to_anonymous_users(client, personas):
    draft = make_draft(personas)
    client.force_login(personas.coordinator)
    client.post(reverse("importing:save", args=[draft.pk]))
    client.logout()
    plan = Plan.objects.get(title="Tuotu")
    assert client.get(reverse("plan", args=[plan.pk])).status_code == 404


def test_xlsx_template_can_be_downloaded(client, personas):
    response = client.get(reverse("importing:template"))
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    assert "attachment" in response["Content-Disposition"]


def test_an_oversize_upload_is_refused_with_a_message_on_the_page(client, personas):
    client.force_login(personas.coordinator)
    response = upload(client, personas, bytes(11 * 1024 * 1024), name="iso.pdf")
    content = response.content.decode()
    assert response.status_code == 413
    assert "suurempi kuin 10 Mt" in content
    assert 'name="organization"' in content and 'name="document"' in content  # the form is still there
    assert not ImportDraft.objects.exists()


def test_an_oversize_upload_is_refused_before_its_body_is_read(personas):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.coordinator)
    client.cookies["django_language"] = "sv"
    # The body is a few bytes although the request claims 20 MB: reading it would fail loudly.
    response = client.generic(
        "POST",
        reverse("importing:upload"),
        b"--x\r\n",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(20 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "större än 10 MB" in response.content.decode()


def test_the_upload_still_checks_csrf(personas):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.coordinator)
    assert upload(client, personas).status_code == 403
    assert not ImportDraft.objects.exists()


def test_review_page_shows_the_proposed_title_prefilled_with_the_importers_warning_beside_it(
    client, personas
):
    # The sample starts with its unit's name and no plan title: the importer proposes that heading.
    client.force_login(personas.coordinator)
    upload(client, personas)
    draft = ImportDraft.objects.get()
    response = client.get(reverse("importing:review", args=[draft.pk]))
    field = response.content.decode().split('id="plan-title"', 1)[1].split("</div>\n", 1)[0]
    assert 'value="Konsernipalvelut"' in field
    assert 'aria-describedby="plan-title-warnings"' in field
    assert "Asiakirjasta ei löytynyt suunnitelman nimeä" in field
    assert all(w["field"] != "title" for _, w in response.context["document_warnings"])  # shown once
