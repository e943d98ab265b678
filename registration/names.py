"""Names of entities in the reader's language, with no query.

States (Member and observer) are named from their ISO 3166 alpha-3 code: the UN's official
short name where we keep it (data/un_names.csv: iso, language, name; where the UN's name
differs from CLDR's, such as "Republic of Korea" or "Viet Nam"), else CLDR's name through
Babel; in English, the name stored from the UN's list (data/states.csv). Organisations
carry their own names per language (`name_ar`, `name_zh_hans`..., registration.translation),
with the English `name_en` as the fallback."""

import csv
import unicodedata
from functools import cache
from pathlib import Path

from babel import Locale
from babel.core import get_global
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from languages.official import OFFICIAL, OFFICIAL_LANGUAGE_CODES, un_code

UN_NAMES_CSV = Path(__file__).parent / "data" / "un_names.csv"
STATES_CSV = Path(__file__).parent / "data" / "states.csv"
STATE_KINDS = ("member_state", "observer_state")
ENGLISH = "en"

# The interface's language ("zh-hans") to the UN's code in data ("zh") and Babel's locale.
_LOCALES = {language.code: language.locale for language in OFFICIAL}
_BABEL_LOCALES = {"ar": "ar", "zh": "zh_Hans", "en": "en", "fr": "fr", "ru": "ru", "es": "es"}


def language_code(language: str | None = None) -> str:
    """The UN code ("zh") of this interface language, the active one by default; English
    for any language that is not official."""
    return un_code(language)


@cache
def un_names() -> dict[tuple[str, str], str]:
    with UN_NAMES_CSV.open(encoding="utf-8", newline="") as file:
        return {(row["iso"], row["language"]): row["name"] for row in csv.DictReader(file)}


@cache
def _territories(code: str) -> dict[str, str]:
    return dict(Locale.parse(_BABEL_LOCALES[code]).territories)


def _alpha2(iso3: str) -> str | None:
    aliases = get_global("territory_aliases").get(iso3.upper())
    return aliases[0] if aliases else None


def country_name(iso3: str, language: str | None = None) -> str | None:
    """A State's short name in this language (the active one by default), or None for a
    code that is not a country's."""
    code = language_code(language)
    name = un_names().get((iso3.upper(), code))
    if name:
        return name
    alpha2 = _alpha2(iso3)
    return _territories(code).get(alpha2) if alpha2 else None


@cache
def _state_codes() -> tuple[str, ...]:
    with STATES_CSV.open(encoding="utf-8", newline="") as file:
        return tuple(row["iso3"] for row in csv.DictReader(file))


def state_codes_matching(text: str, language: str | None = None) -> list[str]:
    """Codes of the States whose name in this language contains the text, for a search
    in the reader's language ("Autriche" finds Austria)."""
    wanted = text.casefold()
    return [
        code for code in _state_codes() if wanted in (country_name(code, language) or "").casefold()
    ]


def sort_key(name: str) -> str:
    """Order names as a reader expects: accents and case set aside ("Émirats" among the E),
    without a collation library (alphabet order within a script)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def entity_name(entity, language: str | None = None) -> str:
    """The entity's name for a reader of this language (the active one by default)."""
    code = language_code(language)
    if entity.kind in STATE_KINDS and entity.code:
        if code == ENGLISH:
            return un_names().get((entity.code.upper(), ENGLISH)) or entity.name_en
        return country_name(entity.code, code) or entity.name_en
    own = getattr(entity, build_localized_fieldname("name", _LOCALES[code]))
    return own or entity.name_en or ""


def validate_names(value) -> None:
    """Names once kept as {language code: name}; migration 0009 still refers to it."""
    codes = set(OFFICIAL_LANGUAGE_CODES)
    if not isinstance(value, dict) or not all(
        key in codes and isinstance(name, str) and name.strip() and "\n" not in name
        for key, name in value.items()
    ):
        raise ValidationError(
            _("Give one line of text per language code (%(codes)s)."),
            params={"codes": ", ".join(sorted(codes))},
        )
