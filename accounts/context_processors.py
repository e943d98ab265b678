from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from .roles import is_conference_officer, plans_interpretation


def roles(request) -> dict:
    return {
        # One query for both: a user's roles are read together (accounts.roles.has_role).
        "is_conference_officer": is_conference_officer(request.user),
        "plans_interpretation": plans_interpretation(request.user),
    }


def entrance(request) -> dict:
    """The header's links to sign up and log in, keeping the page the person is on (or,
    on an account page, the one it will lead to) as `next`, so that they land back there
    once signed up and verified, or logged in."""
    if getattr(request, "user", None) is None or request.user.is_authenticated:
        return {}
    accounts_pages = reverse("account_login").rsplit("/", 2)[0] + "/"
    on_accounts_page = request.path.startswith(accounts_pages)
    target = request.GET.get("next", "") if on_accounts_page else request.get_full_path()
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = ""
    query = f"?{urlencode({'next': target})}" if target else ""
    return {
        "header_signup_url": reverse("account_signup") + query,
        "header_login_url": reverse("account_login") + query,
    }
