from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registration import services
from registration.models import Registration
from tests.factories import EntityFactory, SessionFactory, bulk_registrations, register

State = Registration.State
pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return SessionFactory(format="hybrid", in_person_capacity=2, slug="ieg-2-2025")


def test_officer_sees_every_registration_and_the_waiting_list_in_order(officer_client, session):
    register(session, family_name="First"), register(session, family_name="Second")
    register(session, family_name="Queued-One"), register(session, family_name="Queued-Two")

    response = officer_client.get("/sessions/ieg-2-2025/console/")

    assert [r.family_name for r in response.context["waitlist"]] == ["Queued-One", "Queued-Two"]
    assert all(name.upper() in response.text for name in ("First", "Second"))


def test_console_filters_by_state_and_searches(officer_client, session):
    register(session, family_name="Haddad"), register(session, family_name="Ivanova")
    register(session, family_name="Waiting")

    waiting = officer_client.get("/sessions/ieg-2-2025/console/?state=waitlisted")
    found = officer_client.get("/sessions/ieg-2-2025/console/?q=ivan")

    assert [r.family_name for r in waiting.context["registrations"]] == ["Waiting"]
    assert [r.family_name for r in found.context["registrations"]] == ["Ivanova"]


def test_console_filters_by_regional_group(officer_client, session):
    register(session, EntityFactory(regional_group="AFRICA"), family_name="Kenyan")
    register(session, EntityFactory(regional_group="EASTERN_EUROPE"), family_name="Polish")

    response = officer_client.get("/sessions/ieg-2-2025/console/?regional_group=AFRICA")

    assert [r.family_name for r in response.context["registrations"]] == ["Kenyan"]


@pytest.mark.parametrize(
    "path",
    [
        "console/",
        "console/export.csv",
        "console/export.xlsx",
        "console/participants.pdf",
        "console/attendance/",
    ],
)
def test_console_and_exports_query_counts_do_not_grow_with_registrations(
    officer_client, path, django_assert_num_queries
):
    """The same number of queries with 10 registrations as with 1,000."""
    few, many = SessionFactory(format="hybrid"), SessionFactory(format="hybrid")
    bulk_registrations(few, 10, state="approved")
    bulk_registrations(many, 1000, state="approved")
    officer_client.get(f"/sessions/{few.slug}/{path}")  # the officer's role, looked up once
    with CaptureQueriesContext(connection) as counted:
        officer_client.get(f"/sessions/{few.slug}/{path}")

    with django_assert_num_queries(len(counted.captured_queries)):
        officer_client.get(f"/sessions/{many.slug}/{path}")


def test_bulk_approve(officer_client, session):
    first, second = register(session), register(session)

    officer_client.post(
        "/sessions/ieg-2-2025/console/bulk/",
        {"action": "approve", "registration": [first.pk, second.pk]},
    )

    assert set(Registration.objects.values_list("state", flat=True)) == {State.APPROVED}


def test_bulk_reject_needs_a_reason(officer_client, session):
    registration = register(session)

    officer_client.post(
        "/sessions/ieg-2-2025/console/bulk/",
        {"action": "reject", "registration": [registration.pk]},
    )

    registration.refresh_from_db()
    assert registration.state == State.SUBMITTED


def test_without_javascript_a_bulk_reject_asks_on_a_page_first_and_changes_nothing(
    officer_client, session
):
    registration = register(session)

    response = officer_client.post(
        "/sessions/ieg-2-2025/console/bulk/",
        {"action": "reject", "reason": "Not nominated", "registration": [registration.pk]},
    )

    registration.refresh_from_db()
    assert registration.state == State.SUBMITTED
    assert response.templates[0].name == "confirm.html"
    assert f'name="registration" value="{registration.pk}"' in response.text
    assert "Reject 1 registration?" in response.text


def test_returning_all_matching_asks_first_naming_how_many(officer_client, officer, session):
    approved = [services.approve(register(session), officer, "") for _ in range(2)]

    response = officer_client.post(
        "/sessions/ieg-2-2025/console/bulk/",
        {"action": "return", "reason": "Check", "all_matching": "1", "query": "state=approved"},
    )

    assert "Return 2 registrations to submitted?" in response.text
    assert {r.state for r in Registration.objects.filter(pk__in=[r.pk for r in approved])} == {
        State.APPROVED
    }


