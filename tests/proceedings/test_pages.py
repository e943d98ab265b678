"""The pages of the lists of speakers: who reads them, a focal point inscribing and
withdrawing their delegation, an officer's actions, and the refusals (nothing changed)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from proceedings import services
from proceedings.models import Group, Inscription, OrderChange, SpeakersList
from registration import services as registration
from tests.factories import EntityFactory, SessionFactory, UserFactory, register

from .conftest import inscribe

PAGE = "/sessions/ieg-2-2025/speakers/"
State = Inscription.State


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def url(name: str, *args) -> str:
    return reverse(f"proceedings:{name}", args=["ieg-2-2025", *args])


def form(member, item: int = 3, **fields) -> dict:
    """The inscription form of the item's list, as a focal point fills it in."""
    values = {
        "delegation": member.delegation.pk,
        "speaker": member.speaker.pk,
        "mode": "in_person",
        "level": "ambassador",
        "on_behalf_of": "",
        "group_name": "",
        "language": "fr",
        "kind": "statement",
    } | fields
    return {f"item{item}-{name}": value for name, value in values.items()}


@pytest.fixture
def participant(session, officer):
    """A person with an approved registration of the session, not a focal point."""
    person = UserFactory()
    registration.approve(
        register(
            session,
            EntityFactory(name="Chile"),
            participant=person,
            email=person.email,
            mode="online",
        ),
        officer,
    )
    return person


# --- Who reads the page ----------------------------------------------------------------


def test_the_page_shows_each_agenda_item_with_its_list_in_order_and_the_rules(
    session, speakers_list, member, participant
):
    austria, eu_speaker = member("Austria"), member("Belgium")
    inscribe(speakers_list, austria)
    inscribe(speakers_list, eu_speaker, on_behalf_of=Group.EUROPEAN_UNION, language="es")

    page = client_for(participant).get(PAGE).content.decode()

    assert "Adoption of the agenda" in page  # item 2: no list yet
    assert "No list of speakers is open for this item yet." in page
    assert page.index("European Union") < page.index("Austria")  # a group speaks first
    assert "Spanish" in page and "Ambassador" not in page
    assert "Statements on behalf of groups come first." in page
    assert "7 minutes" in page  # a group's statement


def test_the_session_page_links_to_the_lists(session):
    page = client_for().get(session.get_absolute_url()).content.decode()

    assert f'href="{PAGE}"' in page


def test_a_participant_reads_but_has_no_form_nor_officers_actions(
    speakers_list, member, participant
):
    inscribe(speakers_list, member("Austria"))

    page = client_for(participant).get(PAGE).content.decode()

    assert "Austria" in page
    assert "Inscribe" not in page and "Withdraw" not in page
    assert "Close the list" not in page and "Changes of order" not in page


def test_a_focal_point_has_the_form_on_open_lists_only(session, officer, speakers_list, member):
    austria = member("Austria")
    services.close_list(services.open_list(session, 1, officer), officer)

    page = client_for(austria.focal_point).get(PAGE).content.decode()

    assert page.count("Inscribe Austria") == 1
    assert f'action="{url("inscribe", 3)}"' in page
    assert f'action="{url("inscribe", 1)}"' not in page


def test_an_officer_has_every_action(session, officer, speakers_list, member):
    inscribe(speakers_list, member("Austria"))

    page = client_for(officer).get(PAGE).content.decode()

    assert f'action="{url("open-list", 1)}"' in page  # no list yet
    assert f'action="{url("close-list", 3)}"' in page
    assert f'action="{url("allow-repeats", 3)}"' in page
    assert f'action="{url("move", 3)}"' in page
    assert "Inscribe a delegation" in page


def test_anonymous_readers_are_sent_to_sign_in(session):
    response = client_for().get(PAGE)

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_delegate_of_another_session_is_refused(session, officer):
    other = SessionFactory(format="hybrid")
    person = UserFactory()
    registration.approve(
        register(
            other, EntityFactory(name="Peru"), participant=person, email=person.email, mode="online"
        ),
        officer,
    )

    assert client_for(person).get(PAGE).status_code == 403


def test_the_page_takes_as_many_queries_however_many_lists_and_speakers(
    session, officer, speakers_list, member, django_assert_num_queries
):
    austria = member("Austria")
    inscribe(speakers_list, austria)
    client = client_for(officer)
    with CaptureQueriesContext(connection) as few:
        client.get(PAGE)
    second = services.open_list(session, 1, officer)
    for name in ("Brazil", "Canada", "Denmark"):
        someone = member(name)
        inscribe(speakers_list, someone)
        inscribe(second, someone)
    services.move(speakers_list.inscriptions.last(), 1, officer, "Agreed swap")

    with django_assert_num_queries(len(few)):
        response = client.get(PAGE)
    assert response.content.decode().count("Agreed swap") == 1


# --- Inscribing ------------------------------------------------------------------------


def test_a_focal_point_inscribes_their_delegation(speakers_list, member):
    austria = member("Austria")

    response = client_for(austria.focal_point).post(url("inscribe", 3), form(austria))

    assert response.status_code == 302
    inscription = speakers_list.inscriptions.get()
    assert (inscription.delegation, inscription.language, inscription.level) == (
        austria.delegation,
        "fr",
        "ambassador",
    )


def test_another_group_needs_its_name(speakers_list, member):
    austria = member("Austria")

    response = client_for(austria.focal_point).post(
        url("inscribe", 3), form(austria, on_behalf_of=Group.OTHER)
    )

    assert response.status_code == 400
    assert "Give the name of the group." in response.content.decode()
    assert not speakers_list.inscriptions.exists()


