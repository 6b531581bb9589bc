"""A plan in the middle of its year, for the browser tests that visit every page type.

Three actions with a qualitative indicator (Ei / Valmistelussa / Kyllä), a numeric one and one
with sub-series (ala-aste / yläaste), values reported in a closed round (so the node pages draw
their charts and the responsible person has past reports), an open round, history, an item in
the recycle bin, an import draft to review and a public site. `year_pages(site)` gives every
page type each role reaches, by URL name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.test import Client
from django.urls import reverse

from seuranta.monitoring.models import RoundEntry
from seuranta.monitoring.reporting import EntryValues, close_round, open_round, save_entry
from seuranta.plans.models import ChangeRecord, Indicator, Measure, Node, Plan
from tests.factories import make_personas, make_plan

TITLE = "Konsernipalveluiden toiminnalliset tavoitteet 2026"
LONG_ACTION = "Henkilöstön työhyvinvointikyselyn tulosten käsittely jokaisessa työyhteisössä"


@dataclass
class YearSite:
    personas: object
    plan: Plan
    goal: Node
    action: Node
    qualitative: Indicator
    series: Indicator
    open_round: object
    closed_round: object
    open_entry: RoundEntry
    closed_entry: RoundEntry
    draft_id: int


def _measure(indicator, role, text, kind, value=None, *, period=None, label=None, order=0):
    Measure.objects.create(
        indicator=indicator,
        role=role,
        text=text,
        kind=kind,
        value=value,
        period=period,
        label=label,
        order=order,
    )


def _shape_indicators(action: Node) -> tuple[Indicator, Indicator]:
    qualitative, numeric, series = Indicator.objects.filter(node=action).order_by("order", "id")
    qualitative.name = "Työhyvinvointisuunnitelma on hyväksytty"
    qualitative.unit = ""
    qualitative.save()
    qualitative.measures.all().delete()
    _measure(qualitative, "baseline", "Ei", "state", period="2025")
    _measure(qualitative, "target", "Kyllä", "state", period="2027")
    series.name = "Koulupoissaolot oppilasta kohden"
    series.unit = "päivää"
    series.save()
    series.measures.all().delete()
    for order, (role, label, value, period) in enumerate(
        [
            ("baseline_series", "ala-aste", 17.4, "2025"),
            ("baseline_series", "yläaste", 20, "2025"),
            ("target", "ala-aste", 17, "2027"),
            ("target", "yläaste", 19, "2027"),
        ]
    ):
        text = f"{label}: {value}".replace(".", ",")
        _measure(series, role, text, "value", value, period=period, label=label, order=order)
    numeric.name = "Sairauspoissaolot henkilötyövuotta kohden"
    numeric.save()
    return qualitative, series


def _report(entry: RoundEntry, qualitative: Indicator, series: Indicator, user) -> None:
    values = EntryValues(
        values={qualitative.pk: ("Valmistelussa", "state", None)},
        series={series.pk: {"ala-aste": ("17,0", "value", 17.0), "yläaste": ("19,5", "value", 19.5)}},
        text="Kysely tehtiin helmikuussa; tulokset käsitellään työyhteisöissä keväällä.",
        phase="in_progress",
        verdict="partly",
    )
    save_entry(entry, values, user=user, version=entry.version, submit=True)


def _draft(personas) -> int:
    from seuranta.importing.models import ImportDraft

    plan = {
        "format": "seuranta-plan/1",
        "title": TITLE,
        "organization": None,
        "levels": ["Tavoite"],
        "sections": [],
        "nodes": [{"level": "Tavoite", "title": LONG_ACTION, "indicators": []}],
    }
    warning = {"code": "x", "message": "Tarkista.", "path": [LONG_ACTION], "indicator": None}
    return ImportDraft.objects.create(
        created_by=personas.coordinator,
        organization=personas.organization,
        file_name="konsernipalveluiden-toiminnalliset-tavoitteet-2026-luonnos.docx",
        plan=plan,
        warnings=[{**warning, "field": "title", "node": "0", "checked": False}],
    ).pk


def make_year_site() -> YearSite:
    from seuranta.public.models import PublicSite

    personas = make_personas()
    plan = make_plan(3, indicators_per_action=3, title=TITLE, organization=personas.organization)
    actions = list(Node.objects.filter(plan=plan, level="Toimenpide").order_by("order"))
    for action in actions:
        action.responsible_users.add(personas.responsible)
    action = actions[0]
    action.title = LONG_ACTION
    action.save()
    qualitative, series = _shape_indicators(action)
    closed = open_round(
        plan,
        title="T1/2026",
        period="2026-T1",
        deadline=date(2026, 5, 15),
        root=None,
        user=personas.coordinator,
    )
    closed_entry = RoundEntry.objects.get(round=closed, node=action)
    _report(closed_entry, qualitative, series, personas.responsible)
    close_round(closed, user=personas.coordinator, on=date(2026, 5, 20))
    opened = open_round(
        plan,
        title="Q3/2026",
        period="2026-Q3",
        deadline=date(2099, 10, 15),
        root=None,
        user=personas.coordinator,
    )
    ChangeRecord.objects.create(
        plan=plan,
        node=action,
        object_type="node",
        object_id=action.pk,
        action="changed",
        changes={"phase": ["", "in_progress"], "title": ["Toimenpide 1", LONG_ACTION]},
        user=personas.coordinator,
    )
    coordinator = Client()
    coordinator.force_login(personas.coordinator)
    coordinator.post(reverse("milestone_delete", args=[actions[2].milestones.first().pk]))  # to the bin
    PublicSite.objects.create(organization=plan.organization, accent="#5a1f63")
    return YearSite(
        personas=personas,
        plan=plan,
        goal=Node.objects.get(plan=plan, level="Tavoite"),
        action=action,
        qualitative=qualitative,
        series=series,
        open_round=opened,
        closed_round=closed,
        open_entry=RoundEntry.objects.get(round=opened, node=action),
        closed_entry=closed_entry,
        draft_id=_draft(personas),
    )


def year_pages(site: YearSite) -> dict[str | None, dict[str, str]]:
    """Role (None: anonymous) -> page name -> address: every page type that role reaches."""
    plan, action, org = site.plan, site.action, site.personas.organization
    slug = org.slug
    indicator = site.qualitative
    milestone = action.milestones.first()
    report = reverse("reports:plan_report", args=[plan.pk])
    reader = {
        "home": reverse("home"),
        "plan": reverse("plan", args=[plan.pk]),
        "search": reverse("plan", args=[plan.pk]) + "?q=kysely",
        "goal": reverse("node", args=[site.goal.pk]),
        "node": reverse("node", args=[action.pk]),
        "report_web": report + "?format=html",
        "report_annual": report + "?format=html&variant=annual",
    }
    public = {
        "public_index": reverse("public:index"),
        "public_organization": reverse("public:organization", args=[slug]),
        "public_plan": reverse("public:plan", args=[slug, plan.pk]),
        "public_tree": reverse("public:tree", args=[slug, plan.pk]) + "?q=kysely",
        "public_goal": reverse("public:node", args=[slug, site.goal.pk]),
        "public_node": reverse("public:node", args=[slug, action.pk]),
        "public_statement": reverse("public:statement", args=[slug]),
        "public_feedback": reverse("public:feedback", args=[slug]),
        "public_follow": reverse("public:follow_node", args=[slug, action.pk]),
    }
    anonymous = {"login": reverse("login"), "password_reset": reverse("password_reset"), **reader, **public}
    responsible = {
        **reader,
        "my_reports": reverse("monitoring:my_reports"),
        "report_form": reverse("monitoring:entry", args=[site.open_entry.pk]),
        "past_report": reverse("monitoring:entry", args=[site.closed_entry.pk]),
    }
    coordinator = {
        **responsible,
        "rounds": reverse("monitoring:rounds"),
        "open_round": reverse("monitoring:open_round", args=[plan.pk]),
        "round": reverse("monitoring:round", args=[site.open_round.pk]),
        "closed_round": reverse("monitoring:round", args=[site.closed_round.pk]),
        "correct_actuals": reverse("monitoring:correct_actuals", args=[site.closed_round.pk, action.pk]),
        "plan_settings": reverse("plan_settings", args=[plan.pk]),
        "plan_new": reverse("plan_new"),
        "node_add": reverse("node_add", args=[plan.pk]),
        "node_edit": reverse("node_edit", args=[action.pk]),
        "node_add_child": reverse("node_add_child", args=[site.goal.pk]),
        "node_delete": reverse("node_delete", args=[action.pk]),
        "indicator_add": reverse("indicator_add", args=[action.pk]),
        "indicator_edit": reverse("indicator_edit", args=[indicator.pk]),
        "indicator_delete": reverse("indicator_delete", args=[indicator.pk]),
        "milestone_add": reverse("milestone_add", args=[action.pk]),
        "milestone_edit": reverse("milestone_edit", args=[milestone.pk]),
        "milestone_delete": reverse("milestone_delete", args=[milestone.pk]),
        "recycle_bin": reverse("recycle_bin", args=[plan.pk]),
        "bulk_upload": reverse("values:bulk_upload", args=[plan.pk]),
        "survey_upload": reverse("values:survey_upload", args=[plan.pk]),
        "indicator_sources": reverse("values:indicator_sources", args=[site.series.pk]),
        "import_upload": reverse("importing:upload"),
        "import_review": reverse("importing:review", args=[site.draft_id]),
        "import_profile": reverse("importing:profile", args=[org.pk]),
    }
    admin = {
        **coordinator,
        "organizations": reverse("organizations:index"),
        "people": reverse("organizations:people", args=[org.pk]),
        "units": reverse("organizations:units", args=[org.pk]),
        "tokens": reverse("organizations:tokens", args=[org.pk]),
        "org_settings": reverse("values:organization_settings", args=[org.pk]),
        "public_site_settings": reverse("public_admin:site", args=[org.pk]),
        "public_statement_edit": reverse("public_admin:statement", args=[org.pk]),
        "public_feedback_list": reverse("public_admin:feedback", args=[org.pk]),
        "api_docs": reverse("api:docs"),
    }
    return {
        None: anonymous,
        "viewer": reader,
        "responsible": responsible,
        "coordinator": coordinator,
        "admin": admin,
    }
