"""Real files for document tests: PDFs made with reportlab, Word documents (DOCX) made as
Word makes them (a zip of its parts), and documents through the service."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from reportlab.pdfgen import canvas

from documents import services
from documents.models import Document

DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="{main}"/>'
    "</Types>"
)
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def pdf_bytes(text: str = "A document", title: str = "") -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    if title:
        page.setTitle(title)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return buffer.getvalue()


def docx_bytes(title: str = "", main: str = WORD_MAIN, parts: dict | None = None) -> bytes:
    """A Word document; `parts` adds parts by name (an embedded object, relationships)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, part in (parts or {}).items():
            archive.writestr(name, part)
        archive.writestr("[Content_Types].xml", DOCX_TYPES.format(main=main))
        archive.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>Text</w:t></w:r></w:p></w:body></w:document>",
        )
        if title:
            archive.writestr(
                "docProps/core.xml",
                '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
                'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                f"<dc:title>{title}</dc:title></cp:coreProperties>",
            )
    return buffer.getvalue()


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content)


def document(session, symbol="UNODC/CCPCJ/EG.10/2025/1", languages=("en",), **fields) -> Document:
    """A document registered through the service, with a PDF per language."""
    fields.setdefault("kind", Document.Kind.WORKING_PAPER)
    fields.setdefault("status", Document.Status.PUBLISHED)
    fields.setdefault("title_en", f"Document {symbol}")
    versions = services.checked_versions(
        {language: upload(f"{language}.pdf") for language in languages}
    )
    return services.save_document(Document(session=session, symbol=symbol, **fields), versions)
