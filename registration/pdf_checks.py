"""What an uploaded PDF (a note verbale, a nomination letter) may not hold: content that a
PDF reader runs or opens by itself. Found by walking every object of the file as pypdf
reads it, so that names written with escapes (/J#61vaScript) or objects packed in object
streams are seen as a reader sees them."""

import io

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

# Keys that make a reader run something: JavaScript, actions on events (/AA), forms that
# run scripts (/XFA), embedded files and media.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/AA", "/XFA", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia"}
# Actions that run or open something outside the document.
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/Rendition"}
# The one action a document may take when it opens: showing one of its own pages.
OPENING_ACTIONS = {"/GoTo"}


class UnreadablePdf(ValueError):
    """The bytes are not a PDF that can be read whole, with at least one page."""


def inspect_pdf(content: bytes) -> tuple[PdfReader, str | None]:
    """The PDF, read, and the first sign of active content in it (None: none), whatever
    the file's name says; UnreadablePdf where it cannot be read. A damaged file makes pypdf
    raise errors of many kinds (its own, and others from objects of unexpected types, a
    number where a dictionary should be): each of them means unreadable."""
    if not content.startswith(b"%PDF-"):
        raise UnreadablePdf
    try:
        reader = PdfReader(io.BytesIO(content))
        if not reader.pages:
            raise UnreadablePdf
        return reader, active_content(reader)
    except UnreadablePdf:
        raise
    except Exception as error:  # see above
        raise UnreadablePdf from error


def active_content(reader: PdfReader) -> str | None:
    """The first sign of active content in the PDF (a key or an action), or None."""
    root = reader.trailer["/Root"].get_object()
    opening = root.get("/OpenAction")
    if opening is not None:
        opening = opening.get_object()
        if isinstance(opening, DictionaryObject) and opening.get("/S") not in OPENING_ACTIONS:
            return "/OpenAction"
    seen: set[int] = set()
    pending = [reader.trailer]
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            if item.idnum in seen:
                continue
            seen.add(item.idnum)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            found = ACTIVE_KEYS.intersection(item) or ACTIVE_ACTIONS.intersection([item.get("/S")])
            if found:
                return found.pop()
            pending.extend(item.values())
        elif isinstance(item, ArrayObject):
            pending.extend(item)
    return None
