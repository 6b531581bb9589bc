"""API v1 (django-ninja): OpenAPI 3.1 at /api/openapi.json, the operations under /api/v1/.

django-ninja rather than DRF with drf-spectacular: it writes OpenAPI 3.1 from the type
hints of plain function views (the project's view style), validates input with pydantic
(bad input is a 400 naming the field, never a 500), and ships its documentation UI's
assets, which are served from here (no CDN). See docs/api.md.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from seuranta.api.v1 import plans, rounds, tree, values
from seuranta.api.v1.common import ApiError

api = NinjaAPI(
    title="Seuranta API",
    version="1",
    description=(
        "Plans, their goal trees, indicators with their measures, statuses with reasons and reporting "
        "rounds of Finnish municipalities' strategies. Published plans are open data; drafts need a "
        "member's session or an API token of the plan's organisation. Values are written with a token."
    ),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs/",
)
for module in (plans, tree, rounds, values):
    api.add_router("/v1", module.router)


def error(request, status: int, message: str, detail=None):
    body = {"error": message, "detail": detail}
    response = api.create_response(request, body, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


@api.exception_handler(ApiError)
def api_error(request, exc: ApiError):
    return error(request, exc.status, exc.message, exc.detail)


@api.exception_handler(ValidationError)
def invalid(request, exc: ValidationError):
    detail = [
        {
            "loc": [str(part) for part in e.get("loc", ())],
            "msg": str(e.get("msg", "")),
            "type": str(e.get("type", "")),
        }
        for e in exc.errors
    ]
    names = ", ".join(".".join(p for p in d["loc"][1:] if p != "payload") or d["loc"][0] for d in detail)
    return error(request, 400, _("Invalid input: %(fields)s.") % {"fields": names}, detail)


@api.exception_handler(AuthenticationError)
def unauthorized(request, exc):
    return error(request, 401, values.unauthorized_message())


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    """django-ninja's own refusals, such as a request body that is not JSON, in the API's error shape."""
    message = _("The request body is not valid JSON.") if exc.status_code == 400 else str(exc.message)
    return error(request, exc.status_code, message)
