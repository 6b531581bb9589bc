from django.contrib import admin

from seuranta.organizations.models import Invitation


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organization", "role", "sent_at", "accepted_at", "cancelled"]
    list_filter = ["organization", "role", "cancelled"]
    search_fields = ["email"]
    readonly_fields = ["nonce", "sent_at", "accepted_at", "accepted_by"]
