"""What upper apps add to what an approved participant reads about their registration (their
page, the approval mail, the events of their personal calendar feed) without registration
importing them: each registers a provider here in its AppConfig.ready (interpretation: how
to listen in one's language)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Aggregate
from django.template.loader import render_to_string
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Guide:
    """One provider's part for one registration: a template pair, `<name>.html` for the page
    and `<name>.txt` for mail and calendar descriptions, and its context."""

    template: str  # without the extension
    context: dict = field(default_factory=dict)

    def html(self) -> SafeString:
        return render_to_string(f"{self.template}.html", self.context)

    def text(self) -> str:
        return render_to_string(f"{self.template}.txt", self.context).strip()


# Guides of registrations (approved ones: the callers ask for no others), by registration
# id, in a fixed number of queries whatever their number.
GuideProvider = Callable[[list], dict[int, Guide]]


@dataclass(frozen=True)
class _Provider:
    guides: GuideProvider
    feed_version: dict[str, Aggregate]


_providers: list[_Provider] = []


def add_guide_provider(guides: GuideProvider, feed_version: dict[str, Aggregate]) -> None:
    """Register a provider. `feed_version` names the aggregates over a person's sittings
    (relations from Sitting) whose change must change their personal feed's ETag, because
    the guides show what they hold."""
    if all(provider.guides is not guides for provider in _providers):
        _providers.append(_Provider(guides, feed_version))


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


def feed_version() -> dict[str, Aggregate]:
    return {name: value for provider in _providers for name, value in provider.feed_version.items()}


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
