"""The form for sending a statement. It parses input only; the rules (who, when, which
files) are in proceedings.statements."""

from django import forms
from django.utils.translation import gettext_lazy as _


class StatementForm(forms.Form):
    file = forms.FileField(
        label=_("The statement's text"),
        help_text=_("PDF or Word (DOCX). Read by the interpreters only, until delivered."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,application/pdf"}),
    )
    consent_to_publish = forms.BooleanField(
        label=_(
            "We consent to the publication of this statement with the session's documents "
            "after delivery, marked “check against delivery”."
        ),
        required=False,
    )
