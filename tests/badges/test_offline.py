"""Scanning with no network: the bundle a scanner takes along (key, revoked serials,
participants), check-ins uploaded later with the time of the scan and the scanner's nonce,
and a scanner's queue uploaded at once."""

import base64
from datetime import date, datetime, timedelta

import pytest
from cryptography.hazmat.primitives import serialization
from django.utils import timezone

from badges import checkin, services, signing
from badges.models import Badge, CheckIn
from registration import services as registration_services
from registration.models import Registration
from tests.badges.common import api, approved, jpeg
from tests.concurrency import at_once
from tests.factories import VIENNA, SessionFactory, UserFactory, bulk_registrations

CHECKINS = "/api/v1/checkins/"
BATCH = "/api/v1/checkins/batch/"
BUNDLE = "/api/v1/sessions/running/scanner-bundle/"
NONCE = "6f1c2a4e-0b7d-4d43-9a55-2f7e8c1d3b90"


def today_at(hour: int, minute: int = 0, days: int = 0) -> datetime:
    """A time in Vienna, `days` from today."""
    day = timezone.localdate(timezone=VIENNA) + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=VIENNA)


@pytest.fixture
def badge(running, officer):
    return services.issue_badge(approved(running, given_name="Wei", family_name="Zhang"), officer)


@pytest.fixture
def other_badge(running, officer):
    return services.issue_badge(approved(running, given_name="Ana", family_name="Silva"), officer)


def upload(officer, badge, **fields):
    fields.setdefault("nonce", NONCE)
    fields.setdefault("scanned_at", today_at(10, days=-1).isoformat())
    return api(officer).post(CHECKINS, {"code": badge.code, **fields}, format="json")


# --- The scanner's bundle --------------------------------------------------------------


def test_the_bundle_has_the_session_and_its_days(officer, badge, running):
    session = api(officer).get(BUNDLE).json()["session"]

    assert (session["slug"], session["start_date"], session["time_zone"]) == (
        "running",
        running.start_date.isoformat(),
        "Europe/Vienna",
    )


def test_the_bundle_has_the_sessions_public_key(officer, badge, running):
    answer = api(officer).get(BUNDLE).json()

    public_key = services.badging_for(running).public_key
    assert (answer["algorithm"], base64.b64decode(answer["public_key"])) == ("Ed25519", public_key)


def test_the_bundles_pem_is_the_same_key(officer, badge):
    answer = api(officer).get(BUNDLE).json()

    key = serialization.load_pem_public_key(answer["public_key_pem"].encode())
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert raw == base64.b64decode(answer["public_key"])


def test_the_bundles_key_verifies_a_badge_offline(officer, badge, django_assert_num_queries):
    public_key = base64.b64decode(api(officer).get(BUNDLE).json()["public_key"])

    with django_assert_num_queries(0):
        named = signing.verify(public_key, badge.code)

    assert named == (badge.session_id, badge.registration_id, badge.serial)


def test_the_bundles_key_tells_a_forged_badge_offline(officer, badge):
    public_key = base64.b64decode(api(officer).get(BUNDLE).json()["public_key"])
    other_private_key, _other_public_key = signing.new_key_pair()
    forged = signing.sign(other_private_key, badge.session_id, badge.registration_id, 1)

    with pytest.raises(signing.InvalidCode):
        signing.verify(public_key, forged)


def test_the_bundle_has_the_revoked_serials(officer, badge):
    services.reprint(badge.registration, officer, "Lost")

    revoked = api(officer).get(BUNDLE).json()["revoked"]

    assert [row["serial"] for row in revoked] == [badge.serial]


def test_the_bundle_has_the_live_badges_participants(officer, badge):
    registration = badge.registration

    participants = api(officer).get(BUNDLE).json()["participants"]

    assert participants == [
        {
            "serial": badge.serial,
            "registration": registration.pk,
            "name": "Wei ZHANG",
            "entity": registration.entity.name,
            "category": "Member State",
            "photo_url": None,
            "admits": True,
        }
    ]


def test_the_bundle_leaves_out_revoked_badges_from_the_participants(officer, badge):
    new = services.reprint(badge.registration, officer, "Lost")

    participants = api(officer).get(BUNDLE).json()["participants"]

    assert [row["serial"] for row in participants] == [new.serial]


