import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sessions_app.models import ParticipationMode

from .models import Entity, RegionalGroup, Registration
from .names import state_codes_matching


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
                | Q(entity__code__in=state_codes_matching(word))
            )
        return queryset
