from django.contrib import admin

from .models import MeetingLink


@admin.register(MeetingLink)
class MeetingLinkAdmin(admin.ModelAdmin):
    """The platform's links, for officers only (the admin is theirs): nowhere else shown."""

    list_display = ["session", "sitting", "platform", "updated_at"]
    list_filter = ["platform", "session"]
    raw_id_fields = ["sitting"]
