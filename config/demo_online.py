"""The platform's meeting link of each demo session held online or hybrid: kept on the
server, reached only through a participant's personal join link. A demonstration value."""

from online.models import MeetingLink, Platform
from sessions_app.models import MeetingFormat, Session

MEETING_URL = "https://meet.example.org/unodc-ieg"


def seed_meeting_link(session: Session) -> None:
    if session.format == MeetingFormat.IN_PERSON:
        MeetingLink.objects.filter(session=session, sitting__isnull=True).delete()
        return
    MeetingLink.objects.update_or_create(
        session=session,
        sitting=None,
        defaults={"platform": Platform.ZOOM, "url": MEETING_URL},
    )
