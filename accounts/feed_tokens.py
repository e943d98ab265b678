"""Tokens of the calendar feed URLs (personal feeds, and room feeds for officers)."""

from .models import CalendarFeedToken, new_token


def token_of(user) -> str:
    return CalendarFeedToken.objects.get_or_create(user=user)[0].token


def replace_token(user) -> str:
    """A new token; the old feed URLs stop working at once."""
    feed, _created = CalendarFeedToken.objects.get_or_create(user=user)
    feed.token = new_token()
    feed.save(update_fields=["token", "created_at"])
    return feed.token


def user_for(token: str | None):
    if not token:
        return None
    found = CalendarFeedToken.objects.select_related("user").filter(token=token).first()
    return found.user if found and found.user.is_active else None
