"""The order of a list of speakers (proceedings.order): groups, Member States (by level
where the session says so), observer States, UN entities and institutes, IGOs, NGOs,
others, rights of reply; and officers' moves, which are kept."""

import pytest

from proceedings import queries, services
from proceedings.models import Group, Inscription, OrderChange, SpeakingRules
from registration.models import Entity
from tests.factories import UserFactory
from tests.proceedings.conftest import inscribe

Kind = Entity.Kind
Level = Inscription.Level


def names(speakers_list) -> list[str]:
    return [i.delegation.entity.name_en for i in queries.in_order(speakers_list)]


def test_member_states_speak_in_order_of_inscription(speakers_list, member):
    for name in ("Austria", "Brazil", "Chile"):
        inscribe(speakers_list, member(name))

    assert names(speakers_list) == ["Austria", "Brazil", "Chile"]


def test_statements_on_behalf_of_groups_come_first(speakers_list, member):
    inscribe(speakers_list, member("Austria"))
    inscribe(speakers_list, member("Egypt"), on_behalf_of=Group.AFRICA)
    inscribe(speakers_list, member("Hungary"), on_behalf_of=Group.EUROPEAN_UNION)

    assert names(speakers_list) == ["Egypt", "Hungary", "Austria"]


def test_without_the_session_saying_so_levels_do_not_count(speakers_list, member):
    inscribe(speakers_list, member("Austria"), level=Level.OTHER)
    inscribe(speakers_list, member("Brazil"), level=Level.MINISTER)

    assert names(speakers_list) == ["Austria", "Brazil"]


def test_where_the_session_says_so_member_states_go_by_level(session, speakers_list, member):
    SpeakingRules.objects.create(session=session, by_level=True)
    inscribe(speakers_list, member("Austria"), level=Level.OTHER)
    inscribe(speakers_list, member("Brazil"), level=Level.AMBASSADOR)
    inscribe(speakers_list, member("Chile"), level=Level.MINISTER)
    inscribe(speakers_list, member("Denmark"), level=Level.DEPUTY_MINISTER)
    inscribe(speakers_list, member("Estonia"), level=Level.MINISTER)

    assert names(speakers_list) == ["Chile", "Estonia", "Denmark", "Brazil", "Austria"]


def test_levels_do_not_place_an_observer_state_among_member_states(session, speakers_list, member):
    SpeakingRules.objects.create(session=session, by_level=True)
    inscribe(speakers_list, member("Holy See", Kind.OBSERVER_STATE), level=Level.MINISTER)
    inscribe(speakers_list, member("Austria"), level=Level.OTHER)

    assert names(speakers_list) == ["Austria", "Holy See"]


def test_every_kind_of_entity_takes_its_place(speakers_list, member):
    """Inscribed in the reverse of the order, each lands in its place; UN entities and
    institutes of the programme network share theirs, in order of inscription."""
    inscribe(speakers_list, member("An expert", Kind.EXPERT))
    inscribe(speakers_list, member("Penal Reform International", Kind.NGO))
    inscribe(speakers_list, member("Council of Europe", Kind.IGO))
    inscribe(speakers_list, member("UNICRI", Kind.PNI))
    inscribe(speakers_list, member("UNDP", Kind.UN_ENTITY))
    inscribe(speakers_list, member("State of Palestine", Kind.OBSERVER_STATE))
    inscribe(speakers_list, member("Austria"))

    assert names(speakers_list) == [
        "Austria",
        "State of Palestine",
        "UNICRI",
        "UNDP",
        "Council of Europe",
        "Penal Reform International",
        "An expert",
    ]


def test_rights_of_reply_come_last_in_order_of_inscription(speakers_list, member):
    austria, brazil = member("Austria"), member("Brazil")
    inscribe(speakers_list, austria, kind=Inscription.Kind.RIGHT_OF_REPLY)
    inscribe(speakers_list, brazil, kind=Inscription.Kind.RIGHT_OF_REPLY)
    inscribe(speakers_list, member("Chile"))
    inscribe(speakers_list, member("Penal Reform International", Kind.NGO))
    inscribe(speakers_list, member("Egypt"), on_behalf_of=Group.AFRICA)

    assert [(i.delegation.entity.name_en, i.kind) for i in queries.in_order(speakers_list)] == [
        ("Egypt", "statement"),
        ("Chile", "statement"),
        ("Penal Reform International", "statement"),
        ("Austria", "reply"),
        ("Brazil", "reply"),
    ]


def test_withdrawn_speakers_are_out_of_the_order(speakers_list, member):
    austria = member("Austria")
    withdrawn = inscribe(speakers_list, austria)
    inscribe(speakers_list, member("Brazil"))

    services.withdraw(withdrawn, austria.focal_point)

    assert names(speakers_list) == ["Brazil"]


