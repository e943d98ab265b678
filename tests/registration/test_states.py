from collections import Counter

import pytest

from registration.models import Entity, RegionalGroup
from registration.services import load_states

pytestmark = pytest.mark.django_db


def test_every_member_state_is_in_one_regional_group():
    load_states()

    groups = Counter(
        Entity.objects.filter(kind=Entity.Kind.MEMBER_STATE).values_list(
            "regional_group", flat=True
        )
    )

    assert groups == {
        RegionalGroup.AFRICA: 54,
        RegionalGroup.ASIA_PACIFIC: 54,
        RegionalGroup.EASTERN_EUROPE: 23,
        RegionalGroup.LATIN_AMERICA_CARIBBEAN: 33,
        RegionalGroup.WESTERN_EUROPE_OTHERS: 29,
    }


def test_observer_states_are_the_holy_see_and_the_state_of_palestine():
    load_states()

    observers = Entity.objects.filter(kind=Entity.Kind.OBSERVER_STATE)

    assert set(observers.values_list("name", flat=True)) == {"Holy See", "State of Palestine"}


def test_loading_again_updates_in_place():
    load_states()
    Entity.objects.filter(code="AUT").update(name="Old name")

    load_states()

    assert Entity.objects.get(code="AUT").name == "Austria"
    assert Entity.objects.count() == 195
