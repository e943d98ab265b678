"""The pages of a session's lists of speakers: every agenda item's list in its order for
the session's officers, focal points and participants; focal points inscribe and withdraw
their delegation; officers open and close lists, let delegations inscribe more than once,
move speakers and inscribe any delegation. Thin: every rule is proceedings.services'."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import is_conference_officer, reads_statements
from core.confirm import confirm_first
from registration.delegations import may_manage
from registration.models import Delegation, Registration
from sessions_app.models import Session

from . import order, queries, services
from .forms import InscribeForm, MoveForm
from .models import Inscription, OrderChange, SpeakersList

State = Inscription.State


@dataclass
class Reader:
    """Who reads the page and what they may do: an officer, or a focal point of
    `delegations` (none for a participant)."""

    is_officer: bool
    delegations: list[Delegation]
    speakers: list[Registration]  # the delegations' approved members

    @property
    def may_inscribe(self) -> bool:
        return bool(self.delegations)

    def may_withdraw(self, inscription: Inscription) -> bool:
        return inscription.state == State.WAITING and (
            self.is_officer
            or any(delegation.pk == inscription.delegation_id for delegation in self.delegations)
        )


@dataclass
class Item:
    """One agenda item on the page: its list of speakers (None until an officer opens
    one), the speakers in order with their places, and the officer's changes of order."""

    agenda_item: queries.AgendaItem
    speakers_list: SpeakersList | None
    speakers: list[tuple[int, Inscription]] = field(default_factory=list)
    changes: list[OrderChange] = field(default_factory=list)
    withdrawable: set[int] = field(default_factory=set)  # ids the reader may withdraw
    inscribe_form: InscribeForm | None = None
    move_form: MoveForm | None = None

    @property
    def number(self) -> int:
        return self.agenda_item.number

    @property
    def waiting(self) -> list[tuple[int, Inscription]]:
        return [(place, each) for place, each in self.speakers if each.state == State.WAITING]


def _following(request, slug: str) -> Session:
    session = get_object_or_404(Session, slug=slug)
    if not services.may_follow(request.user, session):
        raise PermissionDenied
    return session


def _reader(user, session: Session) -> Reader:
    """Two queries: the delegations the reader may inscribe, and their approved members."""
    is_officer = is_conference_officer(user)
    delegations = Delegation.objects.filter(session=session).select_related("entity")
    if not is_officer:
        delegations = delegations.filter(focal_points=user)
    delegations = sorted(delegations, key=lambda delegation: delegation.entity.display_name)
    speakers = []
    if delegations:
        speakers = list(
            Registration.objects.approved()
            .filter(delegation__in=delegations)
            .select_related("entity")
            .order_by("family_name", "given_name", "pk")
        )
    return Reader(is_officer, delegations, speakers)


def _inscribe_form(session: Session, reader: Reader, item_number: int, data=None) -> InscribeForm:
    return InscribeForm(
        data,
        session=session,
        delegations=reader.delegations,
        speakers=reader.speakers,
        prefix=f"item{item_number}",
    )


def _move_form(item: Item, data=None) -> MoveForm:
    return MoveForm(
        data, waiting=item.waiting, places=len(item.speakers), prefix=f"move{item.number}"
    )


def _items(session: Session, reader: Reader) -> list[Item]:
    """Every agenda item with its list, in a fixed number of queries whatever the number of
    lists and inscriptions. A list whose item is no longer on the agenda is still shown."""
    agenda = queries.agenda(session)
    lists = {each.item_number: each for each in queries.lists_of(session)}
    by_level = queries.rules(session).by_level
    inscriptions = queries.session_inscriptions(session)
    changes = queries.session_order_changes(session) if reader.is_officer else {}
    items = []
    for number in sorted(agenda.keys() | lists.keys()):
        speakers_list = lists.get(number)
        item = Item(agenda.get(number) or queries.AgendaItem(number, ""), speakers_list)
        if speakers_list is not None:
            ordered = order.in_order(inscriptions.get(speakers_list.pk, []), by_level)
            item.speakers = list(enumerate(ordered, start=1))
            item.changes = changes.get(speakers_list.pk, [])
            item.withdrawable = {each.pk for each in ordered if reader.may_withdraw(each)}
            if speakers_list.is_open and reader.may_inscribe:
                item.inscribe_form = _inscribe_form(session, reader, number)
            if reader.is_officer and item.waiting:
                item.move_form = _move_form(item)
        items.append(item)
    return items


def _page(request, session: Session, reader: Reader, bound=None, status=200):
    """The page; `bound`: (item number, form name, form) of a form sent with errors."""
    items = _items(session, reader)
    if bound is not None:
        number, name, form = bound
        for item in items:
            if item.number == number:
                setattr(item, name, form)
    return render(
        request,
        "proceedings/lists.html",
        {
            "session": session,
            "items": items,
            "reader": reader,
            "rules": queries.rules(session),
            "explanation": order.EXPLANATION,
            "sittings": session.sittings.order_by("start", "pk"),
            "reads_statements": reads_statements(request.user),
        },
        status=status,
    )


def _back(session: Session, item_number: int | None = None):
    url = reverse("proceedings:lists", args=[session.slug])
    return redirect(f"{url}#item-{item_number}" if item_number else url)


