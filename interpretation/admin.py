from django.contrib import admin

from .models import LanguageChannel, SessionInterpretation, SittingInterpretation


class LanguageChannelInline(admin.TabularInline):
    model = LanguageChannel
    extra = 0


@admin.register(SessionInterpretation)
class SessionInterpretationAdmin(admin.ModelAdmin):
    list_display = ["session", "mode", "rsi_platform", "floor_channel"]
    list_select_related = ["session"]


@admin.register(SittingInterpretation)
class SittingInterpretationAdmin(admin.ModelAdmin):
    list_display = ["sitting", "languages", "mode", "long_remote_interventions"]
    list_select_related = ["sitting__session"]