@pytest.mark.parametrize("url", ["/sessions/ieg-2-2025/console/bulk/", "detail"])
def test_only_officers_reach_the_question_before_rejecting(delegate_client, session, url):
    registration = register(session)
    if url == "detail":
        url = f"/sessions/ieg-2-2025/console/{registration.pk}/act/"

    response = delegate_client.post(
        url, {"action": "reject", "reason": "Not nominated", "registration": [registration.pk]}
    )

    assert response.status_code == 403


def test_bulk_reject_with_a_reason_frees_seats_for_the_queue(officer_client, session):
    first = register(session)
    register(session)
    waiting = register(session)

    officer_client.post(
        "/sessions/ieg-2-2025/console/bulk/",
        {
            "action": "reject",
            "reason": "Not nominated",
            "registration": [first.pk],
            "confirmed": "1",
        },
    )

    waiting.refresh_from_db()
    assert waiting.state == State.SUBMITTED


def test_bulk_only_touches_this_session(officer_client, session):
    elsewhere = register(SessionFactory(format="hybrid"))

    officer_client.post(
        "/sessions/ieg-2-2025/console/bulk/", {"action": "approve", "registration": [elsewhere.pk]}
    )

    elsewhere.refresh_from_db()
    assert elsewhere.state == State.SUBMITTED


def test_delegate_cannot_open_the_console_or_approve(delegate_client, session):
    registration = register(session)

    assert delegate_client.get("/sessions/ieg-2-2025/console/").status_code == 403
    response = delegate_client.post(
        "/sessions/ieg-2-2025/console/bulk/",
        {"action": "approve", "registration": [registration.pk]},
    )

    registration.refresh_from_db()
    assert (response.status_code, registration.state) == (403, State.SUBMITTED)


def test_anonymous_is_sent_to_log_in(client, session):
    response = client.get("/sessions/ieg-2-2025/console/")

    assert response.url.startswith(reverse("account_login"))


def test_console_finds_in_person_registrations_without_a_photo(officer_client, session):
    from registration import personal_data
    from tests.registration.test_photos import image_file

    with_photo = register(session, family_name="Pictured")
    personal_data.set_photo(with_photo, image_file(), None, by_officer=True)
    register(session, family_name="Faceless")
    register(session, mode="online", family_name="Remote")

    response = officer_client.get("/sessions/ieg-2-2025/console/?missing=photo")

    assert [r.family_name for r in response.context["registrations"]] == ["Faceless"]


def test_console_finds_delegations_without_a_note_verbale(officer_client, session):
    register(session, family_name="Undocumented")

    response = officer_client.get("/sessions/ieg-2-2025/console/?missing=document")

    assert [r.family_name for r in response.context["registrations"]] == ["Undocumented"]


def test_bulk_return_to_submitted_lets_the_delegate_edit_again(officer_client, officer, session):
    from registration import services

    registration = services.approve(register(session), officer)

    officer_client.post(
        "/sessions/ieg-2-2025/console/bulk/",
        {
            "action": "return",
            "reason": "Check the passport number",
            "registration": [registration.pk],
            "confirmed": "1",
        },
    )

    registration.refresh_from_db()
    assert registration.state == State.SUBMITTED


def test_a_larger_capacity_saved_by_an_officer_promotes_the_queue(
    session, django_capture_on_commit_callbacks
):
    register(session), register(session)
    waiting = register(session)

    with django_capture_on_commit_callbacks(execute=True):
        session.in_person_capacity = 3
        session.save()

    waiting.refresh_from_db()
    assert waiting.state == State.SUBMITTED


# --- Counts, pages, selection and what an action keeps ---------------------------------


def test_counts_per_state_are_links_under_the_other_filters(officer_client, session):
    register(session, family_name="Haddad"), register(session, family_name="Ivanova")
    register(session, family_name="Waiting")

    response = officer_client.get("/sessions/ieg-2-2025/console/?q=a&state=submitted")

    links = {link["state"]: link for link in response.context["state_links"]}
    assert (links[""]["count"], links["submitted"]["count"], links["waitlisted"]["count"]) == (
        3,
        2,
        1,
    )
    assert links["waitlisted"]["query"] == "q=a&state=waitlisted"
    assert links["submitted"]["current"]


def test_the_counts_per_state_take_one_query(officer_client, session):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    register(session), register(session), register(session)

    with CaptureQueriesContext(connection) as counted:
        officer_client.get("/sessions/ieg-2-2025/console/")

    per_state = [
        q["sql"]
        for q in counted.captured_queries
        if 'COUNT("registration_registration"."id") AS "n"' in q["sql"]
    ]
    assert len(per_state) == 1


