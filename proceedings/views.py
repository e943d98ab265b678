"""The live pages of the lists of speakers: the display for the room's screen and online
participants, and the Chair's console per sitting (its buttons post to `console_action`,
which calls the services; every open page then gets the change through proceedings.live)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.decorators import officer_required
from documents.queries import item_numbers
from languages.official import OFFICIAL_LANGUAGES
from registration.models import Registration
from sessions_app.models import Session, Sitting

from . import live, queries, services
from .models import Inscription, SpeakersList


@login_required
def display(request, slug: str):
    session = get_object_or_404(Session, slug=slug)
    if not services.may_follow(request.user, session):
        raise PermissionDenied
    return render(request, "proceedings/live.html", live.page_context(session))


def _sitting(slug: str, pk: int) -> Sitting:
    return get_object_or_404(Sitting.objects.select_related("session"), session__slug=slug, pk=pk)


def _console_context(sitting: Sitting) -> dict:
    session = sitting.session
    numbers = item_numbers(sitting.agenda_item_list)
    lists = {each.item_number: each for each in queries.lists_of(session)}
    agenda = queries.agenda(session)
    context = live.page_context(session)
    context.update(
        sitting=sitting,
        items=[(agenda[n], lists.get(n)) for n in numbers if n in agenda],
        repliers=Registration.objects.approved()
        .filter(session=session, delegation__isnull=False)
        .select_related("delegation__entity")
        .order_by("delegation__entity__name", "family_name", "given_name"),
        delivery_languages=OFFICIAL_LANGUAGES,
    )
    return context


@officer_required
def console(request, slug: str, pk: int):
    return render(request, "proceedings/console.html", _console_context(_sitting(slug, pk)))


@officer_required
def console_state(request, slug: str, pk: int):
    """The console's changing part, fetched by the page at each change."""
    return render(request, "proceedings/_console_floor.html", _console_context(_sitting(slug, pk)))


def _take_up(request, session):
    services.take_up(_list(request, session), request.user)


def _open(request, session):
    services.open_list(session, _number(request.POST.get("item")), request.user)


def _give_floor(request, session):
    services.give_floor(_list(request, session), request.user)


def _start(request, session):
    services.start_timer(_inscription(request, session), request.user)


def _pause(request, session):
    services.pause_timer(_inscription(request, session), request.user)


def _stop(request, session):
    services.end_statement(_inscription(request, session), request.user)


def _absent(request, session):
    services.mark_absent(_inscription(request, session), request.user)


def _reply(request, session):
    speaker = get_object_or_404(
        Registration.objects.select_related("delegation"),
        session=session,
        delegation__isnull=False,
        pk=_number(request.POST.get("speaker")),
    )
    services.inscribe(
        _list(request, session),
        request.user,
        speaker.delegation,
        speaker,
        language=request.POST.get("language") or speaker.speaking_language,
        kind=Inscription.Kind.RIGHT_OF_REPLY,
    )


ACTIONS = {
    "take-up": _take_up,
    "open": _open,
    "give-floor": _give_floor,
    "start": _start,
    "pause": _pause,
    "stop": _stop,
    "absent": _absent,
    "reply": _reply,
}


def _number(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def _list(request, session) -> SpeakersList:
    return get_object_or_404(SpeakersList, session=session, pk=_number(request.POST.get("list")))


def _inscription(request, session) -> Inscription:
    return get_object_or_404(
        Inscription.objects.select_related("speakers_list"),
        speakers_list__session=session,
        pk=_number(request.POST.get("inscription")),
    )


@officer_required
@require_POST
def console_action(request, slug: str, pk: int, action: str):
    sitting = _sitting(slug, pk)
    if action not in ACTIONS:
        raise Http404
    try:
        ACTIONS[action](request, sitting.session)
    except services.SpeakersListError as error:
        messages.error(request, error.message)
    return redirect("proceedings:console", slug, pk)
