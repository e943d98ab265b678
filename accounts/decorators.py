from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .roles import is_conference_officer


def officer_required(view):
    """Anonymous users go to the login page; signed-in users who are not conference
    officers get 403."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not is_conference_officer(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
