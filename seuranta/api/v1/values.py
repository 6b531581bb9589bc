"""API v1: writing actual values with an organisation's API token (see seuranta.api.values)."""

from django.utils.translation import gettext as _
from ninja import Path, Router
from ninja.security import HttpBearer

from seuranta.api.tokens import find_token
from seuranta.api.v1 import schemas
from seuranta.api.v1.common import MAX_ID, ApiError, known_parameters
from seuranta.api.values import ValueItem, ValuesRefused, refusal_message, store_token_values


class TokenAuth(HttpBearer):
    """`Authorization: Bearer seuranta_...`: an API token created in the organisation settings."""

    def authenticate(self, request, token):
        found = find_token(token)
        if found is not None:
            request._api_token = found
        return found


router = Router(tags=["writing values"], auth=TokenAuth())
ERRORS = {
    400: schemas.Error,
    401: schemas.Error,
    403: schemas.Error,
    404: schemas.Error,
    409: schemas.Error,
}


def store(request, items: list[ValueItem]) -> dict:
    try:
        outcomes = store_token_values(request.auth, items)
    except ValuesRefused as refused:
        detail = [{"index": n, "status": status, "error": message} for n, status, message in refused.problems]
        raise ApiError(refused.status, refusal_message(refused), detail) from None
    counts = {
        kind: sum(1 for o in outcomes if o.result == kind) for kind in ("created", "updated", "unchanged")
    }
    return {**counts, "values": [o.__dict__ for o in outcomes]}


@router.post(
    "/values",
    response={200: schemas.ValuesOut, **ERRORS},
    url_name="values",
    summary="Write actual values (an idempotent upsert, all or nothing)",
    description="Up to 1,000 values of the token's organisation's indicators. A value is identified by its "
    "indicator, period and sub-series `label`: sending it again updates it, or changes nothing when it is "
    "the same. If any value is refused, none is written: 403 for another organisation's indicator, 404 for "
    "an unknown one, 409 for a period a closed reporting round covers, 400 for a bad period; `detail` names "
    "each refused value by its index.",
)
@known_parameters()
def write_values(request, payload: schemas.ValuesIn):
    return store(request, [ValueItem(**item.dict()) for item in payload.values])


@router.post(
    "/indicators/{indicator_id}/values",
    response={200: schemas.ValuesOut, **ERRORS},
    url_name="indicator_values",
    summary="Write one actual value of an indicator",
)
@known_parameters()
def write_indicator_value(
    request, payload: schemas.ValueFields, indicator_id: int = Path(..., ge=1, le=MAX_ID)
):
    return store(request, [ValueItem(indicator=indicator_id, **payload.dict())])


def unauthorized_message() -> str:
    return _(
        "Writing needs an API token in the header Authorization: Bearer … (organisation settings › API tokens)."
    )
