"""The API answers as its OpenAPI schema says. schemathesis makes requests from the schema,
valid and not, and sends them to the live test server with an officer's token and with a
delegate's; an answer fails the test if it is a 5xx, or if its status code, content type
or body is not one that the schema documents for the operation.

Bounded to stay a few minutes of the suite: EXAMPLES generated requests per operation and
role, beside schemathesis's own coverage cases (edges of every parameter), with a fixed
seed so that a run is repeated exactly. Half the paths name the objects made below, so
that the answers about real sessions, sittings, rooms, bookings and registrations are
checked too, not only 404s."""

from datetime import date

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from knox.models import AuthToken
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from badges import services as badge_services
from online import services as online_services
from online.models import OnlineAttendance
from proceedings import services as proceedings
from registration import services as registration_services
from sessions_app.models import Booking, Sitting
from tests.documents.common import document
from tests.factories import (
    BookingFactory,
    EntityFactory,
    OfficerFactory,
    RoomFactory,
    SessionFactory,
    SittingFactory,
    UserFactory,
    register,
    vienna,
)

pytestmark = pytest.mark.django_db(transaction=True)
EXAMPLES = 20
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _openapi() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


# Built in process (the same generator serves /api/schema/), so that pytest collects one
# test per operation; the requests go to the live server.
schema = schemathesis.openapi.from_dict(
    _openapi(),
    config=schemathesis.Config.from_dict(
        {"seed": 11, "generation": {"max-examples": EXAMPLES, "no-shrink": True}}
    ),
)

# The path parameters that name the objects of the running test, by the path's resource.
objects: dict[str, dict] = {}


@schema.hook
def before_generate_path_parameters(context, strategy):
    resource = context.operation.path.split("/")[3]
    names = {parameter.name for parameter in context.operation.path_parameters}
    real = st.builds(lambda: {name: objects[resource][name] for name in names})
    return st.one_of(strategy, real)


@pytest.fixture
def meeting(open_session):
    """A session with what answers can hold: a room and none, a sitting cancelled, bookings
    in every state, registrations waitlisted and approved with a badge, one revoked, one
    approved online who joined a sitting, documents, one revised and limited; and
    the path parameters that name them."""
    room = RoomFactory(slug="boardroom-d")
    placed = SessionFactory(room=room, venue=room.venue)
    SittingFactory(session=placed, room=room)
    SittingFactory(session=open_session, room=None, status=Sitting.Status.CANCELLED)
    for day, status in enumerate(Booking.Status.values, start=27):
        BookingFactory(
            room=room,
            status=status,
            start=vienna(date(2025, 1, day), 10),
            end=vienna(date(2025, 1, day), 13),
        )
    approved = registration_services.approve(register(open_session), None)
    register(open_session)  # waitlisted: the one seat is taken
    badge_services.issue_badge(approved, None)
    joined = registration_services.approve(register(open_session, mode="online"), None)
    sitting = open_session.sittings.get()
    online_services.join_link(joined)
    OnlineAttendance.objects.create(
        registration=joined,
        sitting=sitting,
        day=sitting.start.date(),
        first_joined_at=sitting.start,
    )
    badge_services.reprint(approved, None, "Lost")
    contribution = _contribution(open_session)
    speakers = _speakers(open_session, sitting, approved)
    agenda = document(open_session, languages=("en", "ar"))
    document(open_session, "UNODC/CCPCJ/EG.10/2025/1/Rev.1", distribution="limited")
    return {
        "series": {"slug": open_session.series.slug},
        "sessions": {
            "slug": open_session.slug,
            "session_slug": open_session.slug,
            "contribution_id": contribution.pk,
            "item_number": speakers.speakers_list.item_number,
            "inscription_id": speakers.pk,
        },
        "sittings": {"id": open_session.sittings.get().pk},
        "rooms": {"slug": room.slug},
        "bookings": {"id": Booking.objects.filter(status="confirmed").get().pk},
        "documents": {"id": agenda.pk},
    }


def _speakers(session, sitting, speaker):
    """The list of speakers of the sitting's first agenda item, the speaker on it."""
    sitting.agenda_items_en = "1. Opening of the meeting."
    sitting.save()
    officer = OfficerFactory()
    speakers_list = proceedings.open_list(session, 1, officer)
    delegation = registration_services.delegation_for(session, speaker.entity)
    speaker.refresh_from_db()
    return proceedings.inscribe(speakers_list, officer, delegation, speaker, language="en")


def _contribution(session):
    """A written contribution submitted to an open call of the session."""
    from tests.documents.contribution_common import focal_point, open_call, submit

    user, entity = focal_point(session)
    return submit(open_call(session), entity, user)


@pytest.fixture(params=["officer", "delegate"])
def token(request, meeting, open_session):
    """The user's API token; the user has a registration of their own, submitted, that the
    paths of registrations name."""
    user = OfficerFactory() if request.param == "officer" else UserFactory()
    own = register(open_session, EntityFactory(), mode="online", email=user.email, participant=user)
    objects.clear()
    objects.update(meeting, registrations={"id": own.pk})
    return AuthToken.objects.create(user=user)[1]


@schema.parametrize()
@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
    database=None,
)
def test_the_api_answers_as_its_schema_says(case, live_server, token):
    case.call_and_validate(
        base_url=live_server.url, headers={"Authorization": f"Bearer {token}"}, checks=CHECKS
    )
