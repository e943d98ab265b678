from django import forms
from django.utils.translation import gettext_lazy as _

from sessions_app.models import OFFICIAL_LANGUAGES, ParticipationMode

from .models import Entity, Registration
from .services import EDITABLE_FIELDS

LANGUAGE_FIELDS = ("listening_language", "speaking_language", "documentation_language")


class RegistrationDetailsForm(forms.ModelForm):
    """The details a delegate gives and may change until approval."""

    class Meta:
        model = Registration
        fields = EDITABLE_FIELDS
        widgets = {"accessibility_needs": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nationality"].queryset = Entity.objects.filter(
            kind__in=[Entity.Kind.MEMBER_STATE, Entity.Kind.OBSERVER_STATE]
        ).order_by("name")
        offered = [(code, label) for code, label in OFFICIAL_LANGUAGES if code in session.languages]
        for name in LANGUAGE_FIELDS:
            self.fields[name].choices = [("", "---------"), *offered]


class RegistrationForm(RegistrationDetailsForm):
    """A delegate registers themself: their entity and participation mode, then details."""

    entity = forms.ModelChoiceField(
        label=_("You represent"),
        queryset=Entity.objects.filter(is_active=True).order_by("kind", "name"),
    )
    participation_mode = forms.ChoiceField(label=_("Participation"))
    privacy_acknowledged = forms.BooleanField(
        label=_(
            "I have read the privacy notice: my data are used to organise this meeting "
            "and its security, and are deleted after it."
        ),
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, session=session, **kwargs)
        self.fields["participation_mode"].choices = [
            (mode, ParticipationMode(mode).label) for mode in session.participation_modes
        ]
        self.order_fields(["entity", "participation_mode"])

    def registration_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}
        data["participation_mode"] = self.cleaned_data["participation_mode"]
        return data
