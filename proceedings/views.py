"""The live pages of the lists of speakers: the display for the room's screen and online
participants, and the Chair's console per sitting."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from sessions_app.models import Session

from . import live, services


def live(request, slug: str):
    session = get_object_or_404(Session, slug=slug)
    if not services.may_follow(request.user, session):
        raise PermissionDenied
    return render(request, "proceedings/live.html", live.page_context(session))
