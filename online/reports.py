"""Online's part of the attendance summary for the meeting report (badges' page, through
badges.hooks): the people who joined online per sitting and per day, and everyone who
attended in person or online by entity kind and regional group; with a link to the online
attendance page."""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from . import queries


def attendance_part(session) -> SafeString:
    return render_to_string(
        "online/attendance_summary.html",
        {
            "session": session,
            "online": queries.summary(session),
            "attended": queries.attended(session),
        },
    )
