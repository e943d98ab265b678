"""The interpretation plan and coverage of a session, in a fixed number of queries whatever
the number of sittings and registrations."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count
from django.utils.translation import gettext_lazy

from languages.models import Language
from sessions_app.models import MeetingFormat, ParticipationMode, Session, Sitting

from . import staffing
from .models import InterpretationMode, LanguageChannel, SessionInterpretation

DEFAULT_MODES = {
    MeetingFormat.IN_PERSON: InterpretationMode.BOOTHS,
    MeetingFormat.ONLINE: InterpretationMode.RSI,
    MeetingFormat.HYBRID: InterpretationMode.BOTH,
}


@dataclass
class PlannedSitting:
    sitting: Sitting
    mode: str
    languages: list[Language]
    plan: staffing.SittingPlan

    @property
    def mode_label(self) -> str:
        return InterpretationMode(self.mode).label

    @property
    def flag_words(self) -> list[str]:
        return [staffing.FLAG_WORDS[flag] for flag in self.plan.flags]


@dataclass
class SessionPlan:
    session: Session
    setup: SessionInterpretation
    sittings: list[PlannedSitting]
    languages: dict[str, Language]  # every language known, by code
    by_day: dict[date, int] = field(default_factory=dict)

    @property
    def interpreter_sittings(self) -> int:
        return sum(item.plan.interpreters for item in self.sittings)


def setup_of(session: Session) -> SessionInterpretation:
    """The session's interpretation set-up (an unsaved default when it has none)."""
    return SessionInterpretation.objects.filter(session=session).first() or SessionInterpretation(
        session=session
    )


def session_mode(session: Session, setup: SessionInterpretation) -> str:
    return setup.mode or DEFAULT_MODES.get(session.format, InterpretationMode.BOOTHS)


def session_plan(session: Session) -> SessionPlan:
    """Every live sitting of the session with its languages, mode and team, and the
    interpreter-sittings per day and in all (three queries)."""
    languages = Language.objects.in_bulk(field_name="code")
    signed = {code for code, language in languages.items() if language.is_signed}
    setup = setup_of(session)
    sittings = (
        Sitting.objects.filter(session=session)
        .exclude(status=Sitting.Status.CANCELLED)
        .select_related("room", "interpretation")
        .order_by("start")
    )
    planned, by_day, previous = [], defaultdict(int), None
    for sitting in sittings:
        sitting.session = session
        own = getattr(sitting, "interpretation", None)
        codes = sitting.languages
        mode = (own.mode if own else "") or session_mode(session, setup)
        plan = staffing.plan_sitting(
            codes,
            signed=signed,
            length=sitting.end - sitting.start,
            hybrid=sitting.format == MeetingFormat.HYBRID,
            long_remote_interventions=bool(own and own.long_remote_interventions),
            break_before=(
                sitting.start - previous.end
                if previous and previous.local_end.date() == sitting.local_start.date()
                else None
            ),
            room_booths=(
                sitting.room.interpretation_booths
                if sitting.room and mode != InterpretationMode.RSI
                else None
            ),
        )
        named = [languages[code] for code in codes if code in languages]
        planned.append(PlannedSitting(sitting, mode, named, plan))
        by_day[sitting.local_start.date()] += plan.interpreters
        previous = sitting
    return SessionPlan(session, setup, planned, languages, dict(by_day))


@dataclass
class LanguageDemand:
    language: Language
    offered: bool
    listeners: Counter  # by participation mode
    speakers: Counter

    @property
    def unmet(self) -> bool:
        return not self.offered and (self.listeners.total() or self.speakers.total())

    @property
    def unheard(self) -> bool:
        return self.offered and not self.listeners.total()


@dataclass
class SittingCoverage:
    planned: PlannedSitting
    languages: list[LanguageDemand]

    @property
    def unheard(self) -> list[Language]:
        return [row.language for row in self.languages if row.unheard]

    @property
    def unmet(self) -> list[Language]:
        return [row.language for row in self.languages if row.unmet]


