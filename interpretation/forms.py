from django import forms
from django.utils.translation import gettext_lazy as _

from languages.models import Language

from .models import InterpretationMode, SessionInterpretation

# The empty mode has a name, never "---------".
SESSION_MODE_CHOICES = [("", _("From the session's format")), *InterpretationMode.choices]
SITTING_MODE_CHOICES = [("", _("The session's")), *InterpretationMode.choices]


class SessionSetupForm(forms.ModelForm):
    """Mode, RSI platform, floor channel, and two fields per language of the session: its
    channel in the room and online."""

    class Meta:
        model = SessionInterpretation
        fields = ["mode", "rsi_platform", "floor_channel"]

    def __init__(self, *args, session, channels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mode"].choices = SESSION_MODE_CHOICES
        self.fields["mode"].help_text = _("In person: booths; online: RSI.")
        self.languages = list(Language.objects.filter(code__in=session.languages))
        for language in self.languages:
            current = channels.get(language.code)
            self.fields[f"room_{language.code}"] = forms.IntegerField(
                label=_("%(language)s: channel in the room") % {"language": language},
                min_value=0,
                max_value=99,
                required=False,
                initial=current.room_channel if current else None,
            )
            self.fields[f"room_{language.code}"].widget.attrs["aria-label"] = self.fields[
                f"room_{language.code}"
            ].label
            self.fields[f"online_{language.code}"] = forms.CharField(
                label=_("%(language)s: online channel") % {"language": language},
                max_length=300,
                required=False,
                initial=current.online_channel if current else "",
            )
            self.fields[f"online_{language.code}"].widget.attrs["aria-label"] = self.fields[
                f"online_{language.code}"
            ].label

    def channel_rows(self) -> list[tuple]:
        """(language, its room channel field, its online channel field), for a table."""
        return [
            (language, self[f"room_{language.code}"], self[f"online_{language.code}"])
            for language in self.languages
        ]

    def channels(self) -> dict[str, tuple[int | None, str]]:
        return {
            language.code: (
                self.cleaned_data[f"room_{language.code}"],
                self.cleaned_data[f"online_{language.code}"],
            )
            for language in self.languages
        }


class SittingInterpretationForm(forms.Form):
    own_languages = forms.BooleanField(
        label=_("This sitting has its own languages"),
        required=False,
        help_text=_("Otherwise it has the session's."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), widget=forms.CheckboxSelectMultiple, required=False
    )
    mode = forms.ChoiceField(
        label=_("Mode"),
        choices=SITTING_MODE_CHOICES,
        required=False,
    )
    long_remote_interventions = forms.BooleanField(
        label=_("Remote interventions may exceed 30 minutes"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = [
            (language.code, str(language)) for language in Language.objects.all()
        ]

    def chosen_languages(self) -> list[str] | None:
        if not self.cleaned_data["own_languages"]:
            return None
        return self.cleaned_data["languages"]
