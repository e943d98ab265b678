"""Every change of a session's documents: registering one under its symbol, its language
versions, publishing (a revision supersedes what it revises), withdrawing, and uploading a
whole set by file names. Views, the API, the admin and the demo all call these."""

import re
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from modeltranslation.utils import build_localized_fieldname

from core.errors import DomainError
from core.files import atomic_with_files, store_file
from languages.content import ENGLISH
from languages.official import OFFICIAL_LANGUAGE_CODES, interface_language
from registration.storage import delete_after_commit
from sessions_app.models import Session

from .files import CheckedFile, check_file
from .models import Document
from .symbols import parse_symbol

Status = Document.Status
# The name of a file in a set: the symbol with "_" for "/", then "_" and the UN language
# code: E_CN.15_2024_15_ar.pdf, UNODC_CCPCJ_EG.10_2025_CRP.1_en.docx (the names readers'
# downloads get, so a downloaded set can be uploaded again).
SET_FILE_NAME = re.compile(
    r"(?P<stem>.+)_(?P<language>" + "|".join(OFFICIAL_LANGUAGE_CODES) + r")\.(?:pdf|docx)",
    re.IGNORECASE,
)


class DocumentError(DomainError):
    """A change that the document rules refuse."""


class FileErrors(DocumentError):
    """Files refused, each with its reason; nothing was written."""

    code = "files_refused"

    def __init__(self, errors: list[tuple[str, str]]):
        self.errors = errors  # (file name, reason)
        super().__init__(
            ngettext(
                "Nothing was uploaded: %(count)d file has a problem.",
                "Nothing was uploaded: %(count)d files have problems.",
                len(errors),
            )
            % {"count": len(errors)}
        )

    def details(self) -> dict:
        return {"files": [{"file": name, "reason": reason} for name, reason in self.errors]}


@dataclass(frozen=True)
class Version:
    """A checked file for one language of a document."""

    language: str
    checked: CheckedFile
    name: str  # as uploaded, for messages


def checked_versions(files: dict[str, object]) -> list[Version]:
    """Every file checked (by content) before any is kept: FileErrors lists each refused
    one. `files` maps a UN language code to an uploaded file."""
    versions, errors = [], []
    for language, uploaded in files.items():
        if language not in OFFICIAL_LANGUAGE_CODES:
            errors.append(
                (uploaded.name, _("“%(code)s” is not an official language.") % {"code": language})
            )
            continue
        try:
            versions.append(Version(language, check_file(uploaded), uploaded.name))
        except ValueError as error:
            errors.append((uploaded.name, str(error)))
    if errors:
        raise FileErrors(errors)
    return versions


def validated(document: Document) -> Document:
    """The document's fields checked (the symbol's rules, one symbol one document), and
    the document it revises found by its symbol."""
    if document.symbol:
        document.symbol = document.symbol.strip()
        try:
            previous = parse_symbol(document.symbol).previous
        except ValidationError as error:
            raise DocumentError(" ".join(error.messages), code="symbol") from error
        if previous:
            document.revises = Document.objects.filter(symbol=previous).first()
            if document.revises is None:
                raise DocumentError(
                    _("%(symbol)s is not in the register: add it before what revises it.")
                    % {"symbol": previous},
                    code="revises_missing",
                )
    # Pages and feeds fall back to the English; a written contribution keeps the language
    # it was written in.
    if (
        not (document.title_en or "").strip()
        and document.kind != Document.Kind.WRITTEN_CONTRIBUTION
    ):
        raise DocumentError(_("Give the document's title in English."), code="title_missing")
    try:
        document.full_clean()
    except ValidationError as error:
        raise DocumentError(" ".join(error.messages), code="invalid") from error
    return document


def save_document(document: Document, versions: list[Version] = (), actor=None) -> Document:
    """Register a new document or save a changed one, with these language versions (each
    replaces the one of its language). One version of a document is current: publishing a
    revision supersedes what it revises; withdrawing it makes that current again; an
    original published again while its revision stands is superseded at once."""
    with atomic_with_files():
        before = Document.objects.filter(pk=document.pk).values_list("status", flat=True).first()
        validated(document)
        if document.status == Status.PUBLISHED and document.issued_on is None:
            document.issued_on = timezone.localdate()
        republished = document.status == Status.PUBLISHED and before not in (None, Status.PUBLISHED)
        if republished and _revisions(document.pk).filter(status__in=LISTED).exists():
            document.status = Status.SUPERSEDED
        document.save()
        save_versions(document, versions, actor)
        if document.status != before and _is_revision(document) and document.revises_id:
            if document.status == Status.PUBLISHED:
                _set_status(document.revises_id, Status.PUBLISHED, Status.SUPERSEDED)
            elif before == Status.PUBLISHED:
                _set_status(document.revises_id, Status.SUPERSEDED, Status.PUBLISHED)
    return document


LISTED = (Status.PUBLISHED, Status.SUPERSEDED)


def _is_revision(document: Document) -> bool:
    return bool(document.symbol) and parse_symbol(document.symbol).is_revision


def _revisions(pk: int):
    """The revisions (not corrigenda nor addenda) of a document."""
    return Document.objects.filter(revises=pk, symbol__regex=r"/Rev\.[0-9]+$")


