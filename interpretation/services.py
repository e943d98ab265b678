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
    room_channels = [room for room, _online in channels.values() if room is not None]
    if floor_channel in room_channels or len(room_channels) != len(set(room_channels)):
        raise ValidationError(_("Each language needs its own channel, apart from the floor."))
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
