"""The public site: pages for each kind of visitor, what they show, drafts kept out, CSV download."""

from __future__ import annotations

import pytest
from django.urls import reverse

from seuranta.plans.models import Plan
from tests.factories import make_organization, make_plan
from tests.public.conftest import public_urls
from tests.web.helpers import ROLES, client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "page", ["organization", "plan", "tree", "tree_search", "node", "statement", "feedback"]
)
def test_public_pages_open_for_everyone(client, personas, published, role, page):
    response = client_for(client, personas, role).get(public_urls(published)[page])
    assert response.status_code == 200
    assert "Saavutettavuusseloste" in response.content.decode()  # the footer link on every page


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["organization", "plan", "tree", "node", "statement"])
def test_read_only_public_pages_refuse_post(client, personas, published, role, page):
    response = client_for(client, personas, role).post(public_urls(published)[page])
    assert response.status_code == 405


def test_an_address_posting_the_public_forms_too_often_is_told_to_wait(client, personas, published):
    from seuranta.public.caching import POST_LIMIT
    from seuranta.public.models import Feedback

    url = public_urls(published)["feedback"]
    statuses = [client.post(url, {"message": f"Viesti {i}"}).status_code for i in range(POST_LIMIT + 1)]
    assert statuses[:POST_LIMIT] == [302] * POST_LIMIT and statuses[-1] == 429
    assert Feedback.objects.count() == POST_LIMIT


def test_organization_slug_is_made_from_the_name_without_umlauts(db):
    assert make_organization("Äänekosken kaupunki").slug == "aanekosken-kaupunki"


def test_two_organisations_with_similar_names_get_different_slugs(db):
    assert make_organization("Pori").slug != make_organization("PORI!").slug


def test_organization_page_lists_only_published_plans(client, personas, published):
    make_plan(1, state=Plan.State.DRAFT, title="Luonnos")
    page = client.get(public_urls(published)["organization"]).content.decode()
    assert published.title in page
    assert "Luonnos" not in page


def test_draft_plan_is_not_found_on_the_public_site(client, personas):
    draft = make_plan(1, state=Plan.State.DRAFT)
    response = client.get(reverse("public:plan", args=[draft.organization.slug, draft.pk]))
    assert response.status_code == 404


def test_plan_of_another_organisation_is_not_found_under_this_slug(client, personas, published):
    other = personas.other_organization
    assert client.get(reverse("public:plan", args=[other.slug, published.pk])).status_code == 404


def test_dashboard_shows_the_distribution_chart_with_its_table(client, personas, published):
    page = client.get(public_urls(published)["plan"]).content.decode()
    assert 'role="img"' in page and "Painopiste 1" in page
    assert "<caption" in page and '<th scope="row">Painopiste 1</th>' in page


def test_tree_filters_by_level(client, personas, published):
    url = public_urls(published)["tree"] + "?level=Tavoite"
    page = client.get(url).content.decode()
    assert "tree-item--match" in page and "Tavoite 1" in page


def test_tree_search_finds_an_action(client, personas, published):
    page = client.get(public_urls(published)["tree"] + "?q=Toimenpide%202").content.decode()
    assert "1 osuma" in page or "Toimenpide 2" in page


def test_csv_lists_every_item_with_its_status(client, personas, published):
    response = client.get(reverse("public:csv", args=[published.organization.slug, published.pk]))
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0].startswith("id;parent_id;level;title;status")
    assert len(text.splitlines()) == 1 + 1 + 1 + 3  # header, focus area, goal, three actions


def test_home_page_links_the_public_site(client, personas, published):
    page = client.get(reverse("home")).content.decode()
    assert reverse("public:plan", args=[published.organization.slug, published.pk]) in page


def test_language_link_sets_the_language_and_returns(client, personas, published):
    url = public_urls(published)["plan"]
    response = client.get(reverse("public:language", args=["sv"]) + f"?next={url}")
    assert response.status_code == 302 and response["Location"] == url
    assert "Sammanfattning" in client.get(url).content.decode()


def test_language_link_refuses_to_redirect_elsewhere(client, db):
    response = client.get(reverse("public:language", args=["sv"]) + "?next=https://example.com/")
    assert response["Location"] == reverse("public:index")


@pytest.mark.parametrize("lang", ["fi", "sv"])
@pytest.mark.parametrize("role", ["anonymous", "admin"])
def test_public_pages_in_finnish_and_swedish_show_no_english(client, personas, published, lang, role):
    from tests.test_translations import english_on_pages

    pages = {name: url for name, url in public_urls(published).items() if name != "index"}
    pages["settings"] = reverse("public_admin:site", args=[personas.organization.pk])
    pages["statement_edit"] = reverse("public_admin:statement", args=[personas.organization.pk])
    if role == "anonymous":
        pages = {k: v for k, v in pages.items() if k not in ("settings", "statement_edit")}
    assert not english_on_pages(client, personas, pages, lang, role)


def test_dashboard_counts_every_item_under_the_focus_area(client, personas, published):
    from seuranta.public.site import focus_area_distribution
    from seuranta.web.views import evaluated

    core_plan, evaluation = evaluated(published)
    (group,) = focus_area_distribution(core_plan, evaluation, "fi")
    assert group.name == "Painopiste 1" and group.total == 4  # the goal and its three actions


def test_dashboard_trend_shows_each_closed_round_from_its_snapshot(client, personas, published):
    from seuranta.monitoring.models import ReportingRound
    from tests.factories import make_rounds

    _open, closed = make_rounds(published, personas)
    page = client.get(public_urls(published)["plan"]).content.decode()
    counts = ReportingRound.objects.get(pk=closed.pk).snapshot["status_counts"]
    assert '<th scope="row">T1/2026</th>' in page and "Q1/2026" not in page  # the open round is left out
    import re

    from seuranta.web.statuses import STATUS_ORDER

    row = re.search(r'<th scope="row">T1/2026</th><td>[^<]*</td>(.*?)</tr>', page).group(1)
    cells = [int(n) for n in re.findall(r'<td class="number">(\d+)</td>', row)]
    assert cells == [counts.get(status, 0) for status in STATUS_ORDER] and sum(cells) == 3
