"""Who may do what with a plan: the one place where roles turn into permissions.

Views call `plan_access(user, plan)` (or the `get_plan_for` helper) and get
the object together with what the user may do with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from seuranta.plans.models import Membership, Node, Organization, Plan


@dataclass(frozen=True)
class PlanAccess:
    """What one user may do with one plan."""

    role: str | None  # the user's role in the plan's organisation, or None
    can_view: bool
    can_edit: bool  # change the plan's content and settings
    can_coordinate: bool  # run reporting rounds, see everyone's reports
    can_report: bool  # report on at least the nodes assigned to them
    is_superuser: bool = False


REPORTING_ROLES = (Membership.Role.ADMIN, Membership.Role.COORDINATOR, Membership.Role.RESPONSIBLE)


def may_report(users, plan: Plan) -> list:
    """Those of `users` who may report on the plan (and so open its reports): superusers and the members of
    its organisation with a reporting role, while the plan is not archived. One query whatever their number."""
    users = list(users)
    if plan.state == Plan.State.ARCHIVED or not users:
        return []
    members = (
        set(
            Membership.objects.active()
            .filter(
                organization_id=plan.organization_id,
                role__in=REPORTING_ROLES,
                user__in=[u.pk for u in users],
            )
            .values_list("user_id", flat=True)
        )
        if plan.organization_id
        else set()
    )
    return [u for u in users if u.is_superuser or u.pk in members]


def user_role(user, organization_id: int | None) -> str | None:
    if not user.is_authenticated or organization_id is None:
        return None
    return (
        Membership.objects.active()
        .filter(user=user, organization_id=organization_id)
        .values_list("role", flat=True)
        .first()
    )


def plan_access(user, plan: Plan, *, role: str | None = None) -> PlanAccess:
    if user.is_authenticated and user.is_superuser:
        return PlanAccess(Membership.Role.ADMIN, True, True, True, True, is_superuser=True)
    role = role if role is not None else user_role(user, plan.organization_id)
    published = plan.state == Plan.State.PUBLISHED
    manages = role in (Membership.Role.ADMIN, Membership.Role.COORDINATOR)
    # can_report must agree with may_report() above, which decides who gets reminders.
    return PlanAccess(
        role=role,
        can_view=published or role is not None,
        can_edit=manages and plan.state != Plan.State.ARCHIVED,
        can_coordinate=manages,
        can_report=role in REPORTING_ROLES and plan.state != Plan.State.ARCHIVED,
    )


def get_plan_for(user, plan_id: int) -> tuple[Plan, PlanAccess]:
    """The plan and the user's access to it; 404 when it does not exist or may not be seen.

    A plan the user may not see is reported as missing, so its existence does not leak.
    """
    plan = Plan.objects.select_related("organization").filter(pk=plan_id).first()
    if plan is None:
        raise Http404
    access = plan_access(user, plan)
    if not access.can_view:
        raise Http404
    return plan, access


def get_node_for(user, node_id: int) -> tuple[Node, Plan, PlanAccess]:
    """A node, its plan and the user's access to the plan; 404 when missing or not visible."""
    node = Node.objects.select_related("plan__organization").filter(pk=node_id).first()
    if node is None:
        raise Http404
    access = plan_access(user, node.plan)
    if not access.can_view:
        raise Http404
    return node, node.plan, access


def managed_organizations(user):
    """Organisations in which the user may create plans (administrators and coordinators)."""
    if not user.is_authenticated:
        return Organization.objects.none()
    if user.is_superuser:
        return Organization.objects.all()
    return Organization.objects.filter(
        memberships__user=user,
        memberships__active=True,
        memberships__role__in=[Membership.Role.ADMIN, Membership.Role.COORDINATOR],
    ).distinct()


def administered_organizations(user):
    """Organisations whose units and people the user may manage: their administrators; the superuser all."""
    if not user.is_authenticated:
        return Organization.objects.none()
    if user.is_superuser:
        return Organization.objects.all()
    return Organization.objects.filter(
        memberships__user=user,
        memberships__active=True,
        memberships__role=Membership.Role.ADMIN,
    ).distinct()


@dataclass(frozen=True)
class NavigationRights:
    """Which of the main navigation's pages the user may use, from one read of their roles."""

    my_reports: bool  # seuranta.monitoring.views.my_reports: anyone who may report somewhere
    rounds: bool  # monitoring rounds: managed_organizations
    import_plans: bool  # importing upload: managed_organizations
    organization_settings: bool  # seuranta.organizations: administered_organizations


def navigation_rights(user) -> NavigationRights:
    if not user.is_authenticated:
        return NavigationRights(False, False, False, False)
    if user.is_superuser:
        return NavigationRights(True, True, True, True)
    roles = set(Membership.objects.active().filter(user=user).values_list("role", flat=True))
    manages = bool(roles & {Membership.Role.ADMIN, Membership.Role.COORDINATOR})
    return NavigationRights(
        my_reports=manages or Membership.Role.RESPONSIBLE in roles,
        rounds=manages,
        import_plans=manages,
        organization_settings=Membership.Role.ADMIN in roles,
    )
