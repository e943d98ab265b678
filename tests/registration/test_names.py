"""Names and other one-line text of a registration: no character that reverses what follows
it on pages and badges (U+202E and the other direction controls), no line break; refused by
every door, with a message."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from registration import delegations, services
from registration.models import Entity, Registration
from tests.factories import EntityFactory
from tests.registration.test_api import URL, api, new
from tests.registration.test_pages import form

pytestmark = pytest.mark.django_db
REVERSED = "Amina \u202eHADDAD"


@pytest.fixture
def session(open_session):
    return open_session


def test_the_registration_page_refuses_a_direction_control(delegate_client, session):
    response = delegate_client.post(
        "/sessions/demo/register/", form(EntityFactory(), family_name=REVERSED)
    )

    assert "direction characters" in str(response.context["form"].errors["family_name"])
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    "field", ["given_name", "family_name", "name_in_own_script", "function_title"]
)
def test_the_api_refuses_a_direction_control(delegate, session, field):
    response = api(delegate).post(URL, new(EntityFactory(), **{field: REVERSED}), format="json")

    assert response.status_code == 400 and field in response.json()
    assert not Registration.objects.exists()


def test_the_api_refuses_a_line_break_in_a_name(delegate, session):
    response = api(delegate).post(URL, new(EntityFactory(), given_name="Wei\nZhang"), format="json")

    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_a_sheet_with_a_direction_control_is_refused(delegate, session):
    delegation = services.delegation_for(session, EntityFactory(name="Austria"))
    sheet = SimpleUploadedFile(
        "members.csv",
        (
            "salutation,given_name,family_name,email,participation_mode\n"
            f"Ms.,Amina,{REVERSED},amina@example.org,online\n"
        ).encode(),
    )

    with pytest.raises(delegations.SheetError) as refused:
        delegations.import_members(delegation, sheet, delegate)

    assert [(error.row, error.column) for error in refused.value.errors] == [(2, "family_name")]
    assert not Registration.objects.exists()


def test_an_entity_name_with_a_direction_control_is_refused():
    entity = Entity(kind=Entity.Kind.NGO, name="\u202eInternational Reform")

    with pytest.raises(ValidationError) as refused:
        entity.full_clean()

    assert "name" in refused.value.message_dict
