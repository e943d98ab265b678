"""Read-side helpers for registrations."""

from django.db.models import Q

from sessions_app.models import Session

from .models import Registration


def live_registration_of(user, session: Session) -> Registration | None:
    """The user's live registration for the session: made by them, or made for their
    (verified) e-mail address by a focal point."""
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(session=session, state__in=Registration.LIVE_STATES)
        .filter(Q(participant=user) | Q(email__iexact=user.email))
        .select_related("entity", "nationality", "session", "delegation")
        .first()
    )
