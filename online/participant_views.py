"""What an approved online participant does with their personal link: replace it (the old
one dies at once). The participant themself or an officer; nobody else."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import is_conference_officer
from core.confirm import confirm_first
from core.errors import DomainError
from registration.models import Registration

from . import services
from .console import OFFICER_REPLACE_QUESTION
from .guides import REPLACE_QUESTION


def _registration(request, pk: int) -> Registration:
    """The registration if it is the person's own, or any for an officer; else a 404 (no
    telling whether it exists)."""
    found = Registration.objects.select_related("session")
    if not is_conference_officer(request.user):
        found = found.owned_by(request.user)
    return get_object_or_404(found, pk=pk)


def _question(request, pk: int) -> str:
    """The participant's question on their own link, an officer's on another's."""
    own = _registration(request, pk).is_owned_by(request.user)
    return REPLACE_QUESTION if own else OFFICER_REPLACE_QUESTION


def _back(request, registration: Registration) -> str:
    if registration.is_owned_by(request.user):
        return reverse("registration:register", args=[registration.session.slug])
    return reverse("registration:console-detail", args=[registration.session.slug, registration.pk])


@login_required
@require_POST
@confirm_first(
    _question,
    cancel_url=lambda request, pk: _back(request, _registration(request, pk)),
    confirm_label=lambda request, pk: _("Replace the link"),
)
def replace_link(request, pk: int):
    registration = _registration(request, pk)
    try:
        services.replace_link(registration)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The personal link is replaced: the old one no longer works."))
    return redirect(_back(request, registration))
