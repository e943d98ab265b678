"""An Atom feed per session of its new documents and language versions, so that Missions
learn of each: general distribution only (a feed reader signs in as no one), newest
first, each language version one entry whose id stays the same until its file is
replaced."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from languages.content import content_value
from languages.official import OWN_NAMES
from sessions_app.models import Session

from .models import Document, DocumentFile

FEED_ENTRIES = 50


class SessionDocumentsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug: str) -> Session:
        return get_object_or_404(Session, slug=slug)

    def title(self, session: Session) -> str:
        return _("Documents: %(session)s") % {"session": session.title}

    def subtitle(self, session: Session) -> str:
        return _("New documents and language versions of the %(session)s.") % {
            "session": session.title
        }

    def link(self, session: Session) -> str:
        return reverse("documents:session-documents", args=[session.slug])

    def feed_url(self, session: Session) -> str:
        return reverse("documents:feed", args=[session.slug])

    def items(self, session: Session):
        return (
            DocumentFile.objects.filter(
                document__session=session,
                document__distribution=Document.Distribution.GENERAL,
                document__status__in=[Document.Status.PUBLISHED, Document.Status.SUPERSEDED],
            )
            .select_related("document")
            # By upload: a change to the document (a version added, a revision published)
            # must not make its other versions new again. A feed reader shows an entry it
            # has not seen (a document published after its files came) whatever its date.
            .order_by("-uploaded_at", "-pk")[:FEED_ENTRIES]
        )

    def item_title(self, version: DocumentFile) -> str:
        document = version.document
        name = document.symbol or content_value(document, "title")[0]
        return f"{name} ({OWN_NAMES[version.language]})"

    def item_description(self, version: DocumentFile) -> str:
        return content_value(version.document, "title")[0]

    def item_link(self, version: DocumentFile) -> str:
        return reverse("documents:file", args=[version.document_id, version.language])

    def item_guid(self, version: DocumentFile) -> str:
        # A tag URI: the same version keeps it; a replaced file is a new entry.
        host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
        stamp = version.uploaded_at.strftime("%Y%m%d%H%M%S%f")
        return f"tag:{host},2024:document-file-{version.pk}-{stamp}"

    item_guid_is_permalink = False

    def item_pubdate(self, version: DocumentFile):
        return version.uploaded_at

    def item_updateddate(self, version: DocumentFile):
        return version.uploaded_at