def demand(session: Session) -> tuple[dict, dict]:
    """Approved participants by listening and by speaking language, each a Counter by
    participation mode (two queries)."""
    from registration.models import Registration

    approved = Registration.objects.approved().filter(session=session)
    result = []
    for field_name in ("listening_language", "speaking_language"):
        counts = defaultdict(Counter)
        rows = (
            approved.exclude(**{field_name: ""})
            .values_list(field_name, "participation_mode")
            .annotate(people=Count("pk"))
            .order_by()
        )
        for code, mode, people in rows:
            counts[code][mode] += people
        result.append(counts)
    return result[0], result[1]


def session_demand(coverage: list[SittingCoverage]) -> list[LanguageDemand]:
    """The languages of every sitting's coverage, once each; offered: at any sitting."""
    merged = {}
    for item in coverage:
        for row in item.languages:
            known = merged.get(row.language.code)
            if known is None or (row.offered and not known.offered):
                merged[row.language.code] = row
    return list(merged.values())


def hearing_assistance(session: Session) -> Counter:
    """Approved participants who asked for hearing assistance, by participation mode."""
    from registration.models import Registration

    return Counter(
        dict(
            Registration.objects.approved()
            .filter(session=session, needs_hearing_assistance=True)
            .values_list("participation_mode")
            .annotate(people=Count("pk"))
            .order_by()
        )
    )


def coverage(session: Session) -> tuple[SessionPlan, list[SittingCoverage]]:
    """For each sitting, the languages offered against the demand of approved participants
    (five queries)."""
    plan = session_plan(session)
    listening, speaking = demand(session)
    languages = plan.languages
    wanted = set(listening) | set(speaking)
    rows = []
    for item in plan.sittings:
        offered = {language.code for language in item.languages}
        codes = [language.code for language in item.languages] + sorted(
            wanted - {language.code for language in item.languages}
        )
        rows.append(
            SittingCoverage(
                item,
                [
                    LanguageDemand(
                        languages[code],
                        code in offered,
                        listening.get(code, Counter()),
                        speaking.get(code, Counter()),
                    )
                    for code in codes
                    if code in languages
                ],
            )
        )
    return plan, rows


# What an online participant who takes the floor needs, so that interpreters can work from
# their voice (UN remote simultaneous interpretation guidance).
SPEAKER_REQUIREMENTS = [
    gettext_lazy("Use a wired internet connection, not Wi-Fi or mobile data."),
    gettext_lazy(
        "Use a USB microphone with a separate headset; built-in and Bluetooth microphones "
        "are not suitable for interpretation."
    ),
    gettext_lazy("Speak from a quiet room, with your camera on when you take the floor."),
    gettext_lazy("Send your statement in advance to the interpreters through the Secretariat."),
]


@dataclass
class ListeningGuide:
    """How an approved participant follows a session in their language."""

    online: bool
    language: Language | None
    room_channel: int | None
    online_channel: str
    floor_channel: int
    platform: str
    joining_details: str

    @property
    def speaker_requirements(self) -> list:
        return SPEAKER_REQUIREMENTS if self.online else []


def listening_guides(registrations) -> dict[int, ListeningGuide]:
    """The guide of each registration, by its id, in three queries whatever their number.
    Joining details only for online participation: the caller shows the guide only to the
    participant (and the Secretariat)."""
    registrations = list(registrations)
    sessions = {registration.session_id for registration in registrations}
    setups = {
        setup.session_id: setup
        for setup in SessionInterpretation.objects.filter(session_id__in=sessions)
    }
    channels = {
        (channel.session_id, channel.language.code): channel
        for channel in LanguageChannel.objects.filter(session_id__in=sessions).select_related(
            "language"
        )
    }
    languages = Language.objects.in_bulk(field_name="code")
    guides = {}
    for registration in registrations:
        setup = setups.get(registration.session_id) or SessionInterpretation()
        code = registration.listening_language
        channel = channels.get((registration.session_id, code))
        online = registration.participation_mode == ParticipationMode.ONLINE
        guides[registration.pk] = ListeningGuide(
            online=online,
            language=languages.get(code),
            room_channel=channel.room_channel if channel else None,
            online_channel=channel.online_channel if channel else "",
            floor_channel=setup.floor_channel,
            platform=setup.rsi_platform,
            joining_details=registration.session.joining_details if online else "",
        )
    return guides
