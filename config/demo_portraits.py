"""Placeholder portraits for the demo's participants: no real faces, only a head-and-shoulders
silhouette in a colour of the person's own on a light background, and their initials. The
same person always gets the same picture (the colours and proportions come from a hash of
the name), so seeding again makes the same bytes."""

import colorsys
import hashlib
import io
import unicodedata
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from pdftext.fonts import SANS_SOURCE

# The registration photo rules ask for at least 400 x 500 pixels (registration.photos).
PORTRAIT_SIZE = (400, 500)
JPEG_QUALITY = 88  # what registration.photos stores


def initials(given: str, family: str) -> str:
    """The first letter of the given and family names, in capitals ("Élodie Lefèvre": ÉL;
    "María José Hernández": MH)."""
    letters = [name.strip()[:1] for name in (given, family) if name.strip()]
    return unicodedata.normalize("NFC", "".join(letters)).upper()


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    font = ImageFont.truetype(str(SANS_SOURCE), size)
    font.set_variation_by_axes([700, 100])  # weight, width: bold, normal width
    return font


def _rgb(hue: float, lightness: float, saturation: float) -> tuple[int, int, int]:
    red, green, blue = colorsys.hls_to_rgb(hue, lightness, saturation)
    return round(red * 255), round(green * 255), round(blue * 255)


def portrait_image(given: str, family: str, variant: str = "") -> Image.Image:
    """The portrait as a Pillow image (RGB). `variant` makes a different picture of the same
    name (benchmarks need many distinct ones)."""
    digest = hashlib.sha256(f"{given}\n{family}\n{variant}".encode()).digest()
    hue = digest[0] / 255
    colour = _rgb(hue, 0.38 + digest[1] / 255 * 0.2, 0.35 + digest[2] / 255 * 0.3)
    background = _rgb((hue + 0.5) % 1, 0.9 + digest[3] / 255 * 0.06, 0.25)
    width, height = PORTRAIT_SIZE
    image = Image.new("RGB", PORTRAIT_SIZE, background)
    draw = ImageDraw.Draw(image)
    centre = width // 2 + (digest[4] % 21) - 10
    head_w, head_h = 130 + digest[5] % 30, 160 + digest[6] % 30
    head_top = 70 + digest[7] % 20
    shoulders_top = head_top + head_h + 25
    shoulders_w = 460 + digest[8] % 60
    # Shoulders: the top of a wide ellipse running off the bottom edge; neck; head.
    draw.ellipse(
        (centre - shoulders_w // 2, shoulders_top, centre + shoulders_w // 2, height + 200),
        fill=colour,
    )
    draw.rectangle((centre - 32, head_top + head_h - 30, centre + 32, shoulders_top + 20), colour)
    draw.ellipse(
        (centre - head_w // 2, head_top, centre + head_w // 2, head_top + head_h), fill=colour
    )
    letters = initials(given, family)
    if letters:
        chest = (shoulders_top + height) // 2 + 10
        draw.text((centre, chest), letters, fill="white", font=_font(64), anchor="mm")
    return image


def portrait(given: str, family: str, variant: str = "") -> bytes:
    """The portrait as a JPEG (as registration.photos would store it)."""
    out = io.BytesIO()
    portrait_image(given, family, variant).save(out, format="JPEG", quality=JPEG_QUALITY)
    return out.getvalue()
