"""The API of lists of speakers: the same rules as the services, refused as the API
refuses elsewhere (401 anonymous, 403 by permission, 409 by a rule with its code)."""

from rest_framework.test import APIClient

from proceedings import services
from proceedings.models import Inscription, OrderChange
from tests.factories import UserFactory, register

from .conftest import inscribe

LISTS = "/api/v1/sessions/ieg-2-2025/speakers-lists/"
ITEM = LISTS + "3/"


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def at(inscription, action: str) -> str:
    return f"{ITEM}inscriptions/{inscription.pk}/{action}/"


def form(member, **fields) -> dict:
    return {
        "delegation": member.delegation.pk,
        "speaker": member.speaker.pk,
        "language": "fr",
        **fields,
    }


def test_the_lists_of_a_session_with_their_items_titled_in_the_readers_language(
    session, officer, speakers_list, member
):
    services.close_list(services.open_list(session, 1, officer), officer)
    austria = member("Austria")
    for client in (api(officer), api(austria.focal_point)):
        answer = client.get(LISTS, HTTP_ACCEPT_LANGUAGE="fr")
        assert answer.status_code == 200
        assert answer.json() == [
            {
                "item_number": 1,
                "item_title": "Ouverture de la réunion.",
                "is_open": False,
                "allows_repeats": False,
            },
            {
                "item_number": 3,
                "item_title": "Promising practices in reducing reoffending.",
                "is_open": True,
                "allows_repeats": False,
            },
        ]


def test_an_approved_participant_reads_the_list_in_its_order(
    session, officer, speakers_list, member
):
    austria, group = member("Austria"), member("Brazil")
    inscribe(speakers_list, austria)
    inscribe(speakers_list, group, on_behalf_of="G77")
    services.give_floor(speakers_list, officer)
    participant = UserFactory(email=austria.speaker.email)
    austria.speaker.participant = participant
    austria.speaker.save()
    body = api(participant).get(ITEM).json()
    assert [(s["place"], s["delegation"], s["state"]) for s in body["speakers"]] == [
        (1, "Brazil", "speaking"),
        (2, "Austria", "waiting"),
    ]
    first = body["speakers"][0]
    assert first["speaker"] == group.speaker.full_name
    assert first["time_limit"] == 7 and body["speakers"][1]["time_limit"] == 5
    assert first["group"] == "Group of 77 and China"
    assert body["current"]["delegation"] == "Brazil" and body["current"]["timer_running"]
    assert "email" not in str(body)


def test_anonymous_callers_are_refused_with_401(speakers_list):
    assert api().get(LISTS).status_code == 401
    assert api().get(ITEM).status_code == 401
    assert api().post(ITEM + "inscriptions/", {}).status_code == 401


def test_someone_with_nothing_to_do_with_the_session_is_refused_with_403(speakers_list):
    assert api(UserFactory()).get(LISTS).status_code == 403
    assert api(UserFactory()).get(ITEM).status_code == 403


def test_a_participant_whose_registration_is_not_approved_is_refused_with_403(
    session, speakers_list
):
    person = UserFactory()
    register(session, mode="online", email=person.email, participant=person)  # not approved
    assert api(person).get(ITEM).status_code == 403


def test_an_officer_opens_and_closes_a_list(session, officer):
    answer = api(officer).post(LISTS, {"item_number": 2})
    assert answer.status_code == 201 and answer.json()["is_open"]
    assert api(officer).post(LISTS + "2/close/").json()["is_open"] is False
    assert api(officer).post(LISTS, {"item_number": 9}).json()["code"] == "no_such_item"


def test_others_than_officers_neither_open_nor_close_lists(speakers_list, member):
    focal_point = member("Austria").focal_point
    assert api(focal_point).post(LISTS, {"item_number": 2}).status_code == 403
    assert api(focal_point).post(ITEM + "close/").status_code == 403
    assert speakers_list.__class__.objects.get(pk=speakers_list.pk).is_open


def test_a_focal_point_inscribes_their_delegation(speakers_list, member):
    austria = member("Austria")
    answer = api(austria.focal_point).post(ITEM + "inscriptions/", form(austria, level="minister"))
    assert answer.status_code == 201
    (speaker,) = answer.json()["speakers"]
    assert (speaker["delegation"], speaker["language"], speaker["level"]) == (
        "Austria",
        "fr",
        "minister",
    )
    assert Inscription.objects.get().inscribed_by == austria.focal_point


def test_an_officer_inscribes_any_delegation(speakers_list, officer, member):
    austria = member("Austria")
    assert api(officer).post(ITEM + "inscriptions/", form(austria)).status_code == 201


