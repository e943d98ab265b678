"""The officers' page of a session's content in the six languages: each text with English and
its translations side by side (or English beside one chosen language), the missing ones
marked and counted; the translator's files exported and imported."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.decorators import officer_required
from languages.official import direction, language_name

from . import content_exchange
from .content_units import (
    ENGLISH,
    LANGUAGES,
    TARGET_LANGUAGES,
    ContentError,
    missing_counts,
    save_content,
    session_content,
    session_units,
    units_in,
)
from .models import Session


def _language(code: str) -> dict:
    return {"code": code, "name": language_name(code), "dir": direction(code)}


def _field_name(unit_id: str, language: str) -> str:
    return f"{unit_id}|{language}"


def _shown_languages(chosen: str | None) -> tuple[str | None, list[str]]:
    """The one target language asked for (`?language=fr`: English beside it), or None and
    all six."""
    if chosen in TARGET_LANGUAGES:
        return chosen, [ENGLISH, chosen]
    return None, list(LANGUAGES)


@officer_required
def session_content_page(request, slug: str):
    session = get_object_or_404(Session, slug=slug)
    chosen, shown = _shown_languages(request.GET.get("language"))
    content = session_content(session)
    units = units_in(content)
    typed, problems = {}, []
    if request.method == "POST":
        typed = {
            (unit.id, language): request.POST[_field_name(unit.id, language)]
            for unit in units
            for language in shown
            if _field_name(unit.id, language) in request.POST
        }
        try:
            changed = save_content(units, typed)
        except ContentError as error:
            problems = error.problems
        else:
            if changed:
                messages.success(
                    request,
                    ngettext(
                        "Saved: %(count)d text changed.", "Saved: %(count)d texts changed.", changed
                    )
                    % {"count": changed},
                )
            else:
                messages.info(request, _("Nothing to save: no text was changed."))
            return redirect(request.get_full_path())
    return _render(
        request,
        session,
        content,
        chosen,
        shown,
        typed=typed,
        problems=problems,
        status=400 if problems else 200,
    )


def _render(
    request,
    session,
    content,
    chosen,
    shown,
    *,
    typed=None,
    problems=(),
    status=200,
    import_problems=(),
    import_language=None,
):
    typed = typed or {}
    errors: dict[tuple[str, str], list[str]] = {}
    for unit_id, language, message in problems:
        errors.setdefault((unit_id, language), []).append(message)
    languages = [_language(code) for code in shown]
    tables = [
        {
            "heading": item.heading,
            "rows": [
                {
                    "unit": unit,
                    "cells": [
                        {
                            **language,
                            "name": _field_name(unit.id, language["code"]),
                            "language_name": language["name"],
                            "html_id": f"c-{unit.id}-{language['code']}".replace(".", "-"),
                            "value": typed.get(
                                (unit.id, language["code"]), unit.value(language["code"])
                            ),
                            "missing": unit.is_missing(language["code"]),
                            # A line break typed into a title shows where it is.
                            "textarea": unit.multiline
                            or "\n" in typed.get((unit.id, language["code"]), ""),
                            "errors": errors.get((unit.id, language["code"]), []),
                        }
                        for language in languages
                    ],
                }
                for unit in item.units
            ],
        }
        for item in content
    ]
    cells = {
        (cell["name"]): cell for table in tables for row in table["rows"] for cell in row["cells"]
    }
    # Where each text is, as the reader sees it: "Sitting: 1st plenary meeting, ..., Title".
    places = {
        unit.id: format_html("{}, {}", item.heading, unit.label)
        for item in content
        for unit in item.units
    }
    error_links = [
        {
            "href": "#" + cells[_field_name(unit_id, language)]["html_id"]
            if _field_name(unit_id, language) in cells
            else "",
            "place": places.get(unit_id, unit_id),
            "language": language_name(language),
            "message": message,
        }
        for unit_id, language, message in problems
    ]
    counts = missing_counts(units_in(content))
    return render(
        request,
        "sessions_app/session_content.html",
        {
            "session": session,
            "chosen": chosen,
            "shown_languages": languages,
            "tables": tables,
            "error_links": error_links,
            "missing_total": sum(counts.values()),
            "targets": [
                {
                    **_language(code),
                    "missing": counts[code],
                    "xlf": reverse("sessions_app:content-export", args=[session.slug, code, "xlf"]),
                    "csv": reverse("sessions_app:content-export", args=[session.slug, code, "csv"]),
                }
                for code in TARGET_LANGUAGES
            ],
            "import_problems": [
                {"unit_id": unit_id, "place": places.get(unit_id), "message": message}
                for unit_id, language, message in import_problems
            ],
            "page_url": reverse("sessions_app:content", args=[session.slug]),
            "import_language": import_language or chosen,
        },
        status=status,
    )


@officer_required
def export_content(request, slug: str, language: str, extension: str):
    if language not in TARGET_LANGUAGES or extension not in content_exchange.FORMATS:
        raise Http404
    session = get_object_or_404(Session, slug=slug)
    units = session_units(session)
    if extension == "xlf":
        original = request.build_absolute_uri(session.get_absolute_url())
        body = content_exchange.xliff_bytes(units, language, original)
        content_type = "application/xliff+xml"
    else:
        body = content_exchange.csv_bytes(units, language)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    filename = f"{session.slug}-{language}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@officer_required
def import_content(request, slug: str):
    """A translator's file, checked whole. Asked for without one (the language switcher
    sends the reader back to the page they were on), it is the content page."""
    if request.method != "POST":
        return redirect("sessions_app:content", slug=slug)
    session = get_object_or_404(Session, slug=slug)
    language = request.POST.get("language", "")
    content = session_content(session)
    try:
        changed = content_exchange.import_file(
            units_in(content), request.FILES.get("file"), language
        )
    except ContentError as error:
        chosen, shown = _shown_languages(language)
        return _render(
            request,
            session,
            content,
            chosen,
            shown,
            import_problems=error.problems,
            import_language=chosen,
            status=400,
        )
    messages.success(
        request,
        ngettext(
            "Imported: %(count)d translation updated.",
            "Imported: %(count)d translations updated.",
            changed,
        )
        % {"count": changed},
    )
    page = reverse("sessions_app:content", args=[session.slug])
    return redirect(f"{page}?language={language}")
