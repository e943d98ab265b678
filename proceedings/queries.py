"""Read side of the proceedings: a session's agenda items (from its sittings' agendas),
its speaking rules, its lists of speakers, and a list in its order."""

from dataclasses import dataclass

from documents.queries import ITEM_NUMBER
from sessions_app.models import Session, Sitting

from . import order
from .models import Inscription, OrderChange, SpeakersList, SpeakingRules


@dataclass(frozen=True)
class AgendaItem:
    number: int
    title: str  # in the reader's language where the agenda is translated, else in English

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


def agenda(session: Session) -> dict[int, AgendaItem]:
    """The session's agenda items by number, in order, read from its sittings' agenda
    lines ("3. Promising practices…" is item 3; an item taken up at several sittings is
    one item, titled as where it first appears). One query."""
    titles: dict[int, str] = {}
    for sitting in Sitting.objects.filter(session=session).order_by("start", "pk"):
        # The reader's language first; the English agenda for lines not translated.
        for text in (sitting.agenda_items, getattr(sitting, "agenda_items_en", "")):
            for line in (text or "").splitlines():
                if match := ITEM_NUMBER.match(line):
                    titles.setdefault(int(match[1]), line[match.end() :].strip())
    return {number: AgendaItem(number, titles[number]) for number in sorted(titles)}


def agenda_item(speakers_list: SpeakersList) -> AgendaItem | None:
    """The list's agenda item, with its title (None if the agenda no longer has it)."""
    return agenda(speakers_list.session).get(speakers_list.item_number)


def rules(session: Session) -> SpeakingRules:
    """The session's speaking rules; the defaults (not saved) where it has none."""
    try:
        return SpeakingRules.objects.get(session=session)
    except SpeakingRules.DoesNotExist:
        return SpeakingRules(session=session)


def lists_of(session: Session):
    return SpeakersList.objects.filter(session=session).order_by("item_number")


def inscriptions(speakers_list: SpeakersList):
    """The list's inscriptions with what ordering and showing them reads (one query)."""
    return Inscription.objects.filter(speakers_list=speakers_list).select_related(
        "delegation__entity", "speaker"
    )


def in_order(speakers_list: SpeakersList, by_level: bool | None = None) -> list[Inscription]:
    """The list's speakers in order, withdrawn ones out (proceedings.order.in_order). Two
    queries, one if the caller gives the session's rule on levels."""
    if by_level is None:
        by_level = rules(speakers_list.session).by_level
    return order.in_order(list(inscriptions(speakers_list)), by_level)


def moved_by_hand(speakers_list: SpeakersList) -> set[int]:
    """The ids of the list's inscriptions that an officer has moved."""
    return set(
        OrderChange.objects.filter(inscription__speakers_list=speakers_list).values_list(
            "inscription_id", flat=True
        )
    )


def order_changes(speakers_list: SpeakersList):
    return OrderChange.objects.filter(inscription__speakers_list=speakers_list).select_related(
        "inscription__delegation__entity", "actor"
    )


def session_inscriptions(session: Session) -> dict[int, list[Inscription]]:
    """Every inscription of the session's lists, by list id, with what ordering and showing
    them reads (one query, however many lists and inscriptions)."""
    by_list: dict[int, list[Inscription]] = {}
    for inscription in Inscription.objects.filter(speakers_list__session=session).select_related(
        "delegation__entity", "speaker"
    ):
        by_list.setdefault(inscription.speakers_list_id, []).append(inscription)
    return by_list


def session_order_changes(session: Session) -> dict[int, list[OrderChange]]:
    """Every change of order of the session's lists, by list id, oldest first (one query)."""
    by_list: dict[int, list[OrderChange]] = {}
    for change in OrderChange.objects.filter(
        inscription__speakers_list__session=session
    ).select_related("inscription__delegation__entity", "inscription__speaker", "actor"):
        by_list.setdefault(change.inscription.speakers_list_id, []).append(change)
    return by_list
