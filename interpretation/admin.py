"""The admin changes interpretation through the services, as the pages do: the same checks,
and the sittings' calendars follow."""

from django import forms
from django.contrib import admin

from . import services
from .forms import SESSION_MODE_CHOICES, SITTING_MODE_CHOICES
from .models import SessionInterpretation, SittingInterpretation


class SessionInterpretationForm(forms.ModelForm):
    class Meta:
        model = SessionInterpretation
        fields = ["session", "mode", "rsi_platform", "floor_channel"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mode"].choices = SESSION_MODE_CHOICES

    def clean(self):
        data = super().clean()
        if not self.errors:
            session = data.get("session") or self.instance.session
            channels = services.channels_of(session)
            services.check_channels(
                data["floor_channel"], [room for room, _online in channels.values()]
            )
        return data


@admin.register(SessionInterpretation)
class SessionInterpretationAdmin(admin.ModelAdmin):
    """The mode, platform and floor channel; the channels of each language are set on the
    session's interpretation page."""

    form = SessionInterpretationForm
    list_display = ["session", "mode", "rsi_platform", "floor_channel"]
    list_select_related = ["session"]

    def get_readonly_fields(self, request, obj=None):
        return ["session"] if obj else []

    def save_model(self, request, obj, form, change):
        saved = services.save_session_setup(
            obj.session,
            mode=obj.mode,
            rsi_platform=obj.rsi_platform,
            floor_channel=obj.floor_channel,
            channels=services.channels_of(obj.session),
        )
        obj.pk = saved.pk


class SittingInterpretationForm(forms.ModelForm):
    class Meta:
        model = SittingInterpretation
        fields = ["sitting", "languages", "mode", "long_remote_interventions"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mode"].choices = SITTING_MODE_CHOICES


@admin.register(SittingInterpretation)
class SittingInterpretationAdmin(admin.ModelAdmin):
    form = SittingInterpretationForm
    list_display = ["sitting", "languages", "mode", "long_remote_interventions"]
    list_select_related = ["sitting__session"]

    def get_readonly_fields(self, request, obj=None):
        return ["sitting"] if obj else []

    def save_model(self, request, obj, form, change):
        saved = services.save_sitting_interpretation(
            obj.sitting,
            languages=obj.languages,
            mode=obj.mode,
            long_remote_interventions=obj.long_remote_interventions,
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.reset_sitting_interpretation(obj.sitting)

    def delete_queryset(self, request, queryset):
        for own in queryset.select_related("sitting"):
            services.reset_sitting_interpretation(own.sitting)
