"""Officers' online attendance page: who joined each sitting online and when, with its
exports, and the links opened from many places."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.decorators import officer_required
from core import tables
from sessions_app.models import Session

from . import queries


@officer_required
def attendance(request, slug: str):
    session = get_object_or_404(Session, slug=slug)
    return render(
        request,
        "online/attendance.html",
        {
            "session": session,
            "groups": queries.by_sitting(session),
            "many_places": queries.opened_from_many_places(session),
            "threshold": settings.JOIN_MANY_PLACES,
            "now": timezone.now(),  # a sitting to come that nobody joined yet: not "0 joined"
        },
    )


@officer_required
def attendance_export(request, slug: str, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    session = get_object_or_404(Session, slug=slug)
    rows = queries.export_rows(session, queries.by_sitting(session))
    if fmt == "xlsx":
        response = HttpResponse(
            tables.xlsx_bytes(rows, _("Online attendance")),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(tables.csv_text(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{session.slug}-online-attendance.{fmt}"'
    )
    return response
