"""Inscribing on a list of speakers, withdrawing, and opening and closing lists: who may,
and every refusal, which changes nothing."""

import pytest
from django.utils import translation

from proceedings import queries, services
from proceedings.models import Group, Inscription, SpeakersList, SpeakingRules
from registration import services as registration
from registration.models import Entity, Registration
from tests.factories import SessionFactory, UserFactory, register
from tests.proceedings.conftest import inscribe, make_member

Refused = services.SpeakersListError


def refusal(call) -> str:
    with pytest.raises(Refused) as refused:
        call()
    return refused.value.code


def test_a_focal_point_inscribes_their_delegation(speakers_list, member):
    austria = member("Austria", mode="online")

    inscription = inscribe(speakers_list, austria, language="fr", level="ambassador")

    assert (
        inscription.delegation,
        inscription.speaker,
        inscription.inscribed_by,
        inscription.mode,
        inscription.language,
        inscription.state,
    ) == (austria.delegation, austria.speaker, austria.focal_point, "online", "fr", "waiting")


def test_an_officer_inscribes_any_delegation(speakers_list, member, officer):
    inscription = inscribe(speakers_list, member("Austria"), actor=officer)

    assert inscription.inscribed_by == officer


def test_a_closed_list_takes_no_inscription(speakers_list, member, officer):
    services.close_list(speakers_list, officer)

    assert refusal(lambda: inscribe(speakers_list, member("Austria"))) == "list_closed"
    assert not Inscription.objects.exists()


def test_a_reopened_list_takes_inscriptions_again(session, speakers_list, member, officer):
    services.close_list(speakers_list, officer)
    services.open_list(session, 3, officer)

    assert inscribe(speakers_list, member("Austria")).pk


def test_a_focal_point_may_not_inscribe_another_delegation(speakers_list, member):
    austria, brazil = member("Austria"), member("Brazil")

    code = refusal(
        lambda: services.inscribe(
            speakers_list, austria.focal_point, brazil.delegation, brazil.speaker, language="en"
        )
    )

    assert code == "not_focal_point"
    assert not Inscription.objects.exists()


def test_a_delegate_who_is_not_a_focal_point_may_not_inscribe(speakers_list, member):
    austria = member("Austria")
    delegate = UserFactory(email=austria.speaker.email, username=austria.speaker.email)

    assert refusal(lambda: inscribe(speakers_list, austria, actor=delegate)) == "not_focal_point"


def test_a_speaker_of_another_delegation_is_refused(speakers_list, member):
    austria, brazil = member("Austria"), member("Brazil")

    code = refusal(
        lambda: services.inscribe(
            speakers_list, austria.focal_point, austria.delegation, brazil.speaker, language="en"
        )
    )

    assert code == "not_in_delegation"


def test_a_speaker_not_yet_approved_is_refused(session, speakers_list, member):
    austria = member("Austria")
    pending = register(session, austria.delegation.entity)

    code = refusal(
        lambda: services.inscribe(
            speakers_list, austria.focal_point, austria.delegation, pending, language="en"
        )
    )

    assert code == "speaker_not_approved"


def test_a_speaker_whose_registration_was_withdrawn_is_refused(speakers_list, member, officer):
    """As the registration is now, whatever the page that asks read before."""
    austria = member("Austria")
    read_before = Registration.objects.get(pk=austria.speaker.pk)
    registration.withdraw(austria.speaker, officer)

    code = refusal(
        lambda: services.inscribe(
            speakers_list, austria.focal_point, austria.delegation, read_before, language="en"
        )
    )

    assert code == "speaker_not_approved"


def test_a_delegation_of_another_session_is_refused(speakers_list, officer):
    elsewhere = make_member(SessionFactory(), officer, "Austria")

    assert refusal(lambda: inscribe(speakers_list, elsewhere)) == "other_session"


def test_a_delegation_is_on_a_list_once(speakers_list, member):
    austria = member("Austria")
    inscribe(speakers_list, austria)

    assert refusal(lambda: inscribe(speakers_list, austria)) == "already_inscribed"
    assert Inscription.objects.count() == 1


def test_the_same_delegation_may_be_on_another_items_list(session, speakers_list, member, officer):
    austria = member("Austria")
    inscribe(speakers_list, austria)

    assert inscribe(services.open_list(session, 2, officer), austria).pk


def test_a_delegation_speaks_once_in_its_own_name_and_once_for_its_group(speakers_list, member):
    egypt = member("Egypt")
    inscribe(speakers_list, egypt, on_behalf_of=Group.AFRICA)
    inscribe(speakers_list, egypt)

    assert refusal(lambda: inscribe(speakers_list, egypt, on_behalf_of=Group.AFRICA)) == (
        "already_inscribed"
    )


def test_a_delegation_with_a_statement_may_ask_for_a_right_of_reply(speakers_list, member):
    austria = member("Austria")
    inscribe(speakers_list, austria)
    inscribe(speakers_list, austria, kind=Inscription.Kind.RIGHT_OF_REPLY)

    assert refusal(
        lambda: inscribe(speakers_list, austria, kind=Inscription.Kind.RIGHT_OF_REPLY)
    ) == ("already_inscribed")


def test_an_officer_lets_delegations_be_on_a_list_more_than_once(speakers_list, member, officer):
    austria = member("Austria")
    inscribe(speakers_list, austria)
    services.allow_repeats(speakers_list, True, officer)

    inscribe(speakers_list, austria)

    assert Inscription.objects.filter(delegation=austria.delegation).count() == 2


def test_a_withdrawn_delegation_may_inscribe_again(speakers_list, member):
    austria = member("Austria")
    services.withdraw(inscribe(speakers_list, austria), austria.focal_point)

    assert inscribe(speakers_list, austria).state == Inscription.State.WAITING


