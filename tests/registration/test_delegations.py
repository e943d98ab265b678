import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import formats, timezone
from openpyxl import Workbook
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject
from reportlab.pdfgen import canvas

from registration import delegations, services
from registration.models import DelegationInvitation, Registration
from tests.factories import EntityFactory, UserFactory, register

pytestmark = pytest.mark.django_db
HEADER = "salutation,given_name,family_name,email,participation_mode,nationality,consents_to_list"


@pytest.fixture
def session(open_session):
    open_session.in_person_capacity = 10
    open_session.save()
    return open_session


def pdf_bytes(active=None) -> bytes:
    """A one-page PDF; `active(writer)` adds active content to it."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if active:
        active(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def action(kind: str, **entries) -> DictionaryObject:
    return DictionaryObject(
        {NameObject("/S"): NameObject(kind)}
        | {NameObject(f"/{key}"): value for key, value in entries.items()}
    )


def open_action(writer, value) -> None:
    writer._root_object[NameObject("/OpenAction")] = value


def javascript_on_open(writer) -> None:
    open_action(writer, action("/JavaScript", JS=TextStringObject("app.alert('hello');")))


def document_javascript(writer) -> None:
    script = writer._add_object(action("/JavaScript", JS=TextStringObject("app.alert(1);")))
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {
            NameObject("/JavaScript"): DictionaryObject(
                {NameObject("/Names"): ArrayObject([TextStringObject("hello"), script])}
            )
        }
    )


def page_additional_action(writer) -> None:
    page = writer.pages[0]
    page[NameObject("/AA")] = DictionaryObject(
        {NameObject("/O"): action("/JavaScript", JS=TextStringObject("this.print();"))}
    )


def launch_on_open(writer) -> None:
    open_action(writer, action("/Launch", F=TextStringObject("calc.exe")))


def go_to_first_page_on_open(writer) -> None:
    open_action(writer, ArrayObject([writer.pages[0].indirect_reference, NameObject("/Fit")]))


def csv_file(*rows: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("members.csv", "\n".join([HEADER, *rows]).encode())


def test_focal_point_sees_their_delegation(delegate_client, delegation):
    register(delegation.session, delegation.entity, family_name="Gruber")

    response = delegate_client.get(f"/delegations/{delegation.pk}/")

    assert "GRUBER" in response.text


def test_another_user_cannot_see_the_delegation(client, delegation):
    client.force_login(UserFactory())

    assert client.get(f"/delegations/{delegation.pk}/").status_code == 403


def test_officer_sees_any_delegation(officer_client, delegation):
    assert officer_client.get(f"/delegations/{delegation.pk}/").status_code == 200


def test_focal_point_adds_a_member(delegate_client, delegation):
    delegate_client.post(
        f"/delegations/{delegation.pk}/members/",
        {
            "email": "lukas@example.org",
            "participation_mode": "online",
            "salutation": "Mr.",
            "given_name": "Lukas",
            "family_name": "Gruber",
        },
    )

    member = Registration.objects.get()
    assert (member.delegation, member.participant) == (delegation, None)


def test_another_user_cannot_add_members(client, delegation):
    client.force_login(UserFactory())

    response = client.post(
        f"/delegations/{delegation.pk}/members/",
        {
            "email": "x@example.org",
            "participation_mode": "online",
            "salutation": "Mr.",
            "given_name": "X",
            "family_name": "Y",
        },
    )

    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_a_good_csv_sheet_registers_everyone(delegate, delegation):
    EntityFactory(name="Jordan", code="JOR")
    sheet = csv_file(
        "Ms.,Amina,Haddad,amina@example.org,in_person,JOR,yes",
        "Mr.,Lukas,Gruber,lukas@example.org,online,,no",
    )

    registered = delegations.import_members(delegation, sheet, delegate)

    assert [r.family_name for r in registered] == ["Haddad", "Gruber"]
    assert registered[0].nationality.code == "JOR" and registered[0].consents_to_list


def test_an_excel_sheet_is_read_too(delegate, delegation):
    book = Workbook()
    book.active.append(HEADER.split(","))
    book.active.append(["Ms.", "Anna", "Wagner", "anna@example.org", "in_person", None, "no"])
    content = io.BytesIO()
    book.save(content)

    registered = delegations.import_members(
        delegation, SimpleUploadedFile("members.xlsx", content.getvalue()), delegate
    )

    assert registered[0].family_name == "Wagner"


def test_a_sheet_with_a_bad_row_is_refused_whole_with_a_message_per_row(delegate, delegation):
    sheet = csv_file(
        "Ms.,Amina,Haddad,amina@example.org,in_person,,yes",
        "Mrs,Lukas,,not-an-email,by pigeon,XXX,perhaps",
    )

    with pytest.raises(delegations.SheetError) as refused:
        delegations.import_members(delegation, sheet, delegate)

    problems = {(error.row, error.column) for error in refused.value.errors}
    assert problems == {
        (3, "salutation"),
        (3, "family_name"),
        (3, "email"),
        (3, "participation_mode"),
        (3, "nationality"),
        (3, "consents_to_list"),
    }
    assert not Registration.objects.exists()


def test_duplicate_emails_in_a_sheet_are_refused(delegate, delegation):
    sheet = csv_file(
        "Ms.,Amina,Haddad,amina@example.org,in_person,,yes",
        "Ms.,Amina,Haddad,Amina@example.org,online,,yes",
    )

    with pytest.raises(delegations.SheetError) as refused:
        delegations.import_members(delegation, sheet, delegate)

    assert [(e.row, e.column) for e in refused.value.errors] == [(3, "email")]


def test_someone_already_registered_is_refused(delegate, delegation):
    register(delegation.session, email="amina@example.org")

    with pytest.raises(delegations.SheetError):
        delegations.import_members(
            delegation, csv_file("Ms.,Amina,Haddad,amina@example.org,in_person,,yes"), delegate
        )

    assert Registration.objects.count() == 1


def test_unknown_columns_are_refused(delegate, delegation):
    sheet = SimpleUploadedFile("members.csv", b"given_name,family_name,passport\nA,B,C\n")

    with pytest.raises(delegations.SheetError) as refused:
        delegations.import_members(delegation, sheet, delegate)

    assert (1, "passport") in {(e.row, e.column) for e in refused.value.errors}


def member_rows(count: int, start: int = 0) -> list[str]:
    return [f"Ms.,Anna,Wagner{n},anna{n}@example.org,online,AUT,no" for n in range(start, count)]


def counting(monkeypatch, reader: str) -> list:
    """The rows that the sheet's reader gives, as they are read."""
    read, real = [], getattr(delegations, reader)

    def counted(uploaded):
        for row in real(uploaded):
            read.append(row)
            yield row

    monkeypatch.setattr(delegations, reader, counted)
    return read


