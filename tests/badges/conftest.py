from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import VIENNA, SessionFactory


@pytest.fixture
def running(db):
    """A session in Vienna from yesterday to tomorrow: check-ins at the present time
    fall within its days."""
    today = timezone.localdate(timezone=VIENNA)
    return SessionFactory(
        format="hybrid",
        slug="running",
        short_name="IEG-running",
        start_date=today - timedelta(days=1),
        end_date=today + timedelta(days=1),
    )
