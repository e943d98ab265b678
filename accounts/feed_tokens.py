"""Tokens of the calendar feed URLs (personal feeds, and room feeds for officers). Only a
digest is stored, as for API tokens: the plain token is in the link shown once, when it is
made, and nowhere else."""

import hashlib

from .models import CalendarFeedToken, new_token


def digest(token: str) -> str:
    # 256 random bits need no slow hash: nobody can guess their way back from the digest.
    return hashlib.sha256(token.encode()).hexdigest()


def has_token(user) -> bool:
    return CalendarFeedToken.objects.filter(user=user).exists()


def replace_token(user) -> str:
    """A new token for the user's feed links, returned only here; the old links stop
    working at once."""
    token = new_token()
    CalendarFeedToken.objects.update_or_create(user=user, defaults={"digest": digest(token)})
    return token


def user_for(token: str | None):
    if not token:
        return None
    found = (
        CalendarFeedToken.objects.select_related("user__profile")
        .filter(digest=digest(token))
        .first()
    )
    return found.user if found and found.user.is_active else None