def xlsx_file(rows: list[list[str]]) -> SimpleUploadedFile:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in rows:
        sheet.append(row)
    content = io.BytesIO()
    book.save(content)
    return SimpleUploadedFile("members.xlsx", content.getvalue())


def test_a_sheet_of_500_members_is_read_whole():
    assert len(delegations.read_sheet(csv_file(*member_rows(500)))) == 500


def test_a_csv_sheet_over_the_row_limit_is_refused_reading_only_up_to_the_limit(monkeypatch):
    read = counting(monkeypatch, "_csv_rows")

    with pytest.raises(delegations.SheetError, match="1 problems") as refused:
        delegations.read_sheet(csv_file(*member_rows(20_000)))

    assert "At most 500 rows" in refused.value.errors[0].message
    assert len(read) == 502  # the header, 500 members, and the one too many


def test_an_excel_sheet_over_the_row_limit_is_refused_reading_only_up_to_the_limit(monkeypatch):
    read = counting(monkeypatch, "_xlsx_rows")
    sheet = xlsx_file([HEADER.split(","), *(row.split(",") for row in member_rows(8000))])

    with pytest.raises(delegations.SheetError) as refused:
        delegations.read_sheet(sheet)

    assert "At most 500 rows" in refused.value.errors[0].message
    assert len(read) == 502


def test_blank_rows_are_read_up_to_a_bound_of_their_own(monkeypatch):
    read = counting(monkeypatch, "_csv_rows")
    blank = [","] * 50_000

    with pytest.raises(delegations.SheetError) as refused:
        delegations.read_sheet(csv_file(*blank, *member_rows(1)))

    assert "At most 500 rows" in refused.value.errors[0].message
    assert len(read) == delegations.MAX_SHEET_LINES + 1


