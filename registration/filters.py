import django_filters
from django import forms
from django.db.models import Q
from django.forms.utils import flatatt
from django.http import QueryDict
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname, get_language

from sessions_app.models import ParticipationMode

from .models import Entity, RegionalGroup, Registration
from .names import state_codes_matching


class PlainSelect(forms.Select):
    """A flat select written out in Python rather than option by option through the form
    templates: the console's entity filter has a few hundred options."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], " selected" if option["selected"] else "", option["label"])
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(widget["attrs"]), options
        )


def _choice(label, **kwargs):
    return django_filters.ChoiceFilter(
        label=label, empty_label=_("All"), widget=PlainSelect, **kwargs
    )


class RegistrationFilter(django_filters.FilterSet):
    """The officer console's filters and search. Given the `session`, the entities offered
    are those with a delegation to it."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    state = _choice(_("State"), choices=Registration.State.choices)
    participation_mode = _choice(_("Participation"), choices=ParticipationMode.choices)
    category = _choice(_("Category"), choices=Entity.Kind.choices)
    regional_group = _choice(
        _("Regional group"), field_name="entity__regional_group", choices=RegionalGroup.choices
    )
    entity = django_filters.ModelChoiceFilter(
        label=_("Entity"),
        queryset=Entity.objects.filter(is_active=True).order_by("name_en"),
        empty_label=_("All"),
        widget=PlainSelect,
    )

    missing = _choice(
        _("Missing"),
        method="filter_missing",
        choices=[("photo", _("Photo (in person)")), ("document", _("Note verbale"))],
    )

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        if session is not None:
            self.filters["entity"].queryset = Entity.objects.filter(
                delegations__session=session
            ).order_by("name_en")

    class Meta:
        model = Registration
        fields = [
            "q",
            "state",
            "participation_mode",
            "category",
            "regional_group",
            "entity",
            "missing",
        ]

    def filter_missing(self, queryset, name, value):
        if value == "photo":
            return queryset.filter(participation_mode=ParticipationMode.IN_PERSON, photo="")
        return queryset.filter(delegation__nomination_document="")

    def search(self, queryset, name, value):
        # An organisation is found by its English name or its name in the reader's language.
        own_name = f"entity__{build_localized_fieldname('name', get_language())}__icontains"
        for word in value.split():
            queryset = queryset.filter(
                Q(given_name__icontains=word)
                | Q(family_name__icontains=word)
                | Q(email__icontains=word)
                | Q(entity__name_en__icontains=word)
                | Q(**{own_name: word})
                | Q(entity__code__in=state_codes_matching(word))
            )
        return queryset


PAGE_SIZES = (50, 100, 200)


def page_size(params) -> int:
    """The console's rows per page: one of PAGE_SIZES (the first unless asked)."""
    try:
        asked = int(params.get("per_page", ""))
    except ValueError:
        return PAGE_SIZES[0]
    return asked if asked in PAGE_SIZES else PAGE_SIZES[0]


def console_query(params, *, without=()) -> str:
    """The console's state in a query string: its filters, rows per page and page, and
    nothing else (so that it can be carried through a form and back safely)."""
    kept = QueryDict(mutable=True)
    for key in (*RegistrationFilter.base_filters, "per_page", "page"):
        value = (params.get(key) or "").strip()
        if value and key not in without:
            kept[key] = value
    return kept.urlencode()
