"""The person's calendar page and their feed at a secret URL."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import feed_tokens
from accounts.languages import in_language_of, preferred_language
from accounts.roles import is_conference_officer
from core.confirm import confirm_first
from languages.official import language_name
from sessions_app.calendar_views import feed_response
from sessions_app.views import room_feeds, subscribe_links

from . import feeds


def personal_feed(request, token: str):
    """No login: calendar apps cannot log in. An unknown or replaced token is a 404. In
    the language the person chose on their profile (one who has chosen none, such as an
    account made before profiles, gets the calendar app's language, as before)."""
    user = feed_tokens.user_for(token)
    if user is None:
        raise Http404
    with in_language_of(user, default=get_language()):
        etag, changed = feeds.version(user, token)
        return feed_response(request, lambda: feeds.personal_calendar(user), etag, changed)


# Also the data-confirm of the forms (templates/registration/my_calendar.html and
# templates/sessions_app/room_detail.html).
REPLACE_QUESTION = gettext_lazy(
    "Replace your calendar link? The old link stops working: calendar apps subscribed to it"
    " stop updating until you subscribe again with the new one."
)


@login_required
def my_calendar(request):
    return _calendar_page(request, token=None)


@login_required
@require_POST
@confirm_first(
    lambda request: REPLACE_QUESTION if feed_tokens.has_token(request.user) else None,
    cancel_url=lambda request: reverse("registration:my-calendar"),
    confirm_label=lambda request: _("Replace the link"),
)
def replace_feed_token(request):
    """Makes the person's calendar link, or a new one: shown only now (only its digest is
    kept). An officer's also opens the rooms' feeds, shown with it."""
    if feed_tokens.has_token(request.user):
        messages.success(request, _("Your calendar link is replaced: the old one no longer works."))
    return _calendar_page(request, token=feed_tokens.replace_token(request.user))


def _calendar_page(request, token: str | None):
    feed = rooms = None
    if token:
        feed = subscribe_links(request, reverse("registration:personal-feed", args=[token]))
        rooms = room_feeds(request, token) if is_conference_officer(request.user) else None
    return render(
        request,
        "registration/my_calendar.html",
        {
            "feed": feed,
            "room_feeds": rooms,
            "has_link": token is not None or feed_tokens.has_token(request.user),
            "feed_language": language_name(preferred_language(request.user)),
            "registrations": feeds.approved_registrations(request.user).select_related("session"),
        },
    )
