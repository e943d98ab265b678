from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .roles import is_conference_officer, plans_interpretation, reads_statements


def role_required(check):
    """Anonymous users go to the login page; signed-in users without the role get 403."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


officer_required = role_required(is_conference_officer)
interpretation_planner_required = role_required(plans_interpretation)
statement_reader_required = role_required(reads_statements)
