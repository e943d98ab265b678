"""The PDFs show the content (the session's title, sittings, rooms) in the language they
are made in, English where it has no translation: the interpretation plan and the list of
participants in the officer's page language, badge batches in the language of the page
they were asked from, even when a worker prints them later."""

import pytest
from django.utils import translation

from badges import printing
from badges.models import PrintJob
from tests.badges.common import approved
from tests.factories import EntityFactory, SessionFactory
from tests.interpretation.test_plan import five_days
from tests.pdfs import all_lines, assert_printed, glyphless, pdf_in, shows

pytestmark = pytest.mark.django_db

TITLES = {
    "en": "Second meeting of the expert group",
    "ar": "الاجتماع الثاني لفريق الخبراء",
    "zh-hans": "专家组第二次会议",
    "ru": "Второе совещание группы экспертов",
}
SITTINGS = {"ar": "الجلسة العامة", "zh-hans": "全体会议", "ru": "Пленарное заседание"}


@pytest.fixture
def session():
    session = SessionFactory(slug="ieg-2", format="hybrid", title=TITLES["en"])
    for language, title in TITLES.items():
        setattr(session, f"title_{language.replace('-', '_')}", title)
    session.save()
    five_days(session)
    for sitting in session.sittings.all():
        for language, title in SITTINGS.items():
            setattr(sitting, f"title_{language.replace('-', '_')}", title)
        sitting.save()
    return session


@pytest.mark.parametrize("language", ["ar", "zh-hans", "ru"])
def test_the_interpretation_plan_shows_the_sittings_in_the_officers_language(
    officer_client, session, language
):
    pdf = pdf_in(officer_client, "/sessions/ieg-2/interpretation/plan.pdf", language)

    assert_printed(pdf, TITLES[language], SITTINGS[language])


def test_the_interpretation_plan_shows_english_where_there_is_no_translation(
    officer_client, session
):
    pdf = pdf_in(officer_client, "/sessions/ieg-2/interpretation/plan.pdf", "fr")

    lines = all_lines(pdf)
    assert shows(lines, TITLES["en"]) and shows(lines, session.sittings.first().title_en)
    assert glyphless(pdf) == []


@pytest.mark.parametrize("language", ["ar", "ru"])
def test_the_list_of_participants_has_the_title_in_the_officers_language(
    officer_client, session, language
):
    approved(session, EntityFactory(name="Austria", code="AUT"), consents_to_list=True)

    pdf = pdf_in(officer_client, "/sessions/ieg-2/console/participants.pdf", language)

    assert_printed(pdf, TITLES[language])


def test_a_badge_batch_is_printed_in_the_language_it_was_asked_in(session, officer):
    """Asked from a Russian page; the worker runs later with no language of its own."""
    approved(session, EntityFactory(name="Austria", code="AUT"), given_name="Anna")
    with translation.override("ru"):
        job = printing.start(session, officer, kind="all", layout="a6")

    with translation.override("en"):
        printing.run(PrintJob.objects.get(pk=job.pk))

    job.refresh_from_db()
    assert job.language == "ru"
    with job.pdf.open("rb") as file:
        assert shows(all_lines(file.read()), TITLES["ru"])
