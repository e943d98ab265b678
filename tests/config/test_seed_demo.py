from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation
from modeltranslation.translator import translator

from config.demo import ROOMS, seed
from config.demo_content import BOARDROOM, LANGUAGE_SUFFIXES, PLENARY_TITLES
from documents.models import Document, DocumentFile
from languages.official import OFFICIAL_LANGUAGE_CODES
from registration.models import Entity
from sessions_app.models import Booking, Room, Series, Session, Sitting, Venue
from tests.config.conftest import TODAY, quiet
from tests.pdfs import assert_printed, read

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


# Short names may stay as they are: "IEG-1 (2023)" and "IEG-2 (2025)" are the group's
# symbols, kept in every language as UN document symbols are.
SAME_IN_EVERY_LANGUAGE = {"short_name"}


def demo_content():
    """Every object of the demo whose content people read, with its translatable fields
    as registered (a field registered later is checked too)."""
    sessions = Session.objects.filter(series__slug="reducing-reoffending")
    objects = [
        *Series.objects.filter(slug="reducing-reoffending"),
        *sessions,
        *Sitting.objects.filter(session__in=sessions),
        *Venue.objects.filter(slug="vic"),
        *Room.objects.filter(slug__in=[slug for slug, *_ in ROOMS]),
    ]
    for obj in objects:
        for field in translator.get_options_for_model(type(obj)).fields:
            yield obj, field


def test_all_demo_content_is_in_the_six_languages(demo):
    content = list(demo_content())
    missing = [
        f"{type(obj).__name__} {obj.pk} {field}_{suffix}"
        for obj, field in content
        if getattr(obj, f"{field}_en")
        for suffix in LANGUAGE_SUFFIXES
        if not getattr(obj, f"{field}_{suffix}")
    ]

    assert len({obj for obj, _field in content}) == 1 + 5 + 38 + 1 + 4  # 38 sittings
    assert missing == []


def test_no_demo_translation_is_a_copy_of_the_english(demo):
    copies = [
        f"{type(obj).__name__} {obj.pk} {field}_{suffix}"
        for obj, field in demo_content()
        if field not in SAME_IN_EVERY_LANGUAGE and getattr(obj, f"{field}_en")
        for suffix in LANGUAGE_SUFFIXES
        if getattr(obj, f"{field}_{suffix}") == getattr(obj, f"{field}_en")
    ]

    assert copies == []


def test_translated_joining_details_keep_the_id_and_carry_no_link(demo):
    session = Session.objects.get(slug="demo")

    assert all(
        "123 4567 8901" in text and "https://" not in text
        for text in (getattr(session, f"joining_details_{suffix}") for suffix in LANGUAGE_SUFFIXES)
    )


@pytest.mark.parametrize(
    ("language", "column"), [("ar", "ar"), ("zh-hans", "zh_hans"), ("ru", "ru")]
)
def test_the_second_meetings_sittings_and_room_show_in_the_readers_script(
    demo, client, language, column
):
    client.cookies.load({"django_language": language})

    text = client.get("/sessions/ieg-2-2025/").text

    for number in range(1, 11):
        assert f">{PLENARY_TITLES[column].format(number=number)}<ul>" in text
    room = BOARDROOM[column].format(letter="D")
    assert text.count(f">{room}</a>") == 11  # the session's room, and each sitting's


def test_seeding_again_in_another_language_keeps_the_sittings_and_the_english(demo):
    before = list(Sitting.objects.order_by("pk").values_list("pk", "title_en", "title_ru"))

    with translation.override("ru"):
        seed(today=TODAY, log=quiet)

    assert list(Sitting.objects.order_by("pk").values_list("pk", "title_en", "title_ru")) == before
    assert Session.objects.get(slug="ieg-2-2025").title_en == "Second meeting of the expert group"


def test_seeding_again_changes_no_feed(demo):
    """The translations go through the content service, which writes only what changed:
    a second seed leaves the sittings' versions (and so the feeds' ETags) as they were.
    (ieg-1-resumed-2024's long-remote sittings are touched by the interpretation seeding.)"""
    sittings = Sitting.objects.filter(session__slug="ieg-2-2025").order_by("pk")
    before = list(sittings.values_list("pk", "updated_at"))

    seed(today=TODAY, log=quiet)

    assert list(sittings.values_list("pk", "updated_at")) == before


# --- Documents (config.demo_documents) -------------------------------------------------


def demo_documents(slug: str) -> dict[str, Document]:
    """The Secretariat's documents of the session (not the written contributions published
    from its call: tests/config/test_demo_contributions.py)."""
    return {
        document.kind: document
        for document in Document.objects.filter(session__slug=slug).exclude(
            kind=Document.Kind.WRITTEN_CONTRIBUTION
        )
    }


