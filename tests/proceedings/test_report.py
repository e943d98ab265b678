"""The report of the lists of speakers: who spoke, in which order, for how long, in the room
or online, and the totals per delegation and per kind of entity; for one item or the whole
session, on the officers' page and as CSV, Excel and PDF (names in every script)."""

import csv
import io
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from proceedings import services
from proceedings.models import Group
from proceedings.report import duration, report
from registration.models import Entity
from tests.factories import vienna
from tests.pdfs import assert_printed, pdf_in
from tests.proceedings.conftest import DAY, inscribe

URL = "/sessions/ieg-2-2025/speakers/report/"


def at(hour: int, minute: int, second: int = 0):
    return vienna(DAY, hour, minute) + timedelta(seconds=second)


@pytest.fixture
def spoken(session, officer, member, speakers_list):
    """Item 1: Austria 2:00 in the room. Item 3: Egypt for the Group of 77 and China 7:00
    (in Arabic, its speaker named in Arabic), Austria 5:00, China 3:00 online (its speaker
    named in Chinese), Penal Reform International 2:00; Brazil withdrew and never spoke."""
    austria = member("Austria")
    egypt = member("Egypt", given_name="ليلى", family_name="حداد")
    china = member("China", given_name="芳", family_name="王")
    brazil = member("Brazil")
    ngo = member("Penal Reform International", kind=Entity.Kind.NGO)

    opening = services.open_list(session, 1, officer)
    inscribe(opening, austria)
    services.give_floor(opening, officer, now=at(10, 0))
    services.give_floor(opening, officer, now=at(10, 2))  # no one next: Austria ends

    inscribe(speakers_list, austria)
    inscribe(speakers_list, china, language="zh", mode="online")
    withdrawn = inscribe(speakers_list, brazil)
    inscribe(speakers_list, ngo)
    inscribe(speakers_list, egypt, language="ar", on_behalf_of=Group.G77_CHINA)
    services.withdraw(withdrawn, officer)
    services.give_floor(speakers_list, officer, now=at(10, 5))  # Egypt, for the group
    services.give_floor(speakers_list, officer, now=at(10, 12))  # Austria
    services.give_floor(speakers_list, officer, now=at(10, 17))  # China
    last = services.give_floor(speakers_list, officer, now=at(10, 20))  # the NGO
    services.end_statement(last, officer, now=at(10, 22))
    return session


def test_the_speakers_of_an_item_in_the_order_they_spoke(spoken):
    result = report(spoken, 3)

    assert [(s.place, s.delegation, s.seconds) for s in result.statements] == [
        (1, "Egypt", 420),
        (2, "Austria", 300),
        (3, "China", 180),
        (4, "Penal Reform International", 120),
    ]


def test_a_statement_says_who_how_for_whom_and_when(spoken):
    egypt, _austria, china, ngo = report(spoken, 3).statements

    assert (egypt.speaker, egypt.on_behalf_of, egypt.language, egypt.mode) == (
        "ليلى حداد",
        "Group of 77 and China",
        "Arabic",
        "In person",
    )
    assert (china.speaker, china.mode, china.language) == ("芳 王", "Online", "Chinese")
    assert (ngo.entity_kind, ngo.kind, ngo.duration) == (
        "Non-governmental organization in consultative status with ECOSOC",
        "Statement",
        "2:00",
    )
    assert egypt.inscription.started_at == at(10, 5)


def test_the_session_report_takes_every_item_in_turn(spoken):
    result = report(spoken)

    assert [(s.item.number, s.place, s.delegation) for s in result.statements] == [
        (1, 1, "Austria"),
        (3, 1, "Egypt"),
        (3, 2, "Austria"),
        (3, 3, "China"),
        (3, 4, "Penal Reform International"),
    ]
    assert result.item is None
    assert str(result.statements[0].item) == "1. Opening of the meeting."


def test_the_totals_per_delegation(spoken):
    totals = report(spoken).by_delegation

    assert [(t.label, t.statements, t.in_person, t.online, t.seconds) for t in totals] == [
        ("Austria", 2, 2, 0, 420),
        ("China", 1, 0, 1, 180),
        ("Egypt", 1, 1, 0, 420),
        ("Penal Reform International", 1, 1, 0, 120),
    ]