# --- Moves by officers ------------------------------------------------------------------


@pytest.fixture
def four(speakers_list, member):
    """Austria, Brazil, Chile and Denmark inscribed in that order."""
    return [
        inscribe(speakers_list, member(name)) for name in ("Austria", "Brazil", "Chile", "Denmark")
    ]


def test_an_officer_moves_a_speaker(speakers_list, four, officer):
    services.move(four[3], 2, officer, "Denmark's minister must leave at noon.")

    assert names(speakers_list) == ["Austria", "Denmark", "Brazil", "Chile"]


def test_a_move_is_kept_with_who_when_and_why(speakers_list, four, officer):
    services.move(four[0], 3, officer, "Austria asked to speak later.")

    change = OrderChange.objects.get()
    assert (change.inscription, change.from_position, change.to_position, change.actor) == (
        four[0],
        1,
        3,
        officer,
    )
    assert change.reason == "Austria asked to speak later."


def test_every_move_is_kept(speakers_list, four, officer):
    services.move(four[3], 1, officer, "First reason.")
    services.move(four[3], 4, officer, "Second reason.")

    assert list(
        queries.order_changes(speakers_list).values_list("from_position", "to_position")
    ) == [
        (4, 1),
        (1, 4),
    ]


def test_after_a_move_a_new_speaker_takes_the_rules_place_among_those_not_moved(
    speakers_list, four, member, officer
):
    """Chile moved to the front; a group statement then goes before Austria, the first not
    moved (Chile keeps the place the officer gave it), and a Member State goes last."""
    services.move(four[2], 1, officer, "Chile opens the debate.")

    inscribe(speakers_list, member("Egypt"), on_behalf_of=Group.AFRICA)
    inscribe(speakers_list, member("Estonia"))

    assert names(speakers_list) == ["Chile", "Egypt", "Austria", "Brazil", "Denmark", "Estonia"]


def test_after_a_move_down_a_new_speaker_goes_before_those_the_rules_place_after_it(
    session, speakers_list, member, officer
):
    SpeakingRules.objects.create(session=session, by_level=True)
    austria = inscribe(speakers_list, member("Austria"), level=Level.MINISTER)
    inscribe(speakers_list, member("Brazil"), level=Level.AMBASSADOR)
    services.move(austria, 2, officer, "Austria's minister arrives late.")

    inscribe(speakers_list, member("Chile"), level=Level.DEPUTY_MINISTER)

    assert names(speakers_list) == ["Chile", "Brazil", "Austria"]


def test_after_a_move_a_withdrawal_keeps_the_others_in_their_places(speakers_list, four, officer):
    services.move(four[3], 1, officer, "Denmark first.")
    services.withdraw(four[0], officer)

    assert names(speakers_list) == ["Denmark", "Brazil", "Chile"]


def test_a_focal_point_may_not_move_a_speaker(speakers_list, four):
    focal_point = UserFactory()
    four[3].delegation.focal_points.add(focal_point)

    with pytest.raises(services.SpeakersListError) as refused:
        services.move(four[3], 1, focal_point, "We would like to speak first.")

    assert refused.value.code == "not_an_officer"
    assert names(speakers_list) == ["Austria", "Brazil", "Chile", "Denmark"]


def test_a_move_without_a_reason_is_refused(speakers_list, four, officer):
    with pytest.raises(services.SpeakersListError) as refused:
        services.move(four[3], 1, officer, "  ")

    assert refused.value.code == "reason_required"
    assert not OrderChange.objects.exists()


@pytest.mark.parametrize("place", [0, 5])
def test_a_move_to_a_place_not_on_the_list_is_refused(speakers_list, four, officer, place):
    with pytest.raises(services.SpeakersListError) as refused:
        services.move(four[0], place, officer, "Somewhere else.")

    assert refused.value.code == "no_such_place"
    assert names(speakers_list) == ["Austria", "Brazil", "Chile", "Denmark"]


def test_a_withdrawn_speaker_cannot_be_moved(speakers_list, four, officer):
    services.withdraw(four[1], officer)

    with pytest.raises(services.SpeakersListError) as refused:
        services.move(four[1], 1, officer, "Back to the front.")

    assert refused.value.code == "not_waiting"


def test_a_list_is_read_in_order_in_two_queries(speakers_list, member, django_assert_num_queries):
    for number in range(12):
        inscribe(speakers_list, member(f"State {number}"))

    with django_assert_num_queries(2):  # the session's rules, the inscriptions
        shown = [
            (i.delegation.entity.display_name, i.speaker.full_name)
            for i in queries.in_order(speakers_list)
        ]

    assert len(shown) == 12
