"""Issuing badges and checking participants in at the gate: the services, the API, and the
races (serials taken at the same instant, the same badge scanned twice at once)."""

import base64
from datetime import date, timedelta

import pytest

from badges import checkin, services, signing
from badges.checkin import CheckInRefused
from badges.models import Badge, CheckIn
from badges.services import BadgeError
from registration import services as registration_services
from tests.badges.common import api, approved, jpeg
from tests.concurrency import at_once
from tests.factories import SessionFactory, UserFactory, register, vienna

URL = "/api/v1/checkins/"
DURING = vienna(date(2025, 1, 28), 9, 30)  # the second day of the factory's session


@pytest.fixture
def session(db):
    return SessionFactory(format="hybrid")


@pytest.fixture
def registration(session):
    return approved(session, given_name="Amina", family_name="Haddad")


@pytest.fixture
def badge(registration, officer):
    return services.issue_badge(registration, officer)


@pytest.fixture
def running_badge(running, officer):
    registration = approved(running, given_name="Wei", family_name="Zhang")
    return services.issue_badge(registration, officer)


def refusal(code: str, **kwargs) -> CheckInRefused:
    kwargs.setdefault("now", DURING)
    with pytest.raises(CheckInRefused) as refused:
        checkin.check_in(code, gate="Gate 1", device="scanner-1", actor=None, **kwargs)
    return refused.value


# --- Issuing ---------------------------------------------------------------------------


def test_an_issued_badge_carries_a_code_naming_it_signed_with_the_sessions_key(badge):
    public_key = services.badging_for(badge.session).public_key

    assert signing.verify(public_key, badge.code) == (
        badge.session_id,
        badge.registration_id,
        badge.serial,
    )


def test_an_issued_badge_stores_its_qr_modules(badge):
    assert badge.qr_modules == signing.qr_modules(badge.code)


def test_serials_follow_each_other_within_a_session(session, badge):
    second = services.issue_badge(approved(session), None)

    assert (badge.serial, second.serial) == (1, 2)


def test_serials_start_again_at_one_in_another_session(badge):
    other = SessionFactory(format="hybrid")

    assert services.issue_badge(approved(other), None).serial == 1


def test_issuing_again_gives_back_the_live_badge(registration, badge):
    again = services.issue_badge(registration, None)

    assert (again.pk, Badge.objects.count()) == (badge.pk, 1)


def test_an_online_registration_has_no_badge(session):
    online = approved(session, mode="online")

    with pytest.raises(BadgeError, match="in person"):
        services.issue_badge(online, None)


def test_a_pending_registration_has_no_badge(session):
    pending = register(session)

    with pytest.raises(BadgeError, match="approved"):
        services.issue_badge(pending, None)
    assert Badge.objects.count() == 0


def test_a_reprint_revokes_the_old_serial_and_issues_the_next(registration, badge):
    new = services.reprint(registration, None, "Lost at the gate")
    badge.refresh_from_db()

    assert (badge.revoked_reason, badge.is_live, new.serial) == ("Lost at the gate", False, 2)


def test_a_reprint_needs_a_reason(registration, badge):
    with pytest.raises(BadgeError, match="reason"):
        services.reprint(registration, None, "  ")
    assert Badge.objects.get().is_live


def test_a_badge_cannot_be_revoked_twice(badge):
    services.revoke(badge, None, "Stolen")

    with pytest.raises(BadgeError, match="already"):
        services.revoke(badge, None, "Stolen")


def test_the_revocation_list_holds_the_revoked_serials(registration, badge):
    services.reprint(registration, None, "Name misspelt")

    assert [revoked.serial for revoked in services.revocation_list(badge.session)] == [1]


def test_the_key_pair_is_made_once_per_session(session):
    first = services.badging_for(session)

    assert services.badging_for(session).public_key == first.public_key


# --- Checking in -----------------------------------------------------------------------


def test_check_in_admits_and_answers_the_participant(badge):
    answer = checkin.check_in(badge.code, gate="Gate 1", device="s1", actor=None, now=DURING)

    assert (answer.created, answer.registration.full_name, answer.badge) == (
        True,
        "Amina HADDAD",
        badge,
    )


