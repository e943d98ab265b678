"""Officers' online attendance: who joined each sitting and when, its exports, the links
opened from many places, and the people who joined online beside those checked in at the
gate in the attendance summary for the meeting report."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from online import queries, services
from online.models import OnlineAttendance
from registration import services as registration
from registration.models import Entity
from tests.factories import (
    EntityFactory,
    SittingFactory,
    UserFactory,
    register,
    vienna,
)
from tests.online.common import DAY, ZOOM

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(session):
    """The conftest's session, with a third sitting the next day."""
    SittingFactory(
        session=session,
        title="3rd plenary",
        start=vienna(DAY + timedelta(days=1), 10),
        end=vienna(DAY + timedelta(days=1), 13),
    )
    return session


def participant(session, officer, entity=None, **fields):
    return registration.approve(register(session, entity, mode="online", **fields), officer)


def join(person, hour, minute=0, day=DAY, ip="203.0.113.5", agent="Firefox"):
    token = services.join_link(person).token
    return services.open_link(token, now=vienna(day, hour, minute), ip=ip, user_agent=agent)


@pytest.fixture
def austria(session, officer):
    person = participant(
        session, officer, EntityFactory(name="Austria"), given_name="Eva", family_name="Berger"
    )
    join(person, 10, 5)
    join(person, 15, 2)
    return person


def test_the_page_lists_per_sitting_who_joined_online_and_when(client, officer, austria):
    client.force_login(officer)

    response = client.get("/sessions/ieg-2-2025/online-attendance/")

    groups = response.context["groups"]
    assert [(g.sitting.title, len(g.attendance)) for g in groups] == [
        ("1st plenary", 1),
        ("2nd plenary", 1),
        ("3rd plenary", 0),
    ]
    page = response.content.decode()
    assert "Eva BERGER" in page and "Austria" in page and "10:05" in page and "15:02" in page
    assert ZOOM not in page


@pytest.mark.parametrize("who", ["anonymous", "delegate", "focal point", "participant"])
def test_only_officers_see_the_page_and_its_exports(client, session, officer, austria, who):
    if who == "delegate":
        client.force_login(UserFactory())
    elif who == "focal point":
        focal_point = UserFactory()
        austria.delegation.focal_points.add(focal_point)
        client.force_login(focal_point)
    elif who == "participant":
        austria.participant = UserFactory()
        austria.save(update_fields=["participant"])
        client.force_login(austria.participant)

    for url in [
        "/sessions/ieg-2-2025/online-attendance/",
        "/sessions/ieg-2-2025/online-attendance/export.csv",
        "/sessions/ieg-2-2025/online-attendance/export.xlsx",
    ]:
        response = client.get(url)
        assert response.status_code == (302 if who == "anonymous" else 403)
        assert b"Berger" not in response.content


def test_the_exports_hold_one_row_per_person_and_sitting(client, officer, austria):
    client.force_login(officer)

    csv = client.get("/sessions/ieg-2-2025/online-attendance/export.csv")
    xlsx = client.get("/sessions/ieg-2-2025/online-attendance/export.xlsx")

    lines = csv.content.decode().splitlines()
    assert lines[0].startswith("Sitting,Start,Given name,Family name,Entity")
    assert lines[1].startswith("1st plenary,2025-01-27 10:00:00,Eva,Berger,Austria")
    assert lines[1].endswith("2025-01-27 10:05:00")
    assert len(lines) == 3
    assert 'filename="ieg-2-2025-online-attendance.csv"' in csv["Content-Disposition"]
    sheet = load_workbook(BytesIO(xlsx.content)).active
    assert [row[3] for row in sheet.iter_rows(values_only=True)] == [
        "Family name",
        "Berger",
        "Berger",
    ]


def test_a_name_that_a_spreadsheet_would_run_is_exported_as_text(client, session, officer):
    join(participant(session, officer, family_name="=HYPERLINK(1)"), 10)
    client.force_login(officer)

    csv = client.get("/sessions/ieg-2-2025/online-attendance/export.csv").content.decode()

    assert ",'=HYPERLINK(1)," in csv


def test_a_link_opened_from_many_places_is_shown_with_its_openings(
    client, session, officer, austria, settings
):
    settings.JOIN_MANY_PLACES = 3
    shared = participant(session, officer, given_name="Karl", family_name="Passed")
    join(shared, 10, 0, ip="203.0.113.5", agent="Firefox")
    join(shared, 10, 1, ip="203.0.200.9", agent="Firefox")  # the same place: 203.0.x.x
    join(shared, 10, 2, ip="198.51.100.1", agent="Firefox")
    client.force_login(officer)

    two = client.get("/sessions/ieg-2-2025/online-attendance/").context["many_places"]
    join(shared, 10, 3, ip="198.51.100.1", agent="Safari")
    three = client.get("/sessions/ieg-2-2025/online-attendance/")

    assert two == []
    [entry] = three.context["many_places"]
    assert entry.registration == shared
    assert [(p["ip_prefix"], p["user_agent"], p["count"]) for p in entry.places] == [
        ("198.51.x.x", "Safari", 1),
        ("198.51.x.x", "Firefox", 1),
        ("203.0.x.x", "Firefox", 2),
    ]
    assert "2 times, last on" in three.content.decode()
    # Austria's link, opened twice from one place, is not among them.
    assert all(e.registration != austria for e in three.context["many_places"])


