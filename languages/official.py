"""The six official languages of the United Nations, written once: the interface's
languages (settings.LANGUAGES), the codes of sessions' and sittings' languages of
interpretation, documentation languages and the rows of the list of languages all come
from here. No model imports: the settings import this module."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class OfficialLanguage:
    code: str  # as the UN writes it, and in data: "zh"
    locale: str  # the interface's language code: "zh-hans"
    name: object  # translated lazily
    english_name: str
    own_name: str  # the language's name in itself, as UN pages label language versions


# In UN (English alphabetical) order.
OFFICIAL = (
    OfficialLanguage("ar", "ar", _("Arabic"), "Arabic", "العربية"),
    OfficialLanguage("zh", "zh-hans", _("Chinese"), "Chinese", "中文"),
    OfficialLanguage("en", "en", _("English"), "English", "English"),
    OfficialLanguage("fr", "fr", _("French"), "French", "Français"),
    OfficialLanguage("ru", "ru", _("Russian"), "Russian", "Русский"),
    OfficialLanguage("es", "es", _("Spanish"), "Spanish", "Español"),
)
OFFICIAL_LANGUAGES = [(language.code, language.name) for language in OFFICIAL]
OFFICIAL_LANGUAGE_CODES = [language.code for language in OFFICIAL]
OWN_NAMES = {language.code: language.own_name for language in OFFICIAL}
INTERFACE_LANGUAGES = [(language.locale, language.name) for language in OFFICIAL]


def interface_language(code: str | None) -> str | None:
    """The site's language for a code ("zh-hans" for "zh-Hans" or the UN's "zh"), or None
    for one the site does not offer."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code.lower())
    except LookupError:
        return None


def un_code(language: str | None = None) -> str:
    """The UN's code ("zh") of a site language ("zh-hans", "zh-Hans", "fr-FR", or a UN
    code itself), the active one by default; English for a language the site does not
    offer."""
    site = interface_language(language) if language else active_language()
    return next((official.code for official in OFFICIAL if official.locale == site), "en")


def language_name(code: str) -> str:
    """An official language's name in the reader's language, for a site code ("zh-hans")
    or any code the site reads as one ("fr-FR"); the code itself for any other."""
    site_code = interface_language(code)
    return str(dict(INTERFACE_LANGUAGES)[site_code]) if site_code else code


def active_language() -> str:
    """The site's language now active (the default where the active one is not the
    site's: a task or command with none of its own)."""
    return interface_language(translation.get_language()) or settings.LANGUAGE_CODE


def direction(code: str) -> str:
    """ "rtl" for a language written right to left (Arabic), else "ltr"."""
    return "rtl" if translation.get_language_info(code)["bidi"] else "ltr"
