"""The lists of speakers of the demo (config.demo_proceedings): one per agenda item of the
demo session and of the two past sessions, in the rules' order, heard on the items of the
sittings already over, and added once however often the demo is seeded."""

import pytest

from config.demo import seed
from proceedings import queries
from proceedings.models import Inscription, SpeakersList
from sessions_app.models import Session
from tests.config.conftest import TODAY, quiet

pytestmark = pytest.mark.django_db

State = Inscription.State
RANK = list(Inscription.Level.values)


@pytest.mark.parametrize("slug", ["demo", "ieg-1-2023", "ieg-1-resumed-2024"])
def test_each_agenda_item_has_a_list_of_speakers_in_the_rules_order(demo, slug):
    session = Session.objects.get(slug=slug)
    lists = list(queries.lists_of(session))

    assert [each.item_number for each in lists] == list(queries.agenda(session))
    for speakers_list in lists:
        speakers = queries.in_order(speakers_list)
        assert len(speakers) >= 5
        assert speakers[0].on_behalf_of  # a group's statement first
        assert not any(each.on_behalf_of for each in speakers[1:])
        kinds = [each.kind == Inscription.Kind.RIGHT_OF_REPLY for each in speakers]
        assert kinds == sorted(kinds)  # rights of reply last
        levels = [
            RANK.index(each.level)
            for each in speakers[1:]
            if not each.on_behalf_of and each.delegation.entity.kind == "member_state"
        ]
        assert levels == sorted(levels)  # the demo's rules order Member States by level
    first = queries.in_order(lists[0])
    assert first[-1].kind == Inscription.Kind.RIGHT_OF_REPLY  # at the end of the item


def test_the_demo_lists_mix_the_room_and_online_levels_and_languages(demo):
    inscriptions = Inscription.objects.filter(speakers_list__session__slug="demo")

    assert set(inscriptions.values_list("mode", flat=True)) == {"in_person", "online"}
    assert set(inscriptions.values_list("level", flat=True)) == set(Inscription.Level.values)
    assert len(set(inscriptions.values_list("language", flat=True))) >= 3
    assert set(inscriptions.values_list("on_behalf_of", flat=True)) >= {"EU", ""}


def test_on_items_of_sittings_over_the_speakers_have_spoken_with_durations(demo):
    lists = queries.lists_of(Session.objects.get(slug="ieg-1-2023"))

    for speakers_list in lists:
        spoken = queries.in_order(speakers_list)
        assert {each.state for each in spoken} == {State.SPOKE}
        assert all(60 < each.seconds_spoken <= 7 * 60 for each in spoken)
        assert all(each.ended_at > each.started_at for each in spoken)
        starts = [each.started_at for each in spoken]
        assert starts == sorted(starts)  # heard in the order of the list
    assert [each.is_open for each in lists].count(False) == 1


def test_the_demo_sessions_coming_items_are_still_waiting(demo):
    lists = queries.lists_of(Session.objects.get(slug="demo"))
    states = {
        each.item_number: set(each.inscriptions.values_list("state", flat=True)) for each in lists
    }

    assert {State.SPOKE} in states.values() and {State.WAITING} in states.values()


def test_seeding_again_adds_no_list_or_inscription_twice(demo):
    before = sorted(
        Inscription.objects.values_list("speakers_list__session__slug", "delegation", "kind")
    )
    lists = SpeakersList.objects.count()

    seed(today=TODAY, log=quiet)

    assert SpeakersList.objects.count() == lists
    assert (
        sorted(
            Inscription.objects.values_list("speakers_list__session__slug", "delegation", "kind")
        )
        == before
    )


def test_the_demo_sends_statements_and_takes_up_an_item_still_to_be_heard(demo):
    from proceedings import live
    from proceedings.models import Statement

    session = Session.objects.get(slug="demo")
    current = live.current_list(session)
    assert current is not None and current.is_open
    sent = Statement.objects.filter(inscription__speakers_list__session=session)
    assert sent.count() >= 2
    assert sent.filter(consent_to_publish=True).exists()
    assert all(s.inscription.state == "waiting" for s in sent)
