from django.contrib import admin

from .models import OutboxTask


@admin.register(OutboxTask)
class OutboxTaskAdmin(admin.ModelAdmin):
    """Work recorded after a change and not done yet (core.outbox): what waits for the
    broker, and what failed, with its error."""

    list_display = ("task", "args", "created_at", "handed_at", "attempts", "failed_at")
    list_filter = ("task", ("failed_at", admin.EmptyFieldListFilter))
    readonly_fields = [field.name for field in OutboxTask._meta.fields]

    def has_add_permission(self, request):
        return False
