import pytest
from django.urls import reverse

from seuranta.core import model as core
from seuranta.plans.models import Node, Plan
from seuranta.plans.storage import store_plan
from tests.factories import make_plan
from tests.web.helpers import EDITORS, ROLES, client_for, count_queries

MEMBERS = ("viewer", "responsible", "coordinator", "admin")


def action_id(plan):
    return Node.objects.filter(plan=plan, level="Toimenpide").order_by("order").first().pk


@pytest.mark.parametrize("role", ROLES)
def test_published_plan_page_opens_for_everyone(client, personas, role):
    plan = make_plan(3)
    response = client_for(client, personas, role).get(reverse("plan", args=[plan.pk]))
    assert response.status_code == 200
    assert "Toimenpide 3" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_draft_plan_page_opens_only_for_members(client, personas, role):
    plan = make_plan(2, state=Plan.State.DRAFT)
    response = client_for(client, personas, role).get(reverse("plan", args=[plan.pk]))
    assert response.status_code == (200 if role in MEMBERS else 404)
    assert ("Toimenpide 2" in response.content.decode()) == (role in MEMBERS)


@pytest.mark.parametrize("role", ROLES)
def test_draft_node_page_opens_only_for_members(client, personas, role):
    plan = make_plan(2, state=Plan.State.DRAFT)
    response = client_for(client, personas, role).get(reverse("node", args=[action_id(plan)]))
    assert response.status_code == (200 if role in MEMBERS else 404)
    assert ("Mittari" in response.content.decode()) == (role in MEMBERS)


@pytest.mark.parametrize("role", ROLES)
def test_published_node_page_opens_for_everyone(client, personas, role):
    plan = make_plan(2)
    response = client_for(client, personas, role).get(reverse("node", args=[action_id(plan)]))
    assert response.status_code == 200
    assert "Mittari" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_edit_links_are_shown_only_to_editors(client, personas, role):
    plan = make_plan(2)
    content = client_for(client, personas, role).get(reverse("node", args=[action_id(plan)])).content.decode()
    assert (reverse("node_edit", args=[action_id(plan)]) in content) == (role in EDITORS)


@pytest.mark.parametrize("role", ROLES)
def test_home_lists_drafts_only_to_members(client, personas, role):
    make_plan(1, title="Julkaistu suunnitelma")
    make_plan(1, title="Luonnossuunnitelma", state=Plan.State.DRAFT)
    content = client_for(client, personas, role).get(reverse("home")).content.decode()
    assert "Julkaistu suunnitelma" in content
    assert ("Luonnossuunnitelma" in content) == (role in MEMBERS)


def test_home_shows_a_status_summary_per_plan(client, db):
    make_plan(2)
    content = client.get(reverse("home")).content.decode()
    assert "badge--" in content
    assert "toimenpide" in content.lower()


def test_plan_page_shows_status_badges_with_text(client, db):
    plan = make_plan(2)
    content = client.get(reverse("plan", args=[plan.pk])).content.decode()
    assert 'class="badge badge--' in content
    assert 'class="badge__icon" aria-hidden="true"' in content


def test_node_page_draws_an_accessible_chart_with_a_data_table(client, db):
    plan = make_plan(1)
    content = client.get(reverse("node", args=[action_id(plan)])).content.decode()
    assert 'class="chart chart-' in content and 'role="img"' in content
    assert "<title id=" in content and "<desc id=" in content
    assert "<table" in content and "Mittari 1.1" in content


def test_node_page_shows_milestones_and_change_history(client, personas):
    plan = make_plan(1)
    node = Node.objects.get(pk=action_id(plan))
    client.force_login(personas.coordinator)
    client.post(
        reverse("node_edit", args=[node.pk]),
        {
            "title": "Uusi otsikko",
            "level": "Toimenpide",
            "version": node.version,
            "responsible": "johtaja",
        },
    )
    content = client.get(reverse("node", args=[node.pk])).content.decode()
    assert "Osatavoite 1" in content
    assert "Uusi otsikko" in content and "coordinator" in content


def finnish_plan():
    nodes = [
        core.Node(
            level="Tavoite",
            title="Osaava henkilöstö",
            children=[
                core.Node(level="Toimenpide", title="Kehityskeskustelut käydään vuosittain"),
                core.Node(
                    level="Toimenpide",
                    title="Perehdytysmalli uudistetaan",
                    unit="Henkilöstöpalvelut",
                    responsible=["HR-johtaja"],
                ),
            ],
        ),
        core.Node(
            level="Tavoite",
            title="Talous tasapainossa",
            children=[
                core.Node(
                    level="Toimenpide",
                    title="Menot kuriin",
                    indicators=[core.Indicator(name="Työhyvinvointikyselyn tulos")],
                ),
            ],
        ),
    ]
    return core.Plan(
        title="Henkilöstöohjelma", organization="Testikaupunki", levels=["Tavoite", "Toimenpide"], nodes=nodes
    )


def test_search_finds_finnish_word_forms(client, db):
    plan = store_plan(finnish_plan(), state=Plan.State.PUBLISHED)
    content = client.get(reverse("plan", args=[plan.pk]), {"q": "kehityskeskustelu"}).content.decode()
    assert "Kehityskeskustelut käydään vuosittain" in content
    assert "Perehdytysmalli" not in content


