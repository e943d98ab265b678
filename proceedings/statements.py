"""Statements sent for the interpreters: a focal point of the speaker's delegation (or an
officer) uploads the text before delivery, with the same checks as every other upload
(documents.files: size, a real PDF or DOCX without active content, the file's own name
not kept). Until published the text is private: interpreters, interpretation
coordinators and officers read it (the booth view), nobody else, not even the delegation's
focal points. A statement for one of the next speakers of a list is told to the
interpreters and coordinators by e-mail. After delivery an officer may publish it with the
session's documents, marked "check against delivery", if the delegation consented."""

from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from accounts.roles import is_conference_officer, reads_statements
from core import outbox
from core.errors import DomainError
from core.files import atomic_with_files, store_file
from documents import services as documents
from documents.files import CheckedFile, check_file
from documents.models import Document
from languages.official import OFFICIAL_LANGUAGE_CODES, interface_language
from registration.delegations import may_manage
from registration.storage import delete_after_commit

from . import live
from .booth import UPCOMING, upcoming
from .models import Inscription, SpeakersList, Statement
from .tasks import send_statement_mail

State = Inscription.State
BEFORE_DELIVERY = UPCOMING  # waiting, or has the floor
# A statement for one of this many upcoming speakers of a list (the one who has the floor
# first) is told to the interpreters at once: they are about to need it.
TOLD_AHEAD = 5


class StatementError(DomainError):
    """A statement that the rules refuse."""


# --- Who -----------------------------------------------------------------------------


def may_upload(user, inscription: Inscription) -> bool:
    """A focal point of the speaker's delegation, or an officer."""
    return may_manage(user, inscription.delegation)


def may_read(user) -> bool:
    """Who reads statements before they are published (accounts.roles.reads_statements)."""
    return reads_statements(user)


# --- Upload --------------------------------------------------------------------------


def upload(inscription: Inscription, actor, uploaded, consent_to_publish: bool) -> Statement:
    """Keep the text of the inscription's statement, before delivery (the speaker waiting
    or with the floor). A new upload replaces the file and the consent; the old file is
    deleted once this commits. The file is checked (documents.files.check_file) before
    anything is written."""
    if not may_upload(actor, inscription):
        raise StatementError(
            _("Only a focal point of the delegation or an officer may send its statement."),
            code="not_focal_point",
        )
    if uploaded is None:
        raise StatementError(_("Attach the statement's file."), code="no_file")
    try:
        checked = check_file(uploaded)
    except ValueError as error:
        raise StatementError(str(error), code="file_refused") from error
    with atomic_with_files():
        speakers_list = SpeakersList.objects.select_for_update().get(
            pk=inscription.speakers_list_id
        )
        inscription.refresh_from_db(fields=["state"])
        if inscription.state not in BEFORE_DELIVERY:
            raise StatementError(
                _("The statement is sent before delivery: this speaker is no longer waiting."),
                code="delivered",
            )
        statement = Statement.objects.filter(inscription=inscription).first()
        old = (statement.file.storage, statement.file.name) if statement else None
        statement = statement or Statement(inscription=inscription)
        statement.extension = checked.extension
        statement.size = len(checked.content)
        statement.uploaded_by = actor
        statement.uploaded_at = timezone.now()
        statement.consent_to_publish = bool(consent_to_publish)
        store_file(statement.file, f"statement.{checked.extension}", ContentFile(checked.content))
        statement.save()
        if old:
            delete_after_commit([old])
        place = upcoming_place(speakers_list, inscription)
        _announce_statement(statement, place)
    return statement


def upcoming_place(speakers_list: SpeakersList, inscription: Inscription) -> int | None:
    """The inscription's place among the list's speakers still to deliver, from 1."""
    pks = [each.pk for each in upcoming(speakers_list)]
    return pks.index(inscription.pk) + 1 if inscription.pk in pks else None


def _announce_statement(statement: Statement, place: int | None) -> None:
    """A new statement, once the transaction commits: the open booth views show it
    (through the live pages' push), and the interpreters and coordinators are told by
    e-mail if the speaker is among the next TOLD_AHEAD of the list."""
    live.changed(statement.inscription.speakers_list.session_id)
    if place is not None and place <= TOLD_AHEAD:
        pk = statement.pk
        outbox.enqueue(send_statement_mail, pk, place)


# --- Publication ---------------------------------------------------------------------


def publish(statement: Statement, actor) -> Document:
    """An officer publishes a delivered statement (the speaker has spoken) with the
    session's documents, as a statement "check against delivery" in its language of
    delivery, if the delegation consented. Once."""
    if not is_conference_officer(actor):
        raise StatementError(_("Only conference officers publish statements."), "not_an_officer")
    with atomic_with_files():
        statement = (
            Statement.objects.select_for_update()
            .select_related(
                "inscription__speakers_list__session", "inscription__delegation__entity"
            )
            .get(pk=statement.pk)
        )
        inscription = statement.inscription
        if statement.document_id:
            raise StatementError(_("This statement is published already."), "published")
        if inscription.state != State.SPOKE:
            raise StatementError(
                _("A statement is published after delivery: this speaker has not spoken."),
                code="not_delivered",
            )
        if not statement.consent_to_publish:
            raise StatementError(
                _("The delegation did not consent to publishing this statement."), "no_consent"
            )
        document = Document(
            session=inscription.speakers_list.session,
            kind=Document.Kind.STATEMENT,
            entity=inscription.delegation.entity,
            agenda_items=[inscription.speakers_list.item_number],
            original_language=inscription.language,
            status=Document.Status.PUBLISHED,
            distribution=Document.Distribution.GENERAL,
        )
        _set_titles(document, inscription)
        with statement.file.open("rb") as stored:
            content = stored.read()
        version = documents.Version(
            inscription.language,
            CheckedFile(content, statement.extension),
            f"statement.{statement.extension}",
        )
        statement.document = documents.save_document(document, [version], actor)
        statement.save(update_fields=["document"])
    return statement.document


def _set_titles(document: Document, inscription: Inscription) -> None:
    """The document's title in each language of the site: whose statement, on which item,
    "check against delivery"."""
    for code in OFFICIAL_LANGUAGE_CODES:
        language = interface_language(code)
        if language is None:
            continue
        with translation.override(language):
            title = _(
                "Statement of %(delegation)s on agenda item %(number)d (check against delivery)"
            ) % {
                "delegation": inscription.delegation.entity.display_name,
                "number": inscription.speakers_list.item_number,
            }
        setattr(document, build_localized_fieldname("title", language), title[:500])
