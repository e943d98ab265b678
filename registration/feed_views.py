"""The person's calendar page and their feed at a secret URL."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import feed_tokens
from sessions_app.calendar_views import feed_response
from sessions_app.views import subscribe_links

from . import feeds


def personal_feed(request, token: str):
    """No login: calendar apps cannot log in. An unknown or replaced token is a 404."""
    user = feed_tokens.user_for(token)
    if user is None:
        raise Http404
    etag, changed = feeds.version(user, token)
    return feed_response(request, lambda: feeds.personal_calendar(user), etag, changed)


@login_required
def my_calendar(request):
    path = reverse("registration:personal-feed", args=[feed_tokens.token_of(request.user)])
    return render(
        request,
        "registration/my_calendar.html",
        {
            "feed": subscribe_links(request, path),
            "registrations": feeds.approved_registrations(request.user).select_related("session"),
        },
    )


@login_required
@require_POST
def replace_feed_token(request):
    feed_tokens.replace_token(request.user)
    messages.success(request, _("Your calendar link is replaced: the old one no longer works."))
    return redirect("registration:my-calendar")
