"""A hybrid session on 27 January 2025 in Vienna with two sittings (10:00-13:00 and
15:00-18:00) and the platform's link, and an officer: what most online tests start from."""

from datetime import timedelta

import pytest

from online.models import MeetingLink
from tests.factories import OfficerFactory, SessionFactory, SittingFactory, vienna
from tests.online.common import DAY, ZOOM


@pytest.fixture
def session(db):
    session = SessionFactory(
        slug="ieg-2-2025", format="hybrid", start_date=DAY, end_date=DAY + timedelta(days=1)
    )
    SittingFactory(session=session, title="1st plenary", start=vienna(DAY, 10), end=vienna(DAY, 13))
    SittingFactory(session=session, title="2nd plenary", start=vienna(DAY, 15), end=vienna(DAY, 18))
    MeetingLink.objects.create(session=session, platform="zoom", url=ZOOM)
    return session


@pytest.fixture
def officer(db):
    return OfficerFactory()