def test_another_group_needs_its_name(speakers_list, member):
    code = refusal(lambda: inscribe(speakers_list, member("Austria"), on_behalf_of=Group.OTHER))

    assert code == "group_name_required"


def test_another_group_is_named(speakers_list, member):
    inscription = inscribe(
        speakers_list, member("Austria"), on_behalf_of=Group.OTHER, group_name="Friends of PRI"
    )

    assert inscription.group_label == "Friends of PRI"


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"language": "de"}, "language_not_official"),
        ({"level": "king"}, "no_such_level"),
        ({"kind": "ovation"}, "no_such_kind"),
        ({"on_behalf_of": "NATO"}, "no_such_group"),
        ({"mode": "telepathy"}, "mode_not_offered"),
    ],
)
def test_a_choice_not_offered_is_refused(speakers_list, member, fields, code):
    assert refusal(lambda: inscribe(speakers_list, member("Austria"), **fields)) == code


def test_an_in_person_session_takes_no_online_speaker(speakers_list, member, session):
    session.format = "in_person"
    session.save()
    speakers_list.refresh_from_db()

    assert refusal(lambda: inscribe(speakers_list, member("Austria"), mode="online")) == (
        "mode_not_offered"
    )


# --- Withdrawing ------------------------------------------------------------------------


def test_a_focal_point_withdraws_their_delegation(speakers_list, member):
    austria = member("Austria")

    withdrawn = services.withdraw(inscribe(speakers_list, austria), austria.focal_point)

    assert withdrawn.state == Inscription.State.WITHDRAWN


def test_an_officer_withdraws_any_delegation(speakers_list, member, officer):
    withdrawn = services.withdraw(inscribe(speakers_list, member("Austria")), officer)

    assert withdrawn.state == Inscription.State.WITHDRAWN


def test_a_focal_point_may_not_withdraw_another_delegation(speakers_list, member):
    inscription = inscribe(speakers_list, member("Austria"))

    assert refusal(lambda: services.withdraw(inscription, member("Brazil").focal_point)) == (
        "not_focal_point"
    )
    inscription.refresh_from_db()
    assert inscription.state == Inscription.State.WAITING


def test_a_speaker_who_spoke_cannot_be_withdrawn(speakers_list, member):
    austria = member("Austria")
    inscription = inscribe(speakers_list, austria)
    Inscription.objects.filter(pk=inscription.pk).update(state=Inscription.State.SPOKE)

    assert refusal(lambda: services.withdraw(inscription, austria.focal_point)) == "not_waiting"


# --- Lists ------------------------------------------------------------------------------


def test_a_list_is_opened_once_per_item(session, officer):
    first = services.open_list(session, 3, officer)

    assert services.open_list(session, 3, officer) == first
    assert SpeakersList.objects.count() == 1


def test_a_list_is_opened_only_for_an_item_of_the_agenda(session, officer):
    assert refusal(lambda: services.open_list(session, 4, officer)) == "no_such_item"
    assert not SpeakersList.objects.exists()


def test_only_officers_open_and_close_lists(session, speakers_list, member):
    focal_point = member("Austria").focal_point

    assert refusal(lambda: services.open_list(session, 2, focal_point)) == "not_an_officer"
    assert refusal(lambda: services.close_list(speakers_list, focal_point)) == "not_an_officer"
    assert refusal(lambda: services.allow_repeats(speakers_list, True, focal_point)) == (
        "not_an_officer"
    )
    speakers_list.refresh_from_db()
    assert (speakers_list.is_open, speakers_list.allows_repeats) == (True, False)


# --- Agenda and rules -------------------------------------------------------------------


def test_the_agenda_items_come_from_the_sittings_agendas(session):
    assert [str(item) for item in queries.agenda(session).values()] == [
        "1. Opening of the meeting.",
        "2. Adoption of the agenda and organization of work.",
        "3. Promising practices in reducing reoffending.",
    ]


def test_the_agenda_items_are_titled_in_the_readers_language(session):
    with translation.override("fr"):
        titles = {number: item.title for number, item in queries.agenda(session).items()}

    assert titles == {
        1: "Ouverture de la réunion.",
        2: "Adoption de l'ordre du jour et organisation des travaux.",
        3: "Promising practices in reducing reoffending.",  # not translated: in English
    }


def test_a_list_knows_its_item(speakers_list):
    assert (
        queries.agenda_item(speakers_list).title == "Promising practices in reducing reoffending."
    )


def test_a_session_without_rules_of_its_own_has_the_default_time_limits(
    session, speakers_list, member
):
    rules = queries.rules(session)
    national = inscribe(speakers_list, member("Austria"))
    group = inscribe(speakers_list, member("Egypt"), on_behalf_of=Group.AFRICA)
    reply = inscribe(speakers_list, member("Chile"), kind=Inscription.Kind.RIGHT_OF_REPLY)

    assert [rules.time_limit(i) for i in (national, group, reply)] == [5, 7, 3]
    assert rules.by_level is False


def test_a_sessions_own_time_limits(session, speakers_list, member):
    SpeakingRules.objects.create(session=session, statement_minutes=3, group_minutes=5)

    national = inscribe(speakers_list, member("Austria"))

    assert queries.rules(session).time_limit(national) == 3


def test_an_entity_kind_without_a_place_of_its_own_speaks_after_the_ngos(speakers_list, member):
    inscribe(speakers_list, member("UNODC", Entity.Kind.SECRETARIAT))
    inscribe(speakers_list, member("Penal Reform International", Entity.Kind.NGO))

    assert [i.delegation.entity.name_en for i in queries.in_order(speakers_list)] == [
        "Penal Reform International",
        "UNODC",
    ]
