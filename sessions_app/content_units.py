"""A session's content in the six languages, as units that officers and translators work on:
one translatable field of one object (`session.12.title`, `sitting.40.agenda_items`), its
English source and its value in each language. The units of a session are those of the
session, its series, its sittings and the venues and rooms they use; upper apps (documents)
add theirs with `add_content_provider` in their AppConfig.ready, without this app importing
them. Listing takes a fixed number of queries whatever the number of sittings."""

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from core.errors import DomainError
from core.validators import validate_single_line
from languages.content import ENGLISH, marked_content

from . import services
from .models import Room, Series, Session, Sitting, Venue

# English (the source) first, then the others in the UN's order.
TARGET_LANGUAGES = tuple(code for code in settings.MODELTRANSLATION_LANGUAGES if code != ENGLISH)
LANGUAGES = (ENGLISH, *TARGET_LANGUAGES)

# What a translation must carry over from its source (checked on the page and on import).
URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)]")
SYMBOL_NUMBER = re.compile(r"\d+(?:/\d+)+")  # resolution and document numbers: 76/182
TOKEN = re.compile(r"%\(\w+\)[sd]|\{[^{}\s]*\}")  # %(name)s, {name}


@dataclass(frozen=True)
class Unit:
    """One translatable field of one object."""

    obj: models.Model
    field: str

    @property
    def id(self) -> str:
        return f"{self.obj._meta.model_name}.{self.obj.pk}.{self.field}"

    @property
    def model_field(self) -> models.Field:
        return self.obj._meta.get_field(self.field)

    @property
    def label(self) -> str:
        return capfirst(self.model_field.verbose_name)

    @property
    def multiline(self) -> bool:
        return isinstance(self.model_field, models.TextField)

    @property
    def required(self) -> bool:
        """English may not be left empty (a title); translations always may."""
        return not self.model_field.blank

    def value(self, language: str) -> str:
        return getattr(self.obj, build_localized_fieldname(self.field, language)) or ""

    @property
    def source(self) -> str:
        return self.value(ENGLISH)

    def is_missing(self, language: str) -> bool:
        return bool(self.source.strip()) and not self.value(language).strip()


@dataclass(frozen=True)
class ContentObject:
    """An object with its units, shown together (one table on the officers' page)."""

    obj: models.Model
    units: list[Unit]

    @property
    def heading(self):
        """What the object is and its name in the reader's language (HTML, a fallback
        marked); a sitting with its time, since sittings of one title are told apart by it."""
        name = marked_content(self.obj, self.units[0].field) if self.units else str(self.obj)
        if isinstance(self.obj, Sitting):
            when = date_format(self.obj.local_start, "SHORT_DATETIME_FORMAT")
            return format_html(
                "{}: <bdi>{}</bdi>, <bdi>{}</bdi>",
                capfirst(self.obj._meta.verbose_name),
                name,
                when,
            )
        return format_html("{}: <bdi>{}</bdi>", capfirst(self.obj._meta.verbose_name), name)


# Each provider gives the objects of a session whose translated fields belong to its content,
# in a fixed number of queries whatever their number.
ContentProvider = Callable[[Session], Iterable[models.Model]]
_providers: list[ContentProvider] = []


