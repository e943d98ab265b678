"""A session with a general, a limited and a restricted document, and a reader of each
role: anonymous, a delegate approved for another session, an approved participant of
this session, a focal point of a delegation of this session, an officer."""

import pytest

from documents.models import Document
from registration import services as registration
from tests.documents.common import document
from tests.documents.contribution_common import focal_point, open_call
from tests.factories import EntityFactory, OfficerFactory, SessionFactory, UserFactory, register

General, Limited, Restricted = (
    Document.Distribution.GENERAL,
    Document.Distribution.LIMITED,
    Document.Distribution.RESTRICTED,
)


@pytest.fixture
def session(db):
    return SessionFactory(slug="ieg-2-2025", title="Second meeting of the expert group")


@pytest.fixture
def call(session):
    """A call for contributions to the session, open for a week, to States."""
    return open_call(session)


@pytest.fixture
def sender(session):
    """(user, entity): a focal point of an entity's delegation to the session."""
    return focal_point(session)


@pytest.fixture
def documents(session):
    """One published document of each distribution, in English and Arabic."""
    return {
        distribution: document(
            session,
            symbol=f"UNODC/CCPCJ/EG.10/2025/{number}",
            languages=("en", "ar"),
            distribution=distribution,
            title_en=f"A {distribution} document",
            agenda_items=[number],
        )
        for number, distribution in enumerate((General, Limited, Restricted), start=1)
    }


def _approved(session, officer):
    user = UserFactory()
    registration.approve(register(session, email=user.email), officer)
    return user


@pytest.fixture
def readers(session):
    """Each role's user (None: anonymous)."""
    officer = OfficerFactory()
    focal_point = UserFactory()
    delegation = registration.delegation_for(session, EntityFactory(name="Austria", code="AUT"))
    delegation.focal_points.add(focal_point)
    return {
        "anonymous": None,
        "delegate of another session": _approved(SessionFactory(), officer),
        "participant": _approved(session, officer),
        "focal point": focal_point,
        "officer": officer,
    }


# Who sees limited and restricted documents (everyone sees general ones).
SEES_ALL = {
    "anonymous": False,
    "delegate of another session": False,
    "participant": True,
    "focal point": True,
    "officer": True,
}