def test_check_in_records_the_day_gate_and_device(badge, officer):
    checkin.check_in(badge.code, gate="Gate 1", device="s1", actor=officer, now=DURING)

    assert CheckIn.objects.values_list("day", "gate", "device", "checked_by").get() == (
        date(2025, 1, 28),
        "Gate 1",
        "s1",
        officer.pk,
    )


def test_a_second_scan_the_same_day_says_already_checked_in_at_the_time(badge):
    checkin.check_in(badge.code, gate="", device="", actor=None, now=DURING)

    again = checkin.check_in(
        badge.code, gate="", device="", actor=None, now=DURING + timedelta(hours=3)
    )

    assert (again.created, again.message) == (False, "Already checked in today at 09:30.")
    assert CheckIn.objects.count() == 1


def test_the_next_day_counts_again(badge):
    checkin.check_in(badge.code, gate="", device="", actor=None, now=DURING)

    next_day = checkin.check_in(
        badge.code, gate="", device="", actor=None, now=DURING + timedelta(days=1)
    )

    assert (next_day.created, CheckIn.objects.count()) == (True, 2)


def test_the_day_is_the_sessions_local_day(badge):
    just_after_midnight_in_vienna = vienna(date(2025, 1, 29), 0, 30)  # still the 28th in UTC

    checkin.check_in(badge.code, gate="", device="", actor=None, now=just_after_midnight_in_vienna)

    assert CheckIn.objects.get().day == date(2025, 1, 29)


def test_a_code_changed_in_one_character_is_refused_as_forged(badge):
    changed = badge.code[:50] + ("A" if badge.code[50] != "A" else "B") + badge.code[51:]

    assert refusal(changed).reason == "forged"
    assert CheckIn.objects.count() == 0


def test_a_code_signed_with_another_key_is_refused_as_forged(badge):
    other_private_key, _public_key = signing.new_key_pair()
    forged = signing.sign(other_private_key, badge.session_id, badge.registration_id, 1)

    assert refusal(forged).reason == "forged"
    assert CheckIn.objects.count() == 0


def test_a_code_naming_a_session_without_badges_is_refused_as_forged(badge):
    private_key, _public_key = signing.new_key_pair()
    forged = signing.sign(private_key, badge.session_id + 1000, 1, 1)

    assert refusal(forged).reason == "forged"


def test_after_a_reprint_the_old_code_is_refused_as_revoked(registration, badge):
    services.reprint(registration, None, "Lost")

    assert refusal(badge.code).reason == "revoked"
    assert CheckIn.objects.count() == 0


def test_after_a_reprint_the_new_code_admits(registration, badge):
    new = services.reprint(registration, None, "Lost")

    assert checkin.check_in(new.code, gate="", device="", actor=None, now=DURING).created


def test_a_revoked_badge_is_refused_as_revoked(badge):
    services.revoke(badge, None, "Stolen")

    refused = refusal(badge.code)

    assert (refused.reason, "Stolen" in refused.message) == ("revoked", True)


def test_a_badge_of_another_session_is_refused_at_this_sessions_gate(badge):
    other = SessionFactory(format="hybrid", short_name="IEG-other")

    refused = refusal(badge.code, session=other)

    assert (refused.reason, "IEG-other" in refused.message) == ("wrong_session", True)
    assert CheckIn.objects.count() == 0


def test_a_badge_at_its_own_sessions_gate_admits(badge):
    answer = checkin.check_in(
        badge.code, gate="", device="", actor=None, now=DURING, session=badge.session
    )

    assert answer.created


def test_a_withdrawal_revokes_the_badge_for_offline_scanners_too(registration, badge):
    registration_services.withdraw(registration, None, "Cannot travel")

    assert refusal(badge.code).reason == "revoked"
    assert [row.serial for row in services.revocation_list(badge.session)] == [badge.serial]
    assert CheckIn.objects.count() == 0


def test_a_move_online_revokes_the_badge(registration, badge):
    registration_services.switch_to_online(registration, None)

    assert refusal(badge.code).reason == "revoked"


