"""A hybrid session with two sittings and their agenda, an officer, and delegations of
every kind of entity, each with a focal point and an approved speaker: what most
proceedings tests start from."""

from dataclasses import dataclass
from datetime import date

import pytest

from proceedings import services
from registration import services as registration
from registration.models import Delegation, Entity, Registration
from tests.factories import (
    EntityFactory,
    OfficerFactory,
    SessionFactory,
    SittingFactory,
    UserFactory,
    register,
    vienna,
)

DAY = date(2025, 1, 27)
AGENDA = (
    "1. Opening of the meeting.\n"
    "2. Adoption of the agenda and organization of work.\n"
    "3. Promising practices in reducing reoffending."
)
AGENDA_FR = (
    "1. Ouverture de la réunion.\n"
    "2. Adoption de l'ordre du jour et organisation des travaux.\n"
    "3. Pratiques prometteuses en matière de réduction de la récidive."
)


@dataclass
class Member:
    """A delegation with its focal point and an approved speaker."""

    delegation: Delegation
    focal_point: object
    speaker: Registration


@pytest.fixture
def session(db):
    session = SessionFactory(slug="ieg-2-2025", format="hybrid", start_date=DAY, end_date=DAY)
    SittingFactory(
        session=session,
        title="1st plenary",
        start=vienna(DAY, 10),
        end=vienna(DAY, 13),
        agenda_items_en=AGENDA.rsplit("\n", 1)[0],
        agenda_items_fr=AGENDA_FR.rsplit("\n", 1)[0],
    )
    SittingFactory(
        session=session,
        title="2nd plenary",
        start=vienna(DAY, 15),
        end=vienna(DAY, 18),
        agenda_items_en=AGENDA.split("\n", 2)[2],
    )
    return session


@pytest.fixture
def officer(db):
    return OfficerFactory()


def make_member(session, officer, name: str, kind=Entity.Kind.MEMBER_STATE, **fields) -> Member:
    """A delegation of a new entity, its focal point, and its approved speaker."""
    entity = EntityFactory(name=name, kind=kind)
    delegation = registration.delegation_for(session, entity)
    focal_point = UserFactory()
    delegation.focal_points.add(focal_point)
    speaker = registration.approve(register(session, entity, **fields), officer)
    return Member(delegation, focal_point, speaker)


@pytest.fixture
def member(session, officer):
    """make_member for this session: member("Austria", kind=...)."""
    return lambda name, kind=Entity.Kind.MEMBER_STATE, **fields: make_member(
        session, officer, name, kind, **fields
    )


@pytest.fixture
def speakers_list(session, officer):
    """The open list of speakers of item 3."""
    return services.open_list(session, 3, officer)


def inscribe(speakers_list, member: Member, actor=None, **fields):
    """The focal point (or `actor`) inscribes their delegation, in English by default."""
    return services.inscribe(
        speakers_list,
        actor or member.focal_point,
        member.delegation,
        member.speaker,
        **({"language": "en"} | fields),
    )