def test_search_keeps_the_ancestors_of_matches_visible(client, db):
    plan = store_plan(finnish_plan(), state=Plan.State.PUBLISHED)
    content = client.get(reverse("plan", args=[plan.pk]), {"q": "kehityskeskustelu"}).content.decode()
    assert "Osaava henkilöstö" in content
    assert "Talous tasapainossa" not in content


def test_search_looks_into_indicator_names(client, db):
    plan = store_plan(finnish_plan(), state=Plan.State.PUBLISHED)
    content = client.get(reverse("plan", args=[plan.pk]), {"q": "työhyvinvointikyselyn"}).content.decode()
    assert "Menot kuriin" in content and "Kehityskeskustelut" not in content


def test_unit_filter_shows_only_that_units_items(client, db):
    plan = store_plan(finnish_plan(), state=Plan.State.PUBLISHED)
    content = client.get(reverse("plan", args=[plan.pk]), {"unit": "Henkilöstöpalvelut"}).content.decode()
    assert "Perehdytysmalli" in content and "Kehityskeskustelut" not in content


def test_responsible_filter_shows_only_their_items(client, db):
    plan = store_plan(finnish_plan(), state=Plan.State.PUBLISHED)
    content = client.get(reverse("plan", args=[plan.pk]), {"responsible": "HR-johtaja"}).content.decode()
    assert "Perehdytysmalli" in content and "Menot kuriin" not in content


def test_level_filter_shows_only_that_level_and_its_ancestors(client, db):
    plan = store_plan(finnish_plan(), state=Plan.State.PUBLISHED)
    content = client.get(reverse("plan", args=[plan.pk]), {"level": "Tavoite"}).content.decode()
    assert "Talous tasapainossa" in content and "Menot kuriin" not in content


def test_status_filter_hides_items_with_other_statuses(client, db):
    plan = store_plan(finnish_plan(), state=Plan.State.PUBLISHED)
    content = client.get(reverse("plan", args=[plan.pk]), {"status": "achieved"}).content.decode()
    assert "Kehityskeskustelut" not in content and 'class="tree"' not in content


def test_unknown_plan_gives_the_custom_404_page(client, db):
    response = client.get(reverse("plan", args=[999999]))
    assert response.status_code == 404
    assert 'class="error-page"' in response.content.decode()


def test_server_error_page_has_no_traceback(rf, db):
    from seuranta.web.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Traceback" not in response.content.decode() and 'class="error-page"' in response.content.decode()


def test_login_page_logs_a_member_in(client, personas):
    from tests.factories import PASSWORD

    response = client.post(reverse("login"), {"username": "viewer", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"].username == "viewer"


def test_login_with_a_wrong_password_says_so_and_keeps_the_username(client, personas):
    response = client.post(reverse("login"), {"username": "viewer", "password": "väärä"})
    assert response.status_code == 200
    assert 'value="viewer"' in response.content.decode() and "error-summary" in response.content.decode()


@pytest.mark.slow
@pytest.mark.parametrize("page", ["home", "plan", "plan_search", "node", "node_edit", "plan_settings"])
def test_page_query_count_does_not_grow_with_the_plan(client, personas, page):
    client.force_login(personas.coordinator)
    counts = []
    for size in (10, 1000):
        Plan.objects.all().delete()
        plan = make_plan(size)
        node = action_id(plan)
        url, data = {
            "home": (reverse("home"), {}),
            "plan": (reverse("plan", args=[plan.pk]), {}),
            "plan_search": (reverse("plan", args=[plan.pk]), {"q": "toimenpide", "status": "behind"}),
            "node": (reverse("node", args=[node]), {}),
            "node_edit": (reverse("node_edit", args=[node]), {}),
            "plan_settings": (reverse("plan_settings", args=[plan.pk]), {}),
        }[page]
        counts.append(count_queries(client, url, data=data))
    assert counts[0] == counts[1]


def make_plans(personas, count: int) -> None:
    """`count` plans, published and draft, in the personas' organisation and in another one."""
    for i in range(count):
        organization = personas.organization if i % 2 == 0 else personas.other_organization
        state = Plan.State.DRAFT if i % 3 == 2 else Plan.State.PUBLISHED
        make_plan(2, title=f"Suunnitelma {i + 1}", organization=organization, state=state)


@pytest.mark.parametrize("role", ["anonymous", "coordinator"])
def test_home_page_query_count_does_not_grow_with_the_number_of_plans(client, personas, role):
    client = client_for(client, personas, role)
    counts = []
    for count in (1, 8):
        Plan.objects.all().delete()
        make_plans(personas, count)
        counts.append(count_queries(client, reverse("home")))
    assert counts[0] == counts[1]


def test_home_page_lists_every_plan_the_coordinator_may_see(client, personas):
    make_plans(personas, 8)
    client.force_login(personas.coordinator)
    page = client.get(reverse("home")).content.decode()
    # Suunnitelma 6 is a draft of another organisation; the other seven are the coordinator's or published.
    assert [f"Suunnitelma {i}<" in page for i in range(1, 9)] == [True] * 5 + [False] + [True] * 2