def test_the_console_shows_a_page_of_rows(officer_client, session):
    bulk_registrations(session, 120)

    first = officer_client.get("/sessions/ieg-2-2025/console/")
    last = officer_client.get("/sessions/ieg-2-2025/console/?page=3")
    hundred = officer_client.get("/sessions/ieg-2-2025/console/?per_page=100")

    assert (len(first.context["registrations"]), len(last.context["registrations"])) == (50, 20)
    assert len(hundred.context["registrations"]) == 100


def test_rows_per_page_are_clamped(officer_client, session):
    bulk_registrations(session, 60)

    response = officer_client.get("/sessions/ieg-2-2025/console/?per_page=100000&page=x")

    assert len(response.context["registrations"]) == 50


def test_the_page_links_keep_the_filters(officer_client, session):
    bulk_registrations(session, 60)

    response = officer_client.get("/sessions/ieg-2-2025/console/?state=submitted")

    assert 'href="?state=submitted&amp;page=2"' in response.text


def test_a_page_costs_the_same_queries_whatever_the_rows(officer_client, django_assert_num_queries):
    """A filtered page of 100 rows: as many queries with 150 registrations as with 2,500."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    few, many = SessionFactory(format="hybrid"), SessionFactory(format="hybrid")
    bulk_registrations(few, 150)
    bulk_registrations(many, 2500)
    path = "console/?state=submitted&q=bulk&per_page=100&page=2"
    officer_client.get(f"/sessions/{few.slug}/{path}")
    with CaptureQueriesContext(connection) as counted:
        officer_client.get(f"/sessions/{few.slug}/{path}")

    with django_assert_num_queries(len(counted.captured_queries)):
        response = officer_client.get(f"/sessions/{many.slug}/{path}")
    assert response.context["page"].paginator.count == 2500


def test_states_are_labels_and_rows_stack_on_phones(officer_client, session):
    register(session)

    response = officer_client.get("/sessions/ieg-2-2025/console/")

    assert '<span class="state state-submitted">' in response.text
    assert 'class="stack console-table"' in response.text
    assert 'data-label="Entity"' in response.text


def test_select_all_is_a_script_from_a_static_file(officer_client, session):
    register(session)

    response = officer_client.get("/sessions/ieg-2-2025/console/")

    assert 'id="console-select-page" hidden' in response.text
    assert "js/console.js" in response.text and " defer" in response.text


def test_the_bulk_reject_asks_for_confirmation(officer_client, session):
    response = officer_client.get("/sessions/ieg-2-2025/console/")

    assert 'value="reject" class="danger" data-confirm="' in response.text


def test_the_action_bar_is_above_the_table(officer_client, session):
    register(session)

    text = officer_client.get("/sessions/ieg-2-2025/console/").text

    assert text.index('class="console-actions"') < text.index("<table")


def test_bulk_applies_to_all_matching_the_filter(officer_client, session):
    big = SessionFactory(format="hybrid", slug="big")
    bulk_registrations(big, 60)
    register(big, family_name="Elsewhere", mode="online", submit=False)

    officer_client.post(
        "/sessions/big/console/bulk/",
        {"action": "approve", "all_matching": "1", "query": "state=submitted"},
    )

    states = Counter(Registration.objects.filter(session=big).values_list("state", flat=True))
    assert states == {State.APPROVED: 60, State.DRAFT: 1}


def test_all_matching_keeps_to_the_filter_and_the_session(officer_client, session):
    match, other = register(session, family_name="Haddad"), register(session, family_name="Other")
    elsewhere = register(SessionFactory(format="hybrid"), family_name="Haddad")

    officer_client.post(
        "/sessions/ieg-2-2025/console/bulk/",
        {"action": "approve", "all_matching": "1", "query": "q=haddad"},
    )

    assert dict(Registration.objects.values_list("pk", "state")) == {
        match.pk: State.APPROVED,
        other.pk: State.SUBMITTED,
        elsewhere.pk: State.SUBMITTED,
    }


def test_the_filters_are_kept_after_an_action(officer_client, session):
    registration = register(session)

    response = officer_client.post(
        "/sessions/ieg-2-2025/console/bulk/",
        {
            "action": "approve",
            "registration": [registration.pk],
            "query": "state=submitted&q=amina&page=2&evil=1",
        },
    )

    assert response.url == "/sessions/ieg-2-2025/console/?q=amina&state=submitted&page=2"


def test_the_ticks_are_kept_after_a_refused_action(officer_client, session):
    first, second = register(session), register(session)

    response = officer_client.post(
        "/sessions/ieg-2-2025/console/bulk/",
        {"action": "reject", "registration": [first.pk, second.pk], "query": "state=submitted"},
        follow=True,
    )

    assert response.context["selected"] == {first.pk, second.pk}
    assert response.redirect_chain[0][0].startswith("/sessions/ieg-2-2025/console/?state=submitted")
    assert f'value="{first.pk}" aria-label="{first.full_name}" checked' in response.text


def test_the_refused_registrations_stay_ticked(officer_client, officer, session):
    approved, submitted = services.approve(register(session), officer), register(session)

    response = officer_client.post(
        "/sessions/ieg-2-2025/console/bulk/",
        {"action": "approve", "registration": [approved.pk, submitted.pk]},
        follow=True,
    )

    assert response.context["selected"] == {approved.pk}
    assert f"Only a submitted registration can be approved. ({approved.full_name})" in (
        response.text
    )


def test_all_matching_is_kept_after_a_refused_action(officer_client, session):
    response = officer_client.post(
        "/sessions/ieg-2-2025/console/bulk/",
        {"action": "reject", "all_matching": "1", "query": "state=submitted"},
        follow=True,
    )

    assert response.context["all_matching"]


def test_the_export_names_the_identity_document_columns(officer_client, session):
    text = officer_client.get("/sessions/ieg-2-2025/console/").text

    identity = text[text.index("Identity document columns") :]
    assert (
        '<label class="check"><input type="checkbox" name="column" '
        'value="identity_document_number"> Identity document number</label>'
    ) in identity


def test_the_waiting_list_shows_the_head_of_each_queue_and_its_length(officer_client):
    from registration.officer_views import WAITLIST_SHOWN

    crowded = SessionFactory(format="hybrid", in_person_capacity=1, slug="crowded")
    register(crowded, family_name="Seated")
    queued = [register(crowded, family_name=f"Queued{n:02d}") for n in range(WAITLIST_SHOWN + 2)]

    response = officer_client.get("/sessions/crowded/console/")

    shown = response.context["waitlist"]
    assert [r.pk for r in shown] == [r.pk for r in queued[:WAITLIST_SHOWN]]
    assert shown[0].waiting == WAITLIST_SHOWN + 2
    assert 'href="?state=waitlisted"' in response.text


def test_the_entity_filter_offers_the_session_s_delegations_only(officer_client, session):
    register(session, EntityFactory(name="Austria"))
    EntityFactory(name="Not Here")

    response = officer_client.get("/sessions/ieg-2-2025/console/")

    entities = [str(e) for e in response.context["filter"].form.fields["entity"].queryset]
    assert entities == ["Austria"]


def test_the_filters_say_all_rather_than_dashes(officer_client, session):
    text = officer_client.get("/sessions/ieg-2-2025/console/").text

    assert "---------" not in text
    assert '<select name="state" id="id_state"><option value="" selected>All</option>' in text


def test_many_refusals_are_summed_up_in_one_message(officer_client, officer):
    from registration.officer_views import REFUSALS_NAMED

    big = SessionFactory(format="hybrid", slug="big")
    bulk_registrations(big, REFUSALS_NAMED + 3, state="approved")

    response = officer_client.post(
        "/sessions/big/console/bulk/",
        {"action": "approve", "all_matching": "1", "query": ""},
        follow=True,
    )

    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 1
    assert warnings[0].endswith("and 3 others)")


def test_without_an_action_nothing_changes_and_the_ticks_stay(officer_client, session):
    registration = register(session)

    response = officer_client.post(
        "/sessions/ieg-2-2025/console/bulk/", {"registration": [registration.pk]}, follow=True
    )

    registration.refresh_from_db()
    assert (registration.state, response.context["selected"]) == (
        State.SUBMITTED,
        {registration.pk},
    )


def test_the_message_after_a_bulk_action_says_what_was_done(officer_client, officer, session):
    first, second = register(session), register(session)

    approved = officer_client.post(
        "/sessions/ieg-2-2025/console/bulk/",
        {"action": "approve", "registration": [first.pk, second.pk]},
        follow=True,
    )
    returned = officer_client.post(
        "/sessions/ieg-2-2025/console/bulk/",
        {"action": "return", "reason": "Check", "registration": [first.pk], "confirmed": "1"},
        follow=True,
    )

    assert "2 registrations approved." in approved.text
    assert "1 registration returned to submitted." in returned.text