def _set_status(pk: int, current: str, new: str) -> None:
    Document.objects.filter(pk=pk, status=current).update(status=new, updated_at=timezone.now())


def save_versions(document: Document, versions: list[Version], actor=None) -> None:
    """Keep these language versions of the document, each replacing the one of its
    language."""
    if versions:
        with atomic_with_files():
            keep_files(document.versions, versions, uploaded_by=actor)
            Document.objects.filter(pk=document.pk).update(updated_at=timezone.now())


def keep_files(rows, versions: list[Version], **fields) -> None:
    """Store these checked files in the rows of a related manager (a document's versions,
    a contribution's files), one per language: each replaces the file of its language,
    which is deleted once the transaction commits (a rollback keeps it)."""
    existing = {row.language: row for row in rows.all()}
    old = []
    for version in versions:
        row = existing.get(version.language) or rows.model(
            **{rows.field.name: rows.instance, "language": version.language}
        )
        old.append((row.file.storage, row.file.name))
        row.extension = version.checked.extension
        row.size = len(version.checked.content)
        for name, value in fields.items():
            setattr(row, name, value)
        store_file(row.file, version.name, ContentFile(version.checked.content))
        row.save()
    delete_after_commit(old)


def publish(document: Document) -> Document:
    document.status = Status.PUBLISHED
    return save_document(document)


def withdraw(document: Document) -> Document:
    document.status = Status.WITHDRAWN
    return save_document(document)


# --- A set of files by name ------------------------------------------------------------


@dataclass(frozen=True)
class SetDefaults:
    """What a set upload gives the documents it creates (those it finds keep theirs)."""

    kind: str = Document.Kind.OTHER
    status: str = Status.PUBLISHED
    distribution: str = Document.Distribution.GENERAL


def upload_set(session: Session, files: list, actor=None, defaults=SetDefaults()) -> list[Document]:
    """Add the files of a set to the session's documents, each named by its symbol and
    language (SET_FILE_NAME): a new symbol registers a document (its title from the file's
    properties, else the symbol), a known one gets the version. Every file is checked
    first; a set with any bad file is refused whole (FileErrors, one reason per file)."""
    _check_set_size(files)
    errors: list[tuple[str, str]] = []
    by_symbol: dict[str, dict[str, object]] = defaultdict(dict)
    for uploaded in files:
        match = SET_FILE_NAME.fullmatch(uploaded.name)
        if not match:
            errors.append((uploaded.name, _set_name_help()))
            continue
        symbol, language = match["stem"].replace("_", "/"), match["language"].lower()
        try:
            parse_symbol(symbol)
        except ValidationError as error:
            errors.append((uploaded.name, " ".join(error.messages)))
            continue
        if language in by_symbol[symbol]:
            errors.append(
                (uploaded.name, _("Two files of the set are the same document and language."))
            )
            continue
        by_symbol[symbol][language] = uploaded
    found = {doc.symbol: doc for doc in Document.objects.filter(symbol__in=list(by_symbol))}
    checked: dict[str, list[Version]] = {}
    for symbol, language_files in by_symbol.items():
        document = found.get(symbol)
        if document is not None and document.session_id != session.pk:
            errors += [
                (
                    uploaded.name,
                    _("%(symbol)s is a document of another session.") % {"symbol": symbol},
                )
                for uploaded in language_files.values()
            ]
            continue
        try:
            checked[symbol] = checked_versions(language_files)
        except FileErrors as refused:
            errors += refused.errors
    if errors:
        raise FileErrors(errors)
    saved = []
    with atomic_with_files():
        # Base symbols before what revises them, so that a set may bring both.
        for symbol in sorted(checked, key=lambda symbol: (symbol.count("/"), symbol)):
            document = found.get(symbol) or _new_from_files(
                session, symbol, checked[symbol], defaults
            )
            saved.append(save_document(document, checked[symbol], actor))
    return saved


def _check_set_size(files: list) -> None:
    """A set is read whole into memory to be checked before anything is kept: its number
    of files and their total size are limited (settings.DOCUMENT_SET_MAX_FILES, _MB)."""
    if len(files) > settings.DOCUMENT_SET_MAX_FILES:
        raise DocumentError(
            _("At most %(count)d files at a time.") % {"count": settings.DOCUMENT_SET_MAX_FILES},
            code="set_too_large",
        )
    if sum(uploaded.size for uploaded in files) > settings.DOCUMENT_SET_MAX_BYTES:
        raise DocumentError(
            _("At most %(size)s in one set: upload it in parts.")
            % {"size": filesizeformat(settings.DOCUMENT_SET_MAX_BYTES)},
            code="set_too_large",
        )


def _new_from_files(session, symbol, versions, defaults: SetDefaults) -> Document:
    document = Document(
        session=session,
        symbol=symbol,
        kind=defaults.kind,
        status=defaults.status,
        distribution=defaults.distribution,
    )
    titles = {version.language: version.checked.title for version in versions}
    for language, title in titles.items():
        if title:
            column = build_localized_fieldname("title", interface_language(language))
            setattr(document, column, title[:500])
    if not titles.get(ENGLISH):
        document.title_en = symbol
    return document


def _set_name_help() -> str:
    return _(
        "Name each file by its symbol and language, “/” written “_”: "
        "E_CN.15_2024_15_ar.pdf (ar, zh, en, fr, ru or es; PDF or DOCX)."
    )