def test_a_focal_point_does_not_inscribe_another_delegation(speakers_list, member):
    austria, brazil = member("Austria"), member("Brazil")
    answer = api(austria.focal_point).post(ITEM + "inscriptions/", form(brazil))
    assert (answer.status_code, answer.json()["code"]) == (409, "not_focal_point")
    assert not Inscription.objects.exists()


def test_a_delegate_who_is_not_a_focal_point_does_not_inscribe(speakers_list, member):
    austria = member("Austria")
    delegate = UserFactory(email=austria.speaker.email)
    austria.speaker.participant = delegate
    austria.speaker.save()
    answer = api(delegate).post(ITEM + "inscriptions/", form(austria))
    assert (answer.status_code, answer.json()["code"]) == (409, "not_focal_point")


def test_a_closed_list_takes_no_inscription(speakers_list, officer, member):
    services.close_list(speakers_list, officer)
    austria = member("Austria")
    answer = api(austria.focal_point).post(ITEM + "inscriptions/", form(austria))
    assert answer.status_code == 409
    assert not Inscription.objects.exists()


def test_a_focal_point_withdraws_their_delegation_not_another(speakers_list, member):
    austria, brazil = member("Austria"), member("Brazil")
    own, other = inscribe(speakers_list, austria), inscribe(speakers_list, brazil)
    answer = api(austria.focal_point).post(at(other, "withdraw"))
    assert (answer.status_code, answer.json()["code"]) == (409, "not_focal_point")
    answer = api(austria.focal_point).post(at(own, "withdraw"))
    assert answer.status_code == 200
    assert [s["delegation"] for s in answer.json()["speakers"]] == ["Brazil"]


def test_an_officer_moves_a_speaker_saying_why(speakers_list, officer, member):
    austria, brazil = member("Austria"), member("Brazil")
    inscribe(speakers_list, austria)
    moved = inscribe(speakers_list, brazil)
    answer = api(officer).post(at(moved, "move"), {"place": 1, "reason": "Asked by the Chair"})
    assert [s["delegation"] for s in answer.json()["speakers"]] == ["Brazil", "Austria"]
    assert OrderChange.objects.get().reason == "Asked by the Chair"
    refused = api(officer).post(at(moved, "move"), {"place": 2, "reason": " "})
    assert refused.status_code == 400


def test_a_focal_point_does_not_move_a_speaker(speakers_list, member):
    austria = member("Austria")
    own = inscribe(speakers_list, austria)
    answer = api(austria.focal_point).post(at(own, "move"), {"place": 1, "reason": "First"})
    assert answer.status_code == 403
    assert not OrderChange.objects.exists()


def test_the_chair_gives_the_floor_and_runs_the_timer(speakers_list, officer, member):
    first = inscribe(speakers_list, member("Austria"))
    second = inscribe(speakers_list, member("Brazil"))
    client = api(officer)
    assert client.post(ITEM + "next/").json()["current"]["id"] == first.pk
    assert client.post(at(first, "pause")).json()["current"]["timer_running"] is False
    assert client.post(at(first, "start")).json()["current"]["timer_running"] is True
    body = client.post(at(first, "stop")).json()
    assert body["current"] is None and body["speakers"][0]["state"] == "spoke"
    assert client.post(at(second, "absent")).json()["speakers"][1]["state"] == "absent"
    refused = client.post(at(second, "start"))
    assert (refused.status_code, refused.json()["code"]) == (409, "not_speaking")


def test_focal_points_do_not_hold_the_floor(speakers_list, member):
    austria = member("Austria")
    own = inscribe(speakers_list, austria)
    client = api(austria.focal_point)
    assert client.post(ITEM + "next/").status_code == 403
    assert client.post(at(own, "absent")).status_code == 403
    assert Inscription.objects.get().state == "waiting"


def test_an_inscription_of_another_list_is_not_found(session, officer, speakers_list, member):
    other = inscribe(services.open_list(session, 1, officer), member("Austria"))
    assert api(officer).post(at(other, "withdraw")).status_code == 404


def test_the_list_keeps_a_fixed_number_of_queries(
    speakers_list, officer, member, django_assert_num_queries
):
    client = api(officer)
    inscribe(speakers_list, member("Austria"))
    client.get(ITEM)  # the officer's roles, cached
    with django_assert_num_queries(5) as few:
        client.get(ITEM)
    for name in ("Brazil", "Chile", "Denmark", "Egypt"):
        inscribe(speakers_list, member(name))
    with django_assert_num_queries(len(few.captured_queries)):
        body = client.get(ITEM).json()
    assert len(body["speakers"]) == 5
