"""What a document or contribution file must be: a readable PDF without active content, or a
real Word document (DOCX), by its content and not its name; no larger than
settings.DOCUMENT_MAX_BYTES. Checked before anything is written."""

import io
import re
import zipfile
import zlib
from dataclasses import dataclass

from defusedxml import ElementTree
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from registration.pdf_checks import UnreadablePdf, inspect_pdf

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# Parts that make Word run or fetch something: macros, embedded objects, ActiveX controls.
ACTIVE_PARTS = re.compile(r"(^|/)vbaProject\.bin$|^word/(embeddings|activeX)/", re.IGNORECASE)
# Relationships that make Word fetch a template, an object or a frame from outside.
ACTIVE_RELATIONSHIPS = re.compile(r"/(attachedTemplate|oleObject|frame|subDocument)$")
RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
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
        reader, active = inspect_pdf(content)
    except UnreadablePdf as error:
        raise ValueError(_("The file is not a readable PDF.")) from error
    try:
        title = (reader.metadata or {}).get("/Title") or ""
    except Exception:  # damaged properties: the file has no title then
        title = ""
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
    refused), with no active content (see _active_part)."""
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
            active = _active_part(archive, names)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, zlib.error) as error:
        raise not_word from error
    if DOCX_MAIN not in types:
        raise not_word
    if active:
        raise ValueError(
            _(
                "The Word document holds active content (%(found)s: macros, embedded objects "
                "or links to outside templates). Save it as a plain DOCX, or as a PDF, and "
                "upload that."
            )
            % {"found": active}
        )
    return _text(core, DC_TITLE)


def _active_part(archive: zipfile.ZipFile, names: set[str]) -> str | None:
    """The first part that makes Word run or fetch something: macros, embedded objects,
    ActiveX controls, or a relationship to a template, object or frame outside the file."""
    for name in sorted(names):
        if ACTIVE_PARTS.search(name):
            return name
    for name in sorted(name for name in names if name.endswith(".rels")):
        try:
            relationships = ElementTree.fromstring(archive.read(name)).iter(RELATIONSHIP)
            for relationship in relationships:
                if relationship.get("TargetMode") == "External" and ACTIVE_RELATIONSHIPS.search(
                    relationship.get("Type", "")
                ):
                    return relationship.get("Type").rsplit("/", 1)[-1]
        except (ElementTree.ParseError, ValueError):  # defusedxml refuses entities
            return name
    return None


def _text(xml: bytes, tag: str) -> str:
    try:
        text = ElementTree.fromstring(xml).findtext(tag) if xml else ""
    except (ElementTree.ParseError, ValueError):  # defusedxml refuses entities
        text = ""
    return " ".join((text or "").split())
