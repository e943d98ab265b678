from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from config.demo import seed
from registration.models import Entity
from sessions_app.models import Booking, Session, Sitting
from tests.config.conftest import TODAY, quiet

pytestmark = pytest.mark.django_db


def test_the_series_has_its_four_sessions_and_the_demonstration_session(demo):
    slugs = list(demo["series"].sessions.order_by("start_date").values_list("slug", flat=True))

    assert slugs == ["egm-2022", "ieg-1-2023", "ieg-1-resumed-2024", "ieg-2-2025", "demo"]


def test_second_meeting_has_ten_sittings_in_boardroom_d(demo, client):
    sittings = Sitting.objects.filter(session__slug="ieg-2-2025")

    assert sittings.count() == 10
    assert set(sittings.values_list("room__name", flat=True)) == {"Boardroom D"}
    assert client.get("/sessions/ieg-2-2025/").text.count("Boardroom D") >= 10


def test_sittings_are_booked_in_their_rooms_ten_to_one_and_three_to_six(demo):
    sitting = Sitting.objects.filter(session__slug="ieg-2-2025").order_by("start").last()

    assert (sitting.local_start.hour, sitting.local_end.hour) == (15, 18)
    assert sitting.bookings.get().status == Booking.Status.CONFIRMED


def test_online_sessions_have_no_room(demo):
    assert not Sitting.objects.filter(session__slug="egm-2022", room__isnull=False).exists()


def test_demonstration_session_runs_around_today_with_registration_open(demo):
    session = Session.objects.get(slug="demo")

    assert (session.start_date, session.end_date) == (
        TODAY - timedelta(days=1),
        TODAY + timedelta(days=3),
    )
    assert session.is_demonstration
    assert session.registration_opens.date() < TODAY <= session.registration_closes.date()


def test_all_sessions_offer_the_six_official_languages(demo):
    assert all(
        len(languages) == 6 for languages in Session.objects.values_list("languages", flat=True)
    )


def test_states_are_loaded_with_their_regional_groups(demo):
    states = Entity.objects.filter(kind=Entity.Kind.MEMBER_STATE)

    assert states.count() == 193
    assert Entity.objects.filter(kind=Entity.Kind.OBSERVER_STATE).count() == 2
    assert not states.filter(regional_group="").exists()
    assert Counter(states.values_list("regional_group", flat=True))["AFRICA"] == 54


def test_seeding_twice_changes_nothing(demo):
    before = (
        list(Sitting.objects.values_list("pk", flat=True)),
        Booking.objects.count(),
        Entity.objects.count(),
    )

    seed(today=TODAY, log=quiet)

    after = (
        list(Sitting.objects.values_list("pk", flat=True)),
        Booking.objects.count(),
        Entity.objects.count(),
    )
    assert before == after


def test_seeding_another_day_moves_the_demonstration_session(demo):
    seed(today=TODAY + timedelta(days=7), log=quiet)

    session = Session.objects.get(slug="demo")
    assert session.start_date == TODAY + timedelta(days=6)
    assert session.sittings.count() == 10
    assert Booking.objects.filter(sitting__session=session).count() == 10


def test_demo_officer_can_log_in_with_the_printed_password(client):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    line = next(line for line in out.getvalue().splitlines() if "officer@" in line)
    email, password = line.split()

    client.post("/accounts/login/", {"login": email, "password": password})

    assert client.get("/rooms/boardroom-d/week/").status_code == 200


def test_demo_sessions_have_a_few_dozen_registrations_in_every_state(demo):
    from registration.models import Registration

    for slug in ("ieg-2-2025", "demo"):
        states = set(
            Registration.objects.filter(session__slug=slug).values_list("state", flat=True)
        )
        assert Registration.objects.filter(session__slug=slug).count() >= 24
        assert {"approved", "submitted", "waitlisted", "rejected"} <= states


def test_demo_session_has_both_modes(demo):
    from registration.models import Registration

    modes = set(
        Registration.objects.filter(session__slug="demo").values_list(
            "participation_mode", flat=True
        )
    )

    assert modes == {"in_person", "online"}


def test_the_second_meeting_has_a_complete_interpretation_plan(demo):
    from interpretation.queries import session_plan

    plan = session_plan(Session.objects.get(slug="ieg-2-2025"))

    assert [item.plan.interpreters for item in plan.sittings] == [14] * 10
    assert plan.interpreter_sittings == 140
    assert not any(item.plan.flags for item in plan.sittings)


def test_the_hybrid_reconvened_meeting_has_rsi_channels_and_flags(demo):
    from interpretation.models import LanguageChannel
    from interpretation.queries import session_plan

    session = Session.objects.get(slug="ieg-1-resumed-2024")
    plan = session_plan(session)
    flagged = [item.sitting.title for item in plan.sittings if item.plan.flags]

    assert plan.setup.rsi_platform
    assert LanguageChannel.objects.filter(session=session).exclude(online_channel="").count() == 6
    assert flagged == ["3rd plenary meeting", "4th plenary meeting"]
    assert session.joining_details


def test_the_second_meetings_page_in_russian_shows_its_title_and_agenda_in_russian(demo, client):
    client.cookies.load({"django_language": "ru"})

    text = client.get("/sessions/ieg-2-2025/").text

    assert "<h1>Второе совещание группы экспертов</h1>" in text
    assert ">4. Прочие вопросы</li>" in text
