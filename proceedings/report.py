"""The report of the lists of speakers, for one agenda item or the whole session: who spoke,
in which order, for how long, in the room or online, and the total speaking time per
delegation and per kind of entity. Read by the officers' page and its exports
(proceedings.report_exports); three queries however many speakers."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from registration.models import Entity
from registration.names import sort_key
from sessions_app.models import ParticipationMode, Session

from . import queries
from .models import Inscription
from .queries import AgendaItem


@dataclass(frozen=True)
class Statement:
    """One statement made: its item, its place among those who spoke on the item (from 1),
    and the inscription it was made on (delegation, speaker, kind, mode, language, times)."""

    item: AgendaItem
    place: int
    inscription: Inscription

    @property
    def delegation(self) -> str:
        return self.inscription.delegation.entity.display_name

    @property
    def entity_kind(self) -> str:
        return str(self.inscription.delegation.entity.get_kind_display())

    @property
    def speaker(self) -> str:
        return self.inscription.speaker.full_name

    @property
    def on_behalf_of(self) -> str:
        return self.inscription.group_label

    @property
    def kind(self) -> str:
        return str(self.inscription.get_kind_display())

    @property
    def mode(self) -> str:
        return str(self.inscription.get_mode_display())

    @property
    def language(self) -> str:
        return str(self.inscription.get_language_display())

    @property
    def seconds(self) -> int:
        return self.inscription.seconds_spoken

    @property
    def duration(self) -> str:
        return duration(self.seconds)


@dataclass
class Total:
    """The statements of a delegation, of a kind of entity or of all, and their time."""

    label: str
    statements: int = 0
    in_person: int = 0
    online: int = 0
    seconds: int = 0

    def add(self, statement: Statement) -> None:
        self.statements += 1
        if statement.inscription.mode == ParticipationMode.ONLINE:
            self.online += 1
        else:
            self.in_person += 1
        self.seconds += statement.seconds

    @property
    def duration(self) -> str:
        return duration(self.seconds)


@dataclass
class Report:
    session: Session
    item: AgendaItem | None  # None: the whole session
    statements: list[Statement] = field(default_factory=list)
    by_delegation: list[Total] = field(default_factory=list)
    by_kind: list[Total] = field(default_factory=list)
    total: Total = field(default_factory=lambda: Total(_("All statements")))
    agenda: dict[int, AgendaItem] = field(default_factory=dict)

    def agenda_item(self, number: int) -> AgendaItem:
        """The session's item of this number (an item no longer on the agenda keeps its
        number)."""
        return self.agenda.get(number) or AgendaItem(number, "")

    def started(self, statement: Statement) -> datetime:
        """When the statement began, in the session's time zone (naive, for the exports)."""
        started = statement.inscription.started_at
        return timezone.localtime(started, self.session.tzinfo).replace(tzinfo=None)


def duration(seconds: int) -> str:
    """Seconds as hours, minutes and seconds the way a clock shows them: 4:05, 1:02:05."""
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"


def spoken(session: Session, item_number: int | None = None):
    """The inscriptions of the session's lists (or of one item's) whose speaker spoke, by
    item, in the order they spoke. One query."""
    found = Inscription.objects.filter(
        speakers_list__session=session, state=Inscription.State.SPOKE
    )
    if item_number is not None:
        found = found.filter(speakers_list__item_number=item_number)
    return found.select_related("speakers_list", "delegation__entity", "speaker").order_by(
        "speakers_list__item_number", "started_at", "ended_at", "pk"
    )


def report(session: Session, item_number: int | None = None) -> Report:
    """The report of one item's list of speakers, or of all the session's. Two queries
    (the agenda and the statements)."""
    result = Report(session, None, agenda=queries.agenda(session))
    if item_number is not None:
        result.item = result.agenda_item(item_number)
    places: dict[int, int] = defaultdict(int)
    delegations: dict[int, Total] = {}
    kinds: dict[str, Total] = {}
    for inscription in spoken(session, item_number):
        number = inscription.speakers_list.item_number
        places[number] += 1
        statement = Statement(result.agenda_item(number), places[number], inscription)
        result.statements.append(statement)
        entity = inscription.delegation.entity
        delegations.setdefault(inscription.delegation_id, Total(statement.delegation)).add(
            statement
        )
        kinds.setdefault(entity.kind, Total(statement.entity_kind)).add(statement)
        result.total.add(statement)
    result.by_delegation = sorted(delegations.values(), key=lambda total: sort_key(total.label))
    result.by_kind = [kinds[kind] for kind in Entity.Kind.values if kind in kinds]
    return result
