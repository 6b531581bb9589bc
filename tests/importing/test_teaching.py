"""The review page's source column, layouts taught in review, item edits and the correction log."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from seuranta.importing.models import ImportCorrection, ImportDraft, ImportProfile
from seuranta.importing.source import walk_nodes
from tests.conftest import CORPUS_DIR, DATA
from tests.factories import make_user
from tests.web.helpers import ROLES, client_for, count_queries

TEACH = DATA / "teach"
TEACHERS = ("coordinator", "admin")


def upload(client, personas, path):
    client.post(
        reverse("importing:upload"),
        {
            "document": SimpleUploadedFile(path.name, path.read_bytes()),
            "organization": personas.organization.pk,
        },
    )
    return ImportDraft.objects.latest("pk")


def nodes(draft):
    return [node for _, node in walk_nodes(draft.plan["nodes"])]


def indicator(draft, name):
    return next(
        i for node in nodes(draft) for i in node.get("indicators") or [] if i["name"].startswith(name)
    )


def line_of(draft, text):
    return next(entry for entry in draft.trace if text in (entry.get("text") or ""))


@pytest.fixture
def draft(client, personas):
    client.force_login(personas.coordinator)
    made = upload(client, personas, TEACH / "kuusijarvi-2026.html")
    client.logout()
    return made


def teach_column(client, draft, header="Seuranta", role="actual"):
    entry = line_of(draft, "Tyhjien liiketilojen osuus")
    column = entry["rows"][0].index(header)
    return client.post(
        reverse("importing:line", args=[draft.pk, entry["source"]]),
        {"version": draft.version, "column": column, "role": role, "scope": "column"},
    )


def test_upload_keeps_the_document_its_hash_and_the_trace_of_its_lines(draft):
    assert bytes(draft.source) == (TEACH / "kuusijarvi-2026.html").read_bytes()
    assert len(draft.source_sha256) == 64
    assert line_of(draft, "Keino 1: Tyhjien")["role"] == "node"
    assert line_of(draft, "Yhteyshenkilö")["role"] in ("description", "ignore")


def test_review_shows_each_line_with_its_role_beside_the_plan(client, personas, draft):
    client.force_login(personas.coordinator)
    content = client.get(reverse("importing:review", args=[draft.pk])).content.decode()
    first = line_of(draft, "Keino 1: Tyhjien")
    assert f'id="s{first["source"]}"' in content and "role-badge--node" in content
    assert 'href="#s' in content and 'id="item-0.0.0"' in content  # item -> line, and line -> item
    assert reverse("importing:line", args=[draft.pk, first["source"]]) in content


def test_the_source_view_shows_the_rules_that_decided_each_line(client, personas, draft):
    client.force_login(personas.coordinator)
    content = client.get(reverse("importing:review", args=[draft.pk])).content.decode()
    first = line_of(draft, "Keino 1: Tyhjien")
    assert len(first["rules"]) >= 2  # its style, and what named its level
    assert "<code>" + " · ".join(first["rules"]) + "</code>" in content


def test_lines_that_were_not_imported_are_marked_in_words(client, personas, draft):
    draft.trace.append(
        {"source": 99, "text": "Sivu 3/12", "role": "ignore", "rule": "unused", "confidence": 0.0}
    )
    draft.save()
    client.force_login(personas.coordinator)
    content = client.get(reverse("importing:review", args=[draft.pk])).content.decode()
    assert 'id="s99" class="source-line source-line--ignore source-line--missed"' in content
    assert "role-badge--ignore" in content


def test_a_family_without_a_trace_gets_one_from_matching_titles(client, personas):
    client.force_login(personas.coordinator)
    made = upload(client, personas, CORPUS_DIR / "pori-konsernipalvelut-tavoitteet-2026.txt")
    assert made.family != "outline"
    roles = {entry["role"] for entry in made.trace}
    assert "node" in roles and "ignore" in roles
    content = client.get(reverse("importing:review", args=[made.pk])).content.decode()
    linked = content.count('<p class="review-node__links"><a href="#s')
    assert linked >= len(list(walk_nodes(made.plan["nodes"]))) * 0.8


def test_teaching_a_column_reads_the_document_again_and_lists_the_changes(client, personas, draft):
    assert indicator(draft, "Tyhjien")["actuals"] == []
    client.force_login(personas.coordinator)
    response = teach_column(client, draft)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert indicator(draft, "Tyhjien")["actuals"][0]["value"] == 12
    assert ImportProfile.objects.get(organization=personas.organization).data["labels"] == {
        "seuranta": "actual"
    }
    assert any(change["kind"] == "indicator_changed" for change in draft.changes)
    content = client.get(reverse("importing:review", args=[draft.pk])).content.decode()
    assert 'id="changes-heading"' in content


def test_a_taught_level_name_is_used_for_the_organisations_next_upload(client, personas, draft):
    client.force_login(personas.coordinator)
    levels = draft.plan["levels"]
    data = {"version": draft.version, "remember": "on"}
    for i, level in enumerate(levels):
        data[f"old-{i}"], data[f"new-{i}"] = level, {"Keino": "Toimenpide"}.get(level, level)
    client.post(reverse("importing:levels", args=[draft.pk]), data)
    draft.refresh_from_db()
    assert "Keino" not in draft.plan["levels"] and "Toimenpide" in draft.plan["levels"]
    second = upload(client, personas, TEACH / "kuusijarvi-2027.html")
    assert {node["level"] for node in nodes(second)} == {"Painopiste", "Tavoite", "Toimenpide"}


def test_a_level_name_taught_on_a_family_reading_keeps_that_reading(client, personas):
    client.force_login(personas.coordinator)
    made = upload(client, personas, CORPUS_DIR / "pori-konsernipalvelut-tavoitteet-2026.txt")
    family, count = made.family, len(nodes(made))
    data = {"version": made.version, "remember": "on"}
    for i, level in enumerate(made.plan["levels"]):
        data[f"old-{i}"], data[f"new-{i}"] = level, {"Teko": "Hanke"}.get(level, level)
    client.post(reverse("importing:levels", args=[made.pk]), data)
    made.refresh_from_db()
    assert made.family == family != "outline"
    assert len(nodes(made)) == count and "Hanke" in {node["level"] for node in nodes(made)}


def test_renaming_a_level_without_remembering_changes_only_this_draft(client, personas, draft):
    client.force_login(personas.coordinator)
    client.post(
        reverse("importing:levels", args=[draft.pk]),
        {"version": draft.version, "old-0": "Keino", "new-0": "Toimenpide"},
    )
    draft.refresh_from_db()
    assert "Toimenpide" in draft.plan["levels"]
    assert not ImportProfile.objects.filter(organization=personas.organization).exists()
    assert ImportCorrection.objects.get().applied_to_all is False


def test_another_organisations_profile_is_not_used(client, personas, draft):
    client.force_login(personas.coordinator)
    teach_column(client, draft)
    client.force_login(personas.outsider)
    client.post(
        reverse("importing:upload"),
        {
            "document": SimpleUploadedFile("k.html", (TEACH / "kuusijarvi-2027.html").read_bytes()),
            "organization": personas.other_organization.pk,
        },
    )
    theirs = ImportDraft.objects.get(organization=personas.other_organization)
    assert indicator(theirs, "Pyöräilyn")["actuals"] == []


def test_a_heading_style_can_be_taught_as_units(client, personas, draft):
    client.force_login(personas.coordinator)
    entry = line_of(draft, "Elinvoimainen keskusta")
    client.post(
        reverse("importing:line", args=[draft.pk, entry["source"]]),
        {"version": draft.version, "role": "unit", "scope": "style"},
    )
    draft.refresh_from_db()
    assert "Elinvoimainen keskusta" not in [node["title"] for node in nodes(draft)]
    assert nodes(draft)[0]["unit"] == "Elinvoimainen keskusta"


def test_a_field_role_for_a_heading_style_is_refused_with_a_message(client, personas, draft):
    client.force_login(personas.coordinator)
    entry = line_of(draft, "Elinvoimainen keskusta")
    response = client.post(
        reverse("importing:line", args=[draft.pk, entry["source"]]),
        {"version": draft.version, "role": "actual", "scope": "style"},
    )
    assert response.status_code == 400 and "error-summary" in response.content.decode()
    assert not ImportProfile.objects.exists()


def test_an_item_needs_a_level_name(client, personas, draft):
    client.force_login(personas.coordinator)
    entry = line_of(draft, "Elinvoimainen keskusta")
    response = client.post(
        reverse("importing:line", args=[draft.pk, entry["source"]]),
        {"version": draft.version, "role": "node", "level": " ", "scope": "style"},
    )
    assert response.status_code == 400


def test_a_stale_teaching_form_changes_nothing(client, personas, draft):
    client.force_login(personas.coordinator)
    entry = line_of(draft, "Tyhjien liiketilojen osuus")
    client.post(
        reverse("importing:line", args=[draft.pk, entry["source"]]),
        {"version": draft.version - 1, "column": 3, "role": "actual", "scope": "column"},
    )
    assert not ImportProfile.objects.exists()


def test_a_correction_of_one_line_is_logged_with_what_the_importer_predicted(client, personas, draft):
    client.force_login(personas.coordinator)
    entry = line_of(draft, "Yhteyshenkilö")
    client.post(
        reverse("importing:line", args=[draft.pk, entry["source"]]),
        {"version": draft.version, "role": "responsible", "scope": "line"},
    )
    correction = ImportCorrection.objects.get()
    assert (correction.document_sha256, correction.source_index) == (draft.source_sha256, entry["source"])
    assert (correction.predicted_role, correction.rule) == (entry["role"], entry["rule"])
    assert correction.rule_ids[0] == entry["rule"]
    assert set(correction.rule_ids) >= set(entry.get("rules") or [entry["rule"]])
    assert (correction.corrected_role, correction.applied_to_all, correction.created_by) == (
        "responsible",
        False,
        personas.coordinator,
    )


def test_the_log_page_lists_the_rules_corrected_most(client, personas, draft):
    client.force_login(personas.coordinator)
    teach_column(client, draft)
    content = client.get(reverse("importing:profile", args=[personas.organization.pk])).content.decode()
    assert "column:progress" in content and "seuranta" in content
    assert (
        reverse("importing:profile", args=[personas.organization.pk])
        in client.get(reverse("importing:upload")).content.decode()
    )


def test_a_taught_rule_can_be_removed(client, personas, draft):
    client.force_login(personas.coordinator)
    teach_column(client, draft)
    client.post(
        reverse("importing:profile", args=[personas.organization.pk]), {"kind": "label", "key": "seuranta"}
    )
    assert ImportProfile.objects.get().data["labels"] == {}


@pytest.mark.parametrize(
    ("operation", "value"), [("delete", ""), ("merge", ""), ("indent", ""), ("split", "")]
)
def test_item_edits_change_the_tree(client, personas, draft, operation, value):
    client.force_login(personas.coordinator)
    before = len(nodes(draft))
    node = draft.plan["nodes"][0]["children"][0]["children"][1]
    if operation == "split":
        value = node["title"].replace(" ", "\n", 1)
    client.post(
        reverse("importing:item", args=[draft.pk, "0.0.1"]),
        {"version": draft.version, "operation": operation, "parts": value},
    )
    draft.refresh_from_db()
    after = nodes(draft)
    assert (
        len(after)
        == {"delete": before - 1, "merge": before - 1, "indent": before, "split": before + 1}[operation]
    )
    if operation == "indent":
        assert draft.plan["nodes"][0]["children"][0]["children"][0]["children"][0]["title"] == node["title"]


def test_outdenting_an_item_takes_its_parents_level(client, personas, draft):
    client.force_login(personas.coordinator)
    client.post(
        reverse("importing:item", args=[draft.pk, "0.0.1"]),
        {"version": draft.version, "operation": "outdent"},
    )
    draft.refresh_from_db()
    moved = draft.plan["nodes"][0]["children"][1]
    assert moved["title"].startswith("Pop up") and moved["level"] == "Tavoite"


def test_an_edit_that_does_not_apply_is_refused_with_a_message(client, personas, draft):
    client.force_login(personas.coordinator)
    response = client.post(
        reverse("importing:item", args=[draft.pk, "0"]), {"version": draft.version, "operation": "outdent"}
    )
    assert response.status_code == 400 and "error-summary" in response.content.decode()


def test_warnings_follow_their_item_when_it_moves(client, personas, draft):
    draft.warnings = [
        {
            "code": "x",
            "message": "m",
            "path": [],
            "indicator": None,
            "field": None,
            "node": "0.0.1",
            "checked": False,
        }
    ]
    draft.save()
    client.force_login(personas.coordinator)
    client.post(
        reverse("importing:item", args=[draft.pk, "0.0.0"]), {"version": draft.version, "operation": "delete"}
    )
    draft.refresh_from_db()
    assert draft.warnings[0]["node"] == "0.0.0"


def test_review_page_queries_do_not_grow_with_the_document(client, personas):
    client.force_login(personas.coordinator)
    small = upload(client, personas, TEACH / "kuusijarvi-2027.html")
    large = upload(client, personas, TEACH / "kuusijarvi-2026.html")
    assert count_queries(client, reverse("importing:review", args=[small.pk])) == count_queries(
        client, reverse("importing:review", args=[large.pk])
    )


# Permissions: every persona and anonymous, on GET and POST.


def _pages(draft, personas):
    entry = line_of(draft, "Tyhjien liiketilojen osuus")
    return {
        "line": (
            reverse("importing:line", args=[draft.pk, entry["source"]]),
            {"version": draft.version, "column": 3, "role": "actual", "scope": "column"},
        ),
        "levels": (
            reverse("importing:levels", args=[draft.pk]),
            {"version": draft.version, "old-0": "Keino", "new-0": "Toimenpide", "remember": "on"},
        ),
        "item": (
            reverse("importing:item", args=[draft.pk, "0"]),
            {"version": draft.version, "operation": "delete"},
        ),
        "profile": (
            reverse("importing:profile", args=[personas.organization.pk]),
            {"kind": "label", "key": "mittari"},
        ),
    }


def _expected(role, page, method):
    if page == "levels" and method == "get":
        return 405  # a form on the review page, posted only
    if role == "anonymous":
        return 302
    if role in TEACHERS:
        return 302 if method == "post" else 200
    return 403 if page == "profile" else 404  # the draft of another organisation or person is not found


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("page", ["line", "levels", "item", "profile"])
@pytest.mark.parametrize("role", ROLES)
def test_only_the_organisations_coordinators_may_teach(client, personas, draft, role, page, method):
    url, data = _pages(draft, personas)[page]
    plan_before = draft.plan
    response = getattr(client_for(client, personas, role), method)(url, data if method == "post" else None)
    assert response.status_code == _expected(role, page, method)
    if response.status_code == 302 and role == "anonymous":
        assert "/login/" in response["Location"]
    if role not in TEACHERS:
        draft.refresh_from_db()
        assert draft.plan == plan_before
        assert not ImportCorrection.objects.exists() and not ImportProfile.objects.exists()


def test_a_draft_creator_who_is_no_longer_coordinator_cannot_teach(client, personas, draft):
    draft.created_by = personas.viewer
    draft.save()
    client.force_login(personas.viewer)
    url, data = _pages(draft, personas)["line"]
    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403


def test_a_superuser_may_teach(client, personas, draft):
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    url, data = _pages(draft, personas)["line"]
    assert client.post(url, data).status_code == 302
    assert ImportProfile.objects.get().version == 1


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fi", ["Ei tuotu", "Korjaa", "Mistä se tuli"]),
        ("sv", ["Inte importerad", "Korrigera", "Var det kom ifrån"]),
    ],
)
def test_the_review_page_speaks_finnish_and_swedish(client, personas, draft, language, words):
    draft.trace.append(
        {"source": 99, "text": "Sivu 3/12", "role": "ignore", "rule": "unused", "confidence": 0.0}
    )
    draft.save()
    client.force_login(personas.coordinator)
    client.cookies["django_language"] = language
    pages = [
        reverse("importing:review", args=[draft.pk]),
        reverse("importing:line", args=[draft.pk, 99]),
        reverse("importing:item", args=[draft.pk, "0"]),
        reverse("importing:profile", args=[personas.organization.pk]),
    ]
    content = "".join(client.get(url).content.decode() for url in pages)
    assert all(word in content for word in words)
    for english in ("Not imported", "Where it came from", "What is it?", "Taught rules", "Change an item"):
        assert english not in content


def test_a_line_traced_as_description_but_missing_from_the_plan_is_shown_as_not_imported(client, personas):
    client.force_login(personas.coordinator)
    made = upload(client, personas, TEACH / "kuusijarvi-2027.html")
    intro = line_of(made, "Suunnitelma päivitetään vuosittain")
    made.plan["sections"] = []  # the reviewer removed the introduction the reader kept
    made.save()
    content = client.get(reverse("importing:review", args=[made.pk])).content.decode()
    assert f'id="s{intro["source"]}" class="source-line source-line--ignore source-line--missed"' in content


def _correct_one(client, draft, text, role, level=""):
    entry = line_of(draft, text)
    client.post(
        reverse("importing:line", args=[draft.pk, entry["source"]]),
        {"version": draft.version, "role": role, "level": level, "scope": "line"},
    )
    draft.refresh_from_db()
    return entry


def test_one_line_can_be_left_out_of_this_import(client, personas, draft):
    client.force_login(personas.coordinator)
    entry = _correct_one(client, draft, "Keino 2: Pop up", "ignore")
    assert "Pop up -kauppojen kokeilu kesäkaudella" not in [node["title"] for node in nodes(draft)]
    assert line_of(draft, "Keino 2: Pop up")["role"] == "ignore" and entry["role"] == "node"
    assert not ImportProfile.objects.exists()


def test_one_line_can_become_a_field_of_the_item_above_it(client, personas, draft):
    client.force_login(personas.coordinator)
    _correct_one(client, draft, "Yhteyshenkilö", "responsible")
    owner = draft.plan["nodes"][1]["children"][0]["children"][-1]
    assert any("Liisa Mäki" in person for person in owner["responsible"])
    assert "Liisa Mäki" not in (owner.get("description") or "")


def test_one_line_can_get_another_level(client, personas, draft):
    client.force_login(personas.coordinator)
    _correct_one(client, draft, "Keino 2: Pop up", "node", "Hanke")
    assert "Hanke" in draft.plan["levels"]


def test_a_level_corrected_in_the_review_form_is_logged_with_the_rule_that_read_it(client, personas, draft):
    client.force_login(personas.coordinator)
    client.post(
        reverse("importing:review", args=[draft.pk]), {"version": draft.version, "n0.0.0-level": "Toimenpide"}
    )
    correction = ImportCorrection.objects.get()
    assert (correction.predicted_role, correction.corrected_role) == ("level:Keino", "level:Toimenpide")
    line = line_of(draft, "Keino 1: Tyhjien")
    assert correction.rule == line["rule"]
    assert correction.rule_ids == list(line["rules"])
    assert len(correction.rule_ids) > 1  # style, level and depth rules, not only the deciding one
    assert correction.source_text.startswith("Keino 1: Tyhjien")


def test_each_change_of_the_profile_keeps_the_version_before_it(client, personas, draft):
    client.force_login(personas.coordinator)
    teach_column(client, draft)
    draft.refresh_from_db()
    teach_column(client, draft, header="Mittari", role="indicator")
    stored = ImportProfile.objects.get()
    assert stored.version == 2
    assert stored.history[0]["version"] == 1 and stored.history[0]["data"]["labels"] == {"seuranta": "actual"}


def test_teaching_on_an_import_whose_document_is_not_kept_gives_a_message(client, personas, draft):
    ImportDraft.objects.filter(pk=draft.pk).update(source=b"")
    client.force_login(personas.coordinator)
    response = teach_column(client, draft)
    assert response.status_code == 400 and "error-summary" in response.content.decode()
    draft.refresh_from_db()
    assert indicator(draft, "Tyhjien")["actuals"] == []
