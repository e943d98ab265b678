"""Services for delegations: focal point invitations, the note verbale, and members added
from a sheet. Like services.py, every change of state of a delegation happens here."""

import codecs
import csv
import itertools
import zipfile
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from core import outbox, tables
from core.errors import DomainError
from core.files import atomic_with_files, store_file

from . import services
from .forms import MemberRowForm
from .models import Delegation, DelegationInvitation, Registration, new_token
from .pdf_checks import UnreadablePdf, inspect_pdf
from .storage import delete_after_commit

# The columns of a sheet of members, in the order of the template: the required ones, then
# the details a delegate may give. Yes/no columns take yes or no.
REQUIRED_COLUMNS = ["salutation", "given_name", "family_name", "email", "participation_mode"]
SHEET_COLUMNS = [
    *REQUIRED_COLUMNS,
    *(
        field
        for field in services.EDITABLE_FIELDS
        # free-text needs are given per member on the page, not in a sheet cell
        if field not in REQUIRED_COLUMNS and field != "accessibility_needs"
    ),
]
SHEET_EXAMPLE = {
    "salutation": "Ms.",
    "given_name": "Amina",
    "family_name": "Haddad",
    "email": "amina.haddad@example.org",
    "participation_mode": "in_person",
    "name_in_own_script": "أمينة حداد",
    "function_title": "Director, Prison Service",
    "gender": "female",
    "nationality": "JOR",
    "phone": "+962 6 000 0000",
    "listening_language": "ar",
    "speaking_language": "ar",
    "documentation_language": "en",
    "needs_visa_letter": "yes",
    "consents_to_list": "yes",
}
MAX_SHEET_ROWS = 500
# Blank rows are skipped, but they are read: at most this many lines in all.
MAX_SHEET_LINES = 10 * MAX_SHEET_ROWS
MAX_SHEET_COLUMNS = 4 * len(SHEET_COLUMNS)
# What the XML of an Excel sheet of 500 full rows unpacks to, with room to spare.
XLSX_MAX_UNPACKED_BYTES = 4 * 2**20


@dataclass
class RowError:
    row: int
    column: str
    message: str


class SheetError(services.RegistrationError):
    """A sheet refused whole, with what is wrong in each row."""

    def __init__(self, errors: list[RowError], rows: int = 0):
        self.errors = errors
        self.rows = rows  # rows read, for the summary at the top of the page
        super().__init__(
            _("The sheet was not imported: %(count)d problems.") % {"count": len(errors)}
        )


def may_manage(user, delegation: Delegation) -> bool:
    from accounts.roles import is_conference_officer

    return is_conference_officer(user) or (
        user.is_authenticated and delegation.focal_points.filter(pk=user.pk).exists()
    )


# --- Note verbale ----------------------------------------------------------------------


