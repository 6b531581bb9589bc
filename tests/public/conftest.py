import pytest

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """The e-mail tasks run at once in tests, whatever backend the deployment uses."""
    settings.TASKS = IMMEDIATE


@pytest.fixture
def published(personas):
    from tests.factories import make_plan

    return make_plan(3)


def public_urls(plan) -> dict[str, str]:
    from django.urls import reverse

    from seuranta.plans.models import Node

    slug = plan.organization.slug
    node = Node.objects.filter(plan=plan, level="Tavoite").first()
    return {
        "index": reverse("public:index"),
        "organization": reverse("public:organization", args=[slug]),
        "plan": reverse("public:plan", args=[slug, plan.pk]),
        "tree": reverse("public:tree", args=[slug, plan.pk]),
        "tree_search": reverse("public:tree", args=[slug, plan.pk]) + "?q=toimenpide&status=no_data",
        "node": reverse("public:node", args=[slug, node.pk]),
        "statement": reverse("public:statement", args=[slug]),
        "feedback": reverse("public:feedback", args=[slug]),
        "follow": reverse("public:follow_node", args=[slug, node.pk]),
    }
