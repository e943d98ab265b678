"""How allauth treats our people: known by their e-mail address, and sent back after
signing up and confirming it to the page they started from (the *Register* page, say)."""

from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import get_next_redirect_url


def user_display(user) -> str:
    """People are known here by their e-mail address, not the username made for them."""
    return user.email or user.get_username()


class AccountAdapter(DefaultAccountAdapter):
    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        """The confirmation link carries the `next` of the sign-up, so that a person who
        opens it (in this browser or another) goes on to the page they came from: in the
        same browser allauth logs them in and resumes there; elsewhere they log in first."""
        url = super().get_email_confirmation_url(request, emailconfirmation)
        next_url = get_next_redirect_url(request) if request is not None else None
        if next_url:
            url += ("&" if "?" in url else "?") + urlencode({"next": next_url})
        return url
