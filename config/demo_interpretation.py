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
# What is the same for every participant: the platform's own link is a MeetingLink
# (config.demo_online), reached through each participant's personal link only.
JOINING_DETAILS = (
    "Meeting ID: 123 4567 8901 (demonstration)\n"
    "Join with your personal link, on your registration page and in your approval e-mail:"
    " it needs no passcode."
)
# What earlier demo databases hold, with the platform's link: replaced when seeded again.
FORMER_JOINING_DETAILS = (
    "Link: https://meet.example.org/unodc-ieg (demonstration)\n"
    "Meeting ID: 123 4567 8901\n"
    "Passcode: in the approval e-mail"
)
# Sittings of the hybrid reconvened session in which remote experts present at length.
LONG_REMOTE = {"ieg-1-resumed-2024": ("3rd plenary meeting", "4th plenary meeting")}


def seed_interpretation(session: Session) -> None:
    online = session.format != MeetingFormat.IN_PERSON
    if online and session.joining_details_en in ("", None, FORMER_JOINING_DETAILS):
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
