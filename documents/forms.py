"""Officers' forms: one document with a file per language, and a set of files by name."""

from django import forms
from django.utils.translation import gettext_lazy as _

from languages.official import OFFICIAL, OWN_NAMES

from .files import CONTENT_TYPES
from .models import Document

ACCEPT = ",".join([".pdf", ".docx", *CONTENT_TYPES.values()])


def file_field_name(language: str) -> str:
    return f"file_{language}"


class DocumentForm(forms.ModelForm):
    """A document's fields and a file per language, all saved at once."""

    agenda_items = forms.CharField(
        label=_("Agenda items"),
        required=False,
        help_text=_("Their numbers, separated by commas: 2, 3"),
    )

    class Meta:
        model = Document
        fields = [
            "symbol",
            "kind",
            "title_en",
            "issued_on",
            "distribution",
            "status",
            "agenda_items",
            "original_language",
            "entity",
        ]
        labels = {"title_en": _("Title in English")}
        help_texts = {
            "title_en": _("The titles in the other languages are on the session's content page.")
        }
        widgets = {"issued_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # As the service asks (a written contribution keeps the language it was written in).
        self.fields["title_en"].required = self.instance.kind != Document.Kind.WRITTEN_CONTRIBUTION
        if self.instance.pk and not self.is_bound:
            self.initial["agenda_items"] = ", ".join(
                str(item) for item in self.instance.agenda_items
            )
        for language in OFFICIAL:
            self.fields[file_field_name(language.code)] = forms.FileField(
                label=_("File in %(language)s (%(own_name)s)")
                % {"language": language.name, "own_name": OWN_NAMES[language.code]},
                required=False,
                help_text=_("PDF or Word (DOCX); replaces the version of this language."),
                widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
            )

    def clean_agenda_items(self) -> list[int]:
        parts = [part.strip().rstrip(".") for part in self.cleaned_data["agenda_items"].split(",")]
        parts = [part for part in parts if part]
        if not all(part.isdigit() for part in parts):
            raise forms.ValidationError(
                _("Give the numbers of the agenda items, separated by commas: 2, 3")
            )
        return sorted({int(part) for part in parts})

    def language_files(self) -> dict[str, object]:
        """The uploaded file of each language that has one."""
        return {
            language.code: self.cleaned_data[file_field_name(language.code)]
            for language in OFFICIAL
            if self.cleaned_data.get(file_field_name(language.code))
        }


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input type=file multiple>."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data] or single(None, initial)
        return [single(data, initial)]


class SetForm(forms.Form):
    files = MultipleFileField(label=_("Files of the set"))
    kind = forms.ChoiceField(
        label=_("Kind of the new documents"),
        choices=Document.Kind.choices,
        initial=Document.Kind.OTHER,
    )
    status = forms.ChoiceField(
        label=_("Status of the new documents"),
        choices=Document.Status.choices[:2],  # forthcoming or published
        initial=Document.Status.PUBLISHED,
    )
    distribution = forms.ChoiceField(
        label=_("Distribution of the new documents"),
        choices=Document.Distribution.choices,
        initial=Document.Distribution.GENERAL,
    )
