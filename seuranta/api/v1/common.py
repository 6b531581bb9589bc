"""What every API v1 operation shares: who is asking, what they may see, paging and errors.

Visibility is the web pages' (`seuranta.plans.access`): published plans for everyone,
drafts and archived plans for the members of the plan's organisation. A request with an
API token (`Authorization: Bearer ...`) also sees every plan of the token's organisation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import wraps

from django.db.models import Q
from django.utils.translation import gettext as _

from seuranta.api.models import ApiToken
from seuranta.api.tokens import find_token
from seuranta.plans.access import PlanAccess, plan_access
from seuranta.plans.models import Membership, Organization, Plan

MAX_ID = 2**63 - 1  # the largest id a database row can have
MAX_LIMIT = 500
MAX_OFFSET = 10**9
PAGING = ("limit", "offset")


class ApiError(Exception):
    """A refusal with an HTTP status and a message for the person reading the response."""

    def __init__(self, status: int, message: str, detail: list | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.detail = detail


def not_found(what: str | None = None) -> ApiError:
    return ApiError(404, what or _("No such object, or it is not public."))


def token_of(request) -> ApiToken | None:
    """The API token of the request; 401 for a bearer token that is unknown or revoked."""
    cached = getattr(request, "_api_token", False)
    if cached is not False:
        return cached
    header = request.headers.get("Authorization", "")
    token = None
    if header:
        scheme, _sep, secret = header.partition(" ")
        if scheme.lower() != "bearer" or (token := find_token(secret.strip())) is None:
            raise ApiError(401, _("The API token is unknown or has been revoked."))
    request._api_token = token
    return token


@dataclass(frozen=True)
class Reader:
    """Who reads: a signed-in user or anonymous visitor, and perhaps an API token."""

    user: object
    token: ApiToken | None

    def plans(self):
        visible = Plan.objects.visible_to(self.user)
        if self.token is None:
            return visible
        return Plan.objects.filter(
            Q(pk__in=visible.values("pk")) | Q(organization_id=self.token.organization_id)
        )

    def organizations(self):
        """Organisations with a plan the reader may see, and those the reader belongs to."""
        if getattr(self.user, "is_superuser", False):
            return Organization.objects.all()
        ids = Q(pk__in=self.plans().filter(organization__isnull=False).values("organization_id"))
        if self.user.is_authenticated:
            ids |= Q(pk__in=Membership.objects.active().filter(user=self.user).values("organization_id"))
        if self.token is not None:
            ids |= Q(pk=self.token.organization_id)
        return Organization.objects.filter(ids)

    def access(self, plan: Plan) -> PlanAccess:
        access = plan_access(self.user, plan)
        if self.token is not None and plan.organization_id == self.token.organization_id:
            # A token reads its organisation's plans and rounds like a coordinator, and writes values.
            return PlanAccess(
                role=access.role or Membership.Role.VIEWER,
                can_view=True,
                can_edit=False,
                can_coordinate=True,
                can_report=plan.state != Plan.State.ARCHIVED,
            )
        return access

    def plan(self, plan_id: int) -> tuple[Plan, PlanAccess]:
        """The plan if the reader may see it; 404 otherwise, so a draft's existence does not leak."""
        plan = Plan.objects.select_related("organization").filter(pk=plan_id).first()
        if plan is None:
            raise not_found(_("No such plan, or it is not public."))
        access = self.access(plan)
        if not access.can_view:
            raise not_found(_("No such plan, or it is not public."))
        return plan, access


def reader(request) -> Reader:
    return Reader(request.user, token_of(request))


def known_parameters(*names: str):
    """Refuse (400) a query parameter the operation does not know, rather than silently ignoring it."""
    allowed = set(names)

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            unknown = sorted(set(request.GET) - allowed)
            if unknown:
                raise ApiError(
                    400,
                    _("Unknown query parameter: %(names)s. Known parameters: %(known)s.")
                    % {"names": ", ".join(unknown), "known": ", ".join(sorted(allowed)) or "–"},
                )
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def page(request, items, limit: int, offset: int, count: int | None = None) -> dict:
    """A page of a queryset or list, with links to the neighbouring pages."""
    if count is None:
        count = len(items) if isinstance(items, list) else items.count()
    rows = list(items[offset : offset + limit])

    def link(start: int) -> str:
        query = request.GET.copy()
        query["limit"], query["offset"] = str(limit), str(start)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": link(offset + limit) if offset + limit < count else None,
        "previous": link(max(offset - limit, 0)) if offset > 0 else None,
        "results": rows,
    }


def finite(value: float | None) -> float | None:
    """JSON has no NaN or Infinity: such a stored value is given as null."""
    return value if value is None or math.isfinite(value) else None
