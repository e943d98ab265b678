"""Pages of written contributions. For focal points: the calls they may answer, a call's
page with the submit form and their entities' contributions (state, the Secretariat's
reason, replacing files while editable). For officers: screening a call's contributions
and the table of who was invited and who has submitted, with its exports. Files are served
only to officers and the entity's focal points. Thin: the rules are in
documents.contributions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import officer_required
from accounts.roles import is_conference_officer
from core.errors import DomainError
from registration.views import limited

from . import contribution_queries as queries
from . import contributions
from .contribution_forms import ReplaceFilesForm, ScreenForm, SubmitForm
from .files import CONTENT_TYPES
from .models import Call, Contribution, ContributionFile
from .services import FileErrors

SCREENING = {
    "accept": lambda contribution, actor, data: contributions.accept(
        contribution, actor, data["symbol"]
    ),
    "return": lambda contribution, actor, data: contributions.return_to_submitter(
        contribution, actor, data["reason"]
    ),
    "decline": lambda contribution, actor, data: contributions.decline(
        contribution, actor, data["reason"]
    ),
}


@login_required
def my_calls(request):
    """The calls of the sessions the person is a focal point for (open ones first); for
    officers, every call with its screening page."""
    calls = list(queries.calls_of_focal_point(request.user))
    for call in calls:
        call.is_open = contributions.is_open(call)
    officer = is_conference_officer(request.user)
    return render(
        request,
        "documents/contributions/my_calls.html",
        {
            "open_calls": [call for call in calls if call.is_open],
            "other_calls": [call for call in calls if not call.is_open],
            "all_calls": Call.objects.select_related("session", "series") if officer else None,
        },
    )


def _answerable(request, pk: int):
    call = get_object_or_404(Call.objects.select_related("session", "series"), pk=pk)
    entities = contributions.focal_entities(request.user, call).order_by("kind", "name_en")
    if not (entities.exists() or is_conference_officer(request.user)):
        raise PermissionDenied
    return call, entities


@login_required
@limited
def call_page(request, pk: int):
    """A call as a focal point sees it: its themes and dates, the submit form while open,
    and their entities' contributions. POST submits."""
    call, entities = _answerable(request, pk)
    invited = entities.filter(kind__in=call.invited_kinds, is_active=True)
    form = SubmitForm(request.POST or None, request.FILES or None, entities=invited)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contributions.submit(
                call,
                data["entity"],
                request.user,
                data["title"],
                data["original_language"],
                form.files_by_language(),
                data["consents"],
            )
        except FileErrors as refused:
            for name, reason in refused.errors:
                form.add_error(None, f"{name}: {reason}")
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The contribution is submitted. You are told by e-mail."))
            return redirect("documents:call", pk=pk)
    rows = list(queries.of_call_for(request.user, call))
    for row in rows:
        row.reason = queries.last_reason(row)
        row.replace_form = ReplaceFilesForm(prefix=f"c{row.pk}") if row.is_editable else None
    return render(
        request,
        "documents/contributions/call.html",
        {
            "call": call,
            "is_open": contributions.is_open(call),
            "form": form if invited else None,
            "contributions": rows,
        },
    )


@login_required
@require_POST
@limited
def replace(request, pk: int):
    contribution = get_object_or_404(Contribution.objects.select_related("call", "entity"), pk=pk)
    if not contributions.may_see(request.user, contribution):
        raise PermissionDenied
    form = ReplaceFilesForm(request.POST, request.FILES, prefix=f"c{pk}")
    if not form.is_valid():
        messages.error(request, _("Choose at least one file."))
    else:
        try:
            contributions.replace_files(contribution, request.user, form.files_by_language())
        except FileErrors as refused:
            for name, reason in refused.errors:
                messages.error(request, f"{name}: {reason}")
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The files are replaced and the contribution submitted."))
    return redirect("documents:call", pk=contribution.call_id)


@login_required
def download(request, pk: int):
    """A submitted file, for officers and the entity's focal points; always an attachment
    (a file uploaded by someone else is never shown in the browser)."""
    row = get_object_or_404(
        ContributionFile.objects.select_related("contribution__call", "contribution__entity"),
        pk=pk,
    )
    if not contributions.may_see(request.user, row.contribution):
        raise PermissionDenied
    response = FileResponse(
        row.file.open("rb"),
        as_attachment=True,
        filename=f"contribution-{row.contribution_id}_{row.language}.{row.extension}",
        content_type=CONTENT_TYPES[row.extension],
    )
    response["Cache-Control"] = "private, no-store"  # not yet public: never in a shared cache
    return response


@officer_required
def screening(request, pk: int):
    """The call's contributions with their files, audit trail and screening forms."""
    call = get_object_or_404(Call.objects.select_related("session", "series"), pk=pk)
    rows = list(queries.of_call_for(request.user, call))
    for row in rows:
        row.reason = queries.last_reason(row)
    return render(
        request,
        "documents/contributions/screening.html",
        {"call": call, "contributions": rows, "form": ScreenForm()},
    )


@officer_required
@require_POST
def screen(request, pk: int):
    contribution = get_object_or_404(Contribution.objects.select_related("entity"), pk=pk)
    form = ScreenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept, return or decline."))
    else:
        try:
            SCREENING[form.cleaned_data["action"]](contribution, request.user, form.cleaned_data)
        except DomainError as error:
            messages.error(request, f"{contribution.entity.display_name}: {error}")
        else:
            messages.success(
                request,
                _("%(entity)s: %(state)s.")
                % {
                    "entity": contribution.entity.display_name,
                    "state": contribution.get_state_display(),
                },
            )
    return redirect(f"{_screening_url(contribution.call_id)}#contribution-{pk}")


def _screening_url(call_id: int) -> str:
    return reverse("documents:screening", kwargs={"pk": call_id})


@officer_required
def call_table(request, pk: int):
    call = get_object_or_404(Call.objects.select_related("session", "series"), pk=pk)
    return render(
        request,
        "documents/contributions/table.html",
        {"call": call, "table": queries.call_table(call)},
    )


@officer_required
def call_table_export(request, pk: int, fmt: str):
    call = get_object_or_404(Call, pk=pk)
    table = queries.call_table(call)
    if fmt == "xlsx":
        response = HttpResponse(
            queries.table_xlsx(table),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif fmt == "csv":
        response = HttpResponse(queries.table_csv(table), content_type="text/csv; charset=utf-8")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="call-{call.pk}-contributions.{fmt}"'
    return response
