"""Personal join links: the way on to the platform only during a sitting's window, every
opening recorded, attendance once per person per sitting, and a link that dies at once
when its registration may no longer join."""

from datetime import timedelta

import pytest

from online import links, services
from online.models import JoinLink, JoinOpening, MeetingLink, OnlineAttendance
from registration import services as registration
from registration.models import Registration
from tests.concurrency import at_once
from tests.factories import SessionFactory, SittingFactory, UserFactory, register, vienna
from tests.online.common import DAY, ZOOM

pytestmark = pytest.mark.django_db


@pytest.fixture
def online(session, officer):
    """An approved online participant."""
    return registration.approve(register(session, mode="online"), officer)


def token_of(participant) -> str:
    return services.join_link(participant).token


def opening(participant, hour, minute=0, day=DAY, **request):
    return services.open_link(token_of(participant), now=vienna(day, hour, minute), **request)


def test_a_link_opened_during_a_sitting_leads_to_the_platform_and_records_attendance(online):
    opened = opening(online, 10, 30)

    assert (opened.outcome, opened.meeting_url) == ("joined", ZOOM)
    attended = OnlineAttendance.objects.get()
    assert (attended.sitting.title, attended.day) == ("1st plenary", DAY)


def test_the_link_opens_the_set_number_of_minutes_before_the_start(online, settings):
    settings.JOIN_OPENS_MINUTES_BEFORE = 30

    assert opening(online, 9, 29).outcome == "outside"
    assert opening(online, 9, 30).outcome == "joined"


def test_after_the_last_sitting_the_link_leads_nowhere(online):
    opened = opening(online, 18, 1)

    assert (opened.outcome, opened.next_sitting, opened.meeting_url) == ("outside", None, "")


def test_between_sittings_the_page_names_the_next_one(online):
    opened = opening(online, 13, 30)

    assert opened.outcome == "outside"
    assert opened.next_sitting.title == "2nd plenary"
    assert not OnlineAttendance.objects.exists()


def test_a_sittings_own_link_wins_over_the_sessions(session, online):
    second = session.sittings.get(title="2nd plenary")
    MeetingLink.objects.create(
        session=session, sitting=second, platform="kudo", url="https://kudo.example.org/x"
    )

    assert opening(online, 15, 5).meeting_url == "https://kudo.example.org/x"


def test_a_sittings_link_must_be_for_a_sitting_of_its_session(session):
    from django.core.exceptions import ValidationError

    other = SittingFactory(session=SessionFactory(slug="other"))
    link = MeetingLink(
        session=session, sitting=other, platform="kudo", url="https://k.example.org/"
    )

    with pytest.raises(ValidationError) as refused:
        link.full_clean()
    assert "sitting" in refused.value.message_dict
    link.sitting = session.sittings.first()
    link.full_clean()


def test_a_cancelled_sitting_opens_no_window(session, online):
    session.sittings.filter(title="1st plenary").update(status="cancelled")

    assert opening(online, 10, 30).outcome == "outside"


def test_attendance_is_counted_once_per_person_per_sitting(online):
    for minute in (0, 5, 40):
        opening(online, 10, minute)
    opening(online, 15, 10)

    assert OnlineAttendance.objects.count() == 2
    assert JoinOpening.objects.filter(outcome="joined").count() == 4


def test_every_opening_is_recorded_with_the_start_of_the_address_and_the_browser(online):
    opening(online, 10, 0, ip="203.0.113.77", user_agent="Firefox")
    opening(online, 10, 1, ip="2001:db8:85a3::8a2e:370:7334", user_agent="Safari")

    assert sorted(JoinOpening.objects.values_list("ip_prefix", "user_agent")) == [
        ("2001:db8:85a3:…", "Safari"),
        ("203.0.x.x", "Firefox"),
    ]


def test_an_unknown_token_leads_nowhere_and_records_nothing(online):
    opened = services.open_link("not-a-token", now=vienna(DAY, 10, 30))

    assert (opened.outcome, opened.meeting_url) == ("refused", "")
    assert not JoinOpening.objects.exists()


def test_an_in_person_participant_has_no_link(session, officer):
    in_person = registration.approve(register(session, mode="in_person"), officer)

    assert services.join_link(in_person) is None
    assert services.join_url(in_person) is None