def test_a_sheet_over_the_size_limit_is_refused_unread_with_a_message(
    delegate_client, delegation, settings, monkeypatch
):
    settings.SHEET_MAX_BYTES = 2048
    read = counting(monkeypatch, "_csv_rows")

    response = delegate_client.post(
        f"/delegations/{delegation.pk}/sheet/", {"sheet": csv_file(*member_rows(40))}
    )

    assert "The file is larger than 2.0" in response.text
    assert (read, Registration.objects.count()) == ([], 0)


def test_an_excel_file_that_unpacks_to_far_more_than_a_sheet_is_refused_unread(monkeypatch):
    read = counting(monkeypatch, "_xlsx_rows")
    # 9 MB of distinct long texts, which pack to a small file
    sheet = xlsx_file([[f"{n:05d}" + "x" * 1000 for n in range(9000)]])

    with pytest.raises(delegations.SheetError) as refused:
        delegations.read_sheet(sheet)

    assert sheet.size < 2 * 2**20
    assert "At most 500 rows" in refused.value.errors[0].message and read == []


def test_the_page_lists_the_problems_of_a_refused_sheet(delegate_client, delegation):
    response = delegate_client.post(
        f"/delegations/{delegation.pk}/sheet/",
        {"sheet": csv_file("Ms.,Amina,Haddad,not-an-email,in_person,,yes")},
    )

    assert "not imported" in response.text and "email" in response.text
    assert not Registration.objects.exists()


def test_the_template_has_the_documented_columns(delegate_client, delegation):
    response = delegate_client.get(f"/delegations/{delegation.pk}/sheet-template.csv")

    assert response.content.decode().splitlines()[0] == ",".join(delegations.SHEET_COLUMNS)


def test_the_template_marks_the_example_phone_as_text_and_reads_back_as_written(
    delegate_client, delegation
):
    response = delegate_client.get(f"/delegations/{delegation.pk}/sheet-template.csv")
    phone = delegations.SHEET_COLUMNS.index("phone")

    example = list(csv.reader(io.StringIO(response.content.decode())))[1]
    rows = delegations.read_sheet(SimpleUploadedFile("members.csv", response.content))

    assert example[phone] == "'+962 6 000 0000"
    assert rows[0]["phone"] == "+962 6 000 0000"


def test_note_verbale_upload_and_download(delegate_client, delegation):
    delegate_client.post(
        f"/delegations/{delegation.pk}/nomination/",
        {"document": SimpleUploadedFile("nv.pdf", pdf_bytes())},
    )

    response = delegate_client.get(f"/delegations/{delegation.pk}/nomination/")

    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_the_note_verbale_is_served_as_an_attachment_never_sniffed(delegate_client, delegation):
    delegations.upload_nomination(
        delegation, SimpleUploadedFile("nv.pdf", pdf_bytes()), delegation.focal_points.get()
    )

    response = delegate_client.get(f"/delegations/{delegation.pk}/nomination/")

    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "active",
    [
        javascript_on_open,
        document_javascript,
        page_additional_action,
        launch_on_open,
        lambda writer: writer.add_attachment("payload.txt", b"hello"),
    ],
    ids=["open-action-javascript", "document-javascript", "page-aa", "launch", "embedded-file"],
)
def test_a_pdf_with_active_content_is_refused_and_changes_nothing(delegate, delegation, active):
    with pytest.raises(services.RegistrationError, match="active content"):
        delegations.upload_nomination(
            delegation, SimpleUploadedFile("nv.pdf", pdf_bytes(active)), delegate
        )

    delegation.refresh_from_db()
    assert not delegation.nomination_document


def test_a_letter_with_a_web_link_is_taken(delegate, delegation):
    out = io.BytesIO()
    letter = canvas.Canvas(out)
    letter.drawString(72, 720, "Permanent Mission of Austria")
    letter.linkURL("https://www.bmeia.gv.at/", (72, 700, 300, 716))
    letter.save()

    delegations.upload_nomination(
        delegation, SimpleUploadedFile("nv.pdf", out.getvalue()), delegate
    )

    delegation.refresh_from_db()
    assert delegation.nomination_document


def test_a_pdf_that_opens_at_its_first_page_is_taken(delegate, delegation):
    delegations.upload_nomination(
        delegation, SimpleUploadedFile("nv.pdf", pdf_bytes(go_to_first_page_on_open)), delegate
    )

    delegation.refresh_from_db()
    assert delegation.nomination_document


