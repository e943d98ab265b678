"""The officers' report of the lists of speakers, for the whole session or one item
(`?item=3`): a page with its tables and the same as CSV, Excel and PDF."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from accounts.decorators import officer_required
from sessions_app.models import Session

from . import queries, report_exports
from .report import report as make_report

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
WRITERS = {
    "csv": report_exports.report_csv,
    "xlsx": report_exports.report_xlsx,
    "pdf": report_exports.report_pdf,
}


def _asked(request, slug: str):
    """The session and the item asked for (None for the whole session): an item must
    have a list of speakers."""
    session = get_object_or_404(Session, slug=slug)
    lists = list(queries.lists_of(session))
    item = request.GET.get("item")
    if item is None:
        return session, lists, None
    if not item.isdigit() or int(item) not in {each.item_number for each in lists}:
        raise Http404
    return session, lists, int(item)


@officer_required
def speakers_report(request, slug: str):
    session, lists, item = _asked(request, slug)
    report = make_report(session, item)
    return render(
        request,
        "proceedings/report.html",
        {
            "session": session,
            "report": report,
            "title": report_exports.title(report),
            "items": [report.agenda_item(each.item_number) for each in lists],
            "query": f"?item={item}" if item is not None else "",
        },
    )


@officer_required
def speakers_report_export(request, slug: str, fmt: str):
    if fmt not in WRITERS:
        raise Http404
    session, _lists, item = _asked(request, slug)
    report = make_report(session, item)
    response = HttpResponse(WRITERS[fmt](report), content_type=CONTENT_TYPES[fmt])
    name = f"{session.slug}-speakers" + (f"-item-{item}" if item is not None else "")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
