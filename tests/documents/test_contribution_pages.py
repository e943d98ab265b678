"""The written-contributions pages: a focal point submits and replaces files, officers
screen, files only for officers and the entity's focal points, the table of who has
submitted with its exports, and listings in a fixed number of queries."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from documents import contributions
from documents.models import Call, Contribution, Document
from registration.models import Entity
from tests.documents.common import upload
from tests.documents.contribution_common import focal_point, open_call, submit
from tests.factories import EntityFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sender(session):
    return focal_point(
        session, EntityFactory(name="Austria", regional_group="WESTERN_EUROPE_OTHERS")
    )


def form_data(**fields):
    return {
        "title": "Our practice",
        "original_language": "fr",
        "file_fr": upload("fr.pdf"),
        "consents": "on",
    } | fields


def test_a_focal_point_sees_the_open_calls_of_their_sessions(client, call, sender):
    open_call(SessionFactory(), title_en="Another session's call")
    client.force_login(sender[0])

    page = client.get(reverse("documents:my-calls")).content.decode()

    assert "Call for written contributions" in page
    assert "Another session&#x27;s call" not in page


def test_a_focal_point_submits_through_the_form(client, call, sender):
    user, entity = sender
    client.force_login(user)

    answer = client.post(reverse("documents:call", args=[call.pk]), form_data(entity=entity.pk))

    assert answer.status_code == 302
    contribution = Contribution.objects.get()
    assert (contribution.entity, contribution.original_language, contribution.submitted_by) == (
        entity,
        "fr",
        user,
    )


def test_the_form_without_the_original_file_says_so_and_keeps_nothing(client, call, sender):
    user, entity = sender
    client.force_login(user)

    answer = client.post(
        reverse("documents:call", args=[call.pk]),
        form_data(entity=entity.pk, file_fr="", file_en=upload("en.pdf")),
    )

    assert answer.status_code == 200
    assert "Attach the file in the original language." in answer.content.decode()
    assert 'class="error-summary"' in answer.content.decode()
    assert not Contribution.objects.exists()


def test_a_focal_point_may_not_submit_for_another_entity(client, call, sender):
    client.force_login(sender[0])
    other = EntityFactory()

    answer = client.post(reverse("documents:call", args=[call.pk]), form_data(entity=other.pk))

    assert answer.status_code == 200  # the form refuses an entity not offered
    assert not Contribution.objects.exists()


def test_someone_who_is_no_focal_point_may_not_open_the_call(client, call):
    client.force_login(UserFactory())

    assert client.get(reverse("documents:call", args=[call.pk])).status_code == 403


def test_the_focal_point_sees_the_state_and_the_secretariats_reason(client, call, sender, officer):
    contribution = submit(call, sender[1], sender[0])
    contributions.return_to_submitter(contribution, officer, "Please add a summary.")
    client.force_login(sender[0])

    page = client.get(reverse("documents:call", args=[call.pk])).content.decode()

    assert "Returned to the submitter" in page
    assert "Please add a summary." in page
    assert reverse("documents:replace-files", args=[contribution.pk]) in page


def test_the_focal_point_replaces_files_from_the_page(client, call, sender):
    contribution = submit(call, sender[1], sender[0])
    client.force_login(sender[0])

    client.post(
        reverse("documents:replace-files", args=[contribution.pk]),
        {f"c{contribution.pk}-file_ar": upload("ar.pdf")},
    )

    assert sorted(contribution.files.values_list("language", flat=True)) == ["ar", "en"]


def test_files_are_not_replaced_after_acceptance(client, call, sender, officer):
    contribution = submit(call, sender[1], sender[0])
    contributions.accept(contribution, officer)
    client.force_login(sender[0])

    answer = client.post(
        reverse("documents:replace-files", args=[contribution.pk]),
        {f"c{contribution.pk}-file_ar": upload("ar.pdf")},
        follow=True,
    )

    assert "can no longer be replaced" in answer.content.decode()
    assert list(contribution.files.values_list("language", flat=True)) == ["en"]


# --- Downloads ---------------------------------------------------------------------------


@pytest.fixture
def submitted_file(call, sender):
    return submit(call, sender[1], sender[0]).files.get()


def test_the_entitys_focal_point_downloads_a_submitted_file(client, sender, submitted_file):
    client.force_login(sender[0])

    answer = client.get(reverse("documents:contribution-file", args=[submitted_file.pk]))

    assert answer.status_code == 200
    assert answer["Content-Disposition"].startswith("attachment")
    assert b"".join(answer.streaming_content).startswith(b"%PDF-")


def test_an_officer_downloads_a_submitted_file(officer_client, submitted_file):
    url = reverse("documents:contribution-file", args=[submitted_file.pk])

    assert officer_client.get(url).status_code == 200


@pytest.mark.parametrize("who", ["other_focal_point", "delegate", "anonymous"])
def test_no_one_else_downloads_a_submitted_file(client, session, submitted_file, who):
    if who == "other_focal_point":
        client.force_login(focal_point(session)[0])
    elif who == "delegate":
        client.force_login(UserFactory())

    answer = client.get(reverse("documents:contribution-file", args=[submitted_file.pk]))

    assert answer.status_code == (302 if who == "anonymous" else 403)


# --- Screening ---------------------------------------------------------------------------


def test_screening_is_for_officers_only(client, call, sender):
    client.force_login(sender[0])

    assert client.get(reverse("documents:screening", args=[call.pk])).status_code == 403
    contribution = submit(call, sender[1], sender[0])
    client.post(reverse("documents:screen", args=[contribution.pk]), {"action": "accept"})
    contribution.refresh_from_db()
    assert contribution.state == "submitted"


def test_an_officer_accepts_with_a_symbol(officer_client, call, sender):
    contribution = submit(call, sender[1], sender[0])

    officer_client.post(
        reverse("documents:screen", args=[contribution.pk]),
        {"action": "accept", "symbol": "UNODC/CCPCJ/EG.10/2025/CRP.2"},
    )

    contribution.refresh_from_db()
    assert contribution.state == "accepted"
    assert Document.objects.get().symbol == "UNODC/CCPCJ/EG.10/2025/CRP.2"


def test_returning_without_a_reason_changes_nothing(officer_client, call, sender):
    contribution = submit(call, sender[1], sender[0])

    answer = officer_client.post(
        reverse("documents:screen", args=[contribution.pk]), {"action": "return"}, follow=True
    )

    assert "Give the reason" in answer.content.decode()
    contribution.refresh_from_db()
    assert contribution.state == "submitted"


def test_the_screening_page_shows_the_audit_trail(officer_client, officer, call, sender):
    contribution = submit(call, sender[1], sender[0])
    contributions.decline(contribution, officer, "Outside the themes of the call.")

    page = officer_client.get(reverse("documents:screening", args=[call.pk])).content.decode()

    assert "Outside the themes of the call." in page
    assert officer.email in page


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _many(call, session, count):
    for _n in range(count):
        user, entity = focal_point(session)
        submit(call, entity, user, languages=("en", "fr"))


@pytest.mark.parametrize("page", ["documents:screening", "documents:call-table"])
def test_officers_pages_use_the_same_queries_whatever_the_number_of_contributions(
    officer_client, call, session, page
):
    url = reverse(page, args=[call.pk])
    _many(call, session, 2)
    few = _queries(officer_client, url)
    _many(call, session, 5)

    assert _queries(officer_client, url) == few


def test_a_focal_points_page_uses_the_same_queries_whatever_the_number(client, call, session):
    user, entity = focal_point(session)
    client.force_login(user)
    url = reverse("documents:call", args=[call.pk])
    submit(call, entity, user)
    few = _queries(client, url)
    for _n in range(4):
        submit(call, entity, user, languages=("en", "ar"))

    assert _queries(client, url) == few


# --- Who has submitted -------------------------------------------------------------------


@pytest.fixture
def invited(call, session, sender):
    """Austria has submitted; =HYPERLINK State and an observer State have not; an NGO is
    not invited, an inactive State not counted."""
    submit(call, sender[1], sender[0])
    EntityFactory(name='=HYPERLINK("http://evil.example")', regional_group="AFRICA")
    EntityFactory(name="Holy See", kind=Entity.Kind.OBSERVER_STATE, regional_group="")
    EntityFactory(name="An NGO", kind=Entity.Kind.NGO, regional_group="")
    EntityFactory(name="Gone", is_active=False)


def test_the_table_says_who_has_and_who_has_not_submitted(officer_client, call, invited):
    answer = officer_client.get(reverse("documents:call-table", args=[call.pk]))
    table = answer.context["table"]

    assert [(row.name, bool(row.contribution_states)) for row in table.rows] == [
        ('=HYPERLINK("http://evil.example")', False),
        ("Austria", True),
        ("Holy See", False),
    ]
    assert [(t.label, t.invited, t.submitted) for t in table.by_kind] == [
        ("Member State", 2, 1),
        ("Observer State", 1, 0),
    ]
    assert [(t.label, t.invited, t.submitted) for t in table.by_group] == [
        ("African States", 1, 0),
        ("Western European and other States", 1, 1),
        ("No regional group", 1, 0),
    ]


def test_the_table_exports_as_csv_with_formulas_neutralised(officer_client, call, invited):
    answer = officer_client.get(reverse("documents:call-export", args=[call.pk, "csv"]))

    text = answer.content.decode()
    assert answer["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK" in text
    assert "Austria,Member State,Western European and other States,yes,1,Submitted" in text


def test_the_table_exports_as_excel_with_text_cells(officer_client, call, invited):
    answer = officer_client.get(reverse("documents:call-export", args=[call.pk, "xlsx"]))

    sheet = load_workbook(io.BytesIO(answer.content)).active
    cell = sheet["A2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://evil.example")', "s")


def test_the_table_is_for_officers_only(client, call, sender):
    client.force_login(sender[0])

    assert client.get(reverse("documents:call-table", args=[call.pk])).status_code == 403
    assert client.get(reverse("documents:call-export", args=[call.pk, "csv"])).status_code == 403


def test_an_officer_creates_a_call_in_the_admin_ticking_the_kinds_invited(officer_client, session):
    answer = officer_client.post(
        "/admin/documents/call/add/",
        {
            "session": session.pk,
            "series": "",
            "title_en": "Call for contributions on reducing reoffending",
            **{f"title_{code}": "" for code in ("ar", "zh_hans", "fr", "ru", "es")},
            **{f"themes_{code}": "" for code in ("en", "ar", "zh_hans", "fr", "ru", "es")},
            "opens_at_0": "2025-01-01",
            "opens_at_1": "09:00",
            "deadline_0": "2025-02-01",
            "deadline_1": "17:00",
            "invited_kinds": ["member_state", "ngo"],
        },
    )

    assert answer.status_code == 302, answer.status_code
    assert Call.objects.get().invited_kinds == ["member_state", "ngo"]


def test_an_accepted_contribution_is_on_the_sessions_documents_page(client, call, sender, officer):
    contribution = submit(call, sender[1], sender[0], languages=("fr",), original="fr")
    submit(call, sender[1], sender[0], title="Not yet screened")
    contributions.accept(contribution, officer)

    page = client.get(reverse("documents:session-documents", args=["ieg-2-2025"])).content.decode()

    assert "Reducing reoffending: our practice" in page
    assert "Austria" in page
    assert "Not yet screened" not in page
