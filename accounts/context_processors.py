from functools import partial

from .roles import is_conference_officer, plans_interpretation


def roles(request) -> dict:
    return {
        "is_conference_officer": is_conference_officer(request.user),
        # A callable: templates call it only where they ask (one query for a coordinator).
        "plans_interpretation": partial(plans_interpretation, request.user),
    }


def entrance(request) -> dict:
    """The sign-up link of the header, keeping the page the person is on (or the one the
    login page will lead to) as `next`, so that they land back there once verified."""
    from django.urls import reverse
    from django.utils.http import url_has_allowed_host_and_scheme, urlencode

    if getattr(request, "user", None) is None or request.user.is_authenticated:
        return {}
    accounts_pages = reverse("account_login").rsplit("/", 2)[0] + "/"
    on_accounts_page = request.path.startswith(accounts_pages)
    target = request.GET.get("next", "") if on_accounts_page else request.get_full_path()
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = ""
    url = reverse("account_signup")
    return {"header_signup_url": f"{url}?{urlencode({'next': target})}" if target else url}
