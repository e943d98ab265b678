"""The Atom feed of a session's documents, read with a real feed parser: one entry per
published language version of general distribution, newest first, stable ids."""

import feedparser
import pytest
from django.urls import reverse

from documents import feeds, services
from tests.documents.common import document, upload
from tests.documents.conftest import General, Limited, Restricted

pytestmark = pytest.mark.django_db


def read(client, session):
    response = client.get(reverse("documents:feed", args=[session.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_each_general_published_language_version_is_an_entry(client, session, documents):
    document(session, "UNODC/CCPCJ/EG.10/2025/4", status="forthcoming")
    services.withdraw(document(session, "UNODC/CCPCJ/EG.10/2025/5"))

    entries = read(client, session).entries

    assert sorted(entry.title for entry in entries) == [
        "UNODC/CCPCJ/EG.10/2025/1 (English)",
        "UNODC/CCPCJ/EG.10/2025/1 (العربية)",
    ]
    general = documents[General]
    assert {entry.link for entry in entries} == {
        f"http://testserver{reverse('documents:file', args=[general.pk, code])}"
        for code in ("en", "ar")
    }
    for distribution in (Limited, Restricted):
        assert documents[distribution].symbol not in str(entries)


def test_the_newest_version_comes_first_and_ids_are_stable(client, session, documents):
    first = read(client, session)
    services.save_versions(documents[General], services.checked_versions({"fr": upload("fr.pdf")}))
    second = read(client, session)

    assert second.entries[0].title == "UNODC/CCPCJ/EG.10/2025/1 (Français)"
    assert {entry.id for entry in first.entries} <= {entry.id for entry in second.entries}
    assert len({entry.id for entry in second.entries}) == 3


def test_the_feed_names_the_session_and_links_its_page(client, session, documents):
    feed = read(client, session).feed

    assert feed.title == "Documents: Second meeting of the expert group"
    page = reverse("documents:session-documents", args=[session.slug])
    assert any(link.href == f"http://testserver{page}" for link in feed.links)


def test_the_feed_is_limited(client, session, documents, monkeypatch):
    monkeypatch.setattr(feeds, "FEED_ENTRIES", 1)

    assert len(read(client, session).entries) == 1


def test_an_unknown_session_has_no_feed(client):
    assert client.get("/sessions/no-such-session/documents/feed/").status_code == 404