@pytest.mark.parametrize(
    ("slug", "kinds"),
    [
        ("egm-2022", ["information_note", "provisional_agenda", "working_paper"]),
        ("ieg-1-2023", ["information_note", "provisional_agenda", "working_paper"]),
        (
            "ieg-1-resumed-2024",
            ["information_note", "provisional_agenda", "report", "working_paper"],
        ),
        ("ieg-2-2025", ["chairs_draft", "information_note", "provisional_agenda"]),
        ("demo", ["chairs_draft", "information_note", "provisional_agenda"]),
    ],
)
def test_each_session_has_its_documents_in_the_six_languages(demo, slug, kinds):
    documents = demo_documents(slug)

    assert sorted(documents) == kinds
    for document in documents.values():
        languages = sorted(document.versions.values_list("language", flat=True))
        if document.status == Document.Status.PUBLISHED:
            assert languages == sorted(OFFICIAL_LANGUAGE_CODES), document.symbol
        assert all(getattr(document, f"title_{suffix}") for suffix in ("en", *LANGUAGE_SUFFIXES))


def test_the_first_meetings_report_is_e_cn_15_2024_15_on_the_adoption_of_the_report(demo):
    report = demo_documents("ieg-1-resumed-2024")["report"]

    assert (report.symbol, report.status, report.agenda_items) == (
        "E/CN.15/2024/15",
        "published",
        [5],
    )
    assert report.versions.count() == 6


def test_the_second_meetings_chairs_draft_is_forthcoming_without_files(demo):
    documents = demo_documents("ieg-2-2025")

    draft = documents["chairs_draft"]
    assert (draft.symbol, draft.status, draft.agenda_items) == (
        "UNODC/CCPCJ/EG.10/2025/2",
        "forthcoming",
        [3],
    )
    assert not draft.versions.exists()
    assert documents["provisional_agenda"].symbol == "UNODC/CCPCJ/EG.10/2025/1"
    assert documents["provisional_agenda"].agenda_items == [2]
    assert documents["information_note"].symbol == "UNODC/CCPCJ/EG.10/2025/INF/1"


@pytest.mark.parametrize(
    ("language", "column", "notice"),
    [
        ("ar", "ar", "ملف للعرض التوضيحي، وليس وثيقة من وثائق الأمم المتحدة"),
        ("zh", "zh_hans", "演示文件——并非联合国文件"),
        ("en", "en", "DEMONSTRATION FILE: NOT A UNITED NATIONS DOCUMENT"),
        ("fr", "fr", "FICHIER DE DÉMONSTRATION"),
        ("ru", "ru", "ДЕМОНСТРАЦИОННЫЙ ФАЙЛ"),
        ("es", "es", "ARCHIVO DE DEMOSTRACIÓN"),
    ],
)
def test_each_file_is_a_readable_pdf_saying_it_is_a_demonstration_with_its_translated_title(
    demo, language, column, notice
):
    report = demo_documents("ieg-1-resumed-2024")["report"]
    version = report.versions.get(language=language)
    with version.file.open("rb") as stored:
        pdf = stored.read()

    drawn = assert_printed(pdf, notice, getattr(report, f"title_{column}"))
    assert "E/CN.15/2024/15" in drawn
    assert len(read(pdf).pages) == 1
    assert version.size == len(pdf)


def test_seeding_again_keeps_the_documents_and_their_files(demo):
    before = list(DocumentFile.objects.order_by("pk").values_list("pk", "document__symbol", "file"))

    seed(today=TODAY, log=quiet)

    assert before and (
        list(DocumentFile.objects.order_by("pk").values_list("pk", "document__symbol", "file"))
        == before
    )
    assert Document.objects.exclude(kind=Document.Kind.WRITTEN_CONTRIBUTION).count() == 16


def test_the_demonstration_sessions_documents_follow_it_into_the_next_year(demo):
    seed(today=TODAY + timedelta(days=60), log=quiet)

    documents = demo_documents("demo")
    agenda = documents["provisional_agenda"]
    with agenda.versions.get(language="en").file.open("rb") as stored:
        pdf = stored.read()
    assert sorted(document.symbol for document in documents.values()) == [
        "UNODC/CCPCJ/EG.10/2027/1",
        "UNODC/CCPCJ/EG.10/2027/2",
        "UNODC/CCPCJ/EG.10/2027/INF/1",
    ]
    assert "UNODC/CCPCJ/EG.10/2027/1" in assert_printed(pdf, "Provisional agenda")
    assert agenda.versions.count() == 6