@pytest.mark.parametrize(
    "leave",
    [
        lambda registration: registration_services.withdraw(registration, None),
        lambda registration: registration_services.switch_to_online(registration, None),
    ],
    ids=["withdrawn", "moved online"],
)
def test_a_participant_returned_for_checks_who_then_leaves_loses_the_badge(
    registration, badge, leave
):
    registration_services.return_to_submitted(registration, None, "Check the passport")

    leave(registration)

    assert refusal(badge.code).reason == "revoked"


def test_a_registration_returned_for_checks_is_refused_though_its_badge_is_live(
    registration, badge
):
    registration_services.return_to_submitted(registration, None, "Check the passport")

    assert refusal(badge.code).reason == "not_approved"


@pytest.mark.parametrize(
    "when",
    [
        vienna(date(2025, 1, 26), 18),  # the day before the first day
        vienna(date(2025, 1, 26), 23, 59),
        vienna(date(2025, 2, 1), 0, 1),  # the day after the last day
    ],
)
def test_a_scan_outside_the_sessions_days_is_refused(badge, when):
    assert refusal(badge.code, now=when).reason == "outside_dates"
    assert CheckIn.objects.count() == 0


# --- Races -----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_twenty_badges_issued_at_the_same_instant_get_twenty_distinct_serials():
    session = SessionFactory(format="hybrid")
    registrations = [approved(session) for _ in range(20)]

    badges = at_once(20, lambda index: services.issue_badge(registrations[index], None), ())

    assert sorted(badge.serial for badge in badges) == list(range(1, 21))
    assert Badge.objects.filter(session=session).count() == 20


@pytest.mark.django_db(transaction=True)
def test_the_same_badge_scanned_at_once_is_checked_in_once():
    session = SessionFactory(format="hybrid")
    badge = services.issue_badge(approved(session), None)

    answers = at_once(
        10,
        lambda index: checkin.check_in(
            badge.code, gate=f"Gate {index}", device="", actor=None, now=DURING
        ),
        (),
    )

    assert sum(answer.created for answer in answers) == 1
    assert CheckIn.objects.count() == 1


# --- API -------------------------------------------------------------------------------


def test_the_api_checks_in_with_201_and_the_participants_details(officer, running_badge):
    registration = running_badge.registration
    registration.photo.save("photo.jpg", jpeg())

    response = api(officer).post(URL, {"code": running_badge.code, "gate": "G1"}, format="json")

    assert response.status_code == 201
    assert {key: response.json()[key] for key in ("result", "name", "entity", "category")} == {
        "result": "admitted",
        "name": "Wei ZHANG",
        "entity": registration.entity.name,
        "category": "Member State",
    }
    assert response.json()["photo_url"].endswith(f"/registrations/{registration.pk}/photo/")


def test_the_photo_url_serves_the_photo_to_officers(officer_client, officer, running_badge):
    running_badge.registration.photo.save("photo.jpg", jpeg())
    answer = api(officer).post(URL, {"code": running_badge.code}, format="json").json()

    response = officer_client.get(answer["photo_url"])

    assert (response.status_code, response["Content-Type"]) == (200, "image/jpeg")


def test_the_api_answers_no_photo_url_without_a_photo(officer, running_badge):
    response = api(officer).post(URL, {"code": running_badge.code}, format="json")

    assert response.json()["photo_url"] is None


def test_the_api_answers_200_already_checked_in_the_second_time(officer, running_badge):
    api(officer).post(URL, {"code": running_badge.code}, format="json")

    response = api(officer).post(URL, {"code": running_badge.code}, format="json")

    assert (response.status_code, response.json()["result"]) == (200, "already_checked_in")
    assert response.json()["name"] == "Wei ZHANG"
    assert CheckIn.objects.count() == 1


