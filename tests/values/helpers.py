"""Shared bits of the values tests: a CSV upload and the plan's indicators."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from seuranta.plans.models import Indicator, Measure


def csv_file(lines: list[str], name: str = "arvot.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, "\n".join(lines).encode("utf-8"), content_type="text/csv")


def indicators(plan) -> list[Indicator]:
    return list(Indicator.objects.filter(node__plan=plan).order_by("pk"))


def actuals(plan) -> list[Measure]:
    return list(Measure.objects.filter(indicator__node__plan=plan, role=Measure.Role.ACTUAL).order_by("pk"))
