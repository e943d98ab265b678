"""What upper apps add to what an approved participant reads about their registration (their
page, the approval mail, the events of their personal calendar feed) and to what an officer
sees of it in the console, without registration importing them: each registers a provider
here in its AppConfig.ready (interpretation: how to listen in one's language)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Panel:
    """One provider's part of a page: a template `<name>.html` and its context."""

    template: str  # without the extension
    context: dict = field(default_factory=dict)

    def html(self, request=None) -> SafeString:
        """With the request on a page (its forms need their CSRF token)."""
        return render_to_string(f"{self.template}.html", self.context, request=request)


@dataclass(frozen=True)
class Guide(Panel):
    """One provider's part for one registration: `<name>.html` for the page and `<name>.txt`
    for mail, and, in short, for each event of the personal calendar feed."""

    def text(self, note: bool = False) -> str:
        return render_to_string(f"{self.template}.txt", {**self.context, "note": note}).strip()

    def note(self) -> str:
        """The short form (`note` is true in the template's context): what the person needs
        at the moment of the event; the rest is on their registration page."""
        return self.text(note=True)


# Guides of registrations (approved ones: the callers ask for no others), by registration
# id, in a fixed number of queries whatever their number.
GuideProvider = Callable[[list], dict[int, Guide]]


@dataclass(frozen=True)
class _Provider:
    guides: GuideProvider
    stamps: tuple[str, ...]


_providers: list[_Provider] = []


def add_guide_provider(guides: GuideProvider, stamps: tuple[str, ...]) -> None:
    """Register a provider. `stamps` names the times (paths from Sitting) whose change must
    change a person's feed, because the guides show what their rows hold; `mine` reaches
    the person's own approved registration of the sitting's session (registration.feeds)."""
    if isinstance(stamps, str):
        raise TypeError("stamps is a tuple of paths, not one path.")
    if all(provider.guides is not guides for provider in _providers):
        _providers.append(_Provider(guides, tuple(stamps)))


# The address of each registration's sittings in the person's own calendar feed (online:
# their personal join link), by registration id, for those that have one; in a fixed
# number of queries, and the registrations are the same objects the guide providers got.
EventUrlProvider = Callable[[list], dict[int, str]]

_event_url_providers: list[EventUrlProvider] = []


def add_event_url_provider(provider: EventUrlProvider) -> None:
    """Register a provider of the events' URL in personal feeds (its change must change the
    feed's version: name its time in add_guide_provider's `stamps`)."""
    if all(known is not provider for known in _event_url_providers):
        _event_url_providers.append(provider)


def event_urls(registrations) -> dict[int, str]:
    """The event URL of each registration that has one, by registration id (the first
    provider's wins); the others keep the session's page."""
    found: dict[int, str] = {}
    for provider in _event_url_providers:
        for pk, url in provider(list(registrations)).items():
            found.setdefault(pk, url)
    return found


def guides(registrations) -> dict[int, list[Guide]]:
    """Every provider's guide of each registration, by registration id."""
    registrations = list(registrations)
    found: dict[int, list[Guide]] = {registration.pk: [] for registration in registrations}
    for provider in _providers:
        for pk, guide in provider.guides(registrations).items():
            found[pk].append(guide)
    return found


def guides_of(registration) -> list[Guide]:
    return guides([registration])[registration.pk]


def feed_stamps() -> tuple[str, ...]:
    return tuple(path for provider in _providers for path in provider.stamps)


# --- Fields of the registration API ------------------------------------------------------
# Upper apps add read-only fields to the registration API's answers (online: the person's
# join link), each a serializer field over the whole registration (source="*") that
# decides itself whom it shows its value to (the request is in its context), and the
# relations it reads, which the API's querysets select with the registrations so that a
# list keeps a fixed number of queries.


@dataclass(frozen=True)
class _ApiField:
    make: Callable[[], object]  # a new serializer field
    related: tuple[str, ...]


_api_fields: dict[str, _ApiField] = {}


def add_api_field(name: str, make: Callable[[], object], related: tuple[str, ...] = ()) -> None:
    _api_fields[name] = _ApiField(make, related)


def api_fields() -> dict[str, object]:
    return {name: field.make() for name, field in _api_fields.items()}


def api_related() -> list[str]:
    return [name for field in _api_fields.values() for name in field.related]


# --- Panels of the console's registration page ------------------------------------------
# Upper apps add to what an officer sees of one registration (online: the state of the
# person's join link and a button to replace it), each a panel or None where it has
# nothing to show, in a fixed number of queries.
ConsolePanelProvider = Callable[[object], Panel | None]

_console_panel_providers: list[ConsolePanelProvider] = []


def add_console_panel_provider(provider: ConsolePanelProvider) -> None:
    if all(known is not provider for known in _console_panel_providers):
        _console_panel_providers.append(provider)


def console_panels(registration) -> list[Panel]:
    return [
        panel
        for provider in _console_panel_providers
        if (panel := provider(registration)) is not None
    ]
