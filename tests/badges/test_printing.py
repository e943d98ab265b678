import io
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from badges import printing, services
from badges.models import Badge, PrintJob, SessionBadging
from registration.models import Entity
from tests.badges.common import approved
from tests.factories import EntityFactory, SessionFactory, register
from tests.pdfs import ARABIC_LETTERS, LANGUAGES, all_lines, glyphless, shows

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(db):
    return SessionFactory(slug="ieg", format="hybrid")


@pytest.fixture
def people(session):
    austria = EntityFactory(name="Austria")
    return [
        approved(session, austria, given_name="Anna", family_name="Berger"),
        approved(session, austria, given_name="Jakob", family_name="Huber"),
        approved(session, EntityFactory(name="Egypt", kind="member_state"), given_name="Omar"),
    ]


PAGE = "/sessions/ieg/badges/"


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_only_approved_in_person_participants_are_printable(session, people):
    approved(session, mode="online")
    register(session)  # submitted

    assert printing.select(session, "all") == sorted(
        (person.pk for person in people), key=lambda pk: [p.pk for p in people].index(pk)
    )


def test_printing_the_unprinted_issues_and_records_their_badges(
    officer_client, session, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(
            f"{PAGE}print/", {"kind": "unprinted", "layout": "a6"}, follow=True
        )

    job = PrintJob.objects.get()
    assert response.status_code == 200
    assert (job.status, job.done, job.total) == ("done", 3, 3)
    assert Badge.objects.filter(printed_at__isnull=False).count() == 3
    download = officer_client.get(f"{PAGE}jobs/{job.pk}/pdf/")
    text = pages(b"".join(download.streaming_content))
    assert len(text) == 3
    assert any("BERGER" in page for page in text)


def test_once_printed_nobody_is_left_unprinted(
    officer_client, session, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(f"{PAGE}print/", {"kind": "unprinted", "layout": "a6"})

    response = officer_client.post(
        f"{PAGE}print/", {"kind": "unprinted", "layout": "a6"}, follow=True
    )

    assert PrintJob.objects.count() == 1
    assert "Nobody to print" in response.content.decode()


def test_a_delegation_or_a_category_is_printed_alone(session, people):
    austria = people[0].delegation_id

    assert printing.select(session, "delegation", str(austria)) == [people[0].pk, people[1].pk]
    assert printing.select(session, "category", "ngo") == []


def test_a_batch_takes_the_same_queries_for_three_badges_as_for_ten(officer, session, people):
    services.issue_badge(people[0], officer)  # one already issued, the others new
    more = [approved(session, given_name=f"Person {n}") for n in range(7)]
    with CaptureQueriesContext(connection) as three:
        printing.print_badges(session, [p.pk for p in people], layout="a6", actor=officer)
    Badge.objects.update(printed_at=None)

    with CaptureQueriesContext(connection) as ten:
        printing.print_badges(session, [p.pk for p in people + more], layout="a6", actor=officer)

    assert len(ten) == len(three)
    serials = sorted(Badge.objects.filter(session=session).values_list("serial", flat=True))
    assert serials == list(range(1, 11))


def test_a_batch_with_someone_who_may_not_have_a_badge_issues_none(officer, session, people):
    online = approved(session, mode="online")

    with pytest.raises(services.BadgeError):
        printing.print_badges(session, [people[0].pk, online.pk], layout="a6", actor=officer)

    assert not Badge.objects.exists()


def test_a_reprint_gives_new_serials_and_revokes_the_old_badges(officer, session, people):
    first = services.issue_badge(people[0], officer)

    printing.print_badges(session, [people[0].pk], layout="a6", actor=officer, reprint=True)

    first.refresh_from_db()
    live = Badge.objects.get(registration=people[0], revoked_at__isnull=True)
    assert first.revoked_at is not None and live.serial > first.serial


def test_the_job_shows_its_progress_as_json(
    officer_client, session, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(
            f"{PAGE}print/", {"kind": "chosen", "registration": [people[2].pk], "layout": "cr80"}
        )
    job = PrintJob.objects.get()

    body = officer_client.get(f"{PAGE}jobs/{job.pk}/").json()

    assert (body["status"], body["done"], body["total"]) == ("done", 1, 1)
    assert body["pdf"] == f"{PAGE}jobs/{job.pk}/pdf/"


def test_the_layout_is_chosen_per_session(officer_client, session):
    officer_client.post(f"{PAGE}layout/", {"layout": "a4x10"})

    assert SessionBadging.objects.get(session=session).layout == "a4x10"


def test_a_bad_layout_or_selection_changes_nothing(officer_client, session, people):
    officer_client.post(f"{PAGE}print/", {"kind": "unprinted", "layout": "a3"})
    officer_client.post(f"{PAGE}print/", {"kind": "everyone", "layout": "a6"})

    assert not PrintJob.objects.exists() and not Badge.objects.exists()


@pytest.mark.parametrize(
    "chosen",
    [
        {"kind": "chosen", "registration": "1x"},
        {"kind": "reprint", "registration": "99999999999999999999"},
        {"kind": "delegation", "delegation": "x"},
        {"kind": "delegation", "delegation": "-99999999999999999999"},
    ],
)
def test_an_id_that_is_not_a_number_is_refused_with_a_message(
    officer_client, session, people, chosen
):
    response = officer_client.post(f"{PAGE}print/", {"layout": "a6", **chosen}, follow=True)

    assert response.status_code == 200
    assert "Choose whom to print." in response.text
    assert not PrintJob.objects.exists() and not Badge.objects.exists()


@pytest.mark.parametrize("path", ["", "jobs/{job}/", "jobs/{job}/pdf/"])
def test_a_delegate_may_not_print_or_download_badges(
    client, delegate, officer, session, people, path
):
    job = printing.start(session, officer, kind="unprinted", layout="a6")
    client.force_login(delegate)

    assert client.get(PAGE + path.format(job=job.pk)).status_code == 403
    assert client.post(f"{PAGE}print/", {"kind": "unprinted", "layout": "a6"}).status_code == 403


def test_a_job_of_another_session_is_not_found(officer_client, officer, people):
    other = SessionFactory(slug="other")
    approved(other)
    job = printing.start(other, officer, kind="unprinted", layout="a6")

    assert officer_client.get(f"{PAGE}jobs/{job.pk}/pdf/").status_code == 404


def test_the_page_uses_a_fixed_number_of_queries(
    officer_client, officer, session, people, django_assert_num_queries
):
    printing.start(session, officer, kind="unprinted", layout="a6")
    officer_client.get(PAGE)
    with django_assert_num_queries(8) as few:
        officer_client.get(PAGE)
    for _ in range(10):
        approved(session)

    with django_assert_num_queries(len(few.captured_queries)):
        officer_client.get(PAGE)


def test_the_command_prints_every_badge_to_a_file(tmp_path, session, people):
    output = tmp_path / "badges.pdf"
    out, err = StringIO(), StringIO()

    call_command(
        "render_badges", "ieg", "--layout", "a4x4", "-o", str(output), stdout=out, stderr=err
    )

    assert len(PdfReader(output).pages) == 1  # three A6 badges on one A4 sheet
    assert "3 badge(s)" in out.getvalue()
    assert "3/3" in err.getvalue()  # the progress bar


def test_the_command_refuses_an_unknown_session(tmp_path):
    with pytest.raises(CommandError, match="No session"):
        call_command("render_badges", "nope", "-o", str(tmp_path / "x.pdf"))


def preview_text(client, registration) -> tuple[int, str]:
    response = client.get(f"/registrations/{registration.pk}/badge-preview.pdf")
    if response.status_code != 200:
        return response.status_code, ""
    return 200, "".join(pages(response.content))


def test_a_delegate_previews_their_own_badge_without_a_code(client, delegate, session):
    mine = approved(session, email=delegate.email, family_name="Berger")
    client.force_login(delegate)

    status, text = preview_text(client, mine)

    assert status == 200 and "BERGER" in text and "not valid for entry" in text
    assert not Badge.objects.exists()  # a preview issues nothing


def test_a_delegate_cannot_preview_someone_else_s_badge(client, delegate, session, people):
    client.force_login(delegate)

    assert preview_text(client, people[0])[0] == 404


def test_the_session_page_links_badges_and_gate_for_officers_only(
    client, officer, delegate, session
):
    client.force_login(delegate)
    hidden = client.get(session.get_absolute_url()).content.decode()
    client.force_login(officer)
    shown = client.get(session.get_absolute_url()).content.decode()

    assert (PAGE in hidden, "/gate/" in hidden) == (False, False)
    assert (PAGE in shown, "/gate/" in shown) == (True, True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_badge_prints_in_every_language(client, delegate, session, language):
    mine = approved(
        session,
        EntityFactory(name="Egypt"),
        email=delegate.email,
        given_name="Amina",
        family_name="Haddad",
        name_in_own_script="أمينة حداد",
    )
    client.force_login(delegate)

    response = client.get(
        f"/registrations/{mine.pk}/badge-preview.pdf", HTTP_ACCEPT_LANGUAGE=language
    )

    with translation.override(language):
        expected = [
            str(Entity.Kind.MEMBER_STATE.label),
            gettext("Preview: not valid for entry"),
            printing.dates_label(session),
        ]
    assert response["Content-Language"] == language
    drawn = all_lines(response.content)
    assert [text for text in expected if not shows(drawn, text)] == [], drawn
    assert shows(drawn, "Amina HADDAD") and shows(drawn, "أمينة حداد") and shows(drawn, "Egypt")
    assert glyphless(response.content) == []
    assert not [line for line in drawn if ARABIC_LETTERS.search(line)]


def test_reportlab_writes_with_its_c_accelerator():
    """reportlab[accel]: without rl_accel it formats every number of a page in Python (a
    tenth of a badge's time)."""
    from reportlab.lib import rl_accel

    assert rl_accel._py_funcs == {}
