"""Pages for focal points (and officers): a delegation's members, adding members one by
one or from a sheet, the note verbale, inviting another focal point."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from accounts.roles import is_conference_officer
from core.confirm import confirm_first
from core.errors import DomainError

from . import delegations, services
from .forms import (
    InvitationForm,
    MemberForm,
    NominationForm,
    RegistrationDetailsForm,
    SheetForm,
)
from .models import Delegation, Registration
from .views import limited


def _managed(request, pk: int) -> Delegation:
    delegation = get_object_or_404(Delegation.objects.select_related("session", "entity"), pk=pk)
    if not delegations.may_manage(request.user, delegation):
        raise PermissionDenied
    return delegation


@login_required
def my_delegations(request):
    return render(
        request,
        "registration/my_delegations.html",
        {
            "delegations": request.user.focal_point_of.select_related("session", "entity").order_by(
                "-session__start_date"
            ),
        },
    )


@login_required
def delegation_detail(request, pk: int, member_form=None, sheet_error=None):
    delegation = _managed(request, pk)
    return render(
        request,
        "registration/delegation.html",
        {
            "delegation": delegation,
            "session": delegation.session,
            "members": delegation.registrations.select_related("nationality").order_by(
                "family_name", "given_name"
            ),
            "member_form": member_form or MemberForm(session=delegation.session),
            "sheet_form": SheetForm(),
            "sheet_errors": sheet_error.errors if sheet_error else None,
            "sheet_summary": sheet_summary(sheet_error) if sheet_error else None,
            "nomination_form": NominationForm(),
            "invitation_form": InvitationForm(),
            "focal_points": delegation.focal_points.all(),
        },
    )


@login_required
@require_POST
@limited
def add_member(request, pk: int):
    delegation = _managed(request, pk)
    form = MemberForm(request.POST, session=delegation.session)
    if form.is_valid():
        try:
            services.register(
                delegation.session,
                entity=delegation.entity,
                actor=request.user,
                by_officer=is_conference_officer(request.user),
                **form.registration_fields(),
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The member is registered."))
            return redirect("registration:delegation", pk=pk)
    return delegation_detail(request, pk, member_form=form)


@login_required
@require_POST
@limited
def import_sheet(request, pk: int):
    delegation = _managed(request, pk)
    form = SheetForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a sheet to upload."))
        return redirect("registration:delegation", pk=pk)
    try:
        registered = delegations.import_members(
            delegation,
            form.cleaned_data["sheet"],
            request.user,
            by_officer=is_conference_officer(request.user),
        )
    except delegations.SheetError as error:
        return delegation_detail(request, pk, sheet_error=error)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("registration:delegation", pk=pk)
    waitlisted = sum(member.state == Registration.State.WAITLISTED for member in registered)
    summary = ngettext(
        "%(count)d row read: %(count)d member registered.",
        "%(count)d rows read: %(count)d members registered.",
        len(registered),
    ) % {"count": len(registered)}
    if waitlisted:
        summary += " " + ngettext(
            "%(count)d of them is on the waiting list.",
            "%(count)d of them are on the waiting list.",
            waitlisted,
        ) % {"count": waitlisted}
    messages.success(request, summary)
    return redirect("registration:delegation", pk=pk)


def sheet_summary(error) -> dict:
    """What the top of the page says of a refused sheet."""
    bad_rows = len({row_error.row for row_error in error.errors})
    # No rows read: the file itself was refused (too large, not a sheet, too many rows).
    return {"rows": error.rows, "bad_rows": min(bad_rows, error.rows)}


@login_required
def sheet_template(request, pk: int):
    _managed(request, pk)
    response = HttpResponse(delegations.sheet_template_csv(), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="delegation-members.csv"'
    return response


@login_required
@limited
def nomination(request, pk: int):
    """GET: the note verbale (for the focal points and officers only); POST: upload it."""
    delegation = _managed(request, pk)
    if request.method == "POST":
        form = NominationForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                delegations.upload_nomination(
                    delegation, form.cleaned_data["document"], request.user
                )
            except DomainError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("The document is uploaded."))
        return redirect("registration:delegation", pk=pk)
    if not delegation.nomination_document:
        raise Http404
    # An attachment, never shown in the browser: a file uploaded by someone else.
    return FileResponse(
        delegation.nomination_document.open("rb"),
        as_attachment=True,
        filename=f"nomination-{delegation.entity.code or delegation.pk}.pdf",
        content_type="application/pdf",
    )


def invitation_rate(group, request) -> str:
    return settings.INVITATION_RATE


@login_required
@require_POST
@ratelimit(key="user", rate=invitation_rate, method="POST", block=True)
def invite(request, pk: int):
    delegation = _managed(request, pk)
    form = InvitationForm(request.POST)
    if form.is_valid():
        delegations.invite_focal_point(delegation, form.cleaned_data["email"], request.user)
        messages.success(request, _("The invitation is sent."))
    else:
        messages.error(request, _("Give a valid e-mail address."))
    return redirect("registration:delegation", pk=pk)


@login_required
def accept_invitation(request, token: str):
    if request.method == "POST":
        try:
            delegation = delegations.accept_invitation(token, request.user)
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("registration:my-delegations")
        messages.success(request, _("You are now a focal point of this delegation."))
        return redirect("registration:delegation", pk=delegation.pk)
    try:
        invitation, refusal = delegations.open_invitation(token), None
    except services.RegistrationError as error:
        invitation, refusal = None, str(error)
    return render(
        request,
        "registration/accept_invitation.html",
        {"invitation": invitation, "refusal": refusal},
    )


def _member(delegation: Delegation, registration_id) -> Registration:
    return get_object_or_404(Registration, pk=registration_id, delegation=delegation)


@login_required
@require_POST
def set_head(request, pk: int, registration_id: int):
    delegation = _managed(request, pk)
    try:
        delegations.set_head(delegation, _member(delegation, registration_id))
    except DomainError as error:
        messages.error(request, str(error))
    return redirect("registration:delegation", pk=pk)


def withdraw_member_question(request, pk: int, registration_id: int) -> str:
    member = _member(_managed(request, pk), registration_id)
    return _(
        "Withdraw the registration of %(name)s? They will no longer take part in this"
        " session; to take part again they would have to be registered anew."
    ) % {"name": member.full_name}


@login_required
@require_POST
@confirm_first(
    withdraw_member_question,
    cancel_url=lambda request, pk, registration_id: reverse("registration:delegation", args=[pk]),
    confirm_label=lambda request, pk, registration_id: _("Withdraw"),
)
def withdraw_member(request, pk: int, registration_id: int):
    delegation = _managed(request, pk)
    try:
        services.withdraw(_member(delegation, registration_id), request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The registration is withdrawn."))
    return redirect("registration:delegation", pk=pk)


@login_required
@limited
def edit_member(request, pk: int, registration_id: int):
    """A focal point changes a member's details (until approval; officers always). Identity
    documents and photos are not shown here: only the person and officers see them."""
    delegation = _managed(request, pk)
    member = _member(delegation, registration_id)
    form = RegistrationDetailsForm(
        request.POST or None, instance=member, session=delegation.session
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_registration(
                member,
                request.user,
                by_officer=is_conference_officer(request.user),
                **{name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS},
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            return redirect("registration:delegation", pk=pk)
    return render(
        request,
        "registration/edit.html",
        {
            "session": delegation.session,
            "form": form,
            "heading": member.full_name,
            "back_url": reverse("registration:delegation", args=[pk]),
        },
    )