def test_the_bundles_photo_url_is_the_officer_only_photo_view(officer, badge):
    badge.registration.photo.save("photo.jpg", jpeg())

    participant = api(officer).get(BUNDLE).json()["participants"][0]

    assert participant["photo_url"] == (
        f"http://testserver/registrations/{badge.registration_id}/photo/"
    )


def test_a_live_badge_of_a_registration_returned_for_checks_does_not_admit(officer, badge):
    registration_services.return_to_submitted(badge.registration, officer, "Check the passport")

    participant = api(officer).get(BUNDLE).json()["participants"][0]

    assert (participant["serial"], participant["admits"]) == (badge.serial, False)


def test_the_bundle_is_refused_to_delegates(badge):
    assert api(UserFactory()).get(BUNDLE).status_code == 403


def test_the_bundle_is_refused_to_anonymous_callers(badge):
    assert api().get(BUNDLE).status_code in (401, 403)


def test_the_bundle_of_an_unknown_session_is_not_found(officer):
    assert api(officer).get("/api/v1/sessions/no-such-session/scanner-bundle/").status_code == 404


def _badges(session, count: int) -> None:
    """`count` approved registrations with live badges, and as many revoked badges, straight
    into the database: the bundle reads them; it does not check the codes."""
    bulk_registrations(session, count, state=Registration.State.APPROVED)
    services.badging_for(session)
    registrations = Registration.objects.filter(session=session)
    now = timezone.now()
    Badge.objects.bulk_create(
        Badge(
            session=session,
            registration=registration,
            serial=serial,
            code=f"CODE{serial}",
            qr_modules=[],
            issued_at=now,
            revoked_at=now if serial % 2 else None,
        )
        for serial, registration in enumerate(
            [registration for registration in registrations for _twice in range(2)], start=1
        )
    )


@pytest.mark.parametrize("count", [1, 40])
def test_the_bundle_takes_one_query_per_table_whatever_the_number_of_badges(
    officer, running, count, django_assert_num_queries
):
    _badges(running, count)
    client = api(officer)

    # The officer's role, the session, its key pair, its badges (with their registrations
    # and entities).
    with django_assert_num_queries(4):
        participants = client.get(BUNDLE).json()["participants"]

    assert len(participants) == count


# --- A check-in made offline, uploaded later -------------------------------------------


def test_an_offline_check_in_is_recorded_for_the_day_and_time_of_the_scan(officer, badge):
    scanned_at = today_at(10, 15, days=-1)

    response = upload(officer, badge, scanned_at=scanned_at.isoformat())

    assert response.status_code == 201
    assert CheckIn.objects.values_list("day", "at", "nonce").get() == (
        scanned_at.date(),
        scanned_at,
        NONCE,
    )


def test_an_offline_check_in_answers_the_time_of_the_scan(officer, badge):
    response = upload(officer, badge, scanned_at=today_at(10, 15, days=-1).isoformat())

    assert (response.json()["day"], response.json()["local_time"]) == (
        today_at(10, days=-1).date().isoformat(),
        "10:15",
    )


def test_the_same_nonce_uploaded_twice_records_one_check_in(officer, badge):
    upload(officer, badge)

    upload(officer, badge)

    assert CheckIn.objects.count() == 1


def test_the_same_nonce_uploaded_twice_answers_as_the_first_time(officer, badge):
    first = upload(officer, badge)

    again = upload(officer, badge)

    assert (again.status_code, again.json()) == (first.status_code, first.json())


def test_the_same_nonce_uploaded_again_after_a_revocation_still_answers_as_the_first_time(
    officer, badge
):
    first = upload(officer, badge)
    services.revoke(badge, officer, "Stolen")

    again = upload(officer, badge)

    assert (again.status_code, again.json()["result"]) == (first.status_code, "admitted")


def test_a_new_nonce_the_same_day_says_already_checked_in(officer, badge):
    upload(officer, badge, scanned_at=today_at(9, days=-1).isoformat())

    later = upload(officer, badge, nonce="another-scan", scanned_at=timezone.now().isoformat())
    again = upload(
        officer, badge, nonce="yet-another", scanned_at=today_at(15, days=-1).isoformat()
    )

    assert (later.status_code, again.status_code, again.json()["result"]) == (
        201,
        200,
        "already_checked_in",
    )
    assert CheckIn.objects.count() == 2


