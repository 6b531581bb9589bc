"""The change history as a person reads it: field names, phases and values in the page's language.

A record keeps its values as JSON (`plans.saving.json_value`): choice keys
("in_progress"), lists of lines (targets), ISO dates, booleans and numbers. Here
each becomes text: "käynnissä", "vähintään 4,6 vuonna 2026; 4,8 vuonna 2028", a
date in the language's own format, "Kyllä", "0,1".
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache

from django.core.exceptions import ObjectDoesNotExist
from django.utils import formats
from django.utils.translation import gettext as _

from seuranta.common.language import ui_lang
from seuranta.core.formatting import format_number
from seuranta.plans.models import Indicator, Measure, Milestone, Node, Plan, ProgressEntry

MODELS = {
    "node": Node,
    "indicator": Indicator,
    "milestone": Milestone,
    "plan": Plan,
    "measure": Measure,
    "progress": ProgressEntry,
}
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
EMPTY = "–"


@cache
def _choices(object_type: str, field_name: str) -> dict:
    """A field's choice labels (lazy, so translated when shown), or {} when it has none."""
    model = MODELS.get(object_type)
    if model is None:
        return {}
    try:
        field = model._meta.get_field(field_name)
    except Exception:  # noqa: BLE001 - a field the model no longer has, or a computed name
        return {}
    choices = getattr(field, "flatchoices", None)  # a reverse relation has none
    return dict(choices) if choices and getattr(field, "choices", None) else {}


def _text(value: str) -> str:
    if _MOMENT.match(value):
        try:
            return formats.date_format(datetime.fromisoformat(value), "DATETIME_FORMAT")
        except ValueError:
            return value
    if _DAY.fullmatch(value):
        try:
            return formats.date_format(date.fromisoformat(value), "DATE_FORMAT")
        except ValueError:
            return value
    return value


def value_text(value, field_name: str = "", object_type: str = "") -> str:
    """One recorded value as a person reads it; "–" for nothing."""
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list | tuple):
        return "; ".join(value_text(v, field_name, object_type) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {value_text(v)}" for k, v in value.items())
    if isinstance(value, float):
        return format_number(value, ui_lang())
    if isinstance(value, int):
        return str(value)
    label = _choices(object_type, field_name).get(value)
    if label is not None:
        return str(label)
    return _text(str(value))


def staff_names_public(plan) -> bool:
    """Whether the plan shows staff names to visitors who are not signed in (off by default).

    The setting is the public site's (`PlanPublicity.show_people`, `seuranta.public`), read
    through the plan's reverse relation once per plan object, so the web app imports no public code.
    """
    if plan is None:
        return False
    cached = getattr(plan, "_staff_names_public", None)
    if cached is None:
        try:
            cached = bool(plan.publicity.show_people)
        except (ObjectDoesNotExist, AttributeError):
            cached = False
        plan._staff_names_public = cached
    return cached


def is_system(person) -> bool:
    """An account that is no person: it never logs in (an API token's user, `seuranta.api.tokens`)."""
    return not person.is_active and not person.has_usable_password()


def author(change, user, plan) -> str:
    """Who made the change: the name for signed-in people, for others only where the plan allows it.

    A system (an integration writing through the API) is named to everyone: it is no one's personal data.
    """
    person = change.user if change.user_id is not None else None
    if person is None:
        return EMPTY
    if not user.is_authenticated and not staff_names_public(plan) and not is_system(person):
        return _("Staff")
    return person.get_full_name() or person.get_username()


def with_subjects(changes) -> list:
    """The records as a list, a reported value's with `subject`: its indicator and sub-series
    ("Koulupoissaolot – yläaste"), so "Arvo: – → 19,5" says what it is a value of. One query, and
    only when there are such records; a value replaced since has no subject."""
    changes = list(changes)
    ids = {c.object_id for c in changes if c.object_type == "measure" and c.object_id}
    if not ids:
        return changes
    rows = Measure.objects.filter(pk__in=ids).select_related("indicator").only("label", "indicator__name")
    subjects = {m.pk: " – ".join(p for p in (m.indicator.name, m.label) if p) for m in rows}
    for change in changes:
        if change.object_type == "measure":
            change.subject = subjects.get(change.object_id, "")
    return changes
