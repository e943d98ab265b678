"""The Secretariat's console for one session: registrations a page at a time with counts per
state, filters and search; each registration's page (photo, identity document, needs,
history) with its actions; bulk approval, rejection and return of those ticked or of all
matching; the waiting lists in order; exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from accounts.decorators import officer_required
from accounts.roles import is_conference_officer
from core.confirm import confirm_first
from core.errors import DomainError
from languages.models import language_names
from sessions_app.models import Session

from . import exports, hooks, mail, personal_data, queries, services
from .filters import PAGE_SIZES, RegistrationFilter, console_query, page_size
from .models import Registration

BULK_ACTIONS = {
    "approve": services.approve,
    "reject": services.reject,
    "return": services.return_to_submitted,
}
# The export's columns of personal data, named as such on the page.
IDENTITY_COLUMNS = (
    "identity_document_type",
    "identity_document_number",
    "identity_document_expiry",
)
MAX_TICKS = 500  # a page holds at most 200 rows; more ids than this are not carried back
REFUSALS_NAMED = 5
# The questions of the Reject buttons' data-confirm (asked in a dialog with JavaScript, on
# a confirmation page without it).
REJECT_TICKED_QUESTION = gettext_lazy(
    "Reject the chosen registrations? Each participant is told, with the reason."
)
RETURN_TICKED_QUESTION = gettext_lazy(
    "Return the chosen registrations to submitted? Each participant is told, with the"
    " reason, and approved ones lose their approval."
)
REJECT_ONE_QUESTION = gettext_lazy(
    "Reject this registration? The participant is told, with the reason."
)
WAITLIST_SHOWN = 20  # of each queue


@officer_required
def console(request, slug: str):
    """The registrations of the session, a page at a time, with counts per state (as
    filters), the waiting list in order and the delegations."""
    session = get_object_or_404(Session.objects.select_related("room"), slug=slug)
    params = request.GET
    everyone = queries.console_registrations(session)
    filtered = RegistrationFilter(params or None, queryset=everyone, session=session)
    # Counts per state under the other filters: each count is what its link shows.
    others = console_query(params, without=("state", "page"))
    counts = queries.state_counts(
        RegistrationFilter(QueryDict(others) or None, queryset=everyone, session=session).qs
    )
    per_page = page_size(params)
    page = Paginator(filtered.qs.values_list("pk", flat=True), per_page).get_page(
        params.get("page")
    )
    return render(
        request,
        "registration/console.html",
        {
            "session": session,
            "filter": filtered,
            "page": page,
            "registrations": _rows(slug, queries.console_page_rows(page.object_list)),
            "page_sizes": PAGE_SIZES,
            "per_page": per_page,
            "state_links": _state_links(params.get("state") or "", others, counts),
            "query": console_query(params),
            "list_query": console_query(params, without=("page",)),
            "selected": set(_ids(params.getlist("selected"))),
            "all_matching": params.get("all_matching") == "1",
            "columns": exports.COLUMNS,
            "default_columns": exports.DEFAULT_COLUMNS,
            "identity_columns": IDENTITY_COLUMNS,
            "reject_question": REJECT_TICKED_QUESTION,
            "return_question": RETURN_TICKED_QUESTION,
            # The head of each queue is what an officer acts on; the rest is a filter away.
            "waitlist": _rows(slug, queries.waitlist_heads(session, WAITLIST_SHOWN)),
            "seats_taken": services.seats_taken(session, "in_person")["total"],
            "seats": session.seats_in_person,
            "delegations": _delegations(session),
        },
    )


def _link(name: str, **kwargs) -> str:
    """A URL with "{pk}" for the id, reversed once for all the rows of a page (reversing
    costs more than the rest of a row)."""
    return reverse(name, kwargs=kwargs | {"pk": 999999999}).replace("999999999", "{pk}")


def _rows(slug: str, registrations) -> list[Registration]:
    """The registrations with the link to their page and their labels, each looked up once
    for the page."""
    detail = _link("registration:console-detail", slug=slug)
    labels = {
        field: {value: str(label) for value, label in choices}
        for field, choices in (
            ("state", Registration.State.choices),
            ("category", Registration._meta.get_field("category").choices),
            ("participation_mode", Registration._meta.get_field("participation_mode").choices),
        )
    }
    rows = list(registrations)
    for row in rows:
        row.detail_url = detail.format(pk=row.pk)
        row.labels = {field: names.get(getattr(row, field), "") for field, names in labels.items()}
    return rows


def _delegations(session: Session) -> list:
    delegations = list(
        session.delegations.select_related("entity")
        .annotate(members=Count("registrations"))
        .order_by("entity__kind", "entity__name_en")
    )
    page, note = _link("registration:delegation"), _link("registration:nomination")
    for delegation in delegations:
        delegation.url, delegation.note_url = (
            page.format(pk=delegation.pk),
            note.format(pk=delegation.pk),
        )
    return delegations


def _state_links(current: str, others: str, counts: dict[str, int]) -> list[dict]:
    """ "All" and each state with its count, as links that keep the other filters (the
    query string `others`)."""
    links = [
        {
            "state": "",
            "label": _("All"),
            "count": sum(counts.values()),
            "query": others,
            "current": not current,
        }
    ]
    for state, label in Registration.State.choices:
        query = QueryDict(others, mutable=True)
        query["state"] = state
        links.append(
            {
                "state": state,
                "label": label,
                "count": counts.get(state, 0),
                "query": query.urlencode(),
                "current": current == state,
            }
        )
    return links


def _ids(values) -> list[int]:
    return [int(value) for value in values if value.isdigit()][:MAX_TICKS]


def _console_url(slug: str, query: str) -> str:
    url = reverse("registration:console", kwargs={"slug": slug})
    return f"{url}?{query}" if query else url


def _bulk_question(request, slug: str) -> str | None:
    """Rejecting or returning many asks first, naming how many (approving does not)."""
    action = request.POST.get("action")
    if action not in {"reject", "return"} or not request.POST.get("reason", "").strip():
        return None  # nothing will change: the view refuses it without a reason
    session = get_object_or_404(Session, slug=slug)
    count = _chosen(request, session).count()
    if action == "reject":
        question = ngettext(
            "Reject %(count)d registration? The participant is told, with the reason.",
            "Reject %(count)d registrations? Each participant is told, with the reason.",
            count,
        )
    else:
        question = ngettext(
            "Return %(count)d registration to submitted? The participant is told, with the"
            " reason, and an approved one loses its approval.",
            "Return %(count)d registrations to submitted? Each participant is told, with the"
            " reason, and approved ones lose their approval.",
            count,
        )
    return question % {"count": count}


def _chosen(request, session: Session):
    """The registrations a bulk action is for: those ticked, or all matching the filters."""
    if request.POST.get("all_matching") == "1":
        return RegistrationFilter(
            QueryDict(_query_posted(request)),
            queryset=queries.console_registrations(session),
            session=session,
        ).qs
    ids = _ids(request.POST.getlist("registration"))
    return queries.console_registrations(session).filter(pk__in=ids)


def _asks_to_reject(request) -> bool:
    # A reject without a reason is refused by the view: nothing to confirm then.
    return request.POST.get("action") == "reject" and bool(request.POST.get("reason", "").strip())


def _query_posted(request) -> str:
    return console_query(QueryDict(request.POST.get("query", "")))


@officer_required
@require_POST
@confirm_first(
    _bulk_question,
    cancel_url=lambda request, slug: _console_url(slug, _query_posted(request)),
)
def bulk(request, slug: str):
    """Approve, reject or return the ticked registrations (or all those matching the
    console's filters), each through the workflow service; those the rules refuse are
    named and stay ticked, the others go through. Back to the console as it was."""
    session = get_object_or_404(Session, slug=slug)
    query = _query_posted(request)
    action, reason = request.POST.get("action"), request.POST.get("reason", "").strip()
    ids = _ids(request.POST.getlist("registration"))
    all_matching = request.POST.get("all_matching") == "1"

    def back(ticked, message=None):
        if message:
            messages.error(request, message)
        kept = QueryDict(query, mutable=True)
        if all_matching and message:
            kept["all_matching"] = "1"
        kept.setlist("selected", [str(pk) for pk in ticked])
        return redirect(_console_url(slug, kept.urlencode()))

    if action not in BULK_ACTIONS:
        return back(ids, _("Choose what to do with the ticked registrations."))
    if not ids and not all_matching:
        return back(ids, _("Tick registrations and choose what to do with them."))
    if action in {"reject", "return"} and not reason:
        return back(ids, _("Give the reason."))
    chosen = _chosen(request, session)
    done, refused = _change_each(list(chosen), BULK_ACTIONS[action], request.user, reason)
    for error, names in refused.items():
        messages.warning(request, _refusal(error, names))
    messages.success(request, _done(action, done))
    return back([] if all_matching else [pk for pks in refused.values() for pk, _n in pks])


def _done(action: str, count: int) -> str:
    """What the bulk action did, in words that say to which state."""
    if action == "approve":
        text = ngettext(
            "%(count)d registration approved.", "%(count)d registrations approved.", count
        )
    elif action == "reject":
        text = ngettext(
            "%(count)d registration rejected.", "%(count)d registrations rejected.", count
        )
    else:
        text = ngettext(
            "%(count)d registration returned to submitted.",
            "%(count)d registrations returned to submitted.",
            count,
        )
    return text % {"count": count}


def _change_each(registrations, change, actor, reason: str) -> tuple[int, dict]:
    """Each registration through the service; the refusals grouped by their reason."""
    done, refused = 0, {}
    for registration in registrations:
        try:
            change(registration, actor, reason)
            done += 1
        except DomainError as error:
            refused.setdefault(str(error), []).append((registration.pk, registration.full_name))
    return done, refused


def _refusal(error: str, refused: list) -> str:
    names = [name for _pk, name in refused]
    if len(names) <= REFUSALS_NAMED:
        return f"{error} ({', '.join(names)})"
    return _("%(error)s (%(names)s and %(more)d others)") % {
        "error": error,
        "names": ", ".join(names[:REFUSALS_NAMED]),
        "more": len(names) - REFUSALS_NAMED,
    }


@officer_required
def registration_detail(request, slug: str, pk: int):
    """One registration as an officer sees it before deciding: photo, identity document,
    needs, delegation and note verbale, what upper apps add (hooks.console_panels), history,
    and the actions its state allows."""
    session = get_object_or_404(Session, slug=slug)
    registration = get_object_or_404(queries.registration_for_officer(session, pk))
    query = console_query(request.GET)
    previous, following = _neighbours(session, query, pk)
    return render(
        request,
        "registration/console_detail.html",
        {
            "session": session,
            "registration": registration,
            "query": query,
            "console_url": _console_url(slug, query),
            "languages": {
                field: ", ".join(language_names([getattr(registration, field)]))
                for field in ("listening_language", "speaking_language")
            },
            "actions": services.decisions_for(registration),
            "reject_question": REJECT_ONE_QUESTION,
            "events": registration.events.all(),
            "mails": mail.log(registration),
            "panels": [panel.html(request) for panel in hooks.console_panels(registration)],
            "previous_url": previous and _detail_url(slug, previous, query),
            "next_url": following and _detail_url(slug, following, query),
        },
    )


@officer_required
@require_POST
@confirm_first(
    lambda request, slug, pk: REJECT_ONE_QUESTION if _asks_to_reject(request) else None,
    cancel_url=lambda request, slug, pk: _detail_url(slug, pk, _query_posted(request)),
    confirm_label=lambda request, slug, pk: _("Reject"),
)
def registration_action(request, slug: str, pk: int):
    """Approve, reject or return one registration from its page; back to that page, or
    to the console, with the console's filters kept."""
    session = get_object_or_404(Session, slug=slug)
    registration = get_object_or_404(Registration, session=session, pk=pk)
    query = _query_posted(request)
    action, reason = request.POST.get("action"), request.POST.get("reason", "").strip()
    then = request.POST.get("then")
    # The next one in the console's list is found before the change, which may take this
    # registration out of the list (approving it, when the list shows the submitted).
    following = _neighbours(session, query, pk)[1] if then == "next" else None
    if action not in BULK_ACTIONS:
        messages.error(request, _("Choose what to do with this registration."))
    else:
        try:
            BULK_ACTIONS[action](registration, request.user, reason)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(name)s: %(state)s.")
                % {"name": registration.full_name, "state": registration.get_state_display()},
            )
            if then == "console" or (then == "next" and not following):
                return redirect(_console_url(slug, query))
            if following:
                return redirect(_detail_url(slug, following, query))
    return redirect(_detail_url(slug, pk, query))


