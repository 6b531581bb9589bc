"""Saving an indicator on the web keeps its targets' sub-series labels (and so its status)."""

from django.urls import reverse

from seuranta.plans.models import Indicator, Measure, Node
from tests.factories import make_plan


def _with_sub_series_targets() -> Indicator:
    plan = make_plan(1)
    indicator = Indicator.objects.filter(node__in=Node.objects.filter(plan=plan)).first()
    indicator.measures.filter(role=Measure.Role.TARGET).delete()
    for order, (label, value) in enumerate([("ala-aste", 17), ("yläaste", 19)]):
        Measure.objects.create(
            indicator=indicator,
            role=Measure.Role.TARGET,
            order=order,
            text=f"{label}: {value}",
            kind="value",
            value=value,
            label=label,
            period="2027",
        )
    return indicator


def _targets(indicator) -> list[tuple]:
    rows = indicator.measures.filter(role=Measure.Role.TARGET).order_by("order")
    return [(m.label, m.value, m.period) for m in rows]


def test_saving_an_indicator_unchanged_on_the_web_keeps_its_sub_series_targets(client, personas):
    indicator = _with_sub_series_targets()
    before = _targets(indicator)
    client.force_login(personas.coordinator)
    form = client.get(reverse("indicator_edit", args=[indicator.pk])).context["form"]
    data = {name: form[name].value() for name in ("name", "unit", "baseline")}
    targets = form["targets"].value()
    data["targets"] = "\n".join(targets) if isinstance(targets, list) else targets
    response = client.post(
        reverse("indicator_edit", args=[indicator.pk]),
        {**{k: v or "" for k, v in data.items()}, "name": "Uusi nimi", "version": indicator.version},
    )
    assert response.status_code == 302
    assert _targets(indicator) == before == [("ala-aste", 17, "2027"), ("yläaste", 19, "2027")]