def upload_nomination(delegation: Delegation, uploaded, actor) -> Delegation:
    """Keep the delegation's note verbale or nomination letter: a real PDF with no active
    content (scripts, actions, embedded files), size-limited.
    A refused file changes nothing; a new one replaces the old."""
    if uploaded.size > settings.NOMINATION_MAX_BYTES:
        raise services.RegistrationError(
            _("The file is larger than %(mb)d MB.") % {"mb": settings.NOMINATION_MAX_BYTES // 2**20}
        )
    content = uploaded.read()
    try:
        _reader, active = inspect_pdf(content)
    except UnreadablePdf as error:
        raise services.RegistrationError(_("The file is not a readable PDF.")) from error
    if active:
        raise services.RegistrationError(
            _(
                "The PDF holds active content (%(found)s: scripts, actions or embedded files). "
                "Print it to a new PDF, or scan the signed letter, and upload that."
            )
            % {"found": active}
        )
    old = (delegation.nomination_document.storage, delegation.nomination_document.name)
    with atomic_with_files():
        store_file(delegation.nomination_document, "nomination.pdf", ContentFile(content))
        delegation.nomination_uploaded_at = timezone.now()
        delegation.nomination_uploaded_by = actor
        delegation.save()
        delete_after_commit([old])
    return delegation


# --- Focal points ----------------------------------------------------------------------


def invite_focal_point(delegation: Delegation, email: str, actor) -> DelegationInvitation:
    """Mail an invitation to become a focal point. Its token is in the mail (and on the
    returned invitation, as `token`) and is kept only as its hash."""
    token = new_token()
    invitation = DelegationInvitation.objects.create(
        delegation=delegation,
        email=email.strip(),
        token_hash=DelegationInvitation.hash(token),
        invited_by=actor,
    )
    invitation.token = token
    from .tasks import send_invitation_mail

    outbox.enqueue(send_invitation_mail, invitation.pk, token)
    return invitation


def open_invitation(token: str, *, lock: bool = False) -> DelegationInvitation:
    """The invitation of a link, unless it was used or has expired."""
    invitations = DelegationInvitation.objects.select_related("delegation__entity")
    if lock:
        invitations = invitations.select_for_update()
    invitation = invitations.filter(
        token_hash=DelegationInvitation.hash(token), accepted_at__isnull=True
    ).first()
    if invitation is None:
        raise services.RegistrationError(_("This invitation is not valid any more."))
    if invitation.has_expired:
        raise services.RegistrationError(
            _("This invitation has expired: ask a focal point of the delegation for a new one.")
        )
    return invitation


def accept_invitation(token: str, user) -> Delegation:
    with transaction.atomic():
        invitation = open_invitation(token, lock=True)
        if invitation.email.lower() != user.email.lower():
            raise services.RegistrationError(
                _("This invitation is for %(email)s: log in with that address.")
                % {"email": invitation.email}
            )
        invitation.delegation.focal_points.add(user)
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
    return invitation.delegation


# --- Members ---------------------------------------------------------------------------


def read_sheet(uploaded) -> list[dict[str, str]]:
    """The rows of a CSV or Excel (.xlsx) sheet as dicts by column name. A file over the size
    limit is refused unread, and reading stops at the first row past the row limit: a huge
    sheet costs no more than a full one."""
    if uploaded.size > settings.SHEET_MAX_BYTES:
        limit = filesizeformat(settings.SHEET_MAX_BYTES)
        raise SheetError(
            [RowError(0, "", _("The file is larger than %(size)s.") % {"size": limit})]
        )
    name = (uploaded.name or "").lower()
    try:
        if name.endswith(".xlsx"):
            lines = _xlsx_rows(uploaded)
        elif name.endswith(".csv"):
            lines = _csv_rows(uploaded)
        else:
            raise SheetError([RowError(0, "", _("Upload a .csv or .xlsx file."))])
        with closing(lines):  # the workbook is closed as soon as reading stops
            rows = _first_rows(lines)
    except UnicodeDecodeError as error:
        raise SheetError([RowError(0, "", _("Save the CSV file as UTF-8."))]) from error
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, csv.Error) as error:
        # openpyxl's errors for a bad file, and the csv module's
        raise SheetError([RowError(0, "", _("The file is not a readable sheet."))]) from error
    if not rows:
        raise SheetError([RowError(0, "", _("The sheet is empty."))])
    header = [cell.strip().lower() for cell in rows[0]]
    unknown = [column for column in header if column not in SHEET_COLUMNS]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if unknown or missing:
        raise SheetError(
            [RowError(1, column, _("Unknown column.")) for column in unknown]
            + [RowError(1, column, _("Missing column.")) for column in missing]
        )
    return [dict(zip(header, row, strict=False)) for row in rows[1:]]


def _first_rows(lines: Iterator[list[str]]) -> list[list[str]]:
    """The header and the rows that are not blank, read up to the first row past the
    limit, which refuses the sheet. Blank rows are read too (a sheet formatted far down
    has many), up to a bound of their own."""
    rows = []
    for line in itertools.islice(lines, MAX_SHEET_LINES):
        if any(cell.strip() for cell in line):
            rows.append(line)
            if len(rows) > MAX_SHEET_ROWS + 1:  # the header, then one too many
                break
    else:
        if next(lines, None) is None:
            return rows
    raise _too_many_rows()


