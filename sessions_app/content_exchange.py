"""A translator's round trip: a session's content for one target language as an XLIFF 2.0
file (what CAT tools read) or a CSV sheet (id, source, target), and the translated file read
back. An upload is checked whole first (unknown ids, English changed since the export, what
the translation must carry over, the target language, the file itself); if anything is
wrong nothing is saved and each problem names its unit.

In XLIFF each content unit is one `<unit>` with one `<segment>`; the line breaks of a field
of several lines (one agenda item per line) stay in it (`xml:space="preserve"`), and the
translation must have as many lines. A CAT tool that splits a unit into several segments
may: they are joined again on import."""

import codecs
import csv
import re
import xml.etree.ElementTree as ET  # writing only: uploads are read with defusedxml

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core import tables
from languages.official import interface_language, language_name

from .content_units import (
    ENGLISH,
    TARGET_LANGUAGES,
    ContentError,
    Unit,
    normalized,
    save_content,
)

XLIFF = "urn:oasis:names:tc:xliff:document:2.0"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
MAX_FILE_BYTES = 2 * 2**20  # a session's content is a few hundred kilobytes at most
# The CSV's columns; the third names the target language: "target (fr)".
CSV_TARGET = re.compile(r"target(?:\s*\((?P<language>[^)]*)\))?")
FORMATS = ("xlf", "csv")


def _q(tag: str) -> str:
    return f"{{{XLIFF}}}{tag}"


def xliff_bytes(units: list[Unit], language: str, original: str) -> bytes:
    """The units as an XLIFF 2.0 document from English to `language`: a `<target>` where a
    translation exists, a note naming what each unit is."""
    root = ET.Element(
        "xliff", {"xmlns": XLIFF, "version": "2.0", "srcLang": ENGLISH, "trgLang": language}
    )
    file = ET.SubElement(root, "file", {"id": "f1", "original": original})
    for unit in _with_english(units):
        element = ET.SubElement(file, "unit", {"id": unit.id})
        notes = ET.SubElement(element, "notes")
        ET.SubElement(notes, "note", {"category": "context"}).text = _note(unit)
        segment = ET.SubElement(element, "segment")
        texts = [("source", unit.source)]
        if unit.value(language):
            texts.append(("target", unit.value(language)))
        for tag, text in texts:
            part = ET.SubElement(segment, tag)
            part.text = text
            if unit.multiline:
                part.set(XML_SPACE, "preserve")
    # Written unqualified under a default namespace (ElementTree's default_namespace cannot
    # take unqualified attributes such as srcLang).
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _with_english(units: list[Unit]) -> list[Unit]:
    """The units a translator has something to translate in."""
    return [unit for unit in units if unit.source.strip()]


def _note(unit: Unit) -> str:
    kind = capfirst(unit.obj._meta.verbose_name)
    if unit.multiline:
        return _("%(kind)s, %(field)s (several lines: keep as many lines)") % {
            "kind": kind,
            "field": unit.label,
        }
    return _("%(kind)s, %(field)s (one line)") % {"kind": kind, "field": unit.label}


def csv_bytes(units: list[Unit], language: str) -> bytes:
    """The units as a CSV sheet: id, English source, target. UTF-8 with a byte order mark,
    so that Excel opens Arabic and Chinese correctly; no cell runs as a formula."""
    header = ("id", "source", f"target ({language})")
    rows = [
        header,
        *((unit.id, unit.source, unit.value(language)) for unit in _with_english(units)),
    ]
    return ("\ufeff" + tables.csv_text(rows)).encode("utf-8")


# --- Import ------------------------------------------------------------------------------


def _refused(message: str) -> ContentError:
    return ContentError([("", "", message)])


def read_file(uploaded, language: str) -> list[tuple[str, str, str]]:
    """The (id, source, target) entries of an uploaded XLIFF or CSV file for `language`;
    ContentError if the file itself is wrong (too large, unreadable, another language)."""
    if uploaded.size > MAX_FILE_BYTES:
        raise _refused(
            _("The file is larger than %(size)s.") % {"size": filesizeformat(MAX_FILE_BYTES)}
        )
    name = (uploaded.name or "").lower()
    if name.endswith((".xlf", ".xliff")):
        return _xliff_entries(uploaded.read(), language)
    if name.endswith(".csv"):
        return _csv_entries(uploaded, language)
    raise _refused(_("Upload an XLIFF (.xlf) or CSV (.csv) file."))