@pytest.mark.parametrize("count", [10, 300])
def test_the_page_takes_a_fixed_number_of_queries(client, session, officer, count):
    entity = EntityFactory()
    first = participant(session, officer, entity)
    sittings = list(session.sittings.order_by("start"))
    people = [first] + [
        participant(session, officer, entity) for _ in range(1 if count == 10 else 2)
    ]
    # The rest straight into the database: only the number of rows matters here.
    from registration.models import Registration

    base = Registration.objects.filter(pk=first.pk).values()[0]
    clones = []
    for n in range(count - len(people)):
        row = {k: v for k, v in base.items() if k not in ("id",)}
        row["email"] = f"bulk{n}@example.org"
        row["family_name"] = f"Bulk{n}"
        clones.append(Registration(**row))
    people += Registration.objects.bulk_create(clones)
    OnlineAttendance.objects.bulk_create(
        [
            OnlineAttendance(
                registration=person, sitting=sitting, day=DAY, first_joined_at=sitting.start
            )
            for person in people
            for sitting in sittings[:2]
        ]
    )
    for person in people[:4]:
        for n in range(3):
            join(person, 10, n, ip=f"10.{n}.0.1")
    client.force_login(officer)

    with CaptureQueriesContext(connection) as counted:
        response = client.get("/sessions/ieg-2-2025/online-attendance/")
        client.get("/sessions/ieg-2-2025/online-attendance/export.csv")

    assert len(response.context["groups"][0].attendance) == count
    assert len(response.context["many_places"]) == 4
    assert len(counted) == QUERIES, [q["sql"][:80] for q in counted]


QUERIES = 14  # the page and its CSV export, whatever the number of rows


# --- The attendance summary for the meeting report ---------------------------------------


def test_the_summary_counts_online_attendance_beside_the_gates_check_ins(client, session, officer):
    from badges import checkin
    from badges.services import issue_badge

    states = [
        EntityFactory(name=f"State {n}", regional_group=group)
        for n, group in enumerate(["AFRICA", "AFRICA", "ASIA_PACIFIC"])
    ]
    ngo = EntityFactory(name="Friends of the Earth", kind=Entity.Kind.NGO, regional_group="")
    # Online: two people of State 0 (both sittings of the first day, one the second day
    # too), one of the NGO.
    first, second = (participant(session, officer, states[0]) for _ in range(2))
    for hour in (10, 15):
        join(first, hour)
    join(second, 10)
    join(second, 10, day=DAY + timedelta(days=1))
    join(participant(session, officer, ngo), 15)
    # In person: one of State 1 and one of State 0 (Member States: 0, 1 and not 2).
    gate = [
        registration.approve(register(session, entity, mode="in_person"), officer)
        for entity in (states[1], states[0])
    ]
    for person in gate:
        badge = issue_badge(person, officer)
        checkin.check_in(badge.code, gate="Gate 1", device="s1", actor=None, now=vienna(DAY, 9))
    client.force_login(officer)

    response = client.get("/sessions/ieg-2-2025/console/attendance/")

    page = response.content.decode()
    assert response.context["summary"]["checked_in"] == 2
    assert "/sessions/ieg-2-2025/online-attendance/" in page
    assert "2 Member States and 1 other entities attended in person or online." in page

    online = queries.summary(session)
    assert online["joined_online"] == 3
    assert online["member_states"] == 1
    assert online["entities_by_kind"] == [
        ("Non-governmental organization in consultative status with ECOSOC", 1)
    ]
    assert [(row.title, row.people) for row in online["by_sitting"]] == [
        ("1st plenary", 2),
        ("2nd plenary", 2),
        ("3rd plenary", 1),
    ]
    assert [(row["day"], row["people"]) for row in online["by_day"]] == [
        (DAY, 3),
        (DAY + timedelta(days=1), 1),
    ]
    assert [(row["label"], row["states"], row["participants"]) for row in online["by_group"]] == [
        ("African States", 1, 2)
    ]
    attended = queries.attended(session)
    assert (attended["people"], attended["member_states"], attended["other_entities"]) == (5, 2, 1)
    assert [(row["states"], row["participants"]) for row in attended["by_group"]] == [(2, 4)]
    assert [(row["day"], row["people"]) for row in attended["by_day"]] == [
        (DAY, 5),
        (DAY + timedelta(days=1), 1),
    ]


def test_the_summary_names_each_sitting_in_the_readers_language(client, session, officer):
    first = session.sittings.get(title="1st plenary")
    first.title_ar = "الجلسة العامة الأولى"
    first.save(update_fields=["title_ar"])
    join(participant(session, officer), 10)
    client.force_login(officer)
    client.cookies.load({"django_language": "ar"})

    page = client.get("/sessions/ieg-2-2025/console/attendance/").content.decode()

    assert "الجلسة العامة الأولى" in page and "1st plenary" not in page
