"""Reading our PDFs back with pypdf: every string drawn, in which font, where and how wide;
the lines of a page; whether each character drawn has its glyph in the font that draws it;
and Arabic read back in logical order."""

import io
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ContentStream

from languages.official import INTERFACE_LANGUAGES

# Every interface language: each PDF is read back in all of them.
LANGUAGES = [code for code, _name in INTERFACE_LANGUAGES]
# Unshaped: no presentation form. The tatweel (U+0640, as in "الـ 77") has none: drawn as is.
ARABIC_LETTERS = re.compile(r"[\u0621-\u063F\u0641-\u064A]")
HARAKAT = re.compile(r"[\u064B-\u065F\u0670]")  # marks reportlab cannot place: left out


@dataclass
class Drawn:
    """One string drawn (a Tj): its font (without the subset prefix), its text through the
    font's ToUnicode map ("\\0" for a code it does not map), the codes drawn, where it
    starts on the page and how wide it is (from the font's widths)."""

    font: str
    text: str
    codes: list[tuple[str, int]]  # (font resource, code)
    x: float
    y: float
    width: float = 0.0
    size: float = 0.0

    @property
    def right(self) -> float:
        return self.x + self.width


@dataclass
class _Font:
    name: str
    to_unicode: dict[int, str]
    widths: dict[int, float] = field(default_factory=dict)  # per code, in 1/1000 of the size


def _to_unicode(font) -> dict[int, str]:
    if "/ToUnicode" not in font:
        return {}
    data = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    mapping = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for code, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, start in re.findall(r"<(\w+)>\s*<(\w+)>\s*<(\w+)>", block):
            for offset in range(int(high, 16) - int(low, 16) + 1):
                mapping[int(low, 16) + offset] = chr(int(start, 16) + offset)
    return mapping


def base_font(font) -> str:
    return str(font["/BaseFont"]).lstrip("/").split("+", 1)[-1]


def _font(font) -> _Font:
    widths = {}
    if "/Widths" in font:
        first = int(font["/FirstChar"])
        widths = {first + index: float(w) for index, w in enumerate(font["/Widths"])}
    return _Font(base_font(font), _to_unicode(font), widths)


