"""The plan model: organisations, plans and their goal trees, indicators and measures.

Text is stored as the document wrote it (titles, periods, due times, levels),
with normalised companions (date ranges, numbers) beside it for querying and
evaluation. `extra` fields keep interchange keys Seuranta does not know, so
export gives back what import received. Conversion to and from the pure core
model is in `seuranta.plans.storage`; the change history in `seuranta.plans.history`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from seuranta.core import vocabulary
from seuranta.core.periods import period_bounds, plan_period_bounds, text_bounds
from seuranta.plans.choices import CONTENT_LANGUAGES as LANGS
from seuranta.plans.choices import text_choices
from seuranta.plans.history import ChangeRecord, HistoryIsAppendOnly  # noqa: F401 (their home was here)
from seuranta.plans.recyclable import Recyclable
from seuranta.plans.slugs import unique_slug
from seuranta.plans.translations import translations_field


class Versioned(models.Model):
    """A row edited by people: `version` grows with every save (`seuranta.plans.saving`).

    Subclasses say where a change to them goes in the history (`history_place`) and which
    fields follow from others (`with_derived`), so that pages, reporting, the admin and
    storage write them the same way.
    """

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def history_place(self) -> tuple[int | None, Node | None]:
        """(plan id, node) under which a change to this row is recorded."""
        return getattr(self, "plan_id", None), None

    @classmethod
    def with_derived(cls, values: dict) -> dict:
        """`values` (field -> new value) with the fields that follow from them."""
        return dict(values)


class Timestamped(models.Model):
    """When a row was created and last saved."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Organization(Versioned):
    """A municipality or another body that owns plans."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    # The public site's address /o/<slug>/; made from the name when the organisation is created.
    slug = models.SlugField(_("address on the public site"), max_length=80, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self.name, Organization.objects.exclude(pk=self.pk))
        super().save(*args, **kwargs)


class OrganizationUnit(Versioned):
    """A unit of an organisation: toimiala > palvelualue > yksikkö."""

    class Kind(models.TextChoices):
        SECTOR = "sector", _("sector (toimiala)")
        SERVICE_AREA = "service_area", _("service area (palvelualue)")
        UNIT = "unit", _("unit (yksikkö)")
        OTHER = "other", _("other")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="units", verbose_name=_("organization")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    # An inactive unit stays on the nodes that have it but is no longer offered for new ones.
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["organization", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="unique_unit_name_per_organization")
        ]
        verbose_name = _("organization unit")
        verbose_name_plural = _("organization units")

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Membership(Versioned):
    """A user's role in an organisation; what each role may do is in `seuranta.plans.access`.

    An inactive membership gives no rights; it is kept so the person's history
    (changes, reports) still names them and an administrator can restore them.
    """

    class Role(models.TextChoices):
        ADMIN = "admin", _("administrator")
        COORDINATOR = "coordinator", _("coordinator")
        RESPONSIBLE = "responsible", _("responsible person")
        VIEWER = "viewer", _("viewer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organization")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    active = models.BooleanField(_("active"), default=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="one_role_per_organization")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.organization} ({self.get_role_display()})"


class PlanQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=Plan.State.PUBLISHED)

    def visible_to(self, user):
        """Plans the user may open: published ones, and every plan of their organisations."""
        if user.is_authenticated and user.is_superuser:
            return self
        visible = models.Q(state=Plan.State.PUBLISHED)
        if user.is_authenticated:
            visible |= models.Q(organization__memberships__user=user, organization__memberships__active=True)
        return self.filter(visible).distinct()


class Plan(Versioned, Timestamped):
    Kind = text_choices(vocabulary.PlanKind)

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        ARCHIVED = "archived", _("archived")

    title = models.TextField(_("title"), null=True, blank=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("organization"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, blank=True)
    period = models.CharField(_("period as written"), max_length=50, null=True, blank=True)
    start_year = models.PositiveIntegerField(_("first year"), null=True, blank=True)
    end_year = models.PositiveIntegerField(_("last year"), null=True, blank=True)
    levels = models.JSONField(_("level names, top first"), default=list, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    supports = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supporting_plans",
        verbose_name=_("supports plan"),
    )
    tolerance = models.FloatField(
        _("status tolerance"),
        null=True,
        blank=True,
        help_text=_(
            "Share of the baseline-to-target distance an actual may fall short and still be on track "
            "(default 0.10)."
        ),
    )
    state_scale = models.JSONField(
        _("ordered scale of qualitative states"),
        null=True,
        blank=True,
        help_text=_('For example ["Ei", "Valmistelussa", "Valmis"], worst first.'),
    )
    # The language of the plain fields, and the others every text must also have (none: the primary only).
    primary_language = models.CharField(_("primary language"), max_length=2, choices=LANGS, default="fi")
    required_languages = models.JSONField(_("required languages"), default=list, blank=True)
    # The title and the level names ("level_names", in the order of `levels`) in other languages.
    translations = translations_field()
    extra = models.JSONField(_("other fields of the imported document"), default=dict, blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return self.title or _("Untitled plan #%(id)s") % {"id": self.pk}

    def history_place(self) -> tuple[int | None, Node | None]:
        return self.pk, None

    @classmethod
    def with_derived(cls, values: dict) -> dict:
        values = dict(values)
        if "period" in values:
            values["start_year"], values["end_year"] = plan_years(values["period"])
        return values


def plan_years(period: str | None) -> tuple[int | None, int | None]:
    """First and last year of a plan period as written ("2026–2029", "2023"), read as the evaluator reads it."""
    bounds = plan_period_bounds(period)
    return (bounds[0].year, bounds[1].year) if bounds else (None, None)


class Section(Versioned):
    """A narrative part of a plan document that is not a goal (introduction, values)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections", verbose_name=_("plan"))
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.TextField(_("title"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)
    extra = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.title or self.text[:60]


class Node(Versioned, Timestamped, Recyclable):
    """One item of a plan's goal tree: focus area, goal, deed, action, theme..."""

    Phase = text_choices(vocabulary.Phase)

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="nodes", verbose_name=_("plan"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    level = models.CharField(_("level"), max_length=100)
    title = models.TextField(_("title"))
    description = models.TextField(_("description"), null=True, blank=True)
    unit_name = models.CharField(_("unit as written"), max_length=200, null=True, blank=True)
    org_unit = models.ForeignKey(
        OrganizationUnit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nodes",
        verbose_name=_("unit"),
    )
    responsible = models.JSONField(_("responsible persons and units as written"), default=list, blank=True)
    responsible_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="responsible_nodes",
        verbose_name=_("responsible users"),
    )
    schedule = models.CharField(_("schedule as written"), max_length=200, null=True, blank=True)
    schedule_start = models.DateField(_("schedule start"), null=True, blank=True)
    schedule_end = models.DateField(_("schedule end"), null=True, blank=True)
    binding = models.BooleanField(
        _("binding on the council"),
        default=False,
        help_text=_("Valtuustoon nähden sitova tavoite (Kuntalaki 110 §, 115 §)."),
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, blank=True)
    # The cascade: the goal of another plan this goal or action contributes to.
    contributes_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("contributes to the goal"),
    )
    # None: the imported document had no "notes" key at all.
    notes = models.JSONField(_("notes"), null=True, blank=True)
    translations = translations_field()
    extra = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["plan", "parent_id", "order"]
        indexes = [models.Index(fields=["plan", "parent", "order"])]
        verbose_name = _("node")
        verbose_name_plural = _("nodes")

    def __str__(self) -> str:
        return f"{self.level}: {self.title[:80]}"

    def history_place(self) -> tuple[int | None, Node | None]:
        return self.plan_id, self

    @classmethod
    def with_derived(cls, values: dict) -> dict:
        values = dict(values)
        if "schedule" in values:
            values["schedule_start"], values["schedule_end"] = text_bounds(values["schedule"])
        return values


