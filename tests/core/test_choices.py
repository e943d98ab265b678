"""core.choices.label gives what get_FOO_display() gives, in the active language."""

import pytest
from django.utils import translation

from core.choices import label
from registration.models import Registration

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "fr", "ar", "zh-hans"])
def test_the_label_is_the_display_in_each_language(language):
    registration = Registration(state="waitlisted", salutation="Ms.", category="ngo")

    with translation.override(language):
        for field in ("state", "salutation", "category"):
            display = getattr(registration, f"get_{field}_display")()
            assert label(registration, field) == str(display)


def test_a_value_outside_the_choices_is_shown_as_it_is():
    assert label(Registration(state="unknown"), "state") == "unknown"