def test_a_file_that_is_not_a_pdf_is_refused(delegate, delegation):
    fake = SimpleUploadedFile("nv.pdf", b"%PDF-1.7 but not really a pdf")

    with pytest.raises(services.RegistrationError, match="not a readable PDF"):
        delegations.upload_nomination(delegation, fake, delegate)

    delegation.refresh_from_db()
    assert not delegation.nomination_document


def test_a_file_over_the_limit_is_refused(delegate, delegation, settings):
    settings.NOMINATION_MAX_BYTES = 100

    with pytest.raises(services.RegistrationError, match="larger than"):
        delegations.upload_nomination(
            delegation, SimpleUploadedFile("nv.pdf", pdf_bytes()), delegate
        )


def test_another_user_cannot_download_the_note_verbale(client, delegate, delegation):
    delegations.upload_nomination(delegation, SimpleUploadedFile("nv.pdf", pdf_bytes()), delegate)
    client.force_login(UserFactory())

    assert client.get(f"/delegations/{delegation.pk}/nomination/").status_code == 403


def test_invited_focal_point_accepts_with_the_invited_address(
    client, delegate, delegation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = delegations.invite_focal_point(delegation, "second@example.org", delegate)
    newcomer = UserFactory(email="second@example.org", username="second@example.org")
    client.force_login(newcomer)

    client.post(f"/invitations/{invitation.token}/")

    assert invitation.token in mail.outbox[0].body
    assert delegation.focal_points.filter(pk=newcomer.pk).exists()


def test_an_invitation_cannot_be_used_by_another_address(client, delegate, delegation):
    invitation = delegations.invite_focal_point(delegation, "second@example.org", delegate)
    intruder = UserFactory()
    client.force_login(intruder)

    client.post(f"/invitations/{invitation.token}/")

    assert not delegation.focal_points.filter(pk=intruder.pk).exists()


def test_an_invitation_works_once(delegate, delegation):
    invitation = delegations.invite_focal_point(delegation, "second@example.org", delegate)
    user = UserFactory(email="second@example.org", username="second@example.org")
    delegations.accept_invitation(invitation.token, user)

    with pytest.raises(services.RegistrationError):
        delegations.accept_invitation(invitation.token, user)


def test_an_invitation_token_is_stored_only_as_its_hash(delegate, delegation):
    invitation = delegations.invite_focal_point(delegation, "second@example.org", delegate)

    stored = DelegationInvitation.objects.values().get()

    assert invitation.token not in [str(value) for value in stored.values()]


def test_an_expired_invitation_shows_a_clear_page_and_changes_nothing(
    client, delegate, delegation, settings
):
    invitation = delegations.invite_focal_point(delegation, "second@example.org", delegate)
    DelegationInvitation.objects.update(
        created_at=timezone.now() - timedelta(days=settings.INVITATION_VALID_DAYS, minutes=1)
    )
    newcomer = UserFactory(email="second@example.org", username="second@example.org")
    client.force_login(newcomer)

    page = client.get(f"/invitations/{invitation.token}/")
    client.post(f"/invitations/{invitation.token}/")

    assert "This invitation has expired" in page.text and page.context["invitation"] is None
    assert not delegation.focal_points.filter(pk=newcomer.pk).exists()
    assert DelegationInvitation.objects.get().accepted_at is None


def test_an_invitation_works_until_it_expires(delegate, delegation, settings):
    invitation = delegations.invite_focal_point(delegation, "second@example.org", delegate)
    DelegationInvitation.objects.update(
        created_at=timezone.now() - timedelta(days=settings.INVITATION_VALID_DAYS, minutes=-1)
    )
    user = UserFactory(email="second@example.org", username="second@example.org")

    assert delegations.accept_invitation(invitation.token, user) == delegation


def test_the_invitation_mail_says_until_when_the_link_works(
    delegate, delegation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = delegations.invite_focal_point(delegation, "second@example.org", delegate)

    assert f"/invitations/{invitation.token}/" in mail.outbox[0].body
    until = timezone.localtime(invitation.expires_at).date()  # the day in Vienna, not UTC
    assert formats.date_format(until) in mail.outbox[0].body


def test_sending_invitations_is_rate_limited(delegate_client, delegation, settings):
    settings.INVITATION_RATE = "2/h"
    url = f"/delegations/{delegation.pk}/invite/"

    answers = [
        delegate_client.post(url, {"email": f"fp{n}@example.org"}).status_code for n in range(3)
    ]

    assert answers == [302, 302, 429]
    assert DelegationInvitation.objects.count() == 2


def test_after_registration_closes_focal_points_cannot_add_members(delegate, delegation):
    delegation.session.registration_closes = delegation.session.registration_opens
    delegation.session.save()

    with pytest.raises(services.RegistrationError, match="not open"):
        delegations.import_members(
            delegation, csv_file("Ms.,Amina,Haddad,amina@example.org,in_person,,yes"), delegate
        )


def test_after_registration_closes_officers_still_can(officer, delegation):
    delegation.session.registration_closes = delegation.session.registration_opens
    delegation.session.save()

    registered = delegations.import_members(
        delegation,
        csv_file("Ms.,Amina,Haddad,amina@example.org,in_person,,yes"),
        officer,
        by_officer=True,
    )

    assert len(registered) == 1


def test_focal_point_names_the_head_of_delegation(delegate_client, delegation):
    member = register(delegation.session, delegation.entity)

    delegate_client.post(f"/delegations/{delegation.pk}/members/{member.pk}/head/")

    delegation.refresh_from_db()
    assert delegation.head == member


def test_the_head_must_be_a_member_of_this_delegation(delegate_client, delegation):
    stranger = register(delegation.session)

    response = delegate_client.post(f"/delegations/{delegation.pk}/members/{stranger.pk}/head/")

    delegation.refresh_from_db()
    assert (response.status_code, delegation.head) == (404, None)


def test_focal_point_withdraws_a_member(delegate_client, delegation):
    member = register(delegation.session, delegation.entity)

    delegate_client.post(
        f"/delegations/{delegation.pk}/members/{member.pk}/withdraw/", {"confirmed": "1"}
    )

    member.refresh_from_db()
    assert member.state == Registration.State.WITHDRAWN


def test_another_user_cannot_withdraw_members(client, delegation):
    member = register(delegation.session, delegation.entity)
    client.force_login(UserFactory())

    response = client.post(
        f"/delegations/{delegation.pk}/members/{member.pk}/withdraw/", {"confirmed": "1"}
    )

    member.refresh_from_db()
    assert (response.status_code, member.state) == (403, Registration.State.SUBMITTED)


def test_focal_point_edits_a_members_details(delegate_client, delegation):
    member = register(delegation.session, delegation.entity, function_title="Judge")

    delegate_client.post(
        f"/delegations/{delegation.pk}/members/{member.pk}/",
        {
            "salutation": "Mr.",
            "given_name": "Lukas",
            "family_name": "Gruber",
            "function_title": "Director",
        },
    )

    member.refresh_from_db()
    assert (member.given_name, member.function_title) == ("Lukas", "Director")


def test_the_member_form_shows_no_identity_document(delegate_client, delegation):
    member = register(delegation.session, delegation.entity, identity_document_number="P999")

    response = delegate_client.get(f"/delegations/{delegation.pk}/members/{member.pk}/")

    assert "P999" not in response.text and "identity_document" not in response.text


def test_another_user_cannot_edit_members(client, delegation):
    member = register(delegation.session, delegation.entity, function_title="Judge")
    client.force_login(UserFactory())

    response = client.post(
        f"/delegations/{delegation.pk}/members/{member.pk}/",
        {"salutation": "Mr.", "given_name": "X", "family_name": "Y"},
    )

    member.refresh_from_db()
    assert (response.status_code, member.function_title) == (403, "Judge")


@pytest.mark.django_db(transaction=True)
def test_the_migration_hashes_the_tokens_of_invitations_already_mailed():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from tests.factories import SessionFactory

    before = ("registration", "0007_single_line_text")
    mailed = "mailed-before-the-change-0123456789abcdef"
    delegation = services.delegation_for(SessionFactory(), EntityFactory())
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old_apps = executor.loader.project_state([before]).apps
    old_apps.get_model("registration", "DelegationInvitation").objects.create(
        delegation_id=delegation.pk, email="fp@example.org", token=mailed
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert delegations.open_invitation(mailed).email == "fp@example.org"
    stored = DelegationInvitation.objects.values().get()
    assert all(mailed not in str(value) for value in stored.values())
