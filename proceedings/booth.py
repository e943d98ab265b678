"""The interpreters' booth view of a sitting: for each list of speakers of the sitting's
agenda items, the speakers still to deliver, in order (the one who has the floor first),
with the statement each has sent, if any."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from documents.queries import item_numbers as numbers_of
from sessions_app.models import Session, Sitting

from . import queries
from .models import Inscription, SpeakersList, Statement

UPCOMING = (Inscription.State.SPEAKING, Inscription.State.WAITING)
NEW = timedelta(minutes=15)  # a statement this recent is marked "new"


@dataclass
class BoothList:
    speakers_list: SpeakersList
    item: queries.AgendaItem | None
    speakers: list[Inscription]  # each with `sent`: its Statement or None, and `is_new`


def item_numbers(sitting: Sitting) -> list[int]:
    """The numbers of the sitting's agenda items, in its agenda's order (the English
    agenda, and the reader's where its lines differ)."""
    lines = [
        *(getattr(sitting, "agenda_items_en", "") or "").splitlines(),
        *(sitting.agenda_items or "").splitlines(),
    ]
    return list(dict.fromkeys(numbers_of(lines)))


def sittings_with_item(session: Session, number: int) -> list[Sitting]:
    """The session's sittings whose agenda has the item. One query."""
    sittings = Sitting.objects.filter(session=session).order_by("start", "pk")
    return [sitting for sitting in sittings if number in item_numbers(sitting)]


def upcoming(speakers_list: SpeakersList, by_level: bool | None = None) -> list[Inscription]:
    """The list's speakers still to deliver, in order: the one who has the floor, then
    those waiting."""
    return [i for i in queries.in_order(speakers_list, by_level) if i.state in UPCOMING]


def to_publish(sitting: Sitting):
    """The delivered statements of the sitting's lists that their delegations consented to
    publish and that are not published yet (for officers). One query."""
    return (
        Statement.objects.filter(
            inscription__speakers_list__session=sitting.session_id,
            inscription__speakers_list__item_number__in=item_numbers(sitting),
            inscription__state=Inscription.State.SPOKE,
            consent_to_publish=True,
            document__isnull=True,
        )
        .select_related("inscription__delegation__entity", "inscription__speakers_list")
        .order_by("inscription__speakers_list__item_number", "inscription__ended_at")
    )


def booth(sitting: Sitting, now=None) -> list[BoothList]:
    """The sitting's lists with their upcoming speakers and statements. Four queries and
    one per list, however many speakers."""
    now = now or timezone.now()
    session = sitting.session
    numbers = item_numbers(sitting)
    rules = queries.rules(session)
    agenda = queries.agenda(session)
    lists = sorted(
        queries.lists_of(session).filter(item_number__in=numbers),
        key=lambda each: numbers.index(each.item_number),
    )
    found = [
        BoothList(each, agenda.get(each.item_number), upcoming(each, rules.by_level))
        for each in lists
    ]
    speakers = [speaker for each in found for speaker in each.speakers]
    sent = {
        statement.inscription_id: statement
        for statement in Statement.objects.filter(inscription__in=speakers).only(
            "pk", "inscription_id", "extension", "uploaded_at", "size"
        )
    }
    for speaker in speakers:
        speaker.sent = sent.get(speaker.pk)
        speaker.is_new = bool(speaker.sent and speaker.sent.uploaded_at >= now - NEW)
    return found