def test_the_totals_per_kind_of_entity_and_of_all(spoken):
    result = report(spoken)

    assert [(t.label, t.statements, t.seconds) for t in result.by_kind] == [
        ("Member State", 4, 1020),
        ("Non-governmental organization in consultative status with ECOSOC", 1, 120),
    ]
    assert (result.total.statements, result.total.online, result.total.duration) == (
        5,
        1,
        "19:00",
    )


def test_the_totals_of_one_item_count_that_item_only(spoken):
    result = report(spoken, 3)

    assert next((t.label, t.seconds) for t in result.by_delegation) == ("Austria", 300)
    assert (result.total.statements, result.total.seconds) == (4, 1020)


def test_nobody_waiting_speaking_or_withdrawn_is_in_the_report(session, member, speakers_list):
    inscribe(speakers_list, member("Austria"))

    assert report(session, 3).statements == []


def test_a_duration_reads_as_a_clock():
    assert [duration(s) for s in (0, 65, 600, 3725)] == ["0:00", "1:05", "10:00", "1:02:05"]


def test_the_report_takes_three_queries_however_many_spoke(spoken, member, officer):
    with CaptureQueriesContext(connection) as few:
        report(spoken)
    opening = services.open_list(spoken, 2, officer)
    for name in ("Denmark", "Estonia", "Finland"):
        inscribe(opening, member(name))
        services.give_floor(opening, officer)
    services.give_floor(opening, officer)

    with CaptureQueriesContext(connection) as more:
        result = report(spoken)
        [(s.delegation, s.speaker, s.entity_kind) for s in result.statements]

    assert len(result.statements) == 8
    assert len(more) == len(few) <= 3


# The page and its exports


def test_the_page_shows_the_statements_and_the_totals(officer_client, spoken):
    response = officer_client.get(URL)

    text = response.content.decode()
    assert response.status_code == 200
    assert "ليلى حداد" in text and "芳 王" in text
    assert "Total speaking time per kind of entity" in text
    assert '<time datetime="PT1140S">19:00</time>' in text
    assert 'href="/sessions/ieg-2-2025/speakers/report.pdf"' in text


def test_the_page_of_one_item_links_to_its_exports(officer_client, spoken):
    response = officer_client.get(URL + "?item=1")

    text = response.content.decode()
    assert "List of speakers on item 1" in text
    assert "Egypt" not in text
    assert 'href="/sessions/ieg-2-2025/speakers/report.xlsx?item=1"' in text


@pytest.mark.parametrize("item", ["2", "x", "-1"])
def test_an_item_without_a_list_is_not_found(officer_client, spoken, item):
    assert officer_client.get(URL, {"item": item}).status_code == 404


def test_the_page_queries_do_not_grow_with_the_speakers(officer_client, spoken, member, officer):
    with CaptureQueriesContext(connection) as few:
        officer_client.get(URL)
    opening = services.open_list(spoken, 2, officer)
    for name in ("Denmark", "Estonia", "Finland"):
        inscribe(opening, member(name))
        services.give_floor(opening, officer)
    services.give_floor(opening, officer)

    with CaptureQueriesContext(connection) as more:
        response = officer_client.get(URL)

    assert "Finland" in response.content.decode()
    assert len(more) == len(few)


