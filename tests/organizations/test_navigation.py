"""The main navigation offers each person only what they may use, and every link it offers works for them."""

import re

import pytest
from django.urls import reverse

from tests.organizations.conftest import log_in

MY_REPORTS, ROUNDS = reverse("monitoring:my_reports"), reverse("monitoring:rounds")
IMPORT, SETTINGS = reverse("importing:upload"), reverse("organizations:index")

EXPECTED = {
    "anonymous": set(),
    "viewer": set(),
    "responsible": {MY_REPORTS},
    "coordinator": {MY_REPORTS, ROUNDS, IMPORT},
    "admin": {MY_REPORTS, ROUNDS, IMPORT, SETTINGS},
    "outsider": {MY_REPORTS, ROUNDS, IMPORT, SETTINGS},  # an administrator of their own organisation
}


def nav_links(html: str) -> set[str]:
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    return set(re.findall(r'href="([^"]+)"', nav)) - {reverse("home")}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_navigation_shows_only_the_pages_the_role_may_use(client, org, role):
    html = log_in(client, org.personas, role).get(reverse("home")).content.decode()
    assert nav_links(html) == EXPECTED[role]


@pytest.mark.parametrize("role", list(EXPECTED))
def test_every_navigation_link_opens_for_the_person_it_is_shown_to(client, org, role):
    log_in(client, org.personas, role)
    for url in EXPECTED[role]:
        response = client.get(url, follow=True)
        assert response.status_code == 200, (role, url)


def test_a_former_member_sees_no_links_of_their_old_role(client, org):
    org.memberships["coordinator"].active = False
    org.memberships["coordinator"].save()
    html = log_in(client, org.personas, "coordinator").get(reverse("home")).content.decode()
    assert nav_links(html) == set()


def test_the_superuser_sees_every_link(client, org, django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.invalid", "x-pass-123456")
    client.login(username="root", password="x-pass-123456")
    assert nav_links(client.get(reverse("home")).content.decode()) == {MY_REPORTS, ROUNDS, IMPORT, SETTINGS}


def test_the_navigation_costs_one_query(client, org, django_assert_num_queries):
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = org.personas.admin
    template = Template("{% load seuranta_web %}{% navigation as a %}{% navigation as b %}{{ a.rounds }}")
    with django_assert_num_queries(1):
        assert template.render(Context({"request": request})) == "True"
