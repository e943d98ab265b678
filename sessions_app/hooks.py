"""Links that upper apps add to a session's page and to each sitting (on the page and in
its calendar events) without this app importing them: each registers a provider in its
AppConfig.ready (documents: the documents of the session and of a sitting's agenda items).

A provider must not query the database: the session page keeps a fixed number of
queries, and a sitting's cached calendar event (calendars.sitting_events) is keyed by the
sitting's own fields and its session's only, so a link may depend on nothing else (the
session's slug, the sitting's agenda)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    label: str  # shown as it is: translated by the provider
    path: str  # absolute path on this site: /sessions/ieg-1/documents/


SessionLinks = Callable[[object], list[Link]]
SittingLinks = Callable[[object], list[Link]]

_session_providers: list[SessionLinks] = []
_sitting_providers: list[SittingLinks] = []


def add_session_links(provider: SessionLinks) -> None:
    if provider not in _session_providers:
        _session_providers.append(provider)


def add_sitting_links(provider: SittingLinks) -> None:
    if provider not in _sitting_providers:
        _sitting_providers.append(provider)


def session_links(session) -> list[Link]:
    return [link for provider in _session_providers for link in provider(session)]


def sitting_links(sitting) -> list[Link]:
    return [link for provider in _sitting_providers for link in provider(sitting)]
