"""Dates read as each language writes them: on the session's page, and from the helpers
for day headings and ranges of days."""

from datetime import date, datetime

import pytest
from django.utils import formats, translation

from languages.dates import date_range, short_weekday_date, weekday_date
from tests.factories import SessionFactory, SittingFactory

LANGUAGES = ["ar", "zh-hans", "en", "fr", "ru", "es"]


@pytest.fixture
def session(db):
    session = SessionFactory(slug="ieg", start_date=date(2026, 11, 23), end_date=date(2026, 11, 27))
    SittingFactory(session=session)
    return session


def page_in(client, language: str) -> str:
    response = client.get("/sessions/ieg/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.text


def test_the_russian_session_page_has_the_month_in_the_genitive(client, session):
    text = page_in(client, "ru")

    assert "23–27 ноября 2026 г." in text
    assert "Понедельник, 23 ноября 2026 г." in text
    assert "Ноябрь" not in text


def test_the_chinese_session_page_writes_year_month_day(client, session):
    text = page_in(client, "zh-hans")

    assert "2026年11月23日至27日" in text
    assert "2026年11月23日 星期一" in text
    assert "十一月" not in text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "23–27 November 2026"),
        ("fr", "23–27 novembre 2026"),
        ("es", "23–27 de noviembre de 2026"),
        ("ar", "23–27 نوفمبر 2026"),
    ],
)
def test_the_session_page_gives_its_dates_in_each_language(client, session, language, expected):
    assert expected in page_in(client, language)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "30 November 2026"),
        ("fr", "30 novembre 2026"),
        ("es", "30 de noviembre de 2026"),
        ("ru", "30 ноября 2026 г."),
        ("ar", "30 نوفمبر 2026"),
        ("zh-hans", "2026年11月30日"),
    ],
)
def test_the_date_format_of_each_language(language, expected):
    with translation.override(language):
        assert formats.date_format(date(2026, 11, 30)) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_a_date_and_time_format_of_its_own(language):
    """Django's Arabic formats have none: English's "N j, Y, P" would show."""
    with translation.override(language):
        written = formats.date_format(datetime(2026, 11, 30, 14, 5), "DATETIME_FORMAT")

    assert "14:05" in written
    assert "Nov." not in written


@pytest.mark.parametrize(
    ("language", "start", "end", "expected"),
    [
        ("en", date(2025, 1, 27), date(2025, 2, 2), "27 January – 2 February 2025"),
        ("en", date(2025, 12, 30), date(2026, 1, 2), "30 December 2025 – 2 January 2026"),
        ("en", date(2025, 1, 27), date(2025, 1, 27), "27 January 2025"),
        ("ru", date(2025, 1, 27), date(2025, 2, 2), "27 января – 2 февраля 2025 г."),
        ("zh-hans", date(2025, 1, 27), date(2025, 2, 2), "2025年1月27日至2月2日"),
        ("zh-hans", date(2025, 12, 30), date(2026, 1, 2), "2025年12月30日至2026年1月2日"),
        ("es", date(2025, 1, 27), date(2025, 1, 31), "27–31 de enero de 2025"),
    ],
)
def test_a_range_of_days(language, start, end, expected):
    with translation.override(language):
        assert date_range(start, end) == expected


@pytest.mark.parametrize(
    ("language", "heading", "short"),
    [
        ("en", "Monday 30 November 2026", "Mon 30 Nov"),
        ("fr", "lundi 30 novembre 2026", "lun 30 nov."),
        ("ru", "Понедельник, 30 ноября 2026 г.", "Пн, 30 ноября"),
        ("zh-hans", "2026年11月30日 星期一", "11月30日 星期一"),
    ],
)
def test_days_with_their_weekday(language, heading, short):
    with translation.override(language):
        assert weekday_date(date(2026, 11, 30)) == heading
        assert short_weekday_date(date(2026, 11, 30)) == short
