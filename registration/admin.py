from django.contrib import admin

from .models import Entity


@admin.register(Entity)
class EntityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "regional_group", "is_active"]
    list_filter = ["kind", "regional_group", "is_active"]
    search_fields = ["name", "formal_name", "code"]
