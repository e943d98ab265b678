from dataclasses import dataclass, field

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from languages.models import Language
from languages.official import OFFICIAL_LANGUAGES
from sessions_app.models import ParticipationMode

from . import kept_photos
from .models import Entity, Registration
from .names import sort_key
from .photos import PhotoError, prepare_photo
from .services import EDITABLE_FIELDS, PERSONAL_FIELDS, missing_identity_fields

LANGUAGE_FIELDS = ("listening_language", "speaking_language", "documentation_language")
# Asked only of those who come in person; ignored (and not asked) for online participation.
IN_PERSON_FIELDS = (*PERSONAL_FIELDS, "photo", "needs_visa_letter")
CHOOSE = _("Choose…")


@dataclass
class Section:
    """A group of the form's fields, shown as a fieldset with a legend."""

    key: str
    legend: str
    fields: list = field(default_factory=list)  # [(bound field, marked required)]
    note: str = ""


class RegistrationDetailsForm(forms.ModelForm):
    """The details a delegate gives and may change until approval."""

    # (key, legend, field names): the form's sections in order; fields a form lacks are
    # skipped, and so is a section left empty.
    SECTIONS = (
        ("represent", _("Who you represent"), ("entity",)),
        (
            "names",
            _("Names"),
            (
                "salutation",
                "given_name",
                "family_name",
                "name_in_own_script",
                "function_title",
                "gender",
                "nationality",
                "email",
                "phone",
            ),
        ),
        ("participation", _("Participation"), ("participation_mode",)),
        (
            "interpretation",
            _("Interpretation and accessibility"),
            (*LANGUAGE_FIELDS, "needs_hearing_assistance", "accessibility_needs"),
        ),
        ("in_person", _("For in-person participants only"), IN_PERSON_FIELDS),
        ("consents", _("Consents"), ("consents_to_list", "privacy_acknowledged")),
    )

    class Meta:
        model = Registration
        fields = EDITABLE_FIELDS
        widgets = {"accessibility_needs": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.fields["nationality"].queryset = Entity.objects.filter(
            kind__in=[Entity.Kind.MEMBER_STATE, Entity.Kind.OBSERVER_STATE]
        ).order_by("name_en")
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
                choices=[("", CHOOSE), *choices],
                required=False,
            )
        self._finish_fields()

    def _finish_fields(self) -> None:
        """A real prompt in the selects instead of "---------"."""
        for form_field in self.fields.values():
            if isinstance(form_field, forms.ModelChoiceField):
                form_field.empty_label = CHOOSE
            elif isinstance(form_field, forms.ChoiceField):
                choices = list(form_field.choices)
                if choices and choices[0][0] == "" and str(choices[0][1]).startswith("---"):
                    form_field.choices = [("", CHOOSE), *choices[1:]]

    # The participation mode: chosen in the form, or the registration's own.
    def participation_mode(self) -> str:
        if "participation_mode" in self.fields:
            return (getattr(self, "cleaned_data", None) or {}).get("participation_mode", "")
        return self.instance.participation_mode

    def in_person(self) -> bool:
        return self.participation_mode() == ParticipationMode.IN_PERSON

    def asks_mode(self) -> bool:
        return "participation_mode" in self.fields

    def may_be_in_person(self) -> bool:
        if self.asks_mode():
            return ParticipationMode.IN_PERSON in self.session.participation_modes
        return self.in_person()

    def required_in_person(self) -> tuple[str, ...]:
        """Fields that are required for in-person participation only."""
        return ()

    def sections(self) -> list[Section]:
        """The visible fields by section. Where the mode is fixed and online, the in-person
        section is left out; where it is chosen, it is shown with a note (a script hides
        it while Online is chosen)."""
        placed = set()
        sections = []
        for key, legend, names in self.SECTIONS:
            if key == "in_person" and not self.may_be_in_person():
                placed.update(names)
                continue
            section = Section(key, self.legend(key, legend))
            for name in names:
                if name in self.fields and not self.fields[name].widget.is_hidden:
                    placed.add(name)
                    required = self.fields[name].required or name in self.required_in_person()
                    section.fields.append((self[name], required))
            if key == "in_person" and self.asks_mode():
                section.note = gettext(
                    "Only for in-person participants: leave these empty if you take part online."
                )
            if section.fields:
                sections.append(section)
        # A field no section names still shows, at the end.
        rest = [
            (bound, bound.field.required)
            for bound in self.visible_fields()
            if bound.name not in placed
        ]
        if rest:
            sections.append(Section("more", gettext("More"), rest))
        return sections

    def legend(self, key: str, legend) -> str:
        return str(legend)

    def clean(self):
        data = super().clean()
        if not self.in_person():
            # Online: what the in-person section holds is not asked, so it is neither
            # checked nor changed (an empty value for a new registration).
            for name in IN_PERSON_FIELDS:
                if name in self.fields:
                    self.errors.pop(name, None)
                    data[name] = None if name == "photo" else getattr(self.instance, name)
        return data


