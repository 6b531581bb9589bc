"""The shapes of API v1's requests and responses (pydantic, through django-ninja)."""

import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Literal

from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict, WithJsonSchema, field_validator

from seuranta.core.evaluation import STATUSES

Status = Literal[STATUSES]  # type: ignore[valid-type]
NodeStatus = str  # STATUSES, and "cancelled" for an action whose phase says so


# The periods a value can be written for: a year, quarter, tertial, half year or month (docs/plan-format.md).
PERIOD_PATTERN = r"^[1-9][0-9]{3}(-(Q[1-4]|T[1-3]|H[12]|0[1-9]|1[0-2]))?$"


def _iso_date(value: str) -> date:
    """A calendar date written YYYY-MM-DD; nothing else (no week dates, no timestamps)."""
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise ValueError("expected a date like 2026-06-30")
    return date.fromisoformat(value)


if TYPE_CHECKING:
    IsoDate = date  # what a view receives: the validator below turns the string into a date
else:
    IsoDate = Annotated[str, AfterValidator(_iso_date), WithJsonSchema({"type": "string", "format": "date"})]


class Error(Schema):
    error: str = Field(description="What was wrong, in the request's language (Finnish by default).")
    detail: list[dict] | None = None


# The answers every read operation may give besides 200.
READ_ERRORS: dict[int, type[Error]] = {400: Error, 401: Error, 404: Error}


class Page(Schema):
    count: int = Field(description="Objects matching the filters, on all pages.")
    limit: int
    offset: int
    next: str | None = Field(description="The next page, or null on the last one.")
    previous: str | None


class OrganizationRef(Schema):
    id: int
    name: str


class Unit(Schema):
    id: int
    name: str
    kind: str
    parent_id: int | None
    active: bool


class Organization(OrganizationRef):
    url: str


class OrganizationDetail(Organization):
    units: list[Unit]


class OrganizationPage(Page):
    results: list[Organization]


class PlanSummary(Schema):
    id: int
    title: str | None
    organization: OrganizationRef | None
    kind: str | None
    state: Literal["draft", "published", "archived"]
    period: str | None = Field(description="The plan's period as its document wrote it.")
    start_year: int | None
    end_year: int | None
    updated_at: datetime
    url: str
    page_url: str = Field(description="The plan's page in the browser.")


class Licence(Schema):
    name: str = Field(description="The open-data licence of the plan's organisation, e.g. CC BY 4.0.")
    url: str | None


class PlanDetail(PlanSummary):
    licence: Licence
    levels: list[str]
    nodes: int = Field(description="How many items the plan's goal tree has.")
    indicators: int
    status_counts: dict[str, int] = Field(description="Actions per status today.")


class PlanPage(Page):
    results: list[PlanSummary]


class Node(Schema):
    id: int
    plan_id: int
    parent_id: int | None
    level: str
    title: str
    description: str | None
    unit: str | None = Field(description="The unit chosen from the organisation's tree, else as written.")
    unit_id: int | None
    responsible: list[str]
    schedule: str | None
    phase: str | None
    binding: bool
    status: NodeStatus
    reason: str = Field(description="Why the status is what it is, in the language asked for.")
    url: str
    page_url: str


class NodePage(Page):
    results: list[Node]


class Measure(Schema):
    id: int
    role: Literal["baseline", "baseline_series", "target", "actual"]
    text: str = Field(description="The value as written.")
    kind: str | None
    value: float | None
    period: str | None
    period_start: date | None
    period_end: date | None
    label: str | None = Field(description="The sub-series (for example a unit or a group).")
    source: str | None = None
    note: str | None = None


class Indicator(Schema):
    id: int
    node_id: int
    plan_id: int
    name: str
    unit: str | None
    source: str | None
    description: str | None
    status: Status
    reason: str
    baseline: Measure | None
    baseline_series: list[Measure]
    targets: list[Measure]
    actuals: list[Measure]
    url: str


class IndicatorPage(Page):
    results: list[Indicator]


class Completion(Schema):
    total: int = Field(description="Reports asked for in the round.")
    submitted: int
    share: float | None = Field(description="submitted / total, null for a round without reports.")


class Round(Schema):
    id: int
    plan_id: int
    root_id: int | None = Field(description="The part of the plan the round covers; null for all of it.")
    title: str
    period: str
    period_start: date
    period_end: date
    deadline: date
    state: Literal["open", "closed"]
    opened_at: datetime
    closed_at: datetime | None
    completion: Completion


class RoundPage(Page):
    results: list[Round]


NO_NUL = r"^[^\x00]*$"  # PostgreSQL's text cannot hold NUL


def _no_bool(value):
    if isinstance(value, bool):
        raise ValueError("expected a number, not true or false")
    return value


class ValueFields(Schema):
    """A field the schema does not name is refused, so a misspelt one is never silently ignored."""

    model_config = ConfigDict(extra="forbid")

    period: str = Field(
        pattern=PERIOD_PATTERN,
        description='A year, quarter, tertial, half year or month: "2026", "2026-Q1", "2026-T1", "2026-H1", '
        '"2026-03".',
    )
    value: float = Field(allow_inf_nan=False)
    label: str | None = Field(None, max_length=200, pattern=NO_NUL, description="Sub-series, e.g. a unit.")
    source: str | None = Field(
        None, max_length=300, pattern=NO_NUL, description='Where the value comes from, e.g. "HR".'
    )
    note: str | None = Field(None, max_length=2000, pattern=NO_NUL)

    @field_validator("value", mode="before")
    @classmethod
    def value_is_a_number(cls, value):
        return _no_bool(value)


class ValueIn(ValueFields):
    indicator: int = Field(ge=1, le=2**63 - 1)

    @field_validator("indicator", mode="before")
    @classmethod
    def indicator_is_a_number(cls, value):
        return _no_bool(value)


class ValuesIn(Schema):
    model_config = ConfigDict(extra="forbid")

    values: list[ValueIn] = Field(min_length=1, max_length=1000)


class ValueResult(Schema):
    id: int = Field(description="The stored actual value's id.")
    indicator: int
    period: str
    label: str | None
    result: Literal["created", "updated", "unchanged"]


class ValuesOut(Schema):
    created: int
    updated: int
    unchanged: int
    values: list[ValueResult]
