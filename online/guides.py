"""Online's part in what registration shows an approved online participant (their page,
the approval mail, the events of their personal feed; registration.hooks): their personal
join link, the sittings in the session's time zone and their own, and whom to ask."""

from dataclasses import dataclass
from datetime import UTC
from email.utils import parseaddr

from django.conf import settings
from django.utils.translation import gettext_lazy

from registration import hooks
from sessions_app.models import Sitting

from . import services

# Also the data-confirm of the guide's form (templates/online/_join_guide.html).
REPLACE_QUESTION = gettext_lazy(
    "Replace your personal link? The old link stops working at once: use the new one from"
    " this page, or from the calendar feed once it updates."
)


@dataclass(frozen=True)
class JoinGuide:
    registration_id: int
    join_url: str
    sittings: list
    time_zone: str
    contact: str
    replace_question: str = REPLACE_QUESTION

    @property
    def window_minutes(self) -> int:
        """How long before each sitting the link opens (online.services.window)."""
        return settings.JOIN_OPENS_MINUTES_BEFORE

    @property
    def times(self) -> list[tuple]:
        """Each sitting with its start and end in the session's time zone and in UTC."""
        return [
            (
                sitting,
                sitting.local_start,
                sitting.local_end,
                sitting.start.astimezone(UTC),
                sitting.end.astimezone(UTC),
            )
            for sitting in self.sittings
        ]


def secretariat_email() -> str:
    """The Secretariat's address: SECRETARIAT_EMAIL where set, else the one mail comes from."""
    found = settings.SECRETARIAT_EMAIL or settings.DEFAULT_FROM_EMAIL
    return parseaddr(found)[1] or found


def join_guides(registrations) -> dict[int, hooks.Guide]:
    """The guide of each approved online participant, by registration id: two queries
    (their links, the sittings of their sessions) whatever their number."""
    urls = services.join_urls(registrations)
    if not urls:
        return {}
    online = [registration for registration in registrations if registration.pk in urls]
    sittings: dict[int, list] = {}
    for sitting in (
        Sitting.objects.held()
        .filter(session__in={registration.session_id for registration in online})
        .select_related("session")
        .order_by("start", "pk")
    ):
        sittings.setdefault(sitting.session_id, []).append(sitting)
    contact = secretariat_email()
    return {
        registration.pk: hooks.Guide(
            "online/_join_guide",
            {
                "guide": JoinGuide(
                    registration.pk,
                    urls[registration.pk],
                    sittings.get(registration.session_id, []),
                    registration.session.time_zone,
                    contact,
                )
            },
        )
        for registration in online
    }


def connect() -> None:
    # The guide shows the person's link (replacing it changes it) and the sittings (which
    # the feed's version already follows); the events' URL is the link too.
    hooks.add_guide_provider(join_guides, ("mine__join_link__created_at",))
    hooks.add_event_url_provider(services.join_urls)
