"""The Chair gives the floor in the order of the list; the timer runs, pauses and stops,
keeping the time spoken; a speaker called who is not there is marked absent."""

from datetime import timedelta

import pytest

from proceedings import services
from proceedings.models import Inscription
from tests.factories import vienna
from tests.proceedings.conftest import DAY, inscribe

State = Inscription.State
TEN = vienna(DAY, 10)


def later(seconds: int):
    return TEN + timedelta(seconds=seconds)


@pytest.fixture
def three(speakers_list, member):
    """Austria, Brazil and Chile waiting, in that order."""
    return [inscribe(speakers_list, member(name)) for name in ("Austria", "Brazil", "Chile")]


def fresh(inscription) -> Inscription:
    inscription.refresh_from_db()
    return inscription


def test_the_floor_goes_to_the_first_in_the_order(speakers_list, three, officer):
    speaker = services.give_floor(speakers_list, officer, now=TEN)

    assert speaker == three[0]
    assert (speaker.state, speaker.started_at, speaker.running_since) == (State.SPEAKING, TEN, TEN)


def test_giving_the_floor_again_ends_the_statement_before(speakers_list, three, officer):
    services.give_floor(speakers_list, officer, now=TEN)

    speaker = services.give_floor(speakers_list, officer, now=later(250))

    assert speaker == three[1]
    austria = fresh(three[0])
    assert (austria.state, austria.seconds_spoken, austria.ended_at) == (
        State.SPOKE,
        250,
        later(250),
    )


def test_the_floor_follows_an_officers_move(speakers_list, three, officer):
    services.move(three[2], 1, officer, "Chile's minister must leave.")

    assert services.give_floor(speakers_list, officer, now=TEN) == three[2]


def test_after_the_last_speaker_the_floor_is_no_ones(speakers_list, three, officer):
    for _ in three:
        services.give_floor(speakers_list, officer, now=TEN)

    assert services.give_floor(speakers_list, officer, now=later(60)) is None
    assert not Inscription.objects.filter(state=State.SPEAKING).exists()


def test_a_pause_leaves_its_time_out(speakers_list, three, officer):
    speaker = services.give_floor(speakers_list, officer, now=TEN)
    services.pause_timer(speaker, officer, now=later(100))
    services.start_timer(speaker, officer, now=later(160))

    ended = services.end_statement(speaker, officer, now=later(200))

    assert (ended.state, ended.seconds_spoken) == (State.SPOKE, 140)


def test_a_paused_timer_shows_the_time_spoken_so_far(speakers_list, three, officer):
    speaker = services.give_floor(speakers_list, officer, now=TEN)

    paused = services.pause_timer(speaker, officer, now=later(42))

    assert paused.elapsed(later(600)) == 42


def test_a_running_timer_counts_on(speakers_list, three, officer):
    speaker = services.give_floor(speakers_list, officer, now=TEN)

    assert speaker.elapsed(later(75)) == 75


def test_the_timer_of_a_speaker_without_the_floor_is_refused(speakers_list, three, officer):
    with pytest.raises(services.SpeakersListError) as refused:
        services.start_timer(three[1], officer, now=TEN)

    assert refused.value.code == "not_speaking"
    assert fresh(three[1]).running_since is None


def test_a_speaker_called_but_not_there_is_absent_and_the_floor_moves_on(
    speakers_list, three, officer
):
    speaker = services.give_floor(speakers_list, officer, now=TEN)
    services.mark_absent(speaker, officer)

    assert services.give_floor(speakers_list, officer, now=later(30)) == three[1]
    austria = fresh(three[0])
    assert (austria.state, austria.seconds_spoken, austria.started_at) == (State.ABSENT, 0, None)


def test_a_waiting_speaker_marked_absent_is_passed_over(speakers_list, three, officer):
    services.mark_absent(three[0], officer)

    assert services.give_floor(speakers_list, officer, now=TEN) == three[1]


def test_only_officers_give_the_floor(speakers_list, three):
    focal_point = three[0].inscribed_by

    for change in (
        lambda: services.give_floor(speakers_list, focal_point),
        lambda: services.mark_absent(three[0], focal_point),
    ):
        with pytest.raises(services.SpeakersListError) as refused:
            change()
        assert refused.value.code == "not_an_officer"
    assert fresh(three[0]).state == State.WAITING


def test_only_officers_run_the_timer(speakers_list, three, officer):
    speaker = services.give_floor(speakers_list, officer, now=TEN)

    with pytest.raises(services.SpeakersListError) as refused:
        services.pause_timer(speaker, three[0].inscribed_by, now=later(10))

    assert refused.value.code == "not_an_officer"
    assert fresh(speaker).running_since == TEN
