"""Exports of registrations: CSV and Excel with the columns an officer chooses, the list of
participants in UN order (PDF) and visa support letters (PDF)."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from core import tables
from core.choices import label
from pdftext.document import BODY, HEADING, TITLE, Paragraph, Style, build

from .models import Entity, Registration


def choice(field: str, of=lambda registration: registration):
    """A column of a choice field's labels (of the registration, or of what `of` gives)."""
    return lambda registration: label(of(registration), field)


# key: (heading, value). Personal data (identity documents) only when an officer asks.
COLUMNS = {
    "id": (gettext_lazy("Id"), lambda r: r.pk),
    "salutation": (gettext_lazy("Salutation"), choice("salutation")),
    "given_name": (gettext_lazy("Given name"), lambda r: r.given_name),
    "family_name": (gettext_lazy("Family name"), lambda r: r.family_name),
    "name_in_own_script": (gettext_lazy("Name in own script"), lambda r: r.name_in_own_script),
    "entity": (gettext_lazy("Entity"), lambda r: r.entity.display_name),
    "regional_group": (
        gettext_lazy("Regional group"),
        choice("regional_group", lambda r: r.entity),
    ),
    "category": (gettext_lazy("Category"), choice("category")),
    "function_title": (gettext_lazy("Function"), lambda r: r.function_title),
    "participation_mode": (gettext_lazy("Participation"), choice("participation_mode")),
    "state": (gettext_lazy("State"), choice("state")),
    "email": (gettext_lazy("E-mail"), lambda r: r.email),
    "phone": (gettext_lazy("Phone"), lambda r: r.phone),
    "gender": (gettext_lazy("Gender"), choice("gender")),
    "nationality": (
        gettext_lazy("Nationality"),
        lambda r: r.nationality.display_name if r.nationality else "",
    ),
    "listening_language": (gettext_lazy("Listening language"), lambda r: r.listening_language),
    "speaking_language": (gettext_lazy("Speaking language"), lambda r: r.speaking_language),
    "needs_visa_letter": (gettext_lazy("Visa letter"), lambda r: r.needs_visa_letter),
    "consents_to_list": (gettext_lazy("In the public list"), lambda r: r.consents_to_list),
    "identity_document_type": (gettext_lazy("Identity document"), choice("identity_document_type")),
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
    # Thousands of rows share some 150 entities: each read once, not joined to every row.
    for registration in registrations.select_related(None).prefetch_related(
        "entity", "nationality"
    ):
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
            r.entity.name_en.casefold(),
            r.delegation.head_id != r.pk,
            r.family_name.casefold(),
            r.given_name.casefold(),
        ),
    )


ENTITY = Style(size=10.5, leading=14, space_before=3 * mm)
PERSON = Style(size=9.5, leading=12.5, indent=6 * mm)


def participants_list_pdf(session, registrations) -> bytes:
    """The list of participants: approved registrations whose person consented."""
    title = _("List of participants")
    story = [Paragraph(f"{session.title}: {title}", TITLE)]
    kind = entity = None
    for registration in un_order(registrations):
        if registration.entity.kind != kind:
            kind = registration.entity.kind
            story.append(Paragraph(str(registration.entity.get_kind_display()), HEADING))
        if registration.entity_id != entity:
            entity = registration.entity_id
            story.append(Paragraph(registration.entity.display_name, ENTITY))
        line = f"{label(registration, 'salutation')} {registration.full_name}"
        if registration.function_title:
            line += f", {registration.function_title}"
        story.append(Paragraph(line, PERSON))
    return build(story, title)


def _day(value) -> str:
    """A date as the letter's language writes it (27 January 2025, 27 يناير 2025...)."""
    return date_format(value)


def visa_letter_pdf(registration) -> bytes:
    session = registration.session
    paragraphs = [
        _("Vienna, %(date)s") % {"date": _day(timezone.localdate())},
        _("To the Embassy or Consulate of Austria"),
        _(
            "The United Nations Office on Drugs and Crime confirms that %(name)s, %(function)s, "
            "%(entity)s, is registered to attend in person the %(session)s, to be held at the "
            "%(venue)s from %(start)s to %(end)s."
        )
        % {
            "name": f"{registration.get_salutation_display()} {registration.full_name}",
            "function": registration.function_title or _("delegate"),
            "entity": registration.entity.display_name,
            "session": session.title,
            "venue": session.venue.name if session.venue else _("United Nations"),
            "start": _day(session.start_date),
            "end": _day(session.end_date),
        },
        _("Passport or identity document: %(number)s, valid until %(expiry)s.")
        % {
            "number": registration.identity_document_number or "—",
            "expiry": (
                _day(registration.identity_document_expiry)
                if registration.identity_document_expiry
                else "—"
            ),
        },
        _(
            "Any courtesy extended to facilitate the issuance of an entry visa would be "
            "appreciated."
        ),
        _("Signed off by %(officer)s, Secretariat, on %(date)s.")
        % {
            "officer": registration.visa_letter_signed_by.get_full_name()
            or registration.visa_letter_signed_by.email,
            "date": _day(timezone.localtime(registration.visa_letter_signed_at)),
        },
    ]
    title = _("Visa support letter")
    story = [Paragraph(title, TITLE), Spacer(1, 4 * mm)]
    story += [Paragraph(text, BODY) for text in paragraphs]
    return build(story, title)
