from django.contrib import admin

from seuranta.values.models import OpenDataSettings, SotkanetFetch, SotkanetLink, SurveyFeed


@admin.register(OpenDataSettings)
class OpenDataSettingsAdmin(admin.ModelAdmin):
    list_display = ("organization", "licence", "survey_threshold")


@admin.register(SurveyFeed)
class SurveyFeedAdmin(admin.ModelAdmin):
    list_display = ("indicator", "question")
    raw_id_fields = ("indicator",)


@admin.register(SotkanetLink)
class SotkanetLinkAdmin(admin.ModelAdmin):
    list_display = ("indicator", "sotkanet_id", "region", "first_year")
    raw_id_fields = ("indicator",)


@admin.register(SotkanetFetch)
class SotkanetFetchAdmin(admin.ModelAdmin):
    """What was read and when: a record, not for editing."""

    list_display = ("link", "at", "ok", "stored", "message")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