def test_the_token_is_long_random_and_stored_only_as_a_digest(online):
    token = token_of(online)
    stored = JoinLink.objects.get()

    assert len(token) >= 32  # 192 bits in base64
    assert token not in stored.digest and token not in stored.salt
    assert stored.digest == links.digest(token)


@pytest.mark.parametrize(
    "change",
    [
        lambda r, officer: registration.withdraw(r, officer),
        lambda r, officer: registration.cancel(r, officer, "No longer attending"),
        lambda r, officer: registration.change_mode(r, "in_person", officer),
    ],
    ids=["withdrawn", "cancelled", "moved to in person"],
)
def test_the_link_dies_at_once_when_the_registration_may_no_longer_join(online, officer, change):
    token = token_of(online)

    change(online, officer)

    opened = services.open_link(token, now=vienna(DAY, 10, 30))
    assert (opened.outcome, opened.meeting_url) == ("refused", "")
    assert not JoinLink.objects.exists()


def test_a_link_dies_when_its_registration_passes_to_another_address(online):
    old = token_of(online)
    online.email = "new@example.org"  # in the admin: the service keeps the address
    online.save(update_fields=["email"])

    assert services.open_link(old, now=vienna(DAY, 10, 30)).outcome == "refused"
    new = token_of(online)  # its new holder is given a new link
    assert new != old
    assert services.open_link(new, now=vienna(DAY, 10, 30)).outcome == "joined"


def test_a_link_dies_when_its_registration_passes_to_another_account(online):
    old = token_of(online)
    online.participant = UserFactory(email=online.email)
    online.save(update_fields=["participant"])

    assert services.open_link(old, now=vienna(DAY, 10, 30)).outcome == "refused"
    assert opening(online, 10, 30).outcome == "joined"


def test_a_deactivated_accounts_link_does_not_open(online):
    online.participant = UserFactory(email=online.email)
    online.save(update_fields=["participant"])
    token = token_of(online)
    online.participant.is_active = False
    online.participant.save(update_fields=["is_active"])

    assert services.open_link(token, now=vienna(DAY, 10, 30)).outcome == "refused"
    assert services.join_link(online) is None
    assert not OnlineAttendance.objects.exists()


def test_a_link_does_not_open_while_the_account_of_its_address_is_deactivated(online):
    """A member registered by their focal point owns it by their e-mail address alone."""
    token = token_of(online)
    UserFactory(email=online.email.upper(), is_active=False)

    assert services.open_link(token, now=vienna(DAY, 10, 30)).outcome == "refused"
    assert services.join_link(online) is None


@pytest.mark.parametrize("status", ["cancelled", "postponed"])
def test_a_session_no_longer_held_opens_no_window(session, online, status):
    token = token_of(online)
    session.status = status
    session.save(update_fields=["status"])

    opened = services.open_link(token, now=vienna(DAY, 10, 30))

    assert (opened.outcome, opened.meeting_url, opened.next_sitting) == ("outside", "", None)
    assert not OnlineAttendance.objects.exists()


def test_who_joins_online_is_one_rule_for_one_registration_and_for_many(session, officer):
    without_account = registration.approve(register(session, mode="online"), officer)
    with_account = registration.approve(register(session, mode="online"), officer)
    deactivated = registration.approve(register(session, mode="online"), officer)
    for found, active in ((with_account, True), (deactivated, False)):
        found.participant = UserFactory(email=found.email, is_active=active)
        found.save(update_fields=["participant"])
    in_person = registration.approve(register(session), officer)
    submitted = register(session, mode="online")
    everyone = [without_account, with_account, deactivated, in_person, submitted]

    joining = set(Registration.objects.joins_online().values_list("pk", flat=True))

    assert joining == {without_account.pk, with_account.pk}
    assert {r.pk for r in everyone if services.may_join(r)} == joining


def test_a_rejected_registration_has_no_link(session, officer):
    rejected = registration.reject(register(session, mode="online"), officer, "Not eligible")

    assert services.join_link(rejected) is None


def test_replacing_the_link_kills_the_old_one(online):
    old = token_of(online)

    services.replace_link(online)

    assert services.open_link(old, now=vienna(DAY, 10, 30)).outcome == "refused"
    assert opening(online, 10, 30).outcome == "joined"


