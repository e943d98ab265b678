"""Changes to a session's and a sitting's interpretation. Pages, the admin and commands call
these; each write is one transaction and bad input changes nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from languages.models import Language, validate_language_codes
from sessions_app import calendars
from sessions_app.models import Session, Sitting

from .models import LanguageChannel, SessionInterpretation, SittingInterpretation


@transaction.atomic
def save_session_setup(
    session: Session,
    *,
    mode: str,
    rsi_platform: str,
    floor_channel: int,
    channels: dict[str, tuple[int | None, str]],
) -> SessionInterpretation:
    """The session's interpretation mode, RSI platform and floor channel, and for each of its
    languages the channel in the room and online (`channels`: code -> (room, online))."""
    validate_language_codes(list(channels))
    check_channels(floor_channel, [room for room, _online in channels.values()])
    setup, _created = SessionInterpretation.objects.update_or_create(
        session=session,
        defaults={"mode": mode, "rsi_platform": rsi_platform, "floor_channel": floor_channel},
    )
    languages = Language.objects.in_bulk(list(channels), field_name="code")
    LanguageChannel.objects.filter(session=session).exclude(language__code__in=channels).delete()
    for code, (room, online) in channels.items():
        LanguageChannel.objects.update_or_create(
            session=session,
            language=languages[code],
            defaults={"room_channel": room, "online_channel": online},
        )
    return setup


def check_channels(floor_channel: int, room_channels: list[int | None]) -> None:
    """Each language its own channel on the room's receivers, apart from the floor."""
    taken = [room for room in room_channels if room is not None]
    if floor_channel in taken or len(taken) != len(set(taken)):
        raise ValidationError(_("Each language needs its own channel, apart from the floor."))


def channels_of(session: Session) -> dict[str, tuple[int | None, str]]:
    """The session's channels as save_session_setup takes them."""
    return {
        channel.language.code: (channel.room_channel, channel.online_channel)
        for channel in LanguageChannel.objects.filter(session=session).select_related("language")
    }


@transaction.atomic
def save_sitting_interpretation(
    sitting: Sitting, *, languages: list[str] | None, mode: str, long_remote_interventions: bool
) -> SittingInterpretation:
    """What a sitting changes from its session (`languages` None: the session's). The
    sitting is touched, so that calendar feeds take the change."""
    if languages is not None:
        validate_language_codes(languages)
    own, _created = SittingInterpretation.objects.update_or_create(
        sitting=sitting,
        defaults={
            "languages": languages,
            "mode": mode,
            "long_remote_interventions": long_remote_interventions,
        },
    )
    Sitting.objects.filter(pk=sitting.pk).update(updated_at=timezone.now())
    calendars.warm_after_commit([sitting.pk])
    return own


@transaction.atomic
def reset_sitting_interpretation(sitting: Sitting) -> None:
    """The sitting follows its session's interpretation again."""
    SittingInterpretation.objects.filter(sitting=sitting).delete()
    Sitting.objects.filter(pk=sitting.pk).update(updated_at=timezone.now())
    calendars.warm_after_commit([sitting.pk])
