"""Who may read which documents, and the documents of a session as pages, the feed and the
API list them, in a fixed number of queries whatever their number."""

import re

from django.db.models import Prefetch, QuerySet

from accounts.roles import is_conference_officer
from registration.models import Delegation, Registration, owner_q
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
        Registration.objects.approved().filter(owner_q(user), session=session).exists()
        or Delegation.objects.filter(session=session, focal_points=user).exists()
    )


def readable(user, session: Session) -> QuerySet:
    """The session's documents this reader may see, with their versions and what they
    revise (two queries when listed)."""
    documents = Document.objects.filter(session=session).select_related("revises", "entity")
    if not sees_every_distribution(user, session):
        documents = documents.filter(distribution=Document.Distribution.GENERAL)
    return documents.prefetch_related(
        Prefetch("versions", queryset=DocumentFile.objects.order_by("language")),
        Prefetch("revisions", queryset=Document.objects.order_by("symbol")),
    )


def agenda_order(documents) -> list[Document]:
    """Documents in the order of the agenda: by the first agenda item they belong to (those
    of no item first: the agenda itself, the information note), then by symbol."""

    def key(document: Document):
        items = sorted(_item_number(item) for item in document.agenda_items)
        return (items[0] if items else 0, document.symbol or "~", document.pk)

    return sorted(documents, key=key)


def _item_number(item) -> int:
    try:
        return int(str(item).strip().rstrip("."))
    except ValueError:
        return 10**6


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