def test_a_nonce_already_used_for_another_badge_is_refused(officer, badge, other_badge):
    upload(officer, badge)

    response = upload(officer, other_badge)

    assert (response.status_code, response.json()["reason"]) == (409, "nonce_reused")
    assert CheckIn.objects.count() == 1


def test_the_same_nonce_in_another_session_is_another_scan(officer, badge):
    other_session = SessionFactory(
        format="hybrid", start_date=badge.session.start_date, end_date=badge.session.end_date
    )
    other = services.issue_badge(approved(other_session), officer)
    upload(officer, badge)

    response = upload(officer, other)

    assert (response.status_code, CheckIn.objects.count()) == (201, 2)


def test_a_scan_in_the_future_is_refused(officer, badge):
    response = upload(officer, badge, scanned_at=(timezone.now() + timedelta(hours=1)).isoformat())

    assert (response.status_code, response.json()["reason"]) == (409, "scanned_in_future")
    assert CheckIn.objects.count() == 0


def test_a_scanner_clock_a_minute_ahead_is_taken_as_now(officer, badge):
    before = timezone.now()

    upload(officer, badge, scanned_at=(before + timedelta(minutes=1)).isoformat())

    assert before <= CheckIn.objects.get().at <= timezone.now()


def test_a_scan_before_the_sessions_first_day_is_refused(officer, badge):
    response = upload(officer, badge, scanned_at=today_at(18, days=-2).isoformat())

    assert (response.status_code, response.json()["reason"]) == (409, "outside_dates")
    assert CheckIn.objects.count() == 0


@pytest.mark.parametrize(
    "scanned_at", ["0001-01-01T00:00:00+14:00", "0001-01-01T00:00:00", "9999-12-31T23:59:59-14:00"]
)
def test_a_scan_time_at_the_ends_of_the_calendar_is_refused(officer, badge, scanned_at):
    response = upload(officer, badge, scanned_at=scanned_at)

    assert response.status_code == 409
    assert response.json()["reason"] in ("outside_dates", "scanned_in_future")
    assert CheckIn.objects.count() == 0


def test_a_scan_time_that_is_not_a_datetime_is_refused(officer, badge):
    response = upload(officer, badge, scanned_at="yesterday morning")

    assert (response.status_code, response.json()["reason"]) == (400, "invalid")
    assert CheckIn.objects.count() == 0


def test_a_scan_time_without_an_offset_is_the_sessions_local_time(badge):
    session = badge.session
    session.start_date, session.end_date = date(2025, 1, 27), date(2025, 1, 31)
    session.save()

    checkin.check_in(
        badge.code,
        actor=None,
        now=datetime(2025, 1, 29, 12, tzinfo=VIENNA),
        nonce=NONCE,
        scanned_at=datetime(2025, 1, 28, 23, 30),  # in UTC, already the 29th in Vienna
    )

    assert CheckIn.objects.get().at == datetime(2025, 1, 28, 23, 30, tzinfo=VIENNA)


def test_a_delegate_may_not_upload_a_check_in(badge):
    response = upload(UserFactory(), badge)

    assert response.status_code == 403
    assert CheckIn.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_the_same_scan_uploaded_at_once_is_recorded_once_and_admitted_each_time():
    today = timezone.localdate(timezone=VIENNA)
    session = SessionFactory(format="hybrid", start_date=today, end_date=today)
    badge = services.issue_badge(approved(session), None)

    answers = at_once(
        8,
        lambda index: checkin.check_in(
            badge.code, actor=None, nonce=NONCE, scanned_at=timezone.now()
        ),
        (),
    )

    assert [answer.created for answer in answers] == [True] * 8
    assert CheckIn.objects.count() == 1


# --- A scanner's queue at once ---------------------------------------------------------


def _queue(*badges_and_nonces) -> dict:
    return {
        "checkins": [
            {
                "code": code,
                "nonce": nonce,
                "scanned_at": (today_at(9, days=-1) + timedelta(seconds=n)).isoformat(),
                "gate": "North",
                "device": "scanner-7",
            }
            for n, (code, nonce) in enumerate(badges_and_nonces)
        ]
    }


