"""The interpretation plan and coverage of a session as CSV and PDF."""

from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm

from core.tables import csv_text
from pdftext.document import Paragraph, Style, build, frame_width, table

from .queries import SessionPlan, SittingCoverage

TITLE = Style(size=14, leading=18, space_after=4 * mm)


def _when(sitting) -> str:
    return f"{sitting.local_start:%Y-%m-%d %H:%M}-{sitting.local_end:%H:%M}"


def plan_rows(plan: SessionPlan) -> list[list[str]]:
    header = [
        _("Sitting"),
        _("When"),
        _("Room"),
        _("Mode"),
        _("Languages"),
        _("Booths"),
        _("Interpreters"),
        _("Flags"),
    ]
    rows = [header]
    for item in plan.sittings:
        rows.append(
            [
                item.sitting.title,
                _when(item.sitting),
                item.sitting.room.name if item.sitting.room else "",
                str(item.mode_label),
                " ".join(f"{team.code}:{team.interpreters}" for team in item.plan.teams)
                or " ".join(item.plan.languages),
                str(item.plan.booths),
                str(item.plan.interpreters),
                "; ".join(str(words) for words in item.flag_words),
            ]
        )
    for day, count in plan.by_day.items():
        rows.append([_("Day"), day.isoformat(), "", "", "", "", str(count), ""])
    rows.append([_("Interpreter-sittings"), "", "", "", "", "", str(plan.interpreter_sittings), ""])
    return rows


def coverage_rows(coverage: list[SittingCoverage]) -> list[list[str]]:
    rows = [
        [
            _("Sitting"),
            _("When"),
            _("Language"),
            _("Offered"),
            _("Listeners in person"),
            _("Listeners online"),
            _("Speakers in person"),
            _("Speakers online"),
        ]
    ]
    for item in coverage:
        for row in item.languages:
            rows.append(
                [
                    item.planned.sitting.title,
                    _when(item.planned.sitting),
                    str(row.language),
                    _("yes") if row.offered else _("no"),
                    str(row.listeners["in_person"]),
                    str(row.listeners["online"]),
                    str(row.speakers["in_person"]),
                    str(row.speakers["online"]),
                ]
            )
    return rows


def to_pdf(title: str, rows: list[list[str]]) -> bytes:
    """A landscape table of the rows (the first one its header) under the title."""
    page = landscape(A4)
    story = [Paragraph(title, TITLE), table(rows, frame_width(page))]
    return build(story, title, pagesize=page)


def plan_csv(plan: SessionPlan) -> str:
    return csv_text(plan_rows(plan))


def coverage_csv(coverage: list[SittingCoverage]) -> str:
    return csv_text(coverage_rows(coverage))


def plan_pdf(plan: SessionPlan) -> bytes:
    return to_pdf(
        _("%(session)s: interpretation plan") % {"session": plan.session.title},
        plan_rows(plan),
    )


def coverage_pdf(plan: SessionPlan, coverage: list[SittingCoverage]) -> bytes:
    return to_pdf(
        _("%(session)s: interpretation coverage") % {"session": plan.session.title},
        coverage_rows(coverage),
    )
