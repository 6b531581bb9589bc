"""Importing a document as the translation of an existing plan ("This is a translation of an
existing plan" in the import review): the match shown, corrected and confirmed, and who may.

The Finnish plan and its Swedish counterpart are tests/data/translation (synthetic, see its README).
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from seuranta.core.parsing import parse_file
from seuranta.importing.models import ImportDraft
from seuranta.plans.models import ChangeRecord, Indicator, Node, Plan
from seuranta.plans.storage import load_core_plan, store_plan
from tests.conftest import DATA
from tests.web.helpers import ROLES, client_for, count_queries

TRANSLATION = DATA / "translation"
FINNISH = TRANSLATION / "meriniemi-hyvinvointiohjelma-2026.txt"
SWEDISH = TRANSLATION / "meriniemi-valfardsprogram-2026.txt"
MANAGERS = ("coordinator", "admin")


class _Form(HTMLParser):
    """The values a browser would post from the page's POST form: hidden and checked inputs, selected options."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, str] = {}
        self.select: str | None = None
        self.in_post = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.in_post = (a.get("method") or "").lower() == "post"
        if not self.in_post or "disabled" in a:
            return
        if tag == "input" and a.get("name") and (a.get("type") != "checkbox" or "checked" in a):
            self.data[a["name"]] = a.get("value") or ""
        elif tag == "select":
            self.select = a.get("name")
            self.data.setdefault(self.select or "", "")
        elif tag == "option" and self.select and "selected" in a:
            self.data[self.select] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "form":
            self.in_post = False


def form_data(response) -> dict[str, str]:
    parser = _Form()
    parser.feed(response.content.decode())
    return parser.data


def finnish_plan(personas, path=FINNISH) -> Plan:
    return store_plan(parse_file(path).plan, organization=personas.organization, state=Plan.State.PUBLISHED)


def swedish_draft(personas, plan=None) -> ImportDraft:
    parsed = parse_file(SWEDISH).plan.to_dict()
    if plan is not None:
        parsed = plan
    return ImportDraft.objects.create(
        created_by=personas.coordinator,
        organization=personas.organization,
        file_name=SWEDISH.name,
        plan=parsed,
    )


def url(draft, plan, lang="sv") -> str:
    return reverse("importing:translation", args=[draft.pk]) + f"?plan={plan.pk}&lang={lang}"


def confirm(client, draft, plan, **changes) -> object:
    data = form_data(client.get(url(draft, plan))) | {"action": "confirm"} | changes
    return client.post(reverse("importing:translation", args=[draft.pk]), data)


def plain_document(plan: Plan) -> dict:
    """The plan's export without its translations: what must not change."""

    def strip(obj):
        if isinstance(obj, dict):
            return {k: strip(v) for k, v in obj.items() if k != "translations"}
        if isinstance(obj, list):
            return [strip(v) for v in obj]
        return obj

    return strip(load_core_plan(Plan.objects.get(pk=plan.pk)).to_dict())


def test_the_review_offers_the_organisations_plans_to_translate(client, personas):
    plan = finnish_plan(personas)
    draft = swedish_draft(personas)
    client.force_login(personas.coordinator)
    page = client.get(reverse("importing:review", args=[draft.pk])).content.decode()
    assert "Tämä on olemassa olevan suunnitelman käännös" in page
    assert f'<option value="{plan.pk}">' in page


@pytest.mark.parametrize("role", ROLES)
def test_the_match_page_opens_only_for_the_organisations_coordinators_and_admins(client, personas, role):
    plan = finnish_plan(personas)
    draft = swedish_draft(personas)
    response = client_for(client, personas, role).get(url(draft, plan))
    assert response.status_code == {"coordinator": 200, "admin": 200, "anonymous": 302}.get(role, 404)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_organisations_coordinators_and_admins_can_confirm(client, personas, role):
    plan = finnish_plan(personas)
    draft = swedish_draft(personas)
    client.force_login(personas.coordinator)
    data = form_data(client.get(url(draft, plan))) | {"action": "confirm"}
    client.logout()
    response = client_for(client, personas, role).post(
        reverse("importing:translation", args=[draft.pk]), data
    )
    translated = Node.objects.filter(plan=plan).exclude(translations={}).exists()
    assert translated == (role in MANAGERS)
    if role not in MANAGERS:
        assert response.status_code == (302 if role == "anonymous" else 404)
        assert ImportDraft.objects.filter(pk=draft.pk).exists()


