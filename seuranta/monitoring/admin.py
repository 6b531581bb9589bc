from django.contrib import admin

from seuranta.monitoring.models import ReportingRound, RoundEntry


class RoundEntryInline(admin.TabularInline):
    model = RoundEntry
    fields = ["node", "state", "updated_by", "updated_at", "submitted_at"]
    readonly_fields = fields
    raw_id_fields = ["node"]
    extra = 0
    can_delete = False
    show_change_link = False


@admin.register(ReportingRound)
class ReportingRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "period", "deadline", "state", "opened_at"]
    list_filter = ["state"]
    search_fields = ["title", "plan__title"]
    raw_id_fields = ["plan", "root", "opened_by", "closed_by"]
    readonly_fields = ["snapshot", "opened_at", "closed_at", "reminded_at"]
    inlines = [RoundEntryInline]
