"""Reporting rounds in the Django admin: open rounds' names and dates may be corrected (and the change is
recorded in the plan's history); a closed round, its reports and its snapshot are shown read-only. Rounds
are opened and closed on the rounds pages, which build the entries and the snapshot."""

from django.contrib import admin

from seuranta.monitoring.models import ReportingRound, RoundEntry
from seuranta.plans.admin_history import RecordedAdmin

ENTRY_FIELDS = ("node", "state", "updated_by", "updated_at", "submitted_at")


class RoundEntryInline(admin.TabularInline):
    model = RoundEntry
    fields = ENTRY_FIELDS
    readonly_fields = ENTRY_FIELDS
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReportingRound)
class ReportingRoundAdmin(RecordedAdmin):
    list_display = ["title", "plan", "period", "deadline", "state", "opened_at"]
    list_filter = ["state"]
    search_fields = ["title", "plan__title"]
    raw_id_fields = ["plan", "root", "opened_by", "closed_by"]
    readonly_fields = [
        "plan",
        "root",
        "period",
        "period_start",
        "period_end",
        "state",
        "opened_by",
        "opened_at",
        "closed_by",
        "closed_at",
        "reminded_at",
        "snapshot",
    ]
    inlines = [RoundEntryInline]

    def has_add_permission(self, request):
        return False  # a round gets its entries when opened on the rounds page

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.is_open)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.is_open)