class OwnDetailsForm(RegistrationDetailsForm):
    """What the person gives about themself: their details, and for in-person participation
    the identity document for the VIC's security service and a photo for the badge. Only
    officers and the person see these. A photo that passed its checks is kept while the
    form has errors (`keep_photo`), so that it need not be chosen again."""

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

    def __init__(self, *args, session, user=None, **kwargs):
        super().__init__(*args, session=session, **kwargs)
        self.user = user
        self.kept_photo = None  # the photo kept from an earlier try of this form
        self.new_photo = None  # the photo chosen this time, checked and re-encoded
        self.new_photo_name = ""
        if self.is_bound and user is not None and self.data.get("kept_photo"):
            self.kept_photo = kept_photos.find(self.data["kept_photo"], user)
        for name in self.required_in_person():
            self.fields[name].widget.attrs["aria-required"] = "true"

    def required_in_person(self) -> tuple[str, ...]:
        return PERSONAL_FIELDS

    def legend(self, key: str, legend) -> str:
        return gettext("Your names") if key == "names" else str(legend)

    def clean_photo(self):
        uploaded = self.cleaned_data.get("photo")
        if not uploaded:
            return self.kept_photo.content() if self.kept_photo else None
        try:
            self.new_photo = prepare_photo(uploaded)
        except PhotoError as error:
            raise forms.ValidationError(str(error)) from error
        self.new_photo_name = uploaded.name
        return self.new_photo

    def clean(self):
        data = super().clean()
        for name in missing_identity_fields(self.participation_mode(), data):
            if name not in self.errors:
                self.add_error(
                    name, _("Needed by the VIC's security service for in-person participation.")
                )
        return data

    def keep_photo(self) -> None:
        """The form is shown again (it has errors): keep a newly chosen photo that passed
        its checks, for the next try."""
        if self.new_photo is None or self.user is None:
            return
        if self.kept_photo:  # replaced by the new one
            self.kept_photo.delete()
        self.new_photo.seek(0)
        self.kept_photo = kept_photos.keep(self.new_photo, self.new_photo_name, self.user)
        self.new_photo = None

    def photo_used(self) -> None:
        """The photo is saved on the registration: the kept copy is no longer needed."""
        if self.kept_photo:
            self.kept_photo.delete()
            self.kept_photo = None

    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in (*EDITABLE_FIELDS, *PERSONAL_FIELDS)}


class RegistrationForm(OwnDetailsForm):
    """A delegate registers themself: their entity and participation mode, then details."""

    entity = forms.ModelChoiceField(
        label=_("You represent"),
        queryset=Entity.objects.filter(is_active=True).order_by("kind", "name_en"),
    )
    participation_mode = forms.ChoiceField(label=_("Participation"))
    privacy_acknowledged = forms.BooleanField(
        label=_(
            "I have read the privacy notice: my data are used to organise this meeting "
            "and its security, and are deleted after it."
        ),
        error_messages={
            "required": _("Tick the box to say that you have read the privacy notice.")
        },
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, session=session, **kwargs)
        self.fields["participation_mode"].choices = mode_choices(session)
        self.fields["entity"].choices = entity_choices(self.fields["entity"].queryset)
        self.fields["privacy_acknowledged"].help_text = format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("registration:privacy"),
            gettext("Read the privacy notice (opens in a new tab)"),
        )
        self.order_fields(["entity", "participation_mode"])

    def registration_fields(self) -> dict:
        return self.details() | {"participation_mode": self.cleaned_data["participation_mode"]}


def mode_choices(session) -> list[tuple[str, str]]:
    """The session's participation modes; a prompt first where there is a choice."""
    modes = [(mode, ParticipationMode(mode).label) for mode in session.participation_modes]
    return modes if len(modes) == 1 else [("", CHOOSE), *modes]


def entity_choices(entities) -> list:
    """Whom one may represent, grouped by kind in the order of Entity.Kind (Member States,
    observer States, UN entities...), each group in the reader's alphabetical order."""
    groups: dict[str, list] = {}
    for entity in entities:
        groups.setdefault(entity.kind, []).append((entity.pk, entity.display_name))
    return [
        ("", CHOOSE),
        *(
            (kind.label, sorted(groups[kind], key=lambda choice: sort_key(choice[1])))
            for kind in Entity.Kind
            if kind in groups
        ),
    ]


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
        self.fields["participation_mode"].choices = mode_choices(session)
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
