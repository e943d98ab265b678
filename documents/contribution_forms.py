"""Forms of the written-contributions pages: submitting, replacing files, screening. They
parse input only; the rules are in documents.contributions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from languages.official import OFFICIAL, OFFICIAL_LANGUAGES

FILE_HELP = _("PDF or Word (DOCX).")


class LanguageFilesMixin:
    """One optional file field per official language, `file_ar` … `file_es`."""

    def add_file_fields(self) -> None:
        for language in OFFICIAL:
            self.fields[f"file_{language.code}"] = forms.FileField(
                label=_("File in %(language)s") % {"language": language.name},
                required=False,
                help_text=FILE_HELP,
                widget=forms.ClearableFileInput(
                    attrs={"accept": ".pdf,.docx,application/pdf", "lang": language.code}
                ),
            )

    def file_fields(self) -> list:
        return [self[f"file_{language.code}"] for language in OFFICIAL]

    def files_by_language(self) -> dict:
        return {
            language.code: self.cleaned_data[f"file_{language.code}"]
            for language in OFFICIAL
            if self.cleaned_data.get(f"file_{language.code}")
        }


class SubmitForm(LanguageFilesMixin, forms.Form):
    entity = forms.ModelChoiceField(queryset=None, label=_("On behalf of"), empty_label=None)
    title = forms.CharField(label=_("Title"), max_length=500)
    original_language = forms.ChoiceField(
        label=_("Original language"),
        choices=[("", "—"), *OFFICIAL_LANGUAGES],
        help_text=_("The language it was written in: its file is required."),
    )
    consents = forms.BooleanField(
        label=_("We consent to the publication of this contribution on the session's page."),
        required=True,
        error_messages={"required": _("Consent to publication is required.")},
    )

    def __init__(self, *args, entities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entity"].queryset = entities
        self.add_file_fields()
        # Kept last, after the files, as people read the form.
        self.fields["consents"] = self.fields.pop("consents")

    def clean(self):
        cleaned = super().clean()
        original = cleaned.get("original_language")
        if original and not cleaned.get(f"file_{original}"):
            self.add_error(f"file_{original}", _("Attach the file in the original language."))
        return cleaned


class ReplaceFilesForm(LanguageFilesMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_file_fields()

    def clean(self):
        cleaned = super().clean()
        if not self.files_by_language():
            raise forms.ValidationError(_("Choose at least one file."))
        return cleaned


class ScreenForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("return", _("Return")), ("decline", _("Decline"))]
    )
    symbol = forms.CharField(label=_("Symbol (optional)"), required=False, max_length=80)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea)
