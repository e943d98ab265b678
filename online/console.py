"""Online's part of the console's page of a registration (registration.hooks): for an
approved online participant, when their personal link was made, how often it was opened
and when last, and a button to replace it. Never the link itself, nor the platform's."""

from django.utils.translation import gettext_lazy

from registration import hooks

from . import queries, services

# Also the question of the confirmation page (online.participant_views.replace_link).
OFFICER_REPLACE_QUESTION = gettext_lazy(
    "Replace this participant's personal link? The old link stops working at once: they"
    " find the new one on their registration page, or in their calendar feed once it updates."
)


def link_panel(registration) -> hooks.Panel | None:
    """A fixed number of queries: whether the person may join, their link (made here if
    missing), its openings."""
    link = services.join_link(registration)
    if link is None:
        return None
    return hooks.Panel(
        "online/_console_link",
        {
            "registration_id": registration.pk,
            "made": link.created_at,
            "openings": queries.openings_of(link),
            "replace_question": OFFICER_REPLACE_QUESTION,
        },
    )
