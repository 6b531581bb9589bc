"""The Django admin for every plan model; labels come from the models' Finnish translations.

Edits to a plan's content are written into its change history (`RecordedAdmin`); the history itself
is read-only here, as everywhere.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from seuranta.plans.admin_history import RecordedAdmin
from seuranta.plans.models import (
    ChangeRecord,
    Indicator,
    Measure,
    Membership,
    Milestone,
    Node,
    Organization,
    OrganizationUnit,
    Plan,
    ProgressEntry,
    Section,
)

admin.site.site_header = _("Seuranta administration")
admin.site.site_title = _("Seuranta")
admin.site.index_title = _("Administration")


class OrganizationUnitInline(admin.TabularInline):
    model = OrganizationUnit
    extra = 0
    fields = ["name", "kind", "parent", "order", "active"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(RecordedAdmin):  # versions grow, as on the pages
    list_display = ["name", "created_at"]
    search_fields = ["name"]
    inlines = [OrganizationUnitInline, MembershipInline]


@admin.register(OrganizationUnit)
class OrganizationUnitAdmin(RecordedAdmin):  # versions grow, as on the pages
    list_display = ["name", "kind", "organization", "parent", "active"]
    list_filter = ["organization", "kind", "active"]
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(RecordedAdmin):  # versions grow, as on the pages
    list_display = ["user", "organization", "role", "active"]
    list_filter = ["organization", "role", "active"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    fields = ["order", "title", "text"]


@admin.register(Plan)
class PlanAdmin(RecordedAdmin):
    list_display = ["__str__", "organization", "kind", "period", "state", "updated_at"]
    list_filter = ["state", "kind", "organization"]
    search_fields = ["title"]
    fields = [
        "title",
        "organization",
        "kind",
        "period",
        "start_year",
        "end_year",
        "levels",
        "state",
        "supports",
        "tolerance",
        "state_scale",
    ]
    inlines = [SectionInline]


class IndicatorInline(admin.StackedInline):
    model = Indicator
    extra = 0
    fields = ["order", "name", "unit", "source", "description"]
    show_change_link = True


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ["order", "title", "due", "due_date", "done"]


class ProgressInline(admin.StackedInline):
    model = ProgressEntry
    extra = 0
    fields = ["order", "period", "text", "phase", "verdict", "author"]
    raw_id_fields = ["author"]


@admin.register(Node)
class NodeAdmin(RecordedAdmin):
    list_display = ["__str__", "plan", "unit_name", "schedule", "binding", "phase"]
    list_filter = ["plan", "level", "binding", "phase"]
    search_fields = ["title", "description", "unit_name"]
    raw_id_fields = ["parent"]
    autocomplete_fields = ["responsible_users"]
    list_select_related = ["plan"]
    fields = [
        "plan",
        "parent",
        "order",
        "level",
        "title",
        "description",
        "unit_name",
        "org_unit",
        "responsible",
        "responsible_users",
        "schedule",
        "schedule_start",
        "schedule_end",
        "binding",
        "phase",
        "notes",
    ]
    inlines = [IndicatorInline, MilestoneInline, ProgressInline]


class MeasureInline(admin.TabularInline):
    model = Measure
    extra = 0
    fields = ["role", "order", "text", "kind", "value", "period", "period_start", "period_end", "label"]


@admin.register(Indicator)
class IndicatorAdmin(RecordedAdmin):
    list_display = ["__str__", "unit", "source", "node"]
    list_filter = ["node__plan"]
    search_fields = ["name", "source"]
    raw_id_fields = ["node"]
    list_select_related = ["node"]
    inlines = [MeasureInline]


@admin.register(Measure)
class MeasureAdmin(RecordedAdmin):
    list_display = ["text", "role", "kind", "value", "period", "label", "indicator"]
    list_filter = ["role", "kind"]
    search_fields = ["text", "indicator__name"]
    raw_id_fields = ["indicator", "created_by"]
    list_select_related = ["indicator"]


@admin.register(Milestone)
class MilestoneAdmin(RecordedAdmin):
    list_display = ["title", "due", "due_date", "done", "node"]
    list_filter = ["done"]
    search_fields = ["title"]
    raw_id_fields = ["node"]


@admin.register(ProgressEntry)
class ProgressEntryAdmin(RecordedAdmin):
    list_display = ["__str__", "period", "phase", "verdict", "author", "updated_at"]
    list_filter = ["phase", "verdict"]
    search_fields = ["text"]
    raw_id_fields = ["node", "author"]


@admin.register(ChangeRecord)
class ChangeRecordAdmin(admin.ModelAdmin):
    list_display = ["at", "plan", "object_type", "action", "user"]
    list_filter = ["object_type", "action"]
    readonly_fields = ["plan", "node", "object_type", "object_id", "action", "changes", "user", "at"]

    # Append-only: shown, never added, changed or deleted here.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
