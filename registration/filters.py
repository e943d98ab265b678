import django_filters
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from sessions_app.models import ParticipationMode

from .models import Entity, RegionalGroup, Registration


class RegistrationFilter(django_filters.FilterSet):
    """The officer console's filters and search."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    state = django_filters.ChoiceFilter(label=_("State"), choices=Registration.State.choices)
    participation_mode = django_filters.ChoiceFilter(
        label=_("Participation"), choices=ParticipationMode.choices
    )
    category = django_filters.ChoiceFilter(label=_("Category"), choices=Entity.Kind.choices)
    regional_group = django_filters.ChoiceFilter(
        label=_("Regional group"),
        field_name="entity__regional_group",
        choices=RegionalGroup.choices,
    )
    entity = django_filters.ModelChoiceFilter(
        label=_("Entity"), queryset=Entity.objects.filter(is_active=True).order_by("name")
    )

    missing = django_filters.ChoiceFilter(
        label=_("Missing"),
        method="filter_missing",
        choices=[("photo", _("Photo (in person)")), ("document", _("Note verbale"))],
    )

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
        for word in value.split():
            queryset = queryset.filter(
                Q(given_name__icontains=word)
                | Q(family_name__icontains=word)
                | Q(email__icontains=word)
                | Q(entity__name__icontains=word)
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
