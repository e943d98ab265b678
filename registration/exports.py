"""Exports of registrations: CSV and Excel with the columns an officer chooses, the list of
participants in UN order (PDF) and visa support letters (PDF)."""

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from core import tables

from .fonts import sans
from .models import Entity, Registration

# key: (heading, value). Personal data (identity documents) only when an officer asks.
COLUMNS = {
    "id": (gettext_lazy("Id"), lambda r: r.pk),
    "salutation": (gettext_lazy("Salutation"), lambda r: r.salutation),
    "given_name": (gettext_lazy("Given name"), lambda r: r.given_name),
    "family_name": (gettext_lazy("Family name"), lambda r: r.family_name),
    "name_in_own_script": (gettext_lazy("Name in own script"), lambda r: r.name_in_own_script),
    "entity": (gettext_lazy("Entity"), lambda r: r.entity.name),
    "regional_group": (
        gettext_lazy("Regional group"),
        lambda r: r.entity.get_regional_group_display(),
    ),
    "category": (gettext_lazy("Category"), lambda r: r.get_category_display()),
    "function_title": (gettext_lazy("Function"), lambda r: r.function_title),
    "participation_mode": (
        gettext_lazy("Participation"),
        lambda r: r.get_participation_mode_display(),
    ),
    "state": (gettext_lazy("State"), lambda r: r.get_state_display()),
    "email": (gettext_lazy("E-mail"), lambda r: r.email),
    "phone": (gettext_lazy("Phone"), lambda r: r.phone),
    "gender": (gettext_lazy("Gender"), lambda r: r.get_gender_display()),
    "nationality": (
        gettext_lazy("Nationality"),
        lambda r: r.nationality.name if r.nationality else "",
    ),
    "listening_language": (gettext_lazy("Listening language"), lambda r: r.listening_language),
    "speaking_language": (gettext_lazy("Speaking language"), lambda r: r.speaking_language),
    "needs_visa_letter": (gettext_lazy("Visa letter"), lambda r: r.needs_visa_letter),
    "consents_to_list": (gettext_lazy("In the public list"), lambda r: r.consents_to_list),
    "identity_document_type": (
        gettext_lazy("Identity document"),
        lambda r: r.get_identity_document_type_display(),
    ),
    "identity_document_number": (
        gettext_lazy("Identity document number"),
        lambda r: r.identity_document_number,
    ),
    "identity_document_expiry": (
        gettext_lazy("Identity document expiry"),
        lambda r: r.identity_document_expiry or "",
    ),
}
DEFAULT_COLUMNS = [
    "id",
    "salutation",
    "given_name",
    "family_name",
    "entity",
    "category",
    "function_title",
    "participation_mode",
    "state",
    "email",
]
KIND_ORDER = {kind: index for index, kind in enumerate(Entity.Kind.values)}


def chosen_columns(requested: list[str]) -> list[str]:
    return [column for column in requested if column in COLUMNS] or DEFAULT_COLUMNS


def _table(registrations, columns: list[str]):
    yield [str(COLUMNS[column][0]) for column in columns]
    for registration in registrations:
        yield [COLUMNS[column][1](registration) for column in columns]


def registrations_csv(registrations, columns: list[str]) -> str:
    return tables.csv_text(_table(registrations, columns))


def registrations_xlsx(registrations, columns: list[str]) -> bytes:
    return tables.xlsx_bytes(_table(registrations, columns), _("Registrations"))


def un_order(registrations) -> list[Registration]:
    """Member States alphabetically by English short name, then observer States, UN
    entities, intergovernmental organisations, NGOs and the others; in a delegation the
    head first, then by family name."""
    return sorted(
        registrations,
        key=lambda r: (
            KIND_ORDER[r.entity.kind],
            r.entity.name.casefold(),
            r.delegation.head_id != r.pk,
            r.family_name.casefold(),
            r.given_name.casefold(),
        ),
    )


def _styles() -> dict[str, ParagraphStyle]:
    font = sans()
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=15, leading=19, spaceAfter=4 * mm),
        "kind": ParagraphStyle(
            "kind", fontName=font, fontSize=12.5, leading=16, spaceBefore=5 * mm, spaceAfter=2 * mm
        ),
        "entity": ParagraphStyle(
            "entity", fontName=font, fontSize=10.5, leading=14, spaceBefore=3 * mm
        ),
        "person": ParagraphStyle(
            "person", fontName=font, fontSize=9.5, leading=12.5, leftIndent=6 * mm
        ),
        "body": ParagraphStyle("body", fontName=font, fontSize=10.5, leading=15, spaceAfter=3 * mm),
    }


def pdf(story, title: str, pagesize=A4) -> bytes:
    """A PDF document of platypus flowables, with 20 mm margins."""
    out = io.BytesIO()
    SimpleDocTemplate(
        out,
        pagesize=pagesize,
        title=title,
        author="United Nations",
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
    ).build(story)
    return out.getvalue()


def participants_list_pdf(session, registrations) -> bytes:
    """The list of participants: approved registrations whose person consented."""
    styles = _styles()
    title = _("List of participants")
    story = [Paragraph(escape(f"{session.title}: {title}"), styles["title"])]
    kind = entity = None
    for registration in un_order(registrations):
        if registration.entity.kind != kind:
            kind = registration.entity.kind
            story.append(
                Paragraph(escape(str(registration.entity.get_kind_display())), styles["kind"])
            )
        if registration.entity_id != entity:
            entity = registration.entity_id
            story.append(Paragraph(escape(registration.entity.name), styles["entity"]))
        line = f"{registration.salutation} {registration.full_name}"
        if registration.function_title:
            line += f", {registration.function_title}"
        story.append(Paragraph(escape(line), styles["person"]))
    return pdf(story, title)


def visa_letter_pdf(registration) -> bytes:
    styles = _styles()
    session = registration.session
    paragraphs = [
        _("Vienna, %(date)s") % {"date": timezone.localdate().strftime("%d %B %Y")},
        _("To the Embassy or Consulate of Austria"),
        _(
            "The United Nations Office on Drugs and Crime confirms that %(name)s, %(function)s, "
            "%(entity)s, is registered to attend in person the %(session)s, to be held at the "
            "%(venue)s from %(start)s to %(end)s."
        )
        % {
            "name": f"{registration.salutation} {registration.full_name}",
            "function": registration.function_title or _("delegate"),
            "entity": registration.entity.name,
            "session": session.title,
            "venue": session.venue.name if session.venue else _("United Nations"),
            "start": session.start_date.strftime("%d %B %Y"),
            "end": session.end_date.strftime("%d %B %Y"),
        },
        _("Passport or identity document: %(number)s, valid until %(expiry)s.")
        % {
            "number": registration.identity_document_number or "—",
            "expiry": registration.identity_document_expiry or "—",
        },
        _(
            "Any courtesy extended to facilitate the issuance of an entry visa would be "
            "appreciated."
        ),
        _("Signed off by %(officer)s, Secretariat, on %(date)s.")
        % {
            "officer": registration.visa_letter_signed_by.get_full_name()
            or registration.visa_letter_signed_by.email,
            "date": timezone.localtime(registration.visa_letter_signed_at).strftime("%d %B %Y"),
        },
    ]
    story = [Paragraph(escape(_("Visa support letter")), styles["title"]), Spacer(1, 4 * mm)]
    story += [Paragraph(escape(text), styles["body"]) for text in paragraphs]
    return pdf(story, _("Visa support letter"))
