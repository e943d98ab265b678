"""Confirmations of destructive actions, written once.

A destructive form carries `data-confirm="<question>"`: with JavaScript, static/js/confirm.js
asks in a <dialog> and sends the form with `confirmed=1`. Without JavaScript the view, wrapped
in `confirm_first`, answers a POST that lacks `confirmed=1` with a confirmation page
(templates/confirm.html) that sends the same fields again with `confirmed=1`, and changes
nothing.
"""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

# Fields the confirmation page does not copy: Django's CSRF token is rendered afresh.
NOT_COPIED = {"csrfmiddlewaretoken", "confirmed"}


def is_confirmed(request: HttpRequest) -> bool:
    return request.POST.get("confirmed") == "1"


def confirmation_page(
    request: HttpRequest,
    question: str,
    *,
    cancel_url: str,
    confirm_label: str | None = None,
    details: str = "",
) -> HttpResponse:
    """The page that asks `question` and posts the request's fields back with confirmed=1."""
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in NOT_COPIED
        for value in values
    ]
    return render(
        request,
        "confirm.html",
        {
            "question": question,
            "details": details,
            "fields": fields,
            "action": request.get_full_path(),
            "confirm_label": confirm_label or _("Confirm"),
            "cancel_url": cancel_url,
        },
    )


def confirm_first(
    question: Callable[..., str | None] | str,
    *,
    cancel_url: Callable[..., str],
    confirm_label: Callable[..., str] | str | None = None,
):
    """A view decorator: a POST without confirmed=1 gets the confirmation page instead of
    the view. `question`, `cancel_url` and `confirm_label` may be callables taking the
    view's arguments (request first); a question of None means there is nothing to confirm
    (the action is not destructive for this request)."""

    def resolve(value, request, args, kwargs):
        return value(request, *args, **kwargs) if callable(value) else value

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST" and not is_confirmed(request):
                asked = resolve(question, request, args, kwargs)
                if asked:
                    return confirmation_page(
                        request,
                        asked,
                        cancel_url=resolve(cancel_url, request, args, kwargs),
                        confirm_label=resolve(confirm_label, request, args, kwargs),
                    )
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
