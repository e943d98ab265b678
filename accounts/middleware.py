from allauth.account.authentication import get_authentication_records
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .roles import is_conference_officer

# Paths an officer without a second factor may still reach: the account pages (to set
# one up, pass it or log out), static files and the language switch.
OPEN_PREFIXES = ("/accounts/", "/static/", "/i18n/")
# API clients get an answer, not a login page. Knox tokens are not sessions: the
# middleware sees no user for them (DRF authenticates them in the view).
API_PREFIX = "/api/"


class OfficerSecondFactorMiddleware:
    """With MFA_REQUIRED_FOR_OFFICERS on, a conference officer's session counts only once
    it has passed the second factor: an officer who has not set up a TOTP authenticator
    is sent to set one up; one whose session did not pass it (opened with the password
    alone, outside allauth's login) is logged out and sent to log in again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.MFA_REQUIRED_FOR_OFFICERS
            and not request.path.startswith(OPEN_PREFIXES)
            and is_conference_officer(request.user)
            and not passed_second_factor(request)
        ):
            return _refuse(request)
        return self.get_response(request)


def passed_second_factor(request) -> bool:
    """allauth records each step of the login in the session; its login adds "mfa" only
    after the code (or a recovery code) is accepted."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def _refuse(request):
    if not _has_totp(request.user):
        message = _("Conference officers must set up a second factor (TOTP) first.")
        response = redirect("mfa_activate_totp")
    else:
        message = _("Log in again with your second factor (TOTP).")
        logout(request)
        response = redirect_to_login(request.get_full_path(), reverse("account_login"))
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": message}, status=403)
    messages.warning(request, message)
    return response


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
