"""Writing actual values through the API: the values app's one writer, with the token's words.

API v1 stores through `seuranta.values.writing.store_values`, as bulk uploads, survey imports and
Sotkanet do: an idempotent upsert keyed by indicator, period (as a date range) and sub-series label,
all or nothing, with the indicators locked so that two identical batches at once give one value each.
Every value written leaves a ChangeRecord with the token's user, whose name is the token's name. The
API tells an unknown indicator (404) from another organisation's (403) in its messages, and its
error message is the first one with the batch's status.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from seuranta.api.models import ApiToken
from seuranta.values.writing import Outcome, Refusals, ValueItem, ValuesRefused, store_values

__all__ = ["Outcome", "ValueItem", "ValuesRefused", "refusal_message", "store_token_values"]


def api_refusals() -> Refusals:
    return Refusals(
        unknown=_("No such indicator: %(id)s."),
        foreign=_("Indicator %(id)s belongs to another organisation: this token may not write its values."),
    )


def store_token_values(token: ApiToken, items: list[ValueItem]) -> list[Outcome]:
    """Store the values with the token's user and organisation, or none of them (ValuesRefused)."""
    return store_values(token.user, token.organization_id, items, api_refusals())


def refusal_message(refused: ValuesRefused) -> str:
    """The message of the first refused value whose status is the batch's."""
    return next(message for _n, status, message in refused.problems if status == refused.status)
