"""Demo data: the five corpus plans, one organisation role per demo user.

`load_demo()` is idempotent: run again, it refreshes the demo users' passwords
and leaves plans that are already loaded alone.
"""

from __future__ import annotations

from importlib import resources

from django.contrib.auth import get_user_model
from django.db import transaction

from seuranta.core.interchange import load_plan
from seuranta.core.vocabulary import PlanKind
from seuranta.plans.models import Membership, Node, Organization, Plan
from seuranta.plans.storage import store_plan

# file stem -> plan kind
DEMO_PLANS = {
    "pori-konsernipalvelut-tavoitteet-2026": PlanKind.OPERATIONAL_GOALS,
    "pori-henkilostostrategia-2026": PlanKind.STRATEGY,
    "pori-sivistystoimiala-toteutuminen-q1-2023": PlanKind.PROGRESS_REPORT,
    "kokkola-henkilostoohjelma-2022-2025": PlanKind.PROGRAMME,
    "laitila-hallintotoimi-palvelusuunnitelma": PlanKind.SERVICE_PLAN,
}

DEMO_USERS = [
    # username, password, role, name
    ("admin", "seuranta-admin", Membership.Role.ADMIN, ("Aino", "Ylläpitäjä")),
    ("koordinaattori", "seuranta-koordinaattori", Membership.Role.COORDINATOR, ("Kalle", "Koordinaattori")),
    ("vastuuhenkilo", "seuranta-vastuuhenkilo", Membership.Role.RESPONSIBLE, ("Veera", "Vastuuhenkilö")),
    ("katselija", "seuranta-katselija", Membership.Role.VIEWER, ("Kaisa", "Katselija")),
]
DEMO_ORGANIZATION = "Porin kaupunki"
DEMO_WARNING = (
    "  VAROITUS: vain demokäyttöön / for demo use only. Nämä salasanat ovat julkisia (README); "
    "älä käytä tätä tietokantaa tuotannossa."
)


def demo_users_with_published_passwords() -> list[str]:
    """The demo users that can still log in with the password the README publishes."""
    users = {
        user.username: user
        for user in get_user_model().objects.filter(
            username__in=[username for username, *_ in DEMO_USERS], is_active=True
        )
    }
    return [
        username
        for username, password, *_ in DEMO_USERS
        if username in users and users[username].check_password(password)
    ]


def demo_plan_texts() -> dict[str, str]:
    folder = resources.files("seuranta") / "demo_plans"
    return {stem: (folder / f"{stem}.json").read_text(encoding="utf-8") for stem in DEMO_PLANS}


@transaction.atomic
def load_demo() -> str:
    loaded = []
    existing = set(Plan.objects.values_list("title", "organization__name"))
    for stem, text in demo_plan_texts().items():
        core_plan = load_plan(text)
        core_plan.kind = DEMO_PLANS[stem]
        if (core_plan.title, core_plan.organization) in existing:
            continue
        loaded.append(store_plan(core_plan, state=Plan.State.PUBLISHED))

    organization, _ = Organization.objects.get_or_create(name=DEMO_ORGANIZATION)
    User = get_user_model()
    lines = [
        "Seuranta-demo: viisi esimerkkisuunnitelmaa (Pori, Kokkola, Laitila).",
        "",
        f"Demokäyttäjät ({organization.name}):",
        DEMO_WARNING,
    ]
    for username, password, role, (first, last) in DEMO_USERS:
        user, _ = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.invalid"},
        )
        user.set_password(password)
        user.is_staff = role == Membership.Role.ADMIN
        user.is_superuser = role == Membership.Role.ADMIN
        user.save()
        Membership.objects.update_or_create(user=user, organization=organization, defaults={"role": role})
        lines.append(f"  {username:16} {password:26} {Membership.Role(role).label}")

    responsible = User.objects.get(username="vastuuhenkilo")
    if not responsible.responsible_nodes.exists():
        # The responsible demo user reports on every action of the Pori group services plan.
        actions = Node.objects.filter(
            plan__organization=organization, children__isnull=True, plan__kind=PlanKind.OPERATIONAL_GOALS
        )
        responsible.responsible_nodes.add(*actions)
    lines.append("")
    lines.append(f"Ladattiin {len(loaded)} uutta suunnitelmaa; tietokannassa on {Plan.objects.count()}.")
    lines.extend(load_demo_rounds())
    return "\n".join(lines)


DEMO_ROUND = ("Q1/2026", "2026-Q1")


def load_demo_rounds() -> list[str]:
    """An open reporting round on the Pori group services plan, so "My reports" has something to show."""
    from datetime import timedelta

    from django.utils import timezone

    from seuranta.monitoring.models import ReportingRound
    from seuranta.monitoring.reporting import open_round

    plan = Plan.objects.filter(organization__name=DEMO_ORGANIZATION, kind=PlanKind.OPERATIONAL_GOALS).first()
    if plan is None:
        return []
    title, period = DEMO_ROUND
    reporting_round = ReportingRound.objects.filter(plan=plan, title=title).first()
    if reporting_round is None:
        coordinator = get_user_model().objects.filter(username="koordinaattori").first()
        reporting_round = open_round(
            plan,
            title=title,
            period=period,
            deadline=timezone.localdate() + timedelta(days=14),
            root=None,
            user=coordinator,
        )
    return [
        f"Raportointikierros {title}: {reporting_round.entries.count()} raporttia pyydetty "
        f"({reporting_round.get_state_display()})."
    ]
