"""Interpretation of the demo sessions: channels in the room and on the RSI platform, the
joining details of online sessions and, in the hybrid reconvened session, sittings where
remote experts present at length. Channel numbers and the platform are demonstration
values, not the VIC's."""

from interpretation import services
from sessions_app.models import MeetingFormat, Session

# Channel on the room's receivers (0 is the floor) and the RSI platform's channel name.
CHANNELS = {
    "ar": (1, "العربية (AR)"),
    "zh": (2, "中文 (ZH)"),
    "en": (3, "English (EN)"),
    "fr": (4, "Français (FR)"),
    "ru": (5, "Русский (RU)"),
    "es": (6, "Español (ES)"),
}
PLATFORM = "Interprefy (demonstration)"
JOINING_DETAILS = (
    "Link: https://meet.example.org/unodc-ieg (demonstration)\n"
    "Meeting ID: 123 4567 8901\n"
    "Passcode: in the approval e-mail"
)
# Sittings of the hybrid reconvened session in which remote experts present at length.
LONG_REMOTE = {"ieg-1-resumed-2024": ("3rd plenary meeting", "4th plenary meeting")}


def seed_interpretation(session: Session) -> None:
    online = session.format != MeetingFormat.IN_PERSON
    if online and not session.joining_details:
        session.joining_details = JOINING_DETAILS
        session.save(update_fields=["joining_details"])
    services.save_session_setup(
        session,
        mode="",  # from the format
        rsi_platform=PLATFORM if online else "",
        floor_channel=0,
        channels={
            code: (room if session.room_id else None, name if online else "")
            for code, (room, name) in CHANNELS.items()
            if code in session.languages
        },
    )
    for sitting in session.sittings.filter(title_en__in=LONG_REMOTE.get(session.slug, ())):
        services.save_sitting_interpretation(
            sitting, languages=None, mode="", long_remote_interventions=True
        )
