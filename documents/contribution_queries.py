"""Read side of written contributions: the calls a focal point answers, a call's
contributions with their files and audit trail, and the table of who was invited and who
has submitted; each in a fixed number of queries whatever the number of rows."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import tables
from registration.models import Delegation, Entity, RegionalGroup

from .contributions import visible_to
from .models import Call, Contribution, ContributionEvent, ContributionFile

KIND_ORDER = {kind: index for index, kind in enumerate(Entity.Kind.values)}


def calls_of_focal_point(user) -> QuerySet:
    """The calls of the sessions (and of their series) this person is a focal point for."""
    delegations = Delegation.objects.filter(focal_points=user)
    return (
        Call.objects.filter(
            Q(session_id__in=delegations.values("session_id"))
            | Q(series_id__in=delegations.values("session__series_id"))
        )
        .select_related("session", "series")
        .order_by("deadline", "pk")
    )


def session_calls(session) -> list[Call]:
    """The calls for contributions to the session, and to its series (one query)."""
    return list(
        Call.objects.filter(Q(session=session) | Q(series=session.series_id)).order_by("deadline")
    )


def with_files_and_trail(contributions: QuerySet) -> QuerySet:
    """Contributions with their entity, files and audit trail (three queries listed)."""
    return contributions.select_related("entity", "submitted_by", "document").prefetch_related(
        Prefetch("files", queryset=ContributionFile.objects.order_by("language")),
        Prefetch("events", queryset=ContributionEvent.objects.select_related("actor")),
    )


def last_reason(contribution: Contribution) -> str:
    """The Secretariat's reason for the contribution's state, from its prefetched trail."""
    events = list(contribution.events.all())
    if events and events[-1].state in (Contribution.State.RETURNED, Contribution.State.DECLINED):
        return events[-1].reason
    return ""


def of_call_for(user, call: Call) -> QuerySet:
    return with_files_and_trail(visible_to(user).filter(call=call)).order_by("-submitted_at", "pk")


# --- Who was invited, who has submitted --------------------------------------------------

COLUMNS = [
    gettext_lazy("Entity"),
    gettext_lazy("Kind"),
    gettext_lazy("Regional group"),
    gettext_lazy("Submitted"),
    gettext_lazy("Contributions"),
    gettext_lazy("States"),
]


@dataclass
class Tally:
    label: str
    invited: int = 0
    submitted: int = 0

    @property
    def missing(self) -> int:
        return self.invited - self.submitted


@dataclass
class CallTable:
    rows: list  # entities, each with .contribution_states
    by_kind: list[Tally] = field(default_factory=list)
    by_group: list[Tally] = field(default_factory=list)

    @property
    def submitted(self) -> int:
        return sum(1 for row in self.rows if row.contribution_states)


def call_table(call: Call) -> CallTable:
    """The invited entities (active, of the kinds invited) in UN order, each with the
    states of its contributions, and counts by kind and by regional group. Two queries."""
    invited = list(
        Entity.objects.filter(is_active=True, kind__in=call.invited_kinds).order_by(
            "kind", "name_en"
        )
    )
    states: dict[int, list[str]] = {}
    for entity_id, state in call.contributions.order_by("submitted_at", "pk").values_list(
        "entity_id", "state"
    ):
        states.setdefault(entity_id, []).append(state)
    labels = dict(Contribution.State.choices)
    for entity in invited:
        entity.contribution_states = [str(labels[state]) for state in states.get(entity.pk, [])]
    invited.sort(key=lambda entity: (KIND_ORDER[entity.kind], entity.name_en.casefold()))
    return CallTable(
        invited,
        _tallies(invited, "kind", Entity.Kind.choices),
        _tallies(invited, "regional_group", [*RegionalGroup.choices, ("", _("No regional group"))]),
    )


def _tallies(entities, attribute: str, choices) -> list[Tally]:
    invited = Counter(getattr(entity, attribute) for entity in entities)
    submitted = Counter(
        getattr(entity, attribute) for entity in entities if entity.contribution_states
    )
    return [
        Tally(str(label), invited[value], submitted[value])
        for value, label in choices
        if invited[value]
    ]


def _table_rows(table: CallTable):
    yield [str(column) for column in COLUMNS]
    for entity in table.rows:
        yield [
            entity.display_name,
            entity.get_kind_display(),
            entity.get_regional_group_display(),
            _("yes") if entity.contribution_states else _("no"),
            len(entity.contribution_states),
            ", ".join(entity.contribution_states),
        ]


def table_csv(table: CallTable) -> str:
    return tables.csv_text(_table_rows(table))


def table_xlsx(table: CallTable) -> bytes:
    return tables.xlsx_bytes(_table_rows(table), _("Contributions"))
