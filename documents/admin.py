from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from core.errors import DomainError
from languages.content import columns
from registration.models import Entity

from . import services
from .models import Call, Contribution, ContributionEvent, ContributionFile, Document, DocumentFile


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    fields = ["language", "extension", "size", "uploaded_at", "uploaded_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # files are checked by the upload pages and the API, not here


class DocumentAdminForm(forms.ModelForm):
    """Checked by the service's rules (the symbol's, the English title), so that a refusal
    shows on the form with what was typed, not after it is lost."""

    def _post_clean(self) -> None:
        super()._post_clean()
        if not self.errors:
            try:
                services.validated(self.instance)
            except DomainError as error:
                self.add_error(None, str(error))


@admin.register(Document)
class DocumentAdmin(TranslationAdmin):
    form = DocumentAdminForm
    list_display = ["symbol", "title", "kind", "session", "status", "distribution", "issued_on"]
    list_filter = ["session", "kind", "status", "distribution"]
    search_fields = ["symbol", *columns("title")]
    readonly_fields = ["revises"]
    raw_id_fields = ["entity"]
    inlines = [DocumentFileInline]

    def save_model(self, request, obj, form, change) -> None:
        # Through the service: a published revision supersedes what it revises.
        services.save_document(obj, actor=request.user)


class CallAdminForm(forms.ModelForm):
    """The kinds of entity invited as boxes to tick, not a list typed in JSON."""

    invited_kinds = forms.MultipleChoiceField(
        label=_("invited kinds of entity"),
        choices=Entity.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Call
        fields = [
            "session",
            "series",
            "title",
            "themes",
            "opens_at",
            "deadline",
            "invited_kinds",
            "accepts_late",
        ]


@admin.register(Call)
class CallAdmin(TranslationAdmin):
    form = CallAdminForm
    list_display = ["title", "session", "series", "opens_at", "deadline", "accepts_late"]
    search_fields = columns("title")


class ContributionEventInline(admin.TabularInline):
    model = ContributionEvent
    fields = ["at", "state", "actor", "reason", "files_replaced"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class ContributionFileInline(admin.TabularInline):
    model = ContributionFile
    fields = ["language", "extension", "size", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    """Read only: screening goes through the officers' pages, which tell the submitter."""

    list_display = ["title", "entity", "call", "state", "submitted_at"]
    list_filter = ["call", "state"]
    search_fields = ["title", *columns("entity__name")]
    inlines = [ContributionFileInline, ContributionEventInline]
    readonly_fields = [field.name for field in Contribution._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # its audit trail would go with it