def _too_many_rows() -> SheetError:
    return SheetError(
        [RowError(0, "", _("At most %(count)d rows at a time.") % {"count": MAX_SHEET_ROWS})]
    )


def _csv_rows(uploaded) -> Iterator[list[str]]:
    """The rows of a CSV file, decoded line by line from the upload (never whole). A cell
    marked as text by an export of ours (a template filled in) reads as it was written."""
    lines = codecs.iterdecode(uploaded, "utf-8-sig")
    for row in csv.reader(lines):
        yield [tables.read_csv_cell(cell) for cell in row]


def _xlsx_rows(uploaded) -> Iterator[list[str]]:
    """The rows of the first sheet of an Excel file, streamed (openpyxl's read-only mode),
    up to MAX_SHEET_COLUMNS cells each. A file that unpacks to more than a sheet of members
    can hold is refused unread."""
    from openpyxl import load_workbook

    unpacked = sum(member.file_size for member in zipfile.ZipFile(uploaded).infolist())
    if unpacked > XLSX_MAX_UNPACKED_BYTES:
        raise _too_many_rows()
    uploaded.seek(0)
    book = load_workbook(uploaded, read_only=True, data_only=True)
    try:
        for row in book.active.iter_rows(max_col=MAX_SHEET_COLUMNS, values_only=True):
            cells = ["" if cell is None else str(cell) for cell in row]
            while cells and not cells[-1]:  # padding up to MAX_SHEET_COLUMNS
                cells.pop()
            yield cells
    finally:
        book.close()


def import_members(
    delegation: Delegation, uploaded, actor, *, by_officer: bool = False
) -> list[Registration]:
    """Register every member in the sheet, or none: each row is checked first, and a sheet
    with any bad row is refused whole with a message per row and column."""
    session = delegation.session
    if not by_officer and not session.registration_is_open:
        raise services.RegistrationError(_("Registration for this session is not open."))
    rows = read_sheet(uploaded)
    errors, members, seen = [], [], {}
    taken = {
        email.lower()
        for email in Registration.objects.filter(
            session=session, state__in=Registration.LIVE_STATES
        ).values_list("email", flat=True)
    }
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        form = MemberRowForm(data=row, session=session)
        if not form.is_valid():
            errors += [
                RowError(number, column, " ".join(messages))
                for column, messages in form.errors.items()
            ]
            continue
        email = form.cleaned_data["email"].lower()
        if email in seen:
            errors.append(
                RowError(number, "email", _("Same e-mail as row %(row)d.") % {"row": seen[email]})
            )
        elif email in taken:
            errors.append(RowError(number, "email", _("Already registered for this session.")))
        seen[email] = number
        members.append((number, form.registration_fields()))
    if errors:
        raise SheetError(errors, rows=len(rows))
    registered = []
    with transaction.atomic():
        for number, fields in members:
            try:
                registered.append(
                    services.register(
                        session,
                        entity=delegation.entity,
                        actor=actor,
                        by_officer=by_officer,
                        **fields,
                    )
                )
            except DomainError as error:
                raise SheetError([RowError(number, "", str(error))], rows=len(rows)) from error
    return registered


def sheet_template_csv() -> str:
    return tables.csv_text(
        [SHEET_COLUMNS, [SHEET_EXAMPLE.get(column, "") for column in SHEET_COLUMNS]]
    )


def set_head(delegation: Delegation, registration: Registration) -> Delegation:
    """Name the head of delegation: a live member of this delegation."""
    if registration.delegation_id != delegation.pk or not registration.is_live:
        raise services.RegistrationError(
            _("The head of delegation must be a registered member of the delegation.")
        )
    delegation.head = registration
    delegation.save(update_fields=["head"])
    return delegation
