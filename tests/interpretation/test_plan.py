from datetime import date, timedelta

import pytest

from interpretation import queries, services, staffing
from interpretation.models import LanguageChannel, SessionInterpretation
from languages.models import Language
from registration import services as registration_services
from sessions_app.models import MeetingFormat
from tests.factories import RoomFactory, SessionFactory, SittingFactory, register, vienna

pytestmark = pytest.mark.django_db


def five_days(session, room=None, **fields):
    """Ten sittings, 10:00-13:00 and 15:00-18:00 over five days."""
    sittings = []
    for day in range(5):
        on = session.start_date + timedelta(days=day)
        for start, end in ((10, 13), (15, 18)):
            sittings.append(
                SittingFactory(
                    session=session,
                    room=room,
                    start=vienna(on, start),
                    end=vienna(on, end),
                    **fields,
                )
            )
    return sittings


def test_ten_sittings_in_six_languages_need_140_interpreter_sittings():
    session = SessionFactory()
    five_days(session, room=RoomFactory(interpretation_booths=6))

    plan = queries.session_plan(session)

    assert [item.plan.interpreters for item in plan.sittings] == [14] * 10
    assert plan.interpreter_sittings == 140
    assert plan.by_day[date(2025, 1, 27)] == 28
    assert all(item.plan.flags == [] for item in plan.sittings)


def test_cancelled_sittings_are_not_planned():
    session = SessionFactory()
    first, *_rest = five_days(session)
    first.status = "cancelled"
    first.save()

    assert queries.session_plan(session).interpreter_sittings == 126


def test_a_sitting_with_its_own_languages_is_planned_with_them():
    session = SessionFactory()
    sitting = SittingFactory(session=session)

    services.save_sitting_interpretation(
        sitting, languages=["en", "fr"], mode="", long_remote_interventions=False
    )

    (item,) = queries.session_plan(session).sittings
    assert (item.plan.languages, item.plan.interpreters) == (["en", "fr"], 4)


def test_an_added_language_is_planned_and_a_sign_language_has_no_booth():
    Language.objects.create(code="pt", name="Portuguese")
    Language.objects.create(code="ils", name="International Sign", is_signed=True)
    session = SessionFactory(languages=["ar", "zh", "en", "fr", "ru", "es", "pt", "ils"])
    SittingFactory(session=session)

    (item,) = queries.session_plan(session).sittings

    assert (item.plan.booths, item.plan.interpreters) == (7, 18)


def test_a_hybrid_sitting_with_long_remote_interventions_is_flagged():
    session = SessionFactory(format=MeetingFormat.HYBRID)
    sitting = SittingFactory(session=session, format=MeetingFormat.HYBRID)
    services.save_sitting_interpretation(
        sitting, languages=None, mode="", long_remote_interventions=True
    )

    (item,) = queries.session_plan(session).sittings

    assert item.mode == "both"
    assert item.plan.flags == [staffing.LONG_REMOTE, staffing.BEYOND_LENGTH]


def test_sittings_back_to_back_are_flagged():
    session = SessionFactory()
    on = session.start_date
    SittingFactory(session=session, start=vienna(on, 10), end=vienna(on, 13))
    SittingFactory(session=session, start=vienna(on, 13, 30), end=vienna(on, 16))

    flags = [item.plan.flags for item in queries.session_plan(session).sittings]

    assert flags == [[], [staffing.BACK_TO_BACK]]


def test_a_room_with_too_few_booths_is_flagged():
    session = SessionFactory()
    SittingFactory(session=session, room=RoomFactory(interpretation_booths=4))

    (item,) = queries.session_plan(session).sittings

    assert staffing.TOO_FEW_BOOTHS in item.plan.flags


def approve(session, **fields):
    registration = register(session, **fields)
    return registration_services.approve(registration, actor=None)


def test_coverage_without_demand_lists_every_language_as_unheard():
    session = SessionFactory(languages=["en", "fr"])
    SittingFactory(session=session)

    _plan, (sitting,) = queries.coverage(session)

    assert [str(language) for language in sitting.unheard] == ["English", "French"]
    assert sitting.unmet == []


def test_coverage_counts_approved_listeners_and_speakers_by_mode():
    session = SessionFactory(languages=["en", "fr"], format=MeetingFormat.HYBRID)
    SittingFactory(session=session)
    approve(session, listening_language="fr", speaking_language="en")
    approve(session, mode="online", listening_language="fr", speaking_language="fr")
    register(session, listening_language="en")  # submitted, not approved: no demand

    _plan, (sitting,) = queries.coverage(session)

    french = next(row for row in sitting.languages if row.language.code == "fr")
    english = next(row for row in sitting.languages if row.language.code == "en")
    assert (french.listeners["in_person"], french.listeners["online"]) == (1, 1)
    assert (english.speakers["in_person"], english.listeners.total()) == (1, 0)
    assert [language.code for language in sitting.unheard] == ["en"]


def test_a_need_that_no_offered_language_meets_is_listed():
    Language.objects.create(code="ils", name="International Sign", is_signed=True)
    session = SessionFactory(languages=["en", "fr"])
    SittingFactory(session=session)
    approve(session, listening_language="ils")
    approve(session, speaking_language="ru")

    _plan, (sitting,) = queries.coverage(session)

    assert sorted(language.code for language in sitting.unmet) == ["ils", "ru"]


def test_channels_are_saved_and_a_shared_channel_is_refused():
    session = SessionFactory(languages=["en", "fr"])
    services.save_session_setup(
        session,
        mode="both",
        rsi_platform="Interprefy",
        floor_channel=0,
        channels={"en": (1, "English"), "fr": (2, "Français")},
    )

    with pytest.raises(services.ValidationError):
        services.save_session_setup(
            session,
            mode="",
            rsi_platform="Other",
            floor_channel=0,
            channels={"en": (1, ""), "fr": (1, "")},
        )

    assert SessionInterpretation.objects.get(session=session).rsi_platform == "Interprefy"
    assert dict(
        LanguageChannel.objects.filter(session=session).values_list(
            "language__code", "room_channel"
        )
    ) == {"en": 1, "fr": 2}


def test_a_sitting_s_own_languages_show_in_the_calendar(client):
    import icalendar

    session = SessionFactory(slug="own-languages")
    sitting = SittingFactory(session=session)
    services.save_sitting_interpretation(
        sitting, languages=["en", "fr"], mode="", long_remote_interventions=False
    )

    feed = icalendar.Calendar.from_ical(client.get("/calendar/sessions/own-languages.ics").content)

    (event,) = feed.walk("VEVENT")
    assert "Interpretation: English, French" in str(event["DESCRIPTION"])


def test_a_code_not_in_the_list_of_languages_is_refused_everywhere():
    from interpretation.models import SittingInterpretation

    session = SessionFactory(languages=["en", "xx"])
    sitting = SittingFactory(session=session)
    registration = register(session, listening_language="yy")

    with pytest.raises(services.ValidationError, match="xx"):
        session.full_clean()
    with pytest.raises(services.ValidationError, match="yy"):
        registration.full_clean()
    with pytest.raises(services.ValidationError, match="zz"):
        SittingInterpretation(sitting=sitting, languages=["en", "zz"]).full_clean()
    with pytest.raises(services.ValidationError, match="ww"):
        services.save_sitting_interpretation(
            sitting, languages=["ww"], mode="", long_remote_interventions=False
        )
    assert not SittingInterpretation.objects.exists()
