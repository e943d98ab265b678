"""Calls, focal points and contributions for the tests of written contributions."""

from datetime import timedelta

from django.utils import timezone

from documents import contributions
from documents.models import Call
from registration.models import Delegation, Entity
from tests.documents.common import pdf_bytes, upload
from tests.factories import EntityFactory, UserFactory

STATES = [Entity.Kind.MEMBER_STATE, Entity.Kind.OBSERVER_STATE]


def open_call(session=None, series=None, **fields) -> Call:
    """A call that opened yesterday and closes in a week, to States."""
    now = timezone.now()
    fields = {
        "title_en": "Call for written contributions",
        "opens_at": now - timedelta(days=1),
        "deadline": now + timedelta(days=7),
        "invited_kinds": list(STATES),
    } | fields
    return Call.objects.create(session=session, series=series, **fields)


def focal_point(session, entity=None, user=None):
    """A user who is a focal point of the entity's delegation to the session."""
    entity = entity or EntityFactory()
    user = user or UserFactory()
    delegation, _created = Delegation.objects.get_or_create(session=session, entity=entity)
    delegation.focal_points.add(user)
    return user, entity


def submit(call, entity, actor, languages=("en",), original="en", **fields):
    files = {language: upload(f"{language}.pdf", pdf_bytes(language)) for language in languages}
    return contributions.submit(
        call,
        entity,
        actor,
        fields.pop("title", "Reducing reoffending: our practice"),
        original,
        files,
        fields.pop("consents", True),
    )
