"""Badge photos: checked and re-encoded on upload, so that what is stored is a plain JPEG
of a sensible size with no metadata, whatever was sent."""

import io
import warnings

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MIN_WIDTH, MIN_HEIGHT = 400, 500
MAX_SIDE = 1200  # stored photos are at most this many pixels high or wide
MAX_PIXELS = 40_000_000  # larger images are refused as decompression bombs
ACCEPTED_FORMATS = {"JPEG", "PNG"}


class PhotoError(ValueError):
    """A photo that cannot be used; the message is for the user."""


def prepare_photo(uploaded) -> ContentFile:
    """Check an uploaded photo and return it re-encoded as a JPEG without metadata."""
    if uploaded.size > settings.PHOTO_MAX_BYTES:
        raise PhotoError(
            _("The photo is larger than %(mb)d MB.") % {"mb": settings.PHOTO_MAX_BYTES // 2**20}
        )
    data = uploaded.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise PhotoError(_("The photo must be a JPEG or PNG image."))
            if image.width * image.height > MAX_PIXELS:
                raise PhotoError(_("The image is too large to process."))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise PhotoError(_("The image is too large to process.")) from error
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise PhotoError(_("The file is not an image.")) from error
    image = ImageOps.exif_transpose(image)  # the camera's rotation, before EXIF is dropped
    if image.width < MIN_WIDTH or image.height < MIN_HEIGHT:
        raise PhotoError(
            _("The photo must be at least %(w)d by %(h)d pixels; this one is %(iw)d by %(ih)d.")
            % {"w": MIN_WIDTH, "h": MIN_HEIGHT, "iw": image.width, "ih": image.height}
        )
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    if image.mode != "RGB":
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.convert("RGBA").split()[-1])
        image = background
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=88)  # a new file: no EXIF, no other metadata
    return ContentFile(out.getvalue(), name="photo.jpg")
