"""What keeps a batch of thousands of badges lean with reportlab, all in one place because
it leans on reportlab's internals (`_doc`, `_digester`, `Pages.pages`, the `format` of
PDFDocument); each falls back to reportlab's own way where a version no longer fits.

- Photos: a plain JPEG of a sensible size is embedded as it is, sharing the caller's bytes
  (no file, no copy, no decoding); others are decoded and re-encoded once per photo.
- Streams in binary, not ASCII85 (reportlab's pure-Python ASCII85 costs about 10 ms a photo).
- Each page compressed as soon as it is finished, not kept as text until the save.
- Saving writes each PDF object out as it is made, instead of gathering the whole file."""

import hashlib
import io
import types
from contextlib import contextmanager
from typing import BinaryIO

from PIL import Image, ImageOps, UnidentifiedImageError
from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.pdfgen.canvas import Canvas

PASSTHROUGH_MAX_SIDE = 1200  # JPEGs up to this size go into the PDF as they are
PHOTO_MAX_SIDE = 800  # others are scaled down to this (about 450 dpi on an A6 badge)


class Photos:
    """The photos of one PDF, one image in it per distinct photo, under a name for
    canvas.drawImage. A plain JPEG of a sensible size goes in as it is (reportlab embeds a
    JPEG without decoding it); others are decoded and re-encoded once."""

    def __init__(self, canvas: Canvas):
        self.canvas = canvas
        self.names: dict[bytes, str | None] = {}

    def name(self, data: bytes) -> str | None:
        """The photo's name for drawImage, or None if it cannot be read."""
        key = hashlib.blake2b(data, digest_size=16).digest()
        if key not in self.names:
            name = f"photo-{key.hex()}.jpg"
            jpeg = self._jpeg(data)
            if jpeg is not None and not embed_jpeg(self.canvas, name, jpeg):
                jpeg = self._jpeg(data, as_is=False)  # a JPEG whose header reportlab misreads
                if jpeg is not None and not embed_jpeg(self.canvas, name, jpeg):
                    jpeg = None
            self.names[key] = name if jpeg is not None else None
        return self.names[key]

    @staticmethod
    def _jpeg(data: bytes, as_is: bool = True) -> bytes | None:
        """The photo as a JPEG for the PDF: the bytes given when they will do."""
        try:
            image = Image.open(io.BytesIO(data))
            as_is = (
                as_is
                and image.format == "JPEG"
                and image.mode in ("RGB", "L")
                and max(image.size) <= PASSTHROUGH_MAX_SIDE
                and image.getexif().get(0x0112, 1) == 1  # no rotation to apply
            )
            if as_is:
                return data
            image.draft("RGB", (PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))  # JPEG: decode smaller
            image = ImageOps.exif_transpose(image)
            image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
            if image.mode != "RGB":
                background = Image.new("RGB", image.size, "white")
                background.paste(image, mask=image.convert("RGBA").getchannel("A"))
                image = background
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=88)
            return out.getvalue()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            return None


def embed_jpeg(canvas: Canvas, name: str, data: bytes) -> bool:
    """Make canvas.drawImage(name, ...) draw these JPEG bytes. drawImage would read them
    from a file of that name (embedding a JPEG as it is, without decoding it) and keep a
    copy until the PDF is saved; this makes its image object as it would, from the bytes
    given and sharing them: no file written or read, no copy. False if reportlab cannot
    read the JPEG's header."""
    key = pdfcanvas._digester(f"{name}None".encode())  # drawImage's key: name and mask
    image = pdfdoc.PDFImageXObject(key)
    if not image.loadImageFromJPEG(io.BytesIO(data)):
        return False
    if not rl_config.useA85:
        image.streamContent = data
    image.name = key
    canvas._doc.Reference(image, canvas._doc.getXObjectName(key))
    canvas._doc.addForm(key, image)
    return True


@contextmanager
def binary_streams():
    """reportlab writes streams (photos, pages) in ASCII85 by default, in pure Python
    without its optional accelerator: about 10 ms for a photo. Binary is as valid."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def save_written_through(canvas: Canvas, output: BinaryIO) -> None:
    """canvas.save(), with each PDF object written to the output as soon as it is made:
    reportlab's own saving gathers every object's bytes, then joins them, before writing
    (twice the PDF in memory). reportlab's `format` runs unchanged, with a file that writes
    through instead of gathering; should a version of reportlab no longer format into a
    PDFFile, it saves the usual way."""
    format_document = pdfdoc.PDFDocument.format
    if "PDFFile" not in format_document.__code__.co_names or format_document.__closure__:
        canvas.save()
        return

    class WrittenThrough(pdfdoc.PDFFile):
        def __init__(self, *args):
            super().__init__(*args)  # the header, gathered: write it, then write through
            output.write(b"".join(self.strings))
            self.strings = []
            self.write = output.write

        def format(self, document):
            return b""  # all written already

    namespace = {**vars(pdfdoc), "PDFFile": WrittenThrough}
    written_through = types.FunctionType(format_document.__code__, namespace)
    canvas._doc.format = types.MethodType(written_through, canvas._doc)
    try:
        canvas.save()
    finally:
        del canvas._doc.format  # a cycle through the document, which could then outlive us


def compress_last_page(canvas: Canvas) -> None:
    """reportlab keeps each page's drawing as text until the document is saved, and only
    then compresses it (pageCompression); compressed now, a page takes a quarter of the
    memory meanwhile. The same stream is written, with the same filter."""
    pages = getattr(canvas._doc.Pages, "pages", None)
    page = pages[-1] if pages else None
    stream = getattr(page, "stream", None)
    if not stream or page.Contents or not page.compression or rl_config.useA85:
        return
    flate = pdfdoc.PDFZCompress
    contents = pdfdoc.PDFStream(content=flate.encode(stream))
    contents.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName(flate.pdfname)])
    contents.__Comment__ = "page stream"
    page.Contents, page.stream = contents, None
