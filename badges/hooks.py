"""What upper apps add to the attendance summary for the meeting report without badges
importing them: each registers a provider in its AppConfig.ready (online: the people who
joined the sittings online, beside those checked in at the gate, and a link to its page).

A provider takes the session and returns the HTML of its part of the page, in a fixed
number of queries whatever the number of participants."""

from collections.abc import Callable

from django.utils.safestring import SafeString

AttendanceProvider = Callable[[object], SafeString]

_providers: list[AttendanceProvider] = []


def add_attendance_provider(provider: AttendanceProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def attendance_parts(session) -> list[SafeString]:
    return [provider(session) for provider in _providers]