def test_a_plan_of_another_organisation_is_not_offered_nor_reachable(client, personas):
    other = store_plan(parse_file(FINNISH).plan, organization=personas.other_organization)
    draft = swedish_draft(personas)
    client.force_login(personas.coordinator)
    assert client.get(url(draft, other)).status_code == 404
    page = client.get(reverse("importing:review", args=[draft.pk])).content.decode()
    assert f'<option value="{other.pk}">' not in page


def test_the_plans_own_language_is_refused_with_a_message(client, personas):
    plan = finnish_plan(personas)
    draft = swedish_draft(personas)
    client.force_login(personas.coordinator)
    response = client.get(url(draft, plan, lang="fi"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("importing:review", args=[draft.pk])
    assert "kieli" in response.content.decode()


def test_the_match_is_shown_side_by_side(client, personas):
    plan = finnish_plan(personas)
    draft = swedish_draft(personas)
    client.force_login(personas.coordinator)
    page = client.get(url(draft, plan)).content.decode()
    row = page[page.index('id="n0.1"') : page.index('id="n1"')]
    assert 'lang="fi">Kiusaaminen vähenee kouluissa</strong>' in row
    assert 'lang="sv" id="t0.1">Mobbningen i skolorna minskar</strong>' in row
    assert "Andelen som blivit mobbade" in row and "Kiusatuksi tulleiden osuus" in row
    assert "Tiedoston 8 kohdasta 8 sai vastineen" in page  # every item of the document has a pair


def test_confirming_stores_the_swedish_texts_and_nothing_else(client, personas):
    plan = finnish_plan(personas)
    before, stamp = plain_document(plan), plan.updated_at
    draft = swedish_draft(personas)
    client.force_login(personas.coordinator)
    response = confirm(client, draft, plan)
    assert response.status_code == 302 and response.url == reverse("plan", args=[plan.pk])
    goal = Node.objects.get(plan=plan, title="Kiusaaminen vähenee kouluissa")
    assert goal.translations == {"sv": {"title": "Mobbningen i skolorna minskar"}}
    assert Indicator.objects.get(node=goal).translations == {"sv": {"name": "Andelen som blivit mobbade"}}
    assert all(n.translations.get("sv", {}).get("title") for n in Node.objects.filter(plan=plan))
    plan.refresh_from_db()
    assert plan.translations["sv"]["title"] == "Välfärdsprogram 2026–2028"
    assert plain_document(plan) == before  # nothing else changed
    assert plan.updated_at > stamp  # the content version moved: cached pages are read again
    assert not ImportDraft.objects.filter(pk=draft.pk).exists()


def test_confirming_records_each_change_in_the_history(client, personas):
    plan = finnish_plan(personas)
    draft = swedish_draft(personas)
    client.force_login(personas.coordinator)
    confirm(client, draft, plan)
    records = ChangeRecord.objects.filter(plan=plan)
    assert records.filter(object_type="plan", changes__file=[None, SWEDISH.name]).exists()
    goal = Node.objects.get(plan=plan, title="Päästöt vähenevät")
    record = records.get(object_type="node", object_id=goal.pk)
    assert record.changes["translations"] == [{}, {"sv": {"title": "Utsläppen minskar"}}]
    assert record.user == personas.coordinator
    assert records.filter(object_type="indicator").count() == 5


def test_a_description_the_plan_does_not_have_is_not_imported(client, personas):
    plan = finnish_plan(personas)
    draft = swedish_draft(personas)  # its baselines and targets were read as descriptions
    client.force_login(personas.coordinator)
    page = client.get(url(draft, plan)).content.decode()
    assert "Suunnitelmassa ei ole tässä kuvausta" in page
    confirm(client, draft, plan)
    assert not any("description" in n.translations.get("sv", {}) for n in Node.objects.filter(plan=plan))


def test_changing_a_counterpart_shows_the_matches_again_before_saving(client, personas):
    plan = finnish_plan(personas)
    draft = swedish_draft(personas)
    first, second = Node.objects.filter(plan=plan, parent=None).order_by("order")[:2]
    client.force_login(personas.coordinator)
    response = confirm(client, draft, plan, **{"node-0": str(second.pk), "node-1": str(first.pk)})
    assert response.status_code == 200
    assert not Node.objects.filter(plan=plan).exclude(translations={}).exists()
    assert "valitsit itse" in response.content.decode()
    data = form_data(response) | {"action": "confirm"}
    assert client.post(reverse("importing:translation", args=[draft.pk]), data).status_code == 302
    second.refresh_from_db()
    assert second.translations["sv"]["title"] == "Barn och unga mår bra"


def test_a_skipped_item_gets_no_translation(client, personas):
    plan = finnish_plan(personas)
    draft = swedish_draft(personas)
    client.force_login(personas.coordinator)
    response = confirm(client, draft, plan, **{"node-2.1": ""})
    data = form_data(response) | {"action": "confirm"}
    client.post(reverse("importing:translation", args=[draft.pk]), data)
    assert Node.objects.get(plan=plan, title="Järvet ovat uimakelpoisia").translations == {}
    assert Node.objects.get(plan=plan, title="Päästöt vähenevät").translations["sv"]


def test_a_counterpart_chosen_twice_is_refused(client, personas):
    plan = finnish_plan(personas)
    draft = swedish_draft(personas)
    first = Node.objects.get(plan=plan, parent=None, order=0)
    client.force_login(personas.coordinator)
    data = form_data(client.get(url(draft, plan)))
    for address in ("0", "1"):  # both chosen by hand, as a page shown after "Update the matches" has them
        data |= {
            f"node-{address}": str(first.pk),
            f"shown-{address}": str(first.pk),
            f"pinned-{address}": "1",
        }
    data["action"] = "confirm"
    response = client.post(reverse("importing:translation", args=[draft.pk]), data)
    assert response.status_code == 400
    assert "Valitse kullekin eri vastine" in response.content.decode()
    assert not Node.objects.filter(plan=plan).exclude(translations={}).exists()


def test_a_plan_changed_meanwhile_is_not_written(client, personas):
    plan = finnish_plan(personas)
    draft = swedish_draft(personas)
    client.force_login(personas.coordinator)
    data = form_data(client.get(url(draft, plan))) | {"action": "confirm"}
    Plan.objects.filter(pk=plan.pk).update(updated_at=plan.updated_at.replace(year=2030))
    response = client.post(reverse("importing:translation", args=[draft.pk]), data)
    assert response.status_code == 409
    assert not Node.objects.filter(plan=plan).exclude(translations={}).exists()
    assert ImportDraft.objects.filter(pk=draft.pk).exists()


def test_items_of_the_document_without_a_counterpart_are_listed(client, personas):
    plan = finnish_plan(personas)
    document = parse_file(SWEDISH).plan.to_dict()
    extra = {"level": "Tavoite", "title": "Kulturen blomstrar", "children": [{"level": "Toimenpide", "title": "Fler konserter"}]}  # fmt: skip
    document["nodes"].insert(1, extra)
    draft = swedish_draft(personas, plan=document)
    client.force_login(personas.coordinator)
    page = client.get(url(draft, plan)).content.decode()
    summary = page[page.index("tmatch-summary") : page.index("</div>", page.index("tmatch-summary"))]
    assert "Kulturen blomstrar" in summary and "Fler konserter" in summary
    confirm(client, draft, plan)
    assert not any(
        "Kulturen" in str(n.translations) or "konserter" in str(n.translations)
        for n in Node.objects.filter(plan=plan)
    )


def test_the_match_page_takes_the_same_queries_whatever_the_plans_size(client, personas):
    from tests.factories import core_plan

    client.force_login(personas.coordinator)
    counts = []
    for actions in (2, 12):
        plan = store_plan(core_plan(actions), organization=personas.organization)
        draft = swedish_draft(personas, plan=core_plan(actions).to_dict())
        counts.append(count_queries(client, url(draft, plan)))
        data = form_data(client.get(url(draft, plan))) | {"action": "confirm"}
        counts.append(count_queries(client, reverse("importing:translation", args=[draft.pk]), "post", data))
    assert counts[0] == counts[2] and counts[1] == counts[3], counts
    assert counts[0] <= 20 and counts[1] <= 35, counts


def test_an_edit_form_opened_before_the_import_does_not_overwrite_it(client, personas):
    plan = finnish_plan(personas)
    node = Node.objects.get(plan=plan, title="Päästöt vähenevät")
    stale = {"title": node.title, "level": node.level, "description": "", "unit_name": "", "schedule": ""}
    stale |= {"responsible": "\n".join(node.responsible), "phase": node.phase, "version": node.version}
    client.force_login(personas.coordinator)
    confirm(client, swedish_draft(personas), plan)
    client.post(reverse("node_edit", args=[node.pk]), stale | {"title__sv": ""})
    node.refresh_from_db()
    assert node.translations == {"sv": {"title": "Utsläppen minskar"}}  # the stale form was a conflict


def test_the_public_page_in_swedish_shows_the_imported_texts_at_once(client, personas):
    """The public pages read the plan from the cache kept per content version: the import moves it."""
    from django.conf import settings

    plan = finnish_plan(personas)
    node = Node.objects.get(plan=plan, title="Päästöt vähenevät")
    page = reverse("public:node", args=[personas.organization.slug, node.pk])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    assert "Utsläppen minskar" not in client.get(page).content.decode()  # the plan is now cached
    client.force_login(personas.coordinator)
    confirm(client, swedish_draft(personas), plan, **{"include-title": ""})  # the plan row itself unchanged
    assert Plan.objects.get(pk=plan.pk).version == plan.version
    client.logout()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    assert "Utsläppen minskar" in client.get(page).content.decode()


def test_a_skipped_indicator_gets_no_translation_while_its_goal_does(client, personas):
    plan = finnish_plan(personas)
    client.force_login(personas.coordinator)
    response = confirm(client, swedish_draft(personas), plan, **{"indicators-0.1-0": ""})
    assert response.status_code == 302
    goal = Node.objects.get(plan=plan, title="Kiusaaminen vähenee kouluissa")
    assert goal.translations["sv"]["title"] == "Mobbningen i skolorna minskar"
    assert Indicator.objects.get(node=goal).translations == {}
    assert Indicator.objects.exclude(translations={}).filter(node__plan=plan).count() == 4


def test_a_bilingual_json_document_keeps_its_languages_through_the_upload(client, personas):
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.plans.test_plan_format_languages import bilingual

    client.force_login(personas.coordinator)
    document = SimpleUploadedFile("kaksikielinen.json", json.dumps(bilingual()).encode())
    client.post(reverse("importing:upload"), {"document": document, "organization": personas.organization.pk})
    draft = ImportDraft.objects.get()
    client.post(reverse("importing:save", args=[draft.pk]))
    plan = Plan.objects.get(title="Hyvinvointiohjelma")
    assert plan.required_languages == ["sv"] and plan.translations["sv"]["title"] == "Välfärdsprogram"
    goal = Node.objects.get(plan=plan, title="Harrastus kaikille")
    assert goal.translations["sv"] == {
        "title": "En hobby för alla",
        "description": "Varje barn har en hobby.",
    }
    assert Indicator.objects.get(node=goal).translations == {"sv": {"name": "Andelen som har en hobby"}}
