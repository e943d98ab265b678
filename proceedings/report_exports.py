"""The report of the lists of speakers (proceedings.report) as CSV, Excel and PDF: the
statements, then the totals per delegation and per kind of entity. CSV and Excel go through
core.tables (no cell run as a formula); the PDF through the common text layer (pdftext),
so that names in every script are drawn, right to left in Arabic."""

from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape

from core import tables
from pdftext.document import HEADING, TITLE, Paragraph, build, frame_width, table

from .report import Report, Total


def title(report: Report) -> str:
    if report.item is None:
        return _("%(session)s: lists of speakers") % {"session": report.session.title}
    return _("%(session)s: list of speakers on item %(item)s") % {
        "session": report.session.title,
        "item": report.item.number,
    }


def _statement_header(seconds: bool) -> list[str]:
    header = [
        _("Agenda item"),
        _("Place"),
        _("Delegation"),
        _("Kind of entity"),
        _("Speaker"),
        _("On behalf of"),
        _("Kind of statement"),
        _("Speaks"),
        _("Language"),
        _("Started"),
        _("Time spoken"),
    ]
    return [*header, _("Seconds spoken")] if seconds else header


def statement_rows(report: Report, seconds: bool = True) -> list[list]:
    """The statements, a heading row first; `seconds` adds the time as a number."""
    rows = [_statement_header(seconds)]
    for statement in report.statements:
        row = [
            str(statement.item).strip(),
            statement.place,
            statement.delegation,
            statement.entity_kind,
            statement.speaker,
            statement.on_behalf_of,
            statement.kind,
            statement.mode,
            statement.language,
            report.started(statement),
            statement.duration,
        ]
        rows.append([*row, statement.seconds] if seconds else row)
    return rows


def total_rows(totals: list[Total], grand: Total, heading: str, seconds: bool = True) -> list:
    """Totals, a heading row first and the total of all last."""
    header = [heading, _("Statements"), _("In person"), _("Online"), _("Time spoken")]
    rows = [[*header, _("Seconds spoken")] if seconds else header]
    for total in [*totals, grand]:
        row = [total.label, total.statements, total.in_person, total.online, total.duration]
        rows.append([*row, total.seconds] if seconds else row)
    return rows


def _sections(report: Report) -> list[tuple[str, list]]:
    return [
        (_("Statements"), statement_rows(report)),
        (
            _("Per delegation"),
            total_rows(report.by_delegation, report.total, _("Delegation")),
        ),
        (
            _("Per kind of entity"),
            total_rows(report.by_kind, report.total, _("Kind of entity")),
        ),
    ]


def report_csv(report: Report) -> str:
    """One sheet: the statements, then each table of totals after an empty row."""
    rows: list[list] = []
    for index, (_heading, section) in enumerate(_sections(report)):
        rows += ([[]] if index else []) + section
    return tables.csv_text(rows)


def report_xlsx(report: Report) -> bytes:
    """A sheet for the statements and one for each table of totals."""
    return tables.xlsx_sheets(_sections(report))


def _pdf_cells(rows: list[list]) -> list[list[str]]:
    return [
        [f"{value:%Y-%m-%d %H:%M}" if hasattr(value, "strftime") else str(value) for value in row]
        for row in rows
    ]


def report_pdf(report: Report) -> bytes:
    """Landscape: the title, the statements, the totals per delegation and per kind."""
    page = landscape(A4)
    width = frame_width(page)
    heading = title(report)
    story = [Paragraph(heading, TITLE)]
    if report.item is not None and report.item.title:
        story.append(Paragraph(str(report.item), HEADING))
    if report.statements:
        rows = statement_rows(report, seconds=False)
        if report.item is not None:  # the item is under the title: not on every row
            rows = [row[1:] for row in rows]
        story.append(table(_pdf_cells(rows), width))
    else:
        story.append(Paragraph(_("Nobody has spoken yet.")))
    for text, totals, label in (
        (_("Total speaking time per delegation"), report.by_delegation, _("Delegation")),
        (_("Total speaking time per kind of entity"), report.by_kind, _("Kind of entity")),
    ):
        if totals:
            story.append(Paragraph(text, HEADING))
            cells = total_rows(totals, report.total, label, seconds=False)
            story.append(table(_pdf_cells(cells), width))
    return build(story, heading, pagesize=page)
