"""Who may read which documents, and the documents of a session as pages, the feed and the
API list them, in a fixed number of queries whatever their number."""

import re
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_conference_officer
from languages.official import OFFICIAL_LANGUAGE_CODES, un_code
from registration.models import Delegation, Entity, Registration
from registration.names import sort_key
from sessions_app.models import Session

from .models import Call, Document, DocumentFile

ITEM_NUMBER = re.compile(r"\s*(\d+)\s*[.)]")  # "3. Promising practices" is item 3


def sees_every_distribution(user, session: Session) -> bool:
    """Limited and restricted documents are for officers and the session's registered
    participants (an approved registration of theirs) and focal points, signed in."""
    if not user.is_authenticated:
        return False
    if is_conference_officer(user):
        return True
    return (
        Registration.objects.owned_by(user).approved().filter(session=session).exists()
        or Delegation.objects.filter(session=session, focal_points=user).exists()
    )


def readable(user, session: Session) -> QuerySet:
    """The session's documents this reader may see, with their versions and the published
    revisions they may see too (three queries when listed)."""
    documents = Document.objects.filter(session=session)
    if not sees_every_distribution(user, session):
        documents = documents.filter(distribution=Document.Distribution.GENERAL)
    revisions = documents.filter(status__in=(Document.Status.PUBLISHED, Document.Status.SUPERSEDED))
    return documents.select_related("revises", "entity").prefetch_related(
        Prefetch("versions", queryset=DocumentFile.objects.order_by("language")),
        Prefetch("revisions", queryset=revisions.order_by("symbol")),
    )


def agenda_order(documents) -> list[Document]:
    """Documents in the order of the agenda: by the first agenda item they belong to (those
    of no item first: the agenda itself, the information note), then by symbol."""

    def key(document: Document):
        items = agenda_numbers(document)
        return (items[0] if items else 0, document.symbol or "~", document.pk)

    return sorted(documents, key=key)


def _item_number(item) -> int:
    try:
        return int(str(item).strip().rstrip("."))
    except ValueError:
        return 10**6


def agenda_numbers(document: Document) -> list[int]:
    """The numbers of the agenda items the document belongs to, in order."""
    return sorted(_item_number(item) for item in document.agenda_items)


def item_numbers(agenda_lines: list[str]) -> list[int]:
    """The numbers of these agenda lines ("3. Promising practices…" is 3)."""
    return [int(match[1]) for line in agenda_lines if (match := ITEM_NUMBER.match(line))]


def translatable_content(session: Session) -> list:
    """The session's documents and calls whose titles the Secretariat translates (written
    contributions keep the language they were written in): sessions_app's content page
    lists them. Two queries."""
    documents = Document.objects.filter(session=session).exclude(
        kind=Document.Kind.WRITTEN_CONTRIBUTION
    )
    return [*agenda_order(documents), *Call.objects.filter(session=session)]


def parse_items(value: str | None) -> list[int]:
    """The agenda item numbers of `?items=2,3` (anything else ignored)."""
    return sorted({int(part) for part in (value or "").split(",") if part.strip().isdigit()})


def of_items(documents, items: list[int]) -> list[Document]:
    """The documents that belong to any of these agenda items (all of them for none)."""
    if not items:
        return list(documents)
    wanted = set(items)
    return [document for document in documents if wanted & set(agenda_numbers(document))]


def versions_for_reader(document: Document, language: str | None = None) -> list[DocumentFile]:
    """The document's language versions, the reader's language first, then in UN order."""
    language = language or un_code()
    return sorted(
        document.versions.all(),
        key=lambda version: (
            version.language != language,
            OFFICIAL_LANGUAGE_CODES.index(version.language),
        ),
    )


@dataclass(frozen=True)
class ContributionGroup:
    label: str
    documents: list


# As the UN lists contributors, which is not Entity.Kind's order: States first, then
# the UN's own entities and institutes, then other organisations.
CONTRIBUTION_ORDER = (
    (Entity.Kind.MEMBER_STATE, _("Member States")),
    (Entity.Kind.OBSERVER_STATE, _("Observer States")),
    (Entity.Kind.UN_ENTITY, _("United Nations entities")),
    (Entity.Kind.PNI, _("Institutes of the programme network")),
    (Entity.Kind.IGO, _("Intergovernmental organizations")),
    (Entity.Kind.NGO, _("Non-governmental organizations")),
)


def contribution_groups(documents) -> list[ContributionGroup]:
    """Written contributions grouped as the UN lists them (CONTRIBUTION_ORDER, any other
    contributor last), each group in the alphabetical order of the entities' names in the
    reader's language, as each language version of a UN list is kept; empty groups left
    out."""
    order = {kind: index for index, (kind, _label) in enumerate(CONTRIBUTION_ORDER)}
    groups: dict[int, list] = {}
    for document in documents:
        kind = document.entity.kind if document.entity else None
        groups.setdefault(order.get(kind, len(order)), []).append(document)
    labels = [label for _kind, label in CONTRIBUTION_ORDER] + [_("Other contributors")]

    def key(document: Document):
        name = document.entity.display_name if document.entity else ""
        return (sort_key(name), document.symbol, document.pk)

    return [
        ContributionGroup(labels[index], sorted(groups[index], key=key)) for index in sorted(groups)
    ]
