"""A delegate's own registration: register, see its state and place in the queue, change
details until approval, switch mode, withdraw. No view takes a registration id: each
works on the signed-in person's own registration only."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from accounts.roles import is_conference_officer
from core.confirm import confirm_first
from core.errors import DomainError
from sessions_app.models import Session

from . import hooks, personal_data, queries, services
from .forms import OwnDetailsForm, RegistrationForm
from .models import Registration


def registration_rate(group, request) -> str:
    return settings.REGISTRATION_RATE


limited = ratelimit(key="user_or_ip", rate=registration_rate, method="POST", block=True)


def _session_and_registration(request, slug: str):
    session = get_object_or_404(Session.objects.select_related("room"), slug=slug)
    return session, queries.live_registration_of(request.user, session)


@login_required
@limited
def register(request, slug: str):
    session, registration = _session_and_registration(request, slug)
    if registration is not None:
        return render(
            request,
            "registration/my_registration.html",
            {
                "session": session,
                "registration": registration,
                "position": services.waitlist_position(registration),
                "withdraw_question": WITHDRAW_QUESTION,
                "online_question": online_question(registration),
                "events": registration.events.select_related("actor"),
                # Channels and joining details: for the approved participant only.
                "guides": (
                    [guide.html(request) for guide in hooks.guides_of(registration)]
                    if registration.state == Registration.State.APPROVED
                    else []
                ),
            },
        )
    if not session.registration_is_open:
        return render(request, "registration/closed.html", {"session": session})
    form = RegistrationForm(
        request.POST or None, request.FILES or None, session=session, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                registration = services.register(
                    session,
                    entity=form.cleaned_data["entity"],
                    actor=request.user,
                    participant=request.user,
                    email=request.user.email,
                    privacy_acknowledged_at=timezone.now(),
                    **form.registration_fields(),
                )
                if form.cleaned_data["photo"]:
                    personal_data.set_photo(registration, form.cleaned_data["photo"], request.user)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            form.photo_used()
            return redirect("registration:register", slug=session.slug)
    if form.is_bound:
        form.keep_photo()
    return render(request, "registration/register.html", {"session": session, "form": form})


@login_required
@limited
def edit(request, slug: str):
    session, registration = _session_and_registration(request, slug)
    if registration is None:
        return redirect("registration:register", slug=slug)
    if not registration.is_editable_by_participant:
        messages.error(
            request, _("An approved registration can be changed only by the Secretariat.")
        )
        return redirect("registration:register", slug=slug)
    form = OwnDetailsForm(
        request.POST or None,
        request.FILES or None,
        instance=registration,
        session=session,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.update_registration(registration, request.user, **form.details())
                if form.cleaned_data["photo"]:
                    personal_data.set_photo(registration, form.cleaned_data["photo"], request.user)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            form.photo_used()
            messages.success(request, _("Your registration is updated."))
            return redirect("registration:register", slug=slug)
    if form.is_bound:
        form.keep_photo()
    return render(
        request,
        "registration/edit.html",
        {
            "session": session,
            "form": form,
            "heading": _("Change my registration"),
            "back_url": reverse("registration:register", args=[slug]),
        },
    )


# The questions of the forms' data-confirm (templates/registration/my_registration.html) and
# of the confirmation page without JavaScript.
WITHDRAW_QUESTION = gettext_lazy(
    "Withdraw your registration? You will no longer take part in this session; to take part"
    " again you would have to register anew."
)
ONLINE_QUESTION = gettext_lazy(
    "Take part online instead? You give up your seat in the room: it goes to the next person"
    " waiting, and you may not get it back."
)
ONLINE_FROM_WAITLIST_QUESTION = gettext_lazy(
    "Take part online instead? You leave the waiting list for a seat in the room, and may"
    " not get your place in it back."
)


def online_question(registration) -> str:
    """What moving online gives up: a seat, or a place in the queue for one."""
    if registration is not None and registration.state == Registration.State.WAITLISTED:
        return ONLINE_FROM_WAITLIST_QUESTION
    return ONLINE_QUESTION


def _act(request, slug: str, action, done: str):
    _session, registration = _session_and_registration(request, slug)
    if registration is None:
        return redirect("registration:register", slug=slug)
    try:
        action(registration, request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("registration:register", slug=slug)


@login_required
@require_POST
@limited
@confirm_first(
    lambda request, slug: WITHDRAW_QUESTION,
    cancel_url=lambda request, slug: reverse("registration:register", args=[slug]),
    confirm_label=lambda request, slug: _("Withdraw my registration"),
)
def withdraw(request, slug: str):
    return _act(request, slug, services.withdraw, _("Your registration is withdrawn."))


@login_required
@require_POST
@limited
@confirm_first(
    lambda request, slug: (
        online_question(_session_and_registration(request, slug)[1])
        if request.POST.get("mode") == "online"
        else None
    ),
    cancel_url=lambda request, slug: reverse("registration:register", args=[slug]),
    confirm_label=lambda request, slug: _("Take part online"),
)
def switch_mode(request, slug: str):
    mode = request.POST.get("mode", "")
    return _act(
        request,
        slug,
        lambda registration, actor: services.change_mode(registration, mode, actor),
        _("Your participation mode is changed."),
    )


def privacy_notice(request):
    """What is done with the data a registration holds, and for how long."""
    return render(
        request,
        "registration/privacy.html",
        {"retention_days": settings.PERSONAL_DATA_RETENTION_DAYS},
    )


@login_required
def photo(request, pk: int):
    """A registration's badge photo: for officers and the person only (not focal points)."""
    registration = get_object_or_404(Registration, pk=pk)
    if not (registration.is_owned_by(request.user) or is_conference_officer(request.user)):
        raise PermissionDenied
    if not registration.photo:
        raise Http404
    return FileResponse(registration.photo.open("rb"), content_type="image/jpeg")