@pytest.fixture
def soon_after(session):
    """A sitting starting 15 minutes after the 2nd plenary ends (18:15-19:00)."""
    return SittingFactory(
        session=session, title="Evening", start=vienna(DAY, 18, 15), end=vienna(DAY, 19)
    )


def test_where_two_windows_are_open_the_running_sitting_wins_and_both_count(online, soon_after):
    opened = opening(online, 17, 55)

    assert (opened.outcome, opened.sitting.title, opened.meeting_url) == (
        "joined",
        "2nd plenary",
        ZOOM,
    )
    assert sorted(OnlineAttendance.objects.values_list("sitting__title", flat=True)) == [
        "2nd plenary",
        "Evening",
    ]


def test_where_the_running_sitting_has_no_link_yet_the_next_ones_is_taken(
    session, online, soon_after
):
    MeetingLink.objects.filter(sitting=None).delete()
    MeetingLink.objects.create(
        session=session, sitting=soon_after, platform="kudo", url="https://kudo.example.org/x"
    )

    opened = opening(online, 17, 55)

    assert (opened.sitting, opened.meeting_url) == (soon_after, "https://kudo.example.org/x")
    assert list(OnlineAttendance.objects.values_list("sitting__title", flat=True)) == ["Evening"]


def test_a_sitting_held_at_another_link_is_not_counted_by_the_running_ones(
    session, online, soon_after
):
    MeetingLink.objects.create(
        session=session, sitting=soon_after, platform="kudo", url="https://kudo.example.org/x"
    )

    assert opening(online, 17, 55).meeting_url == ZOOM
    assert list(OnlineAttendance.objects.values_list("sitting__title", flat=True)) == [
        "2nd plenary"
    ]
    assert opening(online, 18, 5).meeting_url == "https://kudo.example.org/x"


def test_without_the_platforms_link_nobody_is_counted_as_attending(session, online):
    MeetingLink.objects.all().delete()

    opened = opening(online, 10, 30)

    assert (opened.outcome, opened.meeting_url) == ("joined", "")
    assert not OnlineAttendance.objects.exists()


def test_in_another_time_zone_the_window_and_the_day_are_the_sessions(officer):
    """A meeting in Tokyo: its 08:00 sitting starts at 23:00 UTC the day before; the link
    opens 30 minutes before in any zone, and the attendance is on Tokyo's day."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    tokyo = ZoneInfo("Asia/Tokyo")
    session = SessionFactory(format="online", time_zone="Asia/Tokyo", start_date=DAY, end_date=DAY)
    start = datetime(2025, 1, 27, 8, tzinfo=tokyo)
    SittingFactory(session=session, start=start, end=start + timedelta(hours=3))
    MeetingLink.objects.create(session=session, platform="zoom", url=ZOOM)
    participant = registration.approve(register(session, mode="online"), officer)
    token = token_of(participant)
    utc = ZoneInfo("UTC")

    early = services.open_link(token, now=datetime(2025, 1, 26, 22, 29, tzinfo=utc))
    opened = services.open_link(token, now=datetime(2025, 1, 26, 22, 30, tzinfo=utc))

    assert (early.outcome, opened.outcome) == ("outside", "joined")
    assert OnlineAttendance.objects.get().day == DAY


def test_participants_approved_before_links_existed_get_theirs_by_migration(online):
    import importlib

    from django.apps import apps

    JoinLink.objects.all().delete()
    migration = importlib.import_module("online.migrations.0003_links_of_approved_participants")

    migration.make_links(apps, None)

    link = JoinLink.objects.get(registration=online)
    assert link.digest == links.digest(link.token)
    assert services.open_link(link.token, now=vienna(DAY, 10, 30)).outcome == "joined"


@pytest.mark.django_db(transaction=True)
def test_a_link_opened_on_ten_devices_at_once_counts_one_attendance_and_ten_openings(
    session, officer
):
    participant = registration.approve(register(session, mode="online"), officer)
    token = token_of(participant)

    opened = at_once(10, lambda index: services.open_link(token, now=vienna(DAY, 10, index)), ())

    assert {o.outcome for o in opened} == {"joined"}
    assert JoinOpening.objects.filter(outcome="joined").count() == 10
    assert OnlineAttendance.objects.get().first_joined_at <= vienna(DAY, 10, 9)