def add_content_provider(provider: ContentProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def units_of(obj: models.Model) -> list[Unit]:
    """The object's translatable fields as units, in the model's order."""
    registered = translator.get_options_for_model(type(obj)).get_field_names()
    return [Unit(obj, field.name) for field in obj._meta.get_fields() if field.name in registered]


def _own_objects(session: Session) -> list[models.Model]:
    """The session, its series, its sittings and the venues and rooms they use: two
    queries."""
    session = Session.objects.select_related("series", "venue", "room__venue").get(pk=session.pk)
    sittings = list(session.sittings.select_related("room__venue").order_by("start", "pk"))
    rooms = [session.room, *(sitting.room for sitting in sittings)]
    venues = [session.venue, *(room.venue for room in rooms if room is not None)]
    unique = {}
    for obj in [session.series, session, *sittings, *venues, *rooms]:
        if obj is not None:
            unique.setdefault((type(obj), obj.pk), obj)
    return list(unique.values())


def session_content(session: Session) -> list[ContentObject]:
    """The session's content, object by object."""
    objects = _own_objects(session)
    for provider in _providers:
        objects += list(provider(session))
    return [ContentObject(obj, units) for obj in objects if (units := units_of(obj))]


def units_in(content: Iterable[ContentObject]) -> list[Unit]:
    return [unit for item in content for unit in item.units]


def session_units(session: Session) -> list[Unit]:
    return units_in(session_content(session))


def missing_counts(units: Iterable[Unit]) -> dict[str, int]:
    """By target language, how many units have English but no translation."""
    units = list(units)
    return {
        language: sum(unit.is_missing(language) for unit in units) for language in TARGET_LANGUAGES
    }


# --- Checks and saving -------------------------------------------------------------------


class ContentError(DomainError):
    """Content refused: one (unit id, language, message) per value that is wrong."""

    code = "content_invalid"

    def __init__(self, problems: list[tuple[str, str, str]]) -> None:
        super().__init__(_("Nothing was saved: correct the values marked and try again."))
        self.problems = problems


def normalized(text: str, multiline: bool) -> str:
    """Typed text as it is kept: Windows line breaks made plain, spaces at the ends of
    lines and blank lines around the text dropped."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        return text.strip()
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def value_problems(unit: Unit, language: str, text: str) -> list[str]:
    """What is wrong with a value typed for a unit (already normalized)."""
    if not text:
        if language == ENGLISH and unit.required:
            return [_("The English text is required.")]
        return []
    lines = text.split("\n") if unit.multiline else [text]
    problems = []
    try:
        for line in lines:
            validate_single_line(line)
        for validator in unit.model_field.validators:
            if validator is not validate_single_line:
                validator(text)
    except ValidationError as error:
        problems += error.messages
    return problems


def carried_over_problems(unit: Unit, source: str, target: str) -> list[str]:
    """What a translation lacks of its English source: its web addresses, its document
    numbers (76/182), its `{name}` and `%(name)s` tokens, and, in a field of several lines
    (one agenda item per line), as many lines."""
    if not source or not target:
        return []
    problems = []
    for pattern, message in (
        (URL, _("The web address %(item)s is missing.")),
        (SYMBOL_NUMBER, _("The number %(item)s is missing.")),
        (TOKEN, _("The placeholder %(item)s is missing.")),
    ):
        problems += [
            message % {"item": item}
            for item in dict.fromkeys(pattern.findall(source))
            if item not in target
        ]
    if unit.multiline:
        expected, found = len(source.split("\n")), len(target.split("\n"))
        if expected != found:
            problems.append(
                ngettext(
                    "The English has %(expected)d line; this has %(found)d.",
                    "The English has %(expected)d lines; this has %(found)d.",
                    expected,
                )
                % {"expected": expected, "found": found}
            )
    return problems


def save_content(units: Iterable[Unit], values: dict[tuple[str, str], str]) -> int:
    """Save values typed for units, by (unit id, language): all of them, or, if any is
    wrong, none (ContentError lists each). Returns how many values changed."""
    by_id = {unit.id: unit for unit in units}
    problems: list[tuple[str, str, str]] = []
    changes: dict[tuple[str, str], str] = {}
    for (unit_id, language), typed in values.items():
        unit = by_id.get(unit_id)
        if unit is None or language not in LANGUAGES:
            problems.append((unit_id, language, _("There is no such text in this session.")))
            continue
        text = normalized(typed, unit.multiline)
        if text != unit.value(language):  # what is kept as it was is not checked again
            changes[unit_id, language] = text
    for (unit_id, language), text in changes.items():
        unit = by_id[unit_id]
        problems += [
            (unit_id, language, message) for message in value_problems(unit, language, text)
        ]
        if language != ENGLISH:
            source = changes.get((unit_id, ENGLISH), unit.source)
            problems += [
                (unit_id, language, message)
                for message in carried_over_problems(unit, source, text)
            ]
    if problems:
        raise ContentError(problems)
    return _write(by_id, changes)


def _write(by_id: dict[str, Unit], changes: dict[tuple[str, str], str]) -> int:
    """Write the values in one transaction, each row only its own changed columns (an
    officer saving other columns of the same rows at the same time keeps theirs), one
    UPDATE per model and set of columns. Rows with an `updated_at` have it moved, and so
    do the sittings that show a changed session, room, venue or series, so that calendar
    feeds see the change (services.shown_changed: their bookings and events follow)."""
    # Each row once (its units' first instance) with the columns it changes.
    rows: dict[tuple[type, object], tuple[models.Model, set[str]]] = {}
    for (unit_id, language), text in changes.items():
        unit = by_id[unit_id]
        obj, changed = rows.setdefault((type(unit.obj), unit.obj.pk), (unit.obj, set()))
        column = build_localized_fieldname(unit.field, language)
        setattr(obj, column, text)
        changed.add(column)
    now = timezone.now()
    groups: dict[tuple[type, frozenset], list[models.Model]] = defaultdict(list)
    changed_rows: dict[type, set[int]] = defaultdict(set)
    for (model, _pk), (obj, changed) in rows.items():
        if any(field.name == "updated_at" for field in model._meta.concrete_fields):
            obj.updated_at = now
            changed.add("updated_at")
        groups[model, frozenset(changed)].append(obj)
        changed_rows[model].add(obj.pk)
    with transaction.atomic():
        for (model, changed), objects in groups.items():
            model._base_manager.bulk_update(objects, sorted(changed))
        services.shown_changed(
            now=now,
            sittings=changed_rows[Sitting],
            sessions=changed_rows[Session],
            rooms=changed_rows[Room],
            venues=changed_rows[Venue],
            series=changed_rows[Series],
        )
    return len(changes)