def test_a_scan_is_one_query_and_the_insert(officer, running_badge, django_assert_num_queries):
    client = api(officer)

    # the roles, the badge (with its session, key, registration and entity), the insert
    # (in a savepoint, as the test runs in a transaction: 2 more)
    with django_assert_num_queries(5):
        first = client.post(URL, {"code": running_badge.code}, format="json")
    # ... and a second scan that day: the insert refused, then the day's check-in read
    with django_assert_num_queries(6):
        again = client.post(URL, {"code": running_badge.code}, format="json")

    assert (first.status_code, again.status_code) == (201, 200)


def test_the_api_refuses_a_revoked_badge_with_409_reason_and_detail(officer, running_badge):
    services.revoke(running_badge, officer, "Stolen")

    response = api(officer).post(URL, {"code": running_badge.code}, format="json")

    assert (response.status_code, response.json()["reason"]) == (409, "revoked")
    assert "Stolen" in response.json()["detail"]
    assert CheckIn.objects.count() == 0


def test_the_api_refuses_a_badge_of_another_session(officer, running_badge, session):
    response = api(officer).post(
        URL, {"code": running_badge.code, "session": session.slug}, format="json"
    )

    assert (response.status_code, response.json()["reason"]) == (409, "wrong_session")


def test_the_api_refuses_a_garbled_code_as_forged(officer, running_badge):
    response = api(officer).post(URL, {"code": "HELLO"}, format="json")

    assert (response.status_code, response.json()["reason"]) == (409, "forged")


def test_the_api_answers_400_for_a_missing_code(officer, running_badge):
    response = api(officer).post(URL, {"gate": "G1"}, format="json")

    assert (response.status_code, response.json()["reason"]) == (400, "missing_code")


def test_the_api_answers_400_for_an_unknown_session(officer, running_badge):
    response = api(officer).post(
        URL, {"code": running_badge.code, "session": "no-such-session"}, format="json"
    )

    assert (response.status_code, response.json()["reason"]) == (400, "invalid")
    assert CheckIn.objects.count() == 0


def test_a_delegate_may_not_check_anyone_in(running_badge):
    response = api(UserFactory()).post(URL, {"code": running_badge.code}, format="json")

    assert response.status_code == 403
    assert CheckIn.objects.count() == 0


def test_an_anonymous_caller_may_not_check_anyone_in(running_badge):
    response = api().post(URL, {"code": running_badge.code}, format="json")

    assert response.status_code in (401, 403)
    assert CheckIn.objects.count() == 0


def test_the_public_key_is_public_and_verifies_badge_codes(running_badge):
    answer = api().get("/api/v1/sessions/running/badge-key/").json()

    public_key = base64.b64decode(answer["public_key"])

    assert signing.verify(public_key, running_badge.code) == (
        running_badge.session_id,
        running_badge.registration_id,
        running_badge.serial,
    )


def test_the_public_key_of_an_unknown_session_is_not_found(db):
    assert api().get("/api/v1/sessions/no-such-session/badge-key/").status_code == 404


def test_officers_read_the_revoked_serials(officer, running_badge):
    services.reprint(running_badge.registration, officer, "Lost")

    response = api(officer).get("/api/v1/sessions/running/revoked-badges/")

    assert [row["serial"] for row in response.json()["revoked"]] == [running_badge.serial]


def test_the_revocation_list_is_for_officers_only(running_badge):
    response = api(UserFactory()).get("/api/v1/sessions/running/revoked-badges/")

    assert response.status_code == 403


def test_check_ins_feed_the_attendance_summary(officer_client, badge, registration):
    checkin.check_in(badge.code, gate="Gate 1", device="s1", actor=None, now=DURING)
    checkin.check_in(
        badge.code, gate="Gate 1", device="s1", actor=None, now=DURING + timedelta(days=1)
    )

    url = f"/sessions/{badge.session.slug}/console/attendance/"
    summary = officer_client.get(url).context["summary"]

    assert summary["checked_in"] == 1
    assert [row["people"] for row in summary["checked_in_by_day"]] == [1, 1]


def test_a_revoked_badge_gives_the_change_not_the_officers_private_reason(
    registration, badge, officer
):
    registration_services.withdraw(registration, officer, "Flagged by the security service")

    badge.refresh_from_db()
    assert badge.revoked_reason == "Withdrawn"