def test_a_refusal_of_the_rules_shows_as_a_form_error_and_changes_nothing(speakers_list, member):
    austria = member("Austria")
    inscribe(speakers_list, austria)

    response = client_for(austria.focal_point).post(url("inscribe", 3), form(austria))

    assert response.status_code == 400
    assert "Austria is already on this list of speakers." in response.content.decode()
    assert speakers_list.inscriptions.count() == 1


def test_a_focal_point_cannot_inscribe_another_delegation(speakers_list, member):
    austria, brazil = member("Austria"), member("Brazil")

    response = client_for(austria.focal_point).post(url("inscribe", 3), form(brazil))

    assert response.status_code == 400
    assert not speakers_list.inscriptions.exists()


def test_a_speaker_not_in_the_delegation_is_refused(speakers_list, member, officer):
    austria, brazil = member("Austria"), member("Brazil")

    for user in (austria.focal_point, officer):  # the form's choice, then the service's rule
        response = client_for(user).post(
            url("inscribe", 3), form(austria, speaker=brazil.speaker.pk)
        )
        assert response.status_code == 400
    assert "The speaker is not a member of this delegation." in response.content.decode()
    assert not speakers_list.inscriptions.exists()


def test_a_closed_list_takes_no_inscription(speakers_list, member, officer):
    austria = member("Austria")
    services.close_list(speakers_list, officer)

    response = client_for(austria.focal_point).post(url("inscribe", 3), form(austria))

    assert "This list of speakers is closed." in response.content.decode()
    assert not speakers_list.inscriptions.exists()


def test_a_participant_who_is_no_focal_point_may_not_inscribe(speakers_list, member, participant):
    response = client_for(participant).post(url("inscribe", 3), form(member("Austria")))

    assert response.status_code == 403
    assert not speakers_list.inscriptions.exists()


def test_an_officer_inscribes_any_delegation(speakers_list, member, officer):
    member("Austria")
    brazil = member("Brazil")

    client_for(officer).post(url("inscribe", 3), form(brazil))

    assert speakers_list.inscriptions.get().delegation == brazil.delegation


# --- Withdrawing -----------------------------------------------------------------------


def test_withdrawing_asks_first_then_withdraws(speakers_list, member):
    austria = member("Austria")
    inscription = inscribe(speakers_list, austria)
    client = client_for(austria.focal_point)
    assert f'action="{url("withdraw", inscription.pk)}"' in client.get(PAGE).content.decode()

    asked = client.post(url("withdraw", inscription.pk))
    inscription.refresh_from_db()
    assert "Please confirm" in asked.content.decode() and inscription.state == State.WAITING

    client.post(url("withdraw", inscription.pk), {"confirmed": "1"})
    inscription.refresh_from_db()
    assert inscription.state == State.WITHDRAWN


def test_a_focal_point_may_not_withdraw_another_delegation(speakers_list, member):
    austria, brazil = member("Austria"), member("Brazil")
    inscription = inscribe(speakers_list, brazil)

    response = client_for(austria.focal_point).post(
        url("withdraw", inscription.pk), {"confirmed": "1"}
    )

    assert response.status_code == 403
    inscription.refresh_from_db()
    assert inscription.state == State.WAITING


# --- Officers --------------------------------------------------------------------------


def test_an_officer_opens_closes_and_lets_delegations_inscribe_again(session, officer):
    client = client_for(officer)

    client.post(url("open-list", 2))
    speakers_list = SpeakersList.objects.get(session=session, item_number=2)
    client.post(url("allow-repeats", 2), {"allowed": "1"})
    client.post(url("close-list", 2))

    speakers_list.refresh_from_db()
    assert (speakers_list.is_open, speakers_list.allows_repeats) == (False, True)


def test_an_officer_moves_a_speaker_saying_why(speakers_list, member, officer):
    first = inscribe(speakers_list, member("Austria"))
    second = inscribe(speakers_list, member("Brazil"))
    fields = {"move3-inscription": second.pk, "move3-place": 1}
    client = client_for(officer)

    refused = client.post(url("move", 3), fields)
    assert refused.status_code == 400 and not OrderChange.objects.exists()

    client.post(url("move", 3), fields | {"move3-reason": "The minister must leave"})

    change = OrderChange.objects.get()
    assert (change.inscription, change.from_position, change.to_position) == (second, 2, 1)
    assert [each.pk for each in services.queries.in_order(speakers_list)] == [second.pk, first.pk]
    assert "The minister must leave" in client.get(PAGE).content.decode()


@pytest.mark.parametrize(
    "action, data",
    [
        ("open-list", {}),
        ("close-list", {}),
        ("allow-repeats", {"allowed": "1"}),
        ("move", {"move3-place": 1, "move3-reason": "Because"}),
    ],
)
def test_a_focal_point_may_not_do_an_officers_actions(speakers_list, member, action, data):
    austria, brazil = member("Austria"), member("Brazil")
    inscribe(speakers_list, austria)
    moving = inscribe(speakers_list, brazil)
    item = 1 if action == "open-list" else 3

    response = client_for(austria.focal_point).post(
        url(action, item), data | ({"move3-inscription": moving.pk} if action == "move" else {})
    )

    assert response.status_code == 403
    speakers_list.refresh_from_db()
    assert (speakers_list.is_open, speakers_list.allows_repeats) == (True, False)
    assert not SpeakersList.objects.filter(item_number=1).exists()
    assert not OrderChange.objects.exists()
