from datetime import date, timedelta
from urllib.parse import quote, urlencode

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import feed_tokens
from accounts.decorators import officer_required
from accounts.roles import is_conference_officer
from core.confirm import confirm_first
from core.errors import DomainError

from . import content_units, hooks, queries, services
from .forms import BookingForm
from .models import Booking, Series

ROOM_PAGE_DAYS = 14


def home(request):
    """Sessions open for registration first, with a call to register; then those to come;
    then past ones, newest first."""
    series_list = list(Series.objects.all())
    return render(
        request,
        "sessions_app/home.html",
        {
            "sessions": queries.home_sessions(),
            "series_list": series_list,
            "several_series": len(series_list) > 1,
        },
    )


def session_detail(request, slug: str):
    session = get_object_or_404(queries.session_detail(), slug=slug)
    days = queries.by_local_day(queries.programme(session), session.tzinfo)
    for _day, sittings in days:
        for sitting in sittings:
            sitting.links = hooks.sitting_links(sitting)
    missing = None
    if is_conference_officer(request.user):
        missing = sum(content_units.missing_counts(content_units.session_units(session)).values())
    return render(
        request,
        "sessions_app/session_detail.html",
        {
            "session": session,
            "days": days,
            "feed": subscribe_links(
                request, reverse("sessions_app:session-feed", args=[slug]), public=True
            ),
            "missing_translations": missing,
            "session_links": hooks.session_links(session),
        },
    )


def room_feeds(request, token: str) -> list[tuple]:
    """Each room with the links to its feed, for an officer's calendar token (calendar apps
    cannot sign in): shown only when the token is made, since only its digest is kept."""
    return [
        (
            room,
            subscribe_links(
                request, f"{reverse('sessions_app:room-feed', args=[room.slug])}?token={token}"
            ),
        )
        for room in queries.rooms()
    ]


def subscribe_links(request, path: str, public: bool = False) -> dict[str, str]:
    """Links to subscribe to a feed: webcal:// for Apple and Outlook, Google Calendar's
    add-by-URL with the https:// address, and the plain file. A public feed's carry the
    page's language (`lang=`), which calendar apps do not send; a personal feed is in
    its owner's chosen language."""
    if public:
        path += ("&" if "?" in path else "?") + urlencode({"lang": get_language()})
    url = request.build_absolute_uri(path)
    return {
        "url": url,
        "webcal": "webcal://" + url.split("://", 1)[1],
        "google": "https://calendar.google.com/calendar/r?cid=" + quote(url, safe=""),
    }


def room_list(request):
    return render(request, "sessions_app/room_list.html", {"rooms": queries.rooms()})


def room_detail(request, slug: str):
    """The room and its bookings by day, from `?from=` (default today) for two weeks.
    Only officers see what a booking is for; others see that the room is taken."""
    room = get_object_or_404(queries.rooms(), slug=slug)
    first_day = _parse_day(request.GET.get("from")) or timezone.localdate(
        timezone=room.venue.tzinfo
    )
    last_day = first_day + timedelta(days=ROOM_PAGE_DAYS - 1)
    bookings = queries.room_bookings(room, first_day, last_day)
    officer = is_conference_officer(request.user)
    return render(
        request,
        "sessions_app/room_detail.html",
        {
            "room": room,
            "first_day": first_day,
            "last_day": last_day,
            "previous_day": first_day - timedelta(days=ROOM_PAGE_DAYS),
            "next_day": last_day + timedelta(days=1),
            "days": queries.by_local_day(bookings, room.venue.tzinfo),
            "show_purpose": officer,
            # Replacing an existing calendar link asks first (data-confirm).
            "has_feed_link": officer and feed_tokens.has_token(request.user),
        },
    )


@officer_required
def room_week(request, slug: str):
    room = get_object_or_404(queries.rooms(), slug=slug)
    day = _parse_day(request.GET.get("week")) or timezone.localdate(timezone=room.venue.tzinfo)
    monday = day - timedelta(days=day.weekday())
    return render(
        request,
        "sessions_app/room_week.html",
        {
            "room": room,
            "monday": monday,
            "previous_week": monday - timedelta(days=7),
            "next_week": monday + timedelta(days=7),
            "days": queries.week_of_bookings(room, monday),
        },
    )


@officer_required
def book_room(request, slug: str):
    room = get_object_or_404(queries.rooms(), slug=slug)
    form = BookingForm(request.POST or None, room=room, initial={"day": request.GET.get("day")})
    if request.method == "POST" and form.is_valid():
        form.booking.booked_by = request.user
        try:
            booking = services.save_booking(form.booking)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Booked: %(booking)s.") % {"booking": booking})
            return redirect(_week_of(booking))
    return render(request, "sessions_app/book_room.html", {"room": room, "form": form})


@officer_required
@require_POST
@confirm_first(
    lambda request, pk: _("Cancel this booking? The room becomes free for others."),
    cancel_url=lambda request, pk: _week_of(get_object_or_404(Booking, pk=pk)),
    confirm_label=lambda request, pk: _("Cancel booking"),
)
def cancel_booking(request, pk: int):
    booking = get_object_or_404(Booking.objects.select_related("room__venue"), pk=pk)
    services.cancel_booking(booking)
    messages.success(request, _("Cancelled: %(booking)s.") % {"booking": booking})
    return redirect(_week_of(booking))


def _week_of(booking: Booking) -> str:
    local_day = timezone.localtime(booking.start, booking.room.venue.tzinfo).date()
    return f"{reverse('sessions_app:room-week', args=[booking.room.slug])}?week={local_day}"


def _parse_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
