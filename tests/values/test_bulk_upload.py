"""Bulk values from a CSV or XLSX file: preview with row errors, confirm or cancel, all or nothing."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from seuranta.plans.models import ChangeRecord
from tests.factories import make_plan, make_rounds
from tests.values.helpers import actuals, csv_file, indicators


@pytest.fixture
def plan(personas):
    return make_plan(3, organization=personas.organization)


def upload(client, plan, lines, name="arvot.csv"):
    url = reverse("values:bulk_upload", args=[plan.pk])
    return client.post(url, {"file": csv_file(lines, name)})


def confirm(client, plan, action="confirm"):
    return client.post(reverse("values:upload_confirm", args=[plan.pk]), {"action": action})


def test_one_bad_row_writes_nothing(client, personas, plan):
    first, second, _third = indicators(plan)
    client.force_login(personas.coordinator)
    response = upload(
        client,
        plan,
        ["mittari;kausi;arvo", f"{first.pk};2026;12", f"{second.pk};2026;kymmenen", f"{first.pk};2025;11"],
    )
    assert response.status_code == 200
    assert "ei ole luku" in response.content.decode()
    assert "upload-errors" in response.content.decode()
    assert confirm(client, plan).status_code == 302
    assert actuals(plan) == []


def test_row_errors_name_the_line_in_finnish(client, personas, plan):
    client.force_login(personas.coordinator)
    response = upload(
        client, plan, ["mittari;kausi;arvo", "Ei tällaista;2026;1", f"{indicators(plan)[0].pk};syksyllä;2"]
    )
    page = response.content.decode()
    assert "Suunnitelmassa ei ole mittaria" in page
    assert "Tuntematon jakso" in page
    assert "<td>2</td>" in page and "<td>3</td>" in page


def test_confirmed_upload_writes_every_value_with_history(client, personas, plan):
    first, second, _third = indicators(plan)
    client.force_login(personas.coordinator)
    lines = ["mittari;kausi;arvo;osasarja", f"{first.pk};2026;12,5;", f"{second.name};2026-Q1;7;Pohjoinen"]
    page = upload(client, plan, lines).content.decode()
    assert 'id="preview"' in page
    assert actuals(plan) == []  # the preview wrote nothing
    assert confirm(client, plan).status_code == 302
    stored = actuals(plan)
    assert [(m.indicator_id, m.period, m.value, m.label) for m in stored] == [
        (first.pk, "2026", 12.5, None),
        (second.pk, "2026-Q1", 7.0, "Pohjoinen"),
    ]
    assert ChangeRecord.objects.filter(object_type="measure", action="created").count() == 2


def test_cancel_writes_nothing(client, personas, plan):
    client.force_login(personas.coordinator)
    upload(client, plan, ["mittari;kausi;arvo", f"{indicators(plan)[0].pk};2026;1"])
    confirm(client, plan, action="cancel")
    assert actuals(plan) == []
    confirm(client, plan)  # the pending values went with the cancel
    assert actuals(plan) == []


def test_the_same_file_twice_gives_one_value_per_indicator_period_and_sub_series(client, personas, plan):
    first = indicators(plan)[0]
    client.force_login(personas.coordinator)
    lines = ["mittari;kausi;arvo;osasarja", f"{first.pk};2026;3;A", f"{first.pk};2026;4;B"]
    for _ in range(2):
        upload(client, plan, lines)
        confirm(client, plan)
    assert sorted((m.label, m.value) for m in actuals(plan)) == [("A", 3.0), ("B", 4.0)]
    assert ChangeRecord.objects.filter(object_type="measure").count() == 2


def test_xlsx_upload_is_read_like_csv(client, personas, plan):
    first = indicators(plan)[0]
    book = openpyxl.Workbook()
    book.active.append(["Mittari", "Kausi", "Arvo"])
    book.active.append([first.name, 2026, 42])
    out = io.BytesIO()
    book.save(out)
    client.force_login(personas.admin)
    client.post(
        reverse("values:bulk_upload", args=[plan.pk]), {"file": SimpleUploadedFile("a.xlsx", out.getvalue())}
    )
    confirm(client, plan)
    assert [(m.period, m.value) for m in actuals(plan)] == [("2026", 42.0)]


def test_closed_round_values_cannot_be_changed(client, personas, plan):
    make_rounds(plan, personas)  # the closed round reports on 2026-T1
    first = indicators(plan)[0]
    client.force_login(personas.coordinator)
    page = upload(client, plan, ["mittari;kausi;arvo", f"{first.pk};2026-T1;9"]).content.decode()
    assert "suljettu" in page.lower()
    confirm(client, plan)
    assert actuals(plan) == []


def test_template_lists_the_plans_indicators(client, personas, plan):
    client.force_login(personas.coordinator)
    body = client.get(reverse("values:bulk_template", args=[plan.pk, "csv"])).content.decode("utf-8-sig")
    assert body.splitlines()[0].startswith("mittari;nimi;kausi;arvo")
    assert all(i.name in body for i in indicators(plan))
    xlsx = client.get(reverse("values:bulk_template", args=[plan.pk, "xlsx"]))
    assert openpyxl.load_workbook(io.BytesIO(xlsx.content)).active["A1"].value == "mittari"


def test_unreadable_file_gets_a_message_not_an_error_page(client, personas, plan):
    client.force_login(personas.coordinator)
    response = client.post(
        reverse("values:bulk_upload", args=[plan.pk]),
        {"file": SimpleUploadedFile("a.xlsx", b"PK\x03\x04 rikki")},
    )
    assert response.status_code == 200
    assert "XLSX" in response.content.decode()
