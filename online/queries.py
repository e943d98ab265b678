"""Read side of online attendance for officers: who joined each sitting online and when,
the counts for the meeting report, the links opened from many places and how often one
link was opened. Each in a fixed number of queries whatever the number of participants."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Max, Q, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext as _

from badges.models import CheckIn
from registration.models import Registration
from registration.queries import represented
from sessions_app.models import Session, Sitting

from .models import JoinLink, JoinOpening, OnlineAttendance


@dataclass
class SittingAttendance:
    sitting: Sitting
    attendance: list[OnlineAttendance] = field(default_factory=list)


def by_sitting(session: Session) -> list[SittingAttendance]:
    """Each sitting of the session with the participants who joined it online, by entity
    and name, with the first time they joined (two queries)."""
    sittings = {
        sitting.pk: SittingAttendance(sitting)
        for sitting in Sitting.objects.filter(session=session).order_by("start", "pk")
    }
    rows = (
        OnlineAttendance.objects.filter(sitting__session=session)
        .select_related("registration__entity")
        .order_by(
            "registration__entity__name_en",
            "registration__family_name",
            "registration__given_name",
            "pk",
        )
    )
    for row in rows:
        sittings[row.sitting_id].attendance.append(row)
    return list(sittings.values())


def export_rows(session: Session, groups: list[SittingAttendance]):
    """The attendance as table rows (for core.tables), a heading row first."""
    yield [
        _("Sitting"),
        _("Start"),
        _("Given name"),
        _("Family name"),
        _("Entity"),
        _("Kind of entity"),
        _("First joined"),
    ]
    tz = session.tzinfo
    for group in groups:
        for row in group.attendance:
            registration = row.registration
            yield [
                group.sitting.title,
                group.sitting.start.astimezone(tz).replace(tzinfo=None),
                registration.given_name,
                registration.family_name,
                registration.entity.display_name,
                str(registration.entity.get_kind_display()),
                row.first_joined_at.astimezone(tz).replace(tzinfo=None),
            ]


def openings_of(link: JoinLink) -> dict:
    """How many times the participant's link was opened (`count`) and when last (`last`),
    in one query: the openings since it was made, as an old link opens nothing once
    replaced (nor is its opening recorded)."""
    return JoinOpening.objects.filter(
        registration=link.registration_id, at__gte=link.created_at
    ).aggregate(count=Count("pk"), last=Max("at"))


@dataclass
class ManyPlaces:
    registration: Registration
    places: list[dict] = field(default_factory=list)  # ip_prefix, user_agent, count, last


def opened_from_many_places(session: Session) -> list[ManyPlaces]:
    """Participants whose link was opened from at least JOIN_MANY_PLACES distinct places
    (address start and browser), each place with how often and when last: three queries,
    and as many rows as places however often a link is opened."""
    openings = JoinOpening.objects.filter(registration__session=session)
    many = (
        openings.values("registration")
        .annotate(places=Count(Concat("ip_prefix", Value(" "), "user_agent"), distinct=True))
        .filter(places__gte=settings.JOIN_MANY_PLACES)
        .values("registration")
    )
    found = {
        registration.pk: ManyPlaces(registration)
        for registration in Registration.objects.filter(pk__in=many)
        .select_related("entity")
        .order_by("family_name", "given_name", "pk")
    }
    if not found:
        return []
    for place in (
        openings.filter(registration__in=found)
        .values("registration", "ip_prefix", "user_agent")
        .annotate(count=Count("pk"), last=Max("at"))
        .order_by("registration", "-last")
    ):
        found[place.pop("registration")].places.append(place)
    return list(found.values())


def summary(session: Session) -> dict:
    """Online attendance counts for the meeting report, beside the gate's check-ins: people
    who joined at least once, whom they represent, per sitting and per day (five queries)."""
    attended = OnlineAttendance.objects.filter(sitting__session=session)
    people = Registration.objects.filter(pk__in=attended.values("registration"))
    return represented(people) | {
        "joined_online": people.count(),
        "by_sitting": list(  # the sittings, for their titles in the reader's language
            Sitting.objects.filter(session=session)
            .annotate(people=Count("online_attendance"))
            .filter(people__gt=0)
            .order_by("start", "pk")
        ),
        "by_day": list(
            attended.values("day")
            .annotate(people=Count("registration", distinct=True))
            .order_by("day")
        ),
    }


def attended(session: Session) -> dict:
    """People who attended in person (checked in at the gate) or online (joined a sitting),
    counted once whichever way, whom they represent, and per day (four queries):
    "53 Member States and 16 other entities"."""
    gate = CheckIn.objects.filter(session=session)
    online = OnlineAttendance.objects.filter(sitting__session=session)
    people = Registration.objects.filter(session=session).filter(
        Q(pk__in=gate.values("registration")) | Q(pk__in=online.values("registration"))
    )
    days = defaultdict(set)
    for pk, day in [
        *gate.values_list("registration", "day"),
        *online.values_list("registration", "day"),
    ]:
        days[day].add(pk)
    return represented(people) | {
        "people": people.count(),
        "by_day": [{"day": day, "people": len(days[day])} for day in sorted(days)],
    }
