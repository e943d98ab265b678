"""The links documents adds to the session page and to each sitting (page and calendar
events), registered in sessions_app.hooks by DocumentsConfig.ready. No queries: a link
depends only on the session's slug and the sitting's agenda item numbers."""

from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext as _

from sessions_app.hooks import Link

from .queries import item_numbers


def documents_path(slug: str, items=()) -> str:
    path = _documents_page(get_script_prefix(), slug)
    return f"{path}?items={','.join(str(item) for item in items)}" if items else path


@lru_cache(maxsize=1024)
def _documents_page(prefix: str, slug: str) -> str:
    """Reversed once per session: a feed links it from each of its sittings."""
    return reverse("documents:session-documents", args=[slug])


def session_links(session) -> list[Link]:
    return [Link(_("Documents"), documents_path(session.slug))]


def sitting_links(sitting) -> list[Link]:
    """The documents of the sitting's agenda items, read from its English agenda (the
    numbers are the same in every language)."""
    agenda = getattr(sitting, "agenda_items_en", None) or sitting.agenda_items or ""
    items = item_numbers(agenda.splitlines())
    if not items:
        return []
    return [Link(_("Documents"), documents_path(sitting.session.slug, items))]