@officer_required
@require_POST
def resend_mail(request, slug: str, pk: int):
    """Send a mail of the registration's log again; back to its page."""
    session = get_object_or_404(Session, slug=slug)
    registration = get_object_or_404(Registration, session=session, pk=pk)
    try:
        copy = mail.resend(registration, request.POST.get("mail"))
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The mail will be sent again to %(to)s.") % {"to": ", ".join(copy.email.to)}
        )
    return redirect(_detail_url(slug, pk, _query_posted(request)) + "#mail")


def _detail_url(slug: str, pk: int, query: str) -> str:
    url = reverse("registration:console-detail", kwargs={"slug": slug, "pk": pk})
    return f"{url}?{query}" if query else url


def _neighbours(session: Session, query: str, pk: int) -> tuple[int | None, int | None]:
    """The registrations before and after this one in the console's list as filtered."""
    listed = RegistrationFilter(
        QueryDict(query), queryset=queries.console_registrations(session), session=session
    ).qs
    return queries.neighbours(listed, pk)


def _filtered(request, session):
    return RegistrationFilter(
        request.GET or None, queryset=queries.console_registrations(session), session=session
    ).qs


@officer_required
def export(request, slug: str, fmt: str):
    """The console's registrations (its filters apply) with the columns chosen."""
    session = get_object_or_404(Session, slug=slug)
    columns = exports.chosen_columns(request.GET.getlist("column"))
    registrations = _filtered(request, session)
    if fmt == "xlsx":
        response = HttpResponse(
            exports.registrations_xlsx(registrations, columns),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(
            exports.registrations_csv(registrations, columns),
            content_type="text/csv; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="{session.slug}-registrations.{fmt}"'
    return response


@officer_required
def participants_list(request, slug: str):
    session = get_object_or_404(Session.objects.select_related("venue"), slug=slug)
    registrations = (
        Registration.objects.approved()
        .filter(session=session, consents_to_list=True)
        .select_related("entity", "delegation")
    )
    response = HttpResponse(
        exports.participants_list_pdf(session, registrations), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{session.slug}-participants.pdf"'
    return response


@login_required
def visa_letter(request, pk: int):
    """POST (officers): sign off the letter. GET: the signed letter, for officers and the
    person."""
    registration = get_object_or_404(
        Registration.objects.select_related("session__venue", "entity", "visa_letter_signed_by"),
        pk=pk,
    )
    officer = is_conference_officer(request.user)
    if request.method == "POST":
        if not officer:
            raise PermissionDenied
        try:
            personal_data.sign_visa_letter(registration, request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The visa support letter is signed off."))
        query, slug = _query_posted(request), registration.session.slug
        if request.POST.get("then") == "detail":  # signed off from the registration's page
            return redirect(_detail_url(slug, registration.pk, query))
        return redirect(_console_url(slug, query))
    if not (officer or registration.is_owned_by(request.user)):
        raise PermissionDenied
    if not registration.visa_letter_signed_at:
        raise Http404
    response = HttpResponse(exports.visa_letter_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="visa-letter-{registration.pk}.pdf"'
    return response
