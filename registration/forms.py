from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from languages.models import Language
from languages.official import OFFICIAL_LANGUAGES
from sessions_app.models import ParticipationMode

from .models import Entity, Registration
from .photos import PhotoError, prepare_photo
from .services import EDITABLE_FIELDS, PERSONAL_FIELDS, missing_identity_fields

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
        # Listening and speaking: the session's languages, and every sign language, so that
        # a participant who needs one says so even where it is not offered yet (the
        # coverage page lists such needs); documents exist in the official languages only.
        offered = [
            (language.code, str(language))
            for language in Language.objects.filter(
                Q(code__in=session.languages) | Q(is_signed=True)
            )
        ]
        documents = [
            (code, label) for code, label in OFFICIAL_LANGUAGES if code in session.languages
        ]
        for name in LANGUAGE_FIELDS:
            choices = documents if name == "documentation_language" else offered
            self.fields[name] = forms.ChoiceField(
                label=self.fields[name].label,
                choices=[("", "---------"), *choices],
                required=False,
            )


class OwnDetailsForm(RegistrationDetailsForm):
    """What the person gives about themself: their details, and for in-person participation
    the identity document for the VIC's security service and a photo for the badge. Only
    officers and the person see these."""

    photo = forms.FileField(
        label=_("Photo for the badge"),
        required=False,
        help_text=_(
            "JPEG or PNG, at least 400 by 500 pixels, at most 5 MB: head and "
            "shoulders, facing the camera, on a plain light background."
        ),
    )

    class Meta(RegistrationDetailsForm.Meta):
        fields = (*EDITABLE_FIELDS, *PERSONAL_FIELDS)
        widgets = {
            **RegistrationDetailsForm.Meta.widgets,
            "identity_document_expiry": forms.DateInput(attrs={"type": "date"}),
        }

    def clean_photo(self):
        uploaded = self.cleaned_data.get("photo")
        if not uploaded:
            return None
        try:
            return prepare_photo(uploaded)
        except PhotoError as error:
            raise forms.ValidationError(str(error)) from error

    def in_person(self) -> bool:
        return self.instance.participation_mode == ParticipationMode.IN_PERSON

    def clean(self):
        data = super().clean()
        mode = ParticipationMode.IN_PERSON if self.in_person() else ParticipationMode.ONLINE
        for name in missing_identity_fields(mode, data):
            if name not in self.errors:
                self.add_error(
                    name, _("Needed by the VIC's security service for in-person participation.")
                )
        return data

    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in (*EDITABLE_FIELDS, *PERSONAL_FIELDS)}


class RegistrationForm(OwnDetailsForm):
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

    def in_person(self) -> bool:
        return self.cleaned_data.get("participation_mode") == ParticipationMode.IN_PERSON

    def registration_fields(self) -> dict:
        return self.details() | {"participation_mode": self.cleaned_data["participation_mode"]}


YES_NO = {
    "yes": True,
    "y": True,
    "true": True,
    "1": True,
    "no": False,
    "n": False,
    "false": False,
    "0": False,
    "": False,
}


class YesNoField(forms.Field):
    """yes/no (also true/false, 1/0; empty is no), as written in a sheet."""

    def to_python(self, value):
        text = str(value if value is not None else "").strip().lower()
        if text not in YES_NO:
            raise forms.ValidationError(_("Write yes or no."))
        return YES_NO[text]


class MemberForm(RegistrationDetailsForm):
    """A focal point registers one member of their delegation (the page, and each row of
    an uploaded sheet)."""

    email = forms.EmailField(label=_("E-mail"))
    participation_mode = forms.ChoiceField(label=_("Participation"))

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, session=session, **kwargs)
        self.fields["participation_mode"].choices = [
            (mode, ParticipationMode(mode).label) for mode in session.participation_modes
        ]
        self.order_fields(["email", "participation_mode"])

    def registration_fields(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in (*EDITABLE_FIELDS, "email", "participation_mode")
        }


class MemberRowForm(MemberForm):
    """One row of an uploaded sheet: the nationality as an ISO code, yes/no columns."""

    nationality = forms.ModelChoiceField(
        queryset=Entity.objects.filter(
            kind__in=[Entity.Kind.MEMBER_STATE, Entity.Kind.OBSERVER_STATE]
        ),
        to_field_name="code",
        required=False,
        error_messages={"invalid_choice": _("Not an ISO 3166 alpha-3 code of a State.")},
    )
    needs_visa_letter = YesNoField(required=False)
    consents_to_list = YesNoField(required=False)


class NominationForm(forms.Form):
    document = forms.FileField(label=_("Note verbale or nomination letter (PDF)"))


class SheetForm(forms.Form):
    sheet = forms.FileField(label=_("Sheet of members (CSV or Excel)"))


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail of the new focal point"))
