"""Opening a personal join link: on to the platform during a sitting's window, else a page
that says when the next sitting opens, or why the link does not work."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from core.http import client_ip

from . import services
from .models import JoinOpening

Outcome = JoinOpening.Outcome


@never_cache
def join(request, token: str):
    opened = services.open_link(
        token,
        ip=client_ip(request),
        user_agent=request.headers.get("User-Agent", ""),
    )
    if opened.outcome == Outcome.JOINED and opened.meeting_url:
        response = HttpResponseRedirect(opened.meeting_url)
    else:
        status = {Outcome.JOINED: 200, Outcome.OUTSIDE: 200}.get(opened.outcome, 404)
        context = {"opened": opened, "window_minutes": settings.JOIN_OPENS_MINUTES_BEFORE}
        if opened.next_sitting:
            context["opens_at"] = services.window(opened.next_sitting)[0]
        response = render(request, "online/join.html", context, status=status)
    # The token is in this page's address: no other site learns it through the Referer.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response