def test_the_batch_answers_each_scan_in_order(officer, badge):
    queue = _queue((badge.code, "scan-1"), (badge.code, "scan-2"), ("HELLO", "scan-3"))

    results = api(officer).post(BATCH, queue, format="json").json()["results"]

    assert [(row["nonce"], row["status"], row["result"]) for row in results] == [
        ("scan-1", 201, "admitted"),
        ("scan-2", 200, "already_checked_in"),
        ("scan-3", 409, "refused"),
    ]
    assert results[2]["reason"] == "forged"


def test_the_batch_records_the_admitted_scans(officer, badge, other_badge):
    queue = _queue((badge.code, "scan-1"), (other_badge.code, "scan-2"), ("HELLO", "scan-3"))

    api(officer).post(BATCH, queue, format="json")

    assert sorted(CheckIn.objects.values_list("nonce", "gate")) == [
        ("scan-1", "North"),
        ("scan-2", "North"),
    ]


def test_a_batch_uploaded_again_records_nothing_twice_and_answers_the_same(officer, badge):
    queue = _queue((badge.code, "scan-1"), (badge.code, "scan-2"))
    first = api(officer).post(BATCH, queue, format="json").json()

    again = api(officer).post(BATCH, queue, format="json").json()

    assert (again, CheckIn.objects.count()) == (first, 1)


def test_a_scan_without_a_code_is_refused_and_the_others_go_through(officer, badge):
    queue = _queue(("", "scan-1"), (badge.code, "scan-2"))

    results = api(officer).post(BATCH, queue, format="json").json()["results"]

    assert [(row["status"], row.get("reason")) for row in results] == [
        (400, "missing_code"),
        (201, None),
    ]


def test_a_scan_at_the_dawn_of_time_is_refused_and_the_others_go_through(officer, badge):
    queue = _queue((badge.code, "scan-1"), (badge.code, "scan-2"))
    queue["checkins"][0]["scanned_at"] = "0001-01-01T00:00:00+14:00"

    results = api(officer).post(BATCH, queue, format="json").json()["results"]

    assert [(row["status"], row.get("reason")) for row in results] == [
        (409, "outside_dates"),
        (201, None),
    ]
    assert list(CheckIn.objects.values_list("nonce", flat=True)) == ["scan-2"]


def test_a_batch_of_more_than_500_is_refused_and_writes_nothing(officer, badge):
    queue = _queue(*[(badge.code, f"scan-{n}") for n in range(501)])

    response = api(officer).post(BATCH, queue, format="json")

    assert (response.status_code, response.json()["reason"]) == (400, "too_many")
    assert CheckIn.objects.count() == 0


def test_a_batch_of_500_is_answered(officer, badge):
    queue = _queue(*[(badge.code, f"scan-{n}") for n in range(500)])

    response = api(officer).post(BATCH, queue, format="json")

    assert (response.status_code, len(response.json()["results"])) == (200, 500)


def test_a_batch_that_is_not_a_list_is_refused(officer, badge):
    response = api(officer).post(BATCH, {"checkins": badge.code}, format="json")

    assert (response.status_code, response.json()["reason"]) == (400, "invalid")


def test_a_delegate_may_not_post_a_batch(badge):
    response = api(UserFactory()).post(BATCH, _queue((badge.code, "scan-1")), format="json")

    assert response.status_code == 403
    assert CheckIn.objects.count() == 0


def test_an_anonymous_caller_may_not_post_a_batch(badge):
    response = api().post(BATCH, _queue((badge.code, "scan-1")), format="json")

    assert response.status_code in (401, 403)
    assert CheckIn.objects.count() == 0


def test_a_scan_at_the_start_of_the_calendar_is_refused_west_of_utc(officer, badge):
    session = badge.session
    session.time_zone = "America/New_York"
    session.save(update_fields=["time_zone"])

    response = upload(officer, badge, scanned_at="0001-01-01T02:00:00Z")

    assert (response.status_code, response.json()["reason"]) == (409, "outside_dates")
    assert CheckIn.objects.count() == 0
