"""The online half of the demo (config.demo_online): the sessions held online or hybrid,
past or running, with their participants' links and the attendance of their sittings
already over; none in the session held in person."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from config.demo import seed
from config.demo_registrations import PEOPLE
from online.models import JoinLink, JoinOpening, MeetingLink, OnlineAttendance
from registration.models import Registration
from sessions_app.models import Session
from tests.config.conftest import TODAY, quiet

pytestmark = pytest.mark.django_db

# The expert group's past meetings held online or hybrid, with how many of the demo people
# registered: the 27 experts of the 2022 meeting; everyone for the two others (fewer than
# their 44 and 53 Member States and 12 and 16 other stakeholders).
PAST_REMOTE = [
    ("egm-2022", 27, {"online"}),
    ("ieg-1-2023", len(PEOPLE), {"online"}),
    ("ieg-1-resumed-2024", len(PEOPLE), {"in_person", "online"}),
]
PAST_REMOTE_SLUGS = [slug for slug, *_ in PAST_REMOTE]


def approved_online(slug: str):
    return Registration.objects.filter(
        session__slug=slug, state="approved", participation_mode="online"
    )


def values(queryset, field: str) -> set:
    return set(queryset.values_list(field, flat=True))


@pytest.mark.parametrize(("slug", "people", "modes"), PAST_REMOTE)
def test_past_meetings_held_online_or_hybrid_have_their_registrations(demo, slug, people, modes):
    registrations = Registration.objects.filter(session__slug=slug)

    assert registrations.count() == people
    assert values(registrations.filter(state="approved"), "participation_mode") == modes


@pytest.mark.parametrize("slug", PAST_REMOTE_SLUGS)
def test_each_past_meeting_held_online_or_hybrid_has_links_and_attendance_at_every_sitting(
    demo, slug
):
    session = Session.objects.get(slug=slug)
    online = values(approved_online(slug), "pk")
    attended = OnlineAttendance.objects.filter(sitting__session=session)

    assert online
    assert values(JoinLink.objects.filter(registration__session=session), "registration") == online
    assert values(attended, "sitting") == values(session.sittings, "pk")
    assert values(attended, "registration") == online
    assert attended.count() < len(online) * session.sittings.count()  # some missed one


@pytest.mark.parametrize("slug", PAST_REMOTE_SLUGS)
def test_officers_see_the_online_figures_of_each_past_meeting_held_online_or_hybrid(
    demo, client, slug
):
    client.force_login(get_user_model().objects.get(username="officer@demo.example.org"))
    sittings = Session.objects.get(slug=slug).sittings.count()

    page = client.get(f"/sessions/{slug}/online-attendance/").text
    summary = client.get(f"/sessions/{slug}/console/attendance/").text

    joined = [int(n) for n in re.findall(r"(\d+) participants? joined online\.", page)]
    assert len(joined) == sittings and min(joined) > 0
    people = approved_online(slug).count()
    assert f"<dt>Joined at least one sitting online</dt><dd>{people}</dd>" in summary


def test_the_meeting_held_in_person_has_no_online_participant_link_or_attendance(demo):
    session = Session.objects.get(slug="ieg-2-2025")

    assert session.registrations.filter(state="approved").exists()
    assert not session.registrations.filter(participation_mode="online").exists()
    assert not JoinLink.objects.filter(registration__session=session).exists()
    assert not JoinOpening.objects.filter(registration__session=session).exists()
    assert not OnlineAttendance.objects.filter(sitting__session=session).exists()
    assert not MeetingLink.objects.filter(session=session).exists()


def test_the_demo_sessions_online_participants_have_links_and_attendance(demo):
    session = Session.objects.get(slug="demo")
    online = approved_online("demo")
    now = timezone.now() + (TODAY - timezone.localdate())  # as the seeding saw it
    past = session.sittings.filter(end__lt=now)

    assert online.exists() and past.exists()
    assert JoinLink.objects.filter(registration__session=session).count() == online.count()
    assert MeetingLink.objects.get(session=session, sitting=None).url.startswith("https://")
    attended = OnlineAttendance.objects.filter(sitting__session=session)
    assert set(attended.values_list("sitting", flat=True)) == set(past.values_list("pk", flat=True))
    assert 0 < attended.count() < online.count() * past.count()  # some missed a sitting
    openings = JoinOpening.objects.filter(sitting__session=session)
    assert openings.count() > attended.count()  # some joined twice
    coming = session.sittings.filter(start__gt=now)
    assert coming.exists() and not coming.filter(online_attendance__isnull=False).exists()


def test_each_online_or_hybrid_demo_session_has_its_platform_link(demo):
    remote = Session.objects.exclude(format="in_person")

    assert remote.exists()
    assert set(
        MeetingLink.objects.filter(sitting=None).values_list("session__slug", "platform")
    ) == {(session.slug, "zoom") for session in remote}


# What the online half adds, counted by the session it belongs to.
SESSION_OF = {
    Registration: "session__slug",
    JoinLink: "registration__session__slug",
    JoinOpening: "registration__session__slug",
    OnlineAttendance: "sitting__session__slug",
    MeetingLink: "session__slug",
}


def rows_by_session() -> dict:
    return {
        model.__name__: sorted(model.objects.values_list(path, flat=True))
        for model, path in SESSION_OF.items()
    }


def test_seeding_again_adds_no_registration_link_opening_or_attendance_twice(demo):
    before = rows_by_session()

    seed(today=TODAY, log=quiet)

    assert rows_by_session() == before
    assert {*PAST_REMOTE_SLUGS, "demo"} == set(before["OnlineAttendance"])


def test_a_meeting_link_set_elsewhere_is_kept(demo):
    MeetingLink.objects.filter(session__slug="demo").update(url="https://zoom.example.org/j/1")

    seed(today=TODAY, log=quiet)

    assert MeetingLink.objects.get(session__slug="demo").url == "https://zoom.example.org/j/1"
