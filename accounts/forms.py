from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _


class ProfileForm(forms.Form):
    # Each language in its own name: a person who cannot read the page's language can
    # still find theirs.
    language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=[(code, get_language_info(code)["name_local"]) for code, _n in settings.LANGUAGES],
        widget=forms.RadioSelect,
    )
