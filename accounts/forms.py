from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _


class LanguageRadios(forms.RadioSelect):
    def id_for_label(self, id_, index="0"):
        # The error summary's link goes to the first choice (Django gives none for a group).
        return super().id_for_label(id_, index)


class ProfileForm(forms.Form):
    # Each language in its own name: a person who cannot read the page's language can
    # still find theirs.
    language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=[(code, get_language_info(code)["name_local"]) for code, _n in settings.LANGUAGES],
        widget=LanguageRadios,
    )