def test_the_csv_has_the_statements_then_the_totals(officer_client, spoken):
    response = officer_client.get("/sessions/ieg-2-2025/speakers/report.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="ieg-2-2025-speakers.csv"' in response["Content-Disposition"]
    assert rows[0][:3] == ["Agenda item", "Place", "Delegation"]
    assert rows[2] == [
        "3. Promising practices in reducing reoffending.",
        "1",
        "Egypt",
        "Member State",
        "ليلى حداد",
        "Group of 77 and China",
        "Statement",
        "In person",
        "Arabic",
        "2025-01-27 10:05:00",
        "7:00",
        "420",
    ]
    assert rows[6] == []
    assert rows[7][0] == "Delegation"
    assert rows[8] == ["Austria", "2", "2", "0", "7:00", "420"]
    kinds = rows[rows.index([]) + 1 :]
    kinds = kinds[kinds.index([]) + 1 :]
    assert kinds[0][0] == "Kind of entity"
    assert kinds[-1] == ["All statements", "5", "4", "1", "19:00", "1140"]


def test_the_csv_of_one_item(officer_client, spoken):
    response = officer_client.get("/sessions/ieg-2-2025/speakers/report.csv?item=1")

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert 'filename="ieg-2-2025-speakers-item-1.csv"' in response["Content-Disposition"]
    assert [row[2] for row in rows[1 : rows.index([])]] == ["Austria"]


def test_the_excel_has_a_sheet_for_statements_and_each_total(officer_client, spoken):
    response = officer_client.get("/sessions/ieg-2-2025/speakers/report.xlsx")

    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Statements", "Per delegation", "Per kind of entity"]
    statements = list(book["Statements"].iter_rows(values_only=True))
    china = statements[4]
    assert (china[2], china[4], china[7], china[9], china[11]) == (
        "China",
        "芳 王",
        "Online",
        datetime(2025, 1, 27, 10, 17),
        180,
    )
    kinds = list(book["Per kind of entity"].iter_rows(values_only=True))
    assert kinds[1] == ("Member State", 4, 3, 1, "17:00", 1020)


def test_a_name_like_a_formula_is_text_in_the_exports(officer_client, session, member, officer):
    opening = services.open_list(session, 1, officer)
    inscribe(opening, member("=HYPERLINK(1)"))
    services.give_floor(opening, officer)
    services.give_floor(opening, officer)

    rows = list(csv.reader(io.StringIO(officer_client.get(URL[:-1] + ".csv").content.decode())))
    book = load_workbook(io.BytesIO(officer_client.get(URL[:-1] + ".xlsx").content))

    assert rows[1][2] == "'=HYPERLINK(1)"
    assert book["Statements"]["C2"].value == "=HYPERLINK(1)"
    assert book["Statements"]["C2"].data_type == "s"


def test_the_pdf_prints_the_names_in_arabic_and_chinese(officer_client, spoken):
    pdf = pdf_in(officer_client, "/sessions/ieg-2-2025/speakers/report.pdf", "en")

    assert_printed(pdf, "ليلى حداد", "王", "芳", "Egypt", "19:00", "lists of speakers")


def test_the_pdf_of_an_item_names_it_once_under_the_title(officer_client, spoken):
    pdf = pdf_in(officer_client, "/sessions/ieg-2-2025/speakers/report.pdf?item=3", "en")

    drawn = assert_printed(pdf, "list of speakers on item 3", "Penal Reform International")
    assert [line for line in drawn if "Promising practices" in line] == [
        "3. Promising practices in reducing reoffending."
    ]


@pytest.mark.parametrize("language", ["ar", "zh-hans", "ru"])
def test_the_pdf_prints_in_other_scripts(officer_client, spoken, language):
    pdf = pdf_in(officer_client, "/sessions/ieg-2-2025/speakers/report.pdf?item=3", language)

    assert_printed(pdf, "ليلى حداد", "王", "7:00")


def test_the_pdf_of_an_item_nobody_spoke_on_says_so(officer_client, session, speakers_list):
    pdf = pdf_in(officer_client, "/sessions/ieg-2-2025/speakers/report.pdf?item=3", "en")

    assert_printed(pdf, "Nobody has spoken yet.")


def test_an_unknown_format_is_not_found(officer_client, spoken):
    assert officer_client.get("/sessions/ieg-2-2025/speakers/report.docx").status_code == 404


# Who may not see it


@pytest.mark.parametrize("path", [URL, URL[:-1] + ".csv", URL[:-1] + ".xlsx", URL[:-1] + ".pdf"])
def test_an_anonymous_visitor_is_sent_to_sign_in(client, spoken, path):
    response = client.get(path)

    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize("path", [URL, URL[:-1] + ".csv", URL[:-1] + ".pdf"])
def test_a_delegate_is_refused(delegate_client, spoken, path):
    assert delegate_client.get(path).status_code == 403


def test_a_focal_point_is_refused(client, session, member):
    client.force_login(member("Austria").focal_point)

    assert client.get(URL).status_code == 403
    assert client.get(URL[:-1] + ".xlsx").status_code == 403
