"""The documents page of a session: what each reader sees, in agenda order, with a link
per language version (the reader's first), forthcoming, withdrawn and superseded ones
shown as such, written contributions grouped, `?items=` and a fixed number of queries."""

import re

import pytest
from django.urls import reverse

from documents import services
from tests.documents.common import document
from tests.documents.conftest import SEES_ALL, General, Limited, Restricted

pytestmark = pytest.mark.django_db


def page(client, session, user=None, query="", language=None):
    if user is not None:
        client.force_login(user)
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    response = client.get(
        reverse("documents:session-documents", args=[session.slug]) + query, **headers
    )
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", list(SEES_ALL))
def test_each_reader_sees_what_their_role_allows(client, session, documents, readers, role):
    html = page(client, session, readers[role])

    assert "A general document" in html
    for distribution in (Limited, Restricted):
        shown = f"A {distribution} document" in html
        file_link = reverse("documents:file", args=[documents[distribution].pk, "en"])
        assert shown is SEES_ALL[role], distribution
        assert (file_link in html) is SEES_ALL[role], distribution


def test_a_row_has_symbol_title_date_and_a_link_per_language_in_its_own_name(
    client, session, documents
):
    general = documents[General]
    html = page(client, session)

    assert "UNODC/CCPCJ/EG.10/2025/1" in html
    arabic = reverse("documents:file", args=[general.pk, "ar"])
    assert re.search(
        rf'<a href="{arabic}" lang="ar" hreflang="ar" dir="rtl"[^>]*>العربية</a>', html
    )
    assert 'hreflang="en" dir="ltr" type="application/pdf">English</a>' in html
    assert 'type="application/pdf"' in html


def test_the_readers_language_comes_first_and_english_otherwise(client, session, documents):
    english = page(client, session)
    arabic = page(client, session, language="ar")

    assert english.index(">English</a>") < english.index(">العربية</a>")
    assert arabic.index(">العربية</a>") < arabic.index(">English</a>")


def test_a_title_missing_in_the_readers_language_shows_in_english_marked(client, session):
    document(session, title_en="Working paper", title_fr="Document de travail")

    assert "Document de travail" in page(client, session, language="fr")
    assert '<span lang="en" dir="ltr">Working paper</span>' in page(client, session, language="ru")


def test_documents_are_in_agenda_order(client, session):
    document(session, "UNODC/CCPCJ/EG.10/2025/1", title_en="Of item three", agenda_items=[3])
    document(session, "UNODC/CCPCJ/EG.10/2025/2", title_en="The agenda", agenda_items=[])
    document(session, "UNODC/CCPCJ/EG.10/2025/3", title_en="Of item two", agenda_items=[2])
    html = page(client, session)

    assert html.index("The agenda") < html.index("Of item two") < html.index("Of item three")


def test_forthcoming_and_withdrawn_documents_are_listed_without_links(client, session):
    forthcoming = document(session, "UNODC/CCPCJ/EG.10/2025/4", status="forthcoming")
    withdrawn = services.withdraw(document(session, "UNODC/CCPCJ/EG.10/2025/5"))
    html = page(client, session)

    assert "Forthcoming" in html and "Withdrawn" in html
    for shown in (forthcoming, withdrawn):
        assert f"document-{shown.pk}" in html
        assert reverse("documents:file", args=[shown.pk, "en"]) not in html


def test_a_superseded_document_is_greyed_says_so_and_links_its_revision(client, session):
    original = document(session, "UNODC/CCPCJ/EG.10/2025/6")
    revision = document(session, "UNODC/CCPCJ/EG.10/2025/6/Rev.1")
    html = page(client, session)

    row = re.search(rf'<tr id="document-{original.pk}" class="([^"]+)">(.*?)</tr>', html, re.S)
    assert "status-superseded" in row[1]
    assert "Superseded by a revision" in row[2]
    assert f"#document-{revision.pk}" in row[2]
    assert "See UNODC/CCPCJ/EG.10/2025/6/Rev.1" in row[2]


def test_agenda_items_filter_keeps_the_documents_of_those_items(client, session, documents):
    document(session, "UNODC/CCPCJ/EG.10/2025/7", title_en="Of item three", agenda_items=[3])
    html = page(client, session, query="?items=2,3")

    assert "A general document" not in html  # of item 1
    assert "Of item three" in html
    assert "Documents of agenda items 2, 3 only." in html


def test_the_feed_is_linked_from_the_page(client, session):
    html = page(client, session)
    feed = reverse("documents:feed", args=[session.slug])

    assert f'<link rel="alternate" type="application/atom+xml" href="{feed}"' in html
    assert f'<a href="{feed}"' in html


def test_officers_see_the_upload_links_and_others_do_not(client, session, readers):
    new = reverse("documents:new", args=[session.slug])

    assert new not in page(client, session, readers["participant"])
    client.logout()
    assert new not in page(client, session)
    assert new in page(client, session, readers["officer"])
    assert reverse("documents:upload-set", args=[session.slug]) in page(client, session)


def test_a_document_of_another_session_is_not_listed(client, session):
    from tests.factories import SessionFactory

    document(SessionFactory(), "UNODC/CCPCJ/EG.10/2025/9", title_en="Elsewhere")

    assert "Elsewhere" not in page(client, session)


def test_an_unknown_session_is_not_found(client):
    assert client.get("/sessions/no-such-session/documents/").status_code == 404


@pytest.mark.parametrize("count", [10, 500])
def test_the_page_takes_the_same_queries_whatever_the_number_of_documents(
    client, session, readers, django_assert_num_queries, count
):
    from tests.documents.bulk import bulk_documents

    bulk_documents(session, count)
    client.force_login(readers["participant"])
    url = reverse("documents:session-documents", args=[session.slug])
    client.get(url)  # the session's first request loads what every request then has

    # The session row, the login session, the user, their groups, their approved
    # registration, then the documents (with entity and what they revise), their
    # versions and their revisions, and the session's calls for contributions: the same
    # for 10 and 500.
    with django_assert_num_queries(9):
        response = client.get(url)
    assert response.content.decode().count('hreflang="') == count * 3


def test_a_revision_a_reader_may_not_see_is_not_named_to_them(client, session):
    """A restricted revision of a general document is named neither on the page nor in the
    API to an anonymous reader; an officer sees both."""
    from django.test import Client

    from tests.factories import OfficerFactory

    original = document(session, symbol="E/CN.15/2024/17", title_en="The original")
    document(session, symbol="E/CN.15/2024/17/Rev.1", distribution="restricted")
    officer = Client()
    officer.force_login(OfficerFactory())

    page = client.get(f"/sessions/{session.slug}/documents/").text
    api = client.get(f"/api/v1/sessions/{session.slug}/documents/").json()["results"]

    assert "E/CN.15/2024/17/Rev.1" not in page
    assert [row["revised_by"] for row in api if row["id"] == original.pk] == [[]]
    assert "E/CN.15/2024/17/Rev.1" in officer.get(f"/sessions/{session.slug}/documents/").text


def test_an_open_call_for_contributions_is_announced_on_the_documents_page(client, session):
    from tests.documents.contribution_common import open_call

    call = open_call(session, title_en="Call for written contributions on reoffending")
    closed = open_call(session, title_en="An earlier call")
    closed.opens_at, closed.deadline = (
        closed.opens_at.replace(year=2020),
        closed.deadline.replace(year=2020),
    )
    closed.save()

    text = client.get(f"/sessions/{session.slug}/documents/").text

    assert f'href="/contributions/calls/{call.pk}/"' in text
    assert "An earlier call" not in text
