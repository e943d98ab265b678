"""`seed_demo --participants N`: a session at the size of a Commission, with everything the
console, the exports, badge printing and the gate need (seeded small here)."""

import io
from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from PIL import Image

from badges.models import Badge, CheckIn
from config.demo import seed
from config.demo_commission import DELEGATIONS, SLUG, STATES
from registration.models import Registration
from sessions_app.models import Session
from tests.config.conftest import TODAY, quiet

pytestmark = pytest.mark.django_db
PARTICIPANTS = 2 * len(STATES) * 3  # every state in both modes, twice


@pytest.fixture(scope="module")
def commission(django_db_setup, django_db_blocker, demo_media):
    """The demo with a Commission-scale session, seeded once for the module and rolled
    back after it (as tests.config.conftest.demo)."""
    from django.db import transaction
    from django.test.utils import override_settings

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=demo_media):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            seed(today=TODAY, log=quiet, participants=PARTICIPANTS)
            yield Session.objects.get(slug=SLUG)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_the_session_has_its_participants_in_150_delegations(commission):
    assert commission.registrations.count() == PARTICIPANTS
    assert commission.delegations.count() == DELEGATIONS
    assert (commission.start_date, commission.end_date) == (
        TODAY - timedelta(days=1),
        TODAY + timedelta(days=3),
    )


def test_every_state_shows_in_both_modes_but_waiting_which_is_for_a_seat(commission):
    shown = Counter(commission.registrations.values_list("state", "participation_mode"))

    for state in set(STATES):
        assert shown[(state, "in_person")] > 0
        if state != Registration.State.WAITLISTED:
            assert shown[(state, "online")] > 0
    assert shown[(Registration.State.WAITLISTED, "online")] == 0


def test_the_room_is_full_so_that_those_waiting_wait_for_a_seat(commission):
    holding = commission.registrations.filter(
        participation_mode="in_person", state__in=Registration.SEAT_STATES
    ).count()

    assert commission.seats_in_person == holding


def test_those_in_person_have_a_portrait_the_others_none(commission):
    in_person = commission.registrations.filter(
        participation_mode="in_person", state__in=Registration.LIVE_STATES
    )
    others = commission.registrations.exclude(pk__in=in_person.values("pk"))

    assert not others.exclude(photo="").exists()
    for registration in in_person:
        with registration.photo.open("rb") as photo:
            assert Image.open(io.BytesIO(photo.read())).size == (400, 500)


def test_the_approved_in_person_hold_badges_and_most_were_scanned(commission):
    approved = commission.registrations.filter(participation_mode="in_person", state="approved")
    badges = Badge.objects.filter(session=commission, revoked_at__isnull=True)

    assert set(badges.values_list("registration", flat=True)) == set(
        approved.values_list("pk", flat=True)
    )
    days = Counter(CheckIn.objects.filter(badge__session=commission).values_list("day", flat=True))
    assert days[commission.start_date] == sum(n % 10 < 7 for n in range(badges.count()))
    assert days[TODAY] == sum(n % 10 < 6 for n in range(badges.count()))


def test_seeding_again_adds_nothing(commission):
    seed(today=TODAY, log=quiet, participants=PARTICIPANTS)

    assert commission.registrations.count() == PARTICIPANTS
    assert Badge.objects.filter(session=commission).count() == (
        commission.registrations.filter(participation_mode="in_person", state="approved").count()
    )


def test_a_negative_number_is_refused_and_nothing_is_seeded():
    before = Session.objects.count(), Registration.objects.count()

    with pytest.raises(CommandError, match="0 or more"):
        call_command("seed_demo", "--participants", "-1", stdout=StringIO())

    assert (Session.objects.count(), Registration.objects.count()) == before
