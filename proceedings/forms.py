"""The forms of the lists' pages: inscribing a delegation, and an officer moving a speaker.
They only read what was sent; every rule is proceedings.services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from languages.official import OFFICIAL_LANGUAGES, un_code
from sessions_app.models import ParticipationMode

from .models import Group, Inscription

# How a speaker speaks, as the list says it.
MODES = {ParticipationMode.IN_PERSON: _("In the room"), ParticipationMode.ONLINE: _("Online")}


class InscribeForm(forms.Form):
    """Inscribe a delegation on a list: one of `delegations` (those the reader manages),
    with one of `speakers` (their approved members). The delegation is asked only where
    there is a choice."""

    # Choices from lists the page has read once: no query per form, however many lists.
    delegation = forms.TypedChoiceField(label=_("Delegation"), coerce=int, choices=())
    speaker = forms.TypedChoiceField(
        label=_("Speaker"),
        coerce=int,
        choices=(),
        help_text=_("An approved member of the delegation."),
    )
    mode = forms.ChoiceField(label=_("Speaks"), choices=())
    level = forms.ChoiceField(
        label=_("Level of representation"),
        choices=Inscription.Level.choices,
        initial=Inscription.Level.OTHER,
    )
    on_behalf_of = forms.ChoiceField(
        label=_("On behalf of"),
        choices=[("", _("Its own name")), *Group.choices],
        required=False,
    )
    group_name = forms.CharField(
        label=_("Name of the group"),
        max_length=200,
        required=False,
        help_text=_('For "Another group".'),
    )
    language = forms.ChoiceField(label=_("Language of delivery"), choices=OFFICIAL_LANGUAGES)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Inscription.Kind.choices, initial=Inscription.Kind.STATEMENT
    )

    def __init__(self, *args, session, delegations: list, speakers: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.delegations = {delegation.pk: delegation for delegation in delegations}
        self.speakers = {speaker.pk: speaker for speaker in speakers}
        several = len(delegations) > 1
        self.fields["delegation"].choices = [("", "---------")] + [
            (delegation.pk, delegation.entity.display_name) for delegation in delegations
        ]
        if not several:
            self.fields["delegation"].widget = forms.HiddenInput()
            self.fields["delegation"].initial = delegations[0].pk if delegations else None
        self.fields["speaker"].choices = [("", "---------")] + [
            (
                speaker.pk,
                f"{speaker.full_name} ({speaker.entity.display_name})"
                if several
                else speaker.full_name,
            )
            for speaker in speakers
        ]
        if len(speakers) == 1:
            self.fields["speaker"].initial = speakers[0].pk
        modes = session.participation_modes
        self.fields["mode"].choices = [(mode, MODES[mode]) for mode in modes]
        self.fields["mode"].initial = modes[0]
        self.fields["language"].initial = un_code()

    def clean_delegation(self):
        return self.delegations[self.cleaned_data["delegation"]]

    def clean_speaker(self):
        return self.speakers[self.cleaned_data["speaker"]]

    def clean(self):
        data = super().clean()
        if data.get("on_behalf_of") == Group.OTHER and not data.get("group_name", "").strip():
            self.add_error("group_name", _("Give the name of the group."))
        return data


class MoveForm(forms.Form):
    """An officer moves one of a list's waiting speakers to a place, saying why."""

    inscription = forms.TypedChoiceField(label=_("Speaker"), coerce=int, choices=())
    place = forms.IntegerField(label=_("To place"), min_value=1)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        help_text=_("Kept with the change of order."),
    )

    def __init__(self, *args, waiting=(), places: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inscription"].choices = [
            (
                inscription.pk,
                f"{place}. {inscription.delegation.entity.display_name}: "
                f"{inscription.speaker.full_name}",
            )
            for place, inscription in waiting
        ]
        self.fields["place"].widget.attrs["max"] = places  # the service says why if beyond