class NodeItem(Versioned, Recyclable):
    """Something listed under a node in its order: an indicator or a milestone."""

    node = models.ForeignKey(
        Node, on_delete=models.CASCADE, related_name="%(class)ss", verbose_name=_("node")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    extra = models.JSONField(default=dict, blank=True)

    class Meta(Recyclable.Meta):
        abstract = True
        ordering = ["node", "order"]

    def history_place(self) -> tuple[int | None, Node | None]:
        return self.node.plan_id, self.node

    @classmethod
    def next_order(cls, node: Node) -> int:
        """The order of an item added after the node's last one."""
        last = cls._default_manager.filter(node=node).aggregate(m=models.Max("order"))["m"]
        return 0 if last is None else last + 1


class Indicator(NodeItem, Timestamped):
    name = models.TextField(_("name"))
    unit = models.CharField(_("unit"), max_length=50, null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, null=True, blank=True)
    description = models.TextField(_("description"), null=True, blank=True)
    translations = translations_field()

    class Meta(NodeItem.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name[:80]

    def written_levels(self) -> tuple[str, list[str]]:
        """The baseline and the targets as written (one query)."""
        rows = list(self.measures.filter(role__in=[Measure.Role.BASELINE, Measure.Role.TARGET]))
        baseline = next((m.text for m in rows if m.role == Measure.Role.BASELINE), "")
        return baseline, [m.text for m in rows if m.role == Measure.Role.TARGET]


class Measure(Versioned, Timestamped):
    """A baseline, a target or an actual value of an indicator."""

    class Role(models.TextChoices):
        BASELINE = "baseline", _("baseline")
        BASELINE_SERIES = "baseline_series", _("baseline of a sub-series")
        TARGET = "target", _("target")
        ACTUAL = "actual", _("actual")

    Kind = text_choices(vocabulary.MeasureKind)

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="measures", verbose_name=_("indicator")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    order = models.PositiveIntegerField(_("order"), default=0)
    text = models.CharField(_("text as written"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, null=True, blank=True)
    value = models.FloatField(_("value"), null=True, blank=True)
    period = models.CharField(_("period"), max_length=50, null=True, blank=True)
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    label = models.CharField(_("sub-series"), max_length=200, null=True, blank=True)
    extra = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )

    class Meta:
        ordering = ["indicator", "role", "order"]
        indexes = [models.Index(fields=["indicator", "role", "order"])]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.text}"

    def history_place(self) -> tuple[int | None, Node | None]:
        return self.indicator.history_place()

    @classmethod
    def with_derived(cls, values: dict) -> dict:
        values = dict(values)
        if "period" in values:
            bounds = period_bounds(values["period"])
            values["period_start"], values["period_end"] = bounds if bounds else (None, None)
        return values


class Milestone(NodeItem):
    title = models.TextField(_("title"))
    due = models.CharField(_("due as written"), max_length=100, null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    translations = translations_field()

    class Meta(NodeItem.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title[:80]

    @classmethod
    def with_derived(cls, values: dict) -> dict:
        values = dict(values)
        if "due" in values:
            values["due_date"] = text_bounds(values["due"])[1]
        return values


class ProgressEntry(Versioned, Timestamped):
    """What a responsible person reported on a node for one period."""

    Verdict = text_choices(vocabulary.Verdict)

    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="progress", verbose_name=_("node"))
    order = models.PositiveIntegerField(_("order"), default=0)
    period = models.CharField(_("period"), max_length=50, null=True, blank=True)
    text = models.TextField(_("text"))
    phase = models.CharField(_("phase"), max_length=20, choices=Node.Phase.choices, blank=True)
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    translations = translations_field()
    extra = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["node", "order"]
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")

    def __str__(self) -> str:
        return f"{self.period or '–'}: {self.text[:60]}"

    def history_place(self) -> tuple[int | None, Node | None]:
        return self.node.plan_id, self.node