def _multiply(m, n) -> tuple:
    """The product of two PDF matrices (a b c d e f): m then n."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def drawn_texts(reader: PdfReader, page) -> list[Drawn]:
    """Every string drawn on the page, in the order drawn, with its place on the page."""
    resources = page["/Resources"].get("/Font", {})
    fonts = {key: _font(value.get_object()) for key, value in resources.items()}
    drawn: list[Drawn] = []
    ctm, stack = IDENTITY, []
    text_matrix = line_matrix = IDENTITY
    font_key, size, leading = None, 0.0, 0.0

    def show(raw) -> None:
        nonlocal text_matrix
        raw = raw.get_original_bytes() if hasattr(raw, "get_original_bytes") else bytes(raw)
        font = fonts[font_key]
        width = sum(font.widths.get(code, 0.0) for code in raw) * size / 1000
        place = _multiply(text_matrix, ctm)
        drawn.append(
            Drawn(
                font.name,
                "".join(font.to_unicode.get(code, "\0") for code in raw),
                [(font_key, code) for code in raw],
                place[4],
                place[5],
                width * place[0],
                size * place[3],
            )
        )
        text_matrix = _multiply((1, 0, 0, 1, width, 0), text_matrix)

    def next_line(tx: float, ty: float) -> None:
        nonlocal text_matrix, line_matrix
        line_matrix = text_matrix = _multiply((1, 0, 0, 1, tx, ty), line_matrix)

    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q":
            ctm = stack.pop()
        elif operator == b"cm":
            ctm = _multiply(tuple(float(value) for value in operands), ctm)
        elif operator == b"BT":
            text_matrix = line_matrix = IDENTITY
        elif operator == b"Tf":
            font_key, size = str(operands[0]), float(operands[1])
        elif operator == b"TL":
            leading = float(operands[0])
        elif operator == b"Tm":
            text_matrix = line_matrix = tuple(float(value) for value in operands)
        elif operator in (b"Td", b"TD"):
            if operator == b"TD":
                leading = -float(operands[1])
            next_line(float(operands[0]), float(operands[1]))
        elif operator == b"T*":
            next_line(0, -leading)
        elif operator == b"Tj":
            show(operands[0])
        elif operator in (b"'", b'"'):
            next_line(0, -leading)
            show(operands[-1])
        elif operator == b"TJ":
            for item in operands[0]:
                if isinstance(item, (int, float)) or hasattr(item, "as_numeric"):
                    shift = -float(item) / 1000 * size
                    text_matrix = _multiply((1, 0, 0, 1, shift, 0), text_matrix)
                else:
                    show(item)
    return drawn


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_lines(drawn: list[Drawn]) -> list[list[Drawn]]:
    """The strings drawn on each baseline, left to right, lines from the top down."""
    by_baseline = defaultdict(list)
    for item in drawn:
        if item.text.strip():
            by_baseline[round(item.y, 1)].append(item)
    return [
        sorted(items, key=lambda item: item.x)
        for _y, items in sorted(by_baseline.items(), reverse=True)
    ]


def lines(drawn: list[Drawn]) -> list[str]:
    """The texts drawn on one baseline, left to right, joined."""
    return ["".join(item.text for item in line) for line in page_lines(drawn)]


def all_lines(pdf: bytes) -> list[str]:
    """The lines of every page, as drawn (visual order)."""
    reader = read(pdf)
    return [line for page in reader.pages for line in lines(drawn_texts(reader, page))]


def logical(visual: str) -> str:
    """A right-to-left line read back in logical order: reversed, the presentation forms
    made letters again (NFKC), the marks left out. Right for the Arabic of the line; its
    Latin words come out reversed."""
    return HARAKAT.sub("", unicodedata.normalize("NFKC", visual[::-1]))


def arabic_phrases(text: str) -> list[str]:
    """The runs of Arabic words in a logical text, marks left out."""
    text = HARAKAT.sub("", text)
    return re.findall(r"[\u0621-\u064A\u066E-\u06D3]+(?: [\u0621-\u064A\u066E-\u06D3]+)*", text)


def shows(pdf_lines: list[str], expected: str) -> bool:
    """Whether the lines show the expected (logical) text: each run of Arabic words in order
    on one line read back logically; each other word (Latin, Cyrillic, Chinese, a number)
    as it is on a line (bidi may move the punctuation between them)."""
    phrases = arabic_phrases(expected)
    if not all(any(phrase in logical(line) for line in pdf_lines) for phrase in phrases):
        return False
    rest = HARAKAT.sub("", expected)
    for phrase in phrases:
        rest = rest.replace(phrase, " ")
    return all(any(word in line for line in pdf_lines) for word in re.findall(r"\w+", rest))


@cache
def _source_cmap(base: str) -> frozenset[int]:
    """The characters of the registered font of this name (reportlab's registry)."""
    from reportlab.pdfbase import pdfmetrics

    for name in pdfmetrics.getRegisteredFontNames():
        face = getattr(pdfmetrics.getFont(name), "face", None)
        face_name = getattr(face, "name", b"")
        if isinstance(face_name, bytes) and face_name.decode() == base:
            return frozenset(TTFont(face.filename, lazy=True).getBestCmap())
    raise LookupError(base)


def glyphless(pdf: bytes) -> list[tuple[str, str]]:
    """(character, font) of each character drawn without its glyph: a code the embedded
    font draws as .notdef or maps to no character, or a character its font lacks."""
    reader = read(pdf)
    found = []
    for page in reader.pages:
        resources = page["/Resources"].get("/Font", {})
        cmaps = {}
        for key, value in resources.items():
            font = value.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None or "/FontFile2" not in descriptor:
                cmaps[key] = None  # not embedded
                continue
            data = descriptor["/FontFile2"].get_object().get_data()
            cmaps[key] = TTFont(io.BytesIO(data))["cmap"].getcmap(1, 0).cmap
        for item in drawn_texts(reader, page):
            for (key, code), char in zip(item.codes, item.text, strict=True):
                cmap = cmaps[key]
                drawn = cmap is not None and cmap.get(code, ".notdef") != ".notdef"
                known = char != "\0" and (char.isspace() or ord(char) in _source_cmap(item.font))
                if not (drawn and known):
                    found.append((char, item.font))
    return found


def pdf_in(client, path: str, language: str) -> bytes:
    """A PDF the site makes, asked for in an interface language."""
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
    assert response["Content-Language"] == language
    return response.content


def assert_printed(pdf: bytes, *expected: str) -> list[str]:
    """Each expected (logical) text shown, every character in a font that has it, Arabic
    joined; the lines as drawn."""
    drawn = all_lines(pdf)
    assert [text for text in expected if not shows(drawn, text)] == [], drawn
    assert glyphless(pdf) == []
    assert not [line for line in drawn if ARABIC_LETTERS.search(line)]
    return drawn
