"""Reading a linked indicator's values from THL's Sotkanet indicator bank.

Sotkanet's public JSON API (`SEURANTA_SOTKANET_URL`, by default https://sotkanet.fi/rest/1.1/json)
answers `?indicator=<id>&years=<y>&years=<y>...&genders=total` with a JSON list of objects
`{"indicator": 127, "region": 91, "year": 2022, "gender": "total", "value": 12.3, ...}`, one per
region and year. The link's region's values are stored as the indicator's yearly actuals with the
source "Sotkanet". The HTTP layer is one function (`get_json`) and the address comes from the
settings, so another server (a mirror, a test's recorded answers) can stand in. A failing or
malformed answer changes nothing: the fetch is recorded with its warning.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from urllib.parse import urlencode

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from seuranta.values.models import SotkanetFetch, SotkanetLink
from seuranta.values.writing import ValueItem, ValuesRefused, store_values

SOURCE = "Sotkanet"
MAX_BYTES = 10 * 1024 * 1024


class SotkanetError(Exception):
    """The answer could not be used; the message says why, for the page that shows the fetch."""


def get_json(url: str):
    """The JSON answer at url (the only network access)."""
    timeout = getattr(settings, "SEURANTA_SOTKANET_TIMEOUT", 20)
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "Seuranta"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (address from settings)
            body = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise SotkanetError(_("Sotkanet answered with the error %(code)s.") % {"code": exc.code}) from exc
    except (urllib.error.URLError, OSError) as exc:
        raise SotkanetError(_("Sotkanet could not be reached: %(reason)s") % {"reason": exc}) from exc
    if len(body) > MAX_BYTES:
        raise SotkanetError(_("Sotkanet's answer is too large."))
    try:
        return json.loads(body)
    except ValueError as exc:
        raise SotkanetError(_("Sotkanet's answer is not JSON.")) from exc


def query_url(link: SotkanetLink, last_year: int) -> str:
    years = [("years", year) for year in range(link.first_year, last_year + 1)]
    query = urlencode([("indicator", link.sotkanet_id), *years, ("genders", "total")])
    return f"{settings.SEURANTA_SOTKANET_URL}?{query}"


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def values_of(link: SotkanetLink, answer) -> dict[int, float]:
    """The link's region's yearly values (total gender) in the answer; SotkanetError if it is not
    the documented list of objects."""
    if not isinstance(answer, list):
        raise SotkanetError(_("Sotkanet's answer is not a list of values."))
    found: dict[int, float] = {}
    for row in answer:
        if not isinstance(row, dict) or not all(k in row for k in ("indicator", "region", "year")):
            raise SotkanetError(_("Sotkanet's answer has a row without indicator, region and year."))
        year = row["year"]
        if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2200:
            raise SotkanetError(_("Sotkanet's answer has a row with an invalid year."))
        if row["indicator"] != link.sotkanet_id or row["region"] != link.region:
            continue
        if row.get("gender", "total") != "total":
            continue
        value = _number(row.get("value"))
        if value is not None:  # a year without a value (suppressed or not yet published)
            found[year] = value
    return found


def fetch(link: SotkanetLink, user=None) -> SotkanetFetch:
    """Read the link's values and store them; the fetch, recorded whether it succeeded or not."""
    url = query_url(link, timezone.localdate().year)
    try:
        found = values_of(link, get_json(url))
        items = [
            ValueItem(link.indicator_id, str(year), value, None, SOURCE)
            for year, value in sorted(found.items())
        ]
        organization_id = link.indicator.node.plan.organization_id
        outcomes = store_values(user, organization_id, items) if items else []
    except (SotkanetError, ValuesRefused) as exc:
        return SotkanetFetch.objects.create(link=link, url=url, ok=False, message=str(exc))
    stored = sum(1 for o in outcomes if o.result != "unchanged")
    message = "" if found else _("Sotkanet has no values of this region for these years.")
    return SotkanetFetch.objects.create(
        link=link,
        url=url,
        ok=True,
        values=[{"year": year, "value": value} for year, value in sorted(found.items())],
        stored=stored,
        message=message,
    )
