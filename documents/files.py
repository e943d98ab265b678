"""What a document or contribution file must be: a readable PDF without active content, or a
real Word document (DOCX), by its content and not its name; no larger than
settings.DOCUMENT_MAX_BYTES. Checked before anything is written."""

import io
import zipfile
from dataclasses import dataclass

from defusedxml import ElementTree
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from pypdf.errors import PdfReadError

from registration.pdf_checks import active_content, read_pdf

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# A Word document unpacks to a few times its size; far more is a zip bomb.
DOCX_MAX_UNPACKED_RATIO = 20


DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    extension: str  # "pdf" or "docx"
    title: str = ""  # the title its properties give, if any

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.extension]


def check_file(uploaded) -> CheckedFile:
    """The file's content and type, or ValueError with the reason, for the reader."""
    limit = settings.DOCUMENT_MAX_BYTES
    if uploaded.size > limit:
        raise ValueError(_("The file is larger than %(size)s.") % {"size": filesizeformat(limit)})
    content = uploaded.read()
    if content.startswith(b"%PDF-"):
        return CheckedFile(content, "pdf", _checked_pdf(content))
    if content.startswith(b"PK\x03\x04"):
        return CheckedFile(content, "docx", _checked_docx(content))
    raise ValueError(_("The file is neither a PDF nor a Word document (DOCX)."))


def _checked_pdf(content: bytes) -> str:
    """The PDF's title, once it is known to be a readable PDF without active content."""
    try:
        reader = read_pdf(content)
        active = active_content(reader)
        title = (reader.metadata or {}).get("/Title") or ""
    except (PdfReadError, ValueError, OSError, KeyError) as error:
        raise ValueError(_("The file is not a readable PDF.")) from error
    if active:
        raise ValueError(
            _(
                "The PDF holds active content (%(found)s: scripts, actions or embedded files). "
                "Print it to a new PDF and upload that."
            )
            % {"found": active}
        )
    return " ".join(str(title).split())


def _checked_docx(content: bytes) -> str:
    """The document's title, once it is known to be a zip holding a Word document's parts,
    its main part declared as one (a macro-enabled document, .docm, declares another and is
    refused)."""
    not_word = ValueError(_("The file is not a Word document (DOCX)."))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > DOCX_MAX_UNPACKED_RATIO * max(len(content), 2**20):
                raise not_word
            if not {"[Content_Types].xml", "word/document.xml"} <= names:
                raise not_word
            types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
            core = archive.read("docProps/core.xml") if "docProps/core.xml" in names else b""
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as error:
        raise not_word from error
    if DOCX_MAIN not in types or "word/vbaProject.bin" in names:
        raise not_word
    try:
        title = ElementTree.fromstring(core).findtext(DC_TITLE) if core else ""
    except (ElementTree.ParseError, ValueError):  # defusedxml refuses entities
        title = ""
    return " ".join((title or "").split())
