"""The floor as the live pages show it, and its push to them.

The state of a session's floor (the item taken up, who has the floor and for how long,
who comes next) is rendered once per official language at each change and sent to the
pages following the session in that language (proceedings.consumers): every display and
console gets the same text, so a change costs six renderings however many pages are open.
The timer runs in the page (static/js/live.js) from the times in the fragment and the
server's clock at sending (`now`), so that the pages' own clocks need not be right."""

import json
import logging
import time
from dataclasses import dataclass

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from languages.official import OFFICIAL_LANGUAGE_CODES
from sessions_app.models import Session

from . import queries
from .models import Inscription, SpeakersList

log = logging.getLogger(__name__)
NEXT = 3  # the speakers the display shows after the one who has the floor


def group_name(session_id: int, language: str) -> str:
    return f"speakers.{session_id}.{language}"


@dataclass
class Floor:
    """What the live pages show of a session: the list taken up (None before the Chair
    takes up an item), its speakers in order, the one who has the floor and those still
    waiting, and the time limit of each in seconds."""

    session: Session
    speakers_list: SpeakersList | None
    speakers: list[Inscription]
    limits: dict[int, int]
    at: object = None  # when it was read: the time spoken until then

    def __post_init__(self):
        self.at = self.at or timezone.now()

    @property
    def speaking(self) -> Inscription | None:
        return next((i for i in self.speakers if i.state == Inscription.State.SPEAKING), None)

    @property
    def waiting(self) -> list[Inscription]:
        return [i for i in self.speakers if i.state == Inscription.State.WAITING]

    @property
    def following(self) -> list[Inscription]:
        return self.waiting[:NEXT]

    @property
    def elapsed(self) -> int:
        """Seconds the speaker who has the floor has spoken (0 for none)."""
        return self.speaking.elapsed(self.at) if self.speaking else 0

    @property
    def limit(self) -> int:
        """The time limit of the speaker who has the floor, in seconds (0 for none)."""
        return self.limits[self.speaking.pk] if self.speaking else 0

    @property
    def left(self) -> int:
        """Seconds left, negative once over the limit."""
        return self.limit - self.elapsed


def current_list(session: Session) -> SpeakersList | None:
    """The list of the item the Chair took up last (or last gave the floor on)."""
    return (
        queries.lists_of(session)
        .filter(taken_up_at__isnull=False)
        .order_by("-taken_up_at", "-pk")
        .first()
    )


def floor(session: Session, speakers_list: SpeakersList | None = None) -> Floor:
    """The floor of the session, on its current list or the one given. Three queries."""
    speakers_list = speakers_list or current_list(session)
    if speakers_list is None:
        return Floor(session, None, [], {})
    rules = queries.rules(session)
    speakers = queries.in_order(speakers_list, rules.by_level)
    return Floor(
        session, speakers_list, speakers, {i.pk: rules.time_limit(i) * 60 for i in speakers}
    )


def fragment(state: Floor) -> str:
    """The display's fragment, in the active language."""
    item = queries.agenda_item(state.speakers_list) if state.speakers_list else None
    return render_to_string("proceedings/_floor.html", {"floor": state, "item": item})


def _message(state: Floor, language: str) -> str:
    with translation.override(language):
        html = fragment(state)
    return json.dumps({"html": html, "now": round(time.time() * 1000)})


def message(session: Session, language: str) -> str:
    """The text sent to a page that follows the session in `language`."""
    return _message(floor(session), language)


def changed(session_id: int) -> None:
    """Call inside the transaction that changes a list: once it is committed, the floor
    goes to every page that follows the session."""
    transaction.on_commit(lambda: broadcast(session_id))


def broadcast(session_id: int) -> None:
    """Send the floor of the session to its pages, in each language. A channel layer that
    cannot be reached loses this push only: the change is saved, and pages show it when
    they reconnect or at the next change."""
    session = Session.objects.get(pk=session_id)
    state = floor(session)
    send = async_to_sync(get_channel_layer().group_send)
    try:
        for language in OFFICIAL_LANGUAGE_CODES:
            send(
                group_name(session_id, language),
                {"type": "speakers.changed", "text": _message(state, language)},
            )
    except Exception:  # the layer's own errors (Redis down) vary by backend
        log.exception("The floor of session %s could not be sent to the live pages", session_id)


def page_context(session: Session) -> dict:
    state = floor(session)
    return {
        "session": session,
        "floor": state,
        "item": queries.agenda_item(state.speakers_list) if state.speakers_list else None,
        "now": round(time.time() * 1000),
    }
