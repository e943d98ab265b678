from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .roles import is_conference_officer

# Paths an officer without a second factor may still reach: the account pages (to set
# one up or log out), static files and the language switch.
OPEN_PREFIXES = ("/accounts/", "/static/", "/i18n/")


class OfficerSecondFactorMiddleware:
    """With MFA_REQUIRED_FOR_OFFICERS on, a conference officer who has not set up a TOTP
    authenticator is sent to set one up before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.MFA_REQUIRED_FOR_OFFICERS
            and not request.path.startswith(OPEN_PREFIXES)
            and is_conference_officer(request.user)
            and not _has_totp(request.user)
        ):
            messages.warning(
                request, _("Conference officers must set up a second factor (TOTP) first.")
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