def _xliff_entries(data: bytes, language: str) -> list[tuple[str, str, str]]:
    try:
        root = SafeET.fromstring(data)
    except (ET.ParseError, DefusedXmlException, ValueError) as error:
        raise _refused(_("The file is not well-formed XML.")) from error
    if root.tag != _q("xliff") or root.get("version") != "2.0":
        raise _refused(_("The file is not an XLIFF 2.0 document."))
    if interface_language(root.get("srcLang")) != ENGLISH:
        raise _refused(_("The file's source language is not English."))
    _check_target_language(root.get("trgLang"), language)
    entries = []
    for unit in root.iter(_q("unit")):
        source, target, segments, translated = [], [], 0, 0
        for part in unit:
            if part.tag not in (_q("segment"), _q("ignorable")):
                continue
            found_source = part.find(_q("source"))
            found_target = part.find(_q("target"))
            source.append(_text(found_source))
            if part.tag == _q("segment"):
                segments += 1
                translated += found_target is not None
            # An ignorable's text (the spaces between segments) belongs to both sides.
            if found_target is not None or part.tag == _q("ignorable"):
                target.append(_text(found_target if found_target is not None else found_source))
        # A text split into segments and translated in part is not saved as if whole.
        whole = "".join(target) if translated in (0, segments) else None
        entries.append((unit.get("id", ""), "".join(source), whole))
    return entries


def _check_target_language(found: str | None, language: str) -> None:
    """The file's target language ("fr", "fr-FR", "zh-Hans") is the one chosen."""
    if interface_language(found) != language:
        raise _refused(
            _("The file is a translation into %(found)s, not %(expected)s.")
            % {"found": language_name(found) if found else "?", "expected": language_name(language)}
        )


def _text(element) -> str:
    return "".join(element.itertext()) if element is not None else ""


def _csv_entries(uploaded, language: str) -> list[tuple[str, str, str]]:
    try:
        rows = list(csv.reader(codecs.iterdecode(uploaded, "utf-8-sig")))
    except UnicodeDecodeError as error:
        raise _refused(_("Save the CSV file as UTF-8.")) from error
    except csv.Error as error:
        raise _refused(_("The file is not a readable CSV sheet.")) from error
    header = [cell.strip().lower() for cell in rows[0]] if rows else []
    target = CSV_TARGET.fullmatch(header[2]) if len(header) >= 3 else None
    if header[:2] != ["id", "source"] or target is None:
        raise _refused(_("The first row must be the columns id, source and target."))
    if target["language"] is not None:
        _check_target_language(target["language"].strip(), language)
    return [
        tuple(tables.read_csv_cell(cell) for cell in [*row, "", "", ""][:3])
        for row in rows[1:]
        if any(cell.strip() for cell in row)
    ]


def check_entries(
    units: list[Unit], language: str, entries: list[tuple[str, str, str]]
) -> dict[tuple[str, str], str]:
    """The translations to save from a file's entries, by (unit id, language), once every
    entry has been checked against the session (known, once, made from today's English,
    translated whole); ContentError with one problem per wrong entry otherwise. An empty
    target leaves the translation as it is."""
    by_id = {unit.id: unit for unit in units}
    problems: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    values = {}
    for unit_id, source, target in entries:
        unit = by_id.get(unit_id)
        if unit is None:
            problems.append((unit_id, language, _("There is no such text in this session.")))
            continue
        if unit_id in seen:
            problems.append((unit_id, language, _("This text is in the file twice.")))
            continue
        seen.add(unit_id)
        if normalized(source, unit.multiline) != normalized(unit.source, unit.multiline):
            problems.append(
                (
                    unit_id,
                    language,
                    _("The English has changed since the file was made: export it again."),
                )
            )
            continue
        if target is None:
            problems.append((unit_id, language, _("Not every part of this text is translated.")))
            continue
        # The values themselves are checked where every change is: save_content.
        if target.strip():
            values[unit_id, language] = target
    if problems:
        raise ContentError(problems)
    return values


def import_file(units: list[Unit], uploaded, language: str) -> int:
    """Read, check and save a translated file; returns how many translations changed.
    Nothing is saved if anything is wrong (ContentError)."""
    if language not in TARGET_LANGUAGES:
        raise _refused(_("Choose the language the file is translated into."))
    if uploaded is None:
        raise _refused(_("Choose the file to import."))
    values = check_entries(units, language, read_file(uploaded, language))
    return save_content(units, values)
