"""Statements sent for the interpreters: the upload's checks and who may send one, who
reads them before delivery (the booth view and the file), the mail for the next speakers,
and publication after delivery with the delegation's consent."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile
from documents.models import Document
from proceedings import booth, services, statements
from proceedings.models import Inscription, Statement
from sessions_app.models import Sitting
from tests.documents.common import docx_bytes, upload
from tests.factories import CoordinatorFactory, InterpreterFactory, OfficerFactory, UserFactory

from .conftest import inscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def austria(member):
    return member("Austria")


@pytest.fixture
def inscription(speakers_list, austria):
    return inscribe(speakers_list, austria)


@pytest.fixture
def interpreter(db):
    return InterpreterFactory()


def send(inscription, actor, content=None, name="statement.pdf", consent=True):
    return statements.upload(inscription, actor, upload(name, content), consent)


def booth_url(session, item_number=3):
    sitting = next(
        each
        for each in Sitting.objects.filter(session=session).order_by("start")
        if item_number in booth.item_numbers(each)
    )
    return reverse("proceedings:booth", args=[session.slug, sitting.pk])


def file_url(statement):
    return reverse("proceedings:statement-file", args=[statement.pk])


def statement_url(inscription):
    return reverse(
        "proceedings:statement", args=[inscription.speakers_list.session.slug, inscription.pk]
    )


# --- Upload --------------------------------------------------------------------------


def test_a_focal_point_sends_the_statement_of_their_delegation(inscription, austria):
    statement = send(inscription, austria.focal_point)

    assert (statement.extension, statement.consent_to_publish) == ("pdf", True)
    assert statement.file.read().startswith(b"%PDF-")


def test_the_file_is_kept_under_a_random_name_not_its_own(inscription, austria):
    statement = send(inscription, austria.focal_point, name="Austria statement Mr Huber.pdf")

    assert "Huber" not in statement.file.name and statement.file.name.startswith("statements/")


def test_a_word_document_is_taken(inscription, officer):
    statement = send(inscription, officer, docx_bytes(), name="statement.docx")

    assert statement.extension == "docx"


def test_a_file_that_is_not_a_pdf_nor_a_word_document_is_refused_and_nothing_kept(
    inscription, austria
):
    with pytest.raises(statements.StatementError) as refused:
        send(inscription, austria.focal_point, b"MZ\x90\x00 an executable", name="speech.pdf")

    assert refused.value.code == "file_refused"
    assert not Statement.objects.exists()


def test_a_file_larger_than_the_limit_is_refused(inscription, austria, settings):
    settings.DOCUMENT_MAX_BYTES = 100

    with pytest.raises(statements.StatementError, match="larger"):
        send(inscription, austria.focal_point)
    assert not Statement.objects.exists()


def test_a_word_document_with_macros_is_refused(inscription, austria):
    macros = docx_bytes(parts={"word/vbaProject.bin": b"\0"})

    with pytest.raises(statements.StatementError, match="active content"):
        send(inscription, austria.focal_point, macros, name="statement.docx")
    assert not Statement.objects.exists()


def test_a_new_upload_replaces_the_file_and_deletes_the_old_one(
    inscription, austria, django_capture_on_commit_callbacks
):
    first = send(inscription, austria.focal_point)
    storage, old_name = first.file.storage, first.file.name

    with django_capture_on_commit_callbacks(execute=True):
        second = send(inscription, austria.focal_point, consent=False)

    assert Statement.objects.get() == second and second.file.name != old_name
    assert not second.consent_to_publish
    assert not storage.exists(old_name)


def test_a_focal_point_of_another_delegation_may_not_send_it(inscription, member):
    other = member("Brazil")

    with pytest.raises(statements.StatementError) as refused:
        send(inscription, other.focal_point)

    assert refused.value.code == "not_focal_point"
    assert not Statement.objects.exists()


def test_an_interpreter_may_not_send_it(inscription, interpreter):
    with pytest.raises(statements.StatementError):
        send(inscription, interpreter)


def test_the_speaker_with_the_floor_may_still_get_their_statement(
    inscription, speakers_list, officer, austria
):
    services.give_floor(speakers_list, officer)

    assert send(inscription, austria.focal_point).pk


def test_no_statement_is_sent_after_delivery(inscription, speakers_list, officer, austria):
    services.give_floor(speakers_list, officer)
    services.end_statement(inscription, officer)

    with pytest.raises(statements.StatementError) as refused:
        send(inscription, austria.focal_point)

    assert refused.value.code == "delivered"
    assert not Statement.objects.exists()


def test_the_page_sends_the_statement(client, inscription, austria):
    client.force_login(austria.focal_point)

    response = client.post(
        statement_url(inscription),
        {"file": upload("statement.pdf"), "consent_to_publish": "on"},
    )

    assert response.status_code == 302
    assert Statement.objects.get().consent_to_publish


def test_the_page_shows_why_a_file_is_refused(client, inscription, austria):
    client.force_login(austria.focal_point)

    response = client.post(statement_url(inscription), {"file": upload("x.pdf", b"not a pdf")})

    assert response.status_code == 200
    assert "neither a PDF nor a Word document" in response.content.decode()
    assert not Statement.objects.exists()


def test_the_page_refuses_a_focal_point_of_another_delegation(client, inscription, member):
    client.force_login(member("Brazil").focal_point)

    response = client.post(statement_url(inscription), {"file": upload("statement.pdf")})

    assert response.status_code == 403
    assert not Statement.objects.exists()


def test_the_focal_point_sees_that_it_was_sent_but_not_the_file(client, inscription, austria):
    statement = send(inscription, austria.focal_point)
    client.force_login(austria.focal_point)

    page = client.get(statement_url(inscription)).content.decode()

    assert "Sent on" in page and file_url(statement) not in page


def test_the_api_takes_a_statement_in_multipart(client, inscription, austria, session):
    client.force_login(austria.focal_point)
    url = reverse("inscription-statement", args=[session.slug, 3, inscription.pk])

    response = client.post(url, {"file": upload("statement.pdf"), "consent_to_publish": "true"})

    assert response.status_code == 201, response.content
    assert response.json()["consent_to_publish"] is True


def test_the_api_refuses_a_file_that_is_not_a_document(client, inscription, austria, session):
    client.force_login(austria.focal_point)
    url = reverse("inscription-statement", args=[session.slug, 3, inscription.pk])

    response = client.post(url, {"file": upload("statement.pdf", b"plain text")})

    assert response.status_code == 409
    assert response.json()["code"] == "file_refused"
    assert not Statement.objects.exists()


# --- Who reads statements before delivery ----------------------------------------------


@pytest.mark.parametrize("reader", ["interpreter", "coordinator", "officer"])
def test_interpreters_coordinators_and_officers_see_the_booth_and_the_file(
    client, reader, inscription, austria, session
):
    factory = {
        "interpreter": InterpreterFactory,
        "coordinator": CoordinatorFactory,
        "officer": OfficerFactory,
    }[reader]
    client.force_login(factory())
    statement = send(inscription, austria.focal_point)

    booth = client.get(booth_url(session))
    download = client.get(file_url(statement))

    assert booth.status_code == 200 and file_url(statement) in booth.content.decode()
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert download["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("who", ["own focal point", "other focal point", "speaker", "stranger"])
def test_focal_points_and_participants_see_neither_the_booth_nor_the_file(
    client, who, inscription, austria, member, session
):
    statement = send(inscription, austria.focal_point)
    user = {
        "own focal point": lambda: austria.focal_point,
        "other focal point": lambda: member("Brazil").focal_point,
        "speaker": lambda: UserFactory(username=austria.speaker.email, email=austria.speaker.email),
        "stranger": UserFactory,
    }[who]()
    client.force_login(user)

    assert client.get(booth_url(session)).status_code == 403
    assert client.get(file_url(statement)).status_code == 403


def test_a_visitor_signed_out_is_sent_to_sign_in(client, inscription, austria, session):
    statement = send(inscription, austria.focal_point)

    assert client.get(file_url(statement)).status_code == 302
    assert client.get(booth_url(session)).status_code == 302


def test_the_booth_lists_the_upcoming_speakers_in_order_with_language_and_mode(
    client, interpreter, speakers_list, member, officer, session
):
    first, second, third = (member(name) for name in ("Austria", "Brazil", "Chile"))
    done = inscribe(speakers_list, first)
    inscribe(speakers_list, second, language="fr")
    inscribe(speakers_list, third, language="es", mode="online")
    services.give_floor(speakers_list, officer)
    services.end_statement(done, officer)
    services.give_floor(speakers_list, officer)
    client.force_login(interpreter)

    page = client.get(booth_url(session)).content.decode()

    assert "Austria" not in page  # spoke: no longer upcoming
    assert page.index("Brazil") < page.index("Chile")
    assert "French" in page and "Spanish" in page and "Online" in page


def test_the_booth_marks_a_recent_statement_new(client, interpreter, inscription, austria, session):
    statement = send(inscription, austria.focal_point)
    client.force_login(interpreter)

    assert 'class="badge new"' in client.get(booth_url(session)).content.decode()
    Statement.objects.filter(pk=statement.pk).update(
        uploaded_at=timezone.now() - timedelta(minutes=16)
    )
    assert 'class="badge new"' not in client.get(booth_url(session)).content.decode()


def test_the_booth_reads_in_the_same_queries_however_many_speakers(
    client, interpreter, speakers_list, member, session, django_assert_max_num_queries
):
    client.force_login(interpreter)
    for name in ("Austria", "Brazil"):
        speaker = member(name)
        send(inscribe(speakers_list, speaker), speaker.focal_point)
    with django_assert_max_num_queries(20) as few:
        client.get(booth_url(session))
    for name in ("Chile", "Denmark", "Egypt", "France"):
        speaker = member(name)
        send(inscribe(speakers_list, speaker), speaker.focal_point)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(booth_url(session))
    assert "France" in response.content.decode()


def test_a_sitting_without_the_item_shows_none_of_its_speakers(
    client, interpreter, inscription, session
):
    first_sitting = Sitting.objects.filter(session=session).order_by("start").first()
    client.force_login(interpreter)

    page = client.get(reverse("proceedings:booth", args=[session.slug, first_sitting.pk]))

    assert "Austria" not in page.content.decode()


# --- The mail for the next speakers ----------------------------------------------------


@pytest.fixture
def six(speakers_list, member):
    """Six delegations inscribed on item 3, in order."""
    names = ("Austria", "Brazil", "Chile", "Denmark", "Egypt", "France")
    members = [member(name) for name in names]
    return [(each, inscribe(speakers_list, each)) for each in members]


def test_a_statement_for_one_of_the_next_five_is_told_to_interpreters_and_coordinators(
    six, interpreter, django_capture_on_commit_callbacks
):
    coordinator = CoordinatorFactory()
    UserFactory()  # neither: not told
    fifth, inscription = six[4]

    with django_capture_on_commit_callbacks(execute=True):
        send(inscription, fifth.focal_point)

    assert sorted(m.to[0] for m in mail.outbox) == sorted([interpreter.email, coordinator.email])
    assert "Egypt" in mail.outbox[0].subject
    assert "/booth/" in mail.outbox[0].body


def test_a_statement_for_the_sixth_is_not_told(
    six, interpreter, django_capture_on_commit_callbacks
):
    sixth, inscription = six[5]

    with django_capture_on_commit_callbacks(execute=True):
        send(inscription, sixth.focal_point)

    assert mail.outbox == []


def test_the_speaker_with_the_floor_counts_among_the_next_five(
    six, interpreter, speakers_list, officer, django_capture_on_commit_callbacks
):
    services.give_floor(speakers_list, officer)
    services.end_statement(six[0][1], officer)  # Austria has spoken: France is fifth now
    sixth, inscription = six[5]

    with django_capture_on_commit_callbacks(execute=True):
        send(inscription, sixth.focal_point)

    assert [m.to[0] for m in mail.outbox] == [interpreter.email]


def test_the_mail_is_in_the_interpreters_language(
    six, interpreter, django_capture_on_commit_callbacks
):
    Profile.objects.create(user=interpreter, language="fr")
    first, inscription = six[0]

    with django_capture_on_commit_callbacks(execute=True):
        send(inscription, first.focal_point)

    assert "anglais" in mail.outbox[0].body.lower()  # the language of delivery, in French


# --- Publication after delivery --------------------------------------------------------


def delivered(inscription, speakers_list, officer):
    services.give_floor(speakers_list, officer)
    services.end_statement(inscription, officer)
    inscription.refresh_from_db()
    return inscription


def test_an_officer_publishes_a_delivered_statement_with_consent(
    inscription, austria, speakers_list, officer, session
):
    statement = send(inscription, austria.focal_point, consent=True)
    delivered(inscription, speakers_list, officer)

    document = statements.publish(statement, officer)

    assert document.kind == Document.Kind.STATEMENT
    assert document.status == Document.Status.PUBLISHED
    assert document.session == session and document.agenda_items == [3]
    assert "check against delivery" in document.title_en
    assert document.versions.get().language == "en"
    statement.refresh_from_db()
    assert statement.document == document


def test_the_published_statement_is_on_the_session_documents_page(
    client, inscription, austria, speakers_list, officer, session
):
    statement = send(inscription, austria.focal_point)
    delivered(inscription, speakers_list, officer)
    statements.publish(statement, officer)

    page = client.get(reverse("documents:session-documents", args=[session.slug]))

    assert "check against delivery" in page.content.decode()


def test_without_consent_it_is_not_published(inscription, austria, speakers_list, officer):
    statement = send(inscription, austria.focal_point, consent=False)
    delivered(inscription, speakers_list, officer)

    with pytest.raises(statements.StatementError) as refused:
        statements.publish(statement, officer)

    assert refused.value.code == "no_consent"
    assert not Document.objects.exists()


def test_before_delivery_it_is_not_published(inscription, austria, officer):
    statement = send(inscription, austria.focal_point)

    with pytest.raises(statements.StatementError) as refused:
        statements.publish(statement, officer)

    assert refused.value.code == "not_delivered"
    assert not Document.objects.exists()


def test_an_absent_speaker_s_statement_is_not_published(inscription, austria, officer):
    statement = send(inscription, austria.focal_point)
    services.mark_absent(inscription, officer)

    with pytest.raises(statements.StatementError):
        statements.publish(statement, officer)
    assert not Document.objects.exists()


@pytest.mark.parametrize("who", ["focal point", "interpreter"])
def test_only_officers_publish(who, inscription, austria, speakers_list, officer):
    statement = send(inscription, austria.focal_point)
    delivered(inscription, speakers_list, officer)
    actor = austria.focal_point if who == "focal point" else InterpreterFactory()

    with pytest.raises(statements.StatementError) as refused:
        statements.publish(statement, actor)

    assert refused.value.code == "not_an_officer"
    assert not Document.objects.exists()


def test_a_statement_is_published_once(inscription, austria, speakers_list, officer):
    statement = send(inscription, austria.focal_point)
    delivered(inscription, speakers_list, officer)
    statements.publish(statement, officer)

    with pytest.raises(statements.StatementError):
        statements.publish(statement, officer)
    assert Document.objects.count() == 1


def test_the_booth_offers_officers_the_delivered_statements_to_publish(
    client, inscription, austria, speakers_list, officer, session
):
    send(inscription, austria.focal_point)
    delivered(inscription, speakers_list, officer)
    client.force_login(officer)

    page = client.get(booth_url(session)).content.decode()

    assert statement_url(inscription) in page


def test_the_statement_page_offers_an_officer_to_publish(
    client, inscription, austria, speakers_list, officer
):
    statement = send(inscription, austria.focal_point)
    delivered(inscription, speakers_list, officer)
    client.force_login(officer)

    page = client.get(statement_url(inscription)).content.decode()

    assert reverse("proceedings:statement-publish", args=[statement.pk]) in page


def test_the_publish_button_refuses_a_focal_point(
    client, inscription, austria, speakers_list, officer
):
    statement = send(inscription, austria.focal_point)
    delivered(inscription, speakers_list, officer)
    client.force_login(austria.focal_point)

    response = client.post(reverse("proceedings:statement-publish", args=[statement.pk]))

    assert response.status_code == 403
    assert not Document.objects.exists()


def test_the_publish_button_publishes_for_an_officer(
    client, inscription, austria, speakers_list, officer
):
    statement = send(inscription, austria.focal_point)
    delivered(inscription, speakers_list, officer)
    client.force_login(officer)

    response = client.post(reverse("proceedings:statement-publish", args=[statement.pk]))

    assert response.status_code == 302
    assert Document.objects.get().kind == Document.Kind.STATEMENT
    assert Inscription.objects.get().state == Inscription.State.SPOKE