@login_required
def lists(request, slug: str):
    session = _following(request, slug)
    return _page(request, session, _reader(request.user, session))


def _list(session: Session, item_number: int) -> SpeakersList:
    return get_object_or_404(
        SpeakersList.objects.select_related("session"), session=session, item_number=item_number
    )


@login_required
@require_POST
def inscribe(request, slug: str, item_number: int):
    session = _following(request, slug)
    reader = _reader(request.user, session)
    if not reader.may_inscribe:
        raise PermissionDenied
    speakers_list = _list(session, item_number)
    form = _inscribe_form(session, reader, item_number, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.inscribe(
                speakers_list,
                request.user,
                data["delegation"],
                data["speaker"],
                language=data["language"],
                mode=data["mode"],
                level=data["level"],
                on_behalf_of=data["on_behalf_of"],
                group_name=data["group_name"],
                kind=data["kind"],
            )
        except services.SpeakersListError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(delegation)s is inscribed on the list of item %(number)d.")
                % {"delegation": data["delegation"].entity.display_name, "number": item_number},
            )
            return _back(session, item_number)
    return _page(request, session, reader, (item_number, "inscribe_form", form), status=400)


def _inscription(request, slug: str, pk: int) -> Inscription:
    """An inscription of a list of the session, for a reader who may follow it."""
    session = _following(request, slug)
    return get_object_or_404(
        Inscription.objects.select_related(
            "speakers_list__session", "delegation__entity", "speaker"
        ),
        pk=pk,
        speakers_list__session=session,
    )


def _withdrawable(request, slug: str, pk: int) -> Inscription:
    inscription = _inscription(request, slug, pk)
    if not may_manage(request.user, inscription.delegation):
        raise PermissionDenied
    return inscription


def withdraw_question(request, slug: str, pk: int) -> str:
    inscription = _withdrawable(request, slug, pk)
    return _(
        "Withdraw %(speaker)s (%(delegation)s) from the list of speakers of item %(number)d?"
        " The place in the order is lost; inscribing again takes a new place."
    ) % {
        "speaker": inscription.speaker.full_name,
        "delegation": inscription.delegation.entity.display_name,
        "number": inscription.speakers_list.item_number,
    }


@login_required
@require_POST
@confirm_first(
    withdraw_question,
    cancel_url=lambda request, slug, pk: reverse("proceedings:lists", args=[slug]),
    confirm_label=lambda request, slug, pk: _("Withdraw"),
)
def withdraw(request, slug: str, pk: int):
    inscription = _withdrawable(request, slug, pk)
    try:
        services.withdraw(inscription, request.user)
    except services.SpeakersListError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The speaker is withdrawn from the list."))
    speakers_list = inscription.speakers_list
    return _back(speakers_list.session, speakers_list.item_number)


# --- Officers --------------------------------------------------------------------------


def _officer_session(request, slug: str) -> Session:
    session = get_object_or_404(Session, slug=slug)
    if not is_conference_officer(request.user):
        raise PermissionDenied
    return session


def _act(request, session: Session, item_number: int, change, done: str):
    """Run an officer's change of a list, telling what came of it."""
    try:
        change()
    except services.SpeakersListError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return _back(session, item_number)


@login_required
@require_POST
def open_list(request, slug: str, item_number: int):
    session = _officer_session(request, slug)
    return _act(
        request,
        session,
        item_number,
        lambda: services.open_list(session, item_number, request.user),
        _("The list of speakers of item %(number)d is open.") % {"number": item_number},
    )


@login_required
@require_POST
def close_list(request, slug: str, item_number: int):
    session = _officer_session(request, slug)
    speakers_list = _list(session, item_number)
    return _act(
        request,
        session,
        item_number,
        lambda: services.close_list(speakers_list, request.user),
        _("The list of speakers of item %(number)d is closed.") % {"number": item_number},
    )


@login_required
@require_POST
def allow_repeats(request, slug: str, item_number: int):
    session = _officer_session(request, slug)
    speakers_list = _list(session, item_number)
    allowed = request.POST.get("allowed") == "1"
    return _act(
        request,
        session,
        item_number,
        lambda: services.allow_repeats(speakers_list, allowed, request.user),
        _("Delegations may now inscribe more than once on this list.")
        if allowed
        else _("Delegations may now inscribe once on this list."),
    )


@login_required
@require_POST
def move(request, slug: str, item_number: int):
    session = _officer_session(request, slug)
    speakers_list = _list(session, item_number)
    reader = _reader(request.user, session)
    ordered = queries.in_order(speakers_list)
    item = Item(queries.AgendaItem(item_number, ""), speakers_list, list(enumerate(ordered, 1)))
    form = _move_form(item, request.POST)
    if form.is_valid():
        moving = next(each for each in ordered if each.pk == form.cleaned_data["inscription"])
        try:
            services.move(
                moving, form.cleaned_data["place"], request.user, form.cleaned_data["reason"]
            )
        except services.SpeakersListError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(speaker)s is moved to place %(place)d.")
                % {"speaker": moving.speaker.full_name, "place": form.cleaned_data["place"]},
            )
            return _back(session, item_number)
    return _page(request, session, reader, (item_number, "move_form", form), status=400)
